// CSS selector matching in a single pass. See select.h; parsing is in
// select_parse.cc.
//
// Parsing compiles a selector list into complex selectors, each a chain of at
// most 64 compounds joined by descendant or child combinators. Matching walks
// the tree once in pre-order keeping, per complex selector, two bitmasks per
// node on an explicit stack of open ancestors:
//
//   M(v): bit j set iff compounds 0..j match a root-to-v chain ending at v;
//   D(v) = D(parent) | M(parent): prefixes matched at some strict ancestor.
//
// Compound j > 0 is only tried at v when its prefix can extend there (bit j-1
// in D(v) for a descendant combinator, in M(parent) for a child combinator),
// and compound 0 of large selector sets is looked up by id, class and tag
// (like browsers' rule hashes), so most selectors cost nothing at most nodes.

#include <bit>
#include <cstdint>
#include <cstring>
#include <unordered_map>
#include <utility>

#include "html/select_internal.h"

namespace winnow::html {
namespace select_internal {
namespace {

// ---------------------------------------------------------------- matching

// True if the whitespace-separated list holds `token`.
bool has_token(std::string_view list, std::string_view token) {
  if (token.empty()) return false;
  size_t pos = 0;
  while ((pos = list.find(token, pos)) != std::string_view::npos) {
    size_t end = pos + token.size();
    if ((pos == 0 || is_ws(list[pos - 1])) && (end == list.size() || is_ws(list[end]))) return true;
    ++pos;
  }
  return false;
}

bool has_ws(std::string_view s) {
  for (char c : s)
    if (is_ws(c)) return true;
  return false;
}

// One element under evaluation; facts are computed on first use.
struct NodeCtx {
  NodeCtx(const Tree& t, NodeId v, uint32_t element_index)
      : tree(t), id(v), node(t[v]), index(element_index) {}

  const Tree& tree;
  NodeId id;
  const Node& node;
  uint32_t index;  // 1-based among element siblings; 0 = not computed yet
  int8_t last = -1;
  bool loaded = false;
  bool has_id = false;
  bool has_class = false;
  std::string_view id_value;
  std::string_view class_value;

  void load() {
    if (loaded) return;
    loaded = true;
    if (!node.gumbo) return;
    const GumboVector& attrs = node.gumbo->v.element.attributes;
    for (unsigned i = 0; i < attrs.length; ++i) {
      auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
      if (!has_id && std::strcmp(a->name, "id") == 0) {
        has_id = true;
        id_value = a->value ? a->value : "";
      } else if (!has_class && std::strcmp(a->name, "class") == 0) {
        has_class = true;
        class_value = a->value ? a->value : "";
      }
    }
  }

  uint32_t element_index() {
    if (index == 0) {
      index = 1;
      if (node.parent != kNoNode) {
        for (NodeId c = node.parent + 1; c < id; c = tree[c].end)
          if (tree[c].kind == NodeKind::kElement) ++index;
      }
    }
    return index;
  }

  bool is_last() {
    if (last < 0) {
      last = 1;
      if (node.parent != kNoNode) {
        NodeId stop = tree[node.parent].end;
        for (NodeId c = node.end; c < stop; c = tree[c].end) {
          if (tree[c].kind == NodeKind::kElement) {
            last = 0;
            break;
          }
        }
      }
    }
    return last == 1;
  }
};

const GumboAttribute* find_attr(const Node& node, const std::string& name) {
  if (!node.gumbo) return nullptr;
  const GumboVector& attrs = node.gumbo->v.element.attributes;
  for (unsigned i = 0; i < attrs.length; ++i) {
    auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
    if (std::strncmp(a->name, name.c_str(), name.size() + 1) == 0) return a;
  }
  return nullptr;
}

bool match_attr(const AttrTest& t, NodeCtx& x) {
  std::string_view v;
  if (t.known == AttrTest::kOther) {
    const GumboAttribute* a = find_attr(x.node, t.name);
    if (!a) return false;
    v = a->value ? std::string_view(a->value) : std::string_view();
  } else {
    x.load();
    if (t.known == AttrTest::kId ? !x.has_id : !x.has_class) return false;
    v = t.known == AttrTest::kId ? x.id_value : x.class_value;
  }
  const std::string& want = t.value;
  switch (t.op) {
    case AttrOp::kExists: return true;
    case AttrOp::kEquals: return v == want;
    case AttrOp::kIncludes: return !has_ws(want) && has_token(v, want);
    case AttrOp::kDashMatch:
      return v.size() >= want.size() && v.compare(0, want.size(), want) == 0 &&
             (v.size() == want.size() || v[want.size()] == '-');
    case AttrOp::kPrefix: return !want.empty() && v.starts_with(want);
    case AttrOp::kSuffix: return !want.empty() && v.ends_with(want);
    case AttrOp::kSubstring: return !want.empty() && v.find(want) != std::string_view::npos;
  }
  return false;
}

bool eval(const Compound& c, NodeCtx& x) {
  if (c.tag != kAnyTag) {
    if (x.node.tag != c.tag) return false;
    if (c.tag == GUMBO_TAG_UNKNOWN && x.node.name != c.name) return false;
  }
  if (!c.ids.empty()) {
    x.load();
    if (!x.has_id) return false;
    for (const std::string& id : c.ids)
      if (x.id_value != id) return false;
  }
  if (!c.classes.empty()) {
    x.load();
    if (!x.has_class) return false;
    for (const std::string& cls : c.classes)
      if (!has_token(x.class_value, cls)) return false;
  }
  for (const AttrTest& t : c.attrs)
    if (!match_attr(t, x)) return false;
  for (const Nth& n : c.nth) {
    uint32_t i = x.element_index();
    if (n.a == 0 ? i != n.b : (i < n.b || (i - n.b) % n.a != 0)) return false;
  }
  if (c.last_child && !x.is_last()) return false;
  for (const Compound& n : c.nots)
    if (eval(n, x)) return false;
  return true;
}

// All complex selectors of one run, with lookup tables for compound 0.
struct Plan {
  static constexpr uint32_t kNoSlot = UINT32_MAX;
  static constexpr size_t kBucketThreshold = 8;

  struct Entry {
    const Complex* complex;
    uint32_t owner;  // index of the selector it belongs to
    uint32_t slot;   // state slot if it has 2+ compounds, else kNoSlot
  };
  // Per slot (complex selector of 2+ compounds), what the inner loop needs.
  struct Slot {
    uint64_t descendant;
    uint64_t child;
    const Compound* compounds;
    uint32_t last;  // index of the last compound
    uint32_t owner;
  };

  std::vector<Entry> entries;
  std::vector<Slot> slots;
  bool bucketed = false;
  std::vector<uint32_t> all;  // unbucketed: every entry
  std::vector<std::vector<uint32_t>> by_tag;
  std::unordered_map<std::string_view, std::vector<uint32_t>> by_id, by_class, by_attr, by_name;
  std::vector<uint32_t> universal;

  void add(const CompiledSelector* compiled, uint32_t owner) {
    if (!compiled) return;
    for (const Complex& cx : compiled->complexes) {
      uint32_t slot = kNoSlot;
      if (cx.compounds.size() > 1) {
        slot = static_cast<uint32_t>(slots.size());
        slots.push_back({cx.descendant, cx.child, cx.compounds.data(),
                         static_cast<uint32_t>(cx.compounds.size() - 1), owner});
      }
      entries.push_back({&cx, owner, slot});
    }
  }

  // Files each entry under the most selective key of its first compound:
  // id, class, an attribute name other than class/id, type, any attribute.
  void finish() {
    bucketed = entries.size() > kBucketThreshold;
    if (!bucketed) {
      for (uint32_t e = 0; e < entries.size(); ++e) all.push_back(e);
      return;
    }
    by_tag.resize(GUMBO_TAG_LAST + 1);
    for (uint32_t e = 0; e < entries.size(); ++e) {
      const Compound& c = entries[e].complex->compounds[0];
      const AttrTest* rare = nullptr;
      for (const AttrTest& a : c.attrs) {
        if (a.name != "class" && a.name != "id") {
          rare = &a;
          break;
        }
      }
      if (!c.ids.empty()) {
        by_id[c.ids[0]].push_back(e);
      } else if (!c.classes.empty()) {
        by_class[c.classes[0]].push_back(e);
      } else if (rare) {
        by_attr[rare->name].push_back(e);
      } else if (c.tag == GUMBO_TAG_UNKNOWN) {
        by_name[c.name].push_back(e);
      } else if (c.tag != kAnyTag) {
        by_tag[c.tag].push_back(e);
      } else if (!c.attrs.empty()) {
        by_attr[c.attrs[0].name].push_back(e);
      } else {
        universal.push_back(e);
      }
    }
  }
};

class Engine {
 public:
  Engine(const Plan& plan, const Tree& tree, std::vector<std::vector<NodeId>>* results)
      : plan_(plan), tree_(tree), results_(results) {}

  // Matches inside [scope, stop), which must lie in scope's subtree; the
  // ancestors of scope provide the context.
  void run(NodeId scope, NodeId stop) {
    frames_.clear();
    active_.clear();
    stamp_.assign(plan_.slots.size(), kNoNode);
    where_.resize(plan_.slots.size());
    frames_.push_back({UINT32_MAX, 0, 0, false});  // sentinel above the root
    std::vector<NodeId> ancestors;
    for (NodeId a = tree_[scope].parent; a != kNoNode; a = tree_[a].parent) ancestors.push_back(a);
    for (size_t i = ancestors.size(); i-- > 0;) visit(ancestors[i], false, false);
    for (NodeId v = scope; v < stop; ++v) {
      while (frames_.back().end <= v) {
        active_.resize(frames_.back().begin);
        frames_.pop_back();
      }
      visit(v, true, true);
    }
  }

 private:
  // State of one complex selector at a node, kept only while nonzero.
  struct State {
    uint32_t slot;
    uint64_t m;  // prefixes matched ending at the node
    uint64_t d;  // prefixes matched at a strict ancestor
  };
  struct Frame {
    NodeId end;
    uint32_t elements;  // element children seen so far
    size_t begin;       // this node's states: active_[begin, next frame's begin)
    bool counted;       // false: `elements` is unknown (context above scope)
  };

  void record(uint32_t owner, NodeId v) {
    std::vector<NodeId>& r = (*results_)[owner];
    if (r.empty() || r.back() != v) r.push_back(v);
  }

  // Over 80 lines on purpose: every selector of a rule set is matched in
  // this one pass over the tree (docs/performance.md), so the step for a
  // node — advance each compound's state, test its attributes, record the
  // matches — shares the per-node scratch state; helpers would pass it all.
  void visit(NodeId v, bool record_matches, bool counted) {
    const Node& n = tree_[v];
    bool kids = n.end > v + 1;
    if (n.kind != NodeKind::kElement) {
      if (!kids) return;
      size_t pb = frames_.back().begin, pe = active_.size();
      for (size_t i = pb; i < pe; ++i) {
        State st = active_[i];
        active_.push_back({st.slot, 0, st.d | st.m});
      }
      frames_.push_back({n.end, 0, pe, counted});
      return;
    }

    Frame& parent = frames_.back();
    NodeCtx ctx(tree_, v, parent.counted ? ++parent.elements : 0);
    size_t pb = parent.begin, pe = active_.size();

    // Extend the prefixes alive at the parent.
    for (size_t i = pb; i < pe; ++i) {
      State st = active_[i];
      const Plan::Slot& slot = plan_.slots[st.slot];
      uint64_t d = st.d | st.m;
      uint64_t candidates = (slot.descendant & (d << 1)) | (slot.child & (st.m << 1));
      uint64_t m = 0;
      while (candidates) {
        int j = std::countr_zero(candidates);
        candidates &= candidates - 1;
        if (eval(slot.compounds[j], ctx)) m |= uint64_t{1} << j;
      }
      if (record_matches && ((m >> slot.last) & 1)) record(slot.owner, v);
      stamp_[st.slot] = v;
      where_[st.slot] = active_.size();
      active_.push_back({st.slot, m, d});
    }

    // Start new ones, and match single-compound selectors.
    auto first = [&](uint32_t e) {
      const Plan::Entry& entry = plan_.entries[e];
      if (entry.slot == Plan::kNoSlot && !record_matches) return;
      if (!eval(entry.complex->compounds[0], ctx)) return;
      if (entry.slot == Plan::kNoSlot) {
        record(entry.owner, v);
      } else if (stamp_[entry.slot] == v) {
        active_[where_[entry.slot]].m |= 1;
      } else {
        stamp_[entry.slot] = v;
        where_[entry.slot] = active_.size();
        active_.push_back({entry.slot, 1, 0});
      }
    };
    if (!plan_.bucketed) {
      for (uint32_t e : plan_.all) first(e);
    } else {
      if (n.tag != GUMBO_TAG_UNKNOWN) {
        for (uint32_t e : plan_.by_tag[n.tag]) first(e);
      } else if (!plan_.by_name.empty()) {
        auto it = plan_.by_name.find(n.name);
        if (it != plan_.by_name.end())
          for (uint32_t e : it->second) first(e);
      }
      if (n.gumbo && (!plan_.by_id.empty() || !plan_.by_class.empty() || !plan_.by_attr.empty())) {
        ctx.load();
        if (ctx.has_id && !plan_.by_id.empty()) {
          auto it = plan_.by_id.find(ctx.id_value);
          if (it != plan_.by_id.end())
            for (uint32_t e : it->second) first(e);
        }
        if (ctx.has_class && !plan_.by_class.empty()) {
          std::string_view list = ctx.class_value;
          size_t i = 0;
          while (i < list.size()) {
            while (i < list.size() && is_ws(list[i])) ++i;
            size_t start = i;
            while (i < list.size() && !is_ws(list[i])) ++i;
            if (i == start) break;
            auto it = plan_.by_class.find(list.substr(start, i - start));
            if (it != plan_.by_class.end())
              for (uint32_t e : it->second) first(e);
          }
        }
        if (!plan_.by_attr.empty()) {
          const GumboVector& attrs = n.gumbo->v.element.attributes;
          for (unsigned i = 0; i < attrs.length; ++i) {
            auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
            auto it = plan_.by_attr.find(a->name);
            if (it != plan_.by_attr.end())
              for (uint32_t e : it->second) first(e);
          }
        }
      }
      for (uint32_t e : plan_.universal) first(e);
    }

    if (kids) {
      frames_.push_back({n.end, 0, pe, counted});
    } else {
      active_.resize(pe);
    }
  }

  const Plan& plan_;
  const Tree& tree_;
  std::vector<std::vector<NodeId>>* results_;
  std::vector<Frame> frames_;
  // The nonzero states of the open nodes, root first: a stack of lists.
  std::vector<State> active_;
  std::vector<NodeId> stamp_;  // per slot: the node whose list holds it at where_
  std::vector<size_t> where_;
};

}  // namespace
}  // namespace select_internal

bool Selector::matches(const Tree& tree, NodeId id) const {
  if (!compiled_ || id >= tree.size() || !tree.is_element(id)) return false;
  select_internal::Plan plan;
  plan.add(compiled_.get(), 0);
  plan.finish();
  std::vector<std::vector<NodeId>> results(1);
  select_internal::Engine engine(plan, tree, &results);
  engine.run(id, id + 1);
  return !results[0].empty();
}

std::vector<NodeId> Selector::select(const Tree& tree, NodeId scope) const {
  if (!compiled_ || scope >= tree.size()) return {};
  select_internal::Plan plan;
  plan.add(compiled_.get(), 0);
  plan.finish();
  std::vector<std::vector<NodeId>> results(1);
  select_internal::Engine engine(plan, tree, &results);
  engine.run(scope, tree[scope].end);
  return std::move(results[0]);
}

size_t SelectorSet::add(const Selector& selector) {
  selectors_.push_back(selector);
  return selectors_.size() - 1;
}

std::vector<std::vector<NodeId>> SelectorSet::match(const Tree& tree) const {
  std::vector<std::vector<NodeId>> results(selectors_.size());
  if (tree.size() == 0 || selectors_.empty()) return results;
  select_internal::Plan plan;
  for (size_t i = 0; i < selectors_.size(); ++i)
    plan.add(selectors_[i].compiled().get(), static_cast<uint32_t>(i));
  plan.finish();
  select_internal::Engine engine(plan, tree, &results);
  engine.run(Tree::root(), tree.size());
  return results;
}

}  // namespace winnow::html
