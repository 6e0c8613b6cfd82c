// The paragraphs of the river-path story that the generic extractor's tests
// build their pages from (generic_test.cc, generic_shape_test.cc).
#ifndef WINNOW_TESTS_GENERIC_TEST_PAGES_H_
#define WINNOW_TESTS_GENERIC_TEST_PAGES_H_

#include <string>

namespace {  // NOLINT: a copy per test file

const std::string kP1 =
    "The council voted on Tuesday to widen the river path, a plan that has waited, in one form or another, "
    "for eleven years.";
const std::string kP2 =
    "Work starts in March. The path will be closed in sections, so that walkers and cyclists can still cross "
    "the city, and it should reopen in full by the autumn.";
const std::string kP3 =
    "Residents asked for more benches, more lights and a second bridge; the council agreed to the first two "
    "and said the bridge would be studied.";

}  // namespace

#endif  // WINNOW_TESTS_GENERIC_TEST_PAGES_H_
