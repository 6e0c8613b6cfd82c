// A crawl job's memory, in SQLite (WAL): every URL seen, what it is, how its
// last fetch went, its validators (ETag/Last-Modified), the hash of what was
// written, where, and the manifest line that says so. A re-run reads it to
// fetch only what is new or changed; a killed run resumes from it.
#ifndef WINNOW_CRAWL_STATE_H_
#define WINNOW_CRAWL_STATE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace winnow::crawl {

enum class Kind { kArticle, kFeed, kListing, kSitemap };
const char* kind_name(Kind k);

// queued: to fetch; done: written (or unchanged); failed: the last try
// failed, retried next run (up to a limit); gone: 404/410, not retried;
// skipped: not fetched on purpose, for good (too old, no article text, not
// an HTML page); disallowed: robots.txt forbids it today, asked again every
// run (a later robots.txt may allow it); duplicate: its text is another
// URL's article (`duplicate_of`), recorded in the manifest, not written.
enum class Status { kQueued, kDone, kFailed, kGone, kSkipped, kDisallowed, kDuplicate };
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
  // The manifest line of the file last written. Kept after it is in the
  // manifest: a restart appends it if the kill came first, and a manifest
  // that lost lines gets them back from here.
  std::string manifest_line;
  // The written text's fingerprint (crawl/dedup.h), so the next run knows
  // it without reading the file; 0 when none was taken.
  uint64_t print_exact = 0, print_sim = 0;
  uint32_t print_words = 0;
  std::string duplicate_of;  // kDuplicate: the URL whose article this is
};

class Statement;

// Every call that can fail says so ([[nodiscard]]): a state write that is
// ignored is an article the next run forgets.
class State {
 public:
  State();
  ~State();
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  enum class Opened { kOk, kLocked, kDamaged, kError };
  // Takes an exclusive lock file beside the database (two runs of one job
  // cannot overlap), then opens (or creates) it: WAL, synchronous=FULL, the
  // schema, and PRAGMA quick_check. kDamaged: the file is not a database or
  // fails the check; nothing was changed. With `set_aside`, an existing
  // database (and its WAL) is first renamed to PATH.replaced-<UTC time>
  // (said in `*set_aside_as`) and a new one created: --rebuild-state.
  [[nodiscard]] Opened open(const std::string& path, bool set_aside, std::string* set_aside_as, std::string* error);

  [[nodiscard]] std::optional<PageRow> get(const std::string& url);
  // Inserts or replaces the whole row.
  [[nodiscard]] bool put(const PageRow& row);
  // The next articles to fetch, oldest first: queued ones, failed ones with
  // fewer than `max_attempts`, then disallowed ones (robots.txt is asked
  // again); each not yet claimed by `run`, and claimed by it in the same
  // transaction, so the queue lives here, not in memory; a killed run's
  // claims are simply taken by the next run.
  [[nodiscard]] std::vector<PageRow> claim_articles(int64_t run, int max_attempts, int limit);
  // Rows written but whose manifest line may be missing (a run was killed
  // between the two, or the manifest lost it).
  // (An empty list with last_error() set if the query failed.)
  [[nodiscard]] std::vector<PageRow> unmanifested();
  [[nodiscard]] bool set_manifested(const std::string& url, bool manifested = true);
  // Every article row written (done, with an output path), in no order.
  [[nodiscard]] bool for_each_written(const std::function<void(const PageRow&)>& fn);
  // The feeds and sitemaps read for `site` in earlier runs (found by
  // autodiscovery, or named then): asked again, conditionally, every run.
  [[nodiscard]] std::vector<PageRow> sources(const std::string& site);
  // The URL whose article is at `path` (relative to the output), if any.
  [[nodiscard]] std::optional<std::string> path_owner(const std::string& path);
  [[nodiscard]] bool has_articles();

  struct Counts { int64_t queued = 0, done = 0, failed = 0, gone = 0, skipped = 0, disallowed = 0, duplicate = 0; };
  Counts article_counts();

  // Small facts about the job's files (the manifest's identity and size).
  [[nodiscard]] std::optional<std::string> meta(const std::string& key);
  [[nodiscard]] bool set_meta(const std::string& key, const std::string& value);

  // Many rows at once (a feed's items): one commit, all or nothing.
  [[nodiscard]] bool begin() { return exec("BEGIN IMMEDIATE"); }
  [[nodiscard]] bool commit() { return exec("COMMIT"); }
  [[nodiscard]] bool rollback() { return exec("ROLLBACK"); }

  const std::string& last_error() const { return error_; }
  const std::string& path() const { return path_; }

 private:
  struct Statements;
  bool exec(const char* sql);
  bool add_columns();  // a database of an earlier version gains the new columns
  bool done(Statement& st);  // steps it; false with error_ set on an error
  sqlite3* db_ = nullptr;
  int lock_fd_ = -1;
  std::string path_;
  std::unique_ptr<Statements> stmts_;
  std::string error_;
};

}  // namespace winnow::crawl

#endif  // WINNOW_CRAWL_STATE_H_
