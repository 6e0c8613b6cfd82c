// Shared by the rule-file tests: temp dirs of rule files, the real rules/,
// and error expectations. Each test file gets its own copy (anonymous
// namespace).
#ifndef WINNOW_TESTS_RULES_TEST_UTIL_H_
#define WINNOW_TESTS_RULES_TEST_UTIL_H_

#include "rules/rule_set.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "temp_dir.h"
#include "winnow.h"

namespace fs = std::filesystem;
using winnow::rules::DropKind;
using winnow::rules::Field;
using winnow::RuleError;
using winnow::rules::RuleLibrary;
using winnow::rules::RuleSet;


namespace {  // NOLINT: a copy per test file

// Not every test file uses every helper.
#pragma GCC diagnostic ignored "-Wunused-function"


std::string rules_dir() { return std::string(WINNOW_SOURCE_DIR) + "/rules"; }

const RuleLibrary& real_rules() {
  static RuleLibrary lib = [] {
    RuleLibrary l;
    RuleError err;
    bool ok = winnow::rules::load_rule_library(rules_dir(), &l, &err);
    INFO(err.to_string());
    REQUIRE(ok);
    return l;
  }();
  return lib;
}

const DropKind* drop(const RuleSet& set, std::string_view kind) {
  for (const DropKind& d : set.drops)
    if (d.kind == kind) return &d;
  return nullptr;
}

std::vector<std::string> selector_texts(const Field& f) {
  std::vector<std::string> out;
  for (const auto& s : f.selectors) out.push_back(s.selector.text());
  return out;
}

std::vector<std::string> selector_texts(const DropKind& d) {
  std::vector<std::string> out;
  for (const auto& s : d.selectors) out.push_back(s.selector.text());
  return out;
}

std::vector<std::string> line_texts(const DropKind& d) {
  std::vector<std::string> out;
  for (const auto& p : d.lines) out.push_back(p.text);
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Loads `dir` expecting failure; returns the error.
RuleError load_error(const std::string& dir) {
  RuleLibrary lib;
  RuleError err;
  bool ok = winnow::rules::load_rule_library(dir, &lib, &err);
  CHECK_FALSE(ok);
  return err;
}

// A file with one broken line: loading its directory fails at file:line:col
// and the message contains `needle`.
void expect_error(const TempDir& tmp, const std::string& name, const std::string& text, unsigned line,
                  unsigned column, const std::string& needle) {
  std::string path = tmp.write(name, text);
  RuleError err = load_error(tmp.dir());
  INFO("error: " << err.to_string());
  CHECK(err.where.file == path);
  CHECK(err.where.line == line);
  CHECK(err.where.column == column);
  CHECK(err.message.find(needle) != std::string::npos);
  CHECK(err.to_string() == path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                               err.message);
}

}  // namespace

#endif  // WINNOW_TESTS_RULES_TEST_UTIL_H_
