// blocks_of(): the article's lines grouped into the blocks Markdown and
// HTML write, by role first (the title, dateline, lead, byline and
// captions are those whatever markup held them), then by the body's shapes.
#include "winnow/markup_internal.h"

namespace winnow::markup {
namespace {

Part part_of(LineRole role, BlockKind block) {
  switch (role) {
    case LineRole::kTitle: return Part::kTitle;
    case LineRole::kDateline: return Part::kDateline;
    case LineRole::kLead: return Part::kLead;
    case LineRole::kByline: return Part::kByline;
    case LineRole::kCaption: return Part::kCaption;
    default: break;
  }
  switch (block) {
    case BlockKind::kHeading: return Part::kHeading;
    case BlockKind::kListItem: return Part::kList;
    case BlockKind::kTableRow: return Part::kTable;
    case BlockKind::kCode: return Part::kCode;
    default: return Part::kParagraph;
  }
}

bool has_alone_image(const LineShape& s) {
  for (const TextImage& img : s.images)
    if (img.alone) return true;
  return false;
}

// Whether line `next` continues the block whose last line is `prev`
// (`blank`: blank lines stand between them).
bool continues(const Article& a, const Block& b, size_t prev, size_t next, bool blank) {
  const LineShape &p = a.shape(prev), &n = a.shape(next);
  if (part_of(role_at(a, next), n.block) != b.part || n.quote_depth != p.quote_depth) return false;
  if (has_alone_image(n)) return false;
  switch (b.part) {
    case Part::kTitle: return !blank;
    case Part::kList: return true;  // items, and the lines of one item
    case Part::kTable: return !blank && n.container == p.container;
    case Part::kCode: return n.item == p.item;
    case Part::kHeading: return !blank && n.item == p.item;
    default:
      // One element's lines (a <p> broken by <br>s): same group, no blank.
      return !blank && n.group == p.group && p.group != kNoElement;
  }
}

// A table whose rows are one line each and some row has two cells; else
// its rows read as paragraphs.
bool is_grid(const Article& a, const Block& b) {
  bool wide = false;
  for (size_t k = 0; k < b.lines.size(); ++k) {
    if (k > 0 && a.shape(b.lines[k]).item == a.shape(b.lines[k - 1]).item) return false;
    wide = wide || a.lines[b.lines[k]].find('\t') != std::string::npos;
  }
  return wide;
}

}  // namespace

std::vector<Cell> cells_of(const std::string& row, const LineShape& shape) {
  std::vector<Cell> cells;
  size_t from = 0;
  for (;;) {
    const size_t tab = row.find('\t', from);
    const size_t end = tab == std::string::npos ? row.size() : tab;
    Cell cell{row.substr(from, end - from), {}};
    for (const TextLink& l : shape.links)
      if (l.begin >= from && l.begin + l.size <= end)
        cell.shape.links.push_back({uint32_t(l.begin - from), l.size, l.href});
    for (const TextImage& img : shape.images)
      if (!img.alone && img.at >= from && img.at <= end)
        cell.shape.images.push_back({uint32_t(img.at - from), false, img.src, img.alt});
    cells.push_back(std::move(cell));
    if (tab == std::string::npos) break;
    from = tab + 1;
  }
  return cells;
}

std::vector<Block> blocks_of(const Article& a) {
  std::vector<Block> blocks;
  bool blank = false;
  for (size_t i = 0; i < a.lines.size(); ++i) {
    if (a.lines[i].empty() || role_at(a, i) == LineRole::kBlank) {
      blank = true;
      continue;
    }
    if (!blocks.empty() && continues(a, blocks.back(), blocks.back().lines.back(), i, blank)) {
      blocks.back().lines.push_back(i);
    } else {
      const LineShape& s = a.shape(i);
      Block b;
      b.part = part_of(role_at(a, i), s.block);
      b.quote = s.quote_depth;
      if (b.part == Part::kHeading) b.level = static_cast<uint8_t>(std::clamp<int>(s.level, 2, 6));
      b.lines.push_back(i);
      blocks.push_back(std::move(b));
    }
    blank = false;
  }
  // Tables that are no grid: each row its own paragraph.
  std::vector<Block> out;
  out.reserve(blocks.size());
  for (Block& b : blocks) {
    if (b.part != Part::kTable || is_grid(a, b)) {
      out.push_back(std::move(b));
      continue;
    }
    for (size_t line : b.lines) out.push_back({Part::kParagraph, 0, b.quote, {line}});
  }
  return out;
}

}  // namespace winnow::markup
