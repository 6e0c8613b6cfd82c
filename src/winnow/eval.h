// Scoring extracted text against a page set's truth with the
// article-extraction benchmark's metric (4-token shingles compared as
// multisets; macro-averaged precision and recall; F1 of the two means):
// what `winnow eval` prints. The metric is reimplemented so that a run
// scores the same as the benchmark's published figures.
//
// Public (installed as <winnow/eval.h>).
#ifndef WINNOW_EVAL_H_
#define WINNOW_EVAL_H_

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "winnow/clean_request.h"
#include "winnow/page_set.h"
#include "winnow/rules.h"

namespace winnow {

// Predicted article text by page id.
using Predictions = std::map<std::string, std::string>;

// The benchmark's shape, `{id: {"articleBody": text}}`, or that wrapped as
// `{"version": ..., "output": {...}}` (how peers publish). An entry's
// articleBody may be null or missing (an empty prediction, as the
// reference scores it). Errors are one line naming the file.
bool load_predictions(const std::string& path, Predictions* predictions, std::string* error);

struct EvalOptions {
  CleanRequest request;  // every page's; its url is the page's own
  int threads = 1;       // pages cleaned at once
  // Score these instead of running winnow (a page missing from them is an
  // empty prediction).
  const Predictions* predictions = nullptr;
};

// One page's outcome.
struct PageResult {
  std::string predicted;  // the text scored
  std::string url;        // the truth's, else the one `clean` used
  std::string error;      // non-empty: the page could not be read; no score
  double precision = 0, recall = 0;
  double f1 = 0;          // 2PR/(P+R), 0 when both are 0: for ranking pages only
};

// The figures over a set. Each mean leaves pages out (the benchmark's
// rules): precision those with nothing predicted, recall those with an
// empty truth.
struct EvalFigures {
  size_t pages = 0;
  size_t precision_pages = 0;  // pages with a prediction (in the precision mean)
  size_t recall_pages = 0;     // pages with a truth (in the recall mean)
  double precision = 0;        // mean over precision_pages; 0 if there are none
  double recall = 0;           // mean over recall_pages; 0 if there are none
  double f1 = 0;               // 2PR/(P+R) of the two means; 0 if both are 0
  double accuracy = 0;         // share of pages whose word lists are equal
};

struct Evaluation {
  std::vector<PageResult> pages;  // in the set's order
  EvalFigures figures;            // meaningless if any page has an error
};

// Cleans (clean_pages) or takes from the predictions every page of a scored
// set (PageSetKind::kScored) and scores it. The same for any thread count.
Evaluation evaluate(const RuleLibrary& library, const PageSet& set, const EvalOptions& options);

// The texts scored, in the benchmark's shape (ids in order), written
// crash-safely: the old file or the new one, never a part.
bool write_predictions(const std::string& path, const PageSet& set, const Evaluation& evaluation,
                       std::string* error);

}  // namespace winnow

#endif  // WINNOW_EVAL_H_
