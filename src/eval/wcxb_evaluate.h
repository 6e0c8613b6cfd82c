// evaluate() on a WCXB set (TruthFormat::kWcxb): the pages cleaned (or taken
// from a predictions file), scored with WCXB's metric (eval/wcxb_metric.h),
// and their articles' metadata judged (eval/meta_accuracy.h).
#ifndef WINNOW_EVAL_WCXB_EVALUATE_H_
#define WINNOW_EVAL_WCXB_EVALUATE_H_

#include <string>

#include "winnow/article.h"
#include "winnow/eval.h"

namespace winnow::eval {

// The text a WCXB page is scored on, chosen in this one place. WCXB's truth
// (`main_content`) is the page's main content without its title; today this
// is the whole text winnow gives (Article::text()). If the text comes to
// hold the title and byline, decide here whether to score all of it (what a
// user of winnow gets) or only the body (what the truth holds).
std::string wcxb_scored_text(const Article& article);

Evaluation evaluate_wcxb(const RuleLibrary& library, const PageSet& set, const EvalOptions& options);

}  // namespace winnow::eval

#endif  // WINNOW_EVAL_WCXB_EVALUATE_H_
