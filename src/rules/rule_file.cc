// Loading rule files: TOML in, a resolved RuleSet out, or one precise error.
#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>
#include <toml++/toml.h>

#include "rules/generic_table.h"
#include "rules/rule_set.h"
#include "rules/toml_reader.h"

namespace winnow::rules {
namespace fs = std::filesystem;
namespace {

constexpr int kMaxExtendsDepth = 8;

// Reads one TOML file into a RuleSet (without resolving `extends`).
class FileReader : public TomlReader {
 public:
  using TomlReader::TomlReader;

  // `extends` is set if the file has the key (even to "").
  bool read(RuleSet* set, std::optional<std::string>* extends, SourceRef* extends_at) {
    toml::table root;
    if (!parse(&root)) return false;
    set->path = path();
    set->name = fs::path(path()).stem().string();
    for (auto&& [key, node] : root) {
      std::string_view k = key.str();
      if (k == "extends") {
        if (!string_value(node, "extends", &extends->emplace())) return false;
        *extends_at = ref(node);
      } else if (k == "description") {
        std::string ignored;
        if (!string_value(node, "description", &ignored)) return false;
      } else if (k == "hosts") {
        std::vector<const toml::node*> nodes;
        if (!string_list(node, "hosts", &set->hosts, &nodes)) return false;
        for (const toml::node* h : nodes) set->host_refs.push_back(ref(*h));
      } else if (k == "article_url") {
        if (!string_value(node, "article_url", &set->article_url_text)) return false;
        PatternRule p;
        if (!pattern(node, set->article_url_text, &p)) return false;
        set->article_url = p.regex;
      } else if (k == "feeds") {
        if (!string_list(node, "feeds", &set->feeds)) return false;
      } else if (k == "listings") {
        if (!string_list(node, "listings", &set->listings)) return false;
      } else if (k == "sitemaps") {
        if (!string_list(node, "sitemaps", &set->sitemaps)) return false;
      } else if (k == "next_page") {
        if (!selector_list(node, "next_page", &set->next_page)) return false;
      } else if (k == "section_skip") {
        if (!string_list(node, "section_skip", &set->section_skip)) return false;
      } else if (k == "dates") {
        if (!dates(node, set)) return false;
      } else if (k == "fields") {
        if (!fields(node, "fields", &set->fields)) return false;
      } else if (k == "meta") {
        if (!fields(node, "meta", &set->meta)) return false;
      } else if (k == "drop") {
        if (!drops(node, set)) return false;
      } else if (k == "find") {
        if (!finds(node, set)) return false;
      } else if (k == "detect") {
        if (!detect(node, &set->detect)) return false;
      } else if (k == "generic") {
        auto table = std::make_shared<GenericTable>();
        if (!read_generic_table(*this, node, table.get())) return false;
        set->generic_table = std::move(table);
      } else {
        return fail(node.source(), "unknown key '" + std::string(k) +
                                       "' (known: extends, description, hosts, article_url, feeds, "
                                       "listings, sitemaps, next_page, section_skip, [dates], [fields], [meta], [find], [detect], "
                                       "[drop.KIND], [generic.*])");
      }
    }
    return true;
  }

 private:
  bool selector(const toml::node& node, const std::string& text, SelectorRule* out) {
    html::SelectorError err;
    auto sel = html::Selector::parse(text, &err);
    // Point into the string, at the character the selector parser named.
    if (!sel)
      return fail_in_string(node, err.column > 0 ? err.column - 1 : 0, "bad selector \"" + text + "\": " + err.message);
    out->selector = std::move(*sel);
    out->where = ref(node);
    return true;
  }

  bool selector_list(const toml::node& node, std::string_view what, std::vector<SelectorRule>* out) {
    std::vector<std::string> texts;
    std::vector<const toml::node*> nodes;
    if (!string_list(node, what, &texts, &nodes)) return false;
    for (size_t i = 0; i < texts.size(); ++i) {
      SelectorRule rule;
      if (!selector(*nodes[i], texts[i], &rule)) return false;
      out->push_back(std::move(rule));
    }
    return true;
  }

  // A field entry: "selector", or { selector = "...", take = "first" | "last" }.
  bool field_entry(const toml::node& node, const std::string& what, SelectorRule* out) {
    if (auto s = node.value<std::string>()) return selector(node, *s, out);
    const toml::table* t = node.as_table();
    if (!t) return fail(node.source(), what + ": each entry must be a selector string or "
                                              "{ selector = \"...\", take = \"last\" }");
    const toml::node* sel = t->get("selector");
    if (!sel || !sel->is_string()) return fail(node.source(), what + ": the entry needs selector = \"...\"");
    if (!selector(*sel, *sel->value<std::string>(), out)) return false;
    for (auto&& [key, v] : *t) {
      if (key.str() == "selector") continue;
      if (key.str() != "take") return fail(v.source(), what + ": unknown key '" + std::string(key.str()) +
                                                           "' (known: selector, take)");
      auto take = v.value<std::string>();
      if (!take || (*take != "first" && *take != "last"))
        return fail(v.source(), what + ": take must be \"first\" or \"last\"");
      out->take_last = *take == "last";
    }
    return true;
  }

  bool fields(const toml::node& node, std::string_view table, std::vector<Field>* out) {
    const toml::table* t = node.as_table();
    if (!t) return fail(node.source(), "[" + std::string(table) + "] must be a table of selector lists");
    for (auto&& [key, value] : *t) {
      Field f;
      f.name = std::string(key.str());
      std::string what = std::string(table) + "." + f.name;
      if (const toml::array* arr = value.as_array()) {
        for (const toml::node& item : *arr) {
          SelectorRule rule;
          if (!field_entry(item, what, &rule)) return false;
          f.selectors.push_back(std::move(rule));
        }
      } else {
        SelectorRule rule;
        if (!field_entry(value, what, &rule)) return false;
        f.selectors.push_back(std::move(rule));
      }
      out->push_back(std::move(f));
    }
    return true;
  }

  bool drops(const toml::node& node, RuleSet* set) {
    const toml::table* t = node.as_table();
    if (!t) return fail(node.source(), "[drop] must hold one table per kind, e.g. [drop.navigation]");
    for (auto&& [kind, value] : *t) {
      const toml::table* k = value.as_table();
      std::string name(kind.str());
      if (!k) return fail(value.source(), "[drop." + name + "] must be a table (selectors, lines, between)");
      DropKind d;
      d.kind = name;
      for (auto&& [key, v] : *k) {
        std::string_view what = key.str();
        if (what == "selectors") {
          if (!selector_list(v, "drop." + name + ".selectors", &d.selectors)) return false;
        } else if (what == "lines") {
          std::vector<std::string> texts;
          std::vector<const toml::node*> nodes;
          if (!string_list(v, "drop." + name + ".lines", &texts, &nodes)) return false;
          for (size_t i = 0; i < texts.size(); ++i) {
            PatternRule p;
            if (!pattern(*nodes[i], texts[i], &p)) return false;
            d.lines.push_back(std::move(p));
          }
        } else if (what == "between") {
          if (!between(v, name, &d.between)) return false;
        } else {
          return fail(v.source(), "unknown key '" + std::string(what) + "' in [drop." + name +
                                      "] (known: selectors, lines, between)");
        }
      }
      set->drops.push_back(std::move(d));
    }
    return true;
  }

  // between = [["from comment pattern", "to comment pattern"], ...]
  bool between(const toml::node& node, const std::string& kind, std::vector<BetweenRule>* out) {
    const toml::array* arr = node.as_array();
    if (!arr) return fail(node.source(), "drop." + kind + ".between must be an array of [from, to] pairs");
    for (const toml::node& pair : *arr) {
      const toml::array* p = pair.as_array();
      if (!p || p->size() != 2 || !p->get(0)->is_string() || !p->get(1)->is_string())
        return fail(pair.source(), "drop." + kind + ".between: each entry must be [\"from\", \"to\"]");
      BetweenRule b;
      PatternRule from, to;
      if (!pattern(*p->get(0), *p->get(0)->value<std::string>(), &from)) return false;
      if (!pattern(*p->get(1), *p->get(1)->value<std::string>(), &to)) return false;
      b.from = from.regex;
      b.to = to.regex;
      b.text = from.text + " .. " + to.text;
      b.where = ref(pair);
      out->push_back(std::move(b));
    }
    return true;
  }

  // [detect] selectors = [...], supporting = [...], comments = ['pattern',
  // ...]: the platform's markers. A table that could never match (no marker,
  // or a single supporting one) is refused.
  bool detect(const toml::node& node, DetectRules* out) {
    const toml::table* t = node.as_table();
    if (!t) return fail(node.source(), "[detect] must be a table (selectors, comments)");
    for (auto&& [key, v] : *t) {
      std::string_view k = key.str();
      if (k == "selectors") {
        if (!selector_list(v, "detect.selectors", &out->selectors)) return false;
      } else if (k == "supporting") {
        if (!selector_list(v, "detect.supporting", &out->supporting)) return false;
      } else if (k == "comments") {
        std::vector<std::string> texts;
        std::vector<const toml::node*> nodes;
        if (!string_list(v, "detect.comments", &texts, &nodes)) return false;
        for (size_t i = 0; i < texts.size(); ++i) {
          PatternRule p;
          if (!pattern(*nodes[i], texts[i], &p)) return false;
          out->comments.push_back(std::move(p));
        }
      } else {
        return fail(v.source(),
                    "unknown key '" + std::string(k) + "' in [detect] (known: selectors, supporting, comments)");
      }
    }
    if (out->empty())
      return fail(node.source(), "[detect] lists no marker (selectors, comments, or two supporting selectors)");
    return true;
  }

  // [find] field = 'pattern' (one pattern per field).
  bool finds(const toml::node& node, RuleSet* set) {
    const toml::table* t = node.as_table();
    if (!t) return fail(node.source(), "[find] must map field names to patterns");
    for (auto&& [key, v] : *t) {
      std::string text;
      if (!string_value(v, "find." + std::string(key.str()), &text)) return false;
      FindRule f;
      f.field = std::string(key.str());
      if (!pattern(v, text, &f.pattern)) return false;
      set->find.push_back(std::move(f));
    }
    return true;
  }

  bool dates(const toml::node& node, RuleSet* set) {
    const toml::table* t = node.as_table();
    if (!t) return fail(node.source(), "[dates] must be a table (formats, utc_offset)");
    for (auto&& [key, v] : *t) {
      std::string_view k = key.str();
      if (k == "formats") {
        std::vector<std::string> texts;
        std::vector<const toml::node*> nodes;
        if (!string_list(v, "dates.formats", &texts, &nodes)) return false;
        for (size_t i = 0; i < texts.size(); ++i) {
          std::string err;
          auto f = DateFormat::compile(texts[i], &err);
          if (!f) return fail(nodes[i]->source(), "bad date format \"" + texts[i] + "\": " + err);
          set->date_formats.push_back(std::move(*f));
        }
      } else if (k == "utc_offset") {
        std::string s;
        if (!string_value(v, "dates.utc_offset", &s)) return false;
        set->utc_offset = parse_utc_offset(s);
        if (!set->utc_offset) return fail(v.source(), "bad utc_offset \"" + s + "\" (e.g. \"+07:00\")");
      } else {
        return fail(v.source(), "unknown key '" + std::string(k) + "' in [dates] (known: formats, utc_offset)");
      }
    }
    return true;
  }

};

// Site entries first, then the base's: the site's own selectors are tried
// before the shared fallbacks.
void merge_fields(std::vector<Field>* site, const std::vector<Field>& base) {
  for (const Field& b : base) {
    auto it = std::find_if(site->begin(), site->end(), [&](const Field& f) { return f.name == b.name; });
    if (it == site->end()) {
      site->push_back(b);
    } else {
      it->selectors.insert(it->selectors.end(), b.selectors.begin(), b.selectors.end());
    }
  }
}

void merge_drops(std::vector<DropKind>* site, const std::vector<DropKind>& base) {
  for (const DropKind& b : base) {
    auto it = std::find_if(site->begin(), site->end(), [&](const DropKind& d) { return d.kind == b.kind; });
    if (it == site->end()) {
      site->push_back(b);
      continue;
    }
    it->selectors.insert(it->selectors.begin(), b.selectors.begin(), b.selectors.end());
    it->lines.insert(it->lines.begin(), b.lines.begin(), b.lines.end());
    it->between.insert(it->between.begin(), b.between.begin(), b.between.end());
  }
}

void merge_base(RuleSet* set, const RuleSet& base) {
  merge_fields(&set->fields, base.fields);
  merge_fields(&set->meta, base.meta);
  merge_drops(&set->drops, base.drops);
  for (const FindRule& f : base.find) {
    bool has = std::any_of(set->find.begin(), set->find.end(),
                           [&](const FindRule& g) { return g.field == f.field; });
    if (!has) set->find.push_back(f);
  }
  set->date_formats.insert(set->date_formats.end(), base.date_formats.begin(), base.date_formats.end());
  if (!set->utc_offset) set->utc_offset = base.utc_offset;
  for (const std::string& s : base.section_skip)
    if (std::find(set->section_skip.begin(), set->section_skip.end(), s) == set->section_skip.end())
      set->section_skip.push_back(s);
  if (set->feeds.empty()) set->feeds = base.feeds;
  if (set->sitemaps.empty()) set->sitemaps = base.sitemaps;
  set->next_page.insert(set->next_page.end(), base.next_page.begin(), base.next_page.end());
  set->chain.insert(set->chain.end(), base.chain.begin(), base.chain.end());
  if (!set->generic_table) {
    set->generic_table = base.generic_table;
    set->generic = base.generic;
  } else if (base.generic_table) {
    auto merged = std::make_shared<GenericTable>(*set->generic_table);
    merge_generic_table(merged.get(), *base.generic_table);
    set->generic_table = std::move(merged);
  }
}

// A file with [generic] tables of its own compiles them (with its bases');
// one without shares its base's, compiled once.
bool compile_generic(bool own, RuleSet* set, RuleError* error) {
  return !own || compile_generic_table(*set->generic_table, &set->generic, error);
}

// A rule name: a file name in the rules directory without ".toml", and
// nothing else (no path, no NUL, no "..").
bool is_rule_name(std::string_view name) {
  if (name.empty() || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

// A string as it can stand in a one-line message: quotes, backslashes and
// control characters (a NUL, a newline) escaped as TOML writes them.
std::string printable(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(static_cast<unsigned char>(c)));
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

// Bases resolved so far, by path (RuleLoader).
using Resolved = std::map<std::string, RuleSet>;

bool load_resolved(const std::string& path, int depth, std::vector<std::string>* seen, RuleSet* set,
                   RuleError* error, Resolved* resolved) {
  std::optional<std::string> extends;
  SourceRef extends_at{path, 1, 1};
  FileReader reader(path, error);
  if (!reader.read(set, &extends, &extends_at)) return false;
  set->chain = {set->path};
  const bool own_generic = set->generic_table != nullptr;
  if (!extends) return compile_generic(own_generic, set, error);
  // Names resolve in the directory of the file that names them: the rules
  // directory, for a library.
  const fs::path dir = fs::path(path).parent_path();
  if (!is_rule_name(*extends)) {
    error->where = extends_at;
    error->message = "extends \"" + printable(*extends) + "\": not a rule name (letters, digits, '.', '_', '-'), " +
                     "resolved in " + (dir.empty() ? std::string(".") : dir.string());
    return false;
  }
  fs::path base_path = dir / (*extends + ".toml");
  std::string base = base_path.lexically_normal().string();
  if (std::find(seen->begin(), seen->end(), base) != seen->end() || depth >= kMaxExtendsDepth) {
    error->where = extends_at;
    error->message = "extends \"" + *extends + "\" makes a cycle (or a chain deeper than " +
                     std::to_string(kMaxExtendsDepth) + ")";
    return false;
  }
  std::error_code ec;
  if (!fs::exists(base_path, ec)) {
    error->where = extends_at;
    error->message = "extends \"" + *extends + "\": no file " + base;
    return false;
  }
  seen->push_back(base);
  RuleSet base_set;
  // A base resolved before serves again if its chain fits under this file.
  auto done = resolved ? resolved->find(base) : Resolved::iterator();
  if (resolved && done != resolved->end() && depth + done->second.chain.size() <= size_t{kMaxExtendsDepth}) {
    merge_base(set, done->second);
    return compile_generic(own_generic, set, error);
  }
  if (!load_resolved(base, depth + 1, seen, &base_set, error, resolved)) {
    // A base that cannot be read at all (a FIFO, too large) is named from
    // the `extends` that led to it.
    if (error->where.file == base && error->where.line == 0) {
      error->message = "extends \"" + *extends + "\": " + base + ": " + error->message;
      error->where = extends_at;
    }
    return false;
  }
  merge_base(set, base_set);
  if (resolved) resolved->insert_or_assign(base, std::move(base_set));
  return compile_generic(own_generic, set, error);
}

std::string lower_host(std::string_view host) {
  std::string h(host);
  for (char& c : h) c = (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c;
  while (!h.empty() && h.back() == '.') h.pop_back();
  return h;
}

}  // namespace

const Field* RuleSet::field(std::string_view name) const {
  for (const Field& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

const Field* RuleSet::meta_field(std::string_view name) const {
  for (const Field& f : meta)
    if (f.name == name) return &f;
  return nullptr;
}

bool RuleLoader::load(const std::string& path, RuleSet* set, RuleError* error) {
  if (auto done = bases_.find(path); done != bases_.end()) {
    *set = done->second;
    return true;
  }
  std::vector<std::string> seen = {fs::path(path).lexically_normal().string()};
  return load_resolved(path, 0, &seen, set, error, &bases_);
}

bool load_rule_file(const std::string& path, RuleSet* set, RuleError* error) {
  return RuleLoader().load(path, set, error);
}

bool load_rule_library(const std::string& dir, RuleLibrary* library, RuleError* error) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    error->where = SourceRef{dir, 0, 0};
    error->message = "not a directory of rule files";
    return false;
  }
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && entry.path().extension() == ".toml")
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  RuleLibrary lib;
  lib.dir = dir;
  std::set<std::string> hosts;
  RuleLoader loader;  // the sites share their bases: each is read and compiled once
  for (const std::string& f : files) {
    RuleSet set;
    if (!loader.load(f, &set, error)) return false;
    for (size_t k = 0; k < set.hosts.size(); ++k) {
      const std::string& h = set.hosts[k];
      if (!hosts.insert(lower_host(h)).second) {
        error->where = k < set.host_refs.size() ? set.host_refs[k] : SourceRef{f, 1, 1};
        error->message = "host " + h + " is already served by another rule file";
        return false;
      }
    }
    lib.sets.push_back(std::move(set));
  }
  *library = std::move(lib);
  return true;
}

const RuleSet* RuleLibrary::by_name(std::string_view name) const {
  for (const RuleSet& s : sets)
    if (s.name == name) return &s;
  return nullptr;
}

const RuleSet* RuleLibrary::for_host(std::string_view host_in) const {
  std::string host = lower_host(host_in);
  auto exact = [&](std::string_view h) -> const RuleSet* {
    for (const RuleSet& s : sets)
      for (const std::string& sh : s.hosts)
        if (lower_host(sh) == h) return &s;
    return nullptr;
  };
  // The host itself, then each parent domain (m.thoidai.com.vn -> thoidai.com.vn).
  std::string_view h = host;
  while (!h.empty()) {
    if (const RuleSet* s = exact(h)) return s;
    size_t dot = h.find('.');
    if (dot == std::string_view::npos) break;
    h.remove_prefix(dot + 1);
    if (h.find('.') == std::string_view::npos) break;  // never match a bare TLD
  }
  return nullptr;
}

}  // namespace winnow::rules
