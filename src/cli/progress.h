// The progress line of a long run (`clean DIR`, `clean --warc`, `eval`):
// on a terminal, one line on stderr drawn in place and cleared at the end,
//   clean: 1,234 / 5,000 pages  412/s  0:09 left
// and nothing at all when stderr is not a terminal, with --quiet, or with
// WINNOW_PROGRESS=0 in the environment. Whatever else the run writes to
// stderr (a warning, a failed page, the closing summary) first clears the
// line, so that no line is ever written over it; the next page draws it again.
// (A crawl draws its own line, src/crawl; crawl_cmd asks progress_wanted.)
#ifndef WINNOW_CLI_PROGRESS_H_
#define WINNOW_CLI_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace winnow::cli {

// Whether a run shows a progress line: stderr is a terminal, not `quiet`,
// and $WINNOW_PROGRESS is not "0".
bool progress_wanted(bool quiet);

// What the line says at one moment.
struct ProgressState {
  std::string label;         // "clean"
  uint64_t done = 0;         // pages done (cleaned, failed or left out)
  uint64_t total = 0;        // pages in all; 0: not known
  double seconds = 0;        // since the run began
  uint64_t bytes = 0;        // of the input read (a WARC file); 0 with bytes_total 0: not shown
  uint64_t bytes_total = 0;  // the input's size; 0: not known
};

// "clean: 1,234 / 5,000 pages  412/s  0:09 left"; without a total, "clean:
// 1,234 pages  412/s"; with bytes, "  35.2 / 120.0 MB" (time left from the
// bytes when their total is known) or "  35.2 MB read". No rate or time left
// before a page is done and a quarter of a second has passed.
std::string progress_line(const ProgressState& s);

class Progress {
 public:
  // `enabled`: progress_wanted(quiet); a disabled Progress does nothing.
  // `total`: the pages of the run, 0 if not known up front.
  Progress(std::string label, uint64_t total, bool enabled);
  ~Progress();  // finish()
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  bool enabled() const { return enabled_; }

  // `n` more pages done; any thread. Redraws the line at most ten times a
  // second; a thread that finds another drawing leaves it the draw.
  void advance(uint64_t n = 1);
  // The input read so far, and its size (0: not known); any thread. Shown at
  // the next draw.
  void set_bytes(uint64_t read, uint64_t total);

  // Before a line goes to stderr: the progress line is cleared (the next
  // advance draws it again). Call it too before writing to stdout, which may
  // be the same terminal (a no-op when stdout is not a terminal).
  void clear_for_line();
  void clear_for_stdout();

  // The line cleared for good: the closing summary prints on a clean line.
  void finish();

 private:
  void draw(std::chrono::steady_clock::time_point now);  // under mu_
  void clear();                                          // under mu_

  const std::string label_;
  const uint64_t total_;
  const bool enabled_;
  bool stdout_tty_ = false;
  int columns_ = 0;  // the terminal's width (0: not known)
  const std::chrono::steady_clock::time_point started_;
  std::atomic<uint64_t> done_{0};
  std::atomic<uint64_t> bytes_{0}, bytes_total_{0};
  std::mutex mu_;  // the drawing and what follows
  std::chrono::steady_clock::time_point last_draw_{};
  bool drawn_ = false;     // a line is on the terminal now
  bool finished_ = false;  // finish() ran: no more drawing
};

}  // namespace winnow::cli

#endif  // WINNOW_CLI_PROGRESS_H_
