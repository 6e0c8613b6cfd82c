// The rule files of a directory, loaded and checked: what `clean`
// (winnow/clean.h) picks a page's rules from, by its URL's host.
//
// Public (installed as <winnow/rules.h>). The rule sets themselves are the
// library's own type (src/rules/rule_set.h), opaque here.
#ifndef WINNOW_RULES_H_
#define WINNOW_RULES_H_

#include <memory>
#include <string>

#include "winnow/rule_error.h"

namespace winnow {

namespace rules {
struct RuleLibrary;
}  // namespace rules

// Movable, not copyable (a moved-from library may only be assigned to or
// destroyed); const calls may come from many threads at once.
class RuleLibrary {
 public:
  // No rules: every page goes to the generic extractor.
  RuleLibrary();
  ~RuleLibrary();
  RuleLibrary(RuleLibrary&&) noexcept;
  RuleLibrary& operator=(RuleLibrary&&) noexcept;

  // The library's own view (its layers above the public calls, through
  // winnow/internal.h); rules::RuleLibrary is incomplete outside it.
  const rules::RuleLibrary& sets() const { return *sets_; }

 private:
  friend bool load_rules(const std::string& dir, RuleLibrary* library, RuleError* error);
  std::unique_ptr<rules::RuleLibrary> sets_;
};

// Loads and checks every *.toml of `dir`. On the first broken file returns
// false with the error (file:line:col and why); `library` is left as it was.
bool load_rules(const std::string& dir, RuleLibrary* library, RuleError* error);

}  // namespace winnow

#endif  // WINNOW_RULES_H_
