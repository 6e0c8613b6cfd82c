#include "extract/generic.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdint>

#include "extract/generic_internal.h"
#include "extract/generic_meta.h"
#include "html/render.h"

namespace winnow::extract::generic {

using html::kNoNode;
using html::NodeId;
using html::NodeKind;
using html::Tree;

// ---------------------------------------------------------------------------
// Hints from class and id. Matched on "class id", lower-cased. Words are
// English and the unaccented Vietnamese slugs Vietnamese CMSs use.

const RE2& unlikely_hint() {
  static const RE2 re(
      R"((^|[^a-z])(ad|ads|adv|advert|advertisement|banner|breadcrumbs?|combx|comment|comments|community|)"
      R"(disqus|extra|foot|footer|gdpr|header|legends?|menu|navbar|nav|related|remark|replies|rss|)"
      R"(shoutbox|sidebar|side-bar|skyscraper|social|sponsor|sponsored|supplemental|pagination|pager|)"
      R"(popup|modal|newsletter|subscribe|subscription|signup|promo|share|sharing|sharebar|toolbar|)"
      R"(tags?|tagcloud|widget|cookie|consent|paywall|recirc|more-stories|most-popular|trending|)"
      R"(outbrain|taboola|byline|author-bio|bio|jump|skip|print|credits?|copyright|)"
      R"(post-?author|author-?(box|info|card|profile|details|wrap|block|description)|about-?(the-?)?author|)"
      R"(rollover-?(block|panel|card|box|content)|tooltip|popover|hovercard|flyout|)"
      R"(tin-?lien-?quan|lien-?quan|binh-?luan|chia-?se|quang-?cao|tin-?khac|xem-?them|doc-?them|)"
      R"(tieu-?diem|box-?tin|tin-?moi|tin-?doc-?nhieu|doc-?nhieu|xem-?nhieu|tin-?cung-?chuyen-?muc|)"
      R"(qc|banner-?ads?|caption|captions|gallery|slideshow|carousel|slider|lightbox|image|photo|img|picture)([^a-z]|$))"
      // Words no article class begins with, run into the next one too
      // ("relatedpoststitle", "sharedaddy", "footerwrap").
      R"(|(^|[^a-z])(related|sidebar|footer|newsletter|sponsor|outbrain|taboola|disqus|breadcrumb|)"
      R"(pagination|cookie|sharing|sharedaddy))");
  return re;
}

const RE2& likely_hint() {
  static const RE2 re(
      R"((^|[^a-z])(article|articles|body|content|main|post|story|entry|text|prose|blog|)"
      R"(noi-?dung|chi-?tiet|detail|news-?detail|article-?body|post-?body|story-?body|entry-?content)([^a-z]|$))");
  return re;
}

// Posts embedded in the article (quoted tweets, Instagram posts): the
// article's words, whatever else their wrapper is called ("social-embed").
const RE2& embed_hint() {
  static const RE2 re(R"((^|[^a-z])(embed|embedded|tweet|twitter-tweet|instagram-media)([^a-z]|$))");
  return re;
}

// Furniture by its class and id, judged a token at a time: a token with an
// unlikely word is furniture even when a likely word qualifies it
// ("post-comments", "sidebar-content", "entry-footer"); only a token that is
// likely alone ("entry-content", "post") or an embedded post offsets it, as
// WordPress sets "comments-open" on the article itself.
bool furniture_by_hints(std::string_view hints) {
  bool unlikely = false, likely = false;
  for (size_t i = 0; i < hints.size();) {
    size_t j = hints.find(' ', i);
    if (j == std::string_view::npos) j = hints.size();
    std::string token(hints.substr(i, j - i));
    i = j + 1;
    // A state modifier names what the element has, not what it is:
    // "card-has-image", "no-sidebar", "enable-lightbox".
    static const RE2 modifier(R"((^|-)(has|no|with|without|is|show|hide|enable|enabled|disable|disabled)-.*$)");
    RE2::Replace(&token, modifier, "");
    if (token.empty()) continue;
    if (RE2::PartialMatch(token, embed_hint())) likely = true;
    else if (RE2::PartialMatch(token, unlikely_hint())) unlikely = true;
    else if (RE2::PartialMatch(token, likely_hint())) likely = true;
  }
  return unlikely && !likely;
}

std::string hint_text(const Tree& t, NodeId id) {
  std::string s(t.attr(id, "class"));
  s += ' ';
  s += t.attr(id, "id");
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? char(c | 0x20) : (c == '_' ? '-' : c);
  return s;
}

// ---------------------------------------------------------------------------
// Per-node facts, computed in one forward pass over the pre-order tree (a
// parent's id is always below its children's).

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

// Elements that are page furniture wherever they stand.
bool is_chrome_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_MENU: case GUMBO_TAG_LABEL:
      return true;
    default:
      return false;
  }
}

bool is_heading(GumboTag tag) {
  return tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6;
}

// Code points in UTF-8 text (continuation bytes do not count).
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

Facts read_facts(const Tree& t, bool include_hidden) {
  Facts f;
  NodeId n = t.size();
  f.visible.assign(n, 0);
  f.block.assign(n, 0);
  f.in_link.assign(n, 0);
  html::RenderOptions ro;
  ro.include_hidden = include_hidden;
  f.visible[0] = 1;
  for (NodeId id = 1; id < n; ++id) {
    NodeId p = t[id].parent;
    bool vis = f.visible[p];
    if (vis && t.is_element(id)) vis = html::is_rendered_element(t, id, ro);
    f.visible[id] = vis;
    f.block[id] = t.is_element(id) && is_block_tag(t[id].tag) ? id : f.block[p];
    f.in_link[id] = f.in_link[p] || (t.is_element(id) && t[id].tag == GUMBO_TAG_A && t.has_attr(id, "href"));
  }
  return f;
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

// Step 0: each block's own text.
void measure_blocks(Extraction& x) {
  const Tree& t = x.t;
  x.own.assign(t.size(), {});
  for (NodeId id = 0; id < t.size(); ++id) {
    if (t[id].kind != NodeKind::kText || !x.facts.visible[id]) continue;
    add_text(t[id].text, x.facts.in_link[id], &x.own[x.facts.block[id]]);
  }
}

// Step 0b: teasers. Lists of other stories give each a headline link and
// a sentence or two of summary: prose that is not this article's. A prose
// block is a teaser when a small element around it (a card: not much more
// text than the block) also holds a link long enough to be a headline.
void mark_teasers(Extraction& x) {
  const Tree& t = x.t;
  NodeId n = t.size();
  std::vector<uint32_t> text(n, 0), plain(n, 0), heads(n, 0);  // plain: outside links
  for (NodeId id = 0; id < n; ++id)
    if (t[id].kind == NodeKind::kText && x.facts.visible[id]) {
      text[id] = chars_of(t[id].text);
      if (!x.facts.in_link[id]) plain[id] = text[id];
    }
  for (NodeId id = n; id-- > 1;) {
    if (t.is_element(id) && t[id].tag == GUMBO_TAG_A && t.has_attr(id, "href") && text[id] >= 20) heads[id] += 1;
    text[t[id].parent] += text[id];
    plain[t[id].parent] += plain[id];
    heads[t[id].parent] += heads[id];
  }
  x.teaser.assign(n, 0);
  // Cards whose headline link opens the summary block itself ("<p><a>Title
  // of another story</a> Its summary...</p>"), two or more side by side.
  std::vector<uint8_t> opens_with_link(n, 0);
  std::vector<uint32_t> per_parent(n, 0);
  for (NodeId id = 0; id < n; ++id) {
    if (t[id].kind != NodeKind::kText || !x.facts.visible[id] || html::is_blank(t[id].text)) continue;
    NodeId b = x.facts.block[id];
    if (opens_with_link[b] != 0) continue;  // decided by the block's first text
    NodeId a = id;
    while (a != b && !(t.is_element(a) && t[a].tag == GUMBO_TAG_A)) a = t[a].parent;
    bool headline = a != b && text[a] >= 20 && x.own[b].chars < 500 && text[a] * 4 < x.own[b].chars * 3;
    opens_with_link[b] = headline ? 1 : 2;
    if (headline && t[b].parent != kNoNode) ++per_parent[t[b].parent];
  }
  for (NodeId id = 1; id < n; ++id)
    if (opens_with_link[id] == 1 && per_parent[t[id].parent] >= 2 && is_prose(x.own[id], x.options.favor))
      x.teaser[id] = 1;
  for (NodeId id = 0; id < n; ++id) {
    const BlockText& b = x.own[id];
    if (b.chars == 0 || b.chars > 400 || !is_prose(b, x.options.favor)) continue;  // summaries are short
    NodeId a = t[id].parent;
    for (int level = 0; level < 4 && a != kNoNode; ++level, a = t[a].parent) {
      // Wider than a card: a card's own words beside its links (headline,
      // source, tags) are the summary and a few more.
      if (plain[a] > plain[id] + 400 || plain[a] > 2 * plain[id]) break;
      if (heads[a] > heads[id]) {
        x.teaser[id] = 1;
        break;
      }
    }
  }
}

// A block that reads like article prose: long enough, few links, sentences.
bool is_prose(const BlockText& b, Favor favor) {
  uint32_t min_chars = favor == Favor::kRecall ? 30 : favor == Favor::kPrecision ? 80 : 50;
  if (b.chars < min_chars) return false;
  if (b.link_chars * 3 > b.chars) return false;  // over a third links
  return b.commas + b.stops > 0 || b.chars >= 120;
}

// Sums own-text figures over subtrees, counting only what `counts` admits.
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
    if (is_prose(b, x.options.favor) && !is_heading(t[id].tag) && !x.teaser[id]) x.good[id] = b.chars - b.link_chars;
  }
  for (NodeId id = n; id-- > 1;) {
    NodeId p = t[id].parent;
    x.good[p] += x.good[id];
    x.all[p] += x.all[id];
    x.links[p] += x.links[id];
  }
}

// Titles of the boxes around an article, in the languages of the web's news:
// "You may also like", "Leia também", "Tin liên quan", "Lesen Sie auch".
const RE2& box_title() {
  static const RE2 re(
      R"((?i)^\W*(related|related (articles?|stories|posts|news|content|coverage|links|reading)|)"
      R"(you (may|might) (also )?(like|enjoy)|more (stories|articles|news|posts)( from .{1,40})?|more from .{1,40}|)"
      R"(recommended( for you| stories| reading| articles)?|read (next|also)|see also|also read|)"
      R"(about (the )?authors?|)"
      R"(popular (posts|stories|articles)|most (read|popular|viewed|shared)|trending( now| stories)?|)"
      R"(don'?t miss|further reading|what to read next|around the web|from the web|)"
      R"(sponsored (stories|content|links)|latest (news|stories|posts|articles)|top stories|)"
      R"(você (também )?pode gostar|leia (também|mais)|veja também|mais lidas|)"
      R"((posts|artigos|notícias|matérias) relacionad[oa]s|relacionad[oa]s|)"
      R"((también )?te puede interesar|noticias relacionadas|lo más leído|lee también|)"
      R"(à lire aussi|lire aussi|vous aimerez aussi|sur le même sujet|articles similaires|)"
      R"(lesen sie auch|mehr zum thema|das könnte sie auch interessieren|weitere artikel|ähnliche artikel|)"
      R"(meistgelesen|leggi anche|articoli correlati|potrebbe interessarti|)"
      R"(tin liên quan|tin cùng chuyên mục|tin khác|tin mới|đọc nhiều|xem nhiều|có thể bạn quan tâm|)"
      R"(bài viết liên quan|читайте также|похожие статьи|по теме|самые популярные.{0,30}|популярное)\W*$)");
  return re;
}

// How far class/id hints are trusted when marking chrome.
enum class Hints {
  kAll,       // every unlikely hint not offset by a likely one
  kMinority,  // ... except on an element holding most of the page's prose
  kNone,      // tags and roles only
};

// Step 1b: a box that opens with a title such as "Related stories" holds
// other stories, whatever its class says. The box is the title's parent
// (past wrappers holding the title alone), unless it holds the <h1> or
// nearly all the page's prose: then the title is the article's own.
void mark_titled_boxes(Extraction& x, uint32_t page_good) {
  const Tree& t = x.t;
  bool marked = false;
  for (NodeId id = 1; id < t.size(); ++id) {
    if (!t.is_element(id) || x.own[id].chars == 0 || x.own[id].chars > 60) continue;
    if (x.all[id] > 80 || !RE2::FullMatch(t.text_content(id, 200), box_title())) continue;
    NodeId box = id;
    while (t[box].parent != kNoNode && x.all[t[box].parent] == x.all[id]) box = t[box].parent;
    box = t[box].parent;
    if (box == kNoNode || box == 0 || x.chrome[box] || t[box].tag == GUMBO_TAG_BODY || x.good[box] * 5 > page_good * 4)
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

// Step 1: page furniture. An element is chrome by its tag or by an unlikely
// class/id hint not offset by a likely one. A <form> or <header> that holds
// most of the page's prose is a page wrapper, not chrome.
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
    if (is_chrome_tag(tag)) {
      if (x.good[id] * 2 <= page_good) x.chrome[id] = 1;
      continue;
    }
    bool furniture = false;
    if (use_hints != Hints::kNone && (use_hints == Hints::kAll || x.good[id] * 2 <= page_good)) {
      std::string hints = hint_text(t, id);
      if (hints.size() > 1) {
        furniture = furniture_by_hints(hints);
      }
      std::string_view role = t.attr(id, "role");
      if (role == "navigation" || role == "banner" || role == "contentinfo" || role == "complementary" ||
          role == "dialog" || role == "alert")
        furniture = true;
    }
    if (furniture) x.chrome[id] = 1;
  }
  mark_titled_boxes(x, page_good);
  sum_subtrees(x, &x.chrome);
}

// Step 2: the container. The element whose subtree holds the most prose
// less a share of everything else in it: going up to a wider element pays
// only while it brings more prose than furniture. The first (outermost) of
// equal scores wins: wrappers around the same text give the same article.
NodeId choose_container(const Extraction& x) {
  const Tree& t = x.t;
  double link_weight = 1.0;
  double other_weight = x.options.favor == Favor::kRecall ? 0.2 : x.options.favor == Favor::kPrecision ? 0.5 : 0.35;
  NodeId best = kNoNode;
  double best_score = 0;
  for (NodeId id = 0; id < t.size(); ++id) {
    if (!t.is_element(id) || x.chrome[id] || !x.facts.visible[id] || x.good[id] == 0) continue;
    double other = double(x.all[id]) - x.good[id] - x.links[id];
    double score = x.good[id] - link_weight * x.links[id] - other_weight * other;
    if (score > best_score) {
      best_score = score;
      best = id;
    }
  }
  return best;
}

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

}  // namespace winnow::extract::generic

namespace winnow::extract {

using namespace generic;

Article extract_generic(const html::Page& page, const PageMeta& meta, const GenericOptions& options) {
  Extraction x{page.tree, options, read_facts(page.tree, options.include_hidden), {}, {}, {}, {}, {}, {}};
  Article art;
  art.extractor = "generic";
  fill_generic_meta(page.tree, meta, &art);
  measure_blocks(x);
  mark_teasers(x);
  // Hints mislead on some pages (a wrapper called "header-style-2" or
  // "comments-enabled" around everything): when what they leave is hardly an
  // article while the page has prose, choose again trusting them less: first
  // not on an element that holds most of the page's prose, then not at all
  // (Readability's retry, in two steps so comments and sidebars stay out).
  NodeId root = kNoNode;
  for (Hints hints : {Hints::kAll, Hints::kMinority, Hints::kNone}) {
    mark_chrome(x, hints);
    root = choose_container(x);
    if (root != kNoNode && (x.good[root] >= 250 || x.page_prose <= 2 * x.good[root])) break;
  }
  if (root == kNoNode) {
    art.warnings.push_back("generic extractor: no article-like text on the page");
    return art;
  }
  // explain shows the container as the body field.
  FieldMatch body;
  body.field = "body";
  body.selector = describe(x.t, root) + " (generic extractor: the most prose less furniture)";
  body.node = root;
  body.page_line = x.t.source_line(root);
  body.excerpt = x.t.text_content(root, 80);
  art.fields.push_back(std::move(body));
  std::vector<uint8_t> kept = select_blocks(x, root, &art);
  html::RenderOptions ro;
  ro.image_alt = false;
  ro.include_hidden = options.include_hidden;
  for (html::Line& line : html::render_lines(x.t, root, kept, ro)) {
    if (line.text.empty()) continue;
    art.lines.push_back(std::move(line.text));
  }
  trim_lines(&art);
  return art;
}

}  // namespace winnow::extract
