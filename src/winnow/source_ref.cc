#include "winnow/source_ref.h"

#include "winnow/rule_error.h"

namespace winnow {

std::string SourceRef::to_string() const {
  std::string s = file;
  if (line) s += ":" + std::to_string(line);
  return s;
}

std::string RuleError::to_string() const {
  std::string s = where.file;
  if (where.line) s += ":" + std::to_string(where.line);
  if (where.column) s += ":" + std::to_string(where.column);
  return s + ": " + message;
}

}  // namespace winnow
