// One fetched article on a cleaning thread: cleaned with its site's rules
// (or the generic extractor), judged (a page at all? any text? too old?),
// and written to its file if the text is new. It touches no state: the
// main thread decides the file's name before and commits the outcome after
// (crawl.h gives the order).
#ifndef WINNOW_CRAWL_ARTICLE_H_
#define WINNOW_CRAWL_ARTICLE_H_

#include <string>
#include <vector>

#include "crawl/dedup.h"
#include "crawl/job.h"
#include "crawl/state.h"
#include "fetch/fetcher.h"
#include "output/output_dir.h"
#include "rules/rule_set.h"
#include "winnow/article.h"

namespace winnow::crawl {

struct ArticleTask {
  size_t site = 0;          // index in job.sites
  std::string path;         // the file, relative to the output directory (unique to this URL)
  fetch::Response response;
  PageRow row;              // the state before this fetch
};

struct ArticleOutcome {
  enum class What {
    kWritten,     // a new or changed text: file written, a manifest line to append
    kUnchanged,   // the same text as the file on disk
    kRestored,    // the same text as recorded, its file was missing: written back, no new line
    kEmpty,       // no article text
    kListing,     // a page the generic extractor typed a listing or collection: not an article
    kLanguage,    // in none of the job's languages
    kDuplicate,   // another URL's article (its canonical, or the same or nearly the same text): a manifest line, no file
    kTooOld,      // published before the job's max_age_days or its `since`
    kNotHtml,     // not a page (PDF, image, archive...)
    kFailed,      // cleaning failed (out of memory): the page's fault, retried next run
    kWriteFault,  // the output could not be written: the disk's fault, fatal for the run
  };
  ArticleTask task;         // row updated: validators, hash, path, manifest line
  What what = What::kFailed;
  bool is_new = false;      // kWritten: no text was written for this URL before
  std::string error;        // one line, for the failed, skipped and fault outcomes
  std::vector<std::string> warnings;
};

// The parts of the run an article needs; shared by every cleaning thread.
struct ArticleContext {
  const Job& job;
  const rules::RuleLibrary& library;
  output::OutputDir& out;
  DedupIndex& dedup;  // the texts written, this run's and earlier runs' (thread-safe)
};

ArticleOutcome process_article(const ArticleContext& ctx, ArticleTask task);

// What an article's fingerprint (crawl/dedup.h) is taken of: the story's own
// words, its title, lead and body. A copy under another URL keeps them and
// changes its dateline, byline and credits ("Theo TTXVN").
std::string story_text(const Article& art);

// ISO 8601 (as clean() writes it) to Unix time, by the one ISO parser
// (extract/date.h); -1 if it does not parse. No offset: UTC.
time_t unix_time_of_iso(const std::string& iso);

}  // namespace winnow::crawl

#endif  // WINNOW_CRAWL_ARTICLE_H_
