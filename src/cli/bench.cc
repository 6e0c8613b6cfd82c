#include "cli/bench.h"

#include <fcntl.h>
#include <gumbo.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

#include "cli/input.h"
#include "eval/dataset.h"
#include "html/prune.h"

extern char** environ;

namespace winnow::cli::bench {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// The whole pipeline for one page, as a user of the library runs it.
size_t clean_one(const RuleLibrary& library, const BenchPage& page, double* output_seconds) {
  Document doc = load_document(page.bytes);
  CleanRequest req;
  req.url = page.url;
  Article art = clean(library, doc, req);
  Clock::time_point t = Clock::now();
  size_t n = to_json(art).size();
  if (output_seconds) *output_seconds += since(t);
  return n;
}

}  // namespace

bool list_page_set(const std::string& dir, PageSet* set, std::string* error) {
  *set = PageSet{};
  set->dir = dir;
  std::error_code ec;
  if (fs::exists(fs::path(dir) / "ground-truth.json", ec)) {
    eval::Dataset data;
    if (!eval::load_dataset(dir, &data, error)) return false;
    for (const eval::EvalPage& p : data.pages) set->pages.push_back({p.html_path, p.url, ""});
  } else {
    std::vector<std::string> files;
    if (!fs::is_directory(dir, ec)) {
      *error = dir + ": not a directory";
      return false;
    }
    if (!list_pages(dir, &files, error)) return false;
    for (std::string& f : files) set->pages.push_back({std::move(f), "", ""});
  }
  return true;
}

bool load_page_set(const std::string& dir, PageSet* set, std::string* error) {
  if (!list_page_set(dir, set, error)) return false;
  for (BenchPage& p : set->pages) {
    if (!eval::read_page_bytes(p.path, &p.bytes, error)) return false;
    set->bytes += p.bytes.size();
  }
  return true;
}

PipelinePass run_pipeline(const RuleLibrary& library, const PageSet& set, int laps) {
  PipelinePass pass;
  stage_sink = &pass.stages;
  Clock::time_point start = Clock::now();
  for (int lap = 0; lap < laps; ++lap)
    for (const BenchPage& page : set.pages) pass.output_bytes += clean_one(library, page, &pass.output_seconds);
  pass.seconds = since(start);
  stage_sink = nullptr;
  return pass;
}

double run_gumbo(const PageSet& set, bool pruned, int laps, size_t* parsed_bytes) {
  double seconds = 0;
  std::string buffer;
  if (parsed_bytes) *parsed_bytes = 0;
  for (size_t k = 0; k < set.pages.size() * static_cast<size_t>(laps); ++k) {
    const BenchPage& page = set.pages[k % set.pages.size()];
    const std::string* bytes = &page.bytes;
    if (pruned && html::prune_for_parse(page.bytes, &buffer)) bytes = &buffer;
    if (parsed_bytes && k < set.pages.size()) *parsed_bytes += bytes->size();
    Clock::time_point t = Clock::now();
    GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, bytes->data(), bytes->size());
    seconds += since(t);
    gumbo_destroy_output(&kGumboDefaultOptions, out);
  }
  return seconds;
}

namespace {

double cpu_seconds() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  auto sec = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return sec(usage.ru_utime) + sec(usage.ru_stime);
}

}  // namespace

ParallelRun run_parallel(const RuleLibrary& library, const PageSet& set, int threads, int laps) {
  std::atomic<size_t> next{0};
  std::atomic<size_t> bytes{0};
  const size_t total = set.pages.size() * static_cast<size_t>(laps);
  auto loop = [&] {
    size_t mine = 0;
    for (size_t i; (i = next.fetch_add(1)) < total;)
      mine += clean_one(library, set.pages[i % set.pages.size()], nullptr);
    bytes += mine;
  };
  const double cpu_start = cpu_seconds();
  Clock::time_point start = Clock::now();
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(loop);
  loop();
  for (std::thread& t : pool) t.join();
  ParallelRun run;
  run.seconds = since(start);
  run.cpu_seconds = cpu_seconds() - cpu_start;
  return run;
}

size_t sequential_clean_peak_rss(const std::string& rules_dir, const PageSet& set, double* seconds,
                                 std::string* error) {
  std::error_code ec;
  const std::string self = fs::read_symlink("/proc/self/exe", ec).string();
  if (ec) {
    *error = "cannot find this program (/proc/self/exe): " + ec.message();
    return 0;
  }
  std::vector<std::string> args = {self, "--rules", rules_dir, "clean", "-j", "1", "--format", "json"};
  for (const BenchPage& p : set.pages) args.push_back(p.path);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid;
  Clock::time_point start = Clock::now();
  int rc = posix_spawn(&pid, self.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    *error = "cannot start " + self + ": " + std::strerror(rc);
    return 0;
  }
  int status = 0;
  struct rusage usage {};
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      *error = std::string("waiting for the child: ") + std::strerror(errno);
      return 0;
    }
  }
  *seconds = since(start);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    *error = "winnow clean over the set's files did not succeed (status " + std::to_string(status) + ")";
    return 0;
  }
  return static_cast<size_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

size_t own_peak_rss() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<size_t>(usage.ru_maxrss) * 1024;
}

}  // namespace winnow::cli::bench
