#include "extract/page_type.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>

#include "extract/generic_internal.h"  // hint_text
#include "extract/text.h"

namespace winnow::extract {
namespace {

using rules::GenericRules;
using rules::TypeSigns;

// Which type's sign counts first when a page gives signs of several.
// Declared types: a story is a story even when it carries an ItemList or a
// Product it reviews; a thread or a product page says so plainly.
constexpr std::array<PageType, 7> kDeclaredOrder = {PageType::kArticle,       PageType::kForum,
                                                    PageType::kProduct,       PageType::kCollection,
                                                    PageType::kDocumentation, PageType::kListing,
                                                    PageType::kService};
// URL shapes: the narrower first ("/forum/" and "/docs/" are seldom
// anything else; "/news" may be a listing or a story's section).
constexpr std::array<PageType, 7> kUrlOrder = {PageType::kForum,   PageType::kDocumentation, PageType::kProduct,
                                               PageType::kCollection, PageType::kService,    PageType::kListing,
                                               PageType::kArticle};

const TypeSigns& signs_of(const GenericRules& rules, PageType type) { return rules.signs[static_cast<int>(type)]; }


// "host/path", lower-cased, without scheme, query or fragment.
std::string url_shape(std::string_view url) {
  if (size_t p = url.find("://"); p != std::string_view::npos) url.remove_prefix(p + 3);
  url = url.substr(0, url.find_first_of("?#"));
  return lower_ascii(url);
}

bool listed(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements whose class or id holds one of the type's item words.
uint32_t count_items(const html::Tree& t, const TypeSigns& signs) {
  uint32_t n = 0;
  for (html::NodeId id = 0; id < t.size() && n < signs.hint_min_count; ++id) {
    if (!t.is_element(id)) continue;
    if (!t.has_attr(id, "class") && !t.has_attr(id, "id")) continue;
    if (RE2::PartialMatch(generic::hint_text(t, id), *signs.hint)) ++n;
  }
  return n;
}

}  // namespace

PageTypeGuess tell_page_type(const html::Tree& tree, const PageMeta& meta, std::string_view url,
                             const GenericRules& rules) {
  for (PageType type : kDeclaredOrder)
    for (const std::string& t : meta.linked.types)
      if (listed(signs_of(rules, type).schema, t)) return {type, "JSON-LD " + t};
  const std::string shape = url_shape(url);
  const auto by_url = [&](PageType type) -> PageTypeGuess {
    const TypeSigns& s = signs_of(rules, type);
    std::string found;
    if (!url.empty() && s.url && RE2::PartialMatch(shape, *s.url, &found))  // the shape is one group
      return {type, "URL " + found};
    return {PageType::kAuto, ""};
  };
  const std::string og = lower_ascii(meta.og_type);
  for (PageType type : kDeclaredOrder) {
    if (og.empty() || !listed(signs_of(rules, type).og_type, og)) continue;
    // og:type "article" on a site's front or its /services/ page: the URL
    // says what it is (og_type_yields_to), when no narrower type's shape
    // comes first ("/docs/.../service/" is documentation).
    const std::vector<PageType>& yields = signs_of(rules, type).og_type_yields_to;
    for (PageType other : kUrlOrder) {
      PageTypeGuess g = by_url(other);
      if (g.type == PageType::kAuto) continue;
      if (std::find(yields.begin(), yields.end(), other) != yields.end()) return g;
      break;
    }
    return {type, "og:type " + og};
  }
  for (PageType type : kUrlOrder)
    if (PageTypeGuess g = by_url(type); g.type != PageType::kAuto) return g;
  for (PageType type : kUrlOrder) {
    const TypeSigns& s = signs_of(rules, type);
    if (s.hint && s.hint_min_count > 0 && count_items(tree, s) >= s.hint_min_count)
      return {type, std::to_string(s.hint_min_count) + "+ repeated items"};
  }
  return {PageType::kArticle, ""};
}

}  // namespace winnow::extract
