#include "eval/unicode_lower.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <vector>

namespace winnow::eval {
namespace {

struct LowerRun {
  uint32_t first, last;
  int32_t delta;
  uint32_t stride;  // 1: every code point of the run; 2: every other one
};
struct CodeRange {
  uint32_t first, last;
};

#include "eval/unicode_case_table.inc"

constexpr uint32_t kNotUtf8 = UINT32_MAX;

// Decodes the code point at text[i] and its length in bytes; an invalid or
// cut sequence is one byte of kNotUtf8.
uint32_t decode(std::string_view text, size_t i, size_t* length) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b = byte(i);
  *length = 1;
  if (b < 0x80) return b;
  size_t n = b >= 0xC2 && b < 0xE0 ? 2 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xF0 && b < 0xF5 ? 4 : 0;
  if (n == 0 || i + n > text.size()) return kNotUtf8;
  uint32_t cp = b & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return kNotUtf8;
    cp = cp << 6 | (byte(i + k) & 0x3F);
  }
  // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp < 0xE000))
    return kNotUtf8;
  *length = n;
  return cp;
}

void append_utf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | cp >> 6));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | cp >> 12));
    out->push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | cp >> 18));
    out->push_back(static_cast<char>(0x80 | (cp >> 12 & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

template <typename Range, size_t N>
const Range* find_range(const Range (&table)[N], uint32_t cp) {
  auto it = std::upper_bound(std::begin(table), std::end(table), cp,
                             [](uint32_t c, const Range& r) { return c < r.first; });
  if (it == std::begin(table)) return nullptr;
  --it;
  return cp <= it->last ? &*it : nullptr;
}

uint32_t lower_simple(uint32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
  const LowerRun* run = find_range(kLowerRuns, cp);
  if (!run || (cp - run->first) % run->stride != 0) return cp;
  return static_cast<uint32_t>(static_cast<int64_t>(cp) + run->delta);
}

bool is_cased(uint32_t cp) { return cp != kNotUtf8 && find_range(kCasedRanges, cp) != nullptr; }
bool is_case_ignorable(uint32_t cp) { return cp != kNotUtf8 && find_range(kCaseIgnorableRanges, cp) != nullptr; }

// Python's Final_Sigma test for the Σ at points[i]: a cased letter before
// it and none after it, skipping case-ignorable characters both ways.
bool final_sigma(const std::vector<uint32_t>& points, size_t i) {
  size_t j = i;
  while (j > 0 && is_case_ignorable(points[j - 1])) --j;
  if (j == 0 || !is_cased(points[j - 1])) return false;
  size_t k = i + 1;
  while (k < points.size() && is_case_ignorable(points[k])) ++k;
  return k == points.size() || !is_cased(points[k]);
}

}  // namespace

std::string lower_unicode(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  // Decoded once: Final_Sigma looks both ways. Invalid bytes keep their
  // byte in `raw` so that they are copied unchanged.
  std::vector<uint32_t> points;
  std::vector<unsigned char> raw;
  points.reserve(utf8.size());
  for (size_t i = 0, n = 0; i < utf8.size(); i += n) {
    uint32_t cp = decode(utf8, i, &n);
    points.push_back(cp);
    raw.push_back(static_cast<unsigned char>(utf8[i]));
  }
  for (size_t i = 0; i < points.size(); ++i) {
    uint32_t cp = points[i];
    if (cp == kNotUtf8) {
      out.push_back(static_cast<char>(raw[i]));
    } else if (cp == 0x130) {  // İ: the one full mapping of two code points
      out += "i\xCC\x87";
    } else if (cp == 0x3A3) {
      append_utf8(final_sigma(points, i) ? 0x3C2 : 0x3C3, &out);
    } else {
      append_utf8(lower_simple(cp), &out);
    }
  }
  return out;
}

}  // namespace winnow::eval
