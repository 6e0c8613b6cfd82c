// The generic extractor: the main content of a page no rule file describes,
// and the fallback when a site's rules stop matching (its template moved).
//
// Its vocabulary and thresholds are rule data (rules/generic.toml, compiled
// into GenericRules: generic_rules.h). The code reads top-down: the entry
// point first (generic.cc), then each step in the order it is called, one
// function a step, numbered as here and in docs/generic-extractor.md:
//   1. facts: each block element's own text (characters, link characters,
//      commas and sentence stops), visibility as the renderer sees it;
//   2. teasers: short prose in a small card beside a headline link, or
//      opening with one beside siblings alike, is another story's summary;
//   3. chrome: furniture by tag, role and class/id hints, and boxes that
//      open with a title such as "Related stories";
//   4. container: the element whose subtree holds the most prose less its
//      link text and a share of its other text; when what it leaves is
//      hardly an article, 3 and 4 run again trusting hints less;
//   5. blocks (generic_select.cc): inside the container, which blocks are
//      the article's body (link lists, the title, furniture lines, repeated
//      blocks and what lies outside the prose go; captions stay in place);
//   6. shape (generic_shape.cc): the dateline, title, lead and byline the
//      page shows around the body join the kept text;
//   7. text (generic_select.cc): the kept text laid out as lines in the
//      page's order, each with its role (the article's shape on both paths).
// Before step 1, the page's metadata (generic_meta.h): its title is the
// line step 5 drops from the body and step 6 looks for.
#ifndef WINNOW_EXTRACT_GENERIC_H_
#define WINNOW_EXTRACT_GENERIC_H_

#include <string>
#include <string_view>

#include "extract/authors.h"
#include "extract/clean.h"
#include "extract/metadata.h"
#include "html/page.h"
#include "rules/generic_rules.h"
#include "winnow/clean_request.h"  // Favor, PageType

namespace winnow::extract {

// The compiled vocabulary and thresholds are the rules layer's (loaded with
// the rule files); the extractor only reads them.
using rules::DateLineWords;
using rules::GenericParams;
using rules::GenericRules;
using rules::LineShape;
using rules::Pattern;
using rules::PerFavor;
using rules::Share;

struct GenericOptions {
  Favor favor = Favor::kBalanced;
  bool include_hidden = false;
  std::string url;  // the page's URL as given or fetched ("" if unknown): the title's host
  PageType type = PageType::kAuto;  // forced, or told from the page (extract/page_type.h)
  FoundAuthors* found_authors = nullptr;  // if set, keeps the page's authors for complete_page_fields
};

// The article's text and metadata, found without rules (but with the
// generic extractor's own: `rules`, from a RuleSet's `generic`). Never
// fails: a page with no article-like block gives an empty text and a
// warning.
Article extract_generic(const html::Page& page, const PageMeta& meta, const GenericRules& rules,
                        const GenericOptions& options);

}  // namespace winnow::extract

#endif  // WINNOW_EXTRACT_GENERIC_H_
