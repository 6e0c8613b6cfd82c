// A set of saved pages cleaned many times over: a benchmark, fixtures, or
// any directory of pages. `winnow eval` scores one and `winnow bench` times
// one, both through one loop, clean_pages: each page read (or taken from
// memory), decoded, parsed and cleaned, on a pool of threads.
//
// Public (installed as <winnow/page_set.h>).
#ifndef WINNOW_PAGE_SET_H_
#define WINNOW_PAGE_SET_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "winnow/article.h"
#include "winnow/clean_request.h"
#include "winnow/rules.h"

namespace winnow {

struct SetPage {
  std::string id;     // a benchmark's key; fixtures: the path under DIR without ".html";
                      // other pages: the file's path
  std::string path;   // the page's file
  std::string url;    // a benchmark's ground-truth URL, else "" (the page's own
                      // canonical / og:url, as `clean` reads it)
  std::string truth;  // the expected article text (benchmark, fixtures), else ""
  std::string bytes;  // the page as served, gunzipped: once hold_pages read it
};

// What a scored set's truth holds, hence what of a cleaned article is
// scored against it (src/eval/evaluate.cc: scored_text).
enum class TruthShape {
  kNone,     // no truth (a directory of pages)
  kBody,     // the article's body alone, no title, dateline or byline (a
             // benchmark's articleBody)
  kArticle,  // the whole clean text in the dumps' shape (fixtures' NAME.clean.txt)
};

struct PageSet {
  std::string dir;
  TruthShape truth = TruthShape::kNone;
  std::vector<SetPage> pages;  // sorted by id: runs score and print in one order
  bool held = false;           // hold_pages read every page into memory
  size_t bytes = 0;            // the held pages' sizes, summed
};

enum class PageSetKind {
  // Pages with a truth: a benchmark (DIR/ground-truth.json `{id: {articleBody,
  // url}}`, pages as DIR/html/<id>.html[.gz]), else fixtures (every NAME.html
  // under DIR beside its NAME.clean.txt).
  kScored,
  // A benchmark as above, else every page file under DIR (list_pages).
  kAnyPages,
};

// Lists the set's pages, reading no page. Fails, with one line naming the
// file and what is wrong, on a broken ground truth or a set with no pages.
bool list_page_set(const std::string& dir, PageSetKind kind, PageSet* set, std::string* error);

// Reads and gunzips every page of a listed set once, into memory (a
// benchmark of the pipeline times no disk). Fails on the first page that
// cannot be read.
bool hold_pages(PageSet* set, std::string* error);

struct CleanPagesOptions {
  CleanRequest request;  // every page's; its url is the page's own (SetPage::url)
  int threads = 1;       // pages cleaned at once; 1: all on the calling thread
  int laps = 1;          // times over the set (a small set lapped to time it)
};

// Called on the thread that cleaned the page; with threads > 1, in no
// particular order and from several threads at once.
using PageCleaned = std::function<void(size_t page, Article&& article)>;
// A page not held that could not be read: one line naming it.
using PageUnreadable = std::function<void(size_t page, const std::string& error)>;

// The one loop over a page set: each page's bytes (held, else read and
// gunzipped here), load_document, clean. Pages are independent, so a
// caller that writes only to the page's own slot gets the same results for
// any number of threads.
void clean_pages(const RuleLibrary& library, const PageSet& set, const CleanPagesOptions& options,
                 const PageCleaned& cleaned, const PageUnreadable& unreadable);

}  // namespace winnow

#endif  // WINNOW_PAGE_SET_H_
