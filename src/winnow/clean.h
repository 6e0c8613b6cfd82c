// Cleaning a page: its site's rules picked by the URL's host, the kept
// fields taken, the boilerplate dropped; or, for a host no rule file
// serves, the generic extractor.
//
// Public (installed as <winnow/clean.h>).
#ifndef WINNOW_CLEAN_H_
#define WINNOW_CLEAN_H_

#include <string>
#include <vector>

#include "winnow/article.h"
#include "winnow/clean_request.h"
#include "winnow/document.h"
#include "winnow/rules.h"

namespace winnow {

// Picks the rule set by the URL's host. A host no rule file serves (or any
// host, with request.generic) goes to the generic extractor; so does a page
// whose site rules keep far less text than the generic extractor finds (the
// template moved: a "drift" warning). Never fails; safe on many threads.
Article clean(const RuleLibrary& library, const Document& doc, const CleanRequest& request);

// What `clean` reads to choose its rules, for `explain`.
struct RuleChoice {
  std::string url;                 // request.url, else the page's canonical / og:url
  std::vector<std::string> chain;  // the rule file serving its host, then each base
                                   // it extends; empty: none serves it
};
RuleChoice choose_rules(const RuleLibrary& library, const Document& doc, const CleanRequest& request);

}  // namespace winnow

#endif  // WINNOW_CLEAN_H_
