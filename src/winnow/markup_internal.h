// What Markdown, HTML and the JSON's lists share: a line's links and
// images as they can be written (within the text, in order, not
// overlapping), whatever filled the shape.
#ifndef WINNOW_MARKUP_INTERNAL_H_
#define WINNOW_MARKUP_INTERNAL_H_

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "winnow/article.h"

namespace winnow::markup {

// The line's links that lie within its text, in order, none overlapping
// the one before (a shape a caller filled, or text changed after layout,
// may hold others: they are left out, their text stays).
std::vector<const TextLink*> usable_links(const std::string& text, const LineShape& shape);

// The image's place in the text, clamped to it.
inline size_t image_at(const std::string& text, const TextImage& image) {
  return image.alone ? 0 : std::min<size_t>(image.at, text.size());
}

// Line i's role (an article filled without roles reads as body).
LineRole role_at(const Article& article, size_t i);

// What a block of the output is.
enum class Part : uint8_t {
  kTitle, kDateline, kLead, kByline, kCaption,  // the lines of that role
  kHeading, kParagraph, kList, kTable, kCode,   // the body's
};

// A block of the output: text lines of the article that Markdown and HTML
// write as one element (a paragraph broken by <br>s, a list, a table, a
// code block), in order. Blank lines are not in `lines`. A line with an
// image standing alone above it starts a block, so the image stands
// between blocks.
struct Block {
  Part part = Part::kParagraph;
  uint8_t level = 0;  // kHeading: 2-6 (the title is the one level 1)
  uint8_t quote = 0;  // blockquotes it stands in
  std::vector<size_t> lines;
};

// The article's blocks. A table is a kTable only when every row is one
// line and some row has two cells; other tables' rows are paragraphs.
std::vector<Block> blocks_of(const Article& article);

// A table row line's cells (split at its tabs), each with the links and
// images that lie inside it, their offsets made the cell's.
struct Cell {
  std::string text;
  LineShape shape;
};
std::vector<Cell> cells_of(const std::string& row, const LineShape& shape);

// Walks a line's text with its links and inline images in place: calls
// text(from, to) for runs of the text, image(img) where an image stands,
// open(link) and close() around a link's text. Images at the very end come
// after the last run; an image inside a link stays inside it.
template <typename Text, typename Image, typename Open, typename Close>
void walk_inline(const std::string& text, const LineShape& shape, Text&& on_text, Image&& on_image,
                 Open&& on_open, Close&& on_close) {
  std::vector<const TextImage*> images;
  for (const TextImage& img : shape.images)
    if (!img.alone) images.push_back(&img);
  std::stable_sort(images.begin(), images.end(),
                   [](const TextImage* x, const TextImage* y) { return x->at < y->at; });
  size_t next = 0;
  // Text [from, to) with the images that stand in it (those at `to` only
  // when `last`, the end of the line).
  auto range = [&](size_t from, size_t to, bool last) {
    while (next < images.size()) {
      const size_t at = std::clamp<size_t>(images[next]->at, from, text.size());
      if (at > to || (at == to && !last)) break;
      if (at > from) on_text(from, at);
      from = at;
      on_image(*images[next++]);
    }
    if (to > from) on_text(from, to);
  };
  size_t pos = 0;
  for (const TextLink* l : usable_links(text, shape)) {
    range(pos, l->begin, false);
    on_open(*l);
    range(l->begin, l->begin + l->size, false);
    on_close();
    pos = l->begin + l->size;
  }
  range(pos, text.size(), true);
}

}  // namespace winnow::markup

#endif  // WINNOW_MARKUP_INTERNAL_H_
