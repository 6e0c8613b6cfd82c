#include "eval/metric.h"

#include <re2/re2.h>

#include <algorithm>
#include <unordered_map>

namespace winnow::eval {

std::vector<std::string> tokenize(std::string_view text) {
  // Python's \w on str is exactly the categories L* and N* plus '_' (checked
  // over every code point against Python 3.11's unicodedata); RE2's Unicode
  // classes give the same set, in linear time.
  static const RE2 kToken("([\\p{L}\\p{N}_]+)");
  std::vector<std::string> tokens;
  re2::StringPiece rest(text.data(), text.size());
  re2::StringPiece token;
  while (RE2::FindAndConsume(&rest, kToken, &token)) tokens.emplace_back(token.data(), token.size());
  return tokens;
}

std::vector<std::string> shingles(const std::vector<std::string>& tokens, size_t n) {
  std::vector<std::string> out;
  if (tokens.empty() || n == 0) return out;
  // A short text still counts, as one shingle of all it has: the reference
  // takes range(max(1, len - n + 1)) windows.
  size_t windows = tokens.size() >= n ? tokens.size() - n + 1 : 1;
  size_t width = std::min(n, tokens.size());
  out.reserve(windows);
  for (size_t i = 0; i < windows; ++i) {
    std::string s = tokens[i];
    for (size_t k = 1; k < width; ++k) (s += ' ') += tokens[i + k];
    out.push_back(std::move(s));
  }
  return out;
}

ShingleCounts compare_shingles(const std::vector<std::string>& truth,
                               const std::vector<std::string>& predicted) {
  // One signed count per shingle: + for each in the truth, - for each
  // predicted. What is left positive was missed, negative was extra.
  std::unordered_map<std::string_view, long> balance;
  balance.reserve(truth.size() + predicted.size());
  for (const std::string& s : truth) ++balance[s];
  for (const std::string& s : predicted) --balance[s];
  ShingleCounts c;
  for (const auto& [shingle, b] : balance) {
    if (b > 0) c.fn += b;
    else c.fp += -b;
  }
  c.tp = static_cast<long>(truth.size()) - c.fn;  // min(truth, predicted) summed
  return c;
}

double PageScore::f1() const {
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
}

PageScore score_counts(const ShingleCounts& counts) {
  PageScore p;
  double tp = counts.tp, fp = counts.fp, fn = counts.fn;
  if (double sum = tp + fp + fn; sum > 0) {
    tp /= sum;
    fp /= sum;
    fn /= sum;
  }
  p.tp = tp;
  p.fp = fp;
  p.fn = fn;
  // The reference tests fp = fn = 0 first, so two empty texts score 1 / 1
  // (though neither mean counts such a page: tp + fp = tp + fn = 0).
  if (fp == 0 && fn == 0) {
    p.precision = p.recall = 1;
    return p;
  }
  p.precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  p.recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  return p;
}

PageScore score_page(std::string_view truth, std::string_view predicted) {
  std::vector<std::string> t = tokenize(truth), p = tokenize(predicted);
  PageScore score = score_counts(compare_shingles(shingles(t), shingles(p)));
  score.exact = t == p;
  return score;
}

EvalFigures summarize(const std::vector<PageScore>& pages) {
  EvalFigures s;
  s.pages = pages.size();
  double precision_sum = 0, recall_sum = 0;
  size_t exact = 0;
  // Pages are summed in the order given, as the reference sums its list; the
  // caller keeps that order fixed (by page id) so the last digits are too.
  for (const PageScore& p : pages) {
    // A page with nothing predicted is left out of precision (not counted as
    // 0): an extractor that gives up on a hard page loses recall only.
    if (p.has_prediction()) {
      precision_sum += p.precision;
      ++s.precision_pages;
    }
    if (p.has_truth()) {
      recall_sum += p.recall;
      ++s.recall_pages;
    }
    if (p.exact) ++exact;
  }
  // The reference's mean of no pages is NaN; 0 instead, so that a run that
  // predicted nothing at all fails a --min-precision floor rather than
  // comparing false with everything.
  if (s.precision_pages) s.precision = precision_sum / static_cast<double>(s.precision_pages);
  if (s.recall_pages) s.recall = recall_sum / static_cast<double>(s.recall_pages);
  if (s.precision + s.recall > 0) s.f1 = 2 * s.precision * s.recall / (s.precision + s.recall);
  if (s.pages) s.accuracy = static_cast<double>(exact) / static_cast<double>(s.pages);
  return s;
}

}  // namespace winnow::eval
