// A fixed pool of threads over numbered items whose results come out in
// item order: `winnow clean -j N` over many files. Items are claimed in order
// and only while fewer than `window` are claimed but not yet emitted, so
// memory is bounded by the window whatever the number of items: a slow item
// holds the others back instead of letting results pile up. run_ordered
// takes the number of items up front; run_ordered_stream takes them from a
// producer until it has no more.
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

// The pool over items a producer hands out one by one, their number
// unknown up front (the pages of a WARC file as it is read): `next()` is
// called under the pool's lock, so never by two threads at once, and only
// when an item may be claimed (fewer than `window` in flight); it returns
// nullopt at the end, and is not called again. Then `work(std::move(item))`
// on `threads` threads (1: everything on the calling thread) and `emit(i,
// result)` on the calling thread, i = 0, 1, ... in the order `next` handed
// the items out. Neither may throw on a pool thread.
template <typename Result, typename Next, typename Work, typename Emit>
void run_ordered_stream(int threads, size_t window, Next next, Work work, Emit emit) {
  if (threads <= 1) {
    for (size_t i = 0;; ++i) {
      auto item = next();
      if (!item) return;
      emit(i, work(std::move(*item)));
    }
  }
  window = std::max(window, static_cast<size_t>(threads));
  std::mutex mu;
  std::condition_variable changed;
  std::vector<std::optional<Result>> slots(window);  // item i waits in slots[i % window]
  size_t claimed = 0, emitted = 0;
  bool ended = false;  // next() returned nullopt
  auto worker = [&] {
    for (;;) {
      size_t i;
      decltype(next()) item;
      {
        std::unique_lock lock(mu);
        // Claiming i needs its slot free: item i - window has been emitted.
        changed.wait(lock, [&] { return ended || claimed < emitted + window; });
        if (ended) return;
        item = next();
        if (!item) {
          ended = true;
          lock.unlock();
          changed.notify_all();
          return;
        }
        i = claimed++;
      }
      Result r = work(std::move(*item));
      item.reset();  // the item's memory goes before the result waits its turn
      {
        std::lock_guard lock(mu);
        slots[i % window].emplace(std::move(r));
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(threads));
  for (int t = 0; t < threads; ++t) {
    try {
      pool.emplace_back(worker);
    } catch (const std::exception&) {  // no thread to be had (a memory limit): fewer do the work
      break;
    }
  }
  if (pool.empty()) {
    run_ordered_stream<Result>(1, window, std::move(next), std::move(work), std::move(emit));
    return;
  }
  for (size_t i = 0;; ++i) {
    std::optional<Result> r;
    {
      std::unique_lock lock(mu);
      changed.wait(lock, [&] { return slots[i % window].has_value() || (ended && i >= claimed); });
      if (!slots[i % window].has_value()) break;  // ended, and every item claimed has been emitted
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

// Calls `work(i)` for every i in [0, count) on `threads` threads (1: on the
// calling thread, nothing started) and `emit(i, result)` on the calling
// thread, i ascending. At most `window` (>= threads) items are in flight:
// worked on, waiting for their turn, or being emitted.
template <typename Result, typename Work, typename Emit>
void run_ordered(size_t count, int threads, size_t window, Work work, Emit emit) {
  // The items are their numbers; no more threads than items.
  size_t next = 0;
  auto number = [&]() -> std::optional<size_t> {
    if (next >= count) return std::nullopt;
    return next++;
  };
  const int used = count <= 1 ? 1 : static_cast<int>(std::min(count, static_cast<size_t>(std::max(threads, 1))));
  run_ordered_stream<Result>(used, window, number, [&](size_t i) { return work(i); }, std::move(emit));
}

}  // namespace winnow::cli

#endif  // WINNOW_CLI_ORDERED_POOL_H_
