// The language an article is written in, from its text (CLD2, Chrome's
// compact language detector: Debian's libcld2), with what the page
// declares as a hint.
#ifndef WINNOW_EXTRACT_LANGUAGE_H_
#define WINNOW_EXTRACT_LANGUAGE_H_

#include <optional>
#include <string>
#include <string_view>

namespace winnow::extract {

// `declared` is the page's own (<html lang>, og:locale, Content-Language;
// may be empty), `host` the page's host (its top-level domain is a hint).
// The text's language when CLD2 finds it reliably: as ISO 639-1 ("vi",
// "en", "zh", "zh-Hant"), or `declared` itself when that says the same
// language more precisely ("en-GB"). Else (too little text, mixed, not
// UTF-8) the declared language, or nullopt.
std::optional<std::string> text_language(std::string_view text, std::string_view declared, std::string_view host);

// CLD2's own version text ("code_version - data_build_date"), for --version.
const char* language_detector_version();

}  // namespace winnow::extract

#endif  // WINNOW_EXTRACT_LANGUAGE_H_
