// evaluate() (winnow/eval.h): the page set through clean_pages, or a
// predictions file, scored with the benchmark's metric (eval/metric.h).
#include <string>
#include <vector>

#include "eval/dataset.h"
#include "eval/metric.h"
#include "eval/pool.h"
#include "output/files.h"
#include "winnow/eval.h"

namespace winnow {
namespace {

// The text of a cleaned article that is scored against a set's truth: what
// the set defines as the article. A benchmark's truth (articleBody, the
// schema.org property) is the running text alone: no title, dateline,
// byline or image captions, which both extractors now set around and in it
// (winnow/article.h: LineRole), nor a standfirst set apart above it (a lead
// the body holds is body). Only the body lines are scored, so the shape
// cannot move its figures. Fixtures' truth (NAME.clean.txt) is
// the whole article in the dumps' shape, dateline to byline, captions in
// place: the whole text is scored.
std::string scored_text(const Article& art, TruthShape truth) {
  if (truth == TruthShape::kBody) return art.text_of({LineRole::kBody});
  return art.text();
}

}  // namespace

bool load_predictions(const std::string& path, Predictions* predictions, std::string* error) {
  return eval::load_predictions(path, predictions, error);
}

Evaluation evaluate(const RuleLibrary& library, const PageSet& set, const EvalOptions& options) {
  Evaluation run;
  run.pages.resize(set.pages.size());
  std::vector<eval::PageScore> scores(set.pages.size());
  auto score = [&](size_t i) {
    PageResult& page = run.pages[i];
    scores[i] = eval::score_page(set.pages[i].truth, page.predicted);
    page.precision = scores[i].precision;
    page.recall = scores[i].recall;
    page.f1 = scores[i].f1();
  };
  for (size_t i = 0; i < set.pages.size(); ++i) run.pages[i].url = set.pages[i].url;
  if (options.predictions) {
    eval::for_each_index(set.pages.size(), options.threads, [&](size_t i) {
      if (auto it = options.predictions->find(set.pages[i].id); it != options.predictions->end())
        run.pages[i].predicted = it->second;
      score(i);
    });
  } else {
    CleanPagesOptions clean_options{.request = options.request, .threads = options.threads};
    clean_pages(
        library, set, clean_options,
        [&](size_t i, Article&& art) {
          run.pages[i].predicted = scored_text(art, set.truth);
          if (run.pages[i].url.empty()) run.pages[i].url = art.url;
          score(i);
        },
        [&](size_t i, const std::string& error) { run.pages[i].error = error; });
  }
  run.figures = eval::summarize(scores);
  return run;
}

bool write_predictions(const std::string& path, const PageSet& set, const Evaluation& evaluation,
                       std::string* error) {
  Predictions written;
  for (size_t i = 0; i < set.pages.size(); ++i) written.emplace(set.pages[i].id, evaluation.pages[i].predicted);
  return output::write_file_atomic(path, eval::predictions_json(written), error);
}

}  // namespace winnow
