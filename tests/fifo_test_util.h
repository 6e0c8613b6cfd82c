// For tests that hand a FIFO to a reader: the bug they guard against is a
// read that blocks forever (open() of a FIFO waits for a writer). Such a test
// must fail, not hang the suite, so the call runs on its own thread and a
// late one is set free by opening the FIFO's other end.
#ifndef WINNOW_TESTS_FIFO_TEST_UTIL_H_
#define WINNOW_TESTS_FIFO_TEST_UTIL_H_

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>

namespace {  // NOLINT: a copy per test file

// Makes a FIFO at `path`; false if the system will not.
bool make_fifo(const std::string& path) { return ::mkfifo(path.c_str(), 0600) == 0; }

// Runs `call` and reports whether it returned within `seconds`. If not, a
// writer opens and closes `fifo` (the reader sees end of file) so that the
// thread ends and the test can report the hang as a failure.
template <typename Call>
bool returns_within(double seconds, const std::string& fifo, Call call) {
  std::promise<void> done;
  std::future<void> finished = done.get_future();
  std::thread worker([&] {
    call();
    done.set_value();
  });
  const bool in_time = finished.wait_for(std::chrono::duration<double>(seconds)) == std::future_status::ready;
  while (finished.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
    int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd >= 0) ::close(fd);
  }
  worker.join();
  return in_time;
}

}  // namespace

#endif  // WINNOW_TESTS_FIFO_TEST_UTIL_H_
