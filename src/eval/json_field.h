// A string member of a JSON object, read the one way the eval files (a
// benchmark's predictions, WCXB's ground truths) all want it.
#ifndef WINNOW_EVAL_JSON_FIELD_H_
#define WINNOW_EVAL_JSON_FIELD_H_

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace winnow::eval {

// obj[key] as a string: missing or null is none (true, *out empty); another
// type is refused (false, *type its type's name for the caller's message).
bool string_member(const nlohmann::json& obj, const char* key, std::optional<std::string>* out, std::string* type);

}  // namespace winnow::eval

#endif  // WINNOW_EVAL_JSON_FIELD_H_
