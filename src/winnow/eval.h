// Scoring extracted text against a page set's truth with the
// article-extraction benchmark's metric (4-token shingles compared as
// multisets; macro-averaged precision and recall; F1 of the two means):
// what `winnow eval` prints. The metric is reimplemented so that a run
// scores the same as the benchmark's published figures. A WCXB set
// (TruthFormat::kWcxb) is scored with WCXB's own metric instead (bag of
// words, means of per-page values, per page type, snippet rates), and its
// articles' title, authors and date are checked (docs/evaluation.md).
//
// Public (installed as <winnow/eval.h>).
#ifndef WINNOW_EVAL_H_
#define WINNOW_EVAL_H_

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "winnow/clean_request.h"
#include "winnow/page_set.h"
#include "winnow/rules.h"

namespace winnow {

// One page's prediction: its text and, for WCXB sets, its metadata (keys
// named as WCXB's ground truth names them).
struct Prediction {
  std::string text;                       // "articleBody"
  std::optional<std::string> title;       // "title"
  std::optional<std::string> author;      // "author": the names, joined by ", "
  std::optional<std::string> published;   // "publish_date": ISO 8601, as `published`
  std::optional<std::string> modified;    // "modified": winnow's own key (WCXB has none)
  bool operator==(const Prediction&) const = default;
};

// Predictions by page id.
using Predictions = std::map<std::string, Prediction>;

// The benchmark's shape, `{id: {"articleBody": text}}`, or that wrapped as
// `{"version": ..., "output": {...}}` (how peers publish), or WCXB
// evaluate.py's `{id: text}`. An entry's articleBody may be null or missing
// (an empty prediction, as the reference scores it); "title", "author" and
// "publish_date" are read when there (a string, or null for none), and
// "modified" (for "published or modified"). Errors
// are one line naming the file.
bool load_predictions(const std::string& path, Predictions* predictions, std::string* error);

struct EvalOptions {
  CleanRequest request;  // every page's; its url is the page's own
  int threads = 1;       // pages cleaned at once
  bool truth_types = false;  // WCXB: clean each page as its truth's type (CleanPagesOptions)
  // Score these instead of running winnow (a page missing from them is an
  // empty prediction).
  const Predictions* predictions = nullptr;
  // Called once a page is scored (or found unreadable), from whichever
  // thread did it, several at once with threads > 1: a progress line's count.
  std::function<void()> page_done;
};

// How a page's metadata compared with a WCXB truth's (docs/evaluation.md).
enum class MetaVerdict { kNotScored, kRight, kWrong };

// One page's outcome.
struct PageResult {
  std::string predicted;  // the text scored
  std::string url;        // the truth's, else the one `clean` used
  std::string error;      // non-empty: the page could not be read; no score
  double precision = 0, recall = 0;
  double f1 = 0;          // 2PR/(P+R), 0 when both are 0: for ranking pages only
                          // (WCXB: the page's own F1, which its means average)
  // WCXB sets only: the snippet rates, the metadata given (by the article,
  // or the predictions file) and how each compared (on articles only).
  double with_rate = 0, without_rate = 0;
  std::optional<std::string> title, published, modified;
  std::vector<std::string> authors;
  MetaVerdict title_ok = MetaVerdict::kNotScored, authors_ok = MetaVerdict::kNotScored,
              date_ok = MetaVerdict::kNotScored;
  MetaVerdict date_either_ok = MetaVerdict::kNotScored;  // published or modified on the truth's date
  std::string page_type;       // the type winnow told ("" for a predictions file)
  std::string page_type_from;  // ... and the sign it read ("" for none)
};

// How well the page types were told (WCXB sets, whose truths give them).
struct TypeFigures {
  size_t scored = 0, right = 0;             // pages typed; typed as their truth
  size_t articles = 0, articles_other = 0;  // article pages; typed as something else
  size_t others = 0, others_article = 0;    // other pages; typed as articles
};

// The figures over a set. Each mean leaves pages out (the benchmark's
// rules): precision those with nothing predicted, recall those with an
// empty truth.
struct EvalFigures {
  size_t pages = 0;
  size_t precision_pages = 0;  // pages with a prediction (in the precision mean)
  size_t recall_pages = 0;     // pages with a truth (in the recall mean)
  double precision = 0;        // mean over precision_pages; 0 if there are none
  double recall = 0;           // mean over recall_pages; 0 if there are none
  double f1 = 0;               // 2PR/(P+R) of the two means; 0 if both are 0
  double accuracy = 0;         // share of pages whose word lists are equal
};

// WCXB's figures over some pages: plain means of the pages' values.
struct WordMeans {
  std::string type;  // "all", or the page type
  size_t pages = 0;
  double precision = 0, recall = 0, f1 = 0;
  double with_rate = 0;     // share of `with` snippets found (higher is better)
  double without_rate = 0;  // share of `without` snippets found (lower is better)
};

struct WordFigures {
  WordMeans all;
  std::vector<WordMeans> by_type;  // article, forum, product, collection, listing, documentation, service, others
};

// Right of scored (pages whose truth says nothing are not scored).
struct MetaCount {
  size_t right = 0, scored = 0;
  double rate() const { return scored ? static_cast<double>(right) / static_cast<double>(scored) : 0; }
};

// Metadata accuracy over a WCXB set's articles (page type "article").
struct MetaFigures {
  size_t articles = 0;
  MetaCount title;          // exact, whitespace collapsed
  MetaCount authors;        // the names as sets; a truth with none: right iff none given
  MetaCount authors_named;  // of those, the pages whose truth names someone
  MetaCount date;           // the truth's date part
  // Published or modified on the truth's date: WCXB's publish_date is often
  // the page's "Updated" date, which winnow gives as `modified`.
  MetaCount date_either;
};

struct Evaluation {
  std::vector<PageResult> pages;  // in the set's order
  EvalFigures figures;            // meaningless if any page has an error (or for a WCXB set)
  WordFigures words;              // WCXB sets only
  MetaFigures meta;               // WCXB sets only
  TypeFigures types;              // WCXB sets only: page types told
};

// Cleans (clean_pages) or takes from the predictions every page of a scored
// set (PageSetKind::kScored) and scores it. The same for any thread count.
Evaluation evaluate(const RuleLibrary& library, const PageSet& set, const EvalOptions& options);

// The texts scored, in the benchmark's shape (ids in order), written
// crash-safely: the old file or the new one, never a part. For a WCXB set
// each entry also has "title", "author", "publish_date" and "modified" (null
// if none).
bool write_predictions(const std::string& path, const PageSet& set, const Evaluation& evaluation,
                       std::string* error);

// Every page's scores as JSON, for finding the pages a figure loses and for
// checking the metric against another implementation
// (scripts/wcxb-crosscheck.py): `{id: {url, precision, recall, f1}}`, and
// for a WCXB set also type, with, without and, on articles, title, authors
// and date, each `{truth, given, verdict}` (verdict "right", "wrong" or
// "not scored"). Written crash-safely.
bool write_scores(const std::string& path, const PageSet& set, const Evaluation& evaluation, std::string* error);

}  // namespace winnow

#endif  // WINNOW_EVAL_H_
