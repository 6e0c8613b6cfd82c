// Small text helpers shared by the extractors: comparing lines as a reader
// sees them (whitespace runs, no-break spaces too, as one space) and
// measuring text in characters rather than bytes.
#ifndef WINNOW_EXTRACT_TEXT_H_
#define WINNOW_EXTRACT_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace winnow::extract {

// Trimmed, each run of whitespace (U+00A0 included) as one space.
std::string collapse_spaces(std::string_view s);

// Code points in UTF-8 text (continuation bytes do not count).
size_t code_points(std::string_view s);

// ASCII letters lower-cased, every other byte as it is (class names, meta
// keys, URLs: compared as the web compares them).
std::string lower_ascii(std::string_view s);

}  // namespace winnow::extract

#endif  // WINNOW_EXTRACT_TEXT_H_
