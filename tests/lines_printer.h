// How doctest prints a list of lines in a failed check: {"a", "b", }.
#ifndef WINNOW_TESTS_LINES_PRINTER_H_
#define WINNOW_TESTS_LINES_PRINTER_H_

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& v) {
    std::string s = "{";
    for (const auto& x : v) s += "\"" + x + "\", ";
    return (s + "}").c_str();
  }
};
}  // namespace doctest

#endif  // WINNOW_TESTS_LINES_PRINTER_H_
