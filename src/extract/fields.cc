// Picking the kept fields, in three tries of falling precision:
//   1. the rule's selectors (the site's first, then the base's);
//   2. a [find] text pattern: a dateline whose class is unknown;
//   3. the page's own metadata: the element whose text is the headline,
//      starts with the description, or names an author.
// Each candidate must be visible, outside every drop, and have text.
#include <re2/re2.h>

#include <algorithm>

#include "extract/marks.h"

namespace winnow::extract {

using html::kNoNode;
using html::NodeId;

int32_t Marks::field_index(std::string_view name) const {
  for (size_t f = 0; f < rules.fields.size(); ++f)
    if (rules.fields[f].name == name) return static_cast<int32_t>(f);
  return kNone - 1;
}

bool Marks::has_visible_text(NodeId id) const {
  for (NodeId i = id; i < tree[id].end; ++i) {
    if (hidden[i] || dropped[i]) {
      if (tree.is_element(i)) i = tree[i].end - 1;
      continue;
    }
    if (tree[i].kind == html::NodeKind::kText && !html::is_blank(tree[i].text)) return true;
  }
  return false;
}

std::string Marks::drop_reason(NodeId id) const {
  NodeId a = id;
  while (drop_ref[a] == kNone) a = tree[a].parent;
  const DropRef& r = refs[drop_ref[a]];
  return "inside a drop: " + r.kind + " " + r.rule + " (" + r.where.to_string() + ", page line " +
         std::to_string(tree.source_line(a)) + ")";
}

namespace {

// Whitespace runs to single spaces, ends trimmed.
std::string normalize(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

void by_selectors(Marks& mk, const Matches& matches, Article* art) {
  for (size_t f = 0; f < mk.rules.fields.size(); ++f) {
    const rules::Field& field = mk.rules.fields[f];
    bool found = false;
    std::vector<FieldMatch> passed_over;
    for (size_t s = 0; s < field.selectors.size() && !found; ++s) {
      const rules::SelectorRule& rule = field.selectors[s];
      std::vector<NodeId> candidates = matches.fields[f][s];
      if (rule.take_last) std::reverse(candidates.begin(), candidates.end());
      for (NodeId id : candidates) {
        std::string why;
        if (mk.hidden[id]) why = "hidden";
        else if (mk.dropped[id]) why = mk.drop_reason(id);
        else if (mk.field_of[id] != kNone) why = "already the field '" + mk.rules.fields[mk.field_of[id]].name + "'";
        else if (!mk.has_visible_text(id)) why = "no visible text";
        FieldMatch fm{field.name, rule.selector.text(), rule.where, id, mk.tree.source_line(id),
                      mk.tree.text_content(id, kExcerpt), why};
        if (!why.empty()) {
          if (passed_over.size() < 5) passed_over.push_back(std::move(fm));
          continue;
        }
        mk.take(static_cast<int32_t>(f), id);
        art->fields.push_back(std::move(fm));
        found = true;
        break;
      }
    }
    if (!found) art->fields.insert(art->fields.end(), passed_over.begin(), passed_over.end());
  }
}

// Fields found by their text: the first small visible element before the
// body whose whole text matches the pattern.
void by_text(Marks& mk, NodeId before, Article* art) {
  constexpr NodeId kMaxNodes = 16;  // a dateline is a small element
  for (const rules::FindRule& fr : mk.rules.find) {
    int32_t f = mk.field_index(fr.field);
    if (f < 0 || mk.chosen[f] != kNoNode) continue;
    for (NodeId id = 1; id < before; ++id) {
      if (!mk.tree.is_element(id) || !mk.usable(id) || mk.field_of[id] != kNone) continue;
      if (mk.tree[id].end - id > kMaxNodes || !mk.has_visible_text(id)) continue;
      std::string text = mk.tree.text_content(id, 400);
      if (!RE2::FullMatch(text, *fr.pattern.regex)) continue;
      mk.take(f, id);
      art->fields.push_back({fr.field, "text " + fr.pattern.text, fr.pattern.where, id,
                             mk.tree.source_line(id), text.substr(0, kExcerpt), ""});
      break;
    }
  }
}

// The deepest small usable element in [from, to) whose text `accepts`.
template <typename Accepts>
NodeId deepest_accepted(const Marks& mk, NodeId from, NodeId to, Accepts&& accepts) {
  NodeId best = kNoNode;
  for (NodeId id = from; id < to; ++id) {
    if (!mk.tree.is_element(id) || !mk.usable(id) || mk.field_of[id] != kNone) continue;
    if (mk.tree[id].end - id > 64) continue;
    if (best != kNoNode && !mk.tree.contains(best, id)) break;
    if (accepts(normalize(mk.tree.text_content(id, 2000)))) best = id;
  }
  return best;
}

// The byline: a short element that is an author's name, starts with it, or
// reads "Theo <author>"; among the body's last three children with text,
// else within the 400 nodes after the body.
NodeId find_byline(const Marks& mk, NodeId body, const std::vector<std::string>& authors) {
  auto is_byline = [&](NodeId id) {
    if (!mk.tree.is_element(id) || !mk.usable(id) || mk.field_of[id] != kNone) return false;
    std::string t = normalize(mk.tree.text_content(id, 200));
    if (t.empty() || t.size() > 120) return false;
    return std::any_of(authors.begin(), authors.end(), [&](const std::string& a) {
      return !a.empty() && (t.rfind(a, 0) == 0 || t.rfind("Theo " + a, 0) == 0);
    });
  };
  std::vector<NodeId> children;
  for (NodeId c = mk.tree.first_child(body); c != kNoNode; c = mk.tree[c].next_sibling)
    if (mk.tree.is_element(c) && !html::is_blank(mk.tree.text_content(c, 64))) children.push_back(c);
  for (size_t k = 0; k < children.size() && k < 3; ++k)
    if (is_byline(children[children.size() - 1 - k])) return children[children.size() - 1 - k];
  const NodeId end = std::min<NodeId>(mk.tree.size(), mk.tree[body].end + 400);
  for (NodeId id = mk.tree[body].end; id < end; ++id)
    if (mk.tree[id].end - id <= 64 && is_byline(id)) return id;
  return kNoNode;
}

void anchored_on_metadata(Marks& mk, const PageMeta& meta, NodeId before, Article* art) {
  auto take = [&](const char* name, NodeId id, const char* how) {
    if (id == kNoNode) return;
    mk.take(mk.field_index(name), id);
    art->fields.push_back({name, how, {}, id, mk.tree.source_line(id), mk.tree.text_content(id, kExcerpt), ""});
  };
  auto missing = [&](const char* name) {
    int32_t f = mk.field_index(name);
    return f >= 0 && mk.chosen[f] == kNoNode;
  };
  const std::string headline = normalize(!meta.linked.headline.empty() ? meta.linked.headline : meta.og_title);
  if (missing("title") && !headline.empty())
    take("title", deepest_accepted(mk, 1, before, [&](const std::string& t) { return t == headline; }),
         "the page's metadata (headline)");
  // Metadata descriptions get cut ("..."): compare an 80-byte prefix.
  std::string description = normalize(!meta.linked.description.empty() ? meta.linked.description
                                      : !meta.og_description.empty()   ? meta.og_description
                                                                       : meta.description);
  if (description.size() > 80) {
    size_t cut = 80;
    while (cut < description.size() && (static_cast<unsigned char>(description[cut]) & 0xC0) == 0x80) ++cut;
    description.resize(cut);
  }
  if (missing("lead") && description.size() >= 20)
    take("lead", deepest_accepted(mk, 1, before, [&](const std::string& t) { return t.rfind(description, 0) == 0; }),
         "the page's metadata (description)");
  int32_t body = mk.field_index("body");
  std::vector<std::string> authors;
  for (const LinkedAuthor& a : meta.linked.authors) authors.push_back(a.name);
  if (missing("byline") && body >= 0 && mk.chosen[body] != kNoNode && !authors.empty())
    take("byline", find_byline(mk, mk.chosen[body], authors), "the page's metadata (author)");
}

}  // namespace

void pick_fields(Marks& mk, const Matches& matches, const PageMeta& meta, Article* art) {
  by_selectors(mk, matches, art);
  // Text-found and metadata-anchored fields lie before the body.
  int32_t body = mk.field_index("body");
  NodeId before = body >= 0 && mk.chosen[body] != kNoNode ? mk.chosen[body] : mk.tree.size();
  by_text(mk, before, art);
  anchored_on_metadata(mk, meta, before, art);
  for (const char* required : {"title", "body"}) {
    int32_t f = mk.field_index(required);
    if (f >= 0 && mk.chosen[f] == kNoNode) {
      art->missing_fields.push_back(required);
      art->warnings.push_back(std::string("field '") + required + "' matched nothing (" + mk.rules.path +
                              "): the site's template may have changed");
    }
  }
}

}  // namespace winnow::extract
