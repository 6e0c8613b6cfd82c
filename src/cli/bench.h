// The measurements behind `winnow bench`: one set of pages held in memory,
// passes of the whole clean pipeline (timed stage by stage), passes of plain
// Gumbo over the same bytes, the pipeline on a pool of N threads, and the
// peak RSS of a sequential `winnow clean` over the set's files.
#ifndef WINNOW_CLI_BENCH_H_
#define WINNOW_CLI_BENCH_H_

#include <string>
#include <vector>

#include "base/stage_clock.h"
#include "winnow.h"

namespace winnow::cli::bench {

struct BenchPage {
  std::string path;   // the file it came from
  std::string url;    // a benchmark's ground-truth URL, else "" (the page's own)
  std::string bytes;  // as served: decompressed, not decoded, not pruned
};

struct PageSet {
  std::string dir;
  std::vector<BenchPage> pages;
  size_t bytes = 0;  // sum of the pages' sizes
};

// A benchmark directory (ground-truth.json + html/) gives its pages with their
// URLs; any other directory, every page file under it (cli/input.h
// list_pages). Each file is read and decompressed once, here.
bool load_page_set(const std::string& dir, PageSet* set, std::string* error);

// One pass of the whole pipeline over the set, one thread: load_document
// (decode, prune, parse, flatten, metadata), clean, to_json, teardown.
struct PipelinePass {
  double seconds = 0;          // wall time of the whole pass
  StageTimes stages;           // the library's stages (base/stage_clock.h)
  double output_seconds = 0;   // to_json (the text and the JSON object)
  size_t output_bytes = 0;     // so that nothing is optimized away
};
// `laps`: times over the set in one pass (a small set is lapped so that a
// pass lasts long enough to time).
PipelinePass run_pipeline(const RuleLibrary& library, const PageSet& set, int laps = 1);

// One pass of plain Gumbo (gumbo_parse_with_options with
// kGumboDefaultOptions, its malloc) over every page's bytes as served, or
// over the bytes winnow's prune step leaves (`pruned`). Only the parse is
// timed; freeing the tree is not (which favours Gumbo).
// `parsed_bytes`, if given, gets the bytes Gumbo was handed in one lap.
double run_gumbo(const PageSet& set, bool pruned, int laps = 1, size_t* parsed_bytes = nullptr);

// The pipeline (untimed stages) on `threads` threads taking pages in turn:
// wall seconds for the whole set, and the CPU seconds the process got in
// that time (their ratio says how many cores the machine actually gave).
struct ParallelRun {
  double seconds = 0;
  double cpu_seconds = 0;
};
ParallelRun run_parallel(const RuleLibrary& library, const PageSet& set, int threads, int laps = 1);

// The set's files, without reading them (for the child below).
bool list_page_set(const std::string& dir, PageSet* set, std::string* error);

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

}  // namespace winnow::cli::bench

#endif  // WINNOW_CLI_BENCH_H_
