// winnow: a news page in, the article's own text out.
//
// The library in five calls:
//   RuleLibrary rules;  load_rules("rules", &rules, &err);
//   Document doc = load_document(bytes);          // any bytes: decoded, parsed
//   Article a = clean(rules, doc, {.url = url});  // text + metadata + warnings
//   std::string t = a.text();  std::string j = to_json(a);
//   std::string dump = render(doc);               // whole-page text
//
// This header includes every public header (src/winnow/*.h, installed as
// <winnow/*.h>); each may be included alone. They include nothing but each
// other and the standard library. Build against an installed copy with
// `pkg-config --static --cflags --libs winnow`.
#ifndef WINNOW_WINNOW_H_
#define WINNOW_WINNOW_H_

#include "winnow/article.h"        // Article: text, metadata, warnings, explain's records
#include "winnow/bench.h"          // the pipeline's speed by stage, beside plain Gumbo
#include "winnow/clean.h"          // clean(), choose_rules()
#include "winnow/clean_request.h"  // CleanRequest, Favor
#include "winnow/crawl.h"          // CrawlJob: one run of a crawl job
#include "winnow/document.h"       // Document, load_document(), render()
#include "winnow/eval.h"           // evaluate(): F1, precision, recall on a page set
#include "winnow/exit_code.h"      // the command's exit codes
#include "winnow/fetch.h"          // fetch_articles(), FetchSettings
#include "winnow/input.h"          // read_page(), list_pages()
#include "winnow/json.h"           // to_json()
#include "winnow/page_set.h"       // PageSet, clean_pages(): the one loop of eval and bench
#include "winnow/ranges.h"         // the ranges of numeric settings
#include "winnow/rule_error.h"     // RuleError
#include "winnow/rules.h"          // RuleLibrary, load_rules()
#include "winnow/source_ref.h"     // SourceRef
#include "winnow/warc.h"           // read_warc_pages(), WarcPages: the HTML responses of a WARC file

#endif  // WINNOW_WINNOW_H_
