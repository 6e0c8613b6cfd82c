// Evaluation sets and predictions on disk.
//
// Three shapes of set:
//   - a benchmark: DIR/ground-truth.json `{id: {articleBody, url}}` and the
//     pages as DIR/html/<id>.html.gz (the public article-extraction
//     benchmark's layout; a plain <id>.html is read too);
//   - a WCXB set: DIR/ground-truth/<id>.json, one file a page, and the pages
//     as DIR/html/<id>.html.gz (eval/wcxb_dataset.cc reads it);
//   - fixtures: every NAME.html under DIR (recursively) with NAME.clean.txt
//     beside it, whose text is the truth (what `winnow check` reads).
// Predictions are the benchmark's shape, `{id: {"articleBody": text}}`, or
// that wrapped as `{"version": ..., "output": {...}}` (how peers publish),
// or WCXB evaluate.py's `{id: text}`.
//
// Every error is one line naming the file and what is wrong with it.
#ifndef WINNOW_EVAL_DATASET_H_
#define WINNOW_EVAL_DATASET_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "io/gunzip.h"
#include "winnow/eval.h"
#include "winnow/input.h"
#include "winnow/page_set.h"

namespace winnow::eval {

// A page inflates to at most this much: a page is a few MB at most, and a
// gzip bomb must stop here instead of filling memory. The command line's
// default cap, the same for every page winnow reads.
inline constexpr size_t kMaxPageBytes = kDefaultMaxPageBytes;

struct EvalPage {
  std::string id;         // benchmark: its key; fixtures: path under DIR without ".html"
  std::string url;        // benchmark: the ground truth's; fixtures: "" (the page's own
                          // canonical / og:url, as `clean` reads it)
  std::string truth;      // the expected article text
  std::string html_path;  // where the page's bytes are
  PageTruth facts;        // WCXB sets: type, snippets, metadata
};

struct Dataset {
  enum class Kind { kBenchmark, kWcxb, kFixtures };
  Kind kind = Kind::kBenchmark;
  std::string dir;
  std::vector<EvalPage> pages;  // sorted by id: runs score and print in one order
};

// Reads DIR as a benchmark if it holds ground-truth.json, as a WCXB set if
// it holds the directories ground-truth/ and html/, else as fixtures.
// Fails on an unreadable or malformed ground truth, or a set with no pages.
bool load_dataset(const std::string& dir, Dataset* set, std::string* error);

// DIR has WCXB's layout: the directories ground-truth/ and html/.
bool is_wcxb_dir(const std::string& dir);

// A WCXB set (eval/wcxb_dataset.cc): every ground-truth/<id>.json, its page
// html/<id>.html.gz. `set` is filled but not sorted.
bool load_wcxb(const std::string& dir, Dataset* set, std::string* error);

// A file's bytes, failing past max_bytes; errors name the file.
bool read_file(const std::string& path, uintmax_t max_bytes, std::string* bytes, std::string* error);

// A page's bytes; gunzipped if they are gzip (whatever the file's name).
bool read_page_bytes(const std::string& path, std::string* bytes, std::string* error);

// The inflater read_page_bytes uses (io/gunzip.h), named here for the
// evaluation sets' readers and their tests.
using io::gunzip;

// Predictions by page id (winnow/eval.h).
using winnow::Predictions;

// Any shape; an entry's articleBody may be null or missing (scored as an
// empty prediction, as the reference does).
bool read_predictions(const std::string& path, Predictions* predictions, std::string* error);

// The benchmark's shape, `{id: {"articleBody": text}}`, ids in order, ending
// with a newline; with_meta: also "title", "author", "publish_date" (null
// if none), for WCXB sets.
std::string predictions_json(const Predictions& predictions, bool with_meta = false);

}  // namespace winnow::eval

#endif  // WINNOW_EVAL_DATASET_H_
