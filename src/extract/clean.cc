#include "extract/clean.h"

#include <re2/re2.h>

#include <algorithm>

#include "extract/date.h"
#include "html/render.h"
#include "html/select.h"

namespace winnow::extract {
namespace {

using html::kNoNode;
using html::NodeId;
using html::Tree;

constexpr size_t kExcerpt = 80;
constexpr int32_t kNone = -1;

enum State : uint8_t { kUnset = 0, kKeep = 1, kDrop = 2 };

// A drop rule as it applies to nodes: which kind, which rule.
struct DropRef {
  std::string kind, how, rule;
  rules::SourceRef where;
};

// Every selector of a rule set, matched in one pass, remembered by origin.
struct Matches {
  std::vector<std::vector<std::vector<NodeId>>> fields;  // [field][selector] -> nodes
  std::vector<std::vector<std::vector<NodeId>>> meta;
  std::vector<std::vector<std::vector<NodeId>>> drops;   // [kind][selector] -> nodes
};

Matches match_all(const Tree& tree, const rules::RuleSet& rules) {
  html::SelectorSet set;
  auto add_fields = [&](const std::vector<rules::Field>& fields) {
    for (const auto& f : fields)
      for (const auto& s : f.selectors) set.add(s.selector);
  };
  add_fields(rules.fields);
  add_fields(rules.meta);
  for (const auto& d : rules.drops)
    for (const auto& s : d.selectors) set.add(s.selector);
  std::vector<std::vector<NodeId>> all = set.match(tree);
  size_t k = 0;
  Matches m;
  auto take_fields = [&](const std::vector<rules::Field>& fields, auto* out) {
    for (const auto& f : fields) {
      out->emplace_back();
      for (size_t s = 0; s < f.selectors.size(); ++s) out->back().push_back(std::move(all[k++]));
    }
  };
  take_fields(rules.fields, &m.fields);
  take_fields(rules.meta, &m.meta);
  for (const auto& d : rules.drops) {
    m.drops.emplace_back();
    for (size_t s = 0; s < d.selectors.size(); ++s) m.drops.back().push_back(std::move(all[k++]));
  }
  return m;
}

// Marks the leaves (text, images) strictly between two matching comments,
// and whole elements that lie entirely between them.
void mark_between(const Tree& tree, const rules::BetweenRule& rule, int32_t ref,
                  std::vector<int32_t>* drop_ref) {
  NodeId open = kNoNode;
  for (NodeId i = 0; i < tree.size(); ++i) {
    if (tree[i].kind != html::NodeKind::kComment) continue;
    if (open == kNoNode) {
      if (RE2::PartialMatch(tree[i].text, *rule.from)) open = i;
      continue;
    }
    if (!RE2::PartialMatch(tree[i].text, *rule.to)) continue;
    for (NodeId j = open + 1; j < i;) {
      if (tree[j].end <= i) {  // the whole subtree is inside the range
        if ((*drop_ref)[j] == kNone) (*drop_ref)[j] = ref;
        j = tree[j].end;
      } else {
        ++j;  // an element that straddles the end: look inside it
      }
    }
    open = kNoNode;
  }
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

bool iequals_trimmed(std::string_view a, std::string_view b) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  };
  a = trim(a);
  b = trim(b);
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x | 0x20 : x) == (y >= 'A' && y <= 'Z' ? y | 0x20 : y);
         });
}

}  // namespace

std::string Article::text() const {
  if (lines.empty()) return {};
  return join(lines, "\n") + "\n";
}

Article clean_page(const html::Page& page, const PageMeta& meta, const rules::RuleSet& rules,
                   const CleanOptions& options) {
  const Tree& tree = page.tree;
  const NodeId n = tree.size();
  Article art;
  art.site = rules.hosts.empty() ? "" : rules.name;
  art.rules_path = rules.path;

  Matches m = match_all(tree, rules);

  // What is laid out at all: a hidden element hides its subtree.
  html::RenderOptions ropts;
  ropts.image_alt = false;  // alt text is not article text
  ropts.include_hidden = options.include_hidden;
  std::vector<uint8_t> hidden(n, 0);
  for (NodeId i = 1; i < n; ++i)
    hidden[i] = hidden[tree[i].parent] ||
                (tree.is_element(i) && !html::is_rendered_element(tree, i, ropts));

  // Drops: each node records the first rule that matched it.
  std::vector<DropRef> refs;
  std::vector<int32_t> drop_ref(n, kNone);
  for (size_t k = 0; k < rules.drops.size(); ++k) {
    const rules::DropKind& kind = rules.drops[k];
    for (size_t s = 0; s < kind.selectors.size(); ++s) {
      int32_t ref = static_cast<int32_t>(refs.size());
      refs.push_back({kind.kind, "selector", kind.selectors[s].selector.text(), kind.selectors[s].where});
      for (NodeId id : m.drops[k][s])
        if (drop_ref[id] == kNone) drop_ref[id] = ref;
    }
    for (const rules::BetweenRule& b : kind.between) {
      int32_t ref = static_cast<int32_t>(refs.size());
      refs.push_back({kind.kind, "between", b.text, b.where});
      mark_between(tree, b, ref, &drop_ref);
    }
  }
  std::vector<uint8_t> dropped(n, 0);
  for (NodeId i = 0; i < n; ++i)
    dropped[i] = drop_ref[i] != kNone || (i > 0 && dropped[tree[i].parent]);
  auto usable = [&](NodeId id) { return !hidden[id] && !dropped[id]; };
  // Some text of the subtree that shows and is not dropped.
  auto has_visible_text = [&](NodeId id) {
    for (NodeId i = id; i < tree[id].end; ++i) {
      if (hidden[i] || dropped[i]) {
        if (tree.is_element(i)) i = tree[i].end - 1;
        continue;
      }
      const html::Node& t = tree[i];
      if (t.kind == html::NodeKind::kText && !html::is_blank(t.text)) return true;
    }
    return false;
  };

  auto field_index = [&](std::string_view name) -> int32_t {
    for (size_t f = 0; f < rules.fields.size(); ++f)
      if (rules.fields[f].name == name) return static_cast<int32_t>(f);
    return kNone - 1;  // matches no role
  };

  // Kept fields: the first selector with a usable match; its first match.
  std::vector<int32_t> field_of(n, kNone);
  std::vector<NodeId> chosen(rules.fields.size(), kNoNode);
  for (size_t f = 0; f < rules.fields.size(); ++f) {
    const rules::Field& field = rules.fields[f];
    bool found = false;
    std::vector<FieldMatch> rejected;
    for (size_t s = 0; s < field.selectors.size() && !found; ++s) {
      std::vector<NodeId> candidates = m.fields[f][s];
      if (field.selectors[s].take_last) std::reverse(candidates.begin(), candidates.end());
      for (NodeId id : candidates) {
        // A field is visible, outside every drop, and has text.
        std::string why;
        if (hidden[id]) why = "hidden";
        else if (dropped[id]) {
          NodeId a = id;
          while (drop_ref[a] == kNone) a = tree[a].parent;
          const DropRef& r = refs[drop_ref[a]];
          why = "inside a drop: " + r.kind + " " + r.rule + " (" + r.where.to_string() + ", page line " +
                std::to_string(tree.source_line(a)) + ")";
        }
        else if (field_of[id] != kNone) why = "already the field '" + rules.fields[field_of[id]].name + "'";
        else if (!has_visible_text(id)) why = "no visible text";
        FieldMatch fm{field.name, field.selectors[s].selector.text(), field.selectors[s].where,
                      id, tree.source_line(id), tree.text_content(id, kExcerpt), why};
        if (!why.empty()) {
          if (rejected.size() < 5) rejected.push_back(std::move(fm));
          continue;
        }
        field_of[id] = static_cast<int32_t>(f);
        chosen[f] = id;
        art.fields.push_back(std::move(fm));
        found = true;
        break;
      }
    }
    if (!found) art.fields.insert(art.fields.end(), rejected.begin(), rejected.end());
  }

  // Fields found by their text: the first small visible element before the
  // body whose whole text matches (a dateline whose class is unknown).
  constexpr NodeId kFindMaxNodes = 16;
  const int32_t body_field = field_index("body");
  const NodeId find_limit = body_field >= 0 && chosen[body_field] != kNoNode ? chosen[body_field] : n;
  for (const rules::FindRule& fr : rules.find) {
    int32_t f = field_index(fr.field);
    if (f < 0 || chosen[f] != kNoNode) continue;
    for (NodeId id = 1; id < find_limit; ++id) {
      if (!tree.is_element(id) || !usable(id) || field_of[id] != kNone) continue;
      if (tree[id].end - id > kFindMaxNodes || !has_visible_text(id)) continue;
      std::string text = tree.text_content(id, 400);
      if (html::is_blank(text) || !RE2::FullMatch(text, *fr.pattern.regex)) continue;
      field_of[id] = f;
      chosen[f] = id;
      art.fields.push_back({fr.field, "text " + fr.pattern.text, fr.pattern.where, id,
                            tree.source_line(id), text.substr(0, kExcerpt), ""});
      break;
    }
  }
  // Fields anchored on the page's own metadata, when neither a selector nor
  // a text pattern found them: the title is the element whose text is the
  // headline, the lead the one that starts with the description, the byline
  // the short one after the body that starts with an author's name.
  auto anchor = [&](const char* name, NodeId from, NodeId to, auto&& accepts) {
    int32_t f = field_index(name);
    if (f < 0 || chosen[f] != kNoNode) return;
    NodeId best = kNoNode;
    for (NodeId id = from; id < to; ++id) {
      if (!tree.is_element(id) || !usable(id) || field_of[id] != kNone) continue;
      if (tree[id].end - id > 64) continue;
      if (best != kNoNode && !tree.contains(best, id)) break;  // keep the deepest match
      if (accepts(tree.text_content(id, 2000))) best = id;
    }
    if (best == kNoNode) return;
    field_of[best] = f;
    chosen[f] = best;
    art.fields.push_back({name, "the page's metadata", {}, best, tree.source_line(best),
                          tree.text_content(best, kExcerpt), ""});
  };
  auto normalize = [](std::string s) {
    std::string out;
    bool space = false;
    for (char c : s) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { space = !out.empty(); continue; }
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
    return out;
  };
  const std::string headline = normalize(!meta.linked.headline.empty() ? meta.linked.headline : meta.og_title);
  std::string description = normalize(!meta.linked.description.empty() ? meta.linked.description
                                       : !meta.og_description.empty() ? meta.og_description
                                                                      : meta.description);
  if (description.size() > 80) {  // a prefix: metadata descriptions get cut with "..."
    size_t cut = 80;
    while (cut < description.size() && (static_cast<unsigned char>(description[cut]) & 0xC0) == 0x80) ++cut;
    description.resize(cut);
  }
  if (!headline.empty())
    anchor("title", 1, find_limit, [&](const std::string& t) { return t == headline; });
  if (description.size() >= 20)
    anchor("lead", 1, find_limit, [&](const std::string& t) { return t.rfind(description, 0) == 0; });
  // The byline: a short element that is an author's name, starts with it or
  // reads "Theo <author>"; among the body's last children, else after it.
  const int32_t byline_field = field_index("byline");
  if (byline_field >= 0 && chosen[byline_field] == kNoNode && body_field >= 0 &&
      chosen[body_field] != kNoNode && !meta.linked.authors.empty()) {
    auto is_byline = [&](NodeId id) {
      if (!tree.is_element(id) || !usable(id) || field_of[id] != kNone) return false;
      std::string t = normalize(tree.text_content(id, 200));
      if (t.empty() || t.size() > 120) return false;
      return std::any_of(meta.linked.authors.begin(), meta.linked.authors.end(), [&](const std::string& a) {
        return !a.empty() && (t.rfind(a, 0) == 0 || t.rfind("Theo " + a, 0) == 0);
      });
    };
    const NodeId body_node = chosen[body_field];
    std::vector<NodeId> last_children;
    for (NodeId c = tree.first_child(body_node); c != kNoNode; c = tree[c].next_sibling)
      if (tree.is_element(c) && !html::is_blank(tree.text_content(c, 64))) last_children.push_back(c);
    NodeId found = kNoNode;
    for (size_t k = 0; k < last_children.size() && k < 3 && found == kNoNode; ++k)
      if (is_byline(last_children[last_children.size() - 1 - k])) found = last_children[last_children.size() - 1 - k];
    for (NodeId id = tree[body_node].end; found == kNoNode && id < std::min<NodeId>(n, tree[body_node].end + 400); ++id)
      if (tree[id].end - id <= 64 && is_byline(id)) found = id;
    if (found != kNoNode) {
      field_of[found] = byline_field;
      chosen[byline_field] = found;
      art.fields.push_back({"byline", "the page's metadata (author)", {}, found, tree.source_line(found),
                            tree.text_content(found, kExcerpt), ""});
    }
  }
  for (const char* required : {"title", "body"}) {
    int32_t f = field_index(required);
    if (f >= 0 && chosen[f] == kNoNode)
      art.warnings.push_back(std::string("field '") + required + "' matched nothing (" + rules.path +
                             "): the site's template may have changed");
  }

  // Metadata fields: every usable match of the first selector that has one
  // (section), or of all selectors (caption).
  std::vector<uint8_t> is_caption(n, 0);
  std::vector<NodeId> section_nodes;
  for (size_t f = 0; f < rules.meta.size(); ++f) {
    const rules::Field& field = rules.meta[f];
    for (size_t s = 0; s < field.selectors.size(); ++s) {
      std::vector<NodeId> ok;
      // Metadata may sit in dropped parts (the breadcrumb is navigation).
      for (NodeId id : m.meta[f][s])
        if (!hidden[id]) ok.push_back(id);
      if (ok.empty()) continue;
      if (field.name == "caption") {
        for (NodeId id : ok) is_caption[id] = 1;
        continue;
      }
      if (field.name == "section" && section_nodes.empty()) section_nodes = ok;
    }
  }

  // Final state: the deepest mark wins (a drop inside a kept field removes
  // its part; the whole page is kept in whole-page mode).
  std::vector<uint8_t> state(n, kUnset);
  std::vector<int32_t> role(n, kNone);
  std::vector<uint8_t> caption(n, 0);
  for (NodeId i = 0; i < n; ++i) {
    NodeId p = tree[i].parent;
    uint8_t inherited = i == 0 ? (options.whole_page ? kKeep : kUnset) : state[p];
    if (drop_ref[i] != kNone) state[i] = kDrop;
    else if (field_of[i] != kNone && !options.whole_page) state[i] = kKeep;
    else state[i] = inherited;
    role[i] = field_of[i] != kNone ? field_of[i] : (i == 0 ? kNone : role[p]);
    caption[i] = is_caption[i] || (i > 0 && caption[p]);
    // A drop that cut into kept content is worth reporting.
    if (drop_ref[i] != kNone && inherited == kKeep && !hidden[i]) {
      std::string excerpt = tree.text_content(i, kExcerpt);
      if (!excerpt.empty() || tree[i].tag == GUMBO_TAG_IMG) {
        const DropRef& r = refs[drop_ref[i]];
        art.removals.push_back({r.kind, r.how, r.rule, r.where, i, tree.source_line(i), excerpt});
      }
    }
  }
  std::vector<uint8_t> kept(n);
  for (NodeId i = 0; i < n; ++i) kept[i] = state[i] == kKeep;

  std::vector<html::Line> lines = html::render_lines(tree, Tree::root(), kept, ropts);

  // Lines: kept text stays unless a line pattern removes it; lines of dropped
  // text only go; blank runs collapse.
  // Line patterns never remove the page's own title or lead: a weather
  // article's title reads exactly like the weather teasers of other pages.
  const int32_t title_role = field_index("title"), lead_role = field_index("lead");
  // A pattern that matches the page's own title describes what the article
  // is about (a weather article among weather teasers): inside the kept
  // fields it is not applied at all, outside them it still is.
  std::string own_title;
  for (const html::Line& line : lines)
    if (!line.text.empty() && role[line.first_kept] == title_role)
      own_title += (own_title.empty() ? "" : " ") + line.text;
  std::vector<const rules::PatternRule*> about_the_article;
  for (const rules::DropKind& kind : rules.drops)
    for (const rules::PatternRule& p : kind.lines)
      if (!own_title.empty() && RE2::FullMatch(own_title, *p.regex)) about_the_article.push_back(&p);
  struct Out { std::string text; int32_t role; bool caption; };
  std::vector<Out> out;
  bool pending_blank = false;
  for (html::Line& line : lines) {
    if (line.blank()) {
      pending_blank = !out.empty();
      continue;
    }
    if (line.text.empty() || html::is_blank(line.text)) {
      // Only dropped text on it, or only filler spaces (<p>&nbsp;</p>).
      if (!line.has_dropped) pending_blank = !out.empty();
      continue;
    }
    bool removed = false;
    const int32_t line_role = role[line.first_kept];
    const bool protected_line = line_role == title_role || line_role == lead_role;
    for (const rules::DropKind& kind : rules.drops) {
      if (protected_line) break;
      for (const rules::PatternRule& p : kind.lines) {
        if (line_role != kNone &&
            std::find(about_the_article.begin(), about_the_article.end(), &p) != about_the_article.end())
          continue;
        if (RE2::FullMatch(line.text, *p.regex)) {
          art.removals.push_back({kind.kind, "line", p.text, p.where, line.first_kept,
                                  tree.source_line(line.first_kept), line.text.substr(0, kExcerpt)});
          removed = true;
          break;
        }
      }
      if (removed) break;
    }
    if (removed) continue;
    if (pending_blank) out.push_back({"", kNone, false});
    pending_blank = false;
    out.push_back({std::move(line.text), role[line.first_kept], caption[line.first_kept] != 0});
  }

  auto lines_of = [&](std::string_view name) {
    std::vector<std::string> v;
    int32_t f = field_index(name);
    for (const Out& o : out)
      if (!o.text.empty() && o.role == f) v.push_back(o.text);
    return v;
  };
  const int32_t body = body_field;
  for (const Out& o : out) {
    art.lines.push_back(o.text);
    if (o.text.empty()) continue;
    if (o.caption) art.captions.push_back(o.text);
    else if (o.role == body) art.paragraphs.push_back(o.text);
  }

  // Title: the page's own, else what its metadata says.
  if (auto t = lines_of("title"); !t.empty()) art.title = join(t, " ");
  else if (!meta.linked.headline.empty()) art.title = meta.linked.headline;
  else if (!meta.og_title.empty()) art.title = meta.og_title;
  else if (!meta.title_tag.empty()) art.title = meta.title_tag;
  if (auto l = lines_of("lead"); !l.empty()) art.lead = join(l, "\n");
  if (auto b = lines_of("byline"); !b.empty()) art.byline = join(b, "\n");

  // Published: the dateline read with the site's formats, else JSON-LD, else
  // the article:published_time meta tag.
  std::string dateline = join(lines_of("dateline"), " ");
  for (const DateFormat& f : rules.date_formats) {
    if (dateline.empty()) break;
    if (auto dt = f.find(dateline)) {
      art.published = to_iso8601(*dt, rules.utc_offset);
      break;
    }
  }
  for (const std::string* iso : {&meta.linked.date_published, &meta.published_time}) {
    if (art.published || iso->empty()) continue;
    if (auto dt = parse_iso8601(*iso)) art.published = to_iso8601(*dt, rules.utc_offset);
  }

  // Section: the breadcrumb's entries below the home link.
  std::vector<std::string> section;
  for (NodeId id : section_nodes) {
    std::string s = tree.text_content(id);
    if (s.empty()) continue;
    bool skip = std::any_of(rules.section_skip.begin(), rules.section_skip.end(),
                            [&](const std::string& k) { return iequals_trimmed(s, k); });
    if (!skip && std::find(section.begin(), section.end(), s) == section.end())
      section.push_back(std::move(s));
  }
  // No visible breadcrumb: the page's JSON-LD BreadcrumbList, less its
  // home entry and the article itself.
  if (section_nodes.empty()) {
    for (const std::string& s : meta.linked.breadcrumb) {
      bool skip = (art.title && iequals_trimmed(s, *art.title)) ||
                  std::any_of(rules.section_skip.begin(), rules.section_skip.end(),
                              [&](const std::string& k) { return iequals_trimmed(s, k); });
      if (!skip && std::find(section.begin(), section.end(), s) == section.end()) section.push_back(s);
    }
  }
  if (!section.empty()) art.section = std::move(section);

  return art;
}

}  // namespace winnow::extract
