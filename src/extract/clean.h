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

#include <optional>
#include <string>
#include <vector>

#include "extract/metadata.h"
#include "html/page.h"
#include "rules/rule_set.h"

namespace winnow::extract {

struct CleanOptions {
  // Ignore the kept-field selectors: the whole page, minus the drops.
  bool whole_page = false;
  // Lay out what the page hides too (to test drops on hidden site chrome).
  bool include_hidden = false;
};

// One kept field and what matched it (for explain).
struct FieldMatch {
  std::string field;
  std::string selector;
  rules::SourceRef where;
  html::NodeId node = html::kNoNode;
  unsigned page_line = 0;
  std::string excerpt;
  std::string rejected;  // non-empty: a candidate not taken, and why
};

// One thing removed from the article and the rule that removed it.
struct Removal {
  std::string kind;          // drop kind: "navigation", "weather", ...
  std::string how;           // "selector", "line", "between"
  std::string rule;          // the selector or pattern text
  rules::SourceRef where;    // rule file and line
  html::NodeId node = html::kNoNode;  // the element removed (selector/between)
  unsigned page_line = 0;    // where it sits in the page's HTML
  std::string excerpt;       // the first characters of the text removed
};

struct Article {
  std::string url;
  std::string site;            // rule set name; "" if none served the page
  std::string rules_path;      // the rule file used
  std::string extractor = "rules";  // "rules" or "generic" (no rules, or drift)
  bool drift = false;          // the site's rules kept too little: generic result
  std::optional<std::string> title, published, lead, byline;
  std::optional<std::vector<std::string>> section;
  std::optional<std::string> language;  // the page's declared language (generic extractor)
  std::vector<std::string> lines;       // the article text, line by line
  std::vector<std::string> paragraphs;  // body lines that are not captions
  std::vector<std::string> captions;
  std::vector<std::string> warnings;
  // Required fields (title, body) the site's rules found nothing for: a sign
  // its template changed, which the drift check acts on (a flag, not the
  // words of a warning).
  std::vector<std::string> missing_fields;
  std::vector<FieldMatch> fields;
  std::vector<Removal> removals;

  // The text output: lines joined by '\n', ending with one newline (or "" if
  // nothing was kept).
  std::string text() const;
};

Article clean_page(const html::Page& page, const PageMeta& meta, const rules::RuleSet& rules,
                   const CleanOptions& options);

}  // namespace winnow::extract

#endif  // WINNOW_EXTRACT_CLEAN_H_
