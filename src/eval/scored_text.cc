#include "eval/scored_text.h"

namespace winnow::eval {

std::string scored_text(const Article& art, TruthFormat truth) {
  if (truth == TruthFormat::kArticleBenchmark || truth == TruthFormat::kWcxb) return art.text_of({LineRole::kBody});
  return art.text();
}

}  // namespace winnow::eval
