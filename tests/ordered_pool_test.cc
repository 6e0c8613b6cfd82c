// The pool behind `winnow clean -j N`: results in item order, a bounded
// number of items in flight, whatever order the threads finish in.
#include "cli/ordered_pool.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

using winnow::cli::run_ordered;

TEST_CASE("ordered pool: results come out in item order, every item once") {
  for (int threads : {1, 2, 3, 8}) {
    std::vector<size_t> emitted;
    run_ordered<std::string>(
        100, threads, 4 * static_cast<size_t>(threads),
        [](size_t i) {
          // Early items slower, so that later ones finish first.
          if (i % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(300));
          return std::to_string(i);
        },
        [&](size_t i, std::string r) {
          CHECK(r == std::to_string(i));
          emitted.push_back(i);
        });
    REQUIRE(emitted.size() == 100);
    for (size_t i = 0; i < emitted.size(); ++i) CHECK(emitted[i] == i);
  }
}

TEST_CASE("ordered pool: at most `window` items in flight behind a slow one") {
  constexpr size_t kWindow = 5;
  std::atomic<int> in_flight{0}, most{0};
  run_ordered<int>(
      60, 3, kWindow,
      [&](size_t i) {
        int now = ++in_flight;
        for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        // Item 0 is slow: the others finish and must wait for it.
        std::this_thread::sleep_for(std::chrono::milliseconds(i == 0 ? 30 : 1));
        return static_cast<int>(i);
      },
      [&](size_t, int) { --in_flight; });
  // Claimed and not yet emitted: never more than the window.
  CHECK(most.load() <= static_cast<int>(kWindow));
  CHECK(in_flight.load() == 0);
}

TEST_CASE("ordered pool: no items, one item") {
  int calls = 0;
  run_ordered<int>(0, 4, 8, [&](size_t) { return ++calls; }, [&](size_t, int) {});
  CHECK(calls == 0);
  run_ordered<int>(1, 4, 8, [&](size_t) { return 7; }, [&](size_t i, int r) { calls += r + static_cast<int>(i); });
  CHECK(calls == 7);
}
