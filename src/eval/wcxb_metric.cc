#include "eval/wcxb_metric.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "eval/metric.h"
#include "eval/unicode_lower.h"

namespace winnow::eval {
namespace {

// The order evaluate.py prints its per-type table in.
constexpr std::string_view kTypeOrder[] = {"article", "forum", "product", "collection",
                                           "listing", "documentation", "service"};

WordMeans means(const std::vector<const WordPage*>& pages, std::string type) {
  WordMeans m;
  m.type = std::move(type);
  m.pages = pages.size();
  if (pages.empty()) return m;
  // Summed in the set's order (by page id), as the script sums its list.
  for (const WordPage* p : pages) {
    m.precision += p->score.precision;
    m.recall += p->score.recall;
    m.f1 += p->score.f1;
    m.with_rate += p->with_rate;
    m.without_rate += p->without_rate;
  }
  const double n = static_cast<double>(pages.size());
  m.precision /= n;
  m.recall /= n;
  m.f1 /= n;
  m.with_rate /= n;
  m.without_rate /= n;
  return m;
}

}  // namespace

std::vector<std::string> word_tokens(std::string_view text) { return tokenize(lower_unicode(text)); }

WordScore score_words(std::string_view truth, std::string_view predicted) {
  std::vector<std::string> t = word_tokens(truth), p = word_tokens(predicted);
  if (t.empty()) return p.empty() ? WordScore{1, 1, 1} : WordScore{};
  if (p.empty()) return {};
  // One signed count per token, + for the prediction and - for the truth:
  // the overlap is the predicted tokens less those predicted beyond the truth.
  std::unordered_map<std::string_view, long> balance;
  balance.reserve(t.size() + p.size());
  for (const std::string& w : p) ++balance[w];
  for (const std::string& w : t) --balance[w];
  long extra = 0;
  for (const auto& [word, b] : balance) extra += std::max(b, 0L);
  const double overlap = static_cast<double>(static_cast<long>(p.size()) - extra);
  WordScore s;
  s.precision = overlap / static_cast<double>(p.size());
  s.recall = overlap / static_cast<double>(t.size());
  if (s.precision + s.recall > 0) s.f1 = 2 * s.precision * s.recall / (s.precision + s.recall);
  return s;
}

double snippet_rate(std::string_view text, const std::vector<std::string>& snippets) {
  if (snippets.empty()) return 1;
  const std::string lowered = lower_unicode(text);
  size_t found = 0;
  for (const std::string& s : snippets) found += lowered.find(lower_unicode(s)) != std::string::npos;
  return static_cast<double>(found) / static_cast<double>(snippets.size());
}

WordFigures summarize_words(const std::vector<WordPage>& pages) {
  WordFigures f;
  std::vector<const WordPage*> all;
  std::map<std::string, std::vector<const WordPage*>> by_type;
  for (const WordPage& p : pages) {
    all.push_back(&p);
    by_type[p.type].push_back(&p);
  }
  f.all = means(all, "all");
  for (std::string_view type : kTypeOrder) {
    auto it = by_type.find(std::string(type));
    if (it == by_type.end()) continue;
    f.by_type.push_back(means(it->second, it->first));
    by_type.erase(it);
  }
  for (const auto& [type, list] : by_type) f.by_type.push_back(means(list, type));
  return f;
}

}  // namespace winnow::eval
