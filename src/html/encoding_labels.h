// The encodings of the WHATWG Encoding Standard, every label that names
// them, and the glibc iconv decoder that reads each one
// (https://encoding.spec.whatwg.org/#names-and-labels). The table itself is
// data, in encoding_labels.cc.
#ifndef WINNOW_HTML_ENCODING_LABELS_H_
#define WINNOW_HTML_ENCODING_LABELS_H_

#include <span>
#include <string_view>

namespace winnow::html {

// How the bytes of an encoding become UTF-8.
enum class Decoder {
  kUtf8,         // checked and repaired in place, no conversion
  kIconv,        // glibc iconv, through Encoding::iconv_name
  kReplacement,  // WHATWG "replacement": the whole input is one U+FFFD
  kUserDefined,  // WHATWG "x-user-defined": 0x80-0xFF to U+F780-U+F7FF
};

// A byte WHATWG's decoder reads differently from glibc's: glibc rejects it
// (windows-1252's 0x81, which WHATWG reads as U+0081) or maps it to another
// character (macintosh 0xF0: U+F8FF, glibc U+E01E). For a single-byte
// encoding the byte is read so wherever it stands; for a multi-byte one only
// where glibc rejects it as the first byte of a sequence (gbk 0x80: €).
struct ByteMapping {
  unsigned char byte;
  char32_t code_point;
};

struct Encoding {
  std::string_view name;        // WHATWG's name, lower-cased: "gbk", "windows-1252"
  Decoder decoder;
  std::string_view iconv_name;  // glibc's closest superset decoder ("GB18030" for gbk); kIconv only
  bool single_byte;             // one byte is one character
  bool ascii_compatible;        // ASCII bytes are ASCII text (not UTF-16, ISO-2022-JP, replacement)
  std::span<const ByteMapping> differences;
  std::span<const std::string_view> labels;  // as the spec lists them, lower-case
};

// Every encoding of the standard, in the spec's order.
std::span<const Encoding> encodings();

// The encoding a label names, matched as the spec's "get an encoding": ASCII
// whitespace trimmed, ASCII case-insensitive. nullptr if no encoding has it.
const Encoding* encoding_for_label(std::string_view label);

}  // namespace winnow::html

#endif  // WINNOW_HTML_ENCODING_LABELS_H_
