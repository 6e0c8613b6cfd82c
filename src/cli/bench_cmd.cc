// `winnow bench DIR...`: how fast the whole clean pipeline runs, by stage,
// beside plain Gumbo on the same in-memory pages in the same run; -j scaling;
// `clean --warc` beside `clean DIR` on the same pages packed into a WARC
// file (cli/bench_warc.h); the peak RSS of a sequential clean. A benchmark:
// it prints figures and fails only when it cannot run, never on a number.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "cli/bench_rss.h"
#include "cli/bench_warc.h"
#include "cli/command.h"
#include "winnow/bench.h"
#include "winnow/page_set.h"

namespace winnow::cli {
namespace {

struct BenchCommandOptions {
  std::vector<std::string> dirs;  // page sets: a benchmark or any directory of pages
  int repeat = 5;                 // passes; the median is reported
  std::vector<int> jobs = {1, 2};  // pool sizes for the scaling runs (none: skipped)
  bool rss = true;                // run a sequential `clean` child for its peak RSS
  bool warc = true;               // time `clean --warc` beside `clean DIR` (cli/bench_warc.h)
};

std::string fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string mb(double bytes) { return fmt("%.1f MB", bytes / 1e6); }

// The middle of the sorted values (the lower middle for an even count).
template <typename T, typename Key>
T median_by(std::vector<T> v, Key key) {
  std::sort(v.begin(), v.end(), [&](const T& a, const T& b) { return key(a) < key(b); });
  return v[(v.size() - 1) / 2];
}
double median(std::vector<double> v) {
  return median_by(std::move(v), [](double x) { return x; });
}

// One throughput line: seconds for `pages` pages of `bytes` bytes.
std::string rate_line(const std::string& what, double seconds, double pages, double bytes) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "  %-52s %8.3f s  %7.1f pages/s  %6.1f MB/s  %6.2f ms/page\n", what.c_str(),
                seconds, pages / seconds, bytes / 1e6 / seconds, 1000 * seconds / pages);
  return buf;
}

void print_stages(const PipelinePass& pass, double pages) {
  const StageSeconds& s = pass.stages;
  struct Row { const char* name; double seconds; };
  const double extraction = s.clean - s.render;
  const double accounted = pass.output_seconds + s.decode + s.prune + s.parse + s.tree + s.meta + s.clean;
  const Row rows[] = {
      {"charset decode", s.decode},
      {"prune never-text bodies + depth guard", s.prune},
      {"Gumbo parse (of the pruned page)", s.parse},
      {"flat tree from Gumbo's", s.tree},
      {"page metadata (canonical, OG, JSON-LD)", s.meta},
      {"selection and drops, or generic extraction", extraction},
      {"rendering (text layout)", s.render},
      {"output (text + JSON)", pass.output_seconds},
      {"other (page teardown, loop)", pass.seconds - accounted},
  };
  std::cout << "  stages of that pass (ms per page, share of the total):\n";
  for (const Row& r : rows) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "    %-44s %6.3f ms  %5.1f%%\n", r.name, 1000 * r.seconds / pages,
                  100 * r.seconds / pass.seconds);
    std::cout << buf;
  }
}

// The sequential clean's peak RSS, measured before this process grows.
struct RssRun {
  size_t bytes = 0;
  double seconds = 0;
  size_t pages = 0;
  std::string error;
};

RssRun measure_rss(const std::string& rules_dir, const std::string& dir) {
  RssRun run;
  PageSet set;
  if (!list_page_set(dir, PageSetKind::kAnyPages, &set, &run.error)) return run;
  run.pages = set.pages.size();
  run.bytes = sequential_clean_peak_rss(rules_dir, set, &run.seconds, &run.error);
  return run;
}

int bench_set(const RuleLibrary& library, const BenchCommandOptions& opts, const std::string& dir,
              const RssRun& rss) {
  PageSet set;
  std::string error;
  if (!list_page_set(dir, PageSetKind::kAnyPages, &set, &error) || !hold_pages(&set, &error)) {
    std::cerr << "winnow: bench: " << error << "\n";
    return kExitInput;
  }
  // A warm-up pass (page faults, caches, the allocator's arenas), which also
  // says how many laps make a pass of at least a quarter second.
  const double warm = run_pipeline(library, set).seconds;
  const int laps = std::clamp(static_cast<int>(std::ceil(0.25 / std::max(warm, 1e-6))), 1, 1000);
  const double pages = static_cast<double>(set.pages.size()) * laps;
  const double bytes = static_cast<double>(set.bytes) * laps;

  std::cout << "== " << dir << ": " << set.pages.size() << " pages, " << mb(set.bytes)
            << " of HTML (decompressed once, held in memory)\n";
  std::cout << "one thread; median of " << opts.repeat << " passes"
            << (laps > 1 ? ", each " + std::to_string(laps) + " laps over the set" : std::string()) << ":\n";
  // Interleaved, so that a change in the machine's load touches all alike.
  std::vector<PipelinePass> passes;
  std::vector<double> gumbo, gumbo_pruned;
  size_t pruned_bytes = 0;
  for (int r = 0; r < opts.repeat; ++r) {
    passes.push_back(run_pipeline(library, set, laps));
    gumbo.push_back(run_gumbo(set, false, laps));
    gumbo_pruned.push_back(run_gumbo(set, true, laps, &pruned_bytes));
  }
  const PipelinePass pass = median_by(passes, [](const PipelinePass& p) { return p.seconds; });
  const double g = median(gumbo), gp = median(gumbo_pruned);
  std::cout << rate_line("winnow clean, whole pipeline (bytes in, JSON out)", pass.seconds, pages, bytes);
  std::cout << rate_line("Gumbo parse-only, pages as served (plain gumbo_parse)", g, pages, bytes);
  std::cout << rate_line("Gumbo parse-only, pages after winnow's prune step", gp, pages, bytes);
  std::cout << "  winnow total / Gumbo parse-only of the pages as served: " << fmt("%.2f", pass.seconds / g)
            << "x  (issue 5 asks <= 1.5x)\n";
  std::cout << "  winnow total / Gumbo parse-only of the pruned pages:    " << fmt("%.2f", pass.seconds / gp)
            << "x  (for transparency: the prune step is winnow's)\n";
  std::cout << "  (Gumbo: default options, its own malloc; only gumbo_parse is timed, not freeing its tree;\n"
               "   MB/s always counts the bytes as served; the prune step leaves "
            << mb(static_cast<double>(pruned_bytes)) << " of the " << mb(static_cast<double>(set.bytes)) << ")\n";
  print_stages(pass, pages);

  if (!opts.jobs.empty()) {
    std::vector<std::vector<ParallelRun>> runs(opts.jobs.size());
    for (int r = 0; r < opts.repeat; ++r)
      for (size_t k = 0; k < opts.jobs.size(); ++k)
        runs[k].push_back(run_parallel(library, set, opts.jobs[k], laps));
    std::cout << "scaling, the pipeline on a pool of N threads (median of " << opts.repeat << "; this machine has "
              << std::thread::hardware_concurrency() << " cores; \"cores got\": CPU time / wall time, below N\n"
              << "  when other processes take the cores):\n";
    auto by_wall = [](const ParallelRun& r) { return r.seconds; };
    const double base = median_by(runs[0], by_wall).seconds;
    for (size_t k = 0; k < opts.jobs.size(); ++k) {
      const ParallelRun run = median_by(runs[k], by_wall);
      std::cout << "  -j " << opts.jobs[k] << "  " << fmt("%7.1f", pages / run.seconds) << " pages/s  "
                << fmt("%6.1f", bytes / 1e6 / run.seconds) << " MB/s  " << fmt("%.2f", base / run.seconds) << "x -j "
                << opts.jobs[0] << "  (cores got " << fmt("%.2f", run.cpu_seconds / run.seconds) << ")\n";
    }
  }
  if (opts.warc) bench_warc(library, set, opts.jobs, opts.repeat);
  if (opts.rss) {
    if (rss.bytes == 0) {
      std::cerr << "winnow: bench: peak RSS: " << rss.error << "\n";
    } else {
      std::cout << "peak RSS, the set cleaned sequentially: " << mb(static_cast<double>(rss.bytes))
                << "  (`winnow clean -j 1 --format json` over the " << rss.pages
                << " files read from disk, a process of its own, run first; " << fmt("%.2f", rss.seconds) << " s)\n";
    }
  }
  std::cout << "this process: page set in memory " << mb(set.bytes) << ", peak RSS so far "
            << mb(static_cast<double>(own_peak_rss())) << " (page set, Gumbo's trees, -j runs)\n\n";
  std::cout.flush();
  return kExitOk;
}

class BenchCommand : public Command {
 public:
  void setup(CLI::App* app) override {
    app->add_option("DIR", opts_.dirs, "benchmarks (ground-truth.json, html/) or directories of pages")->required();
    app->add_option("--repeat", opts_.repeat, "passes of each measurement; the median is printed (default 5)")
        ->check(CLI::Range(1, 100));
    app->add_option("-j,--jobs", opts_.jobs, "pool sizes for the scaling runs (default: 1 2)")
        ->check(CLI::Range(1, 256));
    app->add_flag_function("--no-rss", [this](int64_t) { opts_.rss = false; },
                           "skip the sequential clean child that measures peak RSS");
    app->add_flag_function("--no-warc", [this](int64_t) { opts_.warc = false; },
                           "skip timing clean --warc beside clean DIR (the set packed into a WARC file)");
  }
  int run(const Context& context) override {
    std::cout << "winnow bench (MB = 10^6 bytes)\n\n";
    // Every child first, before this process holds any page (bench_rss.h).
    std::vector<RssRun> rss(opts_.dirs.size());
    if (opts_.rss)
      for (size_t k = 0; k < opts_.dirs.size(); ++k) rss[k] = measure_rss(context.rules_dir, opts_.dirs[k]);
    int code = kExitOk;
    for (size_t k = 0; k < opts_.dirs.size(); ++k)
      code = std::max(code, bench_set(context.rules, opts_, opts_.dirs[k], rss[k]));
    return code;
  }

 private:
  BenchCommandOptions opts_;
};

const bool kRegistered = register_command(
    {.name = "bench",
     .description = "speed of the whole clean pipeline by stage, beside plain Gumbo on the same pages; -j scaling; "
                    "clean --warc beside clean DIR; peak RSS (a benchmark: never fails on a number)",
     .order = 80},
    std::make_unique<BenchCommand>());

}  // namespace
}  // namespace winnow::cli
