// The per-node state of one clean, filled step by step by clean.cc and
// fields.cc. Internal to src/extract.
#ifndef WINNOW_EXTRACT_MARKS_H_
#define WINNOW_EXTRACT_MARKS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "extract/clean.h"
#include "html/tree.h"
#include "rules/rule_set.h"

namespace winnow::extract {

inline constexpr size_t kExcerpt = 80;  // bytes of text quoted by explain
inline constexpr int32_t kNone = -1;

// A drop rule as it applies to nodes: which kind, which rule.
struct DropRef {
  std::string kind, how, rule;
  SourceRef where;
};

// Every selector of a rule set, matched in one pass, kept by origin:
// [field or kind][selector] -> matching elements in document order.
struct Matches {
  std::vector<std::vector<std::vector<html::NodeId>>> fields, meta, drops;
};
Matches match_all(const html::Tree& tree, const rules::RuleSet& rules);

struct Marks {
  Marks(const html::Tree& t, const rules::RuleSet& r)
      : tree(t), rules(r), hidden(t.size(), 0), drop_ref(t.size(), kNone), dropped(t.size(), 0),
        field_of(t.size(), kNone), chosen(r.fields.size(), html::kNoNode) {}

  const html::Tree& tree;
  const rules::RuleSet& rules;
  std::vector<uint8_t> hidden;      // not laid out (itself or an ancestor hidden)
  std::vector<int32_t> drop_ref;    // index into refs of the drop that matched the node itself
  std::vector<uint8_t> dropped;     // inside a drop
  std::vector<DropRef> refs;
  std::vector<int32_t> field_of;    // the kept field this node is the root of
  std::vector<html::NodeId> chosen; // per field: its root, or kNoNode

  // Index of the field named so in rules.fields, or a value no role has.
  int32_t field_index(std::string_view name) const;
  bool usable(html::NodeId id) const { return !hidden[id] && !dropped[id]; }
  // Some text of the subtree shows and is not dropped.
  bool has_visible_text(html::NodeId id) const;
  // Why a candidate inside a drop is not usable: the drop, its rule, its place.
  std::string drop_reason(html::NodeId id) const;
  void take(int32_t field, html::NodeId id) {
    field_of[id] = field;
    chosen[field] = id;
  }
};

// Picks each kept field: by its selectors, else by a [find] text pattern,
// else anchored on the page's own metadata. Records what matched (and what
// was passed over) in art->fields, and warns when title or body is missing.
void pick_fields(Marks& marks, const Matches& matches, const PageMeta& meta, Article* art);

}  // namespace winnow::extract

#endif  // WINNOW_EXTRACT_MARKS_H_
