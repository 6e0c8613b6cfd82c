#include "cli/bench_rss.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <vector>

extern char** environ;

namespace winnow::cli {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

size_t sequential_clean_peak_rss(const std::string& rules_dir, const PageSet& set, double* seconds,
                                 std::string* error) {
  std::error_code ec;
  const std::string self = fs::read_symlink("/proc/self/exe", ec).string();
  if (ec) {
    *error = "cannot find this program (/proc/self/exe): " + ec.message();
    return 0;
  }
  std::vector<std::string> args = {self, "--rules", rules_dir, "clean", "-j", "1", "--format", "json"};
  for (const SetPage& p : set.pages) args.push_back(p.path);
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

}  // namespace winnow::cli
