// `winnow eval DIR`: the extractor (or a predictions file) scored on a
// benchmark or on fixtures with the benchmark's metric, or on a WCXB set
// with WCXB's metric and its articles' metadata checked (winnow/eval.h).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <vector>

#include "cli/command.h"
#include "cli/progress.h"
#include "winnow/eval.h"

namespace winnow::cli {
namespace fs = std::filesystem;
namespace {

struct EvalCommandOptions {
  std::string dir;                // a benchmark (ground-truth.json + html/), a WCXB set or fixtures
  std::string predictions;        // --predictions: score this file, run nothing
  bool generic = false;           // --generic: rules off, the generic extractor only
  std::string favor = "balanced";  // --favor, for the generic extractor
  bool truth_types = false;        // --truth-types: WCXB pages cleaned as their truth's type
  int worst = 10;                 // pages listed, lowest F1 first
  std::string write_predictions;  // --write-predictions: the texts, benchmark-shaped
  std::string write_scores;       // --write-scores: every page's scores, JSON
  double min_f1 = -1;             // floors (-1: none); below one exits 1
  double min_precision = -1;
  double min_title = -1;          // WCXB sets: metadata floors
  double min_authors = -1;
  double min_date = -1;
  int jobs = 1;                   // pages cleaned at once
  bool quiet = false;             // -q: no progress line (cli/progress.h)
};

std::string fixed3(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

// A floor is compared with the figure as printed (3 decimals): "F1 0.900"
// meets --min-f1 0.9 even if the unrounded mean is 0.8996.
bool below(double figure, double floor) { return floor >= 0 && std::strtod(fixed3(figure).c_str(), nullptr) < floor; }

// The reference scores a page missing from the predictions as an empty
// prediction; say how many, since a wrong file shows up as all of them.
void warn_mismatch(const EvalCommandOptions& opts, const PageSet& set, const Predictions& given) {
  size_t missing = 0;
  for (const SetPage& p : set.pages) missing += given.count(p.id) == 0;
  size_t extra = given.size() - (set.pages.size() - missing);
  if (missing)
    std::cerr << "winnow: warning: " << opts.predictions << ": no prediction for " << missing << " of "
              << set.pages.size() << " pages (scored as empty)\n";
  if (extra)
    std::cerr << "winnow: warning: " << opts.predictions << ": " << extra << " predictions for pages not in "
              << opts.dir << " (ignored)\n";
}

// A page that cannot be read makes every figure wrong: report, score nothing.
bool report_unreadable(const Evaluation& run) {
  size_t unreadable = 0;
  for (const PageResult& page : run.pages) {
    if (page.error.empty()) continue;
    std::cerr << "winnow: eval: " << page.error << "\n";
    ++unreadable;
  }
  if (unreadable)
    std::cerr << "winnow: eval: " << unreadable << " of " << run.pages.size() << " pages unreadable, no figures\n";
  return unreadable > 0;
}

void print_figures(const EvalFigures& sum) {
  std::cout << "pages " << sum.pages << "  F1 " << fixed3(sum.f1) << "  precision " << fixed3(sum.precision)
            << "  recall " << fixed3(sum.recall) << "  accuracy " << fixed3(sum.accuracy) << "\n";
  // The means leave pages out (winnow/eval.h); say so when they do.
  if (sum.precision_pages < sum.pages)
    std::cout << "precision is the mean over " << sum.precision_pages << " of " << sum.pages
              << " pages: the rest have an empty prediction\n";
  if (sum.recall_pages < sum.pages)
    std::cout << "recall is the mean over " << sum.recall_pages << " of " << sum.pages
              << " pages: the rest have an empty truth\n";
}

void print_means(const WordMeans& m, const char* indent) {
  std::cout << indent << m.type << " " << m.pages << "  F1 " << fixed3(m.f1) << "  precision " << fixed3(m.precision)
            << "  recall " << fixed3(m.recall) << "  with " << fixed3(m.with_rate) << "  without "
            << fixed3(m.without_rate) << "\n";
}

std::string count_text(const MetaCount& c) {
  return fixed3(c.rate()) + " (" + std::to_string(c.right) + "/" + std::to_string(c.scored) + ")";
}

// The worst `worst_count` pages by F1 (of page type `type`, unless "").
void print_worst_of(const PageSet& set, const Evaluation& run, int worst_count, const std::string& type) {
  std::vector<size_t> order;
  for (size_t i = 0; i < run.pages.size(); ++i)
    if (type.empty() || set.pages[i].facts.type == type) order.push_back(i);
  // Ties (many pages at F1 1 or 0) fall back to the id order: deterministic.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return run.pages[a].f1 < run.pages[b].f1; });
  size_t worst = std::min<size_t>(static_cast<size_t>(worst_count), order.size());
  if (worst) std::cout << "worst " << worst << (type.empty() ? "" : " " + type + " pages") << " by F1:\n";
  for (size_t k = 0; k < worst; ++k) {
    const PageResult& page = run.pages[order[k]];
    std::cout << "  " << set.pages[order[k]].id << "  F1 " << fixed3(page.f1) << "  P " << fixed3(page.precision)
              << "  R " << fixed3(page.recall) << (page.url.empty() ? "" : "  " + page.url) << "\n";
  }
}

// WCXB's figures (means of per-page values), per page type, then the
// articles' metadata.
void print_wcxb(const Evaluation& run) {
  std::cout << "WCXB metric (bag of words; means of per-page values; with/without: snippets found)\n";
  print_means(run.words.all, "");
  for (const WordMeans& m : run.words.by_type) print_means(m, "  ");
  const MetaFigures& meta = run.meta;
  std::cout << "articles " << meta.articles << ": title exact " << count_text(meta.title) << ", authors "
            << count_text(meta.authors) << " (named in the truth " << count_text(meta.authors_named) << "), date "
            << count_text(meta.date) << ", published or modified " << count_text(meta.date_either) << "\n";
  const TypeFigures& ty = run.types;
  if (ty.scored == 0) return;
  std::cout << "page types told " << count_text(MetaCount{ty.right, ty.scored}) << "; articles typed otherwise "
            << ty.articles_other << "/" << ty.articles << ", other pages typed as articles " << ty.others_article << "/"
            << ty.others << "\n";
}

// The worst pages by F1; of a WCXB set, the worst of each page type.
void print_worst(const PageSet& set, const Evaluation& run, int worst_count) {
  if (set.truth == TruthFormat::kWcxb && worst_count > 0) {
    for (const WordMeans& m : run.words.by_type) print_worst_of(set, run, worst_count, m.type);
    return;
  }
  print_worst_of(set, run, worst_count, "");
}

// Exit 1 if a figure is below its floor (each said on stderr). A WCXB set's
// F1 and precision are its means over all pages.
int check_floors(const EvalCommandOptions& opts, const PageSet& set, const Evaluation& run) {
  const bool wcxb = set.truth == TruthFormat::kWcxb;
  struct Floor {
    const char* name;
    double figure, floor;
    const char* option;
  };
  const Floor floors[] = {
      {"F1", wcxb ? run.words.all.f1 : run.figures.f1, opts.min_f1, "--min-f1"},
      {"precision", wcxb ? run.words.all.precision : run.figures.precision, opts.min_precision, "--min-precision"},
      {"title exact", run.meta.title.rate(), opts.min_title, "--min-title"},
      {"authors", run.meta.authors.rate(), opts.min_authors, "--min-authors"},
      {"date", run.meta.date.rate(), opts.min_date, "--min-date"},
  };
  int code = kExitOk;
  for (const Floor& f : floors) {
    if (!below(f.figure, f.floor)) continue;
    std::cerr << "winnow: eval: " << f.name << " " << fixed3(f.figure) << " is below the floor " << f.floor << " ("
              << f.option << ")\n";
    code = kExitCheckFailed;
  }
  return code;
}

int cmd_eval(const RuleLibrary& library, const EvalCommandOptions& opts) {
  const auto started = std::chrono::steady_clock::now();
  EvalOptions options{.request = {.generic = opts.generic}, .threads = opts.jobs, .truth_types = opts.truth_types};
  if (!parse_favor(opts.favor, &options.request.favor)) {
    std::cerr << "winnow: eval: --favor " << opts.favor << ": not balanced, precision or recall\n";
    return kExitUsage;
  }
  // A run can take minutes: find out before it that its output has nowhere to go.
  for (const std::string* out : {&opts.write_predictions, &opts.write_scores}) {
    if (out->empty()) continue;
    std::error_code ec;
    fs::path parent = fs::absolute(*out, ec).parent_path();
    if (!fs::is_directory(parent, ec)) {
      std::cerr << "winnow: eval: cannot write " << *out << ": " << parent.string() << " is not a directory\n";
      return kExitFatal;  // the run's output cannot be written: fatal, as crawl's
    }
  }
  PageSet set;
  Predictions given;
  std::string error;
  if (!list_page_set(opts.dir, PageSetKind::kScored, &set, &error) ||
      (!opts.predictions.empty() && !load_predictions(opts.predictions, &given, &error))) {
    std::cerr << "winnow: eval: " << error << "\n";
    return kExitInput;
  }
  if (set.truth != TruthFormat::kWcxb && (opts.min_title >= 0 || opts.min_authors >= 0 || opts.min_date >= 0)) {
    std::cerr << "winnow: eval: --min-title, --min-authors, --min-date: " << opts.dir
              << " has no metadata truth (a WCXB set has)\n";
    return kExitUsage;
  }
  if (!opts.predictions.empty()) {
    warn_mismatch(opts, set, given);
    options.predictions = &given;
  }
  Progress progress("eval", set.pages.size(), progress_wanted(opts.quiet));
  if (progress.enabled()) options.page_done = [&progress] { progress.advance(); };
  const Evaluation run = evaluate(library, set, options);
  progress.finish();
  if (report_unreadable(run)) return kExitInput;
  if (set.truth == TruthFormat::kWcxb) print_wcxb(run);
  else print_figures(run.figures);
  print_worst(set, run, opts.worst);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char timing[96];
  std::snprintf(timing, sizeof timing, "time %.2f s (%.1f ms a page, %d thread%s)\n", seconds,
                1000 * seconds / static_cast<double>(run.pages.size()), opts.jobs, opts.jobs == 1 ? "" : "s");
  std::cout << timing;
  if (!opts.write_predictions.empty() && !write_predictions(opts.write_predictions, set, run, &error)) {
    std::cerr << "winnow: eval: cannot write " << opts.write_predictions << ": " << error << "\n";
    return kExitFatal;
  }
  if (!opts.write_scores.empty() && !write_scores(opts.write_scores, set, run, &error)) {
    std::cerr << "winnow: eval: cannot write " << opts.write_scores << ": " << error << "\n";
    return kExitFatal;
  }
  std::cout.flush();
  return check_floors(opts, set, run);
}

class EvalCommand : public Command {
 public:
  void setup(CLI::App* app) override {
    app->add_option("DIR", opts_.dir,
                    "benchmark (ground-truth.json, html/), WCXB set (ground-truth/, html/) or fixtures directory")
        ->required();
    auto* predictions = app->add_option("--predictions", opts_.predictions,
                                        "score this predictions file ({id: {articleBody}}) instead of running winnow");
    app->add_flag("--generic", opts_.generic, "rules switched off: the generic extractor only")->excludes(predictions);
    app->add_option("--favor", opts_.favor, "generic extractor: balanced, precision or recall")
        ->check(CLI::IsMember({"balanced", "precision", "recall"}))
        ->excludes(predictions);
    app->add_flag("--truth-types", opts_.truth_types,
                  "WCXB set: clean each page as the type its truth gives (the type strategies "
                  "measured apart from telling the types)")
        ->excludes(predictions);
    app->add_option("--worst", opts_.worst, "pages listed, lowest F1 first (default 10; a WCXB set: of each page type)")
        ->check(CLI::NonNegativeNumber);
    app->add_option("--write-predictions", opts_.write_predictions,
                    "write the texts scored to FILE, in the benchmark's shape (WCXB: with title, author, publish_date)");
    app->add_option("--write-scores", opts_.write_scores,
                    "write every page's scores to FILE as JSON (WCXB: with the metadata verdicts)");
    app->add_option("--min-f1", opts_.min_f1, "exit 1 if F1 (as printed) is below this")->check(CLI::Range(0.0, 1.0));
    app->add_option("--min-precision", opts_.min_precision, "exit 1 if precision (as printed) is below this")
        ->check(CLI::Range(0.0, 1.0));
    app->add_option("--min-title", opts_.min_title, "WCXB set: exit 1 if title exact (as printed) is below this")
        ->check(CLI::Range(0.0, 1.0));
    app->add_option("--min-authors", opts_.min_authors, "WCXB set: exit 1 if authors (as printed) is below this")
        ->check(CLI::Range(0.0, 1.0));
    app->add_option("--min-date", opts_.min_date, "WCXB set: exit 1 if date (as printed) is below this")
        ->check(CLI::Range(0.0, 1.0));
    app->add_option("-j,--jobs", opts_.jobs, "pages cleaned at once (default 1)")->check(CLI::Range(1, 256));
    app->add_flag("-q,--quiet", opts_.quiet,
                  "no progress line on a terminal (warnings, errors and figures still print)");
  }
  // Scoring a predictions file needs no rules (nor working ones).
  bool needs_rules() const override { return opts_.predictions.empty(); }
  int run(const Context& context) override { return cmd_eval(context.rules, opts_); }

 private:
  EvalCommandOptions opts_;
};

const bool kRegistered = register_command(
    {.name = "eval",
     .description =
         "score the extractor (or a predictions file) on a benchmark, a WCXB set or fixtures: F1, precision, recall",
     .order = 70},
    std::make_unique<EvalCommand>());

}  // namespace
}  // namespace winnow::cli
