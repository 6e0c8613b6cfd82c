// winnow: a news page in, the article's own text out.
//
// The library in five calls:
//   RuleLibrary rules;  load_rules("rules", &rules, &err);
//   Document doc = load_document(bytes);          // any bytes: decoded, parsed
//   Article a = clean(rules, doc, {.url = url});  // text + metadata + warnings
//   std::string t = a.text();  std::string j = to_json(a);
//   std::string dump = render(doc);               // whole-page text
#ifndef WINNOW_WINNOW_H_
#define WINNOW_WINNOW_H_

#include <string>
#include <string_view>
#include <vector>

#include "extract/clean.h"
#include "extract/generic.h"
#include "extract/metadata.h"
#include "html/page.h"
#include "rules/rule_set.h"
#include "winnow/article.h"
#include "winnow/clean_request.h"
#include "winnow/rule_error.h"

namespace winnow {

using rules::RuleLibrary;

// A decoded, parsed page with its metadata.
struct Document {
  html::Page page;
  extract::PageMeta meta;
  std::string charset;                 // what the bytes were read as
  std::vector<std::string> warnings;   // decoding and parsing trouble
};

// Never fails: undecodable bytes become U+FFFD (with a warning).
Document load_document(std::string_view bytes, std::string_view transport_charset = {});

bool load_rules(const std::string& dir, RuleLibrary* library, RuleError* error);

// Picks the rule set by the URL's host. A host no rule file serves (or any
// host, with request.generic) goes to the generic extractor
// (extract/generic.h); so does a page whose site rules keep far less text
// than the generic extractor finds (the template moved: a "drift" warning).
Article clean(const RuleLibrary& library, const Document& doc, const CleanRequest& request);

// The rule set `clean` would use for this document, or nullptr.
const rules::RuleSet* rules_for(const RuleLibrary& library, const Document& doc,
                                const CleanRequest& request, std::string* url);

// Whole-page text, as the reference dumps read.
std::string render(const Document& doc, bool include_hidden = false);

// One JSON object on one line (no trailing newline).
std::string to_json(const Article& article);

}  // namespace winnow

#endif  // WINNOW_WINNOW_H_
