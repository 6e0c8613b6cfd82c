// Which text of a cleaned article is scored against a set's truth: chosen
// here, in one place, for every metric.
#ifndef WINNOW_EVAL_SCORED_TEXT_H_
#define WINNOW_EVAL_SCORED_TEXT_H_

#include <string>

#include "winnow/article.h"
#include "winnow/page_set.h"

namespace winnow::eval {

// What the set defines as the article. A benchmark's truth (articleBody, the
// schema.org property) and WCXB's (`main_content`, which leaves the page's
// title out) are the running text alone: no title, dateline, byline or image
// captions, which both extractors set around and in it (winnow/article.h:
// LineRole), nor a standfirst set apart above it (a lead the body holds is
// body). Only their body lines are scored, so the article's shape cannot
// move their figures. Fixtures' truth (NAME.clean.txt) is the whole article
// in the dumps' shape, dateline to byline, captions in place: the whole text
// is scored.
std::string scored_text(const Article& art, TruthFormat truth);

}  // namespace winnow::eval

#endif  // WINNOW_EVAL_SCORED_TEXT_H_
