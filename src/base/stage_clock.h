// Optional timing of the pipeline's stages, for `winnow bench`. A thread that
// wants the split points `stage_sink` at a StageTimes; the library's stages
// add their wall time to it. Everywhere else a StageTimer is one
// thread-local load and a branch: no clock is read, nothing is written.
//
// In base so that each layer times its own stage without including another
// layer's header. The stages are a closed list of names, kept here as data:
// base names them and knows nothing of the code behind them (html times
// prune, parse, tree and render; the public calls time decode, meta and
// clean). A new stage is a new enumerator here and a row in `winnow bench`'s
// table.
#ifndef WINNOW_BASE_STAGE_CLOCK_H_
#define WINNOW_BASE_STAGE_CLOCK_H_

#include <array>
#include <chrono>
#include <cstddef>

namespace winnow {

enum class Stage : size_t {
  kDecode,  // bytes to UTF-8 (charset detection, iconv, repair)
  kPrune,   // emptying never-text bodies and the depth guard, before Gumbo
  kParse,   // Gumbo's parse
  kTree,    // Gumbo's tree flattened into the pre-order node array
  kMeta,    // the page's metadata (canonical, Open Graph, JSON-LD)
  kClean,   // clean(): selection and drops or generic extraction, rendering included
  kRender,  // the text layout (inside kClean)
  kCount
};

struct StageTimes {
  std::array<double, static_cast<size_t>(Stage::kCount)> seconds{};
  double& operator[](Stage s) { return seconds[static_cast<size_t>(s)]; }
  double operator[](Stage s) const { return seconds[static_cast<size_t>(s)]; }
};

// Where this thread's stages add their time; nullptr (the default): untimed.
inline thread_local StageTimes* stage_sink = nullptr;

// Adds the time from construction to destruction to `stage`, if timed.
class StageTimer {
 public:
  explicit StageTimer(Stage stage) : sink_(stage_sink), stage_(stage) {
    if (sink_) start_ = std::chrono::steady_clock::now();
  }
  ~StageTimer() {
    if (sink_) (*sink_)[stage_] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;

 private:
  StageTimes* sink_;
  Stage stage_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace winnow

#endif  // WINNOW_BASE_STAGE_CLOCK_H_
