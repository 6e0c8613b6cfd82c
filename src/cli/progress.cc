#include "cli/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace winnow::cli {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kRedrawEvery = std::chrono::milliseconds(100);
constexpr double kSettleSeconds = 0.25;  // before it, a rate says nothing yet
constexpr const char* kClear = "\r\x1b[K";  // to the line's start, erase to its end

// 1234567 as "1,234,567".
std::string grouped(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string rate_text(double per_second) {
  char buf[32];
  if (per_second >= 10) std::snprintf(buf, sizeof buf, "%s/s", grouped(static_cast<uint64_t>(per_second + 0.5)).c_str());
  else std::snprintf(buf, sizeof buf, "%.1f/s", per_second);
  return buf;
}

// "0:09", "12:30", "1:02:03".
std::string duration_text(double seconds) {
  const uint64_t s = static_cast<uint64_t>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%llu:%02llu:%02llu", static_cast<unsigned long long>(s / 3600),
                  static_cast<unsigned long long>(s / 60 % 60), static_cast<unsigned long long>(s % 60));
  else
    std::snprintf(buf, sizeof buf, "%llu:%02llu", static_cast<unsigned long long>(s / 60),
                  static_cast<unsigned long long>(s % 60));
  return buf;
}

std::string megabytes(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(bytes) / 1e6);
  return buf;
}

}  // namespace

bool progress_wanted(bool quiet) {
  if (quiet || !isatty(STDERR_FILENO)) return false;
  const char* env = std::getenv("WINNOW_PROGRESS");
  return env == nullptr || std::strcmp(env, "0") != 0;
}

std::string progress_line(const ProgressState& s) {
  std::string line = s.label + ": " + grouped(s.done);
  if (s.total > 0) line += " / " + grouped(s.total);
  line += " pages";
  const bool settled = s.done > 0 && s.seconds >= kSettleSeconds;
  if (settled) line += "  " + rate_text(static_cast<double>(s.done) / s.seconds);
  if (s.bytes_total > 0) line += "  " + megabytes(s.bytes) + " / " + megabytes(s.bytes_total) + " MB";
  else if (s.bytes > 0) line += "  " + megabytes(s.bytes) + " MB read";
  if (!settled) return line;
  // Time left: from the pages when their number is known, else from the
  // bytes when the input's size is; else none.
  double left = -1;
  if (s.total > 0 && s.done <= s.total)
    left = static_cast<double>(s.total - s.done) * s.seconds / static_cast<double>(s.done);
  else if (s.bytes_total > 0 && s.bytes > 0 && s.bytes <= s.bytes_total)
    left = static_cast<double>(s.bytes_total - s.bytes) * s.seconds / static_cast<double>(s.bytes);
  if (left >= 0) line += "  " + duration_text(left) + " left";
  return line;
}

Progress::Progress(std::string label, uint64_t total, bool enabled)
    : label_(std::move(label)), total_(total), enabled_(enabled), started_(Clock::now()) {
  if (!enabled_) return;
  stdout_tty_ = isatty(STDOUT_FILENO);
  struct winsize ws {};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0) columns_ = ws.ws_col;
}

Progress::~Progress() { finish(); }

void Progress::advance(uint64_t n) {
  if (!enabled_) return;
  done_.fetch_add(n, std::memory_order_relaxed);
  const Clock::time_point now = Clock::now();
  // Another thread drawing (or clearing) now: this page shows in its next draw.
  std::unique_lock lock(mu_, std::try_to_lock);
  if (!lock.owns_lock() || finished_) return;
  // Ten draws a second at most, a line cleared for a warning included: a
  // run that warns on every page does not redraw on every page.
  if (last_draw_ != Clock::time_point{} && now - last_draw_ < kRedrawEvery) return;
  draw(now);
}

void Progress::set_bytes(uint64_t read, uint64_t total) {
  if (!enabled_) return;
  bytes_.store(read, std::memory_order_relaxed);
  bytes_total_.store(total, std::memory_order_relaxed);
}

void Progress::draw(Clock::time_point now) {
  ProgressState s{.label = label_,
                  .done = done_.load(std::memory_order_relaxed),
                  .total = total_,
                  .seconds = std::chrono::duration<double>(now - started_).count(),
                  .bytes = bytes_.load(std::memory_order_relaxed),
                  .bytes_total = bytes_total_.load(std::memory_order_relaxed)};
  std::string line = progress_line(s);
  // A line as wide as the terminal would wrap, and \r would go back to the
  // start of its second half only. (The line is ASCII: bytes are columns.)
  if (columns_ > 1 && line.size() >= static_cast<size_t>(columns_)) line.resize(static_cast<size_t>(columns_) - 1);
  // What the run wrote to stdout, on the same terminal, goes out first.
  if (stdout_tty_) std::fflush(stdout);
  const std::string out = kClear + line;
  std::fwrite(out.data(), 1, out.size(), stderr);
  std::fflush(stderr);
  drawn_ = true;
  last_draw_ = now;
}

void Progress::clear() {
  if (!drawn_) return;
  std::fputs(kClear, stderr);
  std::fflush(stderr);
  drawn_ = false;
}

void Progress::clear_for_line() {
  if (!enabled_) return;
  std::lock_guard lock(mu_);
  clear();
}

void Progress::clear_for_stdout() {
  if (stdout_tty_) clear_for_line();
}

void Progress::finish() {
  if (!enabled_) return;
  std::lock_guard lock(mu_);
  clear();
  finished_ = true;
}

}  // namespace winnow::cli
