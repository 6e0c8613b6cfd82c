#include "winnow/rules.h"

#include "rules/rule_set.h"

namespace winnow {

RuleLibrary::RuleLibrary() : sets_(std::make_unique<rules::RuleLibrary>()) {}
RuleLibrary::~RuleLibrary() = default;
RuleLibrary::RuleLibrary(RuleLibrary&&) noexcept = default;
RuleLibrary& RuleLibrary::operator=(RuleLibrary&&) noexcept = default;

bool load_rules(const std::string& dir, RuleLibrary* library, RuleError* error) {
  auto loaded = std::make_unique<rules::RuleLibrary>();
  if (!rules::load_rule_library(dir, loaded.get(), error)) return false;
  library->sets_ = std::move(loaded);
  return true;
}

}  // namespace winnow
