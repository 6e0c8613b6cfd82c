// A crawl job: which sites to collect, from where, how politely, into which
// files, with which state. Read from a TOML file (jobs/demo.toml is the
// bundled example; README "Crawl jobs" documents every key).
#ifndef WINNOW_CRAWL_JOB_H_
#define WINNOW_CRAWL_JOB_H_

#include <cstdint>
#include <string>
#include <vector>

#include "fetch/fetcher.h"
#include "rules/rule_set.h"

namespace winnow::crawl {

// The values a numeric setting may take, in the job file and on the command
// line alike (README "Crawl jobs"). Each bound is one a real crawl can want;
// past it a value is a typo or an overflow (0 transfers at once never ends,
// a delay of 3,000 years is a hang), refused with the range in the message.
struct ValueRange {
  int64_t min, max;
  bool contains(int64_t v) const { return v >= min && v <= max; }
};
inline constexpr ValueRange kConcurrencyRange{1, 256};         // fetch.concurrency, --concurrency
inline constexpr ValueRange kPerHostRange{1, 64};              // fetch.per_host, --per-host
inline constexpr ValueRange kDelayMsRange{0, 3'600'000};       // fetch.delay_ms, --delay-ms: up to an hour
inline constexpr ValueRange kTimeoutSRange{1, 3'600};          // fetch.timeout_s, --timeout
inline constexpr ValueRange kConnectTimeoutSRange{1, 600};     // fetch.connect_timeout_s
inline constexpr ValueRange kRetriesRange{0, 20};              // fetch.retries, --retries
inline constexpr ValueRange kMaxBytesRange{1'024, 1 << 30};    // fetch.max_bytes, --max-bytes (pages too)
inline constexpr ValueRange kMaxPagesRange{0, 10'000'000};     // limits.max_pages, --max-pages
inline constexpr ValueRange kListingDepthRange{0, 1'000};      // limits.listing_depth
inline constexpr ValueRange kMaxAgeDaysRange{0, 36'500};       // limits.max_age_days: a century
inline constexpr ValueRange kCleanThreadsRange{0, 256};        // crawl --threads (0: one per core)

struct JobSite {
  std::string name;       // the rule file: "thoidai.com.vn"
  std::string base_url;   // where relative feed and listing paths point; default https://<first host>
  std::vector<std::string> feeds;     // default: the rule file's
  std::vector<std::string> listings;  // default: the rule file's
};

struct Job {
  std::string path;        // the job file
  std::string name;
  std::vector<JobSite> sites;
  std::string output;      // directory for article files
  std::string format = "text";  // text | json
  std::string state;       // SQLite file
  std::string manifest;    // JSON lines, one per article written
  int max_pages = 1000;    // article fetches per run
  int listing_depth = 2;   // listing pages followed from each listing, the first included
  int max_age_days = 0;    // 0: any age
  fetch::FetchOptions fetch;
};

struct JobError {
  std::string file;
  unsigned line = 0, column = 0;
  std::string message;
  std::string to_string() const;
};

// Reads and checks a job file. Relative paths in it are relative to the
// job file's directory. Sites must name rule files of `library`.
bool load_job(const std::string& path, const rules::RuleLibrary& library, Job* job, JobError* error);

}  // namespace winnow::crawl

#endif  // WINNOW_CRAWL_JOB_H_
