// Metadata accuracy on a WCXB set's articles: the title, the authors and the
// publication date winnow gives, each judged against the ground truth's
// (docs/evaluation.md, "WCXB"). A truth that says nothing is not scored,
// except for authors, where "no author" is itself a fact to get right.
#ifndef WINNOW_EVAL_META_ACCURACY_H_
#define WINNOW_EVAL_META_ACCURACY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/article.h"
#include "winnow/eval.h"

namespace winnow::eval {

// Runs of whitespace (what Python's str.split() splits on: ASCII
// whitespace, U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F,
// U+205F, U+3000) made one space, ends trimmed.
std::string collapse_whitespace(std::string_view text);

// A title as compared: collapse_whitespace, and the typographic quotes
// U+2018, U+2019 made ' and U+201C, U+201D made " (the truths change them).
std::string title_key(std::string_view title);

// Title: title_key of both sides equal, case-sensitive. Not scored if the
// truth's is empty; wrong if none is given.
MetaVerdict judge_title(std::string_view truth, const std::optional<std::string>& predicted);

// The names in an author string as given: whitespace collapsed, split on
// ",", ";", " and ", " & ", " và " (the words in any ASCII case; so
// "A, B, and C" is three), each trimmed, empty ones dropped.
std::vector<std::string> split_names(std::string_view authors);

// split_names, each name lowercased (as str.lower()): what is compared.
std::vector<std::string> author_names(std::string_view authors);

// The authors winnow gives for an article, in one place: the Article's list
// of persons (`authors`), else its byline split into names (split_names).
std::vector<std::string> predicted_authors(const Article& article);

// Authors: the truth's names and the predicted ones (each through
// author_names) equal as sets. A truth with no author is right iff none is
// given (a publisher's name where the page has no author is wrong).
MetaVerdict judge_authors(std::string_view truth, const std::vector<std::string>& predicted);

// Date: the truth's date part (YYYY-MM-DD, or YYYY-MM as some truths give
// it) equals the same part of `published` (ISO 8601: its first 10 or 7
// characters, the date as the page states it, offset not applied). Not
// scored if the truth has no date; wrong if none is given.
MetaVerdict judge_date(std::string_view truth, const std::optional<std::string>& predicted);

// The counts over a set's pages whose type is "article" (facts from the
// truth, verdicts from the results), in the set's order. date_either counts
// PageResult::date_either_ok.
MetaFigures summarize_meta(const std::vector<const PageTruth*>& truths, const std::vector<PageResult>& results);
// The page types told against the truths' (pages with a told type only).
TypeFigures summarize_types(const std::vector<const PageTruth*>& truths, const std::vector<PageResult>& results);

}  // namespace winnow::eval

#endif  // WINNOW_EVAL_META_ACCURACY_H_
