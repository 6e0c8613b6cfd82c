// The article's published and modified dates, for both extractors, in one
// precedence (docs/generic-extractor.md, "Dates"):
//
//   1. What the page declares, first that parses: the meta tags
//      article:published_time (og:article:published_time, ...), then the
//      JSON-LD article's datePublished, then itemprop=datePublished (not
//      several different ones: a list's), then the other meta names
//      (pubdate, published, date, dc.date, citation_publication_date, ...).
//   2. The <time datetime> nearest the headline (after it, or before it when
//      nearer; 200 elements before an anchor to 600 after: the heading that
//      reads as the declared headline, the first <h1> in an <article>, the
//      first <h1>, the first <article>; no <h1>: the first <h2>), else
//      inside an <article>, else the page's first.
//   3. The visible dateline: where the rules define a dateline field, that
//      field, read with the site's formats, then as any dateline; else (the
//      generic path, a whole-page clean) the first short element near an
//      anchor that reads as a dateline (base/dateline.h: five languages).
// On the generic path the dateline by the headline (3) also checks a date
// from 1 or 2, unless it is labelled as an update: a UTC date on another
// day is written in an offset the page states elsewhere that puts it on the
// dateline's day; a declared day still later than the dateline's is a
// record's date (import, re-save, build), and the dateline's is published.
// Modified: article:modified_time (og:updated_time, ...), JSON-LD
// dateModified, itemprop=dateModified, other meta names; else a visible
// dateline labelled "Updated" (Aktualisiert, Mis à jour, Actualizado).
//
// Offsets: a date keeps the offset its source states. One without an offset
// takes it from another declared source (meta, JSON-LD, itemprop, <time>)
// that gives the same wall-clock time with one; since meta tags come first,
// when the page's meta and its JSON-LD give the same time with different
// offsets, the meta's wins. One exception: +00:00 (or Z) on a wall-clock
// time that another source gives with a non-zero offset is a server's
// default, not a statement, and the non-zero offset wins; so does one that
// gives the same instant in a non-zero offset. Still without
// one: the site's utc_offset (rules path only), else none
// ("2025-03-12T08:30:00"): never the server's clock.
#ifndef WINNOW_EXTRACT_DATES_H_
#define WINNOW_EXTRACT_DATES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "extract/metadata.h"
#include "html/tree.h"
#include "winnow/article.h"

namespace winnow::extract {

// What the rules path knows about the site's dates (empty on the generic path).
struct SiteDates {
  std::string_view dateline;                            // the dateline field's text
  const std::vector<DateFormat>* formats = nullptr;     // its formats, tried in order
  std::optional<int> utc_offset;                        // minutes east of UTC
  bool rules = false;  // the rules define a dateline field: no visible search near the headline
};

struct FoundDates {
  std::optional<std::string> published, modified;  // ISO 8601
  // Where each was read, for explain: "JSON-LD datePublished", "<meta
  // article:published_time>", "the dateline by the headline", ...
  std::string published_from, modified_from;
};

FoundDates find_dates(const html::Tree& tree, const PageMeta& meta, const SiteDates& site = {});

// The article's published and modified dates, and where each was read.
void set_dates(FoundDates dates, Article* article);

}  // namespace winnow::extract

#endif  // WINNOW_EXTRACT_DATES_H_
