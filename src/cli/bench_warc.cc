#include "cli/bench_warc.h"

#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "cli/clean_many.h"
#include "cli/clean_warc.h"
#include "cli/options.h"
#include "winnow/bench.h"

namespace winnow::cli {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }


std::string fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

// Where the commands' JSON Lines go: counted (lines, so that a run that
// printed fewer pages than it should is caught) and dropped.
class CountingSink : public std::streambuf {
 public:
  uint64_t lines = 0;

 protected:
  int overflow(int c) override {
    if (c == traits_type::eof()) return traits_type::not_eof(c);
    lines += c == '\n';
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    lines += static_cast<uint64_t>(std::count(s, s + n, '\n'));
    return n;
  }
};

// std::cout and std::cerr sent elsewhere while it lives.
class Redirected {
 public:
  Redirected(std::streambuf* out, std::streambuf* err) : out_(std::cout.rdbuf(out)), err_(std::cerr.rdbuf(err)) {}
  ~Redirected() {
    std::cout.rdbuf(out_);
    std::cerr.rdbuf(err_);
  }
  Redirected(const Redirected&) = delete;
  Redirected& operator=(const Redirected&) = delete;

 private:
  std::streambuf* out_;
  std::streambuf* err_;
};

struct Timed {
  double seconds = 0;      // wall
  double cpu_seconds = 0;  // the process's, all threads
  std::string error;  // the command did not succeed: why, one line
};

// `laps` runs of a command that prints `lines` JSON lines, timed together.
Timed time_command(const std::function<int()>& command, uint64_t lines, int laps) {
  CountingSink sink;
  std::ostringstream err;
  int code = 0;
  Timed t;
  std::cout.flush();
  {
    Redirected redirected(&sink, err.rdbuf());
    const double cpu_start = process_cpu_seconds();
    const Clock::time_point start = Clock::now();
    for (int k = 0; k < laps && code == 0; ++k) code = command();
    t.seconds = since(start);
    t.cpu_seconds = process_cpu_seconds() - cpu_start;
  }
  const uint64_t want = lines * static_cast<uint64_t>(laps);
  if (code != 0 || sink.lines != want) {
    std::string first = err.str();
    first = first.substr(0, first.find('\n'));
    t.error = "exit " + std::to_string(code) + ", " + std::to_string(sink.lines) + " lines of " +
              std::to_string(want) + (first.empty() ? "" : ": " + first);
  }
  return t;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[(v.size() - 1) / 2];
}

// A directory of its own under $TMPDIR (or /tmp), removed with the object.
class TempDir {
 public:
  bool make(std::string* error) {
    const char* tmp = std::getenv("TMPDIR");
    const std::string where = std::string(tmp && *tmp ? tmp : "/tmp") + "/winnow-bench.XXXXXX";
    std::string pattern = where;
    if (!mkdtemp(pattern.data())) {
      *error = "cannot make a directory " + where + ": " + std::strerror(errno);
      return false;
    }
    path_ = pattern;
    return true;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

void bench_warc(const RuleLibrary& library, const PageSet& set, const std::vector<int>& jobs, int repeat) {
  if (jobs.empty() || set.pages.empty()) return;
  TempDir tmp;
  SetWarc warc;
  std::string error;
  if (!tmp.make(&error) || !write_set_warc(set, tmp.path(), &warc, &error)) {
    std::cerr << "winnow: bench: --warc: " << error << "\n";
    return;
  }
  // `clean DIR`'s side: the set's files, as clean_many lists a directory's.
  // No progress line (cli/progress.h): the runs are timed, and stderr may be
  // the terminal the bench prints to.
  PageOptions dir_opts;
  dir_opts.format = "json";
  dir_opts.quiet = true;
  double file_bytes = 0;
  for (const SetPage& p : set.pages) {
    dir_opts.files.push_back(p.path);
    std::error_code ec;
    file_bytes += static_cast<double>(fs::file_size(p.path, ec));
  }
  dir_opts.file = dir_opts.files.front();
  PageOptions warc_opts = dir_opts;
  warc_opts.files.clear();
  warc_opts.file.clear();
  auto clean_dir = [&](int j) {
    return [&, j] {
      PageOptions o = dir_opts;
      o.jobs = j;
      return clean_many(library, o);
    };
  };
  auto clean_warc_file = [&](int j) {
    return [&, j] {
      PageOptions o = warc_opts;
      o.jobs = j;
      return clean_warc(library, o, {warc.path});
    };
  };
  const uint64_t pages = set.pages.size();
  // Warm-up (the files and the WARC in the page cache), which also says how
  // many laps make a pass of at least a quarter second.
  const Timed warm = time_command(clean_dir(jobs[0]), pages, 1);
  const Timed warm_warc = time_command(clean_warc_file(jobs[0]), pages, 1);
  for (const Timed* t : {&warm, &warm_warc}) {
    if (!t->error.empty()) {
      std::cerr << "winnow: bench: --warc: " << (t == &warm ? "clean DIR" : "clean --warc") << ": " << t->error
                << "\n";
      return;
    }
  }
  const int laps = std::clamp(static_cast<int>(std::ceil(0.25 / std::max(warm.seconds, 1e-6))), 1, 1000);
  // Interleaved as the other passes are, each pass taking the two in turn
  // (which goes first alternates), so that the machine's load touches both.
  std::vector<std::vector<double>> dir_s(jobs.size()), warc_s(jobs.size()), dir_cpu(jobs.size()),
      warc_cpu(jobs.size());
  for (int r = 0; r < repeat; ++r) {
    for (size_t k = 0; k < jobs.size(); ++k) {
      for (int side = 0; side < 2; ++side) {
        const bool warc_side = (side + r) % 2 == 1;
        const Timed t = warc_side ? time_command(clean_warc_file(jobs[k]), pages, laps)
                                  : time_command(clean_dir(jobs[k]), pages, laps);
        if (!t.error.empty()) {
          std::cerr << "winnow: bench: --warc: " << (warc_side ? "clean --warc" : "clean DIR") << ": " << t.error
                    << "\n";
          return;
        }
        (warc_side ? warc_s : dir_s)[k].push_back(t.seconds);
        (warc_side ? warc_cpu : dir_cpu)[k].push_back(t.cpu_seconds);
      }
    }
  }
  const double done = static_cast<double>(pages) * laps;
  std::cout << "clean --warc beside clean DIR, the same " << pages << " pages (1 WARC of "
            << fmt("%.1f", static_cast<double>(warc.bytes) / 1e6) << " MB, gzip per record, in a temp dir; the set's "
            << "files: " << fmt("%.1f", file_bytes / 1e6) << " MB);\n"
            << "  the CLI's own code in this process, JSON Lines to a null stream; median of " << repeat
            << (laps > 1 ? ", each " + std::to_string(laps) + " laps" : std::string())
            << "; \"CPU time\":\n  the same ratio of the process's CPU seconds, steadier when other processes take the cores:\n";
  for (size_t k = 0; k < jobs.size(); ++k) {
    const double w = median(warc_s[k]), d = median(dir_s[k]);
    std::cout << "  clean --warc -j " << jobs[k] << ": " << fmt("%7.1f", done / w) << " pages/s  vs clean DIR -j "
              << jobs[k] << ": " << fmt("%7.1f", done / d) << " pages/s  ratio " << fmt("%.2f", d / w)
              << "x  (issue 16 asks >= 0.9x; CPU time " << fmt("%.2f", median(dir_cpu[k]) / median(warc_cpu[k]))
              << "x)\n";
  }
  std::cout.flush();
}

}  // namespace winnow::cli
