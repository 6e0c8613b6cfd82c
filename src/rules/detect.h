// Platform detection: which base's markers a page shows, for a page whose
// host no rule file serves. A base lists its platform's markers in a
// [detect] table (selectors, comment patterns, and supporting selectors
// that count two together); the first base, by name, whose markers are on
// the page serves it (docs/adding-a-site.md, "Pages of a platform").
#ifndef WINNOW_RULES_DETECT_H_
#define WINNOW_RULES_DETECT_H_

#include <string>

#include "html/tree.h"
#include "rules/rule_set.h"
#include "winnow/source_ref.h"

namespace winnow::rules {

struct Detection {
  const RuleSet* set = nullptr;    // null: no base's markers are on the page
  std::string marker;              // the selector or comment pattern that matched ("A + B": two supporting)
  SourceRef where;                 // where that marker is written
  html::NodeId node = html::kNoNode;  // the element or comment it matched
};

// The rule set whose [detect] markers the page shows, trying the library's
// sets in name order and each set's markers in file order (selectors, then
// comments, then two supporting selectors). Sets with hosts are tried too, but a set's markers are its own
// file's only (never inherited), so a site file is chosen this way only if
// it lists markers itself.
Detection detect_platform(const RuleLibrary& library, const html::Tree& tree);

}  // namespace winnow::rules

#endif  // WINNOW_RULES_DETECT_H_
