// clean(): the rule set by host, the drift check, the generic fallback.
#include "winnow/clean.h"

#include <re2/re2.h>

#include <algorithm>

#include "base/stage_clock.h"
#include "extract/clean.h"
#include "extract/generic.h"
#include "extract/language.h"
#include "extract/page_fields.h"
#include "extract/text.h"
#include "rules/detect.h"
#include "winnow/internal.h"
#include "winnow/markup.h"

namespace winnow {
namespace {

// The rule set `clean` would use for this document: the rule file serving
// its host, else (request.generic aside) a base whose platform markers the
// page shows; `url` gets the URL the host was read from.
struct Chosen {
  const rules::RuleSet* set = nullptr;
  rules::Detection detected;  // detected.set: chosen by its markers, not by host
};

Chosen rules_for(const rules::RuleLibrary& library, const Document& doc, const CleanRequest& request,
                 std::string* url) {
  *url = request.url.empty() ? extract::declared_url(doc.parsed->meta) : request.url;
  std::string host = extract::url_host(*url);
  Chosen c;
  if (request.generic) return c;
  c.set = host.empty() ? nullptr : library.for_host(host);
  if (!c.set) {
    c.detected = rules::detect_platform(library, doc.parsed->page.tree);
    c.set = c.detected.set;
  }
  return c;
}

// "div.__MASTERCMS_CONTENT (rules/mastercms.toml:12) on page line 840".
std::string marker_text(const rules::Detection& d, const html::Tree& tree) {
  unsigned line = tree.source_line(d.node);
  return d.marker + " (" + d.where.to_string() + ")" + (line ? " on page line " + std::to_string(line) : "");
}

// What the page's relative links are relative to: its <base href> (itself
// made absolute against the URL), else its URL.
std::string base_url(const html::Tree& tree, const std::string& url) {
  for (html::NodeId id = 0; id < tree.size(); ++id) {
    if (!tree.is_element(id)) continue;
    if (tree[id].tag == GUMBO_TAG_BODY) break;  // <base> stands in the head
    if (tree[id].tag != GUMBO_TAG_BASE) continue;
    std::string_view href = tree.attr(id, "href");
    if (href.empty()) continue;
    std::string base = extract::absolute_url(href, url);
    return base.empty() ? url : base;
  }
  return url;
}

size_t text_chars(const Article& a) {
  size_t n = 0;
  for (const std::string& line : a.lines)
    n += extract::code_points(line);
  return n;
}

// Drift: the site's template moved and its rules keep little or nothing.
// Rules that hold keep the title, dateline, lead, captions and body, so
// their text is at least the generic extractor's; less than a third of it
// (or a required field that matched nothing) means the rules went stale,
// and the generic result is the better article. Only pages whose rules kept
// little pay for the second extraction.
void check_drift(const internal::ParsedPage& doc, const CleanRequest& request, const rules::RuleSet& set,
                 Article* art) {
  constexpr size_t kSuspect = 1500;  // rules text under this many chars is checked
  if (!set.generic) return;  // no generic extractor to compare with
  bool field_missing = !art->missing_fields.empty();
  size_t kept = text_chars(*art);
  if (!field_missing && kept >= kSuspect) return;
  extract::GenericOptions gopts;
  gopts.favor = request.favor;
  gopts.include_hidden = request.include_hidden;
  gopts.url = request.url;
  Article generic = extract::extract_generic(doc.page, doc.meta, *set.generic, gopts);
  size_t found = text_chars(generic);
  if (found < 200 || kept * 3 >= found) return;
  // A base chosen by detection serves no site: name the base.
  std::string whose = art->site.empty() ? "the " + set.name + " rules (chosen by detection)" : art->site + "'s rules";
  std::string why = "drift: " + whose + " kept " + std::to_string(kept) +
                    " characters, the generic extractor found " + std::to_string(found) +
                    "; the generic result is used (" + art->rules_path + " may need updating)";
  generic.warnings.insert(generic.warnings.begin(), art->warnings.begin(), art->warnings.end());
  generic.warnings.push_back(why);
  generic.site = art->site;
  generic.rules_path = art->rules_path;
  // What the rules did find of the metadata still holds.
  if (art->title) generic.title = art->title;
  if (art->published) {
    generic.published = art->published;
    generic.published_from = art->published_from;
  }
  if (art->modified) {
    generic.modified = art->modified;
    generic.modified_from = art->modified_from;
  }
  if (art->section) generic.section = art->section;
  if (art->byline) {
    generic.byline = art->byline;
    generic.authors.clear();  // read from the rules' byline (complete_page_fields)
  }
  if (art->lead) generic.lead = art->lead;
  generic.drift = true;
  *art = std::move(generic);
}

}  // namespace

Article clean(const rules::RuleLibrary& library, const Document& document, const CleanRequest& request) {
  StageTimer timer(Stage::kClean);
  const internal::ParsedPage& doc = *document.parsed;
  std::string url;
  const Chosen chosen = rules_for(library, document, request, &url);
  const rules::RuleSet* set = chosen.set;
  std::vector<std::string> warnings = document.warnings;
  Article art;
  // The page's authors as the generic extractor finds them, read again by
  // complete_page_fields rather than looked for twice.
  extract::FoundAuthors found_authors;
  const rules::RuleSet* generic_drops = library.by_name("generic");
  std::string host = extract::url_host(url);
  std::string no_rules = request.generic ? std::string("rules switched off")
                         : host.empty()  ? std::string("page has no URL (give --url)")
                                         : "no rule file serves " + host;
  // The page minus the site-independent drops alone.
  auto whole_page_generic_drops = [&] {
    extract::CleanOptions opts;
    opts.whole_page = true;
    opts.include_hidden = request.include_hidden;
    return extract::clean_page(doc.page, doc.meta, generic_drops ? *generic_drops : rules::RuleSet{}, opts);
  };
  if (!set && request.whole_page) {
    art = whole_page_generic_drops();
    warnings.push_back(no_rules + ": cleaned whole-page with the site-independent drops only" +
                       (generic_drops ? " (" + generic_drops->path + ")" : std::string(" (no generic rules found)")));
  } else if (!set) {
    // The generic extractor's vocabulary: generic.toml's [generic] tables.
    const rules::GenericRules* vocabulary = generic_drops ? generic_drops->generic.get() : nullptr;
    std::string how = "the generic extractor found the article";
    if (vocabulary) {
      extract::GenericOptions gopts;
      gopts.favor = request.favor;
      gopts.include_hidden = request.include_hidden;
      gopts.url = url;
      gopts.type = request.page_type;
      gopts.found_authors = &found_authors;
      art = extract::extract_generic(doc.page, doc.meta, *vocabulary, gopts);
    } else {
      art.extractor = "generic";
      how = "no generic extractor ([generic] tables) in the rules";
    }
    // No body line (a title, dateline or byline alone is no article).
    bool no_body = std::find(art.line_roles.begin(), art.line_roles.end(), LineRole::kBody) == art.line_roles.end();
    bool whole_page = no_body && generic_drops;
    if (whole_page) {
      // Nothing reads like an article (a stub, a list page): the page minus
      // the site-independent drops is more use than nothing. It is still
      // the kind of page the extractor told.
      std::string type = std::move(art.page_type), type_from = std::move(art.page_type_from);
      art = whole_page_generic_drops();
      art.extractor = "generic";
      art.page_type = std::move(type);
      art.page_type_from = std::move(type_from);
      how = (vocabulary ? std::string("no article-like text for the generic extractor") : how) +
            "; cleaned whole-page with the site-independent drops only (" + generic_drops->path + ")";
    }
    if (!request.generic || whole_page || !vocabulary) warnings.push_back(no_rules + ": " + how);
  } else {
    extract::CleanOptions opts;
    opts.whole_page = request.whole_page;
    opts.include_hidden = request.include_hidden;
    art = extract::clean_page(doc.page, doc.meta, *set, opts);
    if (!request.whole_page) check_drift(doc, request, *set, &art);
    if (chosen.detected.set) {
      // The base serves the page, not a site file: no site's rules.
      art.site.clear();
      warnings.push_back((host.empty() ? std::string("page has no URL") : "no rule file serves " + host) +
                         ": the page shows " + set->name + "'s markers (" +
                         marker_text(chosen.detected, doc.page.tree) + "); cleaned with " + set->path);
    }
    if (set->article_url && !url.empty() && !RE2::FullMatch(url, *set->article_url))
      warnings.push_back("URL " + url + " does not match " + set->name +
                         "'s article pattern: it may not be an article page");
  }
  art.url = url;
  resolve_references(&art, base_url(doc.page.tree, url));
  // Whose authors stand where the page credits no person: the generic
  // table's choice, for either extractor (the fields are the page's).
  extract::AuthorOptions authors_options;
  if (generic_drops && generic_drops->generic)
    authors_options.organizations = generic_drops->generic->params.organization_authors[request.favor];
  extract::complete_page_fields(doc.page.tree, doc.meta, url, &art, authors_options, &found_authors);
  // The language the text is in; what the page declares is a hint, and the
  // answer when the text is too little to tell.
  art.language = extract::text_language(art.text(), art.language.value_or(""), host);
  warnings.insert(warnings.end(), art.warnings.begin(), art.warnings.end());
  art.warnings = std::move(warnings);
  return art;
}

Article clean(const RuleLibrary& library, const Document& doc, const CleanRequest& request) {
  return clean(library.sets(), doc, request);
}

RuleChoice choose_rules(const RuleLibrary& library, const Document& doc, const CleanRequest& request) {
  RuleChoice choice;
  const Chosen chosen = rules_for(library.sets(), doc, request, &choice.url);
  if (chosen.set) choice.chain = chosen.set->chain;
  if (chosen.detected.set) choice.detected_by = marker_text(chosen.detected, doc.parsed->page.tree);
  return choice;
}

const char* language_detector_version() { return extract::language_detector_version(); }

}  // namespace winnow
