// A page: its HTML source (UTF-8), Gumbo's parse of it, and the flat tree.
// It owns all of them; string views handed out stay valid while it lives.
#ifndef WINNOW_HTML_PAGE_H_
#define WINNOW_HTML_PAGE_H_

#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include "html/arena.h"
#include "html/tree.h"

namespace winnow::html {

struct ParseOptions {
  // Deeper elements are flattened into their ancestor at this depth before
  // Gumbo sees them: Gumbo's scope checks walk the stack of open elements, so
  // parse time grows with depth squared (20,000 nested divs take 17 s).
  // Blink's parser caps DOM depth at 512 for the same reason.
  int max_depth = 512;
  // Attributes of one start tag past this many are dropped before Gumbo sees
  // them: Gumbo checks each new attribute against the tag's others, so a tag
  // with 100,000 of them takes it half a minute.
  int max_attributes = 512;
  // Empty script, style, noscript, template and svg bodies and long
  // comments before parsing (html/prune.h): the same text, much faster.
  bool prune = true;
};

struct Page {
  Page() = default;
  Page(Page&&) = default;
  Page& operator=(Page&&) = default;

  std::string source;   // the UTF-8 text Gumbo parsed (after the depth guard)
  std::unique_ptr<Arena> arena;
  GumboOutput* output = nullptr;  // lives in *arena
  Tree tree;
  bool depth_limited = false;       // true if the depth guard flattened something
  bool attributes_limited = false;  // true if some tag lost attributes past max_attributes
  std::deque<std::string> names;  // lower-cased names of unknown tags
};

// Parses UTF-8 HTML. Never fails: any byte string yields a page.
Page parse_page(std::string utf8, const ParseOptions& options = {});

// What limit_nesting cut.
struct MarkupCuts {
  bool depth = false;       // start and end tags nested past max_depth
  bool attributes = false;  // attributes of a tag past max_attributes
};

// The depth guard on its own: returns true and writes a rewritten copy to
// `out` when some element nests deeper than `max_depth` or some start tag has
// more than `max_attributes` attributes, else false. A light scan, not a
// parser: start tags of elements whose end tag is optional (p, li, td...) and
// void elements do not count, the content of raw-text elements (script,
// style...) and comments is skipped.
bool limit_nesting(std::string_view html, int max_depth, std::string* out, int max_attributes = 512,
                   MarkupCuts* what = nullptr);

}  // namespace winnow::html

#endif  // WINNOW_HTML_PAGE_H_
