// The durable commit order of a crawl (crawl.h), for one batch of cleaned
// articles: the files made durable and checked to be still where they were
// written, the state rows committed, the manifest lines appended, the rows
// marked as in the manifest. Any failure of the output or the state stops
// there and says why: what was not committed stays as it was (queued), so
// the next run does it again and no article is counted as failed for a
// fault of the disk.
#ifndef WINNOW_CRAWL_COMMIT_H_
#define WINNOW_CRAWL_COMMIT_H_

#include <deque>
#include <functional>
#include <string>

#include "crawl/archive.h"
#include "crawl/article.h"
#include "crawl/crawl.h"
#include "crawl/state.h"
#include "output/files.h"
#include "output/output_dir.h"

namespace winnow::crawl {

struct CommitTarget {
  State& state;
  output::OutputDir& out;
  output::LineFile& manifest;
  int max_age_days = 0;  // for the "too old" reason
  // Told of every article that failed or was skipped (url, why).
  std::function<void(const std::string&, const std::string&)> on_error;
  // The job's WARC archive, if any: made durable with the files (every
  // article's response was appended to it before the article was cleaned),
  // its mark committed with the rows.
  Archive* archive = nullptr;
};

// Commits `batch`, counting its outcomes into `sum`. False with `fatal` set
// (one line) when the run must stop.
[[nodiscard]] bool commit_batch(std::deque<ArticleOutcome>& batch, const CommitTarget& target, CrawlSummary* sum,
                                std::string* fatal);

}  // namespace winnow::crawl

#endif  // WINNOW_CRAWL_COMMIT_H_
