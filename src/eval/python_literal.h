// A Python literal as `repr()` writes one (a dict of str, list, None, True,
// False, int, float), read into JSON. Some WCXB ground-truth files hold their
// `ground_truth` object as such a string instead of a JSON object.
#ifndef WINNOW_EVAL_PYTHON_LITERAL_H_
#define WINNOW_EVAL_PYTHON_LITERAL_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace winnow::eval {

// Parses the whole of `text` (surrounding whitespace allowed). On failure
// returns false and sets *error to what is wrong and at which character.
// Strings may be '…' or "…" with Python's escapes (\\ \' \" \n \r \t \a \b
// \f \v \0 \xHH \uHHHH \UHHHHHHHH); a lone surrogate becomes U+FFFD.
bool parse_python_literal(std::string_view text, nlohmann::json* out, std::string* error);

}  // namespace winnow::eval

#endif  // WINNOW_EVAL_PYTHON_LITERAL_H_
