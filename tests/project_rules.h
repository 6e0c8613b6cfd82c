// The project's own rules/ (the public library, loaded once per test file):
// for tests that clean pages as `winnow` would, whatever rules they hold.
#ifndef WINNOW_TESTS_PROJECT_RULES_H_
#define WINNOW_TESTS_PROJECT_RULES_H_

#include <doctest/doctest.h>

#include <string>

#include "winnow.h"

namespace {  // NOLINT: a copy per test file

const winnow::RuleLibrary& project_rules() {
  static const winnow::RuleLibrary lib = [] {
    winnow::RuleLibrary l;
    winnow::RuleError err;
    bool ok = winnow::load_rules(std::string(WINNOW_SOURCE_DIR) + "/rules", &l, &err);
    INFO(err.to_string());
    REQUIRE(ok);
    return l;
  }();
  return lib;
}

}  // namespace

#endif  // WINNOW_TESTS_PROJECT_RULES_H_
