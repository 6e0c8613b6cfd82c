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

// Picks the rule set by the URL's host; for a host no rule file serves, a
// base whose platform markers ([detect]) the page shows (the article's
// `site` then stays empty, `rules_path` names the base, and a warning says
// which marker matched). Any other page (or any page, with request.generic)
// goes to the generic extractor; so does a page
// whose site rules keep far less text than the generic extractor finds (the
// template moved: a "drift" warning). Never fails; safe on many threads.
Article clean(const RuleLibrary& library, const Document& doc, const CleanRequest& request);

// What `clean` reads to choose its rules, for `explain`.
struct RuleChoice {
  std::string url;                 // request.url, else the page's canonical / og:url
  std::vector<std::string> chain;  // the rule file serving its host, then each base
                                   // it extends; empty: none serves it
  // Non-empty when no rule file serves the host and a base was chosen by its
  // platform markers: the marker, where it is written and its page line.
  std::string detected_by;
};
RuleChoice choose_rules(const RuleLibrary& library, const Document& doc, const CleanRequest& request);

// The language detector's own version text (CLD2's), for `--version`.
const char* language_detector_version();

}  // namespace winnow

#endif  // WINNOW_CLEAN_H_
