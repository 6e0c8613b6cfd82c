#include "eval/meta_accuracy.h"

#include <re2/re2.h>

#include <algorithm>
#include <utility>

#include "eval/unicode_lower.h"

namespace winnow::eval {
namespace {

void count(MetaVerdict v, MetaCount* c) {
  if (v == MetaVerdict::kNotScored) return;
  ++c->scored;
  c->right += v == MetaVerdict::kRight;
}

}  // namespace

std::string collapse_whitespace(std::string_view text) {
  static const RE2 kSpace(
      "[\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}"
      "\\x{202F}\\x{205F}\\x{3000}]+");
  std::string s(text);
  RE2::GlobalReplace(&s, kSpace, " ");
  size_t first = s.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(' ') - first + 1);
}

std::string title_key(std::string_view title) {
  // Typographic quotes as ASCII: WCXB's truths write "We've" where the page
  // has "We’ve", and the other way round; no extractor can know which.
  std::string s = collapse_whitespace(title);
  for (auto [from, to] : {std::pair<std::string_view, char>{"\u2018", '\''}, {"\u2019", '\''}, {"\u201C", '"'},
                          {"\u201D", '"'}}) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1))
      s.replace(at, from.size(), 1, to);
  }
  return s;
}

MetaVerdict judge_title(std::string_view truth, const std::optional<std::string>& predicted) {
  std::string want = title_key(truth);
  if (want.empty()) return MetaVerdict::kNotScored;
  return predicted && title_key(*predicted) == want ? MetaVerdict::kRight : MetaVerdict::kWrong;
}

std::vector<std::string> split_names(std::string_view authors) {
  // Padded so that a separator word at either end is found too; every
  // separator becomes a comma, then the commas split. The words match in
  // any ASCII case ("A AND B").
  std::string s = " " + collapse_whitespace(authors) + " ";
  std::string folded = s;
  for (char& c : folded) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  for (std::string_view sep : {" and ", " & ", " v\xC3\xA0 ", " v\xC3\x80 "}) {  // và, VÀ (Vietnamese "and")
    for (size_t at = folded.find(sep); at != std::string::npos; at = folded.find(sep, at + 1)) {
      s.replace(at, sep.size(), std::string(sep.size(), ' ')).replace(at + 1, 1, ",");
      folded.replace(at, sep.size(), std::string(sep.size(), ' ')).replace(at + 1, 1, ",");
    }
  }
  std::replace(s.begin(), s.end(), ';', ',');
  std::vector<std::string> names;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    std::string name = collapse_whitespace(std::string_view(s).substr(start, end - start));
    if (!name.empty()) names.push_back(std::move(name));
    start = end + 1;
  }
  return names;
}

std::vector<std::string> author_names(std::string_view authors) {
  std::vector<std::string> names = split_names(authors);
  for (std::string& name : names) name = lower_unicode(name);
  return names;
}

std::vector<std::string> predicted_authors(const Article& article) {
  // The Article's list of persons (page_fields.h); a byline the page gives
  // as text alone, with no list parsed from it, is split as a byline reads.
  if (!article.authors.empty()) return article.authors;
  return article.byline ? split_names(*article.byline) : std::vector<std::string>{};
}

MetaVerdict judge_authors(std::string_view truth, const std::vector<std::string>& predicted) {
  std::vector<std::string> want = author_names(truth), got;
  for (const std::string& p : predicted)
    for (std::string& name : author_names(p)) got.push_back(std::move(name));
  for (auto* v : {&want, &got}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  return want == got ? MetaVerdict::kRight : MetaVerdict::kWrong;
}

MetaVerdict judge_date(std::string_view truth, const std::optional<std::string>& predicted) {
  static const RE2 kDatePart("^(\\d{4}-\\d{2}(?:-\\d{2})?)");
  std::string part;
  if (!RE2::PartialMatch(collapse_whitespace(truth), kDatePart, &part)) return MetaVerdict::kNotScored;
  if (!predicted) return MetaVerdict::kWrong;
  std::string got = collapse_whitespace(*predicted);
  bool same = got.compare(0, part.size(), part) == 0 &&
              (got.size() == part.size() || !(got[part.size()] >= '0' && got[part.size()] <= '9'));
  return same ? MetaVerdict::kRight : MetaVerdict::kWrong;
}

MetaFigures summarize_meta(const std::vector<const PageTruth*>& truths, const std::vector<PageResult>& results) {
  MetaFigures m;
  for (size_t i = 0; i < truths.size() && i < results.size(); ++i) {
    if (truths[i]->type != "article") continue;
    ++m.articles;
    count(results[i].title_ok, &m.title);
    count(results[i].authors_ok, &m.authors);
    if (!author_names(truths[i]->author).empty()) count(results[i].authors_ok, &m.authors_named);
    count(results[i].date_ok, &m.date);
    count(results[i].date_either_ok, &m.date_either);
  }
  return m;
}

TypeFigures summarize_types(const std::vector<const PageTruth*>& truths, const std::vector<PageResult>& results) {
  TypeFigures f;
  for (size_t i = 0; i < truths.size() && i < results.size(); ++i) {
    const std::string& told = results[i].page_type;
    if (told.empty()) continue;
    const bool article = truths[i]->type == "article";
    ++f.scored;
    f.right += told == truths[i]->type;
    ++(article ? f.articles : f.others);
    if (article && told != "article") ++f.articles_other;
    if (!article && told == "article") ++f.others_article;
  }
  return f;
}

}  // namespace winnow::eval
