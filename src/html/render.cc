#include "html/render.h"

#include "base/stage_clock.h"

#include <algorithm>
#include <array>

namespace winnow::html {
namespace {

// How an element takes part in layout.
enum class Box : uint8_t {
  kInline,     // contributes its content only
  kBlock,      // starts and ends a line
  kParagraph,  // starts and ends a line, set off by a blank line (p, h1-h6)
  kBreak,      // <br>
  kImage,      // <img>: alt text in place
  kCell,       // <td>, <th>: tab-separated within a row
  kRow,        // <tr>: a line
  kPre,        // block whose whitespace is preserved
  kSkip,       // not rendered at all
};

constexpr std::array<Box, GUMBO_TAG_LAST + 1> make_boxes() {
  std::array<Box, GUMBO_TAG_LAST + 1> b{};
  for (auto& x : b) x = Box::kInline;
  for (GumboTag t : {GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE, GUMBO_TAG_BLOCKQUOTE,
                     GUMBO_TAG_BODY, GUMBO_TAG_CENTER, GUMBO_TAG_DD, GUMBO_TAG_DETAILS,
                     GUMBO_TAG_DIR, GUMBO_TAG_DIV, GUMBO_TAG_DL, GUMBO_TAG_DT,
                     GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,
                     GUMBO_TAG_FOOTER, GUMBO_TAG_FORM, GUMBO_TAG_HEADER, GUMBO_TAG_HGROUP,
                     GUMBO_TAG_HR, GUMBO_TAG_HTML, GUMBO_TAG_LEGEND, GUMBO_TAG_LI,
                     GUMBO_TAG_MAIN, GUMBO_TAG_MENU, GUMBO_TAG_NAV, GUMBO_TAG_OL,
                     GUMBO_TAG_SECTION, GUMBO_TAG_SUMMARY, GUMBO_TAG_TABLE, GUMBO_TAG_UL,
                     GUMBO_TAG_CAPTION, GUMBO_TAG_OPTGROUP})
    b[t] = Box::kBlock;
  for (GumboTag t : {GUMBO_TAG_P, GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4,
                     GUMBO_TAG_H5, GUMBO_TAG_H6})
    b[t] = Box::kParagraph;
  for (GumboTag t : {GUMBO_TAG_PRE, GUMBO_TAG_LISTING, GUMBO_TAG_XMP, GUMBO_TAG_PLAINTEXT})
    b[t] = Box::kPre;
  for (GumboTag t : {GUMBO_TAG_HEAD, GUMBO_TAG_TITLE, GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE,
                     GUMBO_TAG_NOSCRIPT, GUMBO_TAG_TEMPLATE, GUMBO_TAG_IFRAME, GUMBO_TAG_OBJECT,
                     GUMBO_TAG_EMBED, GUMBO_TAG_VIDEO, GUMBO_TAG_AUDIO, GUMBO_TAG_CANVAS,
                     GUMBO_TAG_MAP, GUMBO_TAG_AREA, GUMBO_TAG_SVG, GUMBO_TAG_MATH,
                     GUMBO_TAG_SELECT, GUMBO_TAG_DATALIST, GUMBO_TAG_OPTION,
                     GUMBO_TAG_TEXTAREA, GUMBO_TAG_INPUT, GUMBO_TAG_BASE, GUMBO_TAG_LINK,
                     GUMBO_TAG_META, GUMBO_TAG_PARAM, GUMBO_TAG_SOURCE, GUMBO_TAG_TRACK,
                     GUMBO_TAG_FRAMESET, GUMBO_TAG_FRAME, GUMBO_TAG_NOFRAMES,
                     GUMBO_TAG_NOEMBED, GUMBO_TAG_APPLET, GUMBO_TAG_KEYGEN})
    b[t] = Box::kSkip;
  b[GUMBO_TAG_BR] = Box::kBreak;
  b[GUMBO_TAG_IMG] = Box::kImage;
  b[GUMBO_TAG_IMAGE] = Box::kImage;
  b[GUMBO_TAG_TD] = Box::kCell;
  b[GUMBO_TAG_TH] = Box::kCell;
  b[GUMBO_TAG_TR] = Box::kRow;
  return b;
}
constexpr auto kBoxes = make_boxes();

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c; }

// The value of one property in an inline style attribute, lower-cased, with
// "!important" and surrounding space removed; "" if absent.
std::string property(std::string_view style, std::string_view name) {
  std::string value;
  size_t i = 0;
  while (i < style.size()) {
    size_t semi = style.find(';', i);
    if (semi == std::string_view::npos) semi = style.size();
    std::string_view decl = style.substr(i, semi - i);
    i = semi + 1;
    size_t colon = decl.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = decl.substr(0, colon);
    while (!key.empty() && is_space(key.front())) key.remove_prefix(1);
    while (!key.empty() && is_space(key.back())) key.remove_suffix(1);
    if (key.size() != name.size() ||
        !std::equal(key.begin(), key.end(), name.begin(),
                    [](char a, char b) { return lower(a) == b; }))
      continue;
    value.clear();
    for (char c : decl.substr(colon + 1)) value.push_back(lower(c));
    if (size_t bang = value.find('!'); bang != std::string::npos) value.resize(bang);
    while (!value.empty() && is_space(value.back())) value.pop_back();
    size_t lead = 0;
    while (lead < value.size() && is_space(value[lead])) ++lead;
    value.erase(0, lead);  // the last declaration wins, as in CSS
  }
  return value;
}

bool is_hidden(const Tree& tree, NodeId id) {
  const Node& n = tree[id];
  if (tree.has_attr(id, "hidden")) return true;
  if (n.name == "dialog" && !tree.has_attr(id, "open")) return true;
  // Only the <summary> of a closed <details> shows.
  NodeId parent = n.parent;
  if (parent != kNoNode && tree[parent].tag == GUMBO_TAG_DETAILS &&
      !tree.has_attr(parent, "open") && n.tag != GUMBO_TAG_SUMMARY)
    return true;
  std::string_view style = tree.attr(id, "style");
  if (!style.empty()) {
    if (property(style, "display") == "none") return true;
    std::string vis = property(style, "visibility");
    if (vis == "hidden" || vis == "collapse") return true;
  }
  return false;
}

Box box_of(const Tree& tree, NodeId id, const RenderOptions& options) {
  const Node& n = tree[id];
  Box box = kBoxes[n.tag];
  if (n.tag == GUMBO_TAG_NOSCRIPT && options.noscript) box = Box::kBlock;
  if (box == Box::kSkip) return box;
  // Gumbo 0.10 predates these two block elements.
  if (n.tag == GUMBO_TAG_UNKNOWN && (n.name == "dialog" || n.name == "search")) box = Box::kBlock;
  if (!options.include_hidden && is_hidden(tree, id)) return Box::kSkip;
  // An inline display overrides the element's default (flattening a <div>
  // into a line, or making a <span> a block).
  std::string_view style = tree.attr(id, "style");
  if (!style.empty() && (box == Box::kInline || box == Box::kBlock || box == Box::kParagraph)) {
    std::string d = property(style, "display");
    if (d == "block" || d == "flex" || d == "grid" || d == "list-item" || d == "table" ||
        d == "flow-root")
      return box == Box::kParagraph ? box : Box::kBlock;
    if (d == "inline" || d == "inline-block" || d == "inline-flex" || d == "inline-grid" ||
        d == "contents")
      return Box::kInline;
  }
  return box;
}

// The block structure around the walk's position: one frame per open
// block-level element, each holding the shape its lines take (inherited
// from the frame below, changed by its own element), so a line reads its
// shape off the top frame in constant time however deep the page nests.
struct Structure {
  BlockKind block = BlockKind::kText;
  uint8_t level = 0, list_depth = 0, quote_depth = 0;
  bool ordered = false, header = false;
  uint32_t number = 0;
  NodeId item = kNoNode, container = kNoNode, group = kNoNode;
};

struct Frame {
  NodeId id;
  Structure shape;
  uint32_t next_number = 1;  // a list's: the number its next item takes
  int32_t list = -1;         // the frame of the innermost list, -1 none
};

// Accumulates lines. Line breaks are counted, not written, until the next
// text arrives, so breaks before the first and after the last text vanish
// and runs of breaks collapse: `line_ends` counts lines ended since the last
// text (by a block boundary or a <br>); `margin` is the widest block margin
// crossed (2 for a blank line). The text resumes after
// line_ends + (margin - 1) newlines.
class LineBuilder {
 public:
  LineBuilder(std::vector<Line>* out, const std::vector<Frame>* frames) : out_(out), frames_(frames) {}

  // The <a href> the walk is in (kNoNode: none), for the text that follows.
  void set_link(NodeId anchor, std::string_view href) {
    link_ = anchor;
    href_ = href;
  }

  // A kept image, placed where the next kept text goes.
  void image(std::string_view src, std::string_view alt) {
    if (src.empty()) return;
    std::string words;  // the alt text, its whitespace collapsed
    for (char c : alt) {
      if (!is_space(c)) words.push_back(c);
      else if (!words.empty() && words.back() != ' ') words.push_back(' ');
    }
    if (!words.empty() && words.back() == ' ') words.pop_back();
    pending_.push_back({0, false, std::string(src), std::move(words)});
  }

  void text(std::string_view s, bool kept, NodeId node) {
    open_line();
    if (kept) {
      // Tabs keep table columns, even after empty cells; they are not owed
      // to a line whose earlier cells were all dropped.
      const size_t before = cur_.text.size();
      if (tabs_ > 0 && !(cur_.text.empty() && cur_.has_dropped)) {
        cur_.text.append(tabs_, '\t');
      } else if (space_ && tabs_ == 0 && !cur_.text.empty()) {
        cur_.text.push_back(' ');
      }
      const auto begin = static_cast<uint32_t>(cur_.text.size());
      place_images(begin);
      cur_.text.append(s);
      if (link_ != kNoNode) add_link(before, begin);
      if (cur_.first_kept == kNoNode) cur_.first_kept = node;
      space_ = false;
      tabs_ = 0;
    } else {
      // Dropped text leaves the separator before it in place: removing an
      // inline element keeps the space that preceded it.
      cur_.has_dropped = true;
      if (cur_.first_dropped == kNoNode) cur_.first_dropped = node;
    }
  }

  // Collapsible whitespace between words.
  void space() {
    if (line_open_) space_ = true;
  }
  // The end of a table cell that has a cell after it in its row.
  void tab() { ++tabs_; }

  void block_boundary(int margin) {
    for (TextImage& img : pending_) img.alone = true;
    if (!started_) return;
    if (line_open_) {
      line_open_ = false;
      line_ends_ = 1;
    }
    margin_ = std::max(margin_, margin);
    space_ = false;
    tabs_ = 0;
  }

  void line_break() {
    for (TextImage& img : pending_) img.alone = true;
    if (!started_) return;
    if (line_open_) {
      line_open_ = false;
      line_ends_ = 1;
    } else {
      ++line_ends_;  // a <br> at the start of a line makes an empty line
    }
    space_ = false;
    tabs_ = 0;
  }

  void finish() {
    if (!started_) return;
    // Images after the last kept text stand after it.
    for (TextImage& img : pending_) {
      img.at = static_cast<uint32_t>(cur_.text.size());
      cur_.shape.images.push_back(std::move(img));
    }
    pending_.clear();
    out_->push_back(std::move(cur_));
  }

 private:
  void place_images(uint32_t at) {
    for (TextImage& img : pending_) {
      img.at = img.alone ? 0 : at;
      cur_.shape.images.push_back(std::move(img));
    }
    pending_.clear();
  }

  // The kept text [begin, end of line) is the current link's: it extends the
  // line's last link if that is the same anchor and ended where this text's
  // separator began.
  void add_link(size_t before, uint32_t begin) {
    auto& links = cur_.shape.links;
    const auto end = static_cast<uint32_t>(cur_.text.size());
    if (!links.empty() && last_anchor_ == link_ && links.back().begin + links.back().size == before) {
      links.back().size = end - links.back().begin;
      return;
    }
    links.push_back({begin, end - begin, std::string(href_)});
    last_anchor_ = link_;
  }

  // The shape a line opened now takes: the top frame's.
  void take_shape() {
    if (frames_->empty()) return;
    const Structure& s = frames_->back().shape;
    LineShape& l = cur_.shape;
    l.block = s.block;
    l.level = s.level;
    l.list_depth = s.list_depth;
    l.quote_depth = s.quote_depth;
    l.ordered = s.ordered;
    l.header = s.header;
    l.number = s.number;
    l.item = s.item;
    l.container = s.container;
    l.group = s.group;
  }

  void open_line() {
    if (line_open_) return;
    if (started_) {
      int newlines = line_ends_ + std::max(0, margin_ - 1);
      out_->push_back(std::move(cur_));
      for (int k = 1; k < newlines; ++k) out_->emplace_back();
      cur_ = Line{};
    }
    take_shape();
    last_anchor_ = kNoNode;
    started_ = true;
    line_open_ = true;
    line_ends_ = 0;
    margin_ = 0;
    space_ = false;  // tabs_ stays: it belongs to the row this line starts
  }

  std::vector<Line>* out_;
  const std::vector<Frame>* frames_;
  Line cur_;
  NodeId link_ = kNoNode, last_anchor_ = kNoNode;
  std::string_view href_;
  std::vector<TextImage> pending_;  // kept images awaiting the next kept text
  bool started_ = false;
  bool line_open_ = false;
  int line_ends_ = 0;
  int margin_ = 0;
  bool space_ = false;  // a collapsible space is due before the next word
  int tabs_ = 0;        // cell separators due before the next word
};

// Collapsible text (white-space: normal): runs of whitespace become one
// separator, words go in as they are.
void collapsible_text(LineBuilder& b, std::string_view s, bool kept, NodeId node) {
  size_t i = 0;
  while (i < s.size()) {
    if (is_space(s[i])) {
      b.space();
      while (i < s.size() && is_space(s[i])) ++i;
      continue;
    }
    size_t start = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    b.text(s.substr(start, i - start), kept, node);
  }
}

// Preformatted text: newlines end lines, other whitespace stays.
void preformatted_text(LineBuilder& b, std::string_view s, bool kept, NodeId node) {
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '\n') {
      b.line_break();
      ++i;
      continue;
    }
    size_t start = i;
    while (i < s.size() && s[i] != '\n') ++i;
    std::string_view run = s.substr(start, i - start);
    if (!run.empty() && run.back() == '\r') run.remove_suffix(1);
    if (!run.empty()) b.text(run, kept, node);
  }
}

// Text directly inside a closed <details> (not in its <summary>) is hidden.
bool in_closed_details(const Tree& tree, NodeId text) {
  NodeId parent = tree[text].parent;
  return parent != kNoNode && tree[parent].tag == GUMBO_TAG_DETAILS &&
         !tree.has_attr(parent, "open");
}

bool next_element_is_cell(const Tree& tree, NodeId id) {
  for (NodeId s = tree[id].next_sibling; s != kNoNode; s = tree[s].next_sibling) {
    if (tree[s].kind != NodeKind::kElement) continue;
    return tree[s].tag == GUMBO_TAG_TD || tree[s].tag == GUMBO_TAG_TH;
  }
  return false;
}

bool all_cells_th(const Tree& tree, NodeId row) {
  bool any = false;
  for (NodeId c = tree.first_child(row); c != kNoNode; c = tree[c].next_sibling) {
    if (tree[c].kind != NodeKind::kElement) continue;
    if (tree[c].tag != GUMBO_TAG_TH) return false;
    any = true;
  }
  return any;
}

// The frame a block-level element opens: the shape below it, changed by
// what the element is.
Frame open_frame(const Tree& tree, NodeId id, std::vector<Frame>& frames) {
  Frame f{id, frames.empty() ? Structure{} : frames.back().shape};
  f.list = frames.empty() ? -1 : frames.back().list;
  Structure& s = f.shape;
  s.group = id;
  const GumboTag tag = tree[id].tag;
  switch (tag) {
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
      s.block = BlockKind::kHeading;
      s.level = static_cast<uint8_t>(1 + (tag - GUMBO_TAG_H1));
      s.item = id;
      break;
    case GUMBO_TAG_P:
      // A paragraph in a list item, a cell or a heading stays part of it.
      if (s.block == BlockKind::kText) {
        s.block = BlockKind::kParagraph;
        s.item = id;
      }
      break;
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_MENU: case GUMBO_TAG_DIR: {
      if (s.list_depth < UINT8_MAX) ++s.list_depth;
      s.ordered = tag == GUMBO_TAG_OL;
      s.container = id;
      f.list = static_cast<int32_t>(frames.size());
      std::string_view start = tree.attr(id, "start");
      uint32_t n = 0;
      bool digits = !start.empty() && start.size() < 9;
      for (char c : start) digits = digits && c >= '0' && c <= '9';
      if (digits) for (char c : start) n = n * 10 + static_cast<uint32_t>(c - '0');
      f.next_number = digits ? n : 1;
      break;
    }
    case GUMBO_TAG_LI:
      s.block = BlockKind::kListItem;
      s.item = id;
      if (f.list >= 0) s.number = frames[static_cast<size_t>(f.list)].next_number++;
      break;
    case GUMBO_TAG_TABLE:
      s.block = BlockKind::kText;
      s.container = id;
      break;
    case GUMBO_TAG_TR: {
      s.block = BlockKind::kTableRow;
      s.item = id;
      const NodeId p = tree[id].parent;
      s.header = (p != kNoNode && tree[p].tag == GUMBO_TAG_THEAD) || all_cells_th(tree, id);
      break;
    }
    case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT:
      s.block = BlockKind::kCode;
      s.item = id;
      break;
    case GUMBO_TAG_BLOCKQUOTE:
      if (s.quote_depth < UINT8_MAX) ++s.quote_depth;
      break;
    default: break;
  }
  return f;
}

bool is_data_uri(std::string_view src) {
  while (!src.empty() && is_space(src.front())) src.remove_prefix(1);
  return src.size() >= 5 && lower(src[0]) == 'd' && lower(src[1]) == 'a' && lower(src[2]) == 't' &&
         lower(src[3]) == 'a' && src[4] == ':';
}

std::string_view trimmed(std::string_view v) {
  while (!v.empty() && is_space(v.front())) v.remove_prefix(1);
  while (!v.empty() && is_space(v.back())) v.remove_suffix(1);
  return v;
}

}  // namespace

std::string_view image_source(const Tree& tree, NodeId img) {
  for (const char* name : {"src", "data-src", "data-original", "data-lazy-src"}) {
    std::string_view v = trimmed(tree.attr(img, name));
    if (!v.empty() && !is_data_uri(v)) return v;
  }
  for (const char* name : {"srcset", "data-srcset"}) {
    std::string_view v = trimmed(tree.attr(img, name));
    size_t end = 0;
    while (end < v.size() && !is_space(v[end]) && v[end] != ',') ++end;
    if (end > 0 && !is_data_uri(v)) return v.substr(0, end);
  }
  return {};
}

bool is_rendered_element(const Tree& tree, NodeId id, const RenderOptions& options) {
  return tree.is_element(id) && box_of(tree, id, options) != Box::kSkip;
}

// Over 80 lines on purpose: the layout is one non-recursive walk of the
// flat tree (a 100,000-deep page must not exhaust the stack) whose pending
// margin, current line and list/table context every element kind reads and
// writes; the per-kind decisions live in box_of() and the helpers above.
std::vector<Line> render_lines(const Tree& tree, NodeId root, std::span<const uint8_t> kept,
                               const RenderOptions& options) {
  StageTimer timer(Stage::kRender);
  std::vector<Line> lines;
  std::vector<Frame> frames;  // the open block-level elements' shapes
  LineBuilder b(&lines, &frames);
  auto is_kept = [&](NodeId id) { return kept.empty() || kept[id] != 0; };

  struct Open { NodeId id; Box box; bool anchor; };
  std::vector<Open> open;  // entered elements awaiting their end
  std::vector<NodeId> anchors;  // the open <a href> elements
  int pre_depth = 0;

  auto leave = [&](const Open& o) {
    if (!frames.empty() && frames.back().id == o.id) frames.pop_back();
    if (o.anchor) {
      anchors.pop_back();
      if (anchors.empty()) b.set_link(kNoNode, {});
      else b.set_link(anchors.back(), tree.attr(anchors.back(), "href"));
    }
    switch (o.box) {
      case Box::kParagraph: b.block_boundary(2); break;
      case Box::kBlock:
      case Box::kRow: b.block_boundary(1); break;
      case Box::kPre:
        --pre_depth;
        b.block_boundary(1);
        break;
      case Box::kCell:
        if (next_element_is_cell(tree, o.id)) b.tab();
        break;
      default: break;
    }
  };

  const NodeId stop = tree[root].end;
  NodeId i = root;
  while (i < stop) {
    while (!open.empty() && tree[open.back().id].end <= i) {
      leave(open.back());
      open.pop_back();
    }
    const Node& n = tree[i];
    switch (n.kind) {
      case NodeKind::kText:
      case NodeKind::kWhitespace:
        if (in_closed_details(tree, i) && !options.include_hidden) {
          ++i;
          continue;
        }
        if (pre_depth > 0) {
          preformatted_text(b, n.text, is_kept(i), i);
        } else {
          collapsible_text(b, n.text, is_kept(i), i);
        }
        ++i;
        continue;
      case NodeKind::kElement: break;
      default:
        ++i;
        continue;
    }
    Box box = box_of(tree, i, options);
    switch (box) {
      case Box::kSkip:
        i = n.end;
        continue;
      case Box::kBreak:
        b.line_break();
        i = n.end;
        continue;
      case Box::kImage: {
        std::string_view alt = tree.attr(i, "alt");
        if (is_kept(i)) b.image(image_source(tree, i), trimmed(alt));
        if (options.image_alt && !alt.empty()) {
          // An inline image's alt joins the text around it with a space.
          b.space();
          collapsible_text(b, alt, is_kept(i), i);
          b.space();
        }
        i = n.end;
        continue;
      }
      case Box::kParagraph: b.block_boundary(2); break;
      case Box::kBlock:
      case Box::kRow: b.block_boundary(1); break;
      case Box::kPre:
        b.block_boundary(1);
        ++pre_depth;
        break;
      default: break;
    }
    if (box == Box::kParagraph || box == Box::kBlock || box == Box::kRow || box == Box::kPre)
      frames.push_back(open_frame(tree, i, frames));
    const bool anchor = n.tag == GUMBO_TAG_A && tree.has_attr(i, "href");
    if (anchor) {
      anchors.push_back(i);
      b.set_link(i, tree.attr(i, "href"));
    }
    open.push_back({i, box, anchor});
    ++i;
  }
  while (!open.empty()) {
    leave(open.back());
    open.pop_back();
  }
  b.finish();
  return lines;
}

std::string render_text(const Tree& tree, const RenderOptions& options) {
  std::vector<Line> lines = render_lines(tree, Tree::root(), {}, options);
  std::string out;
  for (size_t k = 0; k < lines.size(); ++k) {
    if (k) out.push_back('\n');
    out.append(lines[k].text);
  }
  return out;
}

}  // namespace winnow::html
