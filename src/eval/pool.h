// Independent work items on a few threads, the calling one among them: the
// pool under clean_pages and the scoring of a predictions file.
#ifndef WINNOW_EVAL_POOL_H_
#define WINNOW_EVAL_POOL_H_

#include <cstddef>
#include <functional>

namespace winnow::eval {

// Calls `work(i)` for every i in [0, count), taken in turn by `threads`
// threads (1: all on the calling thread). Items must be independent: each
// writes only its own results, so they do not depend on which thread ran
// what. An exception escaping `work` on another thread ends the process.
void for_each_index(size_t count, int threads, const std::function<void(size_t)>& work);

}  // namespace winnow::eval

#endif  // WINNOW_EVAL_POOL_H_
