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

// What a WCXB set's ground truth says of a page beside its text (empty for
// the other sets): its type and snippets for the benchmark's metric, and the
// metadata `winnow eval` checks on articles.
struct PageTruth {
  std::string type;                        // _internal.page_type.primary: "article", "forum", ...
  std::vector<std::string> with, without;  // snippets a right text has / must not have
  std::string title, author, date;         // ground_truth.{title, author, publish_date}; "" if none
};

// Which benchmark's truth a set holds, and so which metric scores it.
enum class TruthFormat {
  kNone,              // pages without a truth (PageSetKind::kAnyPages on a plain directory)
  kArticleBenchmark,  // DIR/ground-truth.json: 4-token shingles (eval/metric.h)
  kFixtures,          // NAME.clean.txt beside NAME.html: the same metric
  kWcxb,              // DIR/ground-truth/ID.json: WCXB's bag of words, snippets, metadata
};

struct SetPage {
  std::string id;     // a benchmark's key; fixtures: the path under DIR without ".html";
                      // other pages: the file's path
  std::string path;   // the page's file
  std::string url;    // a benchmark's ground-truth URL, else "" (the page's own
                      // canonical / og:url, as `clean` reads it)
  std::string truth;  // the expected article text (benchmark, fixtures), else ""
  PageTruth facts;    // WCXB sets only
  std::string bytes;  // the page as served, gunzipped: once hold_pages read it
};

struct PageSet {
  std::string dir;
  TruthFormat truth = TruthFormat::kNone;
  std::vector<SetPage> pages;  // sorted by id: runs score and print in one order
  bool held = false;           // hold_pages read every page into memory
  size_t bytes = 0;            // the held pages' sizes, summed
};

enum class PageSetKind {
  // Pages with a truth: a benchmark (DIR/ground-truth.json `{id: {articleBody,
  // url}}`, pages as DIR/html/<id>.html[.gz]), a WCXB set
  // (DIR/ground-truth/<id>.json, pages as DIR/html/<id>.html.gz;
  // docs/evaluation.md), else fixtures (every NAME.html under DIR beside its
  // NAME.clean.txt).
  kScored,
  // A benchmark or WCXB set as above, else every page file under DIR (list_pages).
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
  // A WCXB set: each page cleaned as the type its truth gives (the type
  // strategies measured apart from telling the types).
  bool truth_types = false;
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
