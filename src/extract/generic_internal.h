// Internals of the generic extractor shared by its steps (generic.cc:
// candidates and container; generic_select.cc: what inside it is article).
#ifndef WINNOW_EXTRACT_GENERIC_INTERNAL_H_
#define WINNOW_EXTRACT_GENERIC_INTERNAL_H_

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
  const Tree& t;
  GenericOptions options;
  Facts facts;
  std::vector<BlockText> own;      // per block element: its own text
  std::vector<uint8_t> chrome;     // inside page furniture (by tag or hint)
  std::vector<uint8_t> teaser;     // prose of a teaser card: a headline link beside it
  uint32_t page_prose = 0;         // prose on the whole page, chrome or not
  std::vector<uint32_t> good;      // per node: article-like text in its subtree
  std::vector<uint32_t> all;       // per node: all text in its subtree
  std::vector<uint32_t> links;     // per node: link text in its subtree
};

bool is_heading(GumboTag tag);
// Code points in UTF-8 text, a run of whitespace counting as one.
uint32_t chars_of(std::string_view s);
// A block that reads like article prose: long enough, few links, sentences.
bool is_prose(const BlockText& b, Favor favor);
// "class id" of an element, lower-cased, '_' as '-'.
std::string hint_text(const html::Tree& t, NodeId id);

// "div#id.class1.class2": an element as explain shows it.
std::string describe(const html::Tree& t, NodeId id);

// Step 4: which text inside the container is the article's (a mask over
// node ids for html::render_lines); captions go to article->captions.
std::vector<uint8_t> select_blocks(const Extraction& x, NodeId root, Article* article);
// Step 5: drops the title line and short chrome lines at either end.
void trim_lines(Article* article);

}  // namespace winnow::extract::generic

#endif  // WINNOW_EXTRACT_GENERIC_INTERNAL_H_
