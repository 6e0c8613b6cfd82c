// A crawl job: which sites to collect, from where, how politely, into which
// files, with which state. Read from a TOML file (jobs/demo.toml is the
// bundled example; README "Crawl jobs" documents every key).
#ifndef WINNOW_CRAWL_JOB_H_
#define WINNOW_CRAWL_JOB_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fetch/fetcher.h"
#include "rules/rule_set.h"
#include "winnow/ranges.h"

namespace winnow::crawl {

struct JobSite {
  std::string name;       // the rule file ("thoidai.com.vn"), or a host that has none
  bool has_rules = false; // a rule file of that name serves it
  std::vector<std::string> hosts;     // the rule file's, else the name itself (and its subdomains)
  std::string base_url;   // where relative feed and listing paths point; default https://<first host>
  std::vector<std::string> feeds;     // default: the rule file's
  std::vector<std::string> listings;  // default: the rule file's
  std::vector<std::string> sitemaps;  // default: the rule file's
  // Find feeds and sitemaps on the site itself (crawl/autodiscover.h): its
  // robots.txt, its home page, the usual paths. Default: on for a site with
  // no rule file, off for one whose rule file lists them.
  bool discover = false;
};

struct Job {
  std::string path;        // the job file
  std::string name;
  std::vector<JobSite> sites;
  std::string output;      // directory for article files
  std::string format = "text";  // text | json
  std::string state;       // SQLite file
  std::string manifest;    // JSON lines, one per article written
  // The archive (crawl/archive.h): a directory for the WARC files of every
  // exchange the crawl makes; "" (the default) for none. A file is closed
  // once it reaches warc_max_bytes (compressed), the next one begun.
  std::string warc;
  uint64_t warc_max_bytes = 1'000'000'000;
  int max_pages = 1000;    // article fetches per run
  int listing_depth = 2;   // listing pages followed from each listing, the first included
  int max_age_days = 0;    // 0: any age
  int max_sitemaps = 100;  // sitemaps read a site a run, the newest first
  // Backfill: only articles published at or after this instant (Unix time)
  // are fetched (their sitemap or feed date, when they give one) and
  // written (the page's own date). `since = "2026-11-01"` in the job.
  std::optional<int64_t> since;
  std::string since_text;
  // Only articles in these languages (ISO 639 codes: "vi", "en") are
  // written; the others are skipped, named in the state. Empty: every one.
  // The language is told from the text (extract/language.h).
  std::vector<std::string> languages;
  // Near-duplicate texts: SimHash distance at or under this is one article
  // written once (crawl/dedup.h); 0: identical texts only. [dedup] near_distance.
  int near_distance = 3;
  // Off: only URLs are normalised, every text is written (a mirror whose
  // pages are copies by design, as the tests' is). [dedup] texts.
  bool dedup_texts = true;
  // The paths tried when a site names no feed or sitemap anywhere ([discover]).
  std::vector<std::string> feed_paths, sitemap_paths;
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
