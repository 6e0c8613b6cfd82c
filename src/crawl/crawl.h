// Running a crawl job: discover articles in the sites' feeds and listing
// pages, fetch what is new or changed, clean it, write one file per article
// and a manifest line for each, remember everything in the state database.
//
// Crash safety, in the order articles are committed (a batch at a time):
//   1. their files: each written to a temp file and renamed into place (by
//      the cleaning threads), then made durable with one syncfs;
//   2. their state rows: done, manifested = 0 (one SQLite commit, WAL, FULL);
//   3. their manifest lines: appended, one fsync;
//   4. their state rows: manifested = 1 (one commit).
// A run killed anywhere restarts by sweeping temp files, cutting a partial
// last manifest line, and appending the manifest lines of rows left at step
// 2 or 3 (checked against the manifest's tail, so none is written twice).
// Articles discovered but not fetched wait in the state as queued.
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
};

struct CrawlSummary {
  int new_articles = 0, updated = 0, unchanged = 0, failed = 0, skipped = 0;
  int feeds = 0, feeds_unchanged = 0, listings = 0, listings_unchanged = 0, discovery_failed = 0;
  int queued_left = 0;     // discovered, not fetched (page budget or stop)
  uint64_t transfers = 0, bytes = 0;
  double seconds = 0;
  bool interrupted = false;
  std::string fatal;       // non-empty: the run could not proceed
  int exit_code() const;   // 0 ok, 5 some pages failed, 6 fatal, 7 interrupted
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
