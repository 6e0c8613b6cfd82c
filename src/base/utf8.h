// Writing a code point as UTF-8: one encoder for the decoders of every layer
// (charsets, CSS escapes, character references, Python literals).
#ifndef WINNOW_BASE_UTF8_H_
#define WINNOW_BASE_UTF8_H_

#include <cstdint>
#include <string>

namespace winnow {

// Appends `cp` to `out` as UTF-8. A surrogate or a value past U+10FFFF is
// no character: U+FFFD is written instead. U+0000 is written as it is
// (CSS and HTML map it to U+FFFD themselves, where their specs say so).
void append_utf8(uint32_t cp, std::string* out);

}  // namespace winnow

#endif  // WINNOW_BASE_UTF8_H_
