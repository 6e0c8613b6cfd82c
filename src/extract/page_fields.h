// The fields every cleaned page gets from what it declares about itself,
// whichever extractor found its text: authors (and the byline when the page
// has no byline text of its own), description, image, site_name, tags and
// language.
#ifndef WINNOW_EXTRACT_PAGE_FIELDS_H_
#define WINNOW_EXTRACT_PAGE_FIELDS_H_

#include <string>
#include <string_view>

#include "extract/authors.h"
#include "extract/clean.h"
#include "extract/metadata.h"
#include "html/tree.h"

namespace winnow::extract {

// Completes `art` after either extractor (or the whole-page clean):
//   authors      the byline's names (split_byline) when it has a byline; else
//                the page's (page_authors); else the signature at the
//                article's end (its last paragraph, signature_author);
//                organizations as `authors_options` says.
//   byline       the authors joined by ", " when it had none.
//   description  og:description, meta description, JSON-LD description.
//   image        og:image, twitter:image, JSON-LD image, made absolute
//                against `base_url`.
//   site_name    og:site_name, JSON-LD publisher, application-name.
//   tags         the first that has any: article:tag metas, JSON-LD
//                keywords, news_keywords, keywords.
//   language     kept if the extractor set it; else <html lang>, og:locale
//                ("en_US" as "en-US"), content-language (what the page
//                declares: clean() then tells it from the text,
//                extract/language.h, with this as the hint)
// `found` (may be null): the page's authors as the generic extractor found
// them, not looked for again.
void complete_page_fields(const html::Tree& tree, const PageMeta& meta, std::string_view base_url, Article* art,
                          const AuthorOptions& authors_options = {}, FoundAuthors* found = nullptr);

// `ref` resolved against `base` (an absolute http(s) URL): absolute as is,
// "//host/..." with the base's scheme, "/path" on the base's host, "?q"
// and "#f" on the base's path, else beside the base's path; "." and ".."
// segments resolved. "" if `ref` is empty or cannot be resolved (another
// scheme: data:, mailto:, javascript:).
std::string absolute_url(std::string_view ref, std::string_view base);

}  // namespace winnow::extract

#endif  // WINNOW_EXTRACT_PAGE_FIELDS_H_
