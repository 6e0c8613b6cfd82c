// Helpers shared by the selector tests (select_test.cc, select_stress_test.cc).
#ifndef WINNOW_TESTS_SELECT_TEST_UTIL_H_
#define WINNOW_TESTS_SELECT_TEST_UTIL_H_

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "html/page.h"
#include "html/select.h"

using winnow::html::kNoNode;
using winnow::html::Node;
using winnow::html::NodeId;
using winnow::html::NodeKind;
using winnow::html::Page;
using winnow::html::parse_page;
using winnow::html::Selector;
using winnow::html::SelectorError;
using winnow::html::SelectorSet;
using winnow::html::Tree;

namespace {

Selector must_parse(const std::string& text) {
  SelectorError error;
  std::optional<Selector> s = Selector::parse(text, &error);
  INFO("selector: " << text << " error at " << error.column << ": " << error.message);
  REQUIRE(s.has_value());
  return *s;
}

// Labels of the nodes: the id attribute, else the tag name.
std::string labels(const Tree& tree, const std::vector<NodeId>& ids) {
  std::string out;
  for (NodeId id : ids) {
    if (!out.empty()) out += ' ';
    std::string_view label = tree.attr(id, "id");
    out += label.empty() ? std::string(tree[id].name) : std::string(label);
  }
  return out;
}

std::string sel(const Page& page, const std::string& selector,
                NodeId scope = Tree::root()) {
  return labels(page.tree, must_parse(selector).select(page.tree, scope));
}

NodeId by_id(const Tree& tree, std::string_view id) {
  for (NodeId i = 0; i < tree.size(); ++i)
    if (tree.is_element(i) && tree.attr(i, "id") == id) return i;
  return kNoNode;
}

SelectorError parse_error(const std::string& text) {
  SelectorError error;
  std::optional<Selector> s = Selector::parse(text, &error);
  INFO("selector: " << text);
  CHECK_FALSE(s.has_value());
  return error;
}

}  // namespace

#endif  // WINNOW_TESTS_SELECT_TEST_UTIL_H_
