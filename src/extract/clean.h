// Cleaning: a parsed page and its site's rules in, the article out.
//
//   1. match every selector of the rule set in one pass;
//   2. mark drops (selectors, comment ranges) and pick each kept field: the
//      first selector that matches a rendered element outside every drop;
//   3. lay the page out once (html/render.h), text inside a kept field and
//      outside every drop counts as kept;
//   4. drop lines that hold no kept text or match a line pattern;
//   5. collapse runs of blank lines, trim.
// Metadata (title, published, section, lead, byline) comes from the fields,
// then from the page's JSON-LD and meta tags.
#ifndef WINNOW_EXTRACT_CLEAN_H_
#define WINNOW_EXTRACT_CLEAN_H_

#include "extract/metadata.h"
#include "html/page.h"
#include "rules/rule_set.h"
#include "winnow/article.h"

namespace winnow::extract {

struct CleanOptions {
  // Ignore the kept-field selectors: the whole page, minus the drops.
  bool whole_page = false;
  // Lay out what the page hides too (to test drops on hidden site chrome).
  bool include_hidden = false;
};

Article clean_page(const html::Page& page, const PageMeta& meta, const rules::RuleSet& rules,
                   const CleanOptions& options);

}  // namespace winnow::extract

#endif  // WINNOW_EXTRACT_CLEAN_H_
