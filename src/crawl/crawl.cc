#include "crawl/crawl.h"

#include <re2/re2.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "crawl/article.h"
#include "crawl/commit.h"
#include "crawl/discover.h"
#include "crawl/recover.h"
#include "crawl/state.h"
#include "fetch/fetcher.h"
#include "fetch/url.h"
#include "html/charset.h"
#include "output/files.h"
#include "output/output_dir.h"
#include "winnow/document.h"
#include "winnow/exit_code.h"
#include "winnow/internal.h"

namespace winnow::crawl {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kMaxAttempts = 5;          // runs that may retry a failing article
constexpr size_t kWindow = 64;           // articles handed to the fetcher at a time
constexpr auto kLogEvery = std::chrono::seconds(10);

// What the fetch loop asked for, by request tag.
struct Work {
  std::string url;
  size_t site = 0;
  Kind kind = Kind::kArticle;
  int depth = 1;  // listing pages: 1 for the first
};

}  // namespace

int CrawlSummary::exit_code() const {
  if (!fatal.empty()) return kExitFatal;
  if (interrupted) return kExitInterrupted;
  if (failed > 0 || discovery_failed > 0 || deferred > 0) return kExitPartial;
  return kExitOk;
}

std::string CrawlSummary::to_string(const std::string& job_name) const {
  char buf[640];
  // The listing pages skipped are named only when there are some.
  char listing[48] = "";
  if (listing_pages > 0) std::snprintf(listing, sizeof listing, ", %d typed listings", listing_pages);
  std::snprintf(buf, sizeof buf,
                "crawl %s: %d new, %d updated, %d unchanged, %d failed, %d skipped (%d not HTML%s), %d disallowed by "
                "robots.txt, %d deferred; %d feeds (%d unchanged), %d listing pages (%d unchanged), %d discovery "
                "errors; %d queued for the next run; %llu requests, %.1f MB in %.1f s%s",
                job_name.c_str(), new_articles, updated, unchanged, failed, skipped, not_html, listing, disallowed, deferred,
                feeds, feeds_unchanged, listings, listings_unchanged, discovery_failed, queued_left,
                static_cast<unsigned long long>(transfers), bytes / 1e6, seconds,
                interrupted ? " (interrupted: run it again to resume)" : "");
  return buf;
}

// request_stop() runs in a signal handler: what it touches must be lock-free.
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<void*>::is_always_lock_free);

struct Crawler::Impl {
  const Job& job;
  const rules::RuleLibrary& library;
  CrawlOptions opt;
  std::vector<const rules::RuleSet*> site_rules;
  State state;
  output::OutputDir out;
  output::LineFile manifest;
  std::unique_ptr<fetch::Fetcher> fetcher;
  // The same fetcher for request_stop(), which a signal handler calls: it
  // may run while run() creates the fetcher, so it reads this atomic copy,
  // never the unique_ptr. The fetcher lives until the Crawler is destroyed.
  std::atomic<fetch::Fetcher*> stoppable{nullptr};
  std::atomic<bool> stop{false};
  CrawlSummary sum;
  Clock::time_point started = Clock::now();
  Clock::time_point last_log = Clock::now();

  std::unordered_map<uint64_t, Work> inflight;
  uint64_t next_tag = 1;
  // Feeds and listing pages asked for this run. Articles are not held here:
  // their queue is the state database (State::claim_articles).
  std::unordered_set<std::string> discovery_seen;
  std::unordered_map<std::string, size_t> site_index;  // by site name
  std::vector<std::pair<std::string, size_t>> site_hosts;  // every host of every site
  int64_t run_id = 0;
  int budget = 0;  // article fetches left
  // Output paths handed to articles being cleaned, not yet in the state:
  // no two URLs of one batch may get the same file.
  std::unordered_set<std::string> reserved_paths;
  std::set<std::string> deferral_notes;  // logged once each

  // Cleaning threads: tasks in, outcomes out; the main thread alone touches
  // the state database and the manifest.
  std::mutex mu;
  std::condition_variable task_ready, task_taken;
  std::deque<ArticleTask> tasks;
  std::deque<ArticleOutcome> results;
  bool closing = false;
  std::vector<std::thread> threads;

  Impl(const Job& j, const rules::RuleLibrary& l, CrawlOptions o) : job(j), library(l), opt(o) {
    for (const JobSite& s : job.sites) {
      site_index[s.name] = site_rules.size();
      const rules::RuleSet* rules = library.by_name(s.name);
      for (const std::string& h : rules->hosts) site_hosts.emplace_back(h, site_rules.size());
      site_rules.push_back(rules);
    }
  }

  void log_error(const std::string& url, const std::string& what) {
    if (opt.live) std::fputs("\r\033[K", stderr);
    spdlog::error("{}: {}", url, what);
  }

  bool fail(const std::string& why) {
    if (sum.fatal.empty()) sum.fatal = why;
    request_stop();
    return false;
  }

  // A state write that fails stops the run: going on would fetch pages whose
  // outcome cannot be remembered.
  bool put(const PageRow& row) {
    return state.put(row) || fail(job.state + ": " + state.last_error());
  }

  // --------------------------------------------------------------- discovery

  void submit(Work w, const PageRow* row) {
    uint64_t tag = next_tag++;
    // Discovery pages go first: the articles they list keep the queue full.
    fetch::Request req{w.url, row ? row->etag : "", row ? row->last_modified : "", tag, w.kind != Kind::kArticle};
    if (w.kind != Kind::kArticle) discovery_seen.insert(w.url);
    inflight.emplace(tag, std::move(w));
    fetcher->submit(std::move(req));
  }

  // Keeps the fetcher supplied from the state's queue, a window at a time,
  // so memory does not grow with the number of articles discovered.
  void refill() {
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

  std::string site_url(size_t site, const std::string& path) {
    auto u = fetch::resolve_url(job.sites[site].base_url + "/", path);
    return u ? *u : path;
  }

  // The job's site serving `host` (a host of its rule file, or a subdomain
  // of one); none for any other host: links never lead a crawl off its sites.
  std::optional<size_t> site_of(const std::string& host) const {
    for (const auto& [h, site] : site_hosts) {
      if (host == h) return site;
      if (host.size() > h.size() && host.compare(host.size() - h.size(), h.size(), h) == 0 &&
          host[host.size() - h.size() - 1] == '.')
        return site;
    }
    return std::nullopt;
  }

  // An article URL found in a feed or a listing: queued in the state if it
  // is new or changed (its feed date moved); refill() fetches it.
  void consider(const std::string& link, const std::string& feed_date, std::optional<int64_t> when) {
    auto parsed = fetch::parse_url(link);
    if (!parsed || !fetch::is_http(*parsed)) return;
    std::optional<size_t> site = site_of(parsed->host);
    if (!site) return;  // another host's page: not ours to fetch
    const std::string& url = parsed->full;
    const rules::RuleSet& rules = *site_rules[*site];
    if (!rules.article_url || !RE2::FullMatch(url, *rules.article_url)) return;
    if (job.max_age_days > 0 && when && time(nullptr) - *when > int64_t{job.max_age_days} * 86400) return;
    std::optional<PageRow> row = state.get(url);
    if (!row) {
      PageRow r;
      r.url = url;
      r.site = job.sites[*site].name;
      r.kind = Kind::kArticle;
      r.status = Status::kQueued;
      r.feed_date = feed_date;
      put(r);
    } else if (row->status == Status::kDone && !feed_date.empty() && !row->feed_date.empty() &&
               feed_date != row->feed_date) {
      row->status = Status::kQueued;  // the feed says it changed
      row->feed_date = feed_date;
      put(*row);
    }
  }

  // A feed or listing read: its validators make the next fetch conditional.
  void put_fetched(PageRow& row, const fetch::Response& r) {
    row.status = Status::kDone;
    row.http_status = r.status;
    row.etag = r.etag;
    row.last_modified = r.last_modified;
    put(row);
  }

  void on_feed(const Work& w, fetch::Response& r) {
    PageRow row = state.get(w.url).value_or(PageRow{w.url, job.sites[w.site].name, Kind::kFeed});
    row.kind = Kind::kFeed;
    if (r.outcome == fetch::Outcome::kNotModified) {
      ++sum.feeds_unchanged;
      return;
    }
    ++sum.feeds;
    if (!r.ok()) {
      ++sum.discovery_failed;
      log_error(w.url, "feed: " + r.error);
      return;
    }
    // The items and the feed's validators commit together: a kill before
    // the commit refetches the feed in full.
    if (!state.begin()) return void(fail(job.state + ": " + state.last_error()));
    Feed feed = parse_feed(r.body, r.final_url, [&](const FeedItem& it) { consider(it.link, it.date, it.when); });
    if (feed.ok) put_fetched(row, r);
    if (!state.commit()) fail(job.state + ": " + state.last_error());
    if (!feed.ok) {
      ++sum.discovery_failed;
      log_error(w.url, "feed: " + feed.error);
    }
  }

  void on_listing(const Work& w, fetch::Response& r) {
    if (r.outcome == fetch::Outcome::kNotModified) {  // nothing new on it
      ++sum.listings_unchanged;
      return;
    }
    if (!r.ok()) {
      ++sum.discovery_failed;
      log_error(w.url, "listing: " + r.error);
      return;
    }
    ++sum.listings;
    Document doc = load_document(r.body, html::charset_from_content_type(r.content_type));
    Listing listing = read_listing(doc.parsed->page, r.final_url, *site_rules[w.site]);
    if (!state.begin()) return void(fail(job.state + ": " + state.last_error()));
    for (const std::string& link : listing.links) consider(link, "", std::nullopt);
    PageRow row = state.get(w.url).value_or(PageRow{w.url, job.sites[w.site].name, Kind::kListing});
    row.kind = Kind::kListing;
    put_fetched(row, r);
    if (!state.commit()) fail(job.state + ": " + state.last_error());
    if (listing.next_page.empty() || w.depth >= job.listing_depth || discovery_seen.count(listing.next_page) ||
        stop.load())
      return;
    // The next page stays on the job's sites, as every link does.
    auto next = fetch::parse_url(listing.next_page);
    if (!next || !fetch::is_http(*next) || !site_of(next->host)) {
      spdlog::warn("{}: listing: its next page is on another site, not followed: {}", w.url, listing.next_page);
      return;
    }
    submit({listing.next_page, *site_of(next->host), Kind::kListing, w.depth + 1}, nullptr);
  }

  // ---------------------------------------------------------------- articles

  // The file an article is written to: the one it had, else its URL's stem,
  // else (another URL has that name, in the state or in this batch) the
  // stem with a short hash of the URL: never another URL's file.
  std::string choose_path(const PageRow& row) {
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

  void on_article(Work w, fetch::Response&& r) {
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

  void cleaning_thread() {
    ArticleContext ctx{job, library, out};
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
  void commit_results() {
    std::deque<ArticleOutcome> done;
    {
      std::lock_guard<std::mutex> lock(mu);
      done.swap(results);
    }
    for (const ArticleOutcome& d : done) reserved_paths.erase(d.task.path);
    if (done.empty() || !sum.fatal.empty()) return;
    CommitTarget target{state, out, manifest, job.max_age_days,
                        [this](const std::string& url, const std::string& why) { log_error(url, why); }};
    std::string fatal;
    if (!commit_batch(done, target, &sum, &fatal)) fail(fatal);
  }

  // ---------------------------------------------------------------- progress

  void progress(bool final) {
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
      std::fprintf(stderr, "\r\033[K%s", line);
      if (final) std::fputs("\n", stderr);
    } else if (!final && Clock::now() - last_log >= kLogEvery) {
      spdlog::info("{}", line);
      last_log = Clock::now();
    }
  }

  // Async-signal-safe: two atomic stores and an atomic load.
  void request_stop() {
    stop.store(true);
    if (fetch::Fetcher* f = stoppable.load()) f->request_stop();
  }

  // -------------------------------------------------------------------- run

  // The output, the state and the manifest, opened and made to agree.
  bool open_files() {
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
    return recover(state, out, job.manifest, manifest, opt.rebuild_state, &report, &error) || fail(error);
  }

  CrawlSummary run() {
    if (!open_files()) return sum;
    fetcher = std::make_unique<fetch::Fetcher>(job.fetch);
    stoppable.store(fetcher.get());
    if (stop.load()) fetcher->request_stop();  // a signal before the store
    int n = opt.clean_threads > 0 ? opt.clean_threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    for (int i = 0; i < n; ++i) threads.emplace_back([this] { cleaning_thread(); });

    budget = job.max_pages;
    // Seeds: the sites' feeds and listings, then what earlier runs left queued
    // or failed.
    for (size_t s = 0; s < job.sites.size(); ++s) {
      for (const std::string& f : job.sites[s].feeds) {
        std::string url = site_url(s, f);
        std::optional<PageRow> row = state.get(url);
        submit({url, s, Kind::kFeed, 1}, row ? &*row : nullptr);
      }
      for (const std::string& l : job.sites[s].listings) {
        std::string url = site_url(s, l);
        std::optional<PageRow> row = state.get(url);
        submit({url, s, Kind::kListing, 1}, row ? &*row : nullptr);
      }
    }
    run_id = std::chrono::duration_cast<std::chrono::microseconds>(
                 std::chrono::system_clock::now().time_since_epoch()).count();
    refill();  // what earlier runs left queued or failed

    fetcher->run(
        [&](fetch::Response&& r) {
          auto it = inflight.find(r.tag);
          Work w = std::move(it->second);
          inflight.erase(it);
          if (w.kind == Kind::kFeed) on_feed(w, r);
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

    const fetch::FetchStats& fs = fetcher->stats();
    sum.transfers = fs.transfers;
    sum.bytes = fs.bytes;
    sum.queued_left = static_cast<int>(state.article_counts().queued);
    sum.interrupted = stop.load() && sum.fatal.empty();
    sum.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    progress(true);
    return sum;
  }
};

Crawler::Crawler(const Job& job, const rules::RuleLibrary& library, CrawlOptions options)
    : impl_(std::make_unique<Impl>(job, library, options)) {}
Crawler::~Crawler() = default;
CrawlSummary Crawler::run() { return impl_->run(); }
void Crawler::request_stop() { impl_->request_stop(); }

}  // namespace winnow::crawl
