// The measurements of winnow/bench.h.
#include "winnow/bench.h"

#include <gumbo.h>
#include <sys/resource.h>

#include <atomic>
#include <chrono>

#include "base/stage_clock.h"
#include "html/prune.h"
#include "winnow/json.h"

namespace winnow {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }


StageSeconds stage_seconds(const StageTimes& s) {
  return {.decode = s[Stage::kDecode],
          .prune = s[Stage::kPrune],
          .parse = s[Stage::kParse],
          .tree = s[Stage::kTree],
          .meta = s[Stage::kMeta],
          .clean = s[Stage::kClean],
          .render = s[Stage::kRender]};
}

}  // namespace

PipelinePass run_pipeline(const RuleLibrary& library, const PageSet& set, int laps) {
  PipelinePass pass;
  StageTimes stages;
  stage_sink = &stages;  // one thread: clean_pages runs every page on this one
  Clock::time_point start = Clock::now();
  clean_pages(
      library, set, {.laps = laps},
      [&](size_t, Article&& art) {
        Clock::time_point t = Clock::now();
        pass.output_bytes += to_json(art).size();
        pass.output_seconds += since(t);
      },
      [](size_t, const std::string&) {});
  pass.seconds = since(start);
  stage_sink = nullptr;
  pass.stages = stage_seconds(stages);
  return pass;
}

double run_gumbo(const PageSet& set, bool pruned, int laps, size_t* parsed_bytes) {
  double seconds = 0;
  std::string buffer;
  if (parsed_bytes) *parsed_bytes = 0;
  for (size_t k = 0; k < set.pages.size() * static_cast<size_t>(laps); ++k) {
    const SetPage& page = set.pages[k % set.pages.size()];
    const std::string* bytes = &page.bytes;
    if (pruned && html::prune_for_parse(page.bytes, &buffer)) bytes = &buffer;
    if (parsed_bytes && k < set.pages.size()) *parsed_bytes += bytes->size();
    Clock::time_point t = Clock::now();
    GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, bytes->data(), bytes->size());
    seconds += since(t);
    gumbo_destroy_output(&kGumboDefaultOptions, out);
  }
  return seconds;
}

ParallelRun run_parallel(const RuleLibrary& library, const PageSet& set, int threads, int laps) {
  std::atomic<size_t> bytes{0};
  const double cpu_start = process_cpu_seconds();
  Clock::time_point start = Clock::now();
  clean_pages(
      library, set, {.threads = threads, .laps = laps},
      [&](size_t, Article&& art) { bytes.fetch_add(to_json(art).size(), std::memory_order_relaxed); },
      [](size_t, const std::string&) {});
  ParallelRun run;
  run.seconds = since(start);
  run.cpu_seconds = process_cpu_seconds() - cpu_start;
  return run;
}

double process_cpu_seconds() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  auto sec = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return sec(usage.ru_utime) + sec(usage.ru_stime);
}

}  // namespace winnow
