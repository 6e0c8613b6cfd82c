// Steps 5 and 6 of the generic extractor: inside the chosen container,
// which blocks are the article's; then its text, laid out as lines.
#include <re2/re2.h>

#include <unordered_map>

#include "extract/generic_internal.h"
#include "extract/text.h"
#include "html/render.h"

namespace winnow::extract::generic {
namespace {

using html::kNoNode;
using html::NodeKind;

// A caption's text as it goes to the article's captions, capped.
constexpr size_t kCaptionBytes = 2000;

bool is_list_or_table(GumboTag tag) {
  return tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL || tag == GUMBO_TAG_DL || tag == GUMBO_TAG_TABLE;
}

// Blocks that carry an article's running text, short or long.
bool is_text_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_LI: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_PRE:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH:
      return true;
    default:
      return false;
  }
}

bool is_caption(GumboTag tag) { return tag == GUMBO_TAG_FIGCAPTION || tag == GUMBO_TAG_CAPTION; }

// Lower-cased ASCII, whitespace runs (no-break spaces too) as one space.
std::string normalized(std::string_view s) {
  std::string out = collapse_spaces(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c;
  return out;
}

// The article runs from the first prose block to the last, in document
// order; outside that span only prose (and what continues it) is kept.
struct ProseSpan {
  NodeId first = kNoNode, last = kNoNode;
};

ProseSpan find_prose_span(const Extraction& x, NodeId root) {
  const Tree& t = x.t;
  ProseSpan span;
  for (NodeId id = root; id < t[root].end; ++id) {
    if (x.chrome[id] || !t.is_element(id) || is_heading(t[id].tag)) continue;
    if (x.is_prose(x.own[id])) {
      if (span.first == kNoNode) span.first = id;
      span.last = id;
    }
  }
  return span;
}

// Long blocks whose text stands twice in the container: a gallery's or a
// slider's (each caption once in the strip, once in the viewer); an
// article does not repeat a paragraph, unless beside itself (a meal plan's
// same lunch on each day): copies that all share one parent stay.
std::vector<uint8_t> find_repeats(const Extraction& x, NodeId root) {
  const Tree& t = x.t;
  struct Copies {
    int count = 0;
    NodeId parent = kNoNode;
    bool one_parent = true;
  };
  std::unordered_map<std::string, Copies> seen;
  std::unordered_map<NodeId, const Copies*> copies_of;  // each long block's entry in `seen`
  // A block's whole text: up to 4 bytes a character.
  const size_t key_bytes = size_t{4} * x.p.repeat_max_chars;
  for (NodeId id = root; id < t[root].end; ++id) {
    const BlockText& own = x.own[id];
    if (own.chars < x.p.repeat_min_chars || own.chars >= x.p.repeat_max_chars || x.chrome[id]) continue;
    Copies& c = seen[t.text_content(id, key_bytes)];
    if (c.count++ == 0) c.parent = t[id].parent;
    else if (c.parent != t[id].parent) c.one_parent = false;
    copies_of[id] = &c;
  }
  std::vector<uint8_t> repeated(t.size(), 0);
  for (const auto& [id, c] : copies_of) repeated[id] = c->count > 1 && !c->one_parent;
  return repeated;
}

// A line made only of date and time words and numbers ("Updated 5:27 am
// CST, Wednesday, November 20, 2019"): the dateline, given apart from the
// text. Needs a number and a month name, a d/m/y date or a h:mm time.
bool is_date_line(const Extraction& x, std::string_view text) {
  const DateLineWords& d = x.rules.date_line;
  if (text.size() > x.p.date_line_max_bytes) return false;
  bool number = false, anchor = part_match(d.numeric, text);
  auto letter = [](char c) { return c >= 'a' && c <= 'z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  size_t i = 0;
  for (uint32_t words = 0; words < x.p.date_line_max_words; ++words) {
    // The next word: a run of a-z or of digits.
    while (i < text.size() && !letter(text[i]) && !digit(text[i])) ++i;
    if (i == text.size()) break;
    const bool is_number = digit(text[i]);
    size_t j = i;
    while (j < text.size() && (is_number ? digit(text[j]) : letter(text[j]))) ++j;
    std::string_view w = text.substr(i, j - i);
    i = j;
    if (!whole_match(d.word, w)) return false;
    if (is_number) number = true;
    else if (whole_match(d.month, w)) anchor = true;
  }
  // Letters outside [a-z] (another script, accents) are not date words.
  for (unsigned char c : text)
    if (c >= 0x80) return false;
  return number && anchor;
}

// A short block whose text is the title, a furniture line of some kind
// ([generic.lines.*]) or a dateline.
bool is_furniture_line(const Extraction& x, NodeId id, const std::string& title) {
  const std::string text = normalized(x.t.text_content(id, x.p.line_read_bytes));
  if (!title.empty() && text == title) return true;
  for (const LineShape& line : x.rules.lines) {
    if (!line.applies[x.favor()] || text.size() >= line.shorter_than) continue;
    if (line.whole ? RE2::FullMatch(text, *line.pattern) : RE2::PartialMatch(text, *line.pattern)) return true;
  }
  return is_date_line(x, text);
}

// Outside the prose span, a block that is not prose itself goes, unless
// it continues the prose in its parent: after the last prose block, a list
// or a heading ("Qualified teams:" and its list); before the first, a text
// block that is no heading.
bool outside_prose(const Extraction& x, NodeId id, NodeId root, const ProseSpan& span) {
  const Tree& t = x.t;
  const GumboTag tag = t[id].tag;
  const NodeId first = span.first, last = span.last;
  // No prose at all (the container extract_generic picks always holds
  // some; a caller's need not): nothing to continue, only prose stays.
  if (first == kNoNode) return !x.is_prose(x.own[id]);
  bool outside = id < first || id >= t[last].end;
  bool continues = (id >= t[last].end && t.contains(t[last].parent, id) && t[last].parent != root &&
                    is_text_block(tag)) ||
                   (id < first && t.contains(t[first].parent, id) && t[first].parent != root && is_text_block(tag) &&
                    !is_heading(tag));
  if (!x.p.keep_continuations[x.favor()]) continues = false;
  bool heading_kept = x.p.headings_after_prose[x.favor()] && is_heading(tag) && id > first;
  return outside && !x.is_prose(x.own[id]) && !continues && !heading_kept;
}

// Text blocks (own text, not sub-blocks) that go: repeated, mostly a link
// ("Read more: <a>...</a>"; not a sentence of the article's that runs into
// a link), outside the prose, or a short furniture line.
bool mutes_block(const Extraction& x, NodeId id, NodeId root, const ProseSpan& span,
                 const std::vector<uint8_t>& repeated, const std::string& title) {
  const GenericParams& p = x.p;
  const BlockText& own = x.own[id];
  if (repeated[id]) return true;
  if (p.link_line_link_share.exceeded(own.link_chars, own.chars) && own.chars < p.link_line_max_chars &&
      own.chars - own.link_chars < p.link_line_max_plain_chars)
    return true;
  if (outside_prose(x, id, root, span)) return true;
  return own.chars < p.short_block_chars && is_furniture_line(x, id, title);
}

// Elements that go whole: link-dominated lists and tables (menus, related
// stories, tag clouds), the <h1> (the title, given apart), and captions
// (given apart, in art->captions, in every mode; with captions_in_text
// they stay in the text too, but not among the paragraphs: step 6).
bool drops_element(const Extraction& x, NodeId id, Article* art) {
  const Tree& t = x.t;
  const GumboTag tag = t[id].tag;
  if (is_list_or_table(tag) && x.all[id] > 0 && x.p.link_list_share.exceeded(x.links[id], x.all[id])) return true;
  if (tag == GUMBO_TAG_H1) return true;
  if (is_caption(tag)) {
    std::string caption = t.text_content(id, kCaptionBytes);
    if (!caption.empty()) art->captions.push_back(caption);
    return !x.p.captions_in_text[x.favor()];
  }
  return false;
}

// True if `id` lies inside a caption element within the container.
bool in_caption(const Tree& t, NodeId root, NodeId id) {
  for (NodeId a = id; a != kNoNode && a >= root; a = t[a].parent)
    if (t.is_element(a) && is_caption(t[a].tag)) return true;
  return false;
}

}  // namespace

// ---------------------------------------------------------------------------
// Step 5: blocks. A dropped element loses its whole subtree; a muted block
// only its own text (a <div> whose own words are a "Share" link still holds
// the <p>s). Quotes (embedded posts too) are the article's words, links and
// dates included: only whole-element drops reach inside them.

std::vector<uint8_t> select_blocks(const Extraction& x, NodeId root, Article* art) {
  const Tree& t = x.t;
  const NodeId end = t[root].end;
  const ProseSpan span = find_prose_span(x, root);
  const std::vector<uint8_t> repeated = find_repeats(x, root);
  const std::string title = art->title ? normalized(*art->title) : std::string();
  std::vector<uint8_t> dropped(t.size(), 0), muted(t.size(), 0), quoted(t.size(), 0);
  for (NodeId id = root; id < end; ++id) {
    if (!t.is_element(id)) continue;
    NodeId p = t[id].parent;
    if ((id != root && dropped[p]) || x.chrome[id] || !x.facts.visible[id]) {
      dropped[id] = 1;
      continue;
    }
    quoted[id] = (id != root && quoted[p]) || t[id].tag == GUMBO_TAG_BLOCKQUOTE;
    if (drops_element(x, id, art)) {
      dropped[id] = 1;
      continue;
    }
    if (x.own[id].chars == 0 || quoted[id]) continue;
    if (mutes_block(x, id, root, span, repeated, title)) muted[id] = 1;
  }
  std::vector<uint8_t> kept(t.size(), 0);
  for (NodeId id = root; id < end; ++id) {
    if (t[id].kind != NodeKind::kText && t[id].kind != NodeKind::kWhitespace) continue;
    NodeId block = x.facts.block[id];
    NodeId owner = block >= root && block < end ? block : root;
    kept[id] = x.facts.visible[id] && !x.chrome[id] && !dropped[owner] && !muted[owner];
  }
  return kept;
}

// ---------------------------------------------------------------------------
// Step 6: text. The kept text laid out as lines (the page's own line
// breaks, html/render.h), less blank lines and the title's line. The
// paragraphs are the lines that are not captions' (kept in the text with
// captions_in_text; step 5 gave them to art->captions).

void lay_out_text(const Extraction& x, NodeId root, const std::vector<uint8_t>& kept, Article* art) {
  html::RenderOptions ro;
  ro.image_alt = false;
  ro.include_hidden = x.options.include_hidden;
  const std::string title = art->title ? normalized(*art->title) : std::string();
  for (html::Line& line : html::render_lines(x.t, root, kept, ro)) {
    std::string n = normalized(line.text);
    if (n.empty() || (!title.empty() && n == title)) continue;
    if (!in_caption(x.t, root, line.first_kept)) art->paragraphs.push_back(line.text);
    art->lines.push_back(std::move(line.text));
  }
}

}  // namespace winnow::extract::generic
