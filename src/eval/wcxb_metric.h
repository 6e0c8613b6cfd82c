// The WCXB benchmark's metric (Web Content eXtraction Benchmark, Murrough
// Foley, CC-BY-4.0; its README and evaluate.py), reimplemented so that a run
// scores as the benchmark's own script does (scripts/wcxb-crosscheck.py
// checks it page by page against Python).
//
// Per page: tokens are `re.findall(r'\w+', text.lower())` (Python, Unicode),
// compared as multisets (bags of words): P = overlap / predicted tokens,
// R = overlap / reference tokens, F1 = 2PR/(P+R). An empty reference scores
// 1/1/1 against an empty prediction and 0/0/0 against anything else; an
// empty prediction scores 0/0/0. Snippets: the share of a page's `with`
// (resp. `without`) snippets found in the prediction, case-insensitively, as
// substrings; a page with no snippets of a kind scores 1 for it (the
// script's rule, so a page without `without` snippets counts as leaking).
// Over a set, every figure is the plain mean of the pages' values.
#ifndef WINNOW_EVAL_WCXB_METRIC_H_
#define WINNOW_EVAL_WCXB_METRIC_H_

#include <string>
#include <string_view>
#include <vector>

#include "winnow/eval.h"

namespace winnow::eval {

// Python's `re.findall(r'\w+', text.lower())`: the text lowercased as
// str.lower() does (eval/unicode_lower.h), then cut into maximal runs of
// Unicode letters, numbers and '_' (tokenize(), eval/metric.h). Combining
// marks separate, as in Python, whose \w does not hold them.
std::vector<std::string> word_tokens(std::string_view text);

struct WordScore {
  double precision = 0, recall = 0, f1 = 0;
};

// One page's bag-of-words score, with the edge cases above.
WordScore score_words(std::string_view truth, std::string_view predicted);

// The share of `snippets` found in `text` (both lowercased as str.lower()
// does), 1 if there are none.
double snippet_rate(std::string_view text, const std::vector<std::string>& snippets);

// One page as the set's means take it.
struct WordPage {
  std::string type;  // the page type, for the per-type means
  WordScore score;
  double with_rate = 0, without_rate = 0;
};

// The means over all pages, then per page type (the benchmark's order of
// types first, then any other in name order; types with no page left out).
WordFigures summarize_words(const std::vector<WordPage>& pages);

}  // namespace winnow::eval

#endif  // WINNOW_EVAL_WCXB_METRIC_H_
