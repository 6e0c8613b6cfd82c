// Cleaning, step by step (see clean.h):
//   match_all -> mark_hidden -> mark_drops -> pick_fields (fields.cc)
//   -> read_meta_fields -> settle -> render -> keep_lines -> read_metadata
#include "extract/clean.h"

#include <re2/re2.h>

#include <algorithm>

#include "extract/dates.h"
#include "extract/marks.h"
#include "extract/title.h"
#include "html/render.h"
#include "html/select.h"

namespace winnow::extract {

using html::kNoNode;
using html::NodeId;
using html::Tree;

Matches match_all(const Tree& tree, const rules::RuleSet& rules) {
  html::SelectorSet set;
  for (const auto* fields : {&rules.fields, &rules.meta})
    for (const auto& f : *fields)
      for (const auto& s : f.selectors) set.add(s.selector);
  for (const auto& d : rules.drops)
    for (const auto& s : d.selectors) set.add(s.selector);
  std::vector<std::vector<NodeId>> all = set.match(tree);
  size_t k = 0;
  Matches m;
  auto take = [&](const auto& groups, auto* out) {
    for (const auto& g : groups) {
      out->emplace_back();
      for (size_t s = 0; s < g.selectors.size(); ++s) out->back().push_back(std::move(all[k++]));
    }
  };
  take(rules.fields, &m.fields);
  take(rules.meta, &m.meta);
  take(rules.drops, &m.drops);
  return m;
}

namespace {

enum State : uint8_t { kUnset = 0, kKeep = 1, kDrop = 2 };

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
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x | 0x20 : x) == (y >= 'A' && y <= 'Z' ? y | 0x20 : y);
         });
}

// What is laid out at all: a hidden element hides its subtree.
void mark_hidden(Marks& mk, const html::RenderOptions& ropts) {
  for (NodeId i = 1; i < mk.tree.size(); ++i)
    mk.hidden[i] = mk.hidden[mk.tree[i].parent] ||
                   (mk.tree.is_element(i) && !html::is_rendered_element(mk.tree, i, ropts));
}

// Marks the leaves strictly between two matching comments, and whole
// elements that lie entirely between them.
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

// Drops: each node records the first rule that matched it.
void mark_drops(Marks& mk, const Matches& matches) {
  for (size_t k = 0; k < mk.rules.drops.size(); ++k) {
    const rules::DropKind& kind = mk.rules.drops[k];
    for (size_t s = 0; s < kind.selectors.size(); ++s) {
      int32_t ref = static_cast<int32_t>(mk.refs.size());
      mk.refs.push_back({kind.kind, "selector", kind.selectors[s].selector.text(), kind.selectors[s].where});
      for (NodeId id : matches.drops[k][s])
        if (mk.drop_ref[id] == kNone) mk.drop_ref[id] = ref;
    }
    for (const rules::BetweenRule& b : kind.between) {
      int32_t ref = static_cast<int32_t>(mk.refs.size());
      mk.refs.push_back({kind.kind, "between", b.text, b.where});
      mark_between(mk.tree, b, ref, &mk.drop_ref);
    }
  }
  for (NodeId i = 0; i < mk.tree.size(); ++i)
    mk.dropped[i] = mk.drop_ref[i] != kNone || (i > 0 && mk.dropped[mk.tree[i].parent]);
}

struct MetaNodes {
  std::vector<NodeId> section;   // the breadcrumb entries
  std::vector<uint8_t> caption;  // per node: a caption element
};

// Metadata fields: every visible match of the first selector that has one
// (section), or of all selectors (caption). They may sit in dropped parts:
// the breadcrumb is navigation.
MetaNodes read_meta_fields(const Marks& mk, const Matches& matches) {
  MetaNodes out;
  out.caption.assign(mk.tree.size(), 0);
  for (size_t f = 0; f < mk.rules.meta.size(); ++f) {
    const rules::Field& field = mk.rules.meta[f];
    for (size_t s = 0; s < field.selectors.size(); ++s) {
      std::vector<NodeId> visible;
      for (NodeId id : matches.meta[f][s])
        if (!mk.hidden[id]) visible.push_back(id);
      if (field.name == "caption") {
        for (NodeId id : visible) out.caption[id] = 1;
      } else if (field.name == "section" && out.section.empty()) {
        out.section = std::move(visible);
      }
    }
  }
  return out;
}

// Each node's final state, the field it belongs to, and whether it is part
// of a caption. The deepest mark wins: a drop inside a kept field removes
// its part; in whole-page mode the root is kept.
struct Layout {
  std::vector<uint8_t> kept;
  std::vector<int32_t> role;
  std::vector<uint8_t> caption;
};

Layout settle(const Marks& mk, const MetaNodes& meta_nodes, bool whole_page, Article* art) {
  const Tree& tree = mk.tree;
  const NodeId n = tree.size();
  Layout out{std::vector<uint8_t>(n, 0), std::vector<int32_t>(n, kNone), std::vector<uint8_t>(n, 0)};
  std::vector<uint8_t> state(n, kUnset);
  for (NodeId i = 0; i < n; ++i) {
    NodeId p = tree[i].parent;
    uint8_t inherited = i == 0 ? uint8_t{whole_page ? kKeep : kUnset} : state[p];
    if (mk.drop_ref[i] != kNone) state[i] = kDrop;
    else if (mk.field_of[i] != kNone && !whole_page) state[i] = kKeep;
    else state[i] = inherited;
    out.kept[i] = state[i] == kKeep;
    out.role[i] = mk.field_of[i] != kNone ? mk.field_of[i] : (i == 0 ? kNone : out.role[p]);
    out.caption[i] = meta_nodes.caption[i] || (i > 0 && out.caption[p]);
    // A drop that cut into kept content is worth reporting.
    if (mk.drop_ref[i] != kNone && inherited == kKeep && !mk.hidden[i]) {
      std::string excerpt = tree.text_content(i, kExcerpt);
      if (!excerpt.empty() || tree[i].tag == GUMBO_TAG_IMG) {
        const DropRef& r = mk.refs[mk.drop_ref[i]];
        art->removals.push_back({r.kind, r.how, r.rule, r.where, i, tree.source_line(i), excerpt});
      }
    }
  }
  return out;
}

struct KeptLine {
  std::string text;  // "" for a blank line
  int32_t role;
  bool caption;
  LineShape shape;
};

// Lines: kept text stays unless a line pattern removes it; lines of dropped
// text (or filler spaces) only go; runs of blank lines collapse.
//
// Line patterns never remove the page's own title or lead, and a pattern
// that matches the title describes what the article is about (a weather
// article among weather teasers): inside the kept fields it is not applied,
// outside them (whole-page mode) it still is.
std::vector<KeptLine> keep_lines(const Marks& mk, const Layout& layout, std::vector<html::Line> lines,
                                 Article* art) {
  const int32_t title_role = mk.field_index("title"), lead_role = mk.field_index("lead");
  std::string own_title;
  for (const html::Line& line : lines)
    if (!line.text.empty() && layout.role[line.first_kept] == title_role)
      own_title += (own_title.empty() ? "" : " ") + line.text;
  std::vector<const rules::PatternRule*> about_the_article;
  for (const rules::DropKind& kind : mk.rules.drops)
    for (const rules::PatternRule& p : kind.lines)
      if (!own_title.empty() && RE2::FullMatch(own_title, *p.regex)) about_the_article.push_back(&p);
  auto is_about = [&](const rules::PatternRule* p) {
    return std::find(about_the_article.begin(), about_the_article.end(), p) != about_the_article.end();
  };

  std::vector<KeptLine> out;
  bool pending_blank = false;
  std::vector<TextImage> carried;  // images of filler lines, for the next kept one
  for (html::Line& line : lines) {
    if (line.blank()) {
      pending_blank = !out.empty();
      continue;
    }
    if (line.text.empty() || html::is_blank(line.text)) {
      if (!line.has_dropped) pending_blank = !out.empty();  // <p>&nbsp;</p> reads as blank
      for (TextImage& img : line.shape.images) carried.push_back({0, true, std::move(img.src), std::move(img.alt)});
      continue;
    }
    const int32_t role = layout.role[line.first_kept];
    const rules::PatternRule* hit = nullptr;
    const rules::DropKind* hit_kind = nullptr;
    if (role != title_role && role != lead_role) {
      for (const rules::DropKind& kind : mk.rules.drops) {
        for (const rules::PatternRule& p : kind.lines) {
          if (role != kNone && is_about(&p)) continue;
          if (RE2::FullMatch(line.text, *p.regex)) {
            hit = &p;
            hit_kind = &kind;
            break;
          }
        }
        if (hit) break;
      }
    }
    if (hit) {
      art->removals.push_back({hit_kind->kind, "line", hit->text, hit->where, line.first_kept,
                               mk.tree.source_line(line.first_kept), line.text.substr(0, kExcerpt)});
      continue;
    }
    if (pending_blank) out.push_back({"", kNone, false, {}});
    pending_blank = false;
    if (!carried.empty()) {
      line.shape.images.insert(line.shape.images.begin(), std::make_move_iterator(carried.begin()),
                               std::make_move_iterator(carried.end()));
      carried.clear();
    }
    out.push_back({std::move(line.text), role, layout.caption[line.first_kept] != 0, std::move(line.shape)});
  }
  return out;
}

// Each kept line's role, by the field that kept it: a caption wherever it
// stands; a line of no field (whole-page mode) or of a field other than
// the five reads as body.
std::vector<LineRole> line_roles(const Marks& mk, const std::vector<KeptLine>& lines) {
  const std::pair<const char*, LineRole> named[] = {{"dateline", LineRole::kDateline},
                                                    {"title", LineRole::kTitle},
                                                    {"lead", LineRole::kLead},
                                                    {"byline", LineRole::kByline}};
  std::vector<LineRole> roles;
  for (const KeptLine& l : lines) {
    LineRole role = l.text.empty() ? LineRole::kBlank : l.caption ? LineRole::kCaption : LineRole::kBody;
    if (role == LineRole::kBody && l.role != kNone)
      for (const auto& [name, r] : named)
        if (l.role == mk.field_index(name)) role = r;
    roles.push_back(role);
  }
  return roles;
}

// The article's metadata: each field's lines first, the page's JSON-LD and
// meta tags after.
void read_metadata(const Marks& mk, const std::vector<KeptLine>& lines, const MetaNodes& meta_nodes,
                   const PageMeta& meta, Article* art) {
  const rules::RuleSet& rules = mk.rules;
  auto lines_of = [&](std::string_view name) {
    std::vector<std::string> v;
    int32_t f = mk.field_index(name);
    for (const KeptLine& l : lines)
      if (!l.text.empty() && l.role == f) v.push_back(l.text);
    return v;
  };
  if (auto t = lines_of("title"); !t.empty()) art->title = join(t, " ");
  else if (std::string t = metadata_title(meta); !t.empty()) art->title = t;
  if (auto l = lines_of("lead"); !l.empty()) art->lead = join(l, "\n");
  if (auto b = lines_of("byline"); !b.empty()) art->byline = join(b, "\n");

  // Dates: extract/dates.h (the one precedence both extractors share); the
  // site's dateline field is the visible dateline, read with its formats.
  const std::string dateline = join(lines_of("dateline"), " ");
  SiteDates site;
  // A rule set with a dateline field says where the date is shown; one
  // without (the site-independent drops of a whole-page clean) leaves the
  // visible search near the headline to do.
  site.rules = mk.field_index("dateline") >= 0;
  site.dateline = dateline;
  site.formats = &rules.date_formats;
  site.utc_offset = rules.utc_offset;
  set_dates(find_dates(mk.tree, meta, site), art);

  // Section: the breadcrumb's entries below the home link; without a
  // visible breadcrumb, the JSON-LD BreadcrumbList less the article itself.
  auto skipped = [&](const std::string& s) {
    return std::any_of(rules.section_skip.begin(), rules.section_skip.end(),
                       [&](const std::string& k) { return iequals_trimmed(s, k); });
  };
  std::vector<std::string> section;
  auto add = [&](std::string s) {
    if (!s.empty() && !skipped(s) && std::find(section.begin(), section.end(), s) == section.end())
      section.push_back(std::move(s));
  };
  for (NodeId id : meta_nodes.section) add(mk.tree.text_content(id));
  if (meta_nodes.section.empty())
    for (const std::string& s : meta.linked.breadcrumb)
      if (!(art->title && iequals_trimmed(s, *art->title))) add(s);
  if (!section.empty()) art->section = std::move(section);
}

}  // namespace

Article clean_page(const html::Page& page, const PageMeta& meta, const rules::RuleSet& rules,
                   const CleanOptions& options) {
  Article art;
  art.site = rules.hosts.empty() ? "" : rules.name;
  art.rules_path = rules.path;

  html::RenderOptions ropts;
  ropts.image_alt = false;  // alt text is not article text
  ropts.include_hidden = options.include_hidden;

  const Matches matches = match_all(page.tree, rules);
  Marks marks(page.tree, rules);
  mark_hidden(marks, ropts);
  mark_drops(marks, matches);
  pick_fields(marks, matches, meta, &art);
  const MetaNodes meta_nodes = read_meta_fields(marks, matches);
  const Layout layout = settle(marks, meta_nodes, options.whole_page, &art);

  std::vector<KeptLine> lines =
      keep_lines(marks, layout, html::render_lines(page.tree, Tree::root(), layout.kept, ropts), &art);
  const std::vector<LineRole> roles = line_roles(marks, lines);
  for (size_t i = 0; i < lines.size(); ++i) {
    art.add_line(lines[i].text, roles[i], std::move(lines[i].shape));
    if (roles[i] == LineRole::kCaption) art.captions.push_back(lines[i].text);
    else if (roles[i] == LineRole::kBody && lines[i].role == marks.field_index("body"))
      art.paragraphs.push_back(lines[i].text);
  }
  read_metadata(marks, lines, meta_nodes, meta, &art);
  return art;
}

}  // namespace winnow::extract
