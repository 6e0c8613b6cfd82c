#include "crawl/state.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdio>
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
CREATE INDEX IF NOT EXISTS pages_by_path ON pages(output_path);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
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
  if (s == "disallowed") return Status::kDisallowed;
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
    case Status::kDisallowed: return "disallowed";
    default: return "queued";
  }
}

State::~State() {
  for (sqlite3_stmt* st : {get_, put_, claim_, mark_claimed_, set_manifested_, path_owner_, meta_get_, meta_set_})
    sqlite3_finalize(st);
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

sqlite3_stmt* State::prepared(sqlite3_stmt** slot, const std::string& sql) {
  if (*slot) {
    sqlite3_reset(*slot);
    sqlite3_clear_bindings(*slot);
    return *slot;
  }
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, slot, nullptr) != SQLITE_OK) {
    error_ = sqlite3_errmsg(db_);
    *slot = nullptr;
  }
  return *slot;
}

bool State::step_done(sqlite3_stmt* st) {
  if (sqlite3_step(st) == SQLITE_DONE) return true;
  error_ = sqlite3_errmsg(db_);
  return false;
}

namespace {

std::string utc_stamp() {
  char buf[32];
  time_t t = time(nullptr);
  struct tm tm {};
  gmtime_r(&t, &tm);
  strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

bool is_damage(int code) { return code == SQLITE_CORRUPT || code == SQLITE_NOTADB; }

}  // namespace

State::Opened State::open(const std::string& path, bool set_aside, std::string* set_aside_as, std::string* error) {
  path_ = path;
  std::string lock = path + ".lock";
  lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) {
    *error = lock + ": cannot open: " + std::strerror(errno);
    return Opened::kError;
  }
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    *error = path + ": another run of this job holds " + lock;
    return Opened::kLocked;
  }
  // Under the lock: no other run has the database open.
  if (set_aside && ::access(path.c_str(), F_OK) == 0) {
    *set_aside_as = path + ".replaced-" + utc_stamp();
    if (::rename(path.c_str(), set_aside_as->c_str()) != 0) {
      *error = path + ": cannot set it aside as " + *set_aside_as + ": " + std::strerror(errno);
      return Opened::kError;
    }
    ::rename((path + "-wal").c_str(), (*set_aside_as + "-wal").c_str());
    ::unlink((path + "-shm").c_str());
  }
  int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
    *error = path + (is_damage(rc) ? ": the state database is damaged (" + why + ")"
                                   : ": cannot open the state database: " + why);
    return is_damage(rc) ? Opened::kDamaged : Opened::kError;
  }
  sqlite3_busy_timeout(db_, 5000);
  // WAL and FULL sync: a commit is on disk when it returns, whatever kills
  // the process afterwards.
  if (!exec("PRAGMA journal_mode=WAL;") || !exec("PRAGMA synchronous=FULL;") || !exec(kSchema)) {
    bool damaged = is_damage(sqlite3_extended_errcode(db_) & 0xff);
    *error = path + (damaged ? ": the state database is damaged (" + error_ + ")" : ": " + error_);
    return damaged ? Opened::kDamaged : Opened::kError;
  }
  // Pages overwritten behind an intact header open fine and then read as
  // "no rows" or fail at random: check every page once, here (linear in the
  // database's size, well under a second for a million articles).
  sqlite3_stmt* st = nullptr;
  std::string verdict;
  if (sqlite3_prepare_v2(db_, "PRAGMA quick_check(5)", -1, &st, nullptr) == SQLITE_OK) {
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(st, 0);
      verdict += (verdict.empty() ? "" : "; ") + std::string(t ? reinterpret_cast<const char*>(t) : "");
    }
    if (rc != SQLITE_DONE) verdict += (verdict.empty() ? "" : "; ") + std::string(sqlite3_errmsg(db_));
  } else {
    verdict = sqlite3_errmsg(db_);
  }
  sqlite3_finalize(st);
  if (verdict != "ok") {
    *error = path + ": the state database is damaged (quick_check: " + verdict.substr(0, 300) + ")";
    return Opened::kDamaged;
  }
  return Opened::kOk;
}

std::optional<PageRow> State::get(const std::string& url) {
  sqlite3_stmt* st = prepared(&get_, std::string("SELECT ") + kColumns + " FROM pages WHERE url = ?1");
  if (!st) return std::nullopt;
  sqlite3_bind_text(st, 1, url.c_str(), -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step(st);
  if (rc != SQLITE_ROW) {
    if (rc != SQLITE_DONE) error_ = sqlite3_errmsg(db_);
    return std::nullopt;
  }
  return row_of(st);
}

bool State::put(const PageRow& r) {
  sqlite3_stmt* st = prepared(
      &put_, std::string("INSERT INTO pages (") + kColumns +
                 ", first_seen, updated) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?15) "
                 "ON CONFLICT(url) DO UPDATE SET site=?2, kind=?3, status=?4, http_status=?5, error=?6, "
                 "etag=?7, last_modified=?8, content_hash=?9, output_path=?10, manifested=?11, "
                 "feed_date=?12, attempts=?13, manifest_line=?14, updated=?15");
  if (!st) return false;
  int i = 1;
  auto text = [&](const std::string& s) { sqlite3_bind_text(st, i++, s.c_str(), -1, SQLITE_TRANSIENT); };
  text(r.url);
  text(r.site);
  sqlite3_bind_text(st, i++, kind_name(r.kind), -1, SQLITE_STATIC);
  sqlite3_bind_text(st, i++, status_name(r.status), -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, i++, r.http_status);
  text(r.error);
  text(r.etag);
  text(r.last_modified);
  text(r.content_hash);
  text(r.output_path);
  sqlite3_bind_int(st, i++, r.manifested ? 1 : 0);
  text(r.feed_date);
  sqlite3_bind_int(st, i++, r.attempts);
  text(r.manifest_line);
  sqlite3_bind_int64(st, i++, static_cast<int64_t>(time(nullptr)));
  return step_done(st);
}

std::vector<PageRow> State::claim_articles(int64_t run, int max_attempts, int limit) {
  std::vector<PageRow> out;
  if (limit <= 0 || !begin()) return out;
  // Each status an index range scan in first_seen order (an OR of statuses
  // would scan and sort the table).
  sqlite3_stmt* st = prepared(&claim_, std::string("SELECT ") + kColumns +
                                           " FROM pages WHERE kind = 'article' AND status = ?1 AND claimed_run != ?2 "
                                           "AND attempts < ?3 ORDER BY first_seen LIMIT ?4");
  for (const char* status : {"queued", "failed", "disallowed"}) {
    if (!st || static_cast<int>(out.size()) >= limit) break;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, run);
    sqlite3_bind_int(st, 3, std::string_view(status) == "failed" ? max_attempts : INT32_MAX);
    sqlite3_bind_int(st, 4, limit - static_cast<int>(out.size()));
    while (sqlite3_step(st) == SQLITE_ROW) out.push_back(row_of(st));
  }
  sqlite3_stmt* mark = prepared(&mark_claimed_, "UPDATE pages SET claimed_run = ?1 WHERE url = ?2");
  bool ok = st && mark;
  for (const PageRow& r : out) {
    if (!ok) break;
    sqlite3_reset(mark);
    sqlite3_bind_int64(mark, 1, run);
    sqlite3_bind_text(mark, 2, r.url.c_str(), -1, SQLITE_TRANSIENT);
    ok = step_done(mark);
  }
  if (!ok || !commit()) {
    std::string why = error_;
    rollback();
    error_ = why;
    out.clear();
  }
  return out;
}

std::vector<PageRow> State::unmanifested() {
  std::vector<PageRow> out;
  sqlite3_stmt* st = nullptr;
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM pages WHERE kind = 'article' AND status = 'done' AND output_path != '' AND manifested = 0 "
                    "ORDER BY updated";
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    error_ = sqlite3_errmsg(db_);
    return out;
  }
  while (sqlite3_step(st) == SQLITE_ROW) out.push_back(row_of(st));
  sqlite3_finalize(st);
  return out;
}

bool State::set_manifested(const std::string& url, bool manifested) {
  sqlite3_stmt* st = prepared(&set_manifested_, "UPDATE pages SET manifested = ?2 WHERE url = ?1");
  if (!st) return false;
  sqlite3_bind_text(st, 1, url.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(st, 2, manifested ? 1 : 0);
  return step_done(st);
}

bool State::for_each_written(const std::function<void(const PageRow&)>& fn) {
  sqlite3_stmt* st = nullptr;
  std::string sql = std::string("SELECT ") + kColumns +
                    " FROM pages WHERE kind = 'article' AND status = 'done' AND output_path != ''";
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    error_ = sqlite3_errmsg(db_);
    return false;
  }
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) fn(row_of(st));
  if (rc != SQLITE_DONE) error_ = sqlite3_errmsg(db_);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE;
}

std::optional<std::string> State::path_owner(const std::string& path) {
  sqlite3_stmt* st = prepared(&path_owner_, "SELECT url FROM pages WHERE output_path = ?1 LIMIT 1");
  if (!st) return std::nullopt;
  sqlite3_bind_text(st, 1, path.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(st) != SQLITE_ROW) return std::nullopt;
  return text_col(st, 0);
}

bool State::has_articles() {
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db_, "SELECT 1 FROM pages WHERE kind = 'article' LIMIT 1", -1, &st, nullptr);
  bool any = st && sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return any;
}

State::Counts State::article_counts() {
  Counts c;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db_, "SELECT status, COUNT(*) FROM pages WHERE kind = 'article' GROUP BY status", -1, &st,
                     nullptr);
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    int64_t n = sqlite3_column_int64(st, 1);
    switch (status_of(text_col(st, 0))) {
      case Status::kQueued: c.queued = n; break;
      case Status::kDone: c.done = n; break;
      case Status::kFailed: c.failed = n; break;
      case Status::kGone: c.gone = n; break;
      case Status::kSkipped: c.skipped = n; break;
      case Status::kDisallowed: c.disallowed = n; break;
    }
  }
  sqlite3_finalize(st);
  return c;
}

std::optional<std::string> State::meta(const std::string& key) {
  sqlite3_stmt* st = prepared(&meta_get_, "SELECT value FROM meta WHERE key = ?1");
  if (!st) return std::nullopt;
  sqlite3_bind_text(st, 1, key.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(st) != SQLITE_ROW) return std::nullopt;
  return text_col(st, 0);
}

bool State::set_meta(const std::string& key, const std::string& value) {
  sqlite3_stmt* st = prepared(&meta_set_, "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                          "ON CONFLICT(key) DO UPDATE SET value = ?2");
  if (!st) return false;
  sqlite3_bind_text(st, 1, key.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, value.c_str(), -1, SQLITE_TRANSIENT);
  return step_done(st);
}

}  // namespace winnow::crawl
