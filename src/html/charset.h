// Bytes to UTF-8. Gumbo reads UTF-8 only; pages arrive in whatever the
// server or the page says, and sometimes say it wrongly.
#ifndef WINNOW_HTML_CHARSET_H_
#define WINNOW_HTML_CHARSET_H_

#include <string>
#include <string_view>

namespace winnow::html {

struct Decoded {
  std::string utf8;
  std::string charset;   // the WHATWG encoding the bytes were read as, e.g. "utf-8", "gbk", "windows-1252"
  size_t replaced = 0;   // bytes or sequences that could not be decoded (now U+FFFD)
  std::string warning;   // one line, empty if the decode was clean
};

// Order: a byte-order mark; then the transport's charset (an HTTP
// Content-Type parameter, may be empty); then a <meta charset> or
// http-equiv declaration in the first 4 KB, or else anywhere before <body>
// (within 1 MB); else UTF-8. Labels name
// encodings as the WHATWG Encoding Standard maps them (gb2312 is GBK,
// iso-8859-1 is windows-1252; encoding_labels.h); a label that names none
// is skipped with a warning, and a <meta> naming UTF-16 means UTF-8. A
// declared single-byte charset is overruled when the bytes are valid UTF-8
// with non-ASCII text in them (the common mislabel). What cannot be
// decoded becomes U+FFFD; nothing is dropped silently.
Decoded decode_to_utf8(std::string_view bytes, std::string_view transport_charset = {});

// The charset a page declares in a <meta>, lower-cased; "" if none. The
// first 4 KB, then the rest of the head (before <body>, within 1 MB): a
// browser honours a late <meta charset> in the head too.
std::string declared_charset(std::string_view bytes);

// The charset parameter of an HTTP Content-Type ("text/html; charset=UTF-8"
// -> "utf-8"), lower-cased, quotes removed; "" if none.
std::string charset_from_content_type(std::string_view content_type);

// Replaces invalid UTF-8 sequences with U+FFFD; returns how many were replaced.
size_t repair_utf8(std::string* s);

}  // namespace winnow::html

#endif  // WINNOW_HTML_CHARSET_H_
