// Selectors' compiled form, shared by the parser (select_parse.cc) and the
// matcher (select.cc). Not part of the public interface.
#ifndef WINNOW_HTML_SELECT_INTERNAL_H_
#define WINNOW_HTML_SELECT_INTERNAL_H_

#include <gumbo.h>

#include <cstdint>
#include <string>
#include <vector>

#include "html/select.h"

namespace winnow::html {

namespace select_internal {

constexpr size_t kMaxCompounds = 64;
constexpr int kMaxNotDepth = 16;
constexpr GumboTag kAnyTag = GUMBO_TAG_LAST;  // no type selector, or '*'

enum class AttrOp : uint8_t {
  kExists,     // [a]
  kEquals,     // [a=v]
  kIncludes,   // [a~=v]
  kDashMatch,  // [a|=v]
  kPrefix,     // [a^=v]
  kSuffix,     // [a$=v]
  kSubstring,  // [a*=v]
};

struct AttrTest {
  enum Name : uint8_t { kOther, kId, kClass };
  std::string name;  // lower-case
  Name known = kOther;  // id and class are read once per element
  AttrOp op = AttrOp::kExists;
  std::string value;
};

// Matches the 1-based element index i when i == b (a == 0) or i = a*n + b for
// some n >= 0.
struct Nth {
  uint32_t a = 0;
  uint32_t b = 1;
};

struct Compound {
  GumboTag tag = kAnyTag;  // GUMBO_TAG_UNKNOWN: compare `name`
  std::string name;        // lower-case type name of an unknown element
  std::vector<std::string> ids;
  std::vector<std::string> classes;
  std::vector<AttrTest> attrs;
  std::vector<Nth> nth;  // :first-child is {0, 1}
  bool last_child = false;
  std::vector<Compound> nots;
};

struct Complex {
  std::vector<Compound> compounds;  // 1..64, left to right
  uint64_t descendant = 0;          // bit j: a descendant combinator precedes compound j
  uint64_t child = 0;               // bit j: a child combinator precedes compound j
};

}  // namespace select_internal

struct CompiledSelector {
  std::vector<select_internal::Complex> complexes;
};


namespace select_internal {

inline bool is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Compiles a selector list into `out`; false (with *error set) if malformed.
bool parse_selector_list(std::string_view text, CompiledSelector* out, SelectorError* error);

}  // namespace select_internal
}  // namespace winnow::html

#endif  // WINNOW_HTML_SELECT_INTERNAL_H_
