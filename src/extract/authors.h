// The article's authors: persons, not the publisher. From the page's main
// JSON-LD item (Person authors over Organization ones, never its
// publisher), <meta name=author>, the byline in the markup (itemprop or
// class author/byline, rel=author links), and the signature some sites put
// at the article's end (a last paragraph that is only a name).
#ifndef WINNOW_EXTRACT_AUTHORS_H_
#define WINNOW_EXTRACT_AUTHORS_H_

#include <string>
#include <string_view>
#include <vector>

#include "extract/metadata.h"
#include "html/tree.h"

namespace winnow::extract {

// What a name is not: the site's names (site_names) and its host.
struct Publisher {
  std::vector<std::string> names;
  std::string host;
};

Publisher publisher_of(const PageMeta& meta);

// Where a name was read. A byline's text (kText) is held to a name's
// shape, and names no one after "Reviewed by", "Photo by"... A field that
// declares the article's author (<meta name=author>, a JSON-LD author;
// kDeclared) names its author as the CMS holds it: an account's handle
// ("stephenlega", "kirstin boatto") is its author's name there, and a
// staff credit ("Our Editors") is what the page says. kReviewer: a
// byline's text where the page names no author, so that the person who
// reviewed the article is the one it credits ("Reviewed by Justin C.
// Meserole"). kOrganization: a declared author that is an organization,
// whose name is one name and need not be capitalized ("Center for Drug
// Evaluation and Research").
enum class NameSource { kText, kDeclared, kReviewer, kOrganization };

// One name as a byline writes it, cleaned: "By "/"Theo "/"Von "... and
// "Author:" prefixes, e-mail addresses ("Name (a@b.c)" gives the name),
// punctuation at either end ("Bình Minh -"). "" when what is left is not a
// person's name: the publisher, a handle ("jdoe42"; one in lower case is
// kept from a declared field), a date, a sentence, a CMS's placeholder.
std::string clean_author(std::string_view raw, const Publisher& publisher,
                         NameSource source = NameSource::kText);

// A byline's names, split at , ; | & and the languages' "and" ("and",
// "và", "und", "et", "y"), each cleaned, duplicates dropped.
std::vector<std::string> split_byline(std::string_view byline, const Publisher& publisher,
                                      NameSource source = NameSource::kText);

// A name CMSs write where the author's should be ("undefined", "admin",
// "Webmaster"), in any case.
bool is_placeholder_name(std::string_view name);

// How page_authors reads a page (rules/generic.toml [generic.params]
// organization_authors).
struct AuthorOptions {
  // When the page credits no person, an organization the page declares as
  // the article's author (a JSON-LD author of @type Organization, <meta
  // name=author>), even the site itself, is the author; never the
  // publisher field alone. Off: persons only.
  bool organizations = false;
};

// The page's authors from its metadata and markup; empty if it names none.
// `organizations_only` (if given) tells that only organizations were found
// (a signature at the article's end is then preferred).
std::vector<std::string> page_authors(const html::Tree& tree, const PageMeta& meta,
                                      bool* organizations_only = nullptr, const AuthorOptions& options = {});

// page_authors' answer for one page, kept by its first caller for the next
// (the generic extractor asks before the text, complete_page_fields after
// it): reading a page's markup for bylines is a walk over every element.
struct FoundAuthors {
  const html::Tree* tree = nullptr;  // whose answer (null: none yet)
  bool organizations = false;        // under which AuthorOptions
  std::vector<std::string> authors;
  bool organizations_only = false;
};

// page_authors through `found` (may be null): its answer when it holds one
// for this tree and options, else a fresh one it then holds.
std::vector<std::string> page_authors_once(const html::Tree& tree, const PageMeta& meta, bool* organizations_only,
                                           const AuthorOptions& options, FoundAuthors* found);

// The signature at an article's end: `paragraph` (its last) when it is only
// a name of two to five capitalized words, as Vietnamese sites sign ("Minh
// Anh", "Bình Minh -"); "" otherwise.
std::string signature_author(std::string_view paragraph, const Publisher& publisher);

}  // namespace winnow::extract

#endif  // WINNOW_EXTRACT_AUTHORS_H_
