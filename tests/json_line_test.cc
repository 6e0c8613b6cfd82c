// JSON Lines stay one object a line for every consumer: U+2028 and U+2029
// (LINE and PARAGRAPH SEPARATOR), legal raw inside a JSON string, end a line
// for JavaScript before ES2019 and for Python's str.splitlines, so winnow
// writes them escaped (winnow/json.h).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "winnow/article.h"
#include "winnow/json.h"

namespace {

const std::string kLs = "\xE2\x80\xA8";  // U+2028 in UTF-8
const std::string kPs = "\xE2\x80\xA9";  // U+2029

}  // namespace

TEST_CASE("json lines: U+2028 and U+2029 are written \\u2028 and \\u2029 in an article") {
  winnow::Article a;
  a.title = "One" + kLs + "two" + kPs + "three";
  a.paragraphs = {"a" + kPs + "b"};
  const std::string j = winnow::to_json(a);
  CHECK(j.find(kLs) == std::string::npos);
  CHECK(j.find(kPs) == std::string::npos);
  CHECK(j.find("\"title\":\"One\\u2028two\\u2029three\"") != std::string::npos);
  CHECK(j.find("\"paragraphs\":[\"a\\u2029b\"]") != std::string::npos);
  // Still the same strings when read back.
  const nlohmann::json parsed = nlohmann::json::parse(j);
  CHECK(parsed["title"] == *a.title);
  CHECK(parsed["paragraphs"][0] == a.paragraphs[0]);
}

TEST_CASE("json lines: json_string quotes, escapes and keeps other characters raw") {
  CHECK(winnow::json_string("plain") == "\"plain\"");
  CHECK(winnow::json_string("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"");
  CHECK(winnow::json_string("Thế giới") == "\"Thế giới\"");  // UTF-8 stays raw
  CHECK(winnow::json_string(kLs + kPs) == "\"\\u2028\\u2029\"");
  CHECK(winnow::json_string("x\xFFy") == "\"x\xEF\xBF\xBDy\"");  // invalid UTF-8 replaced by U+FFFD
}

TEST_CASE("json lines: escape_line_separators leaves other E2 80 characters alone") {
  // U+2026 (E2 80 A6) and U+2030 (E2 80 B0) share the first two bytes.
  std::string j = "[\"\xE2\x80\xA6" + kLs + "\xE2\x80\xB0" + kPs + "\"]";
  winnow::escape_line_separators(&j);
  CHECK(j == "[\"\xE2\x80\xA6\\u2028\xE2\x80\xB0\\u2029\"]");
  std::string none = "{\"a\":\"\xE2\x80\"}";  // a cut sequence at the end is no separator
  winnow::escape_line_separators(&none);
  CHECK(none == "{\"a\":\"\xE2\x80\"}");
  std::string empty;
  winnow::escape_line_separators(&empty);
  CHECK(empty.empty());
}
