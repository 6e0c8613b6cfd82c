// Metadata for any page, with no rules: title, published date,
// section, language, from what the page declares about itself (JSON-LD,
// Open Graph and <meta>, then <time> and <h1>; dates: extract/dates.h).
#ifndef WINNOW_EXTRACT_GENERIC_META_H_
#define WINNOW_EXTRACT_GENERIC_META_H_

#include "extract/authors.h"
#include "extract/clean.h"
#include "extract/metadata.h"
#include "html/tree.h"

namespace winnow::extract {

// Fills title, published and modified (dates.h), authors and byline
// (page_authors), section and language where the page says;
// complete_page_fields (page_fields.h) adds the rest after the text.
// `fetched_url`: the URL the page came from, if known (the title's host
// and sections when the page declares no URL); `authors_options`: whether
// an organization the page declares as author counts (page_authors).
// `found` (may be null) keeps what the page's authors were found to be, for
// complete_page_fields to read again.
void fill_generic_meta(const html::Tree& tree, const PageMeta& meta, Article* article,
                       std::string_view fetched_url = {}, const AuthorOptions& authors_options = {},
                       FoundAuthors* found = nullptr);

}  // namespace winnow::extract

#endif  // WINNOW_EXTRACT_GENERIC_META_H_
