// `winnow eval DIR`: the extractor (or a predictions file) scored on a
// benchmark or on fixtures with the benchmark's metric (src/eval/metric.h).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "cli/input.h"
#include "eval/dataset.h"
#include "eval/metric.h"
#include "output/files.h"

namespace winnow::cli {
namespace fs = std::filesystem;
namespace {

std::string fixed3(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

// One page's outcome. Filled by whichever thread took the page; read by the
// main thread in page order once all threads have joined.
struct PageRun {
  std::string predicted;
  std::string url;    // shown in the worst list: the truth's, else the one `clean` used
  std::string error;  // the page could not be read
  eval::PageScore score;
};

// Runs `work(i)` for every page index on `threads` threads. Pages are
// independent and each writes only its own slot, so the output does not
// depend on which thread ran what.
template <typename Work>
void for_each_page(size_t pages, int threads, Work work) {
  std::atomic<size_t> next{0};
  auto loop = [&] {
    for (size_t i; (i = next.fetch_add(1)) < pages;) work(i);
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::min<int>(threads, static_cast<int>(pages)); ++t) pool.emplace_back(loop);
  loop();
  for (std::thread& t : pool) t.join();
}

// A floor is compared with the figure as printed (3 decimals): "F1 0.900"
// meets --min-f1 0.9 even if the unrounded mean is 0.8996.
bool below(double figure, double floor) {
  return floor >= 0 && std::strtod(fixed3(figure).c_str(), nullptr) < floor;
}

}  // namespace

int cmd_eval(const RuleLibrary& library, const EvalCommandOptions& opts) {
  const auto started = std::chrono::steady_clock::now();
  Favor favor = Favor::kBalanced;
  if (!parse_favor(opts.favor, &favor)) {
    std::cerr << "winnow: eval: --favor " << opts.favor << ": not balanced, precision or recall\n";
    return kExitUsage;
  }
  // A run can take minutes: find out before it that its output has nowhere to go.
  if (!opts.write_predictions.empty()) {
    std::error_code ec;
    fs::path parent = fs::absolute(opts.write_predictions, ec).parent_path();
    if (!fs::is_directory(parent, ec)) {
      std::cerr << "winnow: eval: cannot write " << opts.write_predictions << ": " << parent.string()
                << " is not a directory\n";
      return kExitFatal;  // the run's output cannot be written: fatal, as crawl's
    }
  }
  eval::Dataset set;
  std::string error;
  if (!eval::load_dataset(opts.dir, &set, &error)) {
    std::cerr << "winnow: eval: " << error << "\n";
    return kExitInput;
  }
  const bool from_file = !opts.predictions.empty();
  eval::Predictions given;
  if (from_file) {
    if (!eval::load_predictions(opts.predictions, &given, &error)) {
      std::cerr << "winnow: eval: " << error << "\n";
      return kExitInput;
    }
    // The reference scores a page missing from the predictions as an empty
    // prediction; say how many, since a wrong file shows up as all of them.
    size_t missing = 0;
    for (const eval::EvalPage& p : set.pages) missing += given.count(p.id) == 0;
    size_t extra = given.size() - (set.pages.size() - missing);
    if (missing)
      std::cerr << "winnow: warning: " << opts.predictions << ": no prediction for " << missing << " of "
                << set.pages.size() << " pages (scored as empty)\n";
    if (extra)
      std::cerr << "winnow: warning: " << opts.predictions << ": " << extra << " predictions for pages not in "
                << opts.dir << " (ignored)\n";
  }

  std::vector<PageRun> runs(set.pages.size());
  for_each_page(set.pages.size(), opts.jobs, [&](size_t i) {
    const eval::EvalPage& page = set.pages[i];
    PageRun& run = runs[i];
    run.url = page.url;
    if (from_file) {
      if (auto it = given.find(page.id); it != given.end()) run.predicted = it->second;
    } else {
      std::string bytes;
      if (!eval::read_page_bytes(page.html_path, &bytes, &run.error)) return;
      Document doc = load_document(bytes);
      CleanRequest req;
      req.url = page.url;  // fixtures: "" = the page's canonical / og:url
      req.generic = opts.generic;
      req.favor = favor;
      Article art = clean(library, doc, req);
      run.predicted = art.text();
      if (run.url.empty()) run.url = art.url;
    }
    run.score = eval::score_page(page.truth, run.predicted);
  });

  // A page that cannot be read makes every figure wrong: report, score nothing.
  size_t unreadable = 0;
  for (const PageRun& run : runs) {
    if (run.error.empty()) continue;
    std::cerr << "winnow: eval: " << run.error << "\n";
    ++unreadable;
  }
  if (unreadable) {
    std::cerr << "winnow: eval: " << unreadable << " of " << runs.size() << " pages unreadable, no figures\n";
    return kExitInput;
  }

  std::vector<eval::PageScore> scores;
  for (const PageRun& run : runs) scores.push_back(run.score);
  const eval::Summary sum = eval::summarize(scores);
  std::cout << "pages " << sum.pages << "  F1 " << fixed3(sum.f1) << "  precision " << fixed3(sum.precision)
            << "  recall " << fixed3(sum.recall) << "  accuracy " << fixed3(sum.accuracy) << "\n";
  // The means leave pages out (see eval/metric.h); say so when they do.
  if (sum.precision_pages < sum.pages)
    std::cout << "precision is the mean over " << sum.precision_pages << " of " << sum.pages
              << " pages: the rest have an empty prediction\n";
  if (sum.recall_pages < sum.pages)
    std::cout << "recall is the mean over " << sum.recall_pages << " of " << sum.pages
              << " pages: the rest have an empty truth\n";

  std::vector<size_t> order(runs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  // Ties (many pages at F1 1 or 0) fall back to the id order: deterministic.
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return runs[a].score.f1() < runs[b].score.f1(); });
  size_t worst = std::min<size_t>(static_cast<size_t>(opts.worst), order.size());
  if (worst) std::cout << "worst " << worst << " by F1:\n";
  for (size_t k = 0; k < worst; ++k) {
    const PageRun& run = runs[order[k]];
    std::cout << "  " << set.pages[order[k]].id << "  F1 " << fixed3(run.score.f1()) << "  P "
              << fixed3(run.score.precision) << "  R " << fixed3(run.score.recall)
              << (run.url.empty() ? "" : "  " + run.url) << "\n";
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char timing[96];
  std::snprintf(timing, sizeof timing, "time %.2f s (%.1f ms a page, %d thread%s)\n", seconds,
                1000 * seconds / static_cast<double>(runs.size()), opts.jobs, opts.jobs == 1 ? "" : "s");
  std::cout << timing;

  if (!opts.write_predictions.empty()) {
    eval::Predictions written;
    for (size_t i = 0; i < runs.size(); ++i) written.emplace(set.pages[i].id, std::move(runs[i].predicted));
    if (!output::write_file_atomic(opts.write_predictions, eval::predictions_json(written), &error)) {
      std::cerr << "winnow: eval: cannot write " << opts.write_predictions << ": " << error << "\n";
      return kExitFatal;
    }
  }
  std::cout.flush();
  int code = kExitOk;
  if (below(sum.f1, opts.min_f1)) {
    std::cerr << "winnow: eval: F1 " << fixed3(sum.f1) << " is below the floor " << opts.min_f1 << " (--min-f1)\n";
    code = kExitCheckFailed;
  }
  if (below(sum.precision, opts.min_precision)) {
    std::cerr << "winnow: eval: precision " << fixed3(sum.precision) << " is below the floor " << opts.min_precision
              << " (--min-precision)\n";
    code = kExitCheckFailed;
  }
  return code;
}

}  // namespace winnow::cli
