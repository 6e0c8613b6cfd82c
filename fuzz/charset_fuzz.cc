// Bytes to UTF-8 with any transport charset (first line, as a Content-Type
// header gives it): the result is always valid UTF-8.
#include "fuzz_util.h"
#include "html/charset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace winnow::html;
  std::string_view first, rest;
  winnow::fuzz::split_first_line(winnow::fuzz::as_view(data, size), &first, &rest);
  std::string transport = charset_from_content_type(first);
  Decoded d = decode_to_utf8(rest, transport);
  std::string check = d.utf8;
  if (repair_utf8(&check) != 0) abort();
  (void)declared_charset(rest);
  return 0;
}
