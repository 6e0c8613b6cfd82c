// CSS selectors over the page tree: the subset rule files need.
//
//   type  *  .class  #id  [attr]  [attr=v]  [attr~=v]  [attr|=v]  [attr^=v]
//   [attr*=v]  [attr$=v]  :not(compound)  :first-child  :last-child
//   :nth-child(N)   descendant (A B)   child (A > B)   groups (A, B)
//
// Values may be quoted ('v' or "v") or bare identifiers. Type names match
// case-insensitively (and match unknown elements such as MasterCMS's <zone>);
// attribute values and classes match case-sensitively, as in HTML.
//
// Matching runs top-down in one pass over the tree for any number of
// selectors at once: each node carries, per complex selector, the set of
// prefixes matched at it and at its ancestors (an NFA over the root-to-node
// path), so the cost is linear in nodes x compounds and no input can make it
// backtrack.
#ifndef WINNOW_HTML_SELECT_H_
#define WINNOW_HTML_SELECT_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "html/tree.h"

namespace winnow::html {

struct SelectorError {
  size_t column = 0;     // 1-based position in the selector text
  std::string message;   // e.g. "expected a class name after '.'"
};

struct CompiledSelector;  // opaque: parsed form

class Selector {
 public:
  // Parses a selector list. Returns nullopt and fills *error on failure.
  static std::optional<Selector> parse(std::string_view text, SelectorError* error);

  const std::string& text() const { return text_; }
  bool matches(const Tree& tree, NodeId id) const;  // for one element
  // Every matching element inside `scope` (the scope itself included), in
  // document order.
  std::vector<NodeId> select(const Tree& tree, NodeId scope = Tree::root()) const;

  std::shared_ptr<const CompiledSelector> compiled() const { return compiled_; }

 private:
  std::string text_;
  std::shared_ptr<const CompiledSelector> compiled_;
};

// Many selectors matched in a single pass over the tree.
class SelectorSet {
 public:
  // Returns the index of the added selector.
  size_t add(const Selector& selector);
  size_t size() const { return selectors_.size(); }
  // matches[k] = elements matched by selector k, in document order.
  std::vector<std::vector<NodeId>> match(const Tree& tree) const;

 private:
  std::vector<Selector> selectors_;
};

}  // namespace winnow::html

#endif  // WINNOW_HTML_SELECT_H_
