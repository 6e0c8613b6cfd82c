// The generic extractor: the main content of a page no rule file describes,
// and the fallback when a site's rules stop matching (its template moved).
//
// Laid out top-down in generic.cc, each heuristic a named step:
//   1. candidates: block elements outside page chrome, each scored by its own
//      text (length, commas and sentence punctuation, link density) and
//      credited to its parent and grandparent, as Readability does;
//   2. class/id hints (Vietnamese and English words for comment, share,
//      related, sidebar, footer, menu, ads...) push a candidate down or up;
//   3. the best candidate is widened to siblings that read like the article;
//   4. boilerplate inside the chosen block is pruned: link lists, share
//      widgets, related boxes, credits outside captions;
//   5. the block is laid out as text, the title line and short trailing
//      chrome lines trimmed.
#ifndef WINNOW_EXTRACT_GENERIC_H_
#define WINNOW_EXTRACT_GENERIC_H_

#include <string>
#include <vector>

#include "extract/clean.h"
#include "extract/metadata.h"
#include "html/page.h"
#include "winnow/clean_request.h"  // Favor

namespace winnow::extract {

struct GenericOptions {
  Favor favor = Favor::kBalanced;
  bool include_hidden = false;
};

// The article's text and metadata, found without rules. Never fails: a page
// with no article-like block gives an empty text and a warning.
Article extract_generic(const html::Page& page, const PageMeta& meta, const GenericOptions& options);

}  // namespace winnow::extract

#endif  // WINNOW_EXTRACT_GENERIC_H_
