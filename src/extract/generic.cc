// The generic extractor, top-down: the entry point, then steps 1 to 4 in
// the order it calls them (step 5: generic_select.cc; step 6:
// generic_shape.cc; step 7: generic_select.cc). Every word
// and threshold comes from the rules (GenericRules, rules/generic.toml).
#include "extract/generic.h"

#include <re2/re2.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <cstdint>

#include "extract/generic_internal.h"
#include "extract/generic_meta.h"
#include "extract/page_type.h"
#include "extract/text.h"
#include "html/render.h"

namespace winnow::extract {
namespace {

using generic::Extraction;
using generic::Hints;
using html::kNoNode;
using html::NodeId;
using html::Tree;

// Steps 3 and 4 together. Hints mislead on some pages (a wrapper called
// "header-style-2" or "comments-enabled" around everything): when what
// they leave is hardly an article while the page has prose, choose again
// trusting them less: first not on an element that holds most of the
// page's prose, then not at all (Readability's retry, in two steps so
// comments and sidebars stay out).
NodeId find_container(Extraction& x) {
  NodeId root = kNoNode;
  for (Hints hints : {Hints::kAll, Hints::kMinority, Hints::kNone}) {
    generic::mark_chrome(x, hints);
    root = generic::choose_container(x);
    if (root != kNoNode && (x.good[root] >= x.p.container_min_prose ||
                            x.p.container_min_prose_share.reached(x.good[root], x.page_prose)))
      break;
  }
  return root;
}

// "div#id.class1.class2": an element as explain shows it.
std::string describe(const Tree& t, NodeId id) {
  std::string out(t[id].name);
  if (std::string_view v = t.attr(id, "id"); !v.empty()) (out += '#') += v;
  std::string_view cls = t.attr(id, "class");
  for (size_t i = 0; i < cls.size();) {
    size_t j = cls.find_first_of(" \t\n", i);
    if (j == std::string_view::npos) j = cls.size();
    if (j > i) (out += '.') += cls.substr(i, j - i);
    i = j + 1;
  }
  return out;
}

// explain shows the container as the body field.
FieldMatch container_field(const Tree& t, NodeId root, const GenericRules& rules, bool fallback) {
  constexpr size_t kExcerptBytes = 80;
  FieldMatch body;
  body.field = "body";
  body.selector = describe(t, root) + " (generic extractor: the most " +
                  (rules.strategy.container_by_text ? "text" : "prose") + " less furniture" +
                  (fallback ? "; the article's own container held too little" : "") + ")";
  body.node = root;
  body.page_line = t.source_line(root);
  body.excerpt = t.text_content(root, kExcerptBytes);
  return body;
}

// explain shows the parts step 6 found around the body as fields too, in
// the page's order.
void add_shape_fields(const Tree& t, const generic::Shape& shape, Article* art) {
  constexpr size_t kExcerptBytes = 80;
  const std::pair<const char*, NodeId> parts[] = {{"dateline", shape.dateline},
                                                  {"title", shape.title},
                                                  {"lead", shape.lead != kNoNode ? shape.lead : shape.lead_in_body},
                                                  {"byline", shape.byline}};
  for (const auto& [name, node] : parts) {
    if (node == kNoNode) continue;
    FieldMatch f;
    f.field = name;
    f.selector = describe(t, node) + " (generic extractor: the article's " + name + ")";
    f.node = node;
    f.page_line = t.source_line(node);
    f.excerpt = t.text_content(node, kExcerptBytes);
    art->fields.push_back(std::move(f));
  }
}

// The byline as the page shows it, when step 6 found it there ("Phan Anh
// (T/h)", "Theo TTXVN", "By Ann Lee"): what the rules path gives from its
// byline field, so that both paths say the same; the metadata's names stay
// the authors. Step 6 finds one block: a break inside it ("By<br>Ann Lee")
// is a space.
void use_shown_byline(Article* art) {
  std::string shown;
  for (size_t i = 0; i < art->lines.size(); ++i)
    if (art->line_roles[i] == LineRole::kByline) (shown += ' ') += art->lines[i];
  if (std::string byline = collapse_spaces(shown); !byline.empty()) art->byline = byline;
}

}  // namespace


Article extract_generic(const html::Page& page, const PageMeta& meta, const GenericRules& base,
                        const GenericOptions& options) {
  // What kind of page it is decides what its main content is: the type's
  // own rules (rules/generic.toml, [generic.types.*]).
  const PageTypeGuess type = options.type == PageType::kAuto
                                 ? tell_page_type(page.tree, meta, options.url, base)
                                 : PageTypeGuess{options.type, "forced"};
  const GenericRules* rules = &base.for_type(type.type);
  auto x = std::make_unique<Extraction>(page.tree, *rules, options);
  generic::read_facts(*x);                   // 1
  generic::mark_teasers(*x);                 // 2 (a listing's entries are no teasers)
  NodeId root = find_container(*x);          // 3 and 4
  // An article whose container holds little of the page's prose is looked
  // for again as [generic.types.article] `fallback` says (the whole page
  // less its furniture): when the container holds under fallback_share of
  // the prose outside furniture (a roundup whose sections stand apart), or
  // the page gives no sign of any type and its container holds under
  // fallback_unsigned_below characters (most such pages are not articles).
  // A type forced (--page-type article) is taken at its word.
  const bool may_fall_back = options.type == PageType::kAuto && type.type == PageType::kArticle &&
                             base.fallback != PageType::kArticle;
  bool fallback = may_fall_back &&
                  (root == kNoNode || (type.from.empty() && x->good[root] < base.fallback_unsigned_below) ||
                   !base.fallback_share.reached(x->good[root], x->good[0]));
  // A short container (under fallback_short_below characters of prose) is
  // weighed against the fallback's: when it holds under fallback_short_share
  // of the fallback container's text, the page is a list of what it shows
  // (a section front whose entries are headlines, a docs page of tables and
  // code, a roundup of product cards) and its short prose a signup box, a
  // cookie notice or an intro. Only short containers pay for the second look.
  std::unique_ptr<Extraction> other;
  NodeId other_root = kNoNode;
  if (fallback || (may_fall_back && x->good[root] < base.fallback_short_below)) {
    other = std::make_unique<Extraction>(page.tree, base.for_type(base.fallback), options);
    generic::read_facts(*other);
    generic::mark_teasers(*other);
    other_root = find_container(*other);
    fallback = fallback || (other_root != kNoNode &&
                            !base.fallback_short_share.reached(x->all[root], other->all[other_root]));
  }
  if (fallback) {
    rules = &other->rules;
    x = std::move(other);
    root = other_root;
  }
  Article art;
  art.extractor = "generic";
  art.page_type = page_type_name(type.type);
  art.page_type_from = type.from;
  // The title: step 5 drops its line, step 6 finds it.
  fill_generic_meta(page.tree, meta, &art, options.url, {rules->params.organization_authors[options.favor]},
                    options.found_authors);
  if (root == kNoNode) {
    art.warnings.push_back("generic extractor: no article-like text on the page");
    return art;
  }
  art.fields.push_back(container_field(x->t, root, *rules, fallback));
  std::vector<uint8_t> kept = generic::select_blocks(*x, root, art.title.value_or(""));  // 5
  const generic::Shape shape = generic::find_shape(*x, root, meta, art, &kept);         // 6
  add_shape_fields(x->t, shape, &art);
  generic::lay_out_text(*x, root, shape, kept, &art);                                  // 7
  generic::add_declared_description(*x, meta, &art);
  use_shown_byline(&art);
  return art;
}

}  // namespace winnow::extract

namespace winnow::extract::generic {
namespace {

using html::kNoNode;
using html::NodeKind;

bool is_block_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_LI: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR: case GUMBO_TAG_CAPTION: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_NAV: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_BODY: case GUMBO_TAG_HTML: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
      return true;
    default:
      return false;
  }
}

// Code points in UTF-8 text, a run of whitespace counting as one.
uint32_t chars_of(std::string_view s) {
  uint32_t n = 0;
  bool space = true;
  for (unsigned char c : s) {
    bool is_space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (is_space) {
      if (!space) ++n;  // a run of spaces counts once
      space = true;
    } else {
      if ((c & 0xC0) != 0x80) ++n;
      space = false;
    }
  }
  return n;
}

void add_text(std::string_view s, bool link, BlockText* b) {
  uint32_t c = chars_of(s);
  b->chars += c;
  if (link) b->link_chars += c;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char ch = s[i];
    if (ch == ',') ++b->commas;
    else if (ch == '.' || ch == '!' || ch == '?' || ch == ';' || ch == ':') ++b->stops;
    // U+FF0C fullwidth comma, U+3001 ideographic comma, U+3002 full stop
    else if (ch == 0xEF && i + 2 < s.size() && (unsigned char)s[i + 1] == 0xBC && (unsigned char)s[i + 2] == 0x8C) ++b->commas;
    else if (ch == 0xE3 && i + 2 < s.size() && (unsigned char)s[i + 1] == 0x80 &&
             ((unsigned char)s[i + 2] == 0x81 || (unsigned char)s[i + 2] == 0x82)) ++b->stops;
  }
}

}  // namespace

// ---------------------------------------------------------------------------
// Step 1: facts. One forward pass over the pre-order tree (a parent's id is
// always below its children's): visibility, the nearest block, inside a
// link; then each block's own text.

void read_facts(Extraction& x) {
  const Tree& t = x.t;
  Facts& f = x.facts;
  NodeId n = t.size();
  f.visible.assign(n, 0);
  f.block.assign(n, 0);
  f.in_link.assign(n, 0);
  html::RenderOptions ro;
  ro.include_hidden = x.options.include_hidden;
  auto mark_visible = [&] {
    f.visible[0] = 1;
    for (NodeId id = 1; id < n; ++id) {
      NodeId p = t[id].parent;
      bool vis = f.visible[p];
      if (vis && t.is_element(id)) vis = html::is_rendered_element(t, id, ro);
      f.visible[id] = vis;
    }
  };
  mark_visible();
  for (NodeId id = 1; id < n; ++id) {
    NodeId p = t[id].parent;
    f.block[id] = t.is_element(id) && is_block_tag(t[id].tag) ? id : f.block[p];
    f.in_link[id] = f.in_link[p] || (t.is_element(id) && t[id].tag == GUMBO_TAG_A && t.has_attr(id, "href"));
  }
  // A page whose content a script draws may serve it in a <noscript> (a
  // forum thread's posts): one in the shown page holding more text than the
  // page shows, and at least noscript_view_min_chars, is laid out as a
  // browser without scripts shows it.
  std::optional<uint64_t> shown;  // counted only for a <noscript> that holds enough
  for (NodeId id = 1; id < n && !x.noscript_view; ++id) {
    if (!t.is_element(id) || t[id].tag != GUMBO_TAG_NOSCRIPT || !f.visible[t[id].parent]) continue;
    uint64_t inside = 0;
    for (NodeId k = id + 1; k < t[id].end; ++k)
      if (t[k].kind == NodeKind::kText) inside += chars_of(t[k].text);
    if (inside < x.p.noscript_view_min_chars) continue;
    if (!shown) {
      shown = 0;
      for (NodeId k = 0; k < n; ++k)
        if (t[k].kind == NodeKind::kText && f.visible[k]) *shown += chars_of(t[k].text);
    }
    x.noscript_view = inside > *shown;
  }
  if (x.noscript_view) {
    ro.noscript = true;
    mark_visible();
  }
  x.own.assign(n, {});
  for (NodeId id = 0; id < n; ++id) {
    if (t[id].kind != NodeKind::kText || !f.visible[id]) continue;
    add_text(t[id].text, f.in_link[id], &x.own[f.block[id]]);
  }
}

bool Extraction::is_prose(const BlockText& b) const {
  if (b.chars < p.prose_min_chars[favor()]) return false;
  if (p.prose_max_link_share.exceeded(b.link_chars, b.chars)) return false;
  return b.commas + b.stops > 0 || b.chars >= p.prose_unpunctuated_min_chars;
}

bool is_heading(GumboTag tag) { return tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6; }

// ---------------------------------------------------------------------------
// Step 2: teasers. Lists of other stories give each a headline link and a
// sentence or two of summary: prose that is not this article's. A prose
// block is a teaser when a small element around it (a card: not much more
// text than the block) also holds a link long enough to be a headline; or
// when it opens with such a link, beside siblings that do too.

void mark_teasers(Extraction& x) {
  const Tree& t = x.t;
  if (!x.rules.strategy.teasers_are_furniture) {
    x.teaser.assign(t.size(), 0);
    return;
  }
  const GenericParams& p = x.p;
  NodeId n = t.size();
  std::vector<uint32_t> text(n, 0), plain(n, 0), heads(n, 0);  // plain: outside links
  for (NodeId id = 0; id < n; ++id)
    if (t[id].kind == NodeKind::kText && x.facts.visible[id]) {
      text[id] = chars_of(t[id].text);
      if (!x.facts.in_link[id]) plain[id] = text[id];
    }
  for (NodeId id = n; id-- > 1;) {
    if (t.is_element(id) && t[id].tag == GUMBO_TAG_A && t.has_attr(id, "href") && text[id] >= p.headline_min_chars)
      heads[id] += 1;
    text[t[id].parent] += text[id];
    plain[t[id].parent] += plain[id];
    heads[t[id].parent] += heads[id];
  }
  x.teaser.assign(n, 0);
  // Cards whose headline link opens the summary block itself ("<p><a>Title
  // of another story</a> Its summary...</p>"), side by side.
  std::vector<uint8_t> opens_with_link(n, 0);
  std::vector<uint32_t> per_parent(n, 0);
  for (NodeId id = 0; id < n; ++id) {
    if (t[id].kind != NodeKind::kText || !x.facts.visible[id] || html::is_blank(t[id].text)) continue;
    NodeId b = x.facts.block[id];
    if (opens_with_link[b] != 0) continue;  // decided by the block's first text
    NodeId a = id;
    while (a != b && !(t.is_element(a) && t[a].tag == GUMBO_TAG_A)) a = t[a].parent;
    bool headline = a != b && text[a] >= p.headline_min_chars && x.own[b].chars < p.teaser_opening_block_max_chars &&
                    !p.teaser_opening_link_max_share.reached(text[a], x.own[b].chars);
    opens_with_link[b] = headline ? 1 : 2;
    if (headline && t[b].parent != kNoNode) ++per_parent[t[b].parent];
  }
  for (NodeId id = 1; id < n; ++id)
    if (opens_with_link[id] == 1 && per_parent[t[id].parent] >= p.teaser_opening_min_siblings && x.is_prose(x.own[id]))
      x.teaser[id] = 1;
  for (NodeId id = 0; id < n; ++id) {
    const BlockText& b = x.own[id];
    if (b.chars == 0 || b.chars > p.teaser_max_chars || !x.is_prose(b)) continue;  // summaries are short
    NodeId a = t[id].parent;
    for (uint32_t level = 0; level < p.teaser_card_levels && a != kNoNode; ++level, a = t[a].parent) {
      // Wider than a card: a card's own words beside its links (headline,
      // source, tags) are the summary and a few more.
      if (plain[a] > plain[id] + p.teaser_card_extra_chars || p.teaser_card_max_growth.exceeded(plain[a], plain[id]))
        break;
      if (heads[a] > heads[id]) {
        x.teaser[id] = 1;
        break;
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Step 3: chrome. An element is furniture by its tag or role, by an
// unlikely class/id hint not offset by a likely one, or as a box that
// opens with a title such as "Related stories". A chrome tag that holds
// most of the page's prose is a page wrapper, not chrome.

std::string hint_text(const Tree& t, NodeId id) {
  std::string s(t.attr(id, "class"));
  s += ' ';
  s += t.attr(id, "id");
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? char(c | 0x20) : (c == '_' ? '-' : c);
  return s;
}

namespace {

// What an element's class and id say it is.
enum class HintSays { kNothing, kFurniture, kImage };

// Furniture by its class and id, judged a token at a time: a token with an
// unlikely word is furniture even when a likely word qualifies it
// ("post-comments", "sidebar-content", "entry-footer"); only a token that is
// likely alone ("entry-content", "post") or an embedded post offsets it, as
// WordPress sets "comments-open" on the article itself. An image word
// ("article-image", "photo-credit") names an image's wrapper.
//
// A page repeats its class names on element after element, and step 3 may
// run three times: a token is read once a page (Extraction::token_hints).
TokenHint read_token(const GenericRules& r, std::string token) {
  // A state modifier names what the element has, not what it is.
  if (r.modifier) RE2::Replace(&token, *r.modifier, "");
  if (token.empty()) return TokenHint::kNone;
  if (part_match(r.embedded_hint, token)) return TokenHint::kLikely;
  if (part_match(r.unlikely_hint, token) || part_match(r.unlikely_prefix, token)) return TokenHint::kUnlikely;
  if (part_match(r.image_hint, token)) return TokenHint::kImage;
  if (part_match(r.likely_hint, token)) return TokenHint::kLikely;
  return TokenHint::kNone;
}

HintSays furniture_by_hints(Extraction& x, std::string_view hints) {
  bool unlikely = false, likely = false, image = false;
  for (size_t i = 0; i < hints.size();) {
    size_t j = hints.find(' ', i);
    if (j == std::string_view::npos) j = hints.size();
    std::string_view token = hints.substr(i, j - i);
    i = j + 1;
    if (token.empty()) continue;
    auto it = x.token_hints.find(token);
    if (it == x.token_hints.end())
      it = x.token_hints.emplace(std::string(token), read_token(x.rules, std::string(token))).first;
    switch (it->second) {
      case TokenHint::kLikely: likely = true; break;
      case TokenHint::kUnlikely: unlikely = true; break;
      case TokenHint::kImage: image = true; break;
      case TokenHint::kNone: break;
    }
  }
  if (likely) return HintSays::kNothing;
  return unlikely ? HintSays::kFurniture : image ? HintSays::kImage : HintSays::kNothing;
}

// An image's wrapper is furniture with its caption and credit; one that
// holds a heading or two paragraphs is a section that shows an image (a
// roundup's entry, "list-item-large-image"), not an image.
bool holds_section(const Tree& t, NodeId id) {
  int paragraphs = 0;
  for (NodeId d = id + 1; d < t[id].end; ++d) {
    if (!t.is_element(d)) continue;
    if (is_heading(t[d].tag) || (t[d].tag == GUMBO_TAG_P && ++paragraphs == 2)) return true;
  }
  return false;
}

// Sums own-text figures over subtrees, leaving out what `excluded` marks.
void sum_subtrees(Extraction& x, const std::vector<uint8_t>* excluded) {
  const Tree& t = x.t;
  NodeId n = t.size();
  x.good.assign(n, 0);
  x.all.assign(n, 0);
  x.links.assign(n, 0);
  for (NodeId id = 0; id < n; ++id) {
    if (excluded && (*excluded)[id]) continue;
    const BlockText& b = x.own[id];
    if (b.chars == 0) continue;
    x.all[id] = b.chars;
    x.links[id] = b.link_chars;
    if (x.is_prose(b) && !is_heading(t[id].tag) && !x.teaser[id]) x.good[id] = b.chars - b.link_chars;
  }
  for (NodeId id = n; id-- > 1;) {
    NodeId p = t[id].parent;
    x.good[p] += x.good[id];
    x.all[p] += x.all[id];
    x.links[p] += x.links[id];
  }
}

// A box that opens with a title such as "Related stories" holds other
// stories, whatever its class says. The box is the title's parent (past
// wrappers holding the title alone), unless it holds the <h1> or nearly
// all the page's prose: then the title is the article's own.
void mark_titled_boxes(Extraction& x, uint32_t page_good) {
  const Tree& t = x.t;
  const GenericParams& p = x.p;
  bool marked = false;
  for (NodeId id = 1; id < t.size(); ++id) {
    if (!t.is_element(id) || x.own[id].chars == 0 || x.own[id].chars > p.box_title_max_chars) continue;
    if (x.all[id] > p.box_title_max_text || !whole_match(x.rules.box_title, t.text_content(id, p.box_title_read_bytes)))
      continue;
    NodeId box = id;
    while (t[box].parent != kNoNode && x.all[t[box].parent] == x.all[id]) box = t[box].parent;
    box = t[box].parent;
    if (box == kNoNode || box == 0 || x.chrome[box] || t[box].tag == GUMBO_TAG_BODY ||
        p.box_article_prose_share.exceeded(x.good[box], page_good))
      continue;
    // The box of the article itself holds its <h1>.
    bool has_h1 = false;
    for (NodeId k = box + 1; k < t[box].end && !has_h1; ++k) has_h1 = t.is_element(k) && t[k].tag == GUMBO_TAG_H1;
    if (has_h1) continue;
    // The title opens the box: no text before it.
    bool opens = true;
    for (NodeId k = box + 1; k < id && opens; ++k)
      opens = !(t[k].kind == NodeKind::kText && x.facts.visible[k] && !html::is_blank(t[k].text));
    if (!opens) continue;
    x.chrome[box] = 1;
    marked = true;
  }
  if (!marked) return;
  for (NodeId id = 1; id < t.size(); ++id)
    if (x.chrome[t[id].parent]) x.chrome[id] = 1;
}

bool furniture_by_role(const GenericRules& r, std::string_view role) {
  return std::find(r.chrome_roles.begin(), r.chrome_roles.end(), role) != r.chrome_roles.end();
}

}  // namespace

void mark_chrome(Extraction& x, Hints use_hints) {
  const Tree& t = x.t;
  sum_subtrees(x, nullptr);
  uint32_t page_good = x.page_prose = x.good[0];
  x.chrome.assign(t.size(), 0);
  for (NodeId id = 1; id < t.size(); ++id) {
    NodeId p = t[id].parent;
    if (x.chrome[p]) {
      x.chrome[id] = 1;
      continue;
    }
    if (!t.is_element(id)) continue;
    GumboTag tag = t[id].tag;
    if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_MAIN || tag == GUMBO_TAG_ARTICLE) continue;
    const bool wrapper = x.p.wrapper_prose_share.exceeded(x.good[id], page_good);
    if (x.rules.is_chrome_tag(tag)) {
      if (!wrapper) x.chrome[id] = 1;
      continue;
    }
    bool furniture = false;
    if (use_hints != Hints::kNone && (use_hints == Hints::kAll || !wrapper)) {
      std::string hints = hint_text(t, id);
      if (hints.size() > 1) {
        const HintSays says = furniture_by_hints(x, hints);
        furniture = says == HintSays::kFurniture || (says == HintSays::kImage && !holds_section(t, id));
      }
      if (furniture_by_role(x.rules, t.attr(id, "role"))) furniture = true;
    }
    if (furniture) x.chrome[id] = 1;
  }
  mark_titled_boxes(x, page_good);
  sum_subtrees(x, &x.chrome);
}

// ---------------------------------------------------------------------------
// Step 4: the container. The element whose subtree holds the most prose
// less a share of everything else in it: going up to a wider element pays
// only while it brings more prose than furniture. The first (outermost) of
// equal scores wins: wrappers around the same text give the same article.

// A single block is hardly an article: when the best-scoring element is one
// paragraph (all its prose is its own text), its siblings lost to it only
// because the text between them (lists, tables, link lines) weighs against
// a wider element. The article is then the nearest ancestor, short of page
// furniture, that holds more prose than the block (step 5 sorts the
// siblings); a block alone in its wrappers stays.
NodeId widen_single_block(const Extraction& x, NodeId block) {
  const Tree& t = x.t;
  if (x.own[block].chars < x.good[block]) return block;  // it holds other blocks' prose
  for (NodeId a = t[block].parent; a != kNoNode && !x.chrome[a]; a = t[a].parent)
    if (x.p.container_block_parent_prose.reached(x.good[a], x.good[block])) return a;
  return block;
}

NodeId choose_container(const Extraction& x) {
  const Tree& t = x.t;
  const double link_weight = x.p.container_link_weight;
  const double other_weight = x.p.container_other_weight[x.favor()];
  NodeId best = kNoNode;
  double best_score = 0;
  // A listing's entries, a product's specifications, a thread's posts
  // are short blocks: there the content is the most text, less a share of
  // its links (with a weight under 1, the whole page less its furniture).
  const bool by_text = x.rules.strategy.container_by_text;
  for (NodeId id = 0; id < t.size(); ++id) {
    if (!t.is_element(id) || x.chrome[id] || !x.facts.visible[id] || x.good[id] == 0) continue;
    double other = double(x.all[id]) - x.good[id] - x.links[id];
    double score = by_text ? x.all[id] - link_weight * x.links[id]
                           : x.good[id] - link_weight * x.links[id] - other_weight * other;
    if (score > best_score) {
      best_score = score;
      best = id;
    }
  }
  return best == kNoNode ? best : widen_single_block(x, best);
}

}  // namespace winnow::extract::generic
