#include "extract/generic_meta.h"

#include <algorithm>

#include "extract/authors.h"
#include "extract/dates.h"
#include "extract/text.h"
#include "extract/title.h"

namespace winnow::extract {

void fill_generic_meta(const html::Tree& t, const PageMeta& meta, Article* art, std::string_view fetched_url,
                       const AuthorOptions& authors_options, FoundAuthors* found) {
  // Title: the page's own headline (title.h), chosen before the text is
  // laid out because steps 5 and 6 drop its line.
  if (std::string title = choose_title(t, meta, fetched_url); !title.empty()) art->title = title;

  // Dates: extract/dates.h (the one precedence both extractors share).
  set_dates(find_dates(t, meta), art);

  // The authors as the page declares them, the byline their names; the
  // signature at the article's end and the page's other declared fields
  // are completed for both extractors after the text (page_fields.h).
  // (Organizations alone wait: a person may sign the article's end.)
  bool organizations_only = false;
  std::vector<std::string> authors = page_authors_once(t, meta, &organizations_only, authors_options, found);
  if (!organizations_only) art->authors = std::move(authors);
  for (const std::string& name : art->authors) art->byline = art->byline ? *art->byline + ", " + name : name;
  // No person named, yet the article declares a Person author that is a
  // credit, not a name ("Theo Báo Chính phủ": after the paper it cites):
  // that text is the page's own byline, though it names no person (the
  // authors are then the organizations the page declares, if any).
  if (!art->byline) {
    const Publisher pub = publisher_of(meta);
    for (const LinkedAuthor& a : meta.linked.authors) {
      std::string raw = collapse_spaces(a.name);
      if (a.type != "Person" || raw.empty() || raw.size() > 80 || is_placeholder_name(raw)) continue;
      if (std::find(pub.names.begin(), pub.names.end(), raw) != pub.names.end()) continue;
      art->byline = raw;
      break;
    }
  }

  if (!meta.linked.breadcrumb.empty()) art->section = meta.linked.breadcrumb;
  else if (!meta.linked.section.empty()) art->section = std::vector<std::string>{collapse_spaces(meta.linked.section)};

  if (!meta.lang.empty()) art->language = collapse_spaces(meta.lang);
}

}  // namespace winnow::extract
