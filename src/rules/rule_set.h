// Rules: what a site's article is made of and what is boilerplate, as data.
//
// A rule file (rules/<name>.toml) names the hosts it serves, the article URL
// pattern, the kept fields (title, dateline, lead, body, byline) as
// selectors, metadata selectors (section, caption), drop rules grouped by
// named kind, and date formats. A file may `extends` another; the three
// sites extend the shared "mastercms" base, which extends "generic" (drops
// that hold on any site, and the generic extractor's vocabulary and
// thresholds: its [generic.*] tables, generic_table.h). See docs/adding-a-site.md.
#ifndef WINNOW_RULES_RULE_SET_H_
#define WINNOW_RULES_RULE_SET_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "html/select.h"
#include "winnow/rule_error.h"
#include "winnow/source_ref.h"

namespace re2 { class RE2; }

namespace winnow::rules {

struct GenericRules;  // generic_rules.h
struct GenericTable;  // generic_table.h

struct SelectorRule {
  html::Selector selector;
  SourceRef where;
  // For fields: take the last usable match instead of the first (a byline
  // is the last right-aligned paragraph of a body, whatever empty ones follow).
  bool take_last = false;
};

struct PatternRule {
  std::shared_ptr<const re2::RE2> regex;  // compiled once, at load
  std::string text;
  SourceRef where;
};

// Everything between two comments, e.g. <!--googleoff: all--> ... <!--googleon: all-->.
struct BetweenRule {
  std::shared_ptr<const re2::RE2> from, to;  // matched against comment text
  std::string text;                          // "googleoff: all .. googleon: all"
  SourceRef where;
};

// One named kind of boilerplate: navigation, weather, related, ...
struct DropKind {
  std::string kind;
  std::vector<SelectorRule> selectors;  // elements removed with their content
  std::vector<PatternRule> lines;       // text lines removed (whole-line match)
  std::vector<BetweenRule> between;
};

// A kept field or a metadata field: selectors tried in order; the first one
// that matches a rendered element outside every drop gives the field.
struct Field {
  std::string name;
  std::vector<SelectorRule> selectors;
};

// A field found by its text when none of its selectors matched: the first
// small visible element before the body whose whole text matches.
struct FindRule {
  std::string field;
  PatternRule pattern;
};

// A platform's markers (a base's [detect] table): any one of `selectors` or
// `comments` on a page, or two different `supporting` ones, makes that base
// serve it when no rule file serves its host (detect.h).
struct DetectRules {
  std::vector<SelectorRule> selectors;   // an element matching any of them
  std::vector<SelectorRule> supporting;  // markup other systems copy: two different ones
  std::vector<PatternRule> comments;     // a comment whose text matches (partial match)
  bool empty() const { return selectors.empty() && supporting.size() < 2 && comments.empty(); }
};

struct RuleSet {
  std::string name;               // file stem: "thoidai.com.vn", "mastercms"
  std::string path;               // the file itself
  std::vector<std::string> chain; // this file, then each base it extends
  std::vector<std::string> hosts; // empty for bases
  std::vector<SourceRef> host_refs;  // where each host is written
  std::shared_ptr<const re2::RE2> article_url;
  std::string article_url_text;

  std::vector<Field> fields;      // kept text: title, dateline, lead, body, byline...
  std::vector<Field> meta;        // read, not kept: section, caption, tags...
  std::vector<FindRule> find;     // text-found fallbacks for kept fields
  std::vector<DropKind> drops;

  std::vector<DateFormat> date_formats;
  std::optional<int> utc_offset;  // minutes; the site's zone for datelines
  std::vector<std::string> section_skip;  // breadcrumb entries that are not sections

  // This file's own platform markers; never inherited (a site file that
  // extends a base must not be chosen for other hosts by the base's markers).
  DetectRules detect;

  // Crawl discovery (used by `winnow crawl`).
  std::vector<std::string> feeds;     // RSS paths or URLs
  std::vector<std::string> listings;  // section listing paths or URLs
  std::vector<std::string> sitemaps;  // XML sitemaps or sitemap indexes, paths or URLs
  std::vector<SelectorRule> next_page;  // a listing page's link to the next one

  // The generic extractor's vocabulary and thresholds: the [generic.*]
  // tables of this file and its bases, compiled at load; null if none of
  // them has any. (generic_table: the same as written, for a file that
  // extends this one to add to.)
  std::shared_ptr<const GenericRules> generic;
  std::shared_ptr<const GenericTable> generic_table;

  const Field* field(std::string_view name) const;
  const Field* meta_field(std::string_view name) const;
};

// All rule files of a directory, resolved.
struct RuleLibrary {
  std::string dir;
  std::vector<RuleSet> sets;  // every file, bases included, sorted by name

  // The site rule set serving `host` ("www." and "m." are tried off too, then
  // parent domains); nullptr if none.
  const RuleSet* for_host(std::string_view host) const;
  const RuleSet* by_name(std::string_view name) const;
};

// Loads rule files one at a time, each base read and compiled once however
// many files extend it (the generic extractor's tables are the costly
// part): for a directory whose files do not change while it is in use.
// load_rule_library uses one per load; the rules fuzz target one for all
// its inputs. Only bases are kept: a file asked for by name is read
// afresh, unless it was read before as another file's base.
class RuleLoader {
 public:
  bool load(const std::string& path, RuleSet* set, RuleError* error);

 private:
  std::map<std::string, RuleSet> bases_;  // resolved, by path
};

// Loads and checks every *.toml in `dir`. On the first broken file returns
// false with the error (file:line:col and why); nothing is half-loaded.
bool load_rule_library(const std::string& dir, RuleLibrary* library, RuleError* error);

// Loads one file (and its bases from the same directory).
bool load_rule_file(const std::string& path, RuleSet* set, RuleError* error);

}  // namespace winnow::rules

#endif  // WINNOW_RULES_RULE_SET_H_
