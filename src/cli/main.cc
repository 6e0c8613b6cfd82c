// winnow's command line. Exit codes (README "Exit codes"):
//   0 ok; 1 `check` found a mismatch, `eval` a figure below its floor;
//   2 bad command line; 3 bad input page; 4 rule file missing or broken.
#include <CLI/CLI.hpp>

#include <iostream>
#include <new>

#include "cli/commands.h"
#include "cli/input.h"
#include "crawl/job.h"
#include "winnow/ranges.h"

using namespace winnow;

namespace {

// CLI11's check for one of the shared ranges (crawl/job.h); its message
// names the range: "--per-host: Value 0 not in range 1 to 64".
CLI::Range in_range(const ValueRange& r) { return CLI::Range(r.min, r.max); }

// Fetch settings shared by `fetch` and `crawl` (a crawl job's file sets them
// too; flags given here win).
void add_fetch_options(CLI::App* cmd, fetch::FetchOptions* f) {
  cmd->add_option("--user-agent", f->user_agent, "User-Agent (name/version (+contact))");
  cmd->add_option("--concurrency", f->max_connections, "transfers at once, 1 to 256 (default 8)")
      ->check(in_range(kConcurrencyRange));
  cmd->add_option("--per-host", f->max_per_host, "transfers at once per site, 1 to 64 (default 2)")
      ->check(in_range(kPerHostRange));
  cmd->add_option_function<long>("--delay-ms", [f](long v) { f->per_host_delay = fetch::Millis(v); },
                                 "minimum gap between two requests to one site, ms, 0 to 3600000 (default 1000)")
      ->check(in_range(kDelayMsRange));
  cmd->add_option_function<long>("--timeout", [f](long v) { f->total_timeout = fetch::Millis(v * 1000); },
                                 "total time per request, seconds, 1 to 3600 (default 60)")
      ->check(in_range(kTimeoutSRange));
  cmd->add_option("--retries", f->max_retries,
                  "retries on timeouts, connection errors, 5xx, 429, 0 to 20 (default 3)")
      ->check(in_range(kRetriesRange));
  cmd->add_option("--max-bytes", f->max_body_bytes,
                  "largest body accepted, after decompression, 1024 to 1073741824 (default 16 MiB)")
      ->check(in_range(kMaxBytesRange));
  cmd->add_flag_function("--ignore-robots", [f](int64_t) { f->obey_robots = false; },
                         "do not fetch or obey robots.txt (only for your own sites)");
  cmd->add_flag_function("--allow-private-addresses", [f](int64_t) { f->allow_private_addresses = true; },
                         "allow loopback, private and link-local addresses (a site on your own network)");
  cmd->add_option("--connect-to", f->connect_to,
                  "HOST:PORT:CONNECT-HOST:CONNECT-PORT, as curl's --connect-to (e.g. a local mirror)");
}

// The command's word ("clean"): the first argument past the global options.
std::string command_word(int argc, char** argv) {
  int first_word = 1;
  while (first_word < argc && argv[first_word][0] == '-') {
    // Skip global options and the value of --rules.
    first_word += std::string(argv[first_word]) == "--rules" ? 2 : 1;
  }
  return first_word < argc ? argv[first_word] : "";
}

}  // namespace

// A function-try-block: what no command caught (memory exhausted while
// loading rules or listing a directory) is still one line and an exit code,
// not an abort. Pages have their own guard (cli/commands.cc, clean_many.cc).
int main(int argc, char** argv) try {
  CLI::App app{"winnow: a news page in, the article's own text out"};
  app.require_subcommand(1);
  std::string rules_flag;
  app.add_option("--rules", rules_flag, "directory of rule files (default: the bundled rules/)");

  cli::PageOptions page;
  auto add_max_bytes = [](CLI::App* cmd, size_t* max_bytes) {
    cmd->add_option("--max-bytes", *max_bytes,
                    "the most a page may have, read or gunzipped, 1024 to 1073741824 (default 64 MiB)")
        ->check(in_range(kMaxBytesRange));
  };
  auto add_page_options = [&](CLI::App* cmd, bool with_format) {
    if (with_format) {
      cmd->add_option("FILE", page.files,
                      "saved HTML pages (.html, .htm, or gzipped), directories of them, or - for stdin")
          ->required();
      cmd->add_option("-j,--jobs", page.jobs, "pages cleaned at once, for several files (default 1)")
          ->check(CLI::Range(1, 256));
    } else {
      cmd->add_option("FILE", page.file, "saved HTML page, or - for stdin")->required();
    }
    cmd->add_option("--url", page.url, "the page's URL (picks the rule file by host; "
                                       "default: the page's canonical or og:url)");
    cmd->add_flag("--whole-page", page.whole_page,
                  "ignore the kept fields: clean the whole page with the drop rules alone");
    cmd->add_flag("--include-hidden", page.include_hidden,
                  "lay out what the page hides too (hidden, display:none): shows whether the "
                  "drop rules hold on hidden site chrome");
    cmd->add_flag("--generic", page.generic,
                  "switch the rules off: the generic extractor, whatever the host");
    cmd->add_option("--favor", page.favor,
                    "for the generic extractor: balanced, precision (leave doubtful blocks out) "
                    "or recall (keep them in)")
        ->check(CLI::IsMember({"balanced", "precision", "recall"}));
    if (with_format)
      cmd->add_option("--format", page.format, "text or json")
          ->check(CLI::IsMember({"text", "json"}));
    add_max_bytes(cmd, &page.max_bytes);
  };

  auto* render = app.add_subcommand("render", "whole-page text, as the reference dumps read");
  render->add_option("FILE", page.file, "HTML file, or - for stdin")->required();
  render->add_flag("--include-hidden", page.include_hidden, "lay out what the page hides too");
  add_max_bytes(render, &page.max_bytes);
  auto* clean = app.add_subcommand("clean", "the article's text (or JSON) from a saved page");
  add_page_options(clean, true);
  auto* explain = app.add_subcommand(
      "explain", "what was kept and removed from a page, and by which rule (file and line)");
  add_page_options(explain, false);
  cli::CheckOptions check_opts;
  auto* check = app.add_subcommand(
      "check", "clean every fixture under DIR and compare with its expected output");
  check->add_option("DIR", check_opts.dir, "fixtures directory (default: fixtures)");
  check->add_flag("--whole-page", check_opts.whole_page,
                  "also check that the drop rules alone leave none of the page's non-article lines");
  add_max_bytes(check, &check_opts.max_bytes);

  cli::CrawlCommandOptions crawl_opts;
  auto* crawl = app.add_subcommand("crawl", "run a crawl job: collect the new articles of its sites (for cron)");
  crawl->add_option("JOB", crawl_opts.job_file, "the job file (TOML; see jobs/demo.toml)")->required();
  crawl->add_flag("--quiet,-q", crawl_opts.quiet, "errors only: no progress, no summary");
  crawl->add_option("--threads", crawl_opts.threads, "cleaning threads, 0 to 256 (default 0: one per core)")
      ->check(in_range(kCleanThreadsRange));
  // The overrides take the job file's ranges; 0 transfers is not "the job's
  // value" (leaving the option out is), it is refused.
  crawl->add_option("--max-pages", crawl_opts.max_pages, "article fetches this run, 0 to 10000000 (overrides the job)")
      ->check(in_range(kMaxPagesRange));
  crawl->add_option("--delay-ms", crawl_opts.delay_ms,
                    "gap between requests to one site, ms, 0 to 3600000 (overrides the job)")
      ->check(in_range(kDelayMsRange));
  crawl->add_option("--concurrency", crawl_opts.concurrency, "transfers at once, 1 to 256 (overrides the job)")
      ->check(in_range(kConcurrencyRange));
  crawl->add_option("--per-host", crawl_opts.per_host, "transfers at once per site, 1 to 64 (overrides the job)")
      ->check(in_range(kPerHostRange));
  crawl->add_flag("--ignore-robots", crawl_opts.ignore_robots, "do not obey robots.txt (your own sites only)");
  crawl->add_flag("--rebuild-state", crawl_opts.rebuild_state,
                  "set the state database aside and rebuild it from the manifest and the article files "
                  "(after it was damaged)");
  crawl->add_flag("--allow-private-addresses", crawl_opts.allow_private_addresses,
                  "allow loopback, private and link-local addresses (overrides the job)");
  crawl->add_option("--connect-to", crawl_opts.connect_to,
                    "HOST:PORT:CONNECT-HOST:CONNECT-PORT, as curl's --connect-to (overrides the job)");

  cli::FetchCommandOptions fetch_opts;
  auto* fetch = app.add_subcommand("fetch", "fetch pages, clean them with their site's rules, print or write them");
  fetch->add_option("URL", fetch_opts.urls, "page URLs")->required();
  fetch->add_option("--format", fetch_opts.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  fetch->add_option("--out", fetch_opts.out_dir, "write one file per article under DIR (HOST/NAME.txt|json)");
  fetch->add_flag("--whole-page", fetch_opts.whole_page, "clean with the drop rules alone");
  add_fetch_options(fetch, &fetch_opts.fetch);

  cli::EvalCommandOptions eval_opts;
  auto* eval = app.add_subcommand(
      "eval", "score the extractor (or a predictions file) on a benchmark or fixtures: F1, precision, recall");
  eval->add_option("DIR", eval_opts.dir, "benchmark (ground-truth.json, html/) or fixtures directory")->required();
  auto* predictions = eval->add_option("--predictions", eval_opts.predictions,
                                       "score this predictions file ({id: {articleBody}}) instead of running winnow");
  eval->add_flag("--generic", eval_opts.generic, "rules switched off: the generic extractor only")
      ->excludes(predictions);
  eval->add_option("--favor", eval_opts.favor, "generic extractor: balanced, precision or recall")
      ->check(CLI::IsMember({"balanced", "precision", "recall"}))
      ->excludes(predictions);
  eval->add_option("--worst", eval_opts.worst, "pages listed, lowest F1 first (default 10)")
      ->check(CLI::NonNegativeNumber);
  eval->add_option("--write-predictions", eval_opts.write_predictions,
                   "write the texts scored to FILE, in the benchmark's shape");
  eval->add_option("--min-f1", eval_opts.min_f1, "exit 1 if F1 (as printed) is below this")
      ->check(CLI::Range(0.0, 1.0));
  eval->add_option("--min-precision", eval_opts.min_precision, "exit 1 if precision (as printed) is below this")
      ->check(CLI::Range(0.0, 1.0));
  eval->add_option("-j,--jobs", eval_opts.jobs, "pages cleaned at once (default 1)")->check(CLI::Range(1, 256));

  cli::BenchCommandOptions bench_opts;
  auto* bench = app.add_subcommand(
      "bench", "speed of the whole clean pipeline by stage, beside plain Gumbo on the same pages; -j scaling; "
               "peak RSS (a benchmark: never fails on a number)");
  bench->add_option("DIR", bench_opts.dirs, "benchmarks (ground-truth.json, html/) or directories of pages")
      ->required();
  bench->add_option("--repeat", bench_opts.repeat, "passes of each measurement; the median is printed (default 5)")
      ->check(CLI::Range(1, 100));
  bench->add_option("-j,--jobs", bench_opts.jobs, "pool sizes for the scaling runs (default: 1 2)")
      ->check(CLI::Range(1, 256));
  bench->add_flag_function("--no-rss", [&](int64_t) { bench_opts.rss = false; },
                           "skip the sequential clean child that measures peak RSS");

  // CLI11 would call an unknown word "a missing subcommand"; name it.
  if (const std::string word = command_word(argc, argv); !word.empty()) {
    const auto subs = app.get_subcommands([&](CLI::App* sub) { return sub->get_name() == word; });
    if (subs.empty()) {
      std::string names;
      for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
        names += (names.empty() ? "" : ", ") + sub->get_name();
      std::cerr << "winnow: unknown command '" << word << "' (commands: " << names << "; see winnow --help)\n";
      return kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  if (render->parsed()) return cli::cmd_render(page);
  // Scoring a predictions file needs no rules (nor working ones).
  if (eval->parsed() && !eval_opts.predictions.empty()) return cli::cmd_eval(RuleLibrary{}, eval_opts);

  RuleLibrary library;
  const std::string rules_dir = cli::find_rules_dir(rules_flag, argv[0]);
  if (int code = cli::load_rules_or_report(rules_dir, &library)) return code;
  if (bench->parsed()) {
    bench_opts.rules_dir = rules_dir;
    return cli::cmd_bench(library, bench_opts);
  }
  if (clean->parsed()) {
    page.file = page.files.front();
    return cli::cmd_clean(library, page);
  }
  if (explain->parsed()) return cli::cmd_explain(library, page);
  if (check->parsed()) return cli::cmd_check(library, check_opts);
  if (fetch->parsed()) return cli::cmd_fetch(library, fetch_opts);
  if (crawl->parsed()) return cli::cmd_crawl(library, crawl_opts);
  if (eval->parsed()) return cli::cmd_eval(library, eval_opts);
  return kExitUsage;
} catch (const std::exception& e) {
  const bool out_of_memory = dynamic_cast<const std::bad_alloc*>(&e) != nullptr;
  std::cerr << "winnow: " << (out_of_memory ? std::string("out of memory") : "internal error: " + std::string(e.what()))
            << "\n";
  // A crawl or fetch that cannot go on is fatal (6); any other command failed on its input (3).
  const std::string word = command_word(argc, argv);
  return word == "crawl" || word == "fetch" ? kExitFatal : kExitInput;
}
