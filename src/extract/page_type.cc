#include "extract/page_type.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <vector>

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

// Characters (not bytes) of the text in a subtree, up to about `limit`:
// counted over its text nodes without building the text (a page has many
// headings and paragraphs, and this runs on every article page).
uint32_t chars(const html::Tree& t, html::NodeId id, uint32_t limit) {
  uint32_t n = 0;
  for (html::NodeId i = id; i < t[id].end && n < limit; ++i) {
    if (t[i].kind != html::NodeKind::kText) continue;
    for (unsigned char c : t[i].text) n += (c & 0xC0) != 0x80;
  }
  return n;
}

bool is_card_heading(GumboTag tag) { return tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4; }

// The link that is all of a heading, if one is: "<h3><a href>Title of
// another story</a></h3>". A headline is a few words at least.
bool is_headline(const html::Tree& t, html::NodeId h) {
  constexpr uint32_t kHeadlineMinChars = 15;
  const uint32_t heading = chars(t, h, 1024);
  if (heading < kHeadlineMinChars) return false;
  for (html::NodeId id = h + 1; id < t[h].end; ++id)
    if (t.is_element(id) && t[id].tag == GUMBO_TAG_A && t.has_attr(id, "href"))
      return chars(t, id, 1024) * 5 >= heading * 4;  // the link holds 4/5 of it
  return false;
}

html::NodeId first_element_child(const html::Tree& t, html::NodeId id) {
  for (html::NodeId c = t.first_child(id); c != html::kNoNode; c = t[c].next_sibling)
    if (t.is_element(c)) return c;
  return html::kNoNode;
}

// The most headline cards side by side (a card: an element that opens with
// a headline heading, or the heading alone), and the paragraphs of prose
// outside every card.
struct Cards {
  uint32_t most = 0, prose = 0;
};

Cards count_cards(const html::Tree& t, const TypeSigns& s) {
  Cards c;
  const html::NodeId n = static_cast<html::NodeId>(t.size());
  std::vector<uint8_t> in_card(n, 0);
  std::vector<uint32_t> per_parent(n, 0);
  for (html::NodeId id = 0; id < n; ++id) {
    if (!t.is_element(id) || !is_card_heading(t[id].tag) || !is_headline(t, id)) continue;
    html::NodeId card = id, parent = t[id].parent;
    if (parent != html::kNoNode && first_element_child(t, parent) == id && t[parent].tag != GUMBO_TAG_BODY)
      card = parent;
    in_card[card] = 1;
    if (t[card].parent != html::kNoNode) c.most = std::max(c.most, ++per_parent[t[card].parent]);
  }
  if (c.most < s.cards_min) return c;
  for (html::NodeId id = 1; id < n; ++id) {
    if (t[id].parent != html::kNoNode && in_card[t[id].parent]) in_card[id] = 1;  // parents come first
    if (!in_card[id] && t.is_element(id) && t[id].tag == GUMBO_TAG_P &&
        chars(t, id, s.cards_prose_chars) >= s.cards_prose_chars)
      ++c.prose;
  }
  return c;
}

}  // namespace

namespace {

// Signs 1 to 4 (page_type.h).
PageTypeGuess tell_by_signs(const html::Tree& tree, const PageMeta& meta, std::string_view url,
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

}  // namespace

PageTypeGuess tell_page_type(const html::Tree& tree, const PageMeta& meta, std::string_view url,
                             const GenericRules& rules) {
  PageTypeGuess guess = tell_by_signs(tree, meta, url, rules);
  // An article by its og:type, its URL or no sign at all that is a page of
  // headline cards with no story in it (a topic or tag page at an
  // article-shaped URL; many CMSs call every page an article) is the type
  // whose `cards` sign it gives. A story that says so in its JSON-LD stays.
  if (guess.type != PageType::kArticle || guess.from.rfind("JSON-LD", 0) == 0) return guess;
  for (PageType type : kUrlOrder) {
    const TypeSigns& s = signs_of(rules, type);
    if (s.cards_min == 0) continue;
    Cards c = count_cards(tree, s);
    if (c.most >= s.cards_min && c.prose < s.cards_prose_below)
      return {type, std::to_string(c.most) + " headline cards, " + std::to_string(c.prose) + " paragraphs of prose"};
  }
  return guess;
}

}  // namespace winnow::extract
