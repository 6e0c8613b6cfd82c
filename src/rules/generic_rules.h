// The generic extractor's vocabulary and thresholds, compiled.
//
// They are rule data: the [generic.*] tables of rules/generic.toml (words of
// class and id, box titles, shapes of furniture lines, date words, and every
// threshold, named and explained there). The rule loader compiles them once,
// at load (rules/generic_table.h), into this plain struct; the extractor
// reads it and compiles nothing itself.
#ifndef WINNOW_RULES_GENERIC_RULES_H_
#define WINNOW_RULES_GENERIC_RULES_H_

#include <gumbo.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "winnow/clean_request.h"  // Favor, PageType

namespace re2 { class RE2; }

namespace winnow::rules {

// One value per --favor mode.
template <typename T>
struct PerFavor {
  T balanced{}, precision{}, recall{};
  const T& operator[](Favor f) const {
    return f == Favor::kPrecision ? precision : f == Favor::kRecall ? recall : balanced;
  }
};

// A share such as 1/3, compared exactly (in integers, never in floating
// point, so that "a third" means a third).
struct Share {
  uint32_t num = 0, den = 1;
  // part/whole > num/den
  bool exceeded(uint64_t part, uint64_t whole) const { return part * den > whole * num; }
  // part/whole >= num/den
  bool reached(uint64_t part, uint64_t whole) const { return part * den >= whole * num; }
};

// The thresholds, grouped by the step that reads them. rules/generic.toml
// ([generic.params]) says what each one means and how it compares.
struct GenericParams {
  // Step 1, facts: what reads as prose.
  PerFavor<uint32_t> prose_min_chars;
  uint32_t noscript_view_min_chars = 0;
  Share prose_max_link_share;
  uint32_t prose_unpunctuated_min_chars = 0;
  // Step 2, teasers.
  uint32_t headline_min_chars = 0;
  uint32_t teaser_max_chars = 0;
  uint32_t teaser_card_levels = 0;
  uint32_t teaser_card_extra_chars = 0;
  Share teaser_card_max_growth;
  uint32_t teaser_opening_block_max_chars = 0;
  Share teaser_opening_link_max_share;
  uint32_t teaser_opening_min_siblings = 0;
  // Step 3, chrome.
  Share wrapper_prose_share;
  uint32_t box_title_max_chars = 0;
  uint32_t box_title_max_text = 0;
  uint32_t box_title_read_bytes = 0;
  Share box_article_prose_share;
  // Step 4, container.
  double container_link_weight = 0;
  PerFavor<double> container_other_weight;
  uint32_t container_min_prose = 0;
  Share container_min_prose_share;
  Share container_block_parent_prose;
  // Step 5, blocks.
  Share link_list_share;
  uint32_t link_line_max_chars = 0;
  Share link_line_link_share;
  uint32_t link_line_max_plain_chars = 0;
  uint32_t repeat_min_chars = 0;
  uint32_t repeat_max_chars = 0;
  uint32_t short_block_chars = 0;
  uint32_t line_read_bytes = 0;
  uint32_t date_line_max_bytes = 0;
  uint32_t date_line_max_words = 0;
  PerFavor<bool> keep_continuations;
  PerFavor<bool> headings_after_prose;
  PerFavor<bool> captions_in_text;
  // Step 6, shape.
  uint32_t lead_max_chars = 0;
  uint32_t byline_max_chars = 0;
  // A product's declared description: at least this many characters, and
  // shown when fewer than this share of its words stand in the text.
  uint32_t declared_description_min_chars = 0;
  Share declared_description_shown;
  // Metadata: an organization the page declares as the article's author
  // stands where it credits no person (extract/authors.h AuthorOptions).
  PerFavor<bool> organization_authors;
};

// A compiled pattern; null matches nothing (a table with no words).
using Pattern = std::shared_ptr<const re2::RE2>;

// One kind of furniture line ([generic.lines.KIND]): a short block of the
// container whose text has this shape is not the article's.
struct LineShape {
  std::string kind;           // "chrome", "credit", ...
  Pattern pattern;
  bool whole = true;          // the whole text (else: anywhere in it)
  uint32_t shorter_than = UINT32_MAX;  // bytes of text; longer blocks are not tested
  PerFavor<bool> applies{true, true, true};
};

// A line made only of date words and numbers ([generic.date_line]).
struct DateLineWords {
  Pattern word;     // one token (a run of a-z or of digits) a dateline may hold
  Pattern month;    // a month's name
  Pattern numeric;  // a numeric date or time anywhere in the line
};

// How a page type's main content is found ([generic.types.NAME]): what
// differs from an article's.
struct TypeStrategy {
  // Step 2: short prose beside headline links is other stories' (an
  // article's teasers), or the content itself (a listing's entries).
  bool teasers_are_furniture = true;
  // Step 4: the container is the element with the most prose (an article),
  // or with the most text (a listing's entries, a product's specs, a
  // thread's posts: short blocks that are the content).
  bool container_by_text = false;
  // Step 5: before the first and after the last prose block only prose
  // stays (an article), or every block does.
  bool trim_outside_prose = true;
  // Steps 1 and 7: what the page hides (tabs, accordions: display:none,
  // hidden) is laid out too, as --include-hidden does.
  bool lay_out_hidden = false;
  // After step 7: the JSON-LD Product description goes in after the title
  // when the text shows little of it (declared_description_* parameters).
  bool declared_description = false;
};

// How a page type is told from the page ([generic.types.NAME]): each a
// sign of the type on its own (extract/page_type.h).
struct TypeSigns {
  Pattern url;                      // the URL's host and path, lower-cased
  std::vector<std::string> schema;  // schema.org @types of its JSON-LD
  std::vector<std::string> og_type; // og:type values
  Pattern hint;                     // class/id words of its repeated items
  uint32_t hint_min_count = 0;      // ... at least this many elements with one
  // A page of headline cards and no story: at least cards_min siblings that
  // each open with a heading that is one link, and fewer than
  // cards_prose_below paragraphs of cards_prose_chars characters outside
  // them (0: no such sign).
  uint32_t cards_min = 0, cards_prose_below = 0, cards_prose_chars = 0;
  // Types whose URL shapes count before this type's og:type (a CMS that
  // calls every page an article calls its fronts so too).
  std::vector<PageType> og_type_yields_to;
};

struct GenericRules {
  // Step 3, chrome: by tag and role, by class/id hints, by box title.
  std::vector<uint8_t> chrome_tag;  // indexed by GumboTag: furniture wherever it stands
  std::vector<std::string> chrome_roles;
  Pattern unlikely_hint, unlikely_prefix, likely_hint, embedded_hint, modifier;
  Pattern image_hint;  // an image's wrapper: furniture unless it holds a heading or two paragraphs
  Pattern box_title;
  // Step 6, shape: a lead block's class/id words.
  Pattern lead_hint;
  // Step 5, blocks: furniture lines.
  std::vector<LineShape> lines;
  DateLineWords date_line;
  GenericParams params;
  TypeStrategy strategy;  // this type's (the article's, in the base)
  // By PageType: how each type is told, and its own rules (the base's with
  // its [generic.types.NAME] changes; null: the base's, as the article's).
  std::array<TypeSigns, kPageTypes> signs;
  std::array<std::shared_ptr<const GenericRules>, kPageTypes> typed;
  // Whose rules find an article's content when the article's own container
  // holds too little: less than fallback_share of the prose outside
  // furniture, or (a page that gives no sign of any type) fewer than
  // fallback_unsigned_below characters of prose, or fewer than
  // fallback_short_below characters of prose and under fallback_short_share
  // of the text the fallback's container holds. kArticle: never.
  PageType fallback = PageType::kArticle;
  uint32_t fallback_unsigned_below = 0;
  Share fallback_share{0, 1};
  uint32_t fallback_short_below = 0;
  Share fallback_short_share{0, 1};

  const GenericRules& for_type(PageType type) const {
    const auto& r = typed[static_cast<int>(type)];
    return r ? *r : *this;
  }
  bool is_chrome_tag(GumboTag tag) const { return tag < chrome_tag.size() && chrome_tag[tag]; }
};

}  // namespace winnow::rules

#endif  // WINNOW_RULES_GENERIC_RULES_H_
