// The article-extraction benchmark's metric (its README, "The metric"),
// reimplemented so that a run scores the same as the published peers' figures
// (tests/eval_peers_test.sh checks every peer in the table to 3 decimals).
//
// Per page: both texts are cut into word tokens, the tokens into overlapping
// 4-token shingles, and the shingles are compared as multisets. Over a set:
// per-page precision and recall are averaged (macro), and F1 is taken of the
// two means, not averaged per page.
#ifndef WINNOW_EVAL_METRIC_H_
#define WINNOW_EVAL_METRIC_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/eval.h"

namespace winnow::eval {

// The matches of Python's `re.findall(r"\w+", text)` on a str: maximal runs
// of Unicode letters (L*), numbers (Nd, Nl, No) and '_'. Combining marks
// (Mn, Mc) separate, so a decomposed "é" (e + U+0301) is one token "e" and
// the mark is lost; bytes that are not valid UTF-8 separate too.
std::vector<std::string> tokenize(std::string_view text);

// Every run of `n` consecutive tokens, joined by a space (tokens never hold
// one, so the join is unambiguous). Fewer than `n` tokens give one shingle of
// all of them; no tokens give none.
std::vector<std::string> shingles(const std::vector<std::string>& tokens, size_t n = 4);

// Shingle multisets compared: tp = sum of min(truth, predicted) counts,
// fp = what was predicted beyond the truth, fn = what the truth has beyond
// the prediction.
struct ShingleCounts {
  long tp = 0, fp = 0, fn = 0;
};
ShingleCounts compare_shingles(const std::vector<std::string>& truth,
                               const std::vector<std::string>& predicted);

// One page's score.
struct PageScore {
  // tp, fp, fn divided by their sum (when positive), as the benchmark does
  // so that long pages weigh no more than short ones. Precision and recall
  // are ratios, so this changes neither; it is kept to match the reference.
  double tp = 0, fp = 0, fn = 0;
  double precision = 0, recall = 0;
  bool exact = false;  // token lists equal

  // Counted in the set's precision: something was predicted (tp + fp > 0).
  bool has_prediction() const { return tp + fp > 0; }
  // Counted in the set's recall: there was something to find (tp + fn > 0).
  bool has_truth() const { return tp + fn > 0; }
  // 2PR/(P+R), 0 when both are 0: for ranking the worst pages only.
  double f1() const;
};

// Precision and recall with the README's edge cases: both are 1 when fp and
// fn are 0 (identical shingles, or both texts empty); precision is 0 when
// nothing was predicted (tp = fp = 0); recall is 0 when the truth is empty
// and something was predicted (tp = fn = 0).
PageScore score_counts(const ShingleCounts& counts);

// Tokenizes and scores one page; `exact` compares the token lists.
PageScore score_page(std::string_view truth, std::string_view predicted);

// The figures over a set of pages (the public EvalFigures, winnow/eval.h).
EvalFigures summarize(const std::vector<PageScore>& pages);

}  // namespace winnow::eval

#endif  // WINNOW_EVAL_METRIC_H_
