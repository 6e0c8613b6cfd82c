#include "winnow/article.h"

namespace winnow {

std::string Article::text() const {
  std::string out;
  for (const std::string& line : lines) {
    out += line;
    out += '\n';
  }
  return out;
}

}  // namespace winnow
