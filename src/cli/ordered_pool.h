// A fixed pool of threads over numbered items whose results come out in
// item order: `winnow clean -j N` over many files. Items are claimed in order
// and only while fewer than `window` are claimed but not yet emitted, so
// memory is bounded by the window whatever the number of items: a slow item
// holds the others back instead of letting results pile up.
#ifndef WINNOW_CLI_ORDERED_POOL_H_
#define WINNOW_CLI_ORDERED_POOL_H_

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace winnow::cli {

// Calls `work(i)` for every i in [0, count) on `threads` threads (1: on the
// calling thread, nothing started) and `emit(i, result)` on the calling
// thread, i ascending. At most `window` (>= threads) items are in flight:
// worked on, waiting for their turn, or being emitted.
template <typename Result, typename Work, typename Emit>
void run_ordered(size_t count, int threads, size_t window, Work work, Emit emit) {
  if (threads <= 1 || count <= 1) {
    for (size_t i = 0; i < count; ++i) emit(i, work(i));
    return;
  }
  window = std::max(window, static_cast<size_t>(threads));
  std::mutex mu;
  std::condition_variable changed;
  std::vector<std::optional<Result>> slots(window);  // item i waits in slots[i % window]
  size_t next = 0, emitted = 0;
  auto worker = [&] {
    for (;;) {
      size_t i;
      {
        std::unique_lock lock(mu);
        // Claiming i needs its slot free: item i - window has been emitted.
        changed.wait(lock, [&] { return next >= count || next < emitted + window; });
        if (next >= count) return;
        i = next++;
      }
      Result r = work(i);
      {
        std::lock_guard lock(mu);
        slots[i % window].emplace(std::move(r));
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(threads));
  for (int t = 0; t < threads && static_cast<size_t>(t) < count; ++t) {
    try {
      pool.emplace_back(worker);
    } catch (const std::exception&) {  // no thread to be had (a memory limit): fewer do the work
      break;
    }
  }
  if (pool.empty()) {
    for (size_t i = 0; i < count; ++i) emit(i, work(i));
    return;
  }
  for (size_t i = 0; i < count; ++i) {
    std::optional<Result> r;
    {
      std::unique_lock lock(mu);
      changed.wait(lock, [&] { return slots[i % window].has_value(); });
      r = std::move(slots[i % window]);
      slots[i % window].reset();
    }
    emit(i, std::move(*r));
    {
      std::lock_guard lock(mu);
      emitted = i + 1;
    }
    changed.notify_all();
  }
  for (std::thread& t : pool) t.join();
}

}  // namespace winnow::cli

#endif  // WINNOW_CLI_ORDERED_POOL_H_
