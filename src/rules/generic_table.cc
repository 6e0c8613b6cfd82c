// [generic.*] tables: the generic extractor's vocabulary and thresholds as
// rule data (see rules/generic.toml for what each one is).
#include "rules/generic_table.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <variant>

namespace winnow::rules {
namespace {

// Every parameter of [generic.params]: its name and where it goes.
using Member = std::variant<uint32_t GenericParams::*, Share GenericParams::*, double GenericParams::*,
                            PerFavor<uint32_t> GenericParams::*, PerFavor<double> GenericParams::*,
                            PerFavor<bool> GenericParams::*>;
struct ParamSpec {
  const char* name;
  Member member;
};
using P = GenericParams;
const std::array<ParamSpec, 40> kParams = {{
    {"prose_min_chars", &P::prose_min_chars},
    {"prose_max_link_share", &P::prose_max_link_share},
    {"prose_unpunctuated_min_chars", &P::prose_unpunctuated_min_chars},
    {"noscript_view_min_chars", &P::noscript_view_min_chars},
    {"headline_min_chars", &P::headline_min_chars},
    {"teaser_max_chars", &P::teaser_max_chars},
    {"teaser_card_levels", &P::teaser_card_levels},
    {"teaser_card_extra_chars", &P::teaser_card_extra_chars},
    {"teaser_card_max_growth", &P::teaser_card_max_growth},
    {"teaser_opening_block_max_chars", &P::teaser_opening_block_max_chars},
    {"teaser_opening_link_max_share", &P::teaser_opening_link_max_share},
    {"teaser_opening_min_siblings", &P::teaser_opening_min_siblings},
    {"wrapper_prose_share", &P::wrapper_prose_share},
    {"box_title_max_chars", &P::box_title_max_chars},
    {"box_title_max_text", &P::box_title_max_text},
    {"box_title_read_bytes", &P::box_title_read_bytes},
    {"box_article_prose_share", &P::box_article_prose_share},
    {"container_link_weight", &P::container_link_weight},
    {"container_other_weight", &P::container_other_weight},
    {"container_min_prose", &P::container_min_prose},
    {"container_min_prose_share", &P::container_min_prose_share},
    {"container_block_parent_prose", &P::container_block_parent_prose},
    {"link_list_share", &P::link_list_share},
    {"link_line_max_chars", &P::link_line_max_chars},
    {"link_line_link_share", &P::link_line_link_share},
    {"link_line_max_plain_chars", &P::link_line_max_plain_chars},
    {"repeat_min_chars", &P::repeat_min_chars},
    {"repeat_max_chars", &P::repeat_max_chars},
    {"short_block_chars", &P::short_block_chars},
    {"line_read_bytes", &P::line_read_bytes},
    {"date_line_max_bytes", &P::date_line_max_bytes},
    {"date_line_max_words", &P::date_line_max_words},
    {"keep_continuations", &P::keep_continuations},
    {"headings_after_prose", &P::headings_after_prose},
    {"captions_in_text", &P::captions_in_text},
    {"lead_max_chars", &P::lead_max_chars},
    {"byline_max_chars", &P::byline_max_chars},
    {"declared_description_min_chars", &P::declared_description_min_chars},
    {"declared_description_shown", &P::declared_description_shown},
    {"organization_authors", &P::organization_authors},
}};
constexpr size_t kParamCount = kParams.size();

// The hint tables a [generic.hints] may hold (their use is fixed in code).
constexpr std::array<const char*, 7> kHints = {"unlikely", "unlikely_prefix", "image", "likely", "embedded", "modifier",
                                               "lead"};
constexpr int64_t kMaxCount = 1'000'000'000;
constexpr int64_t kMaxShareTerm = 1'000'000;

// A shape's placeholder: where the words go.
constexpr std::string_view kSlot = "{}";

// Reads [generic] tables from one file, with errors at file:line:col.
class GenericReader {
 public:
  GenericReader(TomlReader& r, GenericTable* out) : r_(r), out_(out) {}

  bool read(const toml::node& node) {
    const toml::table* t = node.as_table();
    if (!t) return r_.fail(node.source(), "[generic] must be a table ([generic.params], [generic.hints.*], ...)");
    out_->where = r_.ref(node);
    out_->given.assign(kParamCount, false);
    for (auto&& [key, v] : *t) {
      std::string_view k = key.str();
      bool ok = k == "params"       ? params(v)
                : k == "chrome"     ? chrome(v)
                : k == "hints"      ? hints(v)
                : k == "box_titles" ? word_table(v, "box_titles", false)
                : k == "lines"      ? lines(v)
                : k == "date_line"  ? date_line(v)
                : k == "types"      ? types(v)
                                    : r_.fail(v.source(), "unknown key '" + std::string(k) +
                                                              "' in [generic] (known: [generic.params], [generic.chrome], "
                                                              "[generic.hints.*], [generic.box_titles], "
                                                              "[generic.lines.*], [generic.date_line], "
                                                              "[generic.types.*])");
      if (!ok) return false;
    }
    return true;
  }

 private:
  const toml::table* table(const toml::node& node, const std::string& what) {
    const toml::table* t = node.as_table();
    if (!t) r_.fail(node.source(), "[generic." + what + "] must be a table");
    return t;
  }

  bool chrome(const toml::node& node) {
    const toml::table* t = table(node, "chrome");
    if (!t) return false;
    for (auto&& [key, v] : *t) {
      if (key.str() == "roles") {
        if (!r_.string_list(v, "generic.chrome.roles", &out_->chrome_roles)) return false;
      } else if (key.str() == "tags") {
        std::vector<std::string> tags;
        std::vector<const toml::node*> nodes;
        if (!r_.string_list(v, "generic.chrome.tags", &tags, &nodes)) return false;
        for (size_t i = 0; i < tags.size(); ++i) {
          if (gumbo_tag_enum(tags[i].c_str()) == GUMBO_TAG_UNKNOWN)
            return r_.fail(nodes[i]->source(), "generic.chrome.tags: \"" + tags[i] + "\" is not an HTML tag name");
          out_->chrome_tags.push_back(tags[i]);
        }
      } else {
        return r_.fail(v.source(), "unknown key '" + std::string(key.str()) + "' in [generic.chrome] (known: tags, roles)");
      }
    }
    return true;
  }

  bool hints(const toml::node& node) {
    const toml::table* t = table(node, "hints");
    if (!t) return false;
    for (auto&& [key, v] : *t) {
      std::string name(key.str());
      if (std::find(kHints.begin(), kHints.end(), name) == kHints.end())
        return r_.fail(v.source(), "unknown table [generic.hints." + name +
                                       "] (known: unlikely, unlikely_prefix, image, likely, embedded, modifier, lead)");
      if (!word_table(v, "hints." + name, false)) return false;
    }
    return true;
  }

  bool lines(const toml::node& node) {
    const toml::table* t = table(node, "lines");
    if (!t) return false;
    for (auto&& [key, v] : *t)
      if (!word_table(v, "lines." + std::string(key.str()), true)) return false;
    return true;
  }

  // months, words, numeric: lists of words with no shape (their use is fixed).
  bool date_line(const toml::node& node) {
    const toml::table* t = table(node, "date_line");
    if (!t) return false;
    for (auto&& [key, v] : *t) {
      std::string name(key.str());
      if (name != "months" && name != "words" && name != "numeric")
        return r_.fail(v.source(), "unknown key '" + name + "' in [generic.date_line] (known: months, words, numeric)");
      if (!words(v, "generic.date_line." + name, &out_->words["date_line." + name])) return false;
    }
    return true;
  }

  bool word_table(const toml::node& node, const std::string& name, bool line) {
    const toml::table* t = table(node, name);
    if (!t) return false;
    WordTable& w = out_->words[name];
    const std::string what = "generic." + name;
    for (auto&& [key, v] : *t) {
      std::string_view k = key.str();
      if (k == "shape") {
        if (!shape(v, what, &w)) return false;
      } else if (line && k == "match") {
        auto m = v.value<std::string>();
        if (!m || (*m != "whole" && *m != "part"))
          return r_.fail(v.source(), what + ".match must be \"whole\" or \"part\"");
        w.whole = *m == "whole";
      } else if (line && k == "shorter_than") {
        uint32_t n = 0;
        if (!count(v, what + ".shorter_than", &n)) return false;
        w.shorter_than = n;
      } else if (line && k == "favor") {
        if (!favors(v, what + ".favor", &w)) return false;
      } else if (!v.is_array()) {
        return r_.fail(v.source(), what + "." + std::string(k) + " must be a list of words (known keys: shape" +
                                       (line ? ", match, shorter_than, favor" : "") + ")");
      } else if (!words(v, what + "." + std::string(k), &w)) {
        return false;
      }
    }
    return true;
  }

  // Each word is an RE2 pattern on its own, checked here so that a bad one
  // is reported where it is written.
  bool words(const toml::node& node, const std::string& what, WordTable* w) {
    std::vector<std::string> texts;
    std::vector<const toml::node*> nodes;
    if (!r_.string_list(node, what, &texts, &nodes)) return false;
    for (size_t i = 0; i < texts.size(); ++i) {
      PatternRule p;
      if (!r_.pattern(*nodes[i], texts[i], &p)) return false;
      w->words.push_back(texts[i]);
    }
    return true;
  }

  bool shape(const toml::node& node, const std::string& what, WordTable* w) {
    std::string text;
    if (!r_.string_value(node, what + ".shape", &text)) return false;
    size_t slot = text.find(kSlot);
    if (slot == std::string::npos || text.find(kSlot, slot + 1) != std::string::npos)
      return r_.fail(node.source(), what + ".shape must hold {} (where the words go) once");
    // Checked with an empty group in the slot: same length, so a bad part
    // is pointed at where it is written.
    std::string probe = text;
    probe.replace(slot, kSlot.size(), "()");
    PatternRule p;
    if (!r_.pattern(node, probe, &p)) return false;
    w->shape = text;
    w->shape_at = r_.ref(node);
    return true;
  }

  bool favors(const toml::node& node, const std::string& what, WordTable* w) {
    std::vector<std::string> names;
    std::vector<const toml::node*> nodes;
    if (!r_.string_list(node, what, &names, &nodes)) return false;
    PerFavor<bool> applies{false, false, false};
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == "balanced") applies.balanced = true;
      else if (names[i] == "precision") applies.precision = true;
      else if (names[i] == "recall") applies.recall = true;
      else return r_.fail(nodes[i]->source(), what + ": \"" + names[i] + "\" is not a mode (balanced, precision, recall)");
    }
    w->applies = applies;
    return true;
  }

  bool params(const toml::node& node) { return params(node, "params", &out_->params, &out_->given); }

  bool params(const toml::node& node, const std::string& name, GenericParams* out, std::vector<bool>* given) {
    const toml::table* t = table(node, name);
    if (!t) return false;
    for (auto&& [key, v] : *t) {
      size_t i = 0;
      while (i < kParamCount && key.str() != kParams[i].name) ++i;
      if (i == kParamCount)
        return r_.fail(v.source(), "unknown parameter '" + std::string(key.str()) + "' in [generic." + name +
                                       "] (rules/generic.toml lists them)");
      const std::string what = "generic." + name + "." + std::string(key.str());
      const toml::node& node_v = v;  // clang before 16 cannot capture a structured binding
      bool ok = std::visit([&](auto member) { return value(node_v, what, &(out->*member)); }, kParams[i].member);
      if (!ok) return false;
      (*given)[i] = true;
    }
    return true;
  }

  // [generic.types.NAME], NAME a page type other than "auto".
  bool types(const toml::node& node) {
    const toml::table* t = table(node, "types");
    if (!t) return false;
    for (auto&& [key, v] : *t) {
      PageType type;
      std::string name(key.str());
      if (!parse_page_type(name, &type) || type == PageType::kAuto)
        return r_.fail(v.source(), "unknown page type [generic.types." + name +
                                       "] (known: article, forum, product, collection, listing, documentation, "
                                       "service)");
      if (!type_table(v, name, &out_->types[name])) return false;
    }
    return true;
  }

  bool type_table(const toml::node& node, const std::string& name, TypeTable* out) {
    const std::string what = "types." + name;
    const toml::table* t = table(node, what);
    if (!t) return false;
    out->where = r_.ref(node);
    out->given.assign(kParamCount, false);
    WordTable scratch;
    for (auto&& [key, v] : *t) {
      std::string_view k = key.str();
      const std::string at = "generic." + what + "." + std::string(k);
      bool ok = true;
      if (k == "url" || k == "content_hints" || k == "likely" || k == "unlikely" || k == "box_titles") {
        scratch.words.clear();
        ok = words(v, at, &scratch);
        (k == "url"          ? out->url
         : k == "likely"     ? out->likely
         : k == "unlikely"   ? out->unlikely
         : k == "box_titles" ? out->box_titles
                             : out->content_hints) = scratch.words;
      } else if (k == "schema" || k == "og_type") {
        ok = r_.string_list(v, at, k == "schema" ? &out->schema : &out->og_type);
      } else if (k == "og_type_yields_to") {
        std::vector<std::string> names;
        ok = r_.string_list(v, at, &names);
        for (size_t i = 0; ok && i < names.size(); ++i) {
          PageType pt = PageType::kAuto;
          if (!parse_page_type(names[i], &pt) || pt == PageType::kAuto)
            ok = r_.fail(v.source(), at + ": \"" + names[i] + "\" is not a page type");
          else
            out->og_type_yields_to.push_back(pt);
        }
      } else if (k == "cards") {
        ok = cards(v, at, out);
      } else if (k == "items") {
        ok = items(v, at, out);
      } else if (k == "teasers_are_content" || k == "container_by_text" || k == "keep_outside_prose" ||
                 k == "lay_out_hidden" || k == "declared_description") {
        bool b = false;
        ok = value(v, at, &b);
        (k == "teasers_are_content"  ? out->teasers_are_content
         : k == "container_by_text"  ? out->container_by_text
         : k == "lay_out_hidden"     ? out->lay_out_hidden
         : k == "declared_description" ? out->declared_description
                                     : out->keep_outside_prose) = b;
      } else if (k == "params") {
        ok = params(v, what + ".params", &out->params, &out->given);
      } else if (k == "fallback" && name == "article") {
        std::string type;
        PageType pt = PageType::kAuto;
        ok = r_.string_value(v, at, &type);
        if (ok && (!parse_page_type(type, &pt) || pt == PageType::kAuto))
          ok = r_.fail(v.source(), at + ": \"" + type + "\" is not a page type");
        out->fallback = pt;
      } else if (k == "fallback_unsigned_below" && name == "article") {
        uint32_t n = 0;
        ok = count(v, at, &n);
        out->fallback_unsigned_below = n;
      } else if ((k == "fallback_share" || k == "fallback_short_share") && name == "article") {
        Share share;
        ok = value(v, at, &share);
        (k == "fallback_share" ? out->fallback_share : out->fallback_short_share) = share;
      } else if (k == "fallback_short_below" && name == "article") {
        uint32_t n = 0;
        ok = count(v, at, &n);
        out->fallback_short_below = n;
      } else {
        ok = r_.fail(v.source(), "unknown key '" + std::string(k) + "' in [generic." + what +
                                     "] (known: url, schema, og_type, og_type_yields_to, items, cards, teasers_are_content, "
                                     "container_by_text, keep_outside_prose, lay_out_hidden, declared_description, content_hints, "
                                     "likely, unlikely, box_titles, params; "
                                     "article: fallback, fallback_unsigned_below, fallback_share, fallback_short_below, "
                                     "fallback_short_share)");
      }
      if (!ok) return false;
    }
    return true;
  }

  // items = { words = [...], min = N }: N elements whose class or id has
  // one of the words.
  bool items(const toml::node& node, const std::string& what, TypeTable* out) {
    const toml::table* t = node.as_table();
    if (!t) return r_.fail(node.source(), what + " must be { words = [...], min = N }");
    for (auto&& [key, v] : *t) {
      WordTable scratch;
      if (key.str() == "words") {
        if (!words(v, what + ".words", &scratch)) return false;
        out->item_words = scratch.words;
      } else if (key.str() == "min") {
        if (!count(v, what + ".min", &out->item_min)) return false;
      } else {
        return r_.fail(v.source(), "unknown key '" + std::string(key.str()) + "' in " + what + " (known: words, min)");
      }
    }
    return true;
  }

  // cards = { min = N, prose_below = K, prose_chars = C }: all three.
  bool cards(const toml::node& node, const std::string& what, TypeTable* out) {
    const toml::table* t = node.as_table();
    if (!t) return r_.fail(node.source(), what + " must be { min = N, prose_below = K, prose_chars = C }");
    for (auto&& [key, v] : *t) {
      const std::string k(key.str());
      uint32_t* field = k == "min" ? &out->cards_min : k == "prose_below" ? &out->cards_prose_below
                        : k == "prose_chars"                          ? &out->cards_prose_chars
                                                                       : nullptr;
      if (!field)
        return r_.fail(v.source(), "unknown key '" + k + "' in " + what + " (known: min, prose_below, prose_chars)");
      if (!count(v, what + "." + k, field)) return false;
    }
    if (out->cards_min == 0 || out->cards_prose_below == 0 || out->cards_prose_chars == 0)
      return r_.fail(node.source(), what + " needs min, prose_below and prose_chars, each above 0");
    return true;
  }

  bool value(const toml::node& v, const std::string& what, uint32_t* out) { return count(v, what, out); }

  bool count(const toml::node& v, const std::string& what, uint32_t* out) {
    auto n = v.value<int64_t>();
    if (!v.is_integer() || !n || *n < 0 || *n > kMaxCount)
      return r_.fail(v.source(), what + " must be a whole number from 0 to " + std::to_string(kMaxCount));
    *out = static_cast<uint32_t>(*n);
    return true;
  }

  // "N/D", or a whole number N (N/1).
  bool value(const toml::node& v, const std::string& what, Share* out) {
    const std::string why = what + " must be a share such as \"1/3\" (or a whole number)";
    int64_t num = 0, den = 1;
    if (v.is_integer()) {
      num = *v.value<int64_t>();
    } else if (auto s = v.value<std::string>()) {
      if (!RE2::FullMatch(*s, R"((\d{1,7})/(\d{1,7}))", &num, &den)) return r_.fail(v.source(), why);
    } else {
      return r_.fail(v.source(), why);
    }
    if (num < 0 || num > kMaxShareTerm || den < 1 || den > kMaxShareTerm) return r_.fail(v.source(), why);
    *out = Share{static_cast<uint32_t>(num), static_cast<uint32_t>(den)};
    return true;
  }

  bool value(const toml::node& v, const std::string& what, double* out) {
    auto d = v.value<double>();  // an integer reads as a number too
    if (!d || (!v.is_floating_point() && !v.is_integer()) || !std::isfinite(*d) || *d < 0 || *d > kMaxCount)
      return r_.fail(v.source(), what + " must be a number from 0 to " + std::to_string(kMaxCount));
    *out = *d;
    return true;
  }

  bool value(const toml::node& v, const std::string& what, bool* out) {
    if (!v.is_boolean()) return r_.fail(v.source(), what + " must be true or false");
    *out = *v.value<bool>();
    return true;
  }

  // One value for every mode, or { balanced = ..., precision = ..., recall = ... }.
  template <typename T>
  bool value(const toml::node& v, const std::string& what, PerFavor<T>* out) {
    const toml::table* t = v.as_table();
    if (!t) {
      T one{};
      if (!value(v, what, &one)) return false;
      *out = PerFavor<T>{one, one, one};
      return true;
    }
    for (auto&& [key, mode] : *t) {
      std::string_view k = key.str();
      T* slot = k == "balanced" ? &out->balanced : k == "precision" ? &out->precision : k == "recall" ? &out->recall : nullptr;
      if (!slot) return r_.fail(mode.source(), what + ": '" + std::string(k) + "' is not a mode (balanced, precision, recall)");
      if (!value(mode, what + "." + std::string(k), slot)) return false;
    }
    if (t->size() != 3) return r_.fail(v.source(), what + " must give balanced, precision and recall");
    return true;
  }

  TomlReader& r_;
  GenericTable* out_;
};

}  // namespace

// "(?:(?:w1)|(?:w2)|...)": each word its own group, so that a flag or an
// alternation inside one stays there.
std::string alternatives(const std::vector<std::string>& words) {
  std::string out = "(?:";
  for (size_t i = 0; i < words.size(); ++i) ((out += i ? "|(?:" : "(?:") += words[i]) += ')';
  return out + ')';
}

bool compile_pattern(const std::string& pattern, const SourceRef& where, const std::string& name, Pattern* out,
                     RuleError* error) {
  RE2::Options opts;
  opts.set_log_errors(false);
  auto re = std::make_shared<RE2>(pattern, opts);
  if (!re->ok()) {
    error->where = where;
    error->message = "[generic." + name + "]: its words do not compile together: " + re->error();
    return false;
  }
  *out = std::move(re);
  return true;
}

// A table's words in its shape, compiled; null if it has no words.
bool compile_words(const GenericTable& table, const std::string& name, Pattern* out, RuleError* error) {
  auto it = table.words.find(name);
  if (it == table.words.end() || it->second.words.empty()) return true;
  const WordTable& w = it->second;
  if (w.shape.empty()) {
    error->where = table.where;
    error->message = "[generic." + name + "] has words but no shape";
    return false;
  }
  std::string pattern = w.shape;
  pattern.replace(pattern.find(kSlot), kSlot.size(), alternatives(w.words));
  return compile_pattern(pattern, w.shape_at, name, out, error);
}

void apply_params(const GenericParams& from, const std::vector<bool>& given, GenericParams* to) {
  for (size_t i = 0; i < kParamCount && i < given.size(); ++i)
    if (given[i]) std::visit([&](auto member) { to->*member = from.*member; }, kParams[i].member);
}

namespace {

bool compile(const std::string& pattern, const SourceRef& where, const std::string& name, Pattern* out,
             RuleError* error) {
  return compile_pattern(pattern, where, name, out, error);
}

std::vector<std::string> words_of(const GenericTable& table, const std::string& name) {
  auto it = table.words.find(name);
  return it == table.words.end() ? std::vector<std::string>() : it->second.words;
}

// The dateline's patterns: a word (its own words, the months, or a
// number), a month, a numeric date or time.
bool compile_date_line(const GenericTable& table, DateLineWords* out, RuleError* error) {
  std::vector<std::string> words = words_of(table, "date_line.words");
  const std::vector<std::string> months = words_of(table, "date_line.months");
  const std::vector<std::string> numeric = words_of(table, "date_line.numeric");
  words.insert(words.end(), months.begin(), months.end());
  words.push_back("\\d+");
  return compile(alternatives(words), table.where, "date_line", &out->word, error) &&
         (months.empty() || compile(alternatives(months), table.where, "date_line", &out->month, error)) &&
         (numeric.empty() || compile(alternatives(numeric), table.where, "date_line", &out->numeric, error));
}

bool check_params(const GenericTable& table, RuleError* error) {
  std::string missing;
  for (size_t i = 0; i < kParamCount; ++i)
    if (i >= table.given.size() || !table.given[i]) (missing += missing.empty() ? "" : ", ") += kParams[i].name;
  if (missing.empty()) return true;
  error->where = table.where;
  error->message = "[generic.params] (with its bases) lacks " + missing;
  return false;
}

bool compile_lines(const GenericTable& table, GenericRules* g, RuleError* error) {
  for (const auto& [name, w] : table.words) {
    if (name.rfind("lines.", 0) != 0 || w.words.empty()) continue;
    LineShape line;
    line.kind = name.substr(6);
    if (!w.whole) {
      error->where = table.where;
      error->message = "[generic." + name + "] needs match = \"whole\" or \"part\"";
      return false;
    }
    line.whole = *w.whole;
    if (w.shorter_than) line.shorter_than = *w.shorter_than;
    if (w.applies) line.applies = *w.applies;
    if (!compile_words(table, name, &line.pattern, error)) return false;
    g->lines.push_back(std::move(line));
  }
  return true;
}

}  // namespace

bool read_generic_table(TomlReader& reader, const toml::node& node, GenericTable* out) {
  return GenericReader(reader, out).read(node);
}

void merge_generic_table(GenericTable* site, const GenericTable& base) {
  for (const auto& [name, b] : base.words) {
    auto [it, added] = site->words.try_emplace(name, b);
    if (added) continue;
    WordTable& s = it->second;
    s.words.insert(s.words.begin(), b.words.begin(), b.words.end());
    if (s.shape.empty()) {
      s.shape = b.shape;
      s.shape_at = b.shape_at;
    }
    if (!s.whole) s.whole = b.whole;
    if (!s.shorter_than) s.shorter_than = b.shorter_than;
    if (!s.applies) s.applies = b.applies;
  }
  site->chrome_tags.insert(site->chrome_tags.begin(), base.chrome_tags.begin(), base.chrome_tags.end());
  site->chrome_roles.insert(site->chrome_roles.begin(), base.chrome_roles.begin(), base.chrome_roles.end());
  site->types.insert(base.types.begin(), base.types.end());  // a site's own type table replaces the base's
  site->given.resize(kParamCount, false);
  for (size_t i = 0; i < kParamCount; ++i) {
    if (site->given[i] || i >= base.given.size() || !base.given[i]) continue;
    std::visit([&](auto member) { site->params.*member = base.params.*member; }, kParams[i].member);
    site->given[i] = true;
  }
}

bool compile_generic_table(const GenericTable& table, std::shared_ptr<const GenericRules>* out, RuleError* error) {
  if (!check_params(table, error)) return false;
  auto g = std::make_shared<GenericRules>();
  g->params = table.params;
  g->chrome_tag.assign(GUMBO_TAG_LAST + 1, 0);
  for (const std::string& tag : table.chrome_tags) g->chrome_tag[gumbo_tag_enum(tag.c_str())] = 1;
  g->chrome_roles = table.chrome_roles;
  bool ok = compile_words(table, "hints.unlikely", &g->unlikely_hint, error) &&
            compile_words(table, "hints.unlikely_prefix", &g->unlikely_prefix, error) &&
            compile_words(table, "hints.image", &g->image_hint, error) &&
            compile_words(table, "hints.likely", &g->likely_hint, error) &&
            compile_words(table, "hints.embedded", &g->embedded_hint, error) &&
            compile_words(table, "hints.modifier", &g->modifier, error) &&
            compile_words(table, "hints.lead", &g->lead_hint, error) &&
            compile_words(table, "box_titles", &g->box_title, error) && compile_lines(table, g.get(), error) &&
            compile_date_line(table, &g->date_line, error);
  if (!ok) return false;
  if (!compile_page_types(table, g.get(), error)) return false;
  *out = std::move(g);
  return true;
}

}  // namespace winnow::rules
