#include "winnow/clean_request.h"

namespace winnow {

bool parse_favor(std::string_view name, Favor* favor) {
  if (name == "balanced") *favor = Favor::kBalanced;
  else if (name == "precision") *favor = Favor::kPrecision;
  else if (name == "recall") *favor = Favor::kRecall;
  else return false;
  return true;
}

}  // namespace winnow
