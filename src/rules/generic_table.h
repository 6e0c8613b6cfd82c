// The generic extractor's tables ([generic.*] in a rule file): read, added
// to their base's along `extends`, and compiled once into
// GenericRules (generic_rules.h). Internal to rules/ (rule_file.cc); the tables
// themselves are described in rules/generic.toml.
#ifndef WINNOW_RULES_GENERIC_TABLE_H_
#define WINNOW_RULES_GENERIC_TABLE_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rules/generic_rules.h"
#include "rules/rule_set.h"
#include "rules/toml_reader.h"

namespace winnow::rules {

// A table of words as written: a shape ({} stands for one of the words)
// and the words, each already checked to be a valid RE2 pattern.
struct WordTable {
  std::string shape;  // "" if not given (yet)
  SourceRef shape_at;
  std::vector<std::string> words;
  // [generic.lines.*] only:
  std::optional<bool> whole;              // match = "whole" | "part"
  std::optional<uint32_t> shorter_than;   // bytes
  std::optional<PerFavor<bool>> applies;  // favor = [...]
};

// [generic.types.NAME]: how a page type is told and how its content is
// found, as written (rules/generic.toml says what each key means).
struct TypeTable {
  SourceRef where;
  std::vector<std::string> url, schema, og_type, item_words;  // its signs
  std::vector<PageType> og_type_yields_to;                    // types whose URL shapes beat its og:type
  uint32_t item_min = 0;
  // cards = { min, prose_below, prose_chars }: a page of headline cards with
  // no story (extract/page_type.h).
  uint32_t cards_min = 0, cards_prose_below = 0, cards_prose_chars = 0;
  std::optional<bool> teasers_are_content, container_by_text, keep_outside_prose, lay_out_hidden,
      declared_description;
  std::optional<PageType> fallback;  // [generic.types.article] only
  std::optional<uint32_t> fallback_unsigned_below;
  std::optional<Share> fallback_share;
  std::optional<uint32_t> fallback_short_below;
  std::optional<Share> fallback_short_share;
  std::vector<std::string> content_hints;  // unlikely hint words that are this type's content
  std::vector<std::string> likely;         // likely hint words added
  std::vector<std::string> unlikely;       // unlikely hint words added
  std::vector<std::string> box_titles;     // box titles added
  GenericParams params;                    // the parameters it changes ...
  std::vector<bool> given;                 // ... marked here
};

// [generic] of a file and its bases, merged, not yet compiled.
struct GenericTable {
  SourceRef where;  // the file's [generic] table
  // "hints.unlikely", "box_titles", "lines.chrome", "date_line.months", ...
  std::map<std::string, WordTable> words;
  std::vector<std::string> chrome_tags, chrome_roles;
  GenericParams params;
  std::vector<bool> given;  // per parameter: set by this file or a base
  std::map<std::string, TypeTable> types;  // by page type name ("forum", ...)
};

// Reads the `generic` key of the file `reader` is reading.
bool read_generic_table(TomlReader& reader, const toml::node& node, GenericTable* out);

// Adds the base's tables under the site's: word lists add up; a shape, a
// line setting or a parameter the site gives replaces the base's.
void merge_generic_table(GenericTable* site, const GenericTable& base);

// Compiles a merged table. Fails (at the [generic] table) when a parameter
// is missing or a table's words do not compile within their shape.
bool compile_generic_table(const GenericTable& table, std::shared_ptr<const GenericRules>* out,
                           RuleError* error);

// Used by the page types' compiler (generic_types.cc) too:
// "(?:(?:w1)|(?:w2)|...)": each word its own group.
std::string alternatives(const std::vector<std::string>& words);
// An RE2 pattern, or an error at `where` naming [generic.NAME].
bool compile_pattern(const std::string& pattern, const SourceRef& where, const std::string& name, Pattern* out,
                     RuleError* error);
// [generic.NAME]'s words in its shape, compiled into `out` (left alone if
// the table has no words).
bool compile_words(const GenericTable& table, const std::string& name, Pattern* out, RuleError* error);
// The parameters `given` marks, from `from` into `to`.
void apply_params(const GenericParams& from, const std::vector<bool>& given, GenericParams* to);
// [generic.types.*] of a merged table into `g` (compiled but for its
// types): each type's signs, the article's fallback, and each type's own
// rules (g's, with the type's parameters and its changed word tables
// compiled again).
bool compile_page_types(const GenericTable& table, GenericRules* g, RuleError* error);

}  // namespace winnow::rules

#endif  // WINNOW_RULES_GENERIC_TABLE_H_
