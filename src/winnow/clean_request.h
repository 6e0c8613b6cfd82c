// What `clean` is asked to do with a page (winnow/clean.h): which URL it
// has, whether to keep the rules' fields or the whole page, and how the
// generic extractor leans.
//
// Public (installed as <winnow/clean_request.h>) and plain data: every layer
// may include it (the generic extractor takes its Favor).
#ifndef WINNOW_CLEAN_REQUEST_H_
#define WINNOW_CLEAN_REQUEST_H_

#include <string>
#include <string_view>

namespace winnow {

// Which mistake the generic extractor prefers when it is unsure about a block.
enum class Favor {
  kBalanced,
  kPrecision,  // leave doubtful blocks out
  kRecall,     // keep doubtful blocks in
};

// "balanced" | "precision" | "recall"; false if the name is none of those.
bool parse_favor(std::string_view name, Favor* favor);

// What kind of page it is, as the generic extractor treats it: each kind
// has its own notion of the main content (docs/page-types.md). kAuto: the
// extractor tells it from the page.
enum class PageType {
  kAuto,
  kArticle,        // a story, post or guide: its own text
  kForum,          // a thread: every post, with its author line
  kProduct,        // one product: name, description, specifications
  kCollection,     // a category of products: its intro and its items
  kListing,        // an index of entries: their titles and summaries
  kDocumentation,  // a documentation page: headings, prose, code, tables
  kService,        // a company's or service's page: its sections
};
inline constexpr int kPageTypes = 8;

// "auto", "article", "forum", ...
std::string_view page_type_name(PageType type);
// The name back; false if it is none of them.
bool parse_page_type(std::string_view name, PageType* type);

// Built with designated initialisers, `{.url = u, .whole_page = true}`:
// four of its fields are a string and bools, easy to swap by position.
struct CleanRequest {
  std::string url;          // the page's URL; "" = the page's canonical / og:url
  bool whole_page = false;  // ignore kept fields: whole page minus drops
  bool include_hidden = false;  // lay out what the page hides too
  bool generic = false;     // rules switched off: the generic extractor only
  Favor favor = Favor::kBalanced;  // for the generic extractor
  PageType page_type = PageType::kAuto;  // for the generic extractor: forced, or told from the page
};

}  // namespace winnow

#endif  // WINNOW_CLEAN_REQUEST_H_
