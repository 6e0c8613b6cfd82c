// The CSS selector parser, and matching what it accepts against a page:
// first line the selector, the rest the page.
#include "fuzz_util.h"
#include "html/select.h"
#include "winnow/internal.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view first, rest;
  winnow::fuzz::split_first_line(winnow::fuzz::as_view(data, size), &first, &rest);
  winnow::html::SelectorError error;
  auto selector = winnow::html::Selector::parse(first, &error);
  if (!selector) return 0;
  winnow::Document doc = winnow::load_document(rest);
  winnow::html::SelectorSet set;
  set.add(*selector);
  auto matches = set.match(doc.parsed->page.tree);
  // The one-pass matcher and the single-element test agree.
  for (winnow::html::NodeId id : matches[0])
    if (!selector->matches(doc.parsed->page.tree, id)) abort();
  return 0;
}
