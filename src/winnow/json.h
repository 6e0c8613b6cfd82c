// An article as one JSON object on one line: what `winnow clean --format
// json` prints (README "Using it" lists the keys).
//
// Public (installed as <winnow/json.h>).
#ifndef WINNOW_JSON_H_
#define WINNOW_JSON_H_

#include <string>
#include <string_view>

#include "winnow/article.h"

namespace winnow {

// No trailing newline. Text that is not valid UTF-8 (which decoding never
// leaves) is replaced rather than thrown on. U+2028 and U+2029 are written
// \u2028 and \u2029, as in every JSON winnow writes: a consumer that splits
// lines on them (JavaScript's, Python's str.splitlines) keeps one object
// a line.
std::string to_json(const Article& article);

// `text` as one JSON string, quoted and escaped the same way (invalid UTF-8
// replaced, U+2028 and U+2029 escaped): for a key written before an
// article's, as `clean` of many pages writes "file".
std::string json_string(std::string_view text);

// Escapes U+2028 and U+2029 in serialised JSON (where raw they can only
// stand inside strings) as \u2028 and \u2029: for JSON written by other
// means than to_json.
void escape_line_separators(std::string* json);

}  // namespace winnow

#endif  // WINNOW_JSON_H_
