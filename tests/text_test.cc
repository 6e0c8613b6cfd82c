// Text helpers shared by the extractors (src/extract/text.h).
#include "extract/text.h"

#include <doctest/doctest.h>

using winnow::extract::code_points;
using winnow::extract::collapse_spaces;

TEST_CASE("collapse_spaces: trims, and each whitespace run, no-break spaces too, is one space") {
  CHECK(collapse_spaces("  Updated 5:27\u00A0am \n\t CST  ") == "Updated 5:27 am CST");
  CHECK(collapse_spaces("\u00A0\u00A0") == "");
  CHECK(collapse_spaces("Việt  Nam") == "Việt Nam");
  CHECK(collapse_spaces("") == "");
}

TEST_CASE("code_points: characters, not bytes") {
  CHECK(code_points("Hà Nội") == 6);
  CHECK(code_points("") == 0);
  CHECK(code_points("\u00A0") == 1);
}
