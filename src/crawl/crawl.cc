#include "crawl/crawl.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "crawl/commit.h"
#include "crawl/crawler.h"
#include "crawl/recover.h"
#include "winnow/exit_code.h"

namespace winnow::crawl {
namespace fs = std::filesystem;
namespace {

constexpr int kMaxAttempts = 5;          // runs that may retry a failing article
constexpr size_t kWindow = 64;           // articles handed to the fetcher at a time
constexpr auto kLogEvery = std::chrono::seconds(10);

}  // namespace

int CrawlSummary::exit_code() const {
  if (!fatal.empty()) return kExitFatal;
  if (interrupted) return kExitInterrupted;
  if (failed > 0 || discovery_failed > 0 || deferred > 0) return kExitPartial;
  return kExitOk;
}

std::string CrawlSummary::to_string(const std::string& job_name) const {
  char buf[768];
  // The listing pages skipped, the duplicates and the sitemaps are named
  // only when there are some: the summary of a job without them reads as it
  // always did.
  char listing[96] = "", dups[48] = "", maps[48] = "";
  if (listing_pages > 0) std::snprintf(listing, sizeof listing, ", %d typed listings", listing_pages);
  if (other_language > 0)
    std::snprintf(listing + std::strlen(listing), sizeof listing - std::strlen(listing), ", %d in other languages",
                  other_language);
  if (duplicates > 0) std::snprintf(dups, sizeof dups, ", %d duplicates not written", duplicates);
  if (sitemaps + sitemaps_unchanged > 0)
    std::snprintf(maps, sizeof maps, ", %d sitemaps (%d unchanged)", sitemaps, sitemaps_unchanged);
  std::snprintf(buf, sizeof buf,
                "crawl %s: %d new, %d updated, %d unchanged, %d failed, %d skipped (%d not HTML%s)%s, %d disallowed by "
                "robots.txt, %d deferred; %d feeds (%d unchanged)%s, %d listing pages (%d unchanged), %d discovery "
                "errors; %d queued for the next run; %llu requests, %.1f MB in %.1f s%s",
                job_name.c_str(), new_articles, updated, unchanged, failed, skipped, not_html, listing, dups, disallowed,
                deferred, feeds, feeds_unchanged, maps, listings, listings_unchanged, discovery_failed, queued_left,
                static_cast<unsigned long long>(transfers), bytes / 1e6, seconds,
                interrupted ? " (interrupted: run it again to resume)" : "");
  return buf;
}

// request_stop() runs in a signal handler: what it touches must be lock-free.
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<void*>::is_always_lock_free);

Crawler::Impl::Impl(const Job& j, const rules::RuleLibrary& l, CrawlOptions o) : job(j), library(l), opt(o) {
  for (const JobSite& s : job.sites) {
    site_index[s.name] = site_rules.size();
    for (const std::string& h : s.hosts) site_hosts.emplace_back(h, site_rules.size());
    site_rules.push_back(s.has_rules ? library.by_name(s.name) : nullptr);
  }
  finding.resize(job.sites.size());
}

void Crawler::Impl::log_error(const std::string& url, const std::string& what) {
  if (opt.live) std::fputs("\r\033[K", stderr);
  spdlog::error("{}: {}", url, what);
}

bool Crawler::Impl::fail(const std::string& why) {
  if (sum.fatal.empty()) sum.fatal = why;
  request_stop();
  return false;
}

// A state write that fails stops the run: going on would fetch pages whose
// outcome cannot be remembered.
bool Crawler::Impl::put(const PageRow& row) {
  return state.put(row) || fail(job.state + ": " + state.last_error());
}

// Async-signal-safe: two atomic stores and an atomic load.
void Crawler::Impl::request_stop() {
  stop.store(true);
  if (fetch::Fetcher* f = stoppable.load()) f->request_stop();
}

// ---------------------------------------------------------------- articles

// Keeps the fetcher supplied from the state's queue, a window at a time,
// so memory does not grow with the number of articles discovered. Not
// while feeds, sitemaps, robots.txt or home pages are still out: what they
// say of an article (a date before `since`, a changed date) must be known
// before it is fetched, and they are a few requests a site, asked first
// anyway. Listing pages date nothing: articles flow while a long listing is
// paged through.
void Crawler::Impl::refill() {
  if (dating_inflight > 0) return;
  if (fetcher->pending() > kWindow / 2) return;  // refill in batches: one claim commit each
  while (budget > 0 && !stop.load() && fetcher->pending() < kWindow) {
    int want = static_cast<int>(std::min<size_t>(kWindow - fetcher->pending(), static_cast<size_t>(budget)));
    std::vector<PageRow> rows = state.claim_articles(run_id, kMaxAttempts, want);
    if (rows.empty()) {
      if (!state.last_error().empty()) fail(job.state + ": " + state.last_error());
      return;
    }
    for (const PageRow& row : rows) {
      auto it = site_index.find(row.site);
      if (it == site_index.end()) continue;  // a site no longer in the job
      --budget;
      submit({row.url, it->second, Kind::kArticle, 1}, &row);
    }
  }
}

// The file an article is written to: the one it had, else its URL's stem,
// else (another URL has that name, in the state or in this batch) the
// stem with a short hash of the URL: never another URL's file.
std::string Crawler::Impl::choose_path(const PageRow& row) {
  const std::string ext = job.format == "json" ? ".json" : ".txt";
  const std::string& had = row.output_path;
  if (had.size() > ext.size() && had.compare(had.size() - ext.size(), ext.size(), ext) == 0) return had;
  const std::string stem = output::article_file_stem(row.url);
  const std::string hash = output::hex64(output::fnv1a64(row.url));
  for (int k = 0;; ++k) {
    std::string path = k == 0   ? stem + ext
                       : k == 1 ? stem + "-" + hash.substr(0, 8) + ext
                                : stem + "-" + hash + (k == 2 ? "" : "-" + std::to_string(k)) + ext;
    if (reserved_paths.count(path)) continue;
    std::optional<std::string> owner = state.path_owner(path);
    if (!owner || *owner == row.url) return path;
  }
}
void Crawler::Impl::on_article(Work w, fetch::Response&& r) {
  PageRow row = state.get(w.url).value_or(PageRow{w.url, job.sites[w.site].name});
  switch (r.outcome) {
    case fetch::Outcome::kOk: {
      ArticleTask task{w.site, choose_path(row), std::move(r), std::move(row)};
      reserved_paths.insert(task.path);
      std::unique_lock<std::mutex> lock(mu);
      // Backpressure: the cleaning threads set the pace.
      task_taken.wait(lock, [&] { return tasks.size() < 2 * threads.size() + 2; });
      tasks.push_back(std::move(task));
      task_ready.notify_one();
      return;
    }
    case fetch::Outcome::kNotModified:
      row.status = Status::kDone;
      ++sum.unchanged;
      break;
    case fetch::Outcome::kStopped:
      return;  // stays queued for the next run
    case fetch::Outcome::kDeferred:
      // robots.txt could not be read: nothing was asked of the page. It
      // keeps its status, no attempt counted, and the next run asks again.
      ++budget;
      ++sum.deferred;
      if (deferral_notes.insert(r.error).second) log_error(w.url, r.error);
      return;
    case fetch::Outcome::kRobots:
      // Disallowed today; asked again every run (robots.txt may change).
      ++budget;
      row.status = Status::kDisallowed;
      row.error = r.error;
      ++sum.disallowed;
      log_error(w.url, r.error);
      break;
    case fetch::Outcome::kRefused:
    case fetch::Outcome::kTooLarge:
      row.status = Status::kSkipped;
      row.error = r.error;
      ++sum.skipped;
      log_error(w.url, r.error);
      break;
    default:
      row.status = (r.status == 404 || r.status == 410) ? Status::kGone : Status::kFailed;
      row.error = r.error;
      ++row.attempts;
      ++sum.failed;
      log_error(w.url, r.error);
      break;
  }
  row.http_status = r.status;
  put(row);
}

void Crawler::Impl::cleaning_thread() {
  ArticleContext ctx{job, library, out, dedup};
  for (;;) {
    ArticleTask t;
    {
      std::unique_lock<std::mutex> lock(mu);
      task_ready.wait(lock, [&] { return closing || !tasks.empty(); });
      if (tasks.empty()) return;
      t = std::move(tasks.front());
      tasks.pop_front();
      task_taken.notify_all();
    }
    ArticleOutcome d = process_article(ctx, std::move(t));
    std::lock_guard<std::mutex> lock(mu);
    results.push_back(std::move(d));
  }
}

// On the main thread: the cleaned articles committed, a batch at a time,
// in the crash-safe order (crawl/commit.h). A failure of the output or the
// state stops the run before the state says more than the disk holds.
void Crawler::Impl::commit_results() {
  std::deque<ArticleOutcome> done;
  {
    std::lock_guard<std::mutex> lock(mu);
    done.swap(results);
  }
  for (const ArticleOutcome& d : done) reserved_paths.erase(d.task.path);
  if (done.empty() || !sum.fatal.empty()) return;
  CommitTarget target{state, out, manifest, job.max_age_days,
                      [this](const std::string& url, const std::string& why) { log_error(url, why); }, &archive};
  std::string fatal;
  if (!commit_batch(done, target, &sum, &fatal)) fail(fatal);
}

// ---------------------------------------------------------------- progress

void Crawler::Impl::progress(bool final) {
  double secs = std::chrono::duration<double>(Clock::now() - started).count();
  int articles = sum.new_articles + sum.updated + sum.unchanged;
  size_t waiting = fetcher ? fetcher->pending() : 0;
  if (opt.quiet) return;
  char line[256];
  std::snprintf(line, sizeof line,
                "%d articles (%d new), %d failed, %zu queued, %d feeds, %d listings, %.1f pages/s", articles,
                sum.new_articles, sum.failed, waiting, sum.feeds + sum.feeds_unchanged, sum.listings,
                secs > 0 ? (articles + sum.failed) / secs : 0.0);
  if (opt.live) {
    // The last draw clears the line: the summary follows on a clean one.
    if (final) std::fputs("\r\033[K", stderr);
    else std::fprintf(stderr, "\r\033[K%s", line);
  } else if (!final && Clock::now() - last_log >= kLogEvery) {
    spdlog::info("{}", line);
    last_log = Clock::now();
  }
}

// -------------------------------------------------------------------- run

// The output, the state and the manifest, opened and made to agree.
bool Crawler::Impl::open_files() {
  std::string error, set_aside;
  output::WriteError werr;
  if (!out.open(job.output, &werr)) return fail(werr.message);
  if (!output::make_dirs(fs::path(job.state).parent_path().string(), &error) ||
      !output::make_dirs(fs::path(job.manifest).parent_path().string(), &error))
    return fail(error);
  switch (state.open(job.state, opt.rebuild_state, &set_aside, &error)) {
    case State::Opened::kOk: break;
    case State::Opened::kDamaged:
      return fail(error + "; nothing was fetched. To recover, run `winnow crawl " + job.path +
                  " --rebuild-state`: it sets the damaged file aside and rebuilds the state from " + job.manifest +
                  " and the article files, so nothing written is fetched as new");
    default: return fail(error);
  }
  if (!set_aside.empty()) spdlog::warn("the old state database was set aside as {}", set_aside);
  Recovery report;
  if (!recover(state, out, job.manifest, manifest, opt.rebuild_state, &report, &error)) return fail(error);
  return archive.open(job, state, &error) || fail(error);
}

// An exchange of the fetcher into the archive, before its response is
// handled: a write that fails stops the run, as one of the output does.
void Crawler::Impl::record(const fetch::Exchange& x) {
  if (!sum.fatal.empty()) return;
  std::string error;
  if (!archive.add(x, &error)) fail(error + "; the run stops, its articles stay queued for the next run");
}

// The fingerprints of the articles earlier runs wrote: a copy of one of
// them under another URL is a duplicate however many runs later it comes.
bool Crawler::Impl::load_prints() {
  bool ok = state.for_each_written([&](const PageRow& row) {
    if (row.print_exact != 0 || row.print_sim != 0)
      dedup.add(row.url, TextPrint{row.print_exact, row.print_sim, row.print_words});
  });
  return ok || fail(job.state + ": " + state.last_error());
}

CrawlSummary Crawler::Impl::run() {
  if (!open_files() || !load_prints()) return sum;
  fetcher = std::make_unique<fetch::Fetcher>(job.fetch);
  if (archive.enabled()) fetcher->record([this](const fetch::Exchange& x) { record(x); });
  stoppable.store(fetcher.get());
  if (stop.load()) fetcher->request_stop();  // a signal before the store
  int n = opt.clean_threads > 0 ? opt.clean_threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 0; i < n; ++i) threads.emplace_back([this] { cleaning_thread(); });

  budget = job.max_pages;
  // Seeds: the sites' feeds, sitemaps and listings (and, discovering, their
  // robots.txt and home pages), then what earlier runs left queued or failed.
  for (size_t s = 0; s < job.sites.size(); ++s) seed_site(s);
  run_id = std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch()).count();
  refill();  // what earlier runs left queued or failed

  fetcher->run(
      [&](fetch::Response&& r) {
        auto it = inflight.find(r.tag);
        Work w = std::move(it->second);
        inflight.erase(it);
        if (w.dating()) --dating_inflight;
        if (w.robots) on_robots(w, r);
        else if (w.kind == Kind::kFeed) on_feed(w, r);
        else if (w.kind == Kind::kSitemap) on_sitemap(w, r);
        else if (w.kind == Kind::kListing) on_listing(w, r);
        else on_article(std::move(w), std::move(r));
        commit_results();
        refill();
      },
      [&] {
        commit_results();
        refill();
        progress(false);
      });

  // The last articles still cleaning.
  {
    std::unique_lock<std::mutex> lock(mu);
    closing = true;
    task_ready.notify_all();
  }
  for (std::thread& t : threads) t.join();
  threads.clear();
  commit_results();
  save_shapes();
  if (std::string error; !archive.close(state, &error)) fail(error);

  const fetch::FetchStats& fs = fetcher->stats();
  sum.transfers = fs.transfers;
  sum.bytes = fs.bytes;
  sum.queued_left = static_cast<int>(state.article_counts().queued);
  sum.interrupted = stop.load() && sum.fatal.empty();
  sum.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  progress(true);
  return sum;
}
Crawler::Crawler(const Job& job, const rules::RuleLibrary& library, CrawlOptions options)
    : impl_(std::make_unique<Impl>(job, library, options)) {}
Crawler::~Crawler() = default;
CrawlSummary Crawler::run() { return impl_->run(); }
void Crawler::request_stop() { impl_->request_stop(); }

}  // namespace winnow::crawl
