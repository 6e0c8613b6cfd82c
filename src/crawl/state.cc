#include "crawl/state.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <string_view>

namespace winnow::crawl {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS pages (
  url TEXT PRIMARY KEY,
  site TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  http_status INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL DEFAULT '',
  output_path TEXT NOT NULL DEFAULT '',
  manifested INTEGER NOT NULL DEFAULT 0,
  feed_date TEXT NOT NULL DEFAULT '',
  attempts INTEGER NOT NULL DEFAULT 0,
  manifest_line TEXT NOT NULL DEFAULT '',
  claimed_run INTEGER NOT NULL DEFAULT 0,
  first_seen INTEGER NOT NULL,
  updated INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS pages_by_status ON pages(kind, status, first_seen);
)sql";

std::string text_col(sqlite3_stmt* st, int i) {
  const unsigned char* t = sqlite3_column_text(st, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

Kind kind_of(const std::string& s) {
  if (s == "feed") return Kind::kFeed;
  if (s == "listing") return Kind::kListing;
  return Kind::kArticle;
}

Status status_of(const std::string& s) {
  if (s == "done") return Status::kDone;
  if (s == "failed") return Status::kFailed;
  if (s == "gone") return Status::kGone;
  if (s == "skipped") return Status::kSkipped;
  return Status::kQueued;
}

constexpr const char* kColumns =
    "url, site, kind, status, http_status, error, etag, last_modified, content_hash, output_path, manifested, "
    "feed_date, attempts, manifest_line";

PageRow row_of(sqlite3_stmt* st) {
  PageRow r;
  r.url = text_col(st, 0);
  r.site = text_col(st, 1);
  r.kind = kind_of(text_col(st, 2));
  r.status = status_of(text_col(st, 3));
  r.http_status = sqlite3_column_int64(st, 4);
  r.error = text_col(st, 5);
  r.etag = text_col(st, 6);
  r.last_modified = text_col(st, 7);
  r.content_hash = text_col(st, 8);
  r.output_path = text_col(st, 9);
  r.manifested = sqlite3_column_int(st, 10) != 0;
  r.feed_date = text_col(st, 11);
  r.attempts = sqlite3_column_int(st, 12);
  r.manifest_line = text_col(st, 13);
  return r;
}

}  // namespace

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::kFeed: return "feed";
    case Kind::kListing: return "listing";
    default: return "article";
  }
}

const char* status_name(Status s) {
  switch (s) {
    case Status::kDone: return "done";
    case Status::kFailed: return "failed";
    case Status::kGone: return "gone";
    case Status::kSkipped: return "skipped";
    default: return "queued";
  }
}

State::~State() {
  sqlite3_finalize(get_);
  sqlite3_finalize(put_);
  if (db_) sqlite3_close(db_);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

bool State::exec(const char* sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
    error_ = msg ? msg : sqlite3_errmsg(db_);
    sqlite3_free(msg);
    return false;
  }
  return true;
}

bool State::open(const std::string& path, std::string* error) {
  std::string lock = path + ".lock";
  lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) {
    *error = lock + ": cannot open: " + std::strerror(errno);
    return false;
  }
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    *error = path + ": another run of this job holds " + lock;
    return false;
  }
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    *error = path + ": cannot open the state database: " + (db_ ? sqlite3_errmsg(db_) : "out of memory");
    return false;
  }
  sqlite3_busy_timeout(db_, 5000);
  // WAL and FULL sync: a commit is on disk when it returns, whatever kills
  // the process afterwards.
  if (!exec("PRAGMA journal_mode=WAL;") || !exec("PRAGMA synchronous=FULL;") || !exec(kSchema)) {
    *error = path + ": " + error_;
    return false;
  }
  std::string get_sql = std::string("SELECT ") + kColumns + " FROM pages WHERE url = ?1";
  std::string put_sql = std::string("INSERT INTO pages (") + kColumns +
                        ", first_seen, updated) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?15) "
                        "ON CONFLICT(url) DO UPDATE SET site=?2, kind=?3, status=?4, http_status=?5, error=?6, "
                        "etag=?7, last_modified=?8, content_hash=?9, output_path=?10, manifested=?11, "
                        "feed_date=?12, attempts=?13, manifest_line=?14, updated=?15";
  if (sqlite3_prepare_v2(db_, get_sql.c_str(), -1, &get_, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db_, put_sql.c_str(), -1, &put_, nullptr) != SQLITE_OK) {
    *error = path + ": " + sqlite3_errmsg(db_);
    return false;
  }
  return true;
}

std::optional<PageRow> State::get(const std::string& url) {
  sqlite3_reset(get_);
  sqlite3_bind_text(get_, 1, url.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(get_) != SQLITE_ROW) return std::nullopt;
  return row_of(get_);
}

bool State::put(const PageRow& r) {
  sqlite3_reset(put_);
  int i = 1;
  auto text = [&](const std::string& s) { sqlite3_bind_text(put_, i++, s.c_str(), -1, SQLITE_TRANSIENT); };
  text(r.url);
  text(r.site);
  sqlite3_bind_text(put_, i++, kind_name(r.kind), -1, SQLITE_STATIC);
  sqlite3_bind_text(put_, i++, status_name(r.status), -1, SQLITE_STATIC);
  sqlite3_bind_int64(put_, i++, r.http_status);
  text(r.error);
  text(r.etag);
  text(r.last_modified);
  text(r.content_hash);
  text(r.output_path);
  sqlite3_bind_int(put_, i++, r.manifested ? 1 : 0);
  text(r.feed_date);
  sqlite3_bind_int(put_, i++, r.attempts);
  text(r.manifest_line);
  sqlite3_bind_int64(put_, i++, static_cast<int64_t>(time(nullptr)));
  if (sqlite3_step(put_) != SQLITE_DONE) {
    error_ = sqlite3_errmsg(db_);
    return false;
  }
  return true;
}

std::vector<std::string> State::urls_with(Kind kind, Status status, int limit) {
  std::vector<std::string> out;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db_, "SELECT url FROM pages WHERE kind = ?1 AND status = ?2 ORDER BY first_seen, url LIMIT ?3",
                     -1, &st, nullptr);
  sqlite3_bind_text(st, 1, kind_name(kind), -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, status_name(status), -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 3, limit);
  while (sqlite3_step(st) == SQLITE_ROW) out.push_back(text_col(st, 0));
  sqlite3_finalize(st);
  return out;
}

std::vector<PageRow> State::claim_articles(int64_t run, int max_attempts, int limit) {
  std::vector<PageRow> out;
  if (limit <= 0 || !exec("BEGIN IMMEDIATE")) return out;
  sqlite3_stmt* st = nullptr;
  // Queued first, then failed ones due a retry: each an index range scan in
  // first_seen order (an OR of statuses would scan and sort the table).
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM pages WHERE kind = 'article' AND status = ?1 AND claimed_run != ?2 AND attempts < ?3 "
                    "ORDER BY first_seen LIMIT ?4";
  sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr);
  for (const char* status : {"queued", "failed"}) {
    if (static_cast<int>(out.size()) >= limit) break;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, run);
    sqlite3_bind_int(st, 3, std::string_view(status) == "queued" ? INT32_MAX : max_attempts);
    sqlite3_bind_int(st, 4, limit - static_cast<int>(out.size()));
    while (sqlite3_step(st) == SQLITE_ROW) out.push_back(row_of(st));
  }
  sqlite3_finalize(st);
  sqlite3_prepare_v2(db_, "UPDATE pages SET claimed_run = ?1 WHERE url = ?2", -1, &st, nullptr);
  for (const PageRow& r : out) {
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, run);
    sqlite3_bind_text(st, 2, r.url.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(st);
  }
  sqlite3_finalize(st);
  exec("COMMIT");
  return out;
}

std::vector<PageRow> State::unmanifested() {
  std::vector<PageRow> out;
  sqlite3_stmt* st = nullptr;
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM pages WHERE status = 'done' AND output_path != '' AND manifested = 0 ORDER BY updated";
  sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) out.push_back(row_of(st));
  sqlite3_finalize(st);
  return out;
}

bool State::set_manifested(const std::string& url) {
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db_, "UPDATE pages SET manifested = 1, manifest_line = '' WHERE url = ?1", -1, &st, nullptr);
  sqlite3_bind_text(st, 1, url.c_str(), -1, SQLITE_TRANSIENT);
  bool ok = sqlite3_step(st) == SQLITE_DONE;
  if (!ok) error_ = sqlite3_errmsg(db_);
  sqlite3_finalize(st);
  return ok;
}

State::Counts State::article_counts() {
  Counts c;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db_, "SELECT status, COUNT(*) FROM pages WHERE kind = 'article' GROUP BY status", -1, &st,
                     nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) {
    int64_t n = sqlite3_column_int64(st, 1);
    switch (status_of(text_col(st, 0))) {
      case Status::kQueued: c.queued = n; break;
      case Status::kDone: c.done = n; break;
      case Status::kFailed: c.failed = n; break;
      case Status::kGone: c.gone = n; break;
      case Status::kSkipped: c.skipped = n; break;
    }
  }
  sqlite3_finalize(st);
  return c;
}

bool State::integrity_ok(std::string* detail) {
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db_, "PRAGMA integrity_check", -1, &st, nullptr);
  std::string result;
  while (sqlite3_step(st) == SQLITE_ROW) result += text_col(st, 0);
  sqlite3_finalize(st);
  *detail = result;
  return result == "ok";
}

}  // namespace winnow::crawl
