// Fetching URLs and printing their articles: what `winnow fetch` does, and
// `winnow clean URL` (and `winnow URL`) with it.
#ifndef WINNOW_CLI_FETCH_RUN_H_
#define WINNOW_CLI_FETCH_RUN_H_

#include <string>
#include <vector>

#include "winnow/clean_request.h"
#include "winnow/fetch.h"
#include "winnow/rules.h"

namespace winnow::cli {

struct FetchRun {
  std::vector<std::string> urls;
  std::string format = "text";  // cli/article_format.h
  std::string out_dir;          // --out: one file per article instead of stdout
  CleanRequest request;          // how each page is cleaned (its url is the page's)
  std::vector<std::string> languages;  // --lang: only articles in these
  FetchSettings fetch;
};

// Fetches the URLs (politely: robots.txt, a delay per site), cleans each
// with its site's rules, prints them in the order given (`==> URL <==`
// between several in text) or writes them under out_dir. Errors: one line
// each on stderr; an article --lang leaves out, one line saying why (it
// counts as done). Exit 0 all done, 5 some failed, 6 all failed.
int fetch_and_print(const RuleLibrary& rules, const FetchRun& run);

}  // namespace winnow::cli

#endif  // WINNOW_CLI_FETCH_RUN_H_
