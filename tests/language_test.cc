// The article's language from its text (extract/language.h, CLD2), the
// page's declared language as the hint and the fallback.
#include "extract/language.h"

#include <doctest/doctest.h>

#include "winnow/article.h"

using winnow::extract::text_language;

namespace {

const char* kVietnamese =
    "Xung đột giữa Mỹ - Israel với Iran đã bước sang ngày thứ 6, song chưa có dấu hiệu chấm dứt. Lãnh đạo Mỹ và "
    "Israel vài ngày qua đều ám chỉ chiến dịch tập kích Iran của họ có thể kéo dài nhiều tuần.";
const char* kEnglish =
    "The council agreed on Tuesday to widen the river path, which runs for three kilometres along the east bank, "
    "after a year of complaints from cyclists and walkers about the crowding at weekends.";
const char* kGerman =
    "Am 12. bis 13. September startet wieder die Messe in Köln, und wir sind mit dabei. Auf Europas größter "
    "Konferenz für die Digitalbranche werden dieses Jahr mehr als 40.000 Besucher erwartet.";

}  // namespace

TEST_CASE("language: the text tells, whatever the page declares") {
  CHECK(text_language(kVietnamese, "", "vnexpress.net") == std::optional<std::string>("vi"));
  CHECK(text_language(kEnglish, "", "") == std::optional<std::string>("en"));
  // A page declared English whose text is German (a blog's template default).
  CHECK(text_language(kGerman, "en", "blog.example.com") == std::optional<std::string>("de"));
  // Agreeing with the declared tag keeps its precision.
  CHECK(text_language(kEnglish, "en-GB", "") == std::optional<std::string>("en-GB"));
}

TEST_CASE("language: too little text (or none) leaves the declared one, or none") {
  CHECK(text_language("OK", "vi", "") == std::optional<std::string>("vi"));
  CHECK(text_language("OK", "", "") == std::nullopt);
  CHECK(text_language("", "fr", "") == std::optional<std::string>("fr"));
  CHECK(text_language("\xff\xfe not UTF-8 \xc3", "", "") == std::nullopt);
}

TEST_CASE("language: --lang matches the primary subtag; an unknown language matches nothing") {
  const std::vector<std::string> wanted = {"vi", "en"};
  CHECK(winnow::language_in(std::optional<std::string>("en-GB"), wanted));
  CHECK(winnow::language_in(std::optional<std::string>("VI"), wanted));
  CHECK_FALSE(winnow::language_in(std::optional<std::string>("de"), wanted));
  CHECK_FALSE(winnow::language_in(std::nullopt, wanted));
  CHECK(winnow::language_in(std::nullopt, {}));  // no filter: every page
}
