#include "crawl/commit.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <vector>

#include "crawl/recover.h"

namespace winnow::crawl {
namespace {

using What = ArticleOutcome::What;

constexpr const char* kStays = "; the run stops, its articles stay queued for the next run";

// An outcome's row as it is to be committed, and its count.
void settle(ArticleOutcome& d, const CommitTarget& t, CrawlSummary* sum) {
  PageRow& row = d.task.row;
  switch (d.what) {
    case What::kWritten:
      row.status = Status::kDone;
      row.manifested = false;
      row.error.clear();
      ++(d.is_new ? sum->new_articles : sum->updated);
      break;
    case What::kRestored:
      row.status = Status::kDone;
      row.error.clear();
      ++sum->unchanged;
      break;
    case What::kUnchanged:
      row.status = Status::kDone;
      ++sum->unchanged;
      break;
    case What::kTooOld:
      row.status = Status::kSkipped;
      row.error = !d.error.empty() ? d.error : "older than " + std::to_string(t.max_age_days) + " days";
      ++sum->skipped;
      break;
    case What::kDuplicate:
      row.status = Status::kDuplicate;
      row.manifested = false;
      row.error.clear();
      ++sum->duplicates;
      break;
    case What::kEmpty:
    case What::kNotHtml:
    case What::kListing:
    case What::kLanguage:
      row.status = Status::kSkipped;
      row.error = d.error;
      ++sum->skipped;
      if (d.what == What::kNotHtml) ++sum->not_html;
      if (d.what == What::kLanguage) ++sum->other_language;
      // A listing met at an article-shaped URL, or an article in another
      // language, is the crawl telling pages apart as it should, not an
      // error of the page.
      if (d.what == What::kListing || d.what == What::kLanguage) {
        if (d.what == What::kListing) ++sum->listing_pages;
        spdlog::info("{}: skipped: {}", row.url, d.error);
      } else if (t.on_error) {
        t.on_error(row.url, d.error);
      }
      break;
    case What::kFailed:
    case What::kWriteFault:  // never committed (commit_batch stops first)
      row.status = Status::kFailed;
      row.error = d.error;
      ++row.attempts;
      ++sum->failed;
      if (t.on_error) t.on_error(row.url, d.error);
      break;
  }
}

bool state_failed(State& state, std::string* fatal) {
  *fatal = state.path() + ": " + state.last_error();
  (void)state.rollback();  // an open transaction, if any, is abandoned: nothing of it happened
  return false;
}

}  // namespace

bool commit_batch(std::deque<ArticleOutcome>& batch, const CommitTarget& t, CrawlSummary* sum, std::string* fatal) {
  if (batch.empty()) return true;
  std::string why;
  // 0. A file that could not be written: the disk is at fault, not the page.
  //    A directory removed under us is the cause worth naming, not the
  //    ENOENT it leads to.
  auto fault = std::find_if(batch.begin(), batch.end(), [](const ArticleOutcome& d) {
    return d.what == What::kWriteFault;
  });
  if (fault != batch.end()) {
    if (t.out.still_there(&why)) why = fault->error;
    *fatal = why + kStays;
    return false;
  }
  // 1. The files written are durable, and still where they were written.
  bool wrote = std::any_of(batch.begin(), batch.end(), [](const ArticleOutcome& d) {
    return d.what == What::kWritten || d.what == What::kRestored;
  });
  output::WriteError werr;
  if (wrote && !t.out.sync(&werr)) return (*fatal = werr.message + kStays, false);
  if (wrote && !t.out.still_there(&why)) return (*fatal = why + kStays, false);
  //    The archive too: its records of these articles' pages are durable
  //    before any row says the article was written (crawl/archive.h).
  if (t.archive && !t.archive->sync(&why)) return (*fatal = why + kStays, false);
  // 2. Their rows, in one transaction.
  std::vector<std::string> lines;
  std::vector<const ArticleOutcome*> written;
  if (!t.state.begin()) return state_failed(t.state, fatal);
  for (ArticleOutcome& d : batch) {
    for (const std::string& w : d.warnings) spdlog::warn("{}: {}", d.task.row.url, w);
    settle(d, t, sum);
    if (!t.state.put(d.task.row)) return state_failed(t.state, fatal);
    if (d.what == What::kWritten || d.what == What::kDuplicate) {
      lines.push_back(d.task.row.manifest_line);
      written.push_back(&d);
    }
  }
  if ((t.archive && !t.archive->mark(t.state)) || !t.state.commit()) return state_failed(t.state, fatal);
  if (lines.empty()) return true;
  // 3. Their manifest lines. A manifest deleted or replaced during the run
  //    is not written into: the next run finds the rows unmanifested and
  //    appends their lines where the manifest is then.
  if (!t.manifest.still_there(&why) || !t.manifest.append(lines, &why)) return (*fatal = why, false);
  // 4. The rows marked as in the manifest, with its new size.
  if (!t.state.begin()) return state_failed(t.state, fatal);
  for (const ArticleOutcome* d : written)
    if (!t.state.set_manifested(d->task.row.url)) return state_failed(t.state, fatal);
  if (!record_manifest(t.state, t.manifest) || !t.state.commit()) return state_failed(t.state, fatal);
  return true;
}

}  // namespace winnow::crawl
