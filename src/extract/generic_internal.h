// Internals of the generic extractor: the state of one extraction and its
// steps, declared in the order extract_generic calls them (generic.cc:
// steps 1-4; generic_select.cc: steps 5 and 6; generic.h tells them).
#ifndef WINNOW_EXTRACT_GENERIC_INTERNAL_H_
#define WINNOW_EXTRACT_GENERIC_INTERNAL_H_

#include <re2/re2.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/generic.h"
#include "html/tree.h"

namespace winnow::extract::generic {

using html::NodeId;
using html::Tree;

struct Facts {
  std::vector<uint8_t> visible;  // laid out (no hidden ancestor)
  std::vector<NodeId> block;     // the nearest block-level element (itself if one)
  std::vector<uint8_t> in_link;  // inside an <a href>
};

// What a block's own text (not its sub-blocks') is like.
struct BlockText {
  uint32_t chars = 0, link_chars = 0, commas = 0, stops = 0;
};

// What one class/id token says of its element (step 3).
enum class TokenHint : uint8_t { kNone, kLikely, kUnlikely, kImage };

// Looks tokens up by string_view, without a copy.
struct TokenHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// The extractor's state for one page.
struct Extraction {
  Extraction(const Tree& tree, const GenericRules& r, const GenericOptions& o)
      : t(tree), rules(r), p(r.params), options(o) {
    // A product's specifications and a service's answers wait in tabs and
    // accordions the page hides until clicked: they are its content.
    if (r.strategy.lay_out_hidden) options.include_hidden = true;
  }

  const Tree& t;
  const GenericRules& rules;
  const GenericParams& p;          // rules.params
  GenericOptions options;
  Facts facts;                     // step 1
  bool noscript_view = false;      // step 1: the page's <noscript> view is laid out
  std::vector<BlockText> own;      // step 1: per block element, its own text
  std::vector<uint8_t> teaser;     // step 2: prose of a teaser card
  std::vector<uint8_t> chrome;     // step 3: inside page furniture (by tag, role, hint or title)
  uint32_t page_prose = 0;         // step 3: prose on the whole page, chrome or not
  std::vector<uint32_t> good;      // step 3: per node, prose in its subtree outside chrome
  std::vector<uint32_t> all;       // step 3: per node, all text in its subtree outside chrome
  std::vector<uint32_t> links;     // step 3: per node, link text in its subtree outside chrome
  // Step 3: what each class/id token says, read once a page (a page
  // repeats its class names, and step 3 may run three times).
  std::unordered_map<std::string, TokenHint, TokenHash, std::equal_to<>> token_hints;

  Favor favor() const { return options.favor; }
  // A block that reads like article prose: long enough, few links, sentences.
  bool is_prose(const BlockText& b) const;
};

// How far class/id hints are trusted when marking chrome (step 3).
enum class Hints {
  kAll,       // every unlikely hint not offset by a likely one
  kMinority,  // ... except on an element holding most of the page's prose
  kNone,      // tags and roles only
};

// Step 1: facts, and each block's own text.
void read_facts(Extraction& x);
// Step 2: teasers.
void mark_teasers(Extraction& x);
// Step 3: chrome; then sums prose, text and links over subtrees outside it.
void mark_chrome(Extraction& x, Hints hints);
// Step 4: the container, or kNoNode if no element holds prose.
NodeId choose_container(const Extraction& x);
// Step 5: which text inside the container is the article's (a mask over
// node ids for html::render_lines); blocks whose text is `title` go.
std::vector<uint8_t> select_blocks(const Extraction& x, NodeId root, const std::string& title);

// The article's parts around its body, as blocks of the page (kNoNode:
// none found): step 6 finds them, step 7 lays them out where they stand.
struct Shape {
  NodeId dateline = html::kNoNode;
  NodeId title = html::kNoNode;         // the <h1> (none: the metadata's title goes first)
  NodeId lead = html::kNoNode;          // a lead apart from the body
  NodeId lead_in_body = html::kNoNode;  // a lead the body holds (it stays body)
  NodeId byline = html::kNoNode;
};
// Step 6: the shape; adds the parts' text to `kept`.
Shape find_shape(const Extraction& x, NodeId root, const PageMeta& meta, const Article& article,
                 std::vector<uint8_t>* kept);
// Step 7: the kept text laid out as the article's lines, each with its
// role; fills the article's lines, paragraphs, captions and lead.
void lay_out_text(const Extraction& x, NodeId root, const Shape& shape, const std::vector<uint8_t>& kept,
                  Article* article);

// After step 7: a product's JSON-LD description after the title, when the
// text shows fewer than declared_description_shown of its words (a tab its
// script draws, or nowhere else on the page).
void add_declared_description(const Extraction& x, const PageMeta& meta, Article* article);

// The article runs from the first prose block to the last, in document
// order; outside that span only prose (and what continues it) is kept.
struct ProseSpan {
  NodeId first = html::kNoNode, last = html::kNoNode;
};
ProseSpan find_prose_span(const Extraction& x, NodeId root);
// True if `id` lies inside a caption (figcaption, a table's caption, an
// image table's caption cell) within the container.
bool in_caption(const Tree& t, NodeId root, NodeId id);

bool is_heading(GumboTag tag);
// "class id" of an element, lower-cased, '_' as '-': as the class hints
// (step 3) and the page types' repeated items (page_type.h) read it.
std::string hint_text(const Tree& t, NodeId id);
// Lower-cased ASCII, whitespace runs (no-break spaces too) as one space:
// texts compared as a reader would.
std::string normalized(std::string_view s);
// A line (normalized) made only of date and time words and numbers
// ([generic.date_line]): a dateline.
bool is_date_line(const Extraction& x, std::string_view text);

// A pattern of the rules on a text; a null pattern (no words) never matches.
inline bool whole_match(const Pattern& p, std::string_view text) { return p && RE2::FullMatch(text, *p); }
inline bool part_match(const Pattern& p, std::string_view text) { return p && RE2::PartialMatch(text, *p); }

}  // namespace winnow::extract::generic

#endif  // WINNOW_EXTRACT_GENERIC_INTERNAL_H_
