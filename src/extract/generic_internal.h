// Internals of the generic extractor: the state of one extraction and its
// steps, declared in the order extract_generic calls them (generic.cc:
// steps 1-4; generic_select.cc: steps 5 and 6; generic.h tells them).
#ifndef WINNOW_EXTRACT_GENERIC_INTERNAL_H_
#define WINNOW_EXTRACT_GENERIC_INTERNAL_H_

#include <re2/re2.h>

#include <cstdint>
#include <string>
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

// The extractor's state for one page.
struct Extraction {
  Extraction(const Tree& tree, const GenericRules& r, const GenericOptions& o)
      : t(tree), rules(r), p(r.params), options(o) {}

  const Tree& t;
  const GenericRules& rules;
  const GenericParams& p;          // rules.params
  GenericOptions options;
  Facts facts;                     // step 1
  std::vector<BlockText> own;      // step 1: per block element, its own text
  std::vector<uint8_t> teaser;     // step 2: prose of a teaser card
  std::vector<uint8_t> chrome;     // step 3: inside page furniture (by tag, role, hint or title)
  uint32_t page_prose = 0;         // step 3: prose on the whole page, chrome or not
  std::vector<uint32_t> good;      // step 3: per node, prose in its subtree outside chrome
  std::vector<uint32_t> all;       // step 3: per node, all text in its subtree outside chrome
  std::vector<uint32_t> links;     // step 3: per node, link text in its subtree outside chrome

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
// node ids for html::render_lines); captions go to article->captions.
std::vector<uint8_t> select_blocks(const Extraction& x, NodeId root, Article* article);
// Step 6: the kept text laid out as the article's lines and paragraphs.
void lay_out_text(const Extraction& x, NodeId root, const std::vector<uint8_t>& kept, Article* article);

bool is_heading(GumboTag tag);

// A pattern of the rules on a text; a null pattern (no words) never matches.
inline bool whole_match(const Pattern& p, std::string_view text) { return p && RE2::FullMatch(text, *p); }
inline bool part_match(const Pattern& p, std::string_view text) { return p && RE2::PartialMatch(text, *p); }

}  // namespace winnow::extract::generic

#endif  // WINNOW_EXTRACT_GENERIC_INTERNAL_H_
