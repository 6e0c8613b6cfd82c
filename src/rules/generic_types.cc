// [generic.types.*]: each page type's signs and its own rules, compiled
// from a merged [generic] table (rules/generic.toml says what each key
// means; extract/page_type.h reads the signs, the generic extractor the
// rules).
#include <algorithm>

#include "rules/generic_table.h"

namespace winnow::rules {
namespace {

// A type's signs: its URL shapes (anywhere in host and path), schema.org
// and og:type names, and the class/id words of its repeated items.
bool compile_signs(const TypeTable& type, const std::string& name, TypeSigns* out, RuleError* error) {
  out->schema = type.schema;
  out->og_type = type.og_type;
  out->og_type_yields_to = type.og_type_yields_to;
  out->hint_min_count = type.item_min;
  out->cards_min = type.cards_min;
  out->cards_prose_below = type.cards_prose_below;
  out->cards_prose_chars = type.cards_prose_chars;
  // One group around the whole: the match names the shape found ("URL /forum/").
  const std::string url = "(" + alternatives(type.url) + ")";
  const std::string items = "(^|[^a-z])" + alternatives(type.item_words) + "([^a-z]|$)";
  return (type.url.empty() || compile_pattern(url, type.where, "types." + name + ".url", &out->url, error)) &&
         (type.item_words.empty() ||
          compile_pattern(items, type.where, "types." + name + ".items", &out->hint, error));
}

bool changes_extraction(const TypeTable& type) {
  return type.teasers_are_content || type.container_by_text || type.keep_outside_prose || type.lay_out_hidden ||
         type.declared_description || !type.content_hints.empty() || !type.likely.empty() ||
         !type.unlikely.empty() || !type.box_titles.empty() ||
         std::find(type.given.begin(), type.given.end(), true) != type.given.end();
}

// The base's table with the type's changes: its parameters, its content
// words out of the unlikely hints, its likely and unlikely words and box
// titles in.
GenericTable typed_table(const GenericTable& base, const TypeTable& type) {
  GenericTable t = base;
  t.types.clear();
  apply_params(type.params, type.given, &t.params);
  for (const char* name : {"hints.unlikely", "hints.unlikely_prefix", "hints.image"}) {
    auto it = t.words.find(name);
    if (it == t.words.end()) continue;
    std::vector<std::string>& w = it->second.words;
    w.erase(std::remove_if(w.begin(), w.end(),
                           [&](const std::string& word) {
                             return std::find(type.content_hints.begin(), type.content_hints.end(), word) !=
                                    type.content_hints.end();
                           }),
            w.end());
  }
  auto add = [&](const char* name, const std::vector<std::string>& words) {
    if (words.empty()) return;
    std::vector<std::string>& w = t.words[name].words;
    w.insert(w.end(), words.begin(), words.end());
  };
  add("hints.likely", type.likely);
  add("hints.unlikely", type.unlikely);
  add("box_titles", type.box_titles);
  return t;
}

// The base's compiled rules as a type's starting point: every pattern
// shared, no types of their own (a type's rules are not typed again).
GenericRules typed_rules(const GenericTable& table, const GenericRules& g) {
  GenericRules own = g;
  own.signs = {};
  own.typed = {};
  own.fallback = PageType::kArticle;
  own.fallback_unsigned_below = 0;
  own.fallback_share = {0, 1};
  own.fallback_short_below = 0;
  own.fallback_short_share = {0, 1};
  own.params = table.params;
  return own;
}

// A type changes its parameters and a few word tables: those tables are
// compiled again, every other pattern stays the base's (compiling the whole
// table again for each type was most of a rule load).
bool compile_changes(const GenericTable& base, const GenericTable& typed, GenericRules* own, RuleError* error) {
  own->params = typed.params;
  const std::pair<const char*, Pattern*> tables[] = {
      {"hints.unlikely", &own->unlikely_hint}, {"hints.unlikely_prefix", &own->unlikely_prefix},
      {"hints.image", &own->image_hint},       {"hints.likely", &own->likely_hint},
      {"box_titles", &own->box_title}};
  for (const auto& [name, pattern] : tables) {
    auto b = base.words.find(name);
    auto t = typed.words.find(name);
    const bool same = (b == base.words.end()) == (t == typed.words.end()) &&
                      (b == base.words.end() || b->second.words == t->second.words);
    if (same) continue;
    *pattern = nullptr;  // no words left: no pattern
    if (!compile_words(typed, name, pattern, error)) return false;
  }
  return true;
}

}  // namespace

bool compile_page_types(const GenericTable& table, GenericRules* g, RuleError* error) {
  for (const auto& [name, type] : table.types) {
    PageType pt = PageType::kAuto;
    parse_page_type(name, &pt);  // read_generic_table let only page types in
    const int i = static_cast<int>(pt);
    if (!compile_signs(type, name, &g->signs[i], error)) return false;
    if (type.fallback) g->fallback = *type.fallback;
    if (type.fallback_unsigned_below) g->fallback_unsigned_below = *type.fallback_unsigned_below;
    if (type.fallback_share) g->fallback_share = *type.fallback_share;
    if (type.fallback_short_below) g->fallback_short_below = *type.fallback_short_below;
    if (type.fallback_short_share) g->fallback_short_share = *type.fallback_short_share;
    if (!changes_extraction(type)) continue;
    auto own = std::make_shared<GenericRules>(typed_rules(table, *g));
    if (!compile_changes(table, typed_table(table, type), own.get(), error)) return false;
    own->strategy.teasers_are_furniture = !type.teasers_are_content.value_or(false);
    own->strategy.container_by_text = type.container_by_text.value_or(false);
    own->strategy.trim_outside_prose = !type.keep_outside_prose.value_or(false);
    own->strategy.lay_out_hidden = type.lay_out_hidden.value_or(false);
    own->strategy.declared_description = type.declared_description.value_or(false);
    g->typed[i] = std::move(own);
  }
  return true;
}

}  // namespace winnow::rules
