// The streaming pool behind `winnow clean --warc -j N`: items from a
// producer whose count is unknown, results in the order it handed them out,
// a bounded number in flight, the producer never called by two threads.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli/ordered_pool.h"

using winnow::cli::run_ordered_stream;

TEST_CASE("ordered stream: results in the producer's order, every item once") {
  for (int threads : {1, 2, 3, 8}) {
    for (int count : {0, 1, 2, 100}) {
      int produced = 0, calls_after_end = 0;
      bool ended = false;
      std::vector<size_t> emitted;
      run_ordered_stream<std::string>(
          threads, 4 * static_cast<size_t>(threads),
          [&]() -> std::optional<int> {
            if (ended) ++calls_after_end;
            if (produced == count) {
              ended = true;
              return std::nullopt;
            }
            return produced++;
          },
          [](int item) {
            if (item % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(300));
            return std::to_string(item);
          },
          [&](size_t i, std::string r) {
            CHECK(r == std::to_string(i));
            emitted.push_back(i);
          });
      CHECK(calls_after_end == 0);
      REQUIRE(emitted.size() == static_cast<size_t>(count));
      for (size_t i = 0; i < emitted.size(); ++i) CHECK(emitted[i] == i);
    }
  }
}

TEST_CASE("ordered stream: one producer call at a time, at most `window` items in flight") {
  constexpr size_t kWindow = 5;
  std::atomic<int> in_producer{0}, producer_overlaps{0};
  std::atomic<int> in_flight{0}, most{0};
  int produced = 0;
  run_ordered_stream<int>(
      3, kWindow,
      [&]() -> std::optional<int> {
        if (++in_producer > 1) ++producer_overlaps;
        std::this_thread::sleep_for(std::chrono::microseconds(50));
        std::optional<int> item;
        if (produced < 60) {
          item = produced++;
          int now = ++in_flight;  // claimed from here until emitted
          for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
          }
        }
        --in_producer;
        return item;
      },
      [&](int item) {
        // Item 0 is slow: the others finish and must wait for it.
        std::this_thread::sleep_for(std::chrono::milliseconds(item == 0 ? 30 : 1));
        return item;
      },
      [&](size_t, int) { --in_flight; });
  CHECK(producer_overlaps.load() == 0);
  CHECK(most.load() <= static_cast<int>(kWindow));
  CHECK(in_flight.load() == 0);
  CHECK(produced == 60);
}
