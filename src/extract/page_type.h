// What kind of page it is: article, forum, product, collection, listing,
// documentation or service (winnow/clean_request.h PageType), told from
// signs the page gives of itself, each type's signs being rule data
// ([generic.types.NAME] in rules/generic.toml). The generic extractor
// finds each type's main content its own way (generic_rules.h
// TypeStrategy); docs/page-types.md lays out both.
#ifndef WINNOW_EXTRACT_PAGE_TYPE_H_
#define WINNOW_EXTRACT_PAGE_TYPE_H_

#include <string>
#include <string_view>

#include "extract/metadata.h"
#include "html/tree.h"
#include "rules/generic_rules.h"

namespace winnow::extract {

struct PageTypeGuess {
  PageType type = PageType::kArticle;
  std::string from;  // the sign that told it: "JSON-LD Product", "URL /forum/", ...; "" for no sign
};

// The first sign found, in this order (docs/page-types.md says why):
//   1. the page's JSON-LD @types (an article's first: a news story that
//      also carries an ItemList is still a story);
//   2. its og:type;
//   3. its URL's host and path;
//   4. repeated items: at least N elements whose class or id names the
//      type's items ("product-card", "message");
// and an article when no sign is found. Then an article told by 2, 3 or no
// sign that is a page of headline cards with no story (the type's `cards`
// sign: a topic page at an article-shaped URL) is that type.
PageTypeGuess tell_page_type(const html::Tree& tree, const PageMeta& meta, std::string_view url,
                             const rules::GenericRules& rules);

}  // namespace winnow::extract

#endif  // WINNOW_EXTRACT_PAGE_TYPE_H_
