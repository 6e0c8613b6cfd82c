// base/utf8.h: code points to UTF-8, what is no character replaced.
#include "base/utf8.h"

#include <doctest/doctest.h>

#include <string>

namespace {

std::string utf8(uint32_t cp) {
  std::string out;
  winnow::append_utf8(cp, &out);
  return out;
}

}  // namespace

TEST_CASE("utf8: one to four bytes, at each boundary") {
  CHECK(utf8(0x41) == "A");
  CHECK(utf8(0x7F) == "\x7F");
  CHECK(utf8(0x80) == "\xC2\x80");
  CHECK(utf8(0xE9) == "é");
  CHECK(utf8(0x7FF) == "\xDF\xBF");
  CHECK(utf8(0x800) == "\xE0\xA0\x80");
  CHECK(utf8(0x1EBF) == "ế");
  CHECK(utf8(0xFFFF) == "\xEF\xBF\xBF");
  CHECK(utf8(0x10000) == "\xF0\x90\x80\x80");
  CHECK(utf8(0x1F600) == "😀");
  CHECK(utf8(0x10FFFF) == "\xF4\x8F\xBF\xBF");
}

TEST_CASE("utf8: surrogates and values past U+10FFFF are U+FFFD; U+0000 stays") {
  CHECK(utf8(0xD800) == "\xEF\xBF\xBD");
  CHECK(utf8(0xDFFF) == "\xEF\xBF\xBD");
  CHECK(utf8(0x110000) == "\xEF\xBF\xBD");
  CHECK(utf8(0xFFFFFFFF) == "\xEF\xBF\xBD");
  CHECK(utf8(0) == std::string(1, '\0'));
}
