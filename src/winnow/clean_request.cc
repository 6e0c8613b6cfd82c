#include "winnow/clean_request.h"

namespace winnow {

bool parse_favor(std::string_view name, Favor* favor) {
  if (name == "balanced") *favor = Favor::kBalanced;
  else if (name == "precision") *favor = Favor::kPrecision;
  else if (name == "recall") *favor = Favor::kRecall;
  else return false;
  return true;
}

namespace {
constexpr std::string_view kPageTypeNames[kPageTypes] = {"auto",       "article", "forum",         "product",
                                                         "collection", "listing", "documentation", "service"};
}  // namespace

std::string_view page_type_name(PageType type) { return kPageTypeNames[static_cast<int>(type)]; }

bool parse_page_type(std::string_view name, PageType* type) {
  for (int i = 0; i < kPageTypes; ++i)
    if (kPageTypeNames[i] == name) {
      *type = static_cast<PageType>(i);
      return true;
    }
  return false;
}

}  // namespace winnow
