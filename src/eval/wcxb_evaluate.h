// evaluate() on a WCXB set (TruthFormat::kWcxb): the pages cleaned (or taken
// from a predictions file), scored with WCXB's metric (eval/wcxb_metric.h),
// and their articles' metadata judged (eval/meta_accuracy.h).
#ifndef WINNOW_EVAL_WCXB_EVALUATE_H_
#define WINNOW_EVAL_WCXB_EVALUATE_H_

#include <string>

#include "winnow/article.h"
#include "winnow/eval.h"

namespace winnow::eval {

Evaluation evaluate_wcxb(const RuleLibrary& library, const PageSet& set, const EvalOptions& options);

}  // namespace winnow::eval

#endif  // WINNOW_EVAL_WCXB_EVALUATE_H_
