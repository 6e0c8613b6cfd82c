// `winnow crawl JOB.toml`: one run of a crawl job, for cron and systemd timers.
#include <CLI/CLI.hpp>
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <iostream>

#include "cli/command.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "winnow/crawl.h"

namespace winnow::cli {
namespace {

std::atomic<CrawlJob*> g_job{nullptr};
std::atomic<int> g_signals{0};  // lock-free: safe in a handler

void on_signal(int) {
  // The first signal stops cleanly; a second one ends the process at once
  // (what is committed stays committed: the next run resumes).
  if (g_signals.fetch_add(1) > 0) _exit(kExitInterrupted);
  if (CrawlJob* job = g_job.load()) job->request_stop();
}

class CrawlCommand : public Command {
 public:
  void setup(CLI::App* app) override {
    app->add_option("JOB", job_file_, "the job file (TOML; see jobs/demo.toml, and jobs/any-site.toml for a site with no rule file)")->required();
    app->add_flag("--quiet,-q", settings_.quiet, "errors only: no progress, no summary");
    app->add_option("--threads", settings_.clean_threads, "cleaning threads, 0 to 256 (default 0: one per core)")
        ->check(in_range(kCleanThreadsRange));
    // The overrides take the job file's ranges; 0 transfers is not "the
    // job's value" (leaving the option out is), it is refused.
    FetchSettings& f = settings_.fetch;
    add_setting(app, "--max-pages", &settings_.max_pages, "article fetches this run, 0 to 10000000 (overrides the job)")
        ->check(in_range(kMaxPagesRange));
    add_setting(app, "--delay-ms", &f.delay_ms, "gap between requests to one site, ms, 0 to 3600000 (overrides the job)")
        ->check(in_range(kDelayMsRange));
    add_setting(app, "--concurrency", &f.concurrency, "transfers at once, 1 to 256 (overrides the job)")
        ->check(in_range(kConcurrencyRange));
    add_setting(app, "--per-host", &f.per_host, "transfers at once per site, 1 to 64 (overrides the job)")
        ->check(in_range(kPerHostRange));
    app->add_flag_function("--ignore-robots", [&f](int64_t) { f.obey_robots = false; },
                           "do not obey robots.txt (your own sites only)");
    app->add_flag("--rebuild-state", settings_.rebuild_state,
                  "set the state database aside and rebuild it from the manifest and the article files "
                  "(after it was damaged)");
    app->add_flag_function("--allow-private-addresses", [&f](int64_t) { f.allow_private_addresses = true; },
                           "allow loopback, private and link-local addresses (overrides the job)");
    app->add_option("--connect-to", f.connect_to,
                    "HOST:PORT:CONNECT-HOST:CONNECT-PORT, as curl's --connect-to (overrides the job)");
  }

  int run(const Context& context) override {
    // The live line on a terminal as the other long runs show theirs
    // (cli/progress.h); a log line each 10 s instead when it is off.
    settings_.live = progress_wanted(settings_.quiet);
    auto logger = spdlog::stderr_color_mt("winnow");
    // On a terminal each message first clears the live line (\r, erase to
    // the end of the line), so that none is written over it.
    logger->set_pattern(settings_.live ? "\r\x1b[Kwinnow: %^%l%$: %v" : "winnow: %^%l%$: %v");
    spdlog::set_default_logger(logger);
    spdlog::set_level(settings_.quiet ? spdlog::level::err : spdlog::level::info);

    // The handler goes in first, so that a stop during set-up (opening the
    // state, recovery) is a clean stop too, not a kill by the default action.
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    CrawlJob job;
    std::string error;
    if (!job.open(job_file_, context.rules, settings_, &error)) {
      std::cerr << "winnow: job: " << error << "\n";
      return kExitInput;
    }
    g_job.store(&job);
    if (g_signals.load() > 0) job.request_stop();  // a signal before the store

    const CrawlReport report = job.run();
    g_job.store(nullptr);
    if (!report.fatal.empty()) {
      std::cerr << "winnow: crawl " << report.job << ": " << report.fatal << "\n";
    } else if (!settings_.quiet) {
      std::cerr << "winnow: " << report.summary << "\n";
      std::cerr << "winnow: articles in " << report.output << ", manifest " << report.manifest << "\n";
    }
    return report.exit_code;
  }

 private:
  std::string job_file_;
  CrawlSettings settings_;
};

const bool kRegistered = register_command(
    {.name = "crawl",
     .description = "run a crawl job: collect the new articles of its sites (for cron)",
     .order = 50,
     .on_exception = kExitFatal},
    std::make_unique<CrawlCommand>());

}  // namespace
}  // namespace winnow::cli
