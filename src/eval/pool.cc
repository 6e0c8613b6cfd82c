#include "eval/pool.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace winnow::eval {

void for_each_index(size_t count, int threads, const std::function<void(size_t)>& work) {
  std::atomic<size_t> next{0};
  auto loop = [&] {
    for (size_t i; (i = next.fetch_add(1)) < count;) work(i);
  };
  std::vector<std::thread> pool;
  const size_t extra = std::min(static_cast<size_t>(std::max(threads, 1)), count);
  for (size_t t = 1; t < extra; ++t) pool.emplace_back(loop);
  loop();
  for (std::thread& t : pool) t.join();
}

}  // namespace winnow::eval
