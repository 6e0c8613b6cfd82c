#include "eval/json_field.h"

namespace winnow::eval {

bool string_member(const nlohmann::json& obj, const char* key, std::optional<std::string>* out, std::string* type) {
  out->reset();
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return true;
  if (!it->is_string()) {
    *type = it->type_name();
    return false;
  }
  *out = it->get<std::string>();
  return true;
}

}  // namespace winnow::eval
