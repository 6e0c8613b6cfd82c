// CrawlJob (winnow/crawl.h): a job file loaded, the caller's settings laid
// over it, one Crawler run.
#include <atomic>

#include "crawl/crawl.h"
#include "crawl/fetch_settings.h"
#include "crawl/job.h"
#include "winnow/crawl.h"

namespace winnow {

struct CrawlJob::Impl {
  crawl::Job job;
  std::unique_ptr<crawl::Crawler> crawler;
  // What request_stop() reads: a signal handler may call it at any time.
  std::atomic<crawl::Crawler*> running{nullptr};
};

CrawlJob::CrawlJob() : impl_(std::make_unique<Impl>()) {}
CrawlJob::~CrawlJob() = default;

bool CrawlJob::open(const std::string& job_file, const RuleLibrary& library, const CrawlSettings& settings,
                    std::string* error) {
  crawl::JobError job_error;
  if (!crawl::load_job(job_file, library.sets(), &impl_->job, &job_error)) {
    *error = job_error.to_string();
    return false;
  }
  // The caller's settings win over the job file's.
  crawl::apply_fetch_settings(settings.fetch, &impl_->job.fetch);
  if (settings.max_pages) impl_->job.max_pages = *settings.max_pages;
  crawl::CrawlOptions options;
  options.quiet = settings.quiet;
  options.live = settings.live;
  options.clean_threads = settings.clean_threads;
  options.rebuild_state = settings.rebuild_state;
  impl_->crawler = std::make_unique<crawl::Crawler>(impl_->job, library.sets(), options);
  impl_->running.store(impl_->crawler.get());
  return true;
}

CrawlReport CrawlJob::run() {
  const crawl::CrawlSummary sum = impl_->crawler->run();
  const crawl::Job& job = impl_->job;
  return {.job = job.name,
          .output = job.output,
          .manifest = job.manifest,
          .fatal = sum.fatal,
          .summary = sum.to_string(job.name),
          .exit_code = static_cast<ExitCode>(sum.exit_code())};
}

void CrawlJob::request_stop() {
  if (crawl::Crawler* c = impl_->running.load()) c->request_stop();
}

}  // namespace winnow
