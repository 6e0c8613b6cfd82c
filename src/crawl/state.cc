#include "crawl/state.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string_view>

#include "crawl/statement.h"

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
  print_exact INTEGER NOT NULL DEFAULT 0,
  print_sim INTEGER NOT NULL DEFAULT 0,
  print_words INTEGER NOT NULL DEFAULT 0,
  duplicate_of TEXT NOT NULL DEFAULT '',
  first_seen INTEGER NOT NULL,
  updated INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS pages_by_status ON pages(kind, status, first_seen);
CREATE INDEX IF NOT EXISTS pages_by_path ON pages(output_path);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql";

Kind kind_of(const std::string& s) {
  if (s == "feed") return Kind::kFeed;
  if (s == "listing") return Kind::kListing;
  if (s == "sitemap") return Kind::kSitemap;
  return Kind::kArticle;
}

Status status_of(const std::string& s) {
  if (s == "done") return Status::kDone;
  if (s == "failed") return Status::kFailed;
  if (s == "gone") return Status::kGone;
  if (s == "skipped") return Status::kSkipped;
  if (s == "disallowed") return Status::kDisallowed;
  if (s == "duplicate") return Status::kDuplicate;
  return Status::kQueued;
}

constexpr const char* kColumns =
    "url, site, kind, status, http_status, error, etag, last_modified, content_hash, output_path, manifested, "
    "feed_date, attempts, manifest_line, print_exact, print_sim, print_words, duplicate_of";

PageRow row_of(const Statement& st) {
  PageRow r;
  r.url = st.text(0);
  r.site = st.text(1);
  r.kind = kind_of(st.text(2));
  r.status = status_of(st.text(3));
  r.http_status = st.int64(4);
  r.error = st.text(5);
  r.etag = st.text(6);
  r.last_modified = st.text(7);
  r.content_hash = st.text(8);
  r.output_path = st.text(9);
  r.manifested = st.int64(10) != 0;
  r.feed_date = st.text(11);
  r.attempts = static_cast<int>(st.int64(12));
  r.manifest_line = st.text(13);
  r.print_exact = static_cast<uint64_t>(st.int64(14));
  r.print_sim = static_cast<uint64_t>(st.int64(15));
  r.print_words = static_cast<uint32_t>(st.int64(16));
  r.duplicate_of = st.text(17);
  return r;
}

std::string select_where(const char* where) { return std::string("SELECT ") + kColumns + " FROM pages WHERE " + where; }

}  // namespace

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::kFeed: return "feed";
    case Kind::kListing: return "listing";
    case Kind::kSitemap: return "sitemap";
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
    case Status::kDuplicate: return "duplicate";
    default: return "queued";
  }
}

State::~State() {
  stmts_.reset();  // every statement finalized before the database closes
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

// Columns added since the first version of the schema: CREATE TABLE IF NOT
// EXISTS leaves an existing table as it was, so they are added here.
bool State::add_columns() {
  static constexpr const char* kAdded[][2] = {
      {"print_exact", "INTEGER NOT NULL DEFAULT 0"},
      {"print_sim", "INTEGER NOT NULL DEFAULT 0"},
      {"print_words", "INTEGER NOT NULL DEFAULT 0"},
      {"duplicate_of", "TEXT NOT NULL DEFAULT ''"},
  };
  std::string why;
  Statement info;
  if (!info.prepare(db_, "PRAGMA table_info(pages)", &why)) return (error_ = why, false);
  std::vector<std::string> have;
  while (info.step() == SQLITE_ROW) have.push_back(info.text(1));
  for (const auto& [name, type] : kAdded) {
    if (std::find(have.begin(), have.end(), name) != have.end()) continue;
    std::string sql = std::string("ALTER TABLE pages ADD COLUMN ") + name + " " + type;
    if (!exec(sql.c_str())) return false;
  }
  return true;
}

bool State::done(Statement& st) {
  int rc = st.step();
  if (rc == SQLITE_DONE || rc == SQLITE_ROW) return true;
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

// Every statement the state runs, prepared once when it opens.
struct State::Statements {
  Statement get, put, claim, mark_claimed, set_manifested, path_owner, meta_get, meta_set, unmanifested, written,
      any_article, counts, sources;

  bool prepare(sqlite3* db, std::string* error) {
    return get.prepare(db, select_where("url = ?1"), error) &&
           put.prepare(db, std::string("INSERT INTO pages (") + kColumns +
                               ", first_seen, updated) VALUES "
                               "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?19) "
                               "ON CONFLICT(url) DO UPDATE SET site=?2, kind=?3, status=?4, http_status=?5, "
                               "error=?6, etag=?7, last_modified=?8, content_hash=?9, output_path=?10, "
                               "manifested=?11, feed_date=?12, attempts=?13, manifest_line=?14, print_exact=?15, "
                               "print_sim=?16, print_words=?17, duplicate_of=?18, updated=?19",
                       error) &&
           // Each status an index range scan in first_seen order (an OR of
           // statuses would scan and sort the table).
           claim.prepare(db, select_where("kind = 'article' AND status = ?1 AND claimed_run != ?2 AND attempts < ?3 "
                                          "ORDER BY first_seen LIMIT ?4"),
                         error) &&
           mark_claimed.prepare(db, "UPDATE pages SET claimed_run = ?1 WHERE url = ?2", error) &&
           set_manifested.prepare(db, "UPDATE pages SET manifested = ?2 WHERE url = ?1", error) &&
           path_owner.prepare(db, "SELECT url FROM pages WHERE output_path = ?1 LIMIT 1", error) &&
           meta_get.prepare(db, "SELECT value FROM meta WHERE key = ?1", error) &&
           meta_set.prepare(db, "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
                            error) &&
           unmanifested.prepare(db, select_where("kind = 'article' AND ((status = 'done' AND output_path != '') OR "
                                                 "status = 'duplicate') AND manifested = 0 ORDER BY updated"),
                                error) &&
           written.prepare(db, select_where("kind = 'article' AND status = 'done' AND output_path != ''"), error) &&
           any_article.prepare(db, "SELECT 1 FROM pages WHERE kind = 'article' LIMIT 1", error) &&
           counts.prepare(db, "SELECT status, COUNT(*) FROM pages WHERE kind = 'article' GROUP BY status", error) &&
           sources.prepare(db, select_where("kind IN ('feed', 'sitemap') AND site = ?1 ORDER BY first_seen"), error);
  }
};

State::State() = default;

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
  if (!exec("PRAGMA journal_mode=WAL;") || !exec("PRAGMA synchronous=FULL;") || !exec(kSchema) || !add_columns()) {
    bool damaged = is_damage(sqlite3_extended_errcode(db_) & 0xff);
    *error = path + (damaged ? ": the state database is damaged (" + error_ + ")" : ": " + error_);
    return damaged ? Opened::kDamaged : Opened::kError;
  }
  // Pages overwritten behind an intact header open fine and then read as
  // "no rows" or fail at random: check every page once, here (linear in the
  // database's size, well under a second for a million articles).
  std::string verdict, why;
  Statement check;
  if (check.prepare(db_, "PRAGMA quick_check(5)", &why)) {
    while ((rc = check.step()) == SQLITE_ROW) verdict += (verdict.empty() ? "" : "; ") + check.text(0);
    if (rc != SQLITE_DONE) verdict += (verdict.empty() ? "" : "; ") + std::string(sqlite3_errmsg(db_));
  } else {
    verdict = why;
  }
  if (verdict != "ok") {
    *error = path + ": the state database is damaged (quick_check: " + verdict.substr(0, 300) + ")";
    return Opened::kDamaged;
  }
  stmts_ = std::make_unique<Statements>();
  if (!stmts_->prepare(db_, &why)) {
    *error = path + ": " + why;
    return Opened::kError;
  }
  return Opened::kOk;
}

std::optional<PageRow> State::get(const std::string& url) {
  Statement& st = stmts_->get.reset().bind(1, url);
  int rc = st.step();
  if (rc == SQLITE_ROW) return row_of(st);
  if (rc != SQLITE_DONE) error_ = sqlite3_errmsg(db_);
  return std::nullopt;
}

bool State::put(const PageRow& r) {
  Statement& st = stmts_->put.reset();
  st.bind(1, r.url).bind(2, r.site).bind(3, kind_name(r.kind)).bind(4, status_name(r.status));
  st.bind(5, int64_t{r.http_status}).bind(6, r.error).bind(7, r.etag).bind(8, r.last_modified);
  st.bind(9, r.content_hash).bind(10, r.output_path).bind(11, int64_t{r.manifested ? 1 : 0});
  st.bind(12, r.feed_date).bind(13, int64_t{r.attempts}).bind(14, r.manifest_line);
  st.bind(15, static_cast<int64_t>(r.print_exact)).bind(16, static_cast<int64_t>(r.print_sim));
  st.bind(17, int64_t{r.print_words}).bind(18, r.duplicate_of);
  st.bind(19, static_cast<int64_t>(time(nullptr)));
  return done(st);
}

std::vector<PageRow> State::claim_articles(int64_t run, int max_attempts, int limit) {
  std::vector<PageRow> out;
  error_.clear();
  if (limit <= 0 || !begin()) return out;
  bool ok = true;
  for (const char* status : {"queued", "failed", "disallowed"}) {
    if (static_cast<int>(out.size()) >= limit) break;
    Statement& st = stmts_->claim.reset().bind(1, status).bind(2, run);
    st.bind(3, int64_t{std::string_view(status) == "failed" ? max_attempts : INT32_MAX});
    st.bind(4, int64_t{limit - static_cast<int>(out.size())});
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) out.push_back(row_of(st));
    if (rc != SQLITE_DONE) {
      error_ = sqlite3_errmsg(db_);
      ok = false;
      break;
    }
  }
  for (const PageRow& r : out) {
    if (!ok) break;
    ok = done(stmts_->mark_claimed.reset().bind(1, run).bind(2, r.url));
  }
  if (!ok || !commit()) {
    std::string why = error_;
    (void)rollback();  // the claims never happened; the error says why
    error_ = why;
    out.clear();
  }
  return out;
}

std::vector<PageRow> State::unmanifested() {
  std::vector<PageRow> out;
  Statement& st = stmts_->unmanifested.reset();
  int rc;
  while ((rc = st.step()) == SQLITE_ROW) out.push_back(row_of(st));
  if (rc != SQLITE_DONE) error_ = sqlite3_errmsg(db_);
  return out;
}

bool State::set_manifested(const std::string& url, bool manifested) {
  return done(stmts_->set_manifested.reset().bind(1, url).bind(2, int64_t{manifested ? 1 : 0}));
}

bool State::for_each_written(const std::function<void(const PageRow&)>& fn) {
  Statement& st = stmts_->written.reset();
  int rc;
  while ((rc = st.step()) == SQLITE_ROW) fn(row_of(st));
  if (rc == SQLITE_DONE) return true;
  error_ = sqlite3_errmsg(db_);
  return false;
}

std::vector<PageRow> State::sources(const std::string& site) {
  std::vector<PageRow> out;
  Statement& st = stmts_->sources.reset().bind(1, site);
  int rc;
  while ((rc = st.step()) == SQLITE_ROW) out.push_back(row_of(st));
  if (rc != SQLITE_DONE) error_ = sqlite3_errmsg(db_);
  return out;
}

std::optional<std::string> State::path_owner(const std::string& path) {
  Statement& st = stmts_->path_owner.reset().bind(1, path);
  if (st.step() != SQLITE_ROW) return std::nullopt;
  return st.text(0);
}

bool State::has_articles() { return stmts_->any_article.reset().step() == SQLITE_ROW; }

State::Counts State::article_counts() {
  Counts c;
  Statement& st = stmts_->counts.reset();
  while (st.step() == SQLITE_ROW) {
    int64_t n = st.int64(1);
    switch (status_of(st.text(0))) {
      case Status::kQueued: c.queued = n; break;
      case Status::kDone: c.done = n; break;
      case Status::kFailed: c.failed = n; break;
      case Status::kGone: c.gone = n; break;
      case Status::kSkipped: c.skipped = n; break;
      case Status::kDisallowed: c.disallowed = n; break;
      case Status::kDuplicate: c.duplicate = n; break;
    }
  }
  return c;
}

std::optional<std::string> State::meta(const std::string& key) {
  Statement& st = stmts_->meta_get.reset().bind(1, key);
  if (st.step() != SQLITE_ROW) return std::nullopt;
  return st.text(0);
}

bool State::set_meta(const std::string& key, const std::string& value) {
  return done(stmts_->meta_set.reset().bind(1, key).bind(2, value));
}

}  // namespace winnow::crawl
