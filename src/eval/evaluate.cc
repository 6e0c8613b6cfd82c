// evaluate() (winnow/eval.h): the page set through clean_pages, or a
// predictions file, scored with the benchmark's metric (eval/metric.h); a
// WCXB set with its own (eval/wcxb_evaluate.h).
#include <string>
#include <vector>

#include "eval/dataset.h"
#include "eval/metric.h"
#include "eval/pool.h"
#include "eval/scored_text.h"
#include "eval/wcxb_evaluate.h"
#include "output/files.h"
#include "winnow/eval.h"

namespace winnow {
bool load_predictions(const std::string& path, Predictions* predictions, std::string* error) {
  return eval::read_predictions(path, predictions, error);
}

Evaluation evaluate(const RuleLibrary& library, const PageSet& set, const EvalOptions& options) {
  if (set.truth == TruthFormat::kWcxb) return eval::evaluate_wcxb(library, set, options);
  Evaluation run;
  run.pages.resize(set.pages.size());
  std::vector<eval::PageScore> scores(set.pages.size());
  auto score = [&](size_t i) {
    PageResult& page = run.pages[i];
    scores[i] = eval::score_page(set.pages[i].truth, page.predicted);
    page.precision = scores[i].precision;
    page.recall = scores[i].recall;
    page.f1 = scores[i].f1();
    if (options.page_done) options.page_done();
  };
  for (size_t i = 0; i < set.pages.size(); ++i) run.pages[i].url = set.pages[i].url;
  if (options.predictions) {
    eval::for_each_index(set.pages.size(), options.threads, [&](size_t i) {
      if (auto it = options.predictions->find(set.pages[i].id); it != options.predictions->end())
        run.pages[i].predicted = it->second.text;
      score(i);
    });
  } else {
    CleanPagesOptions clean_options{.request = options.request, .threads = options.threads};
    clean_pages(
        library, set, clean_options,
        [&](size_t i, Article&& art) {
          run.pages[i].predicted = eval::scored_text(art, set.truth);
          if (run.pages[i].url.empty()) run.pages[i].url = art.url;
          score(i);
        },
        [&](size_t i, const std::string& error) {
          run.pages[i].error = error;
          if (options.page_done) options.page_done();
        });
  }
  run.figures = eval::summarize(scores);
  return run;
}

bool write_predictions(const std::string& path, const PageSet& set, const Evaluation& evaluation,
                       std::string* error) {
  Predictions written;
  const bool wcxb = set.truth == TruthFormat::kWcxb;
  for (size_t i = 0; i < set.pages.size(); ++i) {
    const PageResult& page = evaluation.pages[i];
    Prediction p{.text = page.predicted};
    if (wcxb) {
      p.title = page.title;
      p.published = page.published;
      p.modified = page.modified;
      if (!page.authors.empty()) {
        p.author = "";
        for (const std::string& name : page.authors) *p.author += (p.author->empty() ? "" : ", ") + name;
      }
    }
    written.emplace(set.pages[i].id, std::move(p));
  }
  return output::write_file_atomic(path, eval::predictions_json(written, wcxb), error);
}

}  // namespace winnow
