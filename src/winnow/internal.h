// The library's own side of the public calls: what a Document's parse is, and the
// calls its layers above the public API (crawl) make on the library's own
// rule type. Not installed; nothing in the public headers includes it.
#ifndef WINNOW_INTERNAL_H_
#define WINNOW_INTERNAL_H_

#include <string>
#include <vector>

#include "extract/metadata.h"
#include "html/page.h"
#include "rules/rule_set.h"
#include "winnow/article.h"
#include "winnow/clean_request.h"
#include "winnow/document.h"

namespace winnow {

namespace internal {

// Behind a Document.
struct ParsedPage {
  html::Page page;
  extract::PageMeta meta;
};

}  // namespace internal

// `clean` (winnow/clean.h) with the library's own rule type, which the
// crawl holds.
Article clean(const rules::RuleLibrary& library, const Document& doc, const CleanRequest& request);

// The rule set `clean` would use for this document, or nullptr; `url` gets
// the URL its host was read from.
const rules::RuleSet* rules_for(const rules::RuleLibrary& library, const Document& doc,
                                const CleanRequest& request, std::string* url);

}  // namespace winnow

#endif  // WINNOW_INTERNAL_H_
