// The renderer: a page (or part of one) as text lines, the way the reference
// dumps read it. This is innerText's model with images' alt text emitted in
// place:
//   - block boxes start and end a line; <p> and <h1>-<h6> are set off by a
//     blank line (innerText does this for <p> only; every title in the five
//     dumps stands between blank lines while its neighbours do not, so the
//     dumps give headings the same margin);
//   - <br> ends a line; a <br> that ends a line a block end would end anyway
//     adds nothing, as in a browser;
//   - whitespace collapses (CSS white-space: normal), except in <pre>;
//   - table cells of a row are joined by a tab, rows are lines;
//   - hidden elements ([hidden], inline display:none or visibility:hidden,
//     closed <details>) and non-rendered ones (head, script, style, noscript,
//     template, iframe, svg, form controls...) contribute nothing, not even a
//     line break.
//
// For cleaning, each piece of text carries a kept/dropped flag. The page is
// laid out once, whole, so line breaks are the page's own; a line that holds
// only dropped text disappears. That is exactly how each reference clean text
// relates to its dump: every clean line is a dump line, in order.
#ifndef WINNOW_HTML_RENDER_H_
#define WINNOW_HTML_RENDER_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "html/tree.h"
#include "winnow/article.h"

namespace winnow::html {

struct RenderOptions {
  bool image_alt = true;        // emit <img alt> in place (the dumps do; clean does not)
  bool include_hidden = false;  // lay out hidden elements too (for tests and debugging)
  // Lay out <noscript> as a block, as a browser without scripts shows it:
  // a page whose content a script draws may serve it there (prune.h keeps
  // a large one's content).
  bool noscript = false;
};

struct Line {
  std::string text;              // the kept text of the line, collapsed and trimmed
  bool has_dropped = false;      // dropped text shared (or filled) the line
  NodeId first_kept = kNoNode;   // node of the first kept text on the line
  NodeId first_dropped = kNoNode;
  // The block the line stands in, its kept links (hrefs as the page wrote
  // them) and kept images: a kept <img> is placed on the line whose kept
  // text follows it (alone if a block boundary comes between).
  LineShape shape;
  // A blank line: no text of any kind, only line breaks.
  bool blank() const { return text.empty() && !has_dropped; }
};

// Lays out the subtree at `root` (the whole page: Tree::root()). `kept` has
// one entry per node id: non-zero if the node's own text is kept. An empty
// span keeps everything. Line breaks before the first and after the last text
// are not produced.
std::vector<Line> render_lines(const Tree& tree, NodeId root, std::span<const uint8_t> kept,
                               const RenderOptions& options);

// Whole-page text: every line, joined by '\n', no trailing newline.
std::string render_text(const Tree& tree, const RenderOptions& options = {});

// Where an <img> shows its picture from: src, unless empty or a data: URI
// (a lazy-loading placeholder), then data-src, data-original,
// data-lazy-src, and the first URL of srcset or data-srcset; "" if none.
std::string_view image_source(const Tree& tree, NodeId img);

// True if the element is laid out at all (not hidden, not a non-rendered
// element). Does not look at ancestors.
bool is_rendered_element(const Tree& tree, NodeId id, const RenderOptions& options = {});

}  // namespace winnow::html

#endif  // WINNOW_HTML_RENDER_H_
