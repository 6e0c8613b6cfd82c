// The memory side of `winnow bench`, measured on processes rather than in
// the library: the peak RSS of a sequential `winnow clean` over a page
// set's files, in a child process, and this process's own peak.
#ifndef WINNOW_CLI_BENCH_RSS_H_
#define WINNOW_CLI_BENCH_RSS_H_

#include <cstddef>
#include <string>

#include "winnow/page_set.h"

namespace winnow::cli {

// Peak RSS (bytes) of `winnow clean -j 1 --format json` run as a child
// process over the set's files, one after another, output to /dev/null:
// what cleaning the set sequentially costs, apart from this process's page
// set and threads. 0 and `error` set if it could not run.
//
// Linux counts into a child's peak RSS the parent's RSS at the spawn (the
// peak of the address space it replaces at exec), so call this before this
// process holds pages in memory.
size_t sequential_clean_peak_rss(const std::string& rules_dir, const PageSet& set, double* seconds,
                                 std::string* error);

// This process's peak RSS so far, in bytes.
size_t own_peak_rss();

}  // namespace winnow::cli

#endif  // WINNOW_CLI_BENCH_RSS_H_
