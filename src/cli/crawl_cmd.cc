// `winnow crawl JOB.toml`: one run of a crawl job, for cron and systemd timers.
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <iostream>

#include "cli/commands.h"
#include "cli/input.h"
#include "crawl/crawl.h"

namespace winnow::cli {
namespace {

std::atomic<crawl::Crawler*> g_crawler{nullptr};
std::atomic<int> g_signals{0};  // lock-free: safe in a handler

void on_signal(int) {
  // The first signal stops cleanly; a second one ends the process at once
  // (what is committed stays committed: the next run resumes).
  if (g_signals.fetch_add(1) > 0) _exit(kExitInterrupted);
  if (crawl::Crawler* c = g_crawler.load()) c->request_stop();
}

}  // namespace

int cmd_crawl(const RuleLibrary& library, const CrawlCommandOptions& opts) {
  auto logger = spdlog::stderr_color_mt("winnow");
  logger->set_pattern("winnow: %^%l%$: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(opts.quiet ? spdlog::level::err : spdlog::level::info);

  crawl::Job job;
  crawl::JobError error;
  if (!crawl::load_job(opts.job_file, library.sets(), &job, &error)) {
    std::cerr << "winnow: job: " << error.to_string() << "\n";
    return kExitInput;
  }
  // Command-line settings win over the job file's.
  if (!opts.connect_to.empty()) job.fetch.connect_to = opts.connect_to;
  if (opts.max_pages >= 0) job.max_pages = opts.max_pages;
  if (opts.delay_ms >= 0) job.fetch.per_host_delay = fetch::Millis(opts.delay_ms);
  if (opts.concurrency > 0) job.fetch.max_connections = opts.concurrency;
  if (opts.per_host > 0) job.fetch.max_per_host = opts.per_host;
  if (opts.ignore_robots) job.fetch.obey_robots = false;
  if (opts.allow_private_addresses) job.fetch.allow_private_addresses = true;

  crawl::CrawlOptions copts;
  copts.quiet = opts.quiet;
  copts.live = !opts.quiet && isatty(STDERR_FILENO);
  copts.clean_threads = opts.threads;
  copts.rebuild_state = opts.rebuild_state;
  crawl::Crawler crawler(job, library.sets(), copts);
  g_crawler.store(&crawler);
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  crawl::CrawlSummary sum = crawler.run();
  g_crawler.store(nullptr);
  if (!sum.fatal.empty()) {
    std::cerr << "winnow: crawl " << job.name << ": " << sum.fatal << "\n";
  } else if (!opts.quiet) {
    std::cerr << "winnow: " << sum.to_string(job.name) << "\n";
    std::cerr << "winnow: articles in " << job.output << ", manifest " << job.manifest << "\n";
  }
  return sum.exit_code();
}

}  // namespace winnow::cli
