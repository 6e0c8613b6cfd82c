// An article as winnow cleans it: its text line by line, its metadata, the
// warnings about its page, and for `explain` what each rule kept or removed.
// `clean` (winnow/clean.h) makes one; to_json (winnow/json.h) writes one.
//
// Public (installed as <winnow/article.h>) and plain data: every layer may
// include it, and the extractors below the public calls fill it directly.
#ifndef WINNOW_ARTICLE_H_
#define WINNOW_ARTICLE_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/source_ref.h"

namespace winnow {

// An element's number in the page's document order, as the library counts
// them (only for matching records of one clean against each other).
using ElementId = uint32_t;
inline constexpr ElementId kNoElement = UINT32_MAX;

// One kept field and what matched it (for explain).
struct FieldMatch {
  std::string field;
  std::string selector;
  SourceRef where;
  ElementId node = kNoElement;
  unsigned page_line = 0;
  std::string excerpt;
  std::string rejected;  // non-empty: a candidate not taken, and why
};

// One thing removed from the article and the rule that removed it.
struct Removal {
  std::string kind;          // drop kind: "navigation", "weather", ...
  std::string how;           // "selector", "line", "between"
  std::string rule;          // the selector or pattern text
  SourceRef where;           // rule file and line
  ElementId node = kNoElement;  // the element removed (selector/between)
  unsigned page_line = 0;    // where it sits in the page's HTML
  std::string excerpt;       // the first characters of the text removed
};

// What one line of the text is. Both extractors lay an article out in the
// dumps' order: dateline, title, lead, body (subheads, lists, tables, with
// captions where their images stand), byline; blank lines set parts off as
// the page does. A benchmark that defines the article as its body alone
// scores the kBody lines (eval/scored_text.h), whatever the
// shape around them.
enum class LineRole : uint8_t {
  kBlank,     // an empty line between blocks
  kDateline,  // the visible date line
  kTitle,     // the headline as the page shows it
  kLead,      // the lead (sapo, standfirst) set apart above the body (a lead
              // the body's own blocks hold stays kBody, where it stands)
  kBody,      // the body: paragraphs, subheads, list items, table rows
  kCaption,   // an image's (or table's) caption, where it stands
  kByline,    // the byline or source line
};

// "dateline", "title", ...: a role's name (explain, tests).
const char* line_role_name(LineRole role);

// What block of the page a line stands in: what Markdown and HTML output
// (winnow/structure.h) rebuild around the text lines. The text format does
// not show it.
enum class BlockKind : uint8_t {
  kText,       // a line of a block with no structure of its own (a <div>)
  kParagraph,  // a <p>
  kHeading,    // <h1>-<h6>
  kListItem,   // an <li>
  kTableRow,   // a <tr>: its cells separated by tabs in the line
  kCode,       // a <pre>: whitespace as the page has it
};

// A link on a line: the bytes [begin, begin + size) of the line's text are
// the link's text; href is absolute once clean() has resolved it.
struct TextLink {
  uint32_t begin = 0, size = 0;
  std::string href;
};

// A kept image: at byte `at` of its line's text, or (alone) standing in a
// block of its own before the line (a figure above its caption).
struct TextImage {
  uint32_t at = 0;
  bool alone = false;
  std::string src, alt;
};

// A line's place in the page's structure.
struct LineShape {
  BlockKind block = BlockKind::kText;
  uint8_t level = 0;        // kHeading: 1-6
  uint8_t list_depth = 0;   // lists the line stands in (1: not nested)
  uint8_t quote_depth = 0;  // blockquotes the line stands in
  bool ordered = false;     // kListItem: of an <ol>
  bool header = false;      // kTableRow: a heading row (<thead>, or <th> cells only)
  uint32_t number = 0;      // kListItem of an <ol>: its number
  // Lines of one element share `item` (the <li>, <tr>, <p>, heading or
  // <pre> that gives the block kind), lines of one list or table share
  // `container`, lines of one innermost block share `group` (a <p> broken
  // by <br>s). kNoElement: none.
  ElementId item = kNoElement, container = kNoElement, group = kNoElement;
  std::vector<TextLink> links;
  std::vector<TextImage> images;
};

struct Article {
  std::string url;
  std::string site;            // rule set name; "" if none served the page
  std::string rules_path;      // the rule file used
  std::string extractor = "rules";  // "rules" or "generic" (no rules, or drift)
  bool drift = false;          // the site's rules kept too little: generic result
  // What kind of page it is ("article", "listing", ...: winnow/clean_request.h
  // PageType) and why: "forced", or the signal that told it ("JSON-LD
  // Product", "URL path /forum/", ...). A rule file's page is an article.
  std::string page_type = "article", page_type_from;
  std::optional<std::string> title, published, lead, byline;
  // When the page says it was last changed (ISO 8601, like `published`;
  // docs/generic-extractor.md, "Dates").
  std::optional<std::string> modified;
  // Where `published` and `modified` were read ("JSON-LD datePublished",
  // "the dateline by the headline"; explain prints them, the JSON does not).
  std::string published_from, modified_from;
  std::optional<std::vector<std::string>> section;
  // The persons who wrote it, not the publisher (JSON: authors, [] when
  // none); `byline` is the page's own byline text, else these joined by ", ".
  std::vector<std::string> authors;
  // What the page declares about itself, on both extractors' paths:
  // og:description / meta description / JSON-LD; og:image / twitter:image /
  // JSON-LD image as an absolute URL; og:site_name / JSON-LD publisher /
  // application-name; article:tag / JSON-LD keywords / news_keywords /
  // keywords (trimmed, no duplicates); <html lang> / og:locale /
  // content-language.
  std::optional<std::string> description, image, site_name;
  std::vector<std::string> tags;
  std::optional<std::string> language;
  std::vector<std::string> lines;       // the article text, line by line ("" between blocks)
  std::vector<LineRole> line_roles;     // each line's role: line_roles[i] is lines[i]'s
  std::vector<LineShape> line_shapes;   // each line's block, links and images, in step too
  std::vector<std::string> paragraphs;  // kBody lines (not the lead, captions or byline)
  std::vector<std::string> captions;    // kCaption lines, in page order
  std::vector<std::string> warnings;
  // Required fields (title, body) the site's rules found nothing for: a sign
  // its template changed, which the drift check acts on (a flag, not the
  // words of a warning).
  std::vector<std::string> missing_fields;
  std::vector<FieldMatch> fields;
  std::vector<Removal> removals;

  // The text output: lines joined by '\n', ending with one newline (or "" if
  // nothing was kept).
  std::string text() const;
  // The lines of the given roles alone, joined as text() joins them (blank
  // lines between kept ones stay, none leading or trailing or doubled).
  std::string text_of(std::initializer_list<LineRole> roles) const;
  // Appends a line, its role and its shape (keeps the three in step).
  void add_line(std::string line, LineRole role, LineShape shape = {});
  // Inserts one before line `at` (at <= lines.size()), the three in step.
  void insert_line(size_t at, std::string line, LineRole role, LineShape shape = {});
  // Line i's shape; a default one for an article filled without shapes.
  const LineShape& shape(size_t i) const;
};

// Whether an article's language is one of `wanted` (ISO 639-1 codes, as
// `--lang vi,en` and a job's `languages` give them), by primary subtag:
// "en-GB" is "en". An unknown language is none of them; an empty `wanted`
// wants every article.
bool language_in(const std::optional<std::string>& language, const std::vector<std::string>& wanted);

// The primary subtag of a language tag, lower-cased: "en" for "en-GB",
// "zh" for "zh-Hant".
std::string primary_language(std::string_view tag);

}  // namespace winnow

#endif  // WINNOW_ARTICLE_H_
