// The article's title as the page gives it: its own headline, without the
// site's name the <title> and og:title usually add ("… | Site", "Site - …",
// "… | DW | 28.04.2023").
#ifndef WINNOW_EXTRACT_TITLE_H_
#define WINNOW_EXTRACT_TITLE_H_

#include <string>
#include <string_view>
#include <vector>

#include "extract/metadata.h"
#include "html/tree.h"

namespace winnow::extract {

// The names the page calls its site by: og:site_name, the JSON-LD
// publisher, application-name (non-empty, in that order).
std::vector<std::string> site_names(const PageMeta& meta);

// Whether `text` is the site's name: one of `sites` (letters and digits
// compared, case-insensitively), or it holds the host's name or is part of
// it ("Help Net Security" on www.helpnetsecurity.com, "The Motley Fool" on
// fool.com).
bool names_site(std::string_view text, const std::vector<std::string>& sites, std::string_view host);

// `title` less the segments before its first or after its last separator
// (| - – — · • » :: /, and ':' too when the segment names the site) that
// name the site (one of `sites`, or the host's name: "Help Net Security"
// on helpnetsecurity.com) or are a date, repeatedly; and the segments after
// its last separator that are one of `sections` (the URL's path segments:
// path_sections; a section's name before the headline may be its kicker).
std::string strip_site_affixes(std::string_view title, const std::vector<std::string>& sites,
                               std::string_view host, const std::vector<std::string>& sections = {});

// The sections a URL's path names: its segments but the last (the page's
// own slug or id) and but those of more than three words (a slug before an
// id), letters and digits only, lower-cased, not numbers
// ("…/story/opinion/contributors/2025/12/19/how-meditation-rewires-brains/1/"
// gives "story", "opinion", "contributors").
std::vector<std::string> path_sections(std::string_view url);

// The page's <h1>s that may be its headline; those that are the site's
// name (a logo, a link home, the <title>'s last segment) are added to
// `sites` instead.
std::vector<std::string> headings(const html::Tree& tree, const PageMeta& meta, std::vector<std::string>& sites,
                                  std::string_view host);

// The metadata's title less the site's affixes: the JSON-LD headline,
// og:title, twitter:title, <title>, the first that has one; "" if none.
// (The rules' fallback: their selectors already had the page's elements.)
// The site's host and sections come from the URL the page declares, else
// from `fetched_url` (the URL it was fetched from, if known).
std::string metadata_title(const PageMeta& meta, std::string_view fetched_url = {});

// The page's headline: the first <h1> that agrees with what the page's
// metadata calls its title (JSON-LD headline, og:title, twitter:title,
// <title>; the page's own words, not cut), else its only <h1>, else the
// first <h1> inside its <article> or <main> (these two only when they share
// a word of four letters or more with the metadata's titles), else the
// metadata's title less the site's affixes, else the first <h1>; "" if the
// page names none. (<h1>s that name the site do not count; an <h1> loses
// the site's affixes as the metadata's titles do, and a <time> inside it.)
// Where the <h1> agrees with a metadata title but for its letters' case
// (all capitals, or a lower-case first letter: CSS styling), a short kicker
// before a colon ("Blog: …") or characters lost as '?', the metadata's
// title is the headline as written. The host and sections: metadata_title.
std::string choose_title(const html::Tree& tree, const PageMeta& meta, std::string_view fetched_url = {});

}  // namespace winnow::extract

#endif  // WINNOW_EXTRACT_TITLE_H_
