#include "extract/text.h"

namespace winnow::extract {

std::string collapse_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    bool nbsp = c == 0xC2 && i + 1 < s.size() && (unsigned char)s[i + 1] == 0xA0;
    if (nbsp || c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      if (nbsp) ++i;
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += char(c);
  }
  return out;
}

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c;
  return out;
}

}  // namespace winnow::extract
