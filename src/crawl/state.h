// A crawl job's memory, in SQLite (WAL): every URL seen, what it is, how its
// last fetch went, its validators (ETag/Last-Modified), the hash of what was
// written and where. A re-run reads it to fetch only what is new or changed;
// a killed run resumes from it.
#ifndef WINNOW_CRAWL_STATE_H_
#define WINNOW_CRAWL_STATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace winnow::crawl {

enum class Kind { kArticle, kFeed, kListing };
const char* kind_name(Kind k);

// queued: to fetch; done: written (or unchanged); failed: the last try
// failed, retried next run; gone: 404/410, not retried; skipped: not
// fetched on purpose (robots.txt, too old, no article text).
enum class Status { kQueued, kDone, kFailed, kGone, kSkipped };
const char* status_name(Status s);

struct PageRow {
  std::string url, site;
  Kind kind = Kind::kArticle;
  Status status = Status::kQueued;
  long http_status = 0;
  std::string error;
  std::string etag, last_modified;
  std::string content_hash, output_path;
  bool manifested = false;
  std::string feed_date;  // the date a feed gave the item (change signal)
  int attempts = 0;
  // The manifest line for the file written: kept until it is in the
  // manifest, so a restart can append it exactly.
  std::string manifest_line;
};

class State {
 public:
  State() = default;
  ~State();
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  // Opens (or creates) the database, WAL, synchronous=FULL, and takes an
  // exclusive lock file beside it so two runs of one job cannot overlap.
  bool open(const std::string& path, std::string* error);

  std::optional<PageRow> get(const std::string& url);
  // Inserts or replaces the whole row.
  bool put(const PageRow& row);
  // URLs of a kind and status, oldest first, at most `limit`.
  std::vector<std::string> urls_with(Kind kind, Status status, int limit);
  // The next articles to fetch, oldest first: queued ones, and failed ones
  // with fewer than `max_attempts`, not yet claimed by `run`. They are
  // claimed by it in the same transaction, so the queue lives here, not in
  // memory; a killed run's claims are simply taken by the next run.
  std::vector<PageRow> claim_articles(int64_t run, int max_attempts, int limit);
  // Rows written but whose manifest line may be missing (a run was killed
  // between the two).
  std::vector<PageRow> unmanifested();
  bool set_manifested(const std::string& url);

  struct Counts { int64_t queued = 0, done = 0, failed = 0, gone = 0, skipped = 0; };
  Counts article_counts();

  // Many rows at once (a feed's items): one commit, all or nothing.
  bool begin() { return exec("BEGIN IMMEDIATE"); }
  bool commit() { return exec("COMMIT"); }

  bool integrity_ok(std::string* detail);
  const std::string& last_error() const { return error_; }

 private:
  bool exec(const char* sql);
  sqlite3* db_ = nullptr;
  int lock_fd_ = -1;
  sqlite3_stmt* get_ = nullptr;
  sqlite3_stmt* put_ = nullptr;
  std::string error_;
};

}  // namespace winnow::crawl

#endif  // WINNOW_CRAWL_STATE_H_
