// One SQLite prepared statement, owned: prepared once with its error kept
// (never an unchecked prepare), reset and rebound for each use, finalized
// with its owner. The state database's only way to run SQL with values.
#ifndef WINNOW_CRAWL_STATEMENT_H_
#define WINNOW_CRAWL_STATEMENT_H_

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace winnow::crawl {

class Statement {
 public:
  Statement() = default;
  ~Statement() { sqlite3_finalize(st_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& o) noexcept : st_(std::exchange(o.st_, nullptr)) {}
  Statement& operator=(Statement&& o) noexcept {
    std::swap(st_, o.st_);
    return *this;
  }

  // False with `error` set (SQLite's message and the SQL's first words).
  [[nodiscard]] bool prepare(sqlite3* db, std::string_view sql, std::string* error) {
    sqlite3_finalize(st_);
    st_ = nullptr;
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &st_, nullptr) == SQLITE_OK) return true;
    *error = std::string(sqlite3_errmsg(db)) + " (in: " + std::string(sql.substr(0, 60)) + ")";
    st_ = nullptr;
    return false;
  }

  // Ready for another use: the last one's state and bindings gone.
  Statement& reset() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
    return *this;
  }
  Statement& bind(int i, std::string_view text) {
    sqlite3_bind_text(st_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int i, int64_t v) {
    sqlite3_bind_int64(st_, i, v);
    return *this;
  }

  // SQLITE_ROW, SQLITE_DONE, or an error code (the database's message says
  // which).
  [[nodiscard]] int step() { return sqlite3_step(st_); }

  std::string text(int col) const {
    const unsigned char* t = sqlite3_column_text(st_, col);
    return t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(st_, col)))
             : std::string();
  }
  int64_t int64(int col) const { return sqlite3_column_int64(st_, col); }

 private:
  sqlite3_stmt* st_ = nullptr;
};

}  // namespace winnow::crawl

#endif  // WINNOW_CRAWL_STATEMENT_H_
