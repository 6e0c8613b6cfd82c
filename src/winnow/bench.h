// The measurements behind `winnow bench`: passes of the whole clean pipeline
// over a page set held in memory (timed stage by stage), passes of plain
// Gumbo over the same bytes, and the pipeline on a pool of N threads. All go
// through clean_pages (winnow/page_set.h), as `winnow eval` does. And the
// set packed into a WARC file, for timing `clean --warc` beside `clean DIR`.
//
// Public (installed as <winnow/bench.h>).
#ifndef WINNOW_BENCH_H_
#define WINNOW_BENCH_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "winnow/page_set.h"
#include "winnow/rules.h"

namespace winnow {

// Wall seconds the library spent in each stage of a pass.
struct StageSeconds {
  double decode = 0;  // bytes to UTF-8 (charset detection, iconv, repair)
  double prune = 0;   // emptying never-text bodies and the depth guard, before Gumbo
  double parse = 0;   // Gumbo's parse
  double tree = 0;    // Gumbo's tree flattened into the library's node array
  double meta = 0;    // the page's metadata (canonical, Open Graph, JSON-LD)
  double clean = 0;   // clean(): selection and drops or generic extraction, rendering included
  double render = 0;  // the text layout (inside clean)
};

// One pass of the whole pipeline over a held set, one thread: load_document
// (decode, prune, parse, flatten, metadata), clean, to_json, teardown.
struct PipelinePass {
  double seconds = 0;         // wall time of the whole pass
  StageSeconds stages;
  double output_seconds = 0;  // to_json (the text and the JSON object)
  size_t output_bytes = 0;    // so that nothing is optimized away
};
// `laps`: times over the set in one pass (a small set is lapped so that a
// pass lasts long enough to time).
PipelinePass run_pipeline(const RuleLibrary& library, const PageSet& set, int laps = 1);

// One pass of plain Gumbo (gumbo_parse_with_options with
// kGumboDefaultOptions, its malloc) over every held page's bytes as served,
// or over the bytes the library's prune step leaves (`pruned`). Only the
// parse is timed; freeing the tree is not (which favours Gumbo).
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

// A held set packed into one WARC file in `dir` (created if missing), as
// Common Crawl writes one: a warcinfo record, then one response record a
// page, each record its own gzip member. The block is an HTTP/1.1 200 head
// (Content-Type text/html with the charset the page declares in a <meta>,
// if any; Content-Length) and the page's bytes as held; WARC-Target-URI is
// the page's URL (SetPage::url), else the canonical / og:url it declares,
// else a synthetic https://winnow-bench.invalid/N (so that `clean --warc`
// picks the page's rules as `clean` of the file does); WARC-Date,
// WARC-Record-ID, WARC-Block-Digest and WARC-Payload-Digest as the crawl's
// archive writes them. For `winnow bench`: `clean --warc` of this file
// beside `clean DIR` of the set's files. False with `error` if it cannot be
// written.
struct SetWarc {
  std::string path;    // the file written
  uint64_t bytes = 0;  // its size
};
bool write_set_warc(const PageSet& set, const std::string& dir, SetWarc* warc, std::string* error);

// CPU time this process has used so far (user + system), in seconds: the
// bench's "cores got" and its CPU-time ratios.
double process_cpu_seconds();

}  // namespace winnow

#endif  // WINNOW_BENCH_H_
