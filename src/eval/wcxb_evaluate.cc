#include "eval/wcxb_evaluate.h"

#include <vector>

#include "eval/meta_accuracy.h"
#include "eval/pool.h"
#include "eval/scored_text.h"
#include "eval/wcxb_metric.h"
#include "winnow/page_set.h"

namespace winnow::eval {
namespace {

// Scores page i of the set from its text and metadata (already in `page`).
void score_page(const SetPage& truth, PageResult* page, WordPage* words) {
  words->type = truth.facts.type;
  words->score = score_words(truth.truth, page->predicted);
  words->with_rate = snippet_rate(page->predicted, truth.facts.with);
  words->without_rate = snippet_rate(page->predicted, truth.facts.without);
  page->precision = words->score.precision;
  page->recall = words->score.recall;
  page->f1 = words->score.f1;
  page->with_rate = words->with_rate;
  page->without_rate = words->without_rate;
  if (truth.facts.type != "article") return;
  page->title_ok = judge_title(truth.facts.title, page->title);
  page->authors_ok = judge_authors(truth.facts.author, page->authors);
  page->date_ok = judge_date(truth.facts.date, page->published);
  page->date_either_ok = page->date_ok == MetaVerdict::kWrong ? judge_date(truth.facts.date, page->modified) : page->date_ok;
}

// A predictions file's entry as the page's outcome; its author string split
// into names as a byline is.
void take_prediction(const Prediction& p, PageResult* page) {
  page->predicted = p.text;
  page->title = p.title;
  page->published = p.published;
  page->modified = p.modified;
  if (p.author) page->authors = split_names(*p.author);
}

}  // namespace

Evaluation evaluate_wcxb(const RuleLibrary& library, const PageSet& set, const EvalOptions& options) {
  Evaluation run;
  const size_t n = set.pages.size();
  run.pages.resize(n);
  std::vector<WordPage> words(n);
  for (size_t i = 0; i < n; ++i) run.pages[i].url = set.pages[i].url;
  if (options.predictions) {
    for_each_index(n, options.threads, [&](size_t i) {
      if (auto it = options.predictions->find(set.pages[i].id); it != options.predictions->end())
        take_prediction(it->second, &run.pages[i]);
      score_page(set.pages[i], &run.pages[i], &words[i]);
      if (options.page_done) options.page_done();
    });
  } else {
    CleanPagesOptions clean_options{
        .request = options.request, .threads = options.threads, .truth_types = options.truth_types};
    clean_pages(
        library, set, clean_options,
        [&](size_t i, Article&& art) {
          PageResult& page = run.pages[i];
          page.predicted = scored_text(art, set.truth);
          page.title = art.title;
          page.published = art.published;
          page.modified = art.modified;
          page.authors = predicted_authors(art);
          page.page_type = art.page_type;
          page.page_type_from = art.page_type_from;
          if (page.url.empty()) page.url = art.url;
          score_page(set.pages[i], &page, &words[i]);
          if (options.page_done) options.page_done();
        },
        [&](size_t i, const std::string& error) {
          run.pages[i].error = error;
          if (options.page_done) options.page_done();
        });
  }
  run.words = summarize_words(words);
  std::vector<const PageTruth*> truths;
  for (const SetPage& p : set.pages) truths.push_back(&p.facts);
  run.meta = summarize_meta(truths, run.pages);
  run.types = summarize_types(truths, run.pages);
  return run;
}

}  // namespace winnow::eval
