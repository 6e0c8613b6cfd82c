// Running a crawl job: discover articles in the sites' feeds, sitemaps and
// listing pages (found on the site when it has no rule file), fetch what is new or changed, clean it, write one file per article
// and a manifest line for each, remember everything in the state database.
//
// Crash safety, in the order articles are committed (a batch at a time):
//   1. their files: each written to a temp file and renamed into place (by
//      the cleaning threads), then made durable with one syncfs, and the
//      output directory checked to be still there;
//   2. their state rows: done, manifested = 0 (one SQLite commit, WAL, FULL);
//   3. their manifest lines: appended (the manifest checked to be still
//      there), one fsync;
//   4. their state rows: manifested = 1, and the manifest's size (one commit).
// A run killed anywhere restarts by making the state, the manifest and the
// files agree (crawl/recover.h): temp files swept, a partial last manifest
// line cut, the lines of rows left at step 2 or 3 appended (checked against
// the manifest, so none is written twice), missing files fetched again.
// Articles discovered but not fetched wait in the state as queued.
//
// The run's own promise: every article the sites offered ends up on disk
// once, with one manifest line whose hash is its file's. So a failure of
// the output (a read-only or full disk, a directory deleted during the run)
// or of the state is fatal (exit 6) and counts against no article: what was
// not committed stays queued for the next run. A site whose robots.txt
// cannot be read is deferred, not skipped.
#ifndef WINNOW_CRAWL_CRAWL_H_
#define WINNOW_CRAWL_CRAWL_H_

#include <atomic>
#include <memory>
#include <string>

#include "crawl/job.h"
#include "rules/rule_set.h"

namespace winnow::crawl {

struct CrawlOptions {
  bool quiet = false;      // errors only
  bool live = false;       // a live progress line (stderr is a terminal)
  int clean_threads = 0;   // 0: one per core
  // Set the state database aside and rebuild it from the manifest and the
  // article files (a damaged state: `winnow crawl JOB --rebuild-state`).
  bool rebuild_state = false;
};

struct CrawlSummary {
  int new_articles = 0, updated = 0, unchanged = 0, failed = 0, skipped = 0;
  int not_html = 0;        // of the skipped: PDF, images, archives at article URLs
  int listing_pages = 0;   // of the skipped: pages typed listing or collection (extract/page_type.h)
  int other_language = 0;  // of the skipped: articles in none of the job's languages
  int duplicates = 0;      // another URL's article (crawl/dedup.h): in the manifest, not written
  int disallowed = 0;      // robots.txt says no (asked again next run)
  int deferred = 0;        // robots.txt unreachable: not asked, queued for the next run
  int feeds = 0, feeds_unchanged = 0, listings = 0, listings_unchanged = 0, discovery_failed = 0;
  int sitemaps = 0, sitemaps_unchanged = 0;
  int queued_left = 0;     // discovered, not fetched (page budget or stop)
  uint64_t transfers = 0, bytes = 0;
  double seconds = 0;
  bool interrupted = false;
  std::string fatal;       // non-empty: the run could not proceed
  int exit_code() const;   // 0 ok, 5 some pages failed or deferred, 6 fatal, 7 interrupted
  std::string to_string(const std::string& job_name) const;
};

class Crawler {
 public:
  Crawler(const Job& job, const rules::RuleLibrary& library, CrawlOptions options);
  ~Crawler();
  CrawlSummary run();
  // Async-signal-safe: finish what is in flight, start nothing new.
  void request_stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace winnow::crawl

#endif  // WINNOW_CRAWL_CRAWL_H_
