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

// One pass over the tree for all of the set's selectors, markers and
// supporting ones (a huge page pays once, not once a marker); the first
// marker in file order that matched wins, then a comment, then the first two
// supporting selectors that matched (one alone is markup another system
// copied: a caption table's class in a page of another CMS).
bool detect_one(const RuleSet& set, const html::Tree& tree, Detection* out) {
  const DetectRules& d = set.detect;
  std::vector<std::vector<html::NodeId>> hits;
  if (!d.selectors.empty() || !d.supporting.empty()) {
    html::SelectorSet selectors;
    for (const SelectorRule& s : d.selectors) selectors.add(s.selector);
    for (const SelectorRule& s : d.supporting) selectors.add(s.selector);
    hits = selectors.match(tree);
  }
  for (size_t k = 0; k < d.selectors.size(); ++k) {
    if (hits[k].empty()) continue;
    *out = {&set, d.selectors[k].selector.text(), d.selectors[k].where, hits[k].front()};
    return true;
  }
  for (const PatternRule& p : d.comments) {
    html::NodeId id = find_comment(tree, *p.regex);
    if (id == html::kNoNode) continue;
    *out = {&set, p.text, p.where, id};
    return true;
  }
  const SelectorRule* first = nullptr;
  html::NodeId first_node = html::kNoNode;
  for (size_t k = 0; k < d.supporting.size(); ++k) {
    if (hits[d.selectors.size() + k].empty()) continue;
    const SelectorRule& s = d.supporting[k];
    if (!first) {
      first = &s;
      first_node = hits[d.selectors.size() + k].front();
      continue;
    }
    *out = {&set, first->selector.text() + " + " + s.selector.text(), first->where, first_node};
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
