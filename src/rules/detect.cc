// detect_platform: a base's markers looked for on the page.
#include "rules/detect.h"

#include <re2/re2.h>

#include <vector>

#include "html/select.h"

namespace winnow::rules {
namespace {

// The first comment whose text the pattern matches, or kNoNode.
html::NodeId find_comment(const html::Tree& tree, const re2::RE2& pattern) {
  for (html::NodeId id = 0; id < tree.size(); ++id) {
    const html::Node& n = tree[id];
    if (n.kind == html::NodeKind::kComment && RE2::PartialMatch(n.text, pattern)) return id;
  }
  return html::kNoNode;
}

// One pass over the tree for all of the set's selectors (a huge page pays
// once, not once a marker); the first in file order that matched wins.
bool detect_one(const RuleSet& set, const html::Tree& tree, Detection* out) {
  if (!set.detect.selectors.empty()) {
    html::SelectorSet selectors;
    for (const SelectorRule& s : set.detect.selectors) selectors.add(s.selector);
    std::vector<std::vector<html::NodeId>> hits = selectors.match(tree);
    for (size_t k = 0; k < hits.size(); ++k) {
      if (hits[k].empty()) continue;
      const SelectorRule& s = set.detect.selectors[k];
      *out = {&set, s.selector.text(), s.where, hits[k].front()};
      return true;
    }
  }
  for (const PatternRule& p : set.detect.comments) {
    html::NodeId id = find_comment(tree, *p.regex);
    if (id == html::kNoNode) continue;
    *out = {&set, p.text, p.where, id};
    return true;
  }
  return false;
}

}  // namespace

Detection detect_platform(const RuleLibrary& library, const html::Tree& tree) {
  Detection found;
  for (const RuleSet& set : library.sets)
    if (!set.detect.empty() && detect_one(set, tree, &found)) return found;
  return found;
}

}  // namespace winnow::rules
