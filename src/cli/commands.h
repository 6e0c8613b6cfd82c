// The CLI's commands, each a function over parsed options.
#ifndef WINNOW_CLI_COMMANDS_H_
#define WINNOW_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "cli/input.h"
#include "fetch/fetcher.h"
#include "winnow.h"

namespace winnow::cli {

struct PageOptions {
  std::string file;          // path or "-"
  std::vector<std::string> files;  // clean: FILE...|DIR (file is the first)
  int jobs = 1;              // clean -j: pages cleaned at once
  std::string url;           // --url
  bool whole_page = false;   // --whole-page
  bool include_hidden = false;  // --include-hidden
  bool generic = false;      // --generic: rules switched off
  std::string favor = "balanced";  // --favor, for the generic extractor
  std::string format = "text";
  size_t max_bytes = kDefaultMaxPageBytes;  // --max-bytes: the most a page may have

  CleanRequest request() const {
    CleanRequest r{.url = url, .whole_page = whole_page, .include_hidden = include_hidden, .generic = generic};
    parse_favor(favor, &r.favor);
    return r;
  }
};

// Finds the rules directory: --rules, $WINNOW_RULES, <binary>/../rules,
// then the source tree's rules/ the binary was built from.
std::string find_rules_dir(const std::string& flag, const char* argv0);

// Loads rules or prints the one-line error; returns an exit code (0 = ok).
int load_rules_or_report(const std::string& dir, RuleLibrary* library);

// Reads (at most `max_bytes`) and decodes a page or prints the one-line
// error; returns an exit code.
int read_document(const std::string& file, size_t max_bytes, Document* doc);

int cmd_render(const PageOptions& opts);
// One FILE: its text or JSON, as ever. Several, or a DIR: each page in input
// order, text under a "==> FILE <==" header or one JSON line with "file";
// a page that cannot be read is one line on stderr and the rest go on.
int cmd_clean(const RuleLibrary& library, const PageOptions& opts);
int cmd_clean_many(const RuleLibrary& library, const PageOptions& opts);
int cmd_explain(const RuleLibrary& library, const PageOptions& opts);
struct CheckOptions {
  std::string dir = "fixtures";
  // Also clean each page with the drop rules alone (and once more with its
  // hidden chrome laid out): no line of the page outside the expected
  // article text may survive.
  bool whole_page = false;
  size_t max_bytes = kDefaultMaxPageBytes;  // --max-bytes, for each fixture's files
};
int cmd_check(const RuleLibrary& library, const CheckOptions& opts);

struct FetchCommandOptions {
  std::vector<std::string> urls;
  std::string format = "text";
  std::string out_dir;       // --out: one file per article instead of stdout
  bool whole_page = false;
  fetch::FetchOptions fetch;
};
int cmd_fetch(const RuleLibrary& library, const FetchCommandOptions& opts);

struct CrawlCommandOptions {
  std::string job_file;
  bool quiet = false;
  int threads = 0;      // cleaning threads (0: one per core)
  // Overrides of the job file (unset: -1 / empty).
  std::vector<std::string> connect_to;
  int max_pages = -1;
  long delay_ms = -1;
  int concurrency = 0, per_host = 0;
  bool ignore_robots = false;
  bool allow_private_addresses = false;
  bool rebuild_state = false;  // set the state aside, rebuild it from the manifest and files
};
int cmd_crawl(const RuleLibrary& library, const CrawlCommandOptions& opts);

struct EvalCommandOptions {
  std::string dir;                // a benchmark (ground-truth.json + html/) or fixtures
  std::string predictions;        // --predictions: score this file, run nothing
  bool generic = false;           // --generic: rules off, the generic extractor only
  std::string favor = "balanced";  // --favor, for the generic extractor
  int worst = 10;                 // pages listed, lowest F1 first
  std::string write_predictions;  // --write-predictions: the texts, benchmark-shaped
  double min_f1 = -1;             // floors (-1: none); below one exits 1
  double min_precision = -1;
  int jobs = 1;                   // pages cleaned at once
};
// The library's rules are only used when it runs (no --predictions).
int cmd_eval(const RuleLibrary& library, const EvalCommandOptions& opts);

struct BenchCommandOptions {
  std::vector<std::string> dirs;  // page sets: a benchmark or any directory of pages
  int repeat = 5;                 // passes; the median is reported
  std::vector<int> jobs = {1, 2};  // pool sizes for the scaling runs (none: skipped)
  bool rss = true;                // run a sequential `clean` child for its peak RSS
  std::string rules_dir;          // for that child
};
int cmd_bench(const RuleLibrary& library, const BenchCommandOptions& opts);

}  // namespace winnow::cli

#endif  // WINNOW_CLI_COMMANDS_H_
