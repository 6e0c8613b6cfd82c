// Why a rule file could not be loaded, and where.
//
// Public (installed as <winnow/rule_error.h>) and plain data: every layer
// may include it.
#ifndef WINNOW_RULE_ERROR_H_
#define WINNOW_RULE_ERROR_H_

#include <string>

#include "winnow/source_ref.h"

namespace winnow {

struct RuleError {
  SourceRef where;
  std::string message;
  std::string to_string() const;  // "rules/x.toml:12:7: expected a class name after '.'"
};

}  // namespace winnow

#endif  // WINNOW_RULE_ERROR_H_
