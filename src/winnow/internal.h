// The library's own side of the public calls: what is behind a Document's
// opaque parse, and `clean` on the library's own rule type, for the layers
// above the public calls (crawl) and for tests. Not installed; no public
// header includes it.
#ifndef WINNOW_INTERNAL_H_
#define WINNOW_INTERNAL_H_

#include <type_traits>

#include "extract/metadata.h"
#include "html/page.h"
#include "rules/rule_set.h"
#include "winnow/article.h"
#include "winnow/clean_request.h"
#include "winnow/document.h"

namespace winnow {

namespace internal {

// Behind a Document: Gumbo's parse, the library's flat tree over it, and the
// page's metadata.
struct ParsedPage {
  html::Page page;
  extract::PageMeta meta;
};

}  // namespace internal

// Article's records name elements by the page tree's own ids.
static_assert(std::is_same_v<ElementId, html::NodeId> && kNoElement == html::kNoNode);

// `clean` (winnow/clean.h) with the library's own rule type, which the
// crawl holds.
Article clean(const rules::RuleLibrary& library, const Document& doc, const CleanRequest& request);

}  // namespace winnow

#endif  // WINNOW_INTERNAL_H_
