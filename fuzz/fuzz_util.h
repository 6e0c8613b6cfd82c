// Shared by the fuzz targets: splitting one input into parts, and the rules
// the targets clean with (loaded once from the source tree).
#ifndef WINNOW_FUZZ_FUZZ_UTIL_H_
#define WINNOW_FUZZ_FUZZ_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "winnow.h"

namespace winnow::fuzz {

inline std::string_view as_view(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The first line of the input and the rest: one input carries a small
// argument (a format, a charset, a selector) and a body.
inline void split_first_line(std::string_view in, std::string_view* first, std::string_view* rest) {
  size_t nl = in.find('\n');
  if (nl == std::string_view::npos) nl = in.size();
  *first = in.substr(0, nl);
  *rest = nl < in.size() ? in.substr(nl + 1) : std::string_view();
}

// The project's rules/ (WINNOW_RULES_DIR at build time), loaded once; a
// broken rules dir is a setup error, not a finding.
inline const RuleLibrary& project_rules() {
  static const RuleLibrary* library = [] {
    auto* lib = new RuleLibrary;
    RuleError err;
    if (!load_rules(WINNOW_RULES_DIR, lib, &err)) {
      fprintf(stderr, "fuzz: cannot load rules: %s\n", err.to_string().c_str());
      abort();
    }
    return lib;
  }();
  return *library;
}

}  // namespace winnow::fuzz

#endif  // WINNOW_FUZZ_FUZZ_UTIL_H_
