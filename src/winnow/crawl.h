// Running a crawl job once: `winnow crawl JOB.toml` as calls. What a run
// does, in which order and with which promises (every article on disk once,
// with one manifest line; a failure of the output or the state fatal and
// counted against no article) is README "Crawl jobs".
//
// Public (installed as <winnow/crawl.h>).
#ifndef WINNOW_CRAWL_H_
#define WINNOW_CRAWL_H_

#include <memory>
#include <optional>
#include <string>

#include "winnow/exit_code.h"
#include "winnow/fetch.h"
#include "winnow/rules.h"

namespace winnow {

struct CrawlSettings {
  bool quiet = false;          // log errors only (the run logs through spdlog's default logger)
  bool live = false;           // a live progress line (stderr is a terminal)
  int clean_threads = 0;       // cleaning threads; 0: one per core
  // Set the state database aside and rebuild it from the manifest and the
  // article files (after it was damaged).
  bool rebuild_state = false;
  std::optional<int> max_pages;  // article fetches this run; unset: the job's
  FetchSettings fetch;           // over the job file's [fetch]
};

// How a run ended.
struct CrawlReport {
  std::string job;            // the job's name
  std::string output;         // where the articles are
  std::string manifest;
  std::string fatal;          // non-empty: why the run could not go on
  std::string summary;        // one line: "crawl NAME: N new, N updated, ..."
  ExitCode exit_code = kExitOk;  // ok, partial (some failed or deferred), fatal or interrupted
};

class CrawlJob {
 public:
  CrawlJob();
  ~CrawlJob();
  CrawlJob(const CrawlJob&) = delete;
  CrawlJob& operator=(const CrawlJob&) = delete;

  // Reads and checks the job file (its sites must name rule files of
  // `library`, which must outlive the job) and lays `settings` over it.
  // False and one line ("job.toml:21:12: fetch.delay_ms must be between 0
  // and 3600000") for a broken job.
  bool open(const std::string& job_file, const RuleLibrary& library, const CrawlSettings& settings,
            std::string* error);

  // One run of an open job.
  CrawlReport run();

  // Async-signal-safe (a SIGINT handler's call): the run finishes the
  // transfers in flight and starts nothing new. Before open, nothing.
  void request_stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace winnow

#endif  // WINNOW_CRAWL_H_
