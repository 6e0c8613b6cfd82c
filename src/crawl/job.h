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
#include "winnow/ranges.h"

namespace winnow::crawl {

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
