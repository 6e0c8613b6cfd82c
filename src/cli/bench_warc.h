// `winnow bench`'s WARC section: `clean --warc FILE -j N` beside `clean DIR
// -j N` on the same pages. The held set is packed into one WARC file, gzip
// per record (write_set_warc, winnow/bench.h), in a temporary directory;
// then the CLI's own clean_many (over the set's files, read from disk and
// gunzipped as `clean DIR` does) and clean_warc (the file streamed and
// inflated record by record) run in this process, their JSON Lines going to
// a stream that counts them and drops them, interleaved pass by pass.
#ifndef WINNOW_CLI_BENCH_WARC_H_
#define WINNOW_CLI_BENCH_WARC_H_

#include <vector>

#include "winnow/page_set.h"
#include "winnow/rules.h"

namespace winnow::cli {

// Prints the section (the WARC's size, then one line a pool size in `jobs`:
// both rates and their ratio, the median of `repeat` passes); what keeps it
// from running (the file cannot be written, a command does not succeed) is
// one line on stderr, and the bench goes on. `set` must be held.
void bench_warc(const RuleLibrary& library, const PageSet& set, const std::vector<int>& jobs, int repeat);

}  // namespace winnow::cli

#endif  // WINNOW_CLI_BENCH_WARC_H_
