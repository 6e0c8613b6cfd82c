// Steps 5 and 7 of the generic extractor: inside the chosen container,
// which blocks are the article's; then its text, with the parts step 6
// found around it (generic_shape.cc), laid out as lines.
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

ProseSpan find_prose_span_in(const Extraction& x, NodeId root) {
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

// A block's own text (not its sub-blocks'), visible, up to `max_bytes`:
// the words a muted block loses ("<div><p>...</p><a>Learn more</a></div>").
std::string own_text(const Extraction& x, NodeId id, size_t max_bytes) {
  const Tree& t = x.t;
  std::string out;
  for (NodeId k = id + 1; k < t[id].end && out.size() < max_bytes; ++k) {
    if (t.is_element(k) && x.facts.block[k] == k) {
      k = t[k].end - 1;  // a sub-block: its text is its own
      (out += ' ');
    } else if ((t[k].kind == NodeKind::kText || t[k].kind == NodeKind::kWhitespace) && x.facts.visible[k]) {
      out += t[k].text;
    }
  }
  return out;
}

// A short block whose text is the title, a furniture line of some kind
// ([generic.lines.*]) or a dateline. A block that holds other blocks is
// judged by its own text, the words muting it takes away.
bool is_furniture_line(const Extraction& x, NodeId id, const std::string& title) {
  const bool holds_blocks = x.all[id] > x.own[id].chars;
  const std::string text = normalized(holds_blocks ? own_text(x, id, x.p.line_read_bytes)
                                                   : x.t.text_content(id, x.p.line_read_bytes));
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
  if (x.rules.strategy.trim_outside_prose && outside_prose(x, id, root, span)) return true;
  return own.chars < p.short_block_chars && is_furniture_line(x, id, title);
}

// Elements that go whole: link-dominated lists and tables (menus, related
// stories, tag clouds) and the <h1> (the title: step 6 sets it back).
bool drops_element(const Extraction& x, NodeId id) {
  const Tree& t = x.t;
  const GumboTag tag = t[id].tag;
  if (is_list_or_table(tag) && x.all[id] > 0 && x.p.link_list_share.exceeded(x.links[id], x.all[id])) return true;
  return tag == GUMBO_TAG_H1;
}

// The element children of `id` with tag `tag`.
std::vector<NodeId> children_of(const Tree& t, NodeId id, GumboTag tag) {
  std::vector<NodeId> out;
  for (NodeId c = t.first_child(id); c != kNoNode; c = t[c].next_sibling)
    if (t.is_element(c) && t[c].tag == tag) out.push_back(c);
  return out;
}

// An image table's caption: the one cell of the last row of a small table
// whose earlier row holds an image (CMSs set an image and its caption as a
// two-row table rather than a <figure>).
bool is_image_table_caption(const Tree& t, NodeId id) {
  constexpr size_t kMaxRows = 3;
  if (!t.is_element(id) || (t[id].tag != GUMBO_TAG_TD && t[id].tag != GUMBO_TAG_TH)) return false;
  NodeId row = t[id].parent;
  if (row == kNoNode || t[row].tag != GUMBO_TAG_TR || t[row].parent == kNoNode) return false;
  std::vector<NodeId> rows = children_of(t, t[row].parent, GUMBO_TAG_TR);
  if (rows.size() < 2 || rows.size() > kMaxRows || rows.back() != row) return false;
  bool image = false;
  for (NodeId r : rows) {
    if (children_of(t, r, GUMBO_TAG_TD).size() + children_of(t, r, GUMBO_TAG_TH).size() != 1) return false;
    for (NodeId k = r + 1; r != row && k < t[r].end; ++k) image |= t.is_element(k) && t[k].tag == GUMBO_TAG_IMG;
  }
  return image;
}

// A caption that furniture hints marked ("PhotoCMS_Caption", a figure
// called "image"): it stands where its image stands when the furniture is
// the caption itself or its figure (an image and the caption alone), in a
// part of the container that is kept.
bool caption_in_media_box(const Extraction& x, NodeId id, NodeId root, const std::vector<uint8_t>& dropped) {
  const Tree& t = x.t;
  if (!x.chrome[id] || !(is_caption(t[id].tag) || is_image_table_caption(t, id))) return false;
  NodeId top = id;
  while (t[top].parent != kNoNode && t[top].parent != root && x.chrome[t[top].parent]) top = t[top].parent;
  if (t[top].parent == kNoNode || dropped[t[top].parent] || x.chrome[t[top].parent]) return false;
  return top == id || t[top].tag == GUMBO_TAG_FIGURE ||
         normalized(t.text_content(top, kCaptionBytes)) == normalized(t.text_content(id, kCaptionBytes));
}

}  // namespace

ProseSpan find_prose_span(const Extraction& x, NodeId root) { return find_prose_span_in(x, root); }

// Lower-cased ASCII, whitespace runs (no-break spaces too) as one space.
std::string normalized(std::string_view s) {
  std::string out = collapse_spaces(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c;
  return out;
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


bool in_caption(const Tree& t, NodeId root, NodeId id) {
  for (NodeId a = id; a != kNoNode && a >= root; a = t[a].parent)
    if (t.is_element(a) && (is_caption(t[a].tag) || is_image_table_caption(t, a))) return true;
  return false;
}

// ---------------------------------------------------------------------------
// Step 5: blocks. A dropped element loses its whole subtree; a muted block
// only its own text (a <div> whose own words are a "Share" link still holds
// the <p>s). Quotes (embedded posts too) are the article's words, links and
// dates included: only whole-element drops reach inside them.

std::vector<uint8_t> select_blocks(const Extraction& x, NodeId root, const std::string& title_text) {
  const Tree& t = x.t;
  const NodeId end = t[root].end;
  const ProseSpan span = find_prose_span(x, root);
  const std::vector<uint8_t> repeated = find_repeats(x, root);
  const std::string title = normalized(title_text);
  // caption: inside a caption, which stays whole where it stands (even in a
  // figure that hints call furniture, even before the first prose).
  std::vector<uint8_t> dropped(t.size(), 0), muted(t.size(), 0), quoted(t.size(), 0), caption(t.size(), 0);
  for (NodeId id = root; id < end; ++id) {
    if (!t.is_element(id)) continue;
    NodeId p = t[id].parent;
    bool in_media_box = id != root && caption[p] && x.chrome[id];
    if (!in_media_box && caption_in_media_box(x, id, root, dropped)) in_media_box = true;
    if (((id != root && dropped[p]) || x.chrome[id]) && !in_media_box) {
      dropped[id] = 1;
      continue;
    }
    if (!x.facts.visible[id]) {
      dropped[id] = 1;
      continue;
    }
    quoted[id] = (id != root && quoted[p]) || t[id].tag == GUMBO_TAG_BLOCKQUOTE;
    caption[id] = (id != root && caption[p]) || is_caption(t[id].tag) || is_image_table_caption(t, id);
    if (drops_element(x, id)) {
      dropped[id] = 1;
      continue;
    }
    if (x.own[id].chars == 0 || quoted[id]) continue;
    if (caption[id] ? repeated[id] : mutes_block(x, id, root, span, repeated, title)) muted[id] = 1;
  }
  std::vector<uint8_t> kept(t.size(), 0);
  for (NodeId id = root; id < end; ++id) {
    if (t[id].kind != NodeKind::kText && t[id].kind != NodeKind::kWhitespace) continue;
    NodeId block = x.facts.block[id];
    NodeId owner = block >= root && block < end ? block : root;
    kept[id] = x.facts.visible[id] && (!x.chrome[id] || caption[owner]) && !dropped[owner] && !muted[owner];
  }
  return kept;
}

// ---------------------------------------------------------------------------
// Step 7: text. The kept text (the body, and the parts step 6 found around
// it) laid out as lines, the page's own line breaks and order
// (html/render.h), as the rules path lays its fields out: runs of blank
// lines as one, none leading or trailing, and a line where only dropped
// text stood leaves no blank. Each line's role is the part it stands in;
// a title the page shows no <h1> for goes first, from the metadata.

namespace {

// The kept marks with the images of the kept content marked too (the
// marks hold text nodes only): an image inside the body whose block holds
// kept text (a paragraph around it, a figure's kept caption), or whose
// block holds no text and stands in a block that does (an image-only <div>
// between the body's paragraphs). A related box's thumbnail stands by
// dropped text and goes with it.
std::vector<uint8_t> with_images(const Extraction& x, NodeId root, const std::vector<uint8_t>& kept) {
  const Tree& t = x.t;
  const NodeId end = t[root].end;
  std::vector<uint8_t> out = kept;
  std::vector<uint8_t> holds_kept(t.size(), 0), holds_text(t.size(), 0);
  for (NodeId id = end; id-- > root;) {  // children before parents
    holds_kept[id] = holds_kept[id] || kept[id];
    holds_text[id] = holds_text[id] || t[id].kind == NodeKind::kText;
    if (id == root) break;
    const NodeId p = t[id].parent;
    holds_kept[p] = holds_kept[p] || holds_kept[id];
    holds_text[p] = holds_text[p] || holds_text[id];
  }
  for (NodeId id = root; id < end; ++id) {
    if (!t.is_element(id) || t[id].tag != GUMBO_TAG_IMG || !x.facts.visible[id]) continue;
    const NodeId b = x.facts.block[id];
    if (b < root || b >= end) continue;
    if (holds_kept[b]) {
      out[id] = 1;
    } else if (!holds_text[b] && b != root && t[b].parent != kNoNode) {
      const NodeId outer = x.facts.block[t[b].parent];
      out[id] = outer >= root && outer < end && holds_kept[outer];
    }
  }
  return out;
}

LineRole role_of(const Extraction& x, NodeId root, const Shape& shape, NodeId node) {
  const Tree& t = x.t;
  auto in = [&](NodeId part) { return part != kNoNode && t.contains(part, node); };
  if (in(shape.title)) return LineRole::kTitle;
  if (in(shape.dateline)) return LineRole::kDateline;
  if (in(shape.lead)) return LineRole::kLead;
  if (in(shape.byline)) return LineRole::kByline;
  return in_caption(t, root, node) ? LineRole::kCaption : LineRole::kBody;
}

}  // namespace

void lay_out_text(const Extraction& x, NodeId root, const Shape& shape, const std::vector<uint8_t>& kept,
                  Article* art) {
  html::RenderOptions ro;
  ro.image_alt = false;
  ro.include_hidden = x.options.include_hidden;
  ro.noscript = x.noscript_view;
  if (shape.title == kNoNode && art->title && !art->title->empty()) {
    art->add_line(*art->title, LineRole::kTitle);
    art->add_line("", LineRole::kBlank);
  }
  const std::string title = shape.title == kNoNode && art->title ? normalized(*art->title) : std::string();
  bool pending_blank = false;
  std::vector<TextImage> carried;  // images of filler lines, for the next kept one
  for (html::Line& line : html::render_lines(x.t, Tree::root(), with_images(x, root, kept), ro)) {
    if (line.text.empty() || html::is_blank(line.text)) {
      if (!line.has_dropped) pending_blank = !art->lines.empty();  // <p>&nbsp;</p> reads as blank
      for (TextImage& img : line.shape.images) carried.push_back({0, true, std::move(img.src), std::move(img.alt)});
      continue;
    }
    const LineRole role = role_of(x, root, shape, line.first_kept);
    if (role == LineRole::kBody && !title.empty() && normalized(line.text) == title) continue;
    if (role == LineRole::kCaption) art->captions.push_back(line.text);
    if (role == LineRole::kBody) art->paragraphs.push_back(line.text);
    if (role == LineRole::kCaption && !x.p.captions_in_text[x.favor()]) continue;
    if (pending_blank && !art->lines.empty() && art->line_roles.back() != LineRole::kBlank)
      art->add_line("", LineRole::kBlank);
    pending_blank = false;
    if (!carried.empty()) {
      line.shape.images.insert(line.shape.images.begin(), std::make_move_iterator(carried.begin()),
                               std::make_move_iterator(carried.end()));
      carried.clear();
    }
    art->add_line(std::move(line.text), role, std::move(line.shape));
  }
  if (!art->lead) {
    NodeId lead = shape.lead != kNoNode ? shape.lead : shape.lead_in_body;
    if (lead != kNoNode) art->lead = collapse_spaces(x.t.text_content(lead, size_t{4} * x.p.lead_max_chars));
  }
}

}  // namespace winnow::extract::generic
