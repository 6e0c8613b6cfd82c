#include "crawl/crawl.h"

#include <re2/re2.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "crawl/discover.h"
#include "crawl/state.h"
#include "fetch/fetcher.h"
#include "fetch/url.h"
#include "html/charset.h"
#include "output/files.h"
#include "winnow.h"

namespace winnow::crawl {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kMaxAttempts = 5;          // runs that may retry a failing article
constexpr size_t kWindow = 64;           // articles handed to the fetcher at a time
constexpr size_t kManifestTail = 256 << 10;  // bytes read back on recovery
constexpr auto kLogEvery = std::chrono::seconds(10);

std::string iso_now() {
  char buf[32];
  time_t t = time(nullptr);
  struct tm tm {};
  gmtime_r(&t, &tm);
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// What the fetch loop asked for, by request tag.
struct Work {
  std::string url;
  size_t site = 0;
  Kind kind = Kind::kArticle;
  int depth = 1;  // listing pages: 1 for the first
};

// A fetched article on its way through a cleaning thread.
struct CleanTask {
  Work work;
  fetch::Response response;
  PageRow row;  // the state before this fetch
};

struct CleanDone {
  Work work;
  PageRow row;  // the state after, to commit
  enum class What { kWritten, kUnchanged, kEmpty, kTooOld, kFailed } what = What::kFailed;
  std::string dir;  // of the file written: its rename is made durable with the batch
  bool is_new = false;
  std::string error;
  std::vector<std::string> warnings;
};

}  // namespace

int CrawlSummary::exit_code() const {
  if (!fatal.empty()) return 6;
  if (interrupted) return 7;
  if (failed > 0 || discovery_failed > 0) return 5;
  return 0;
}

std::string CrawlSummary::to_string(const std::string& job_name) const {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "crawl %s: %d new, %d updated, %d unchanged, %d failed, %d skipped; %d feeds (%d unchanged), "
                "%d listing pages (%d unchanged), %d discovery errors; %d queued for the next run; %llu requests, %.1f MB in "
                "%.1f s%s",
                job_name.c_str(), new_articles, updated, unchanged, failed, skipped, feeds, feeds_unchanged,
                listings, listings_unchanged, discovery_failed, queued_left, static_cast<unsigned long long>(transfers), bytes / 1e6,
                seconds, interrupted ? " (interrupted: run it again to resume)" : "");
  return buf;
}

struct Crawler::Impl {
  const Job& job;
  const rules::RuleLibrary& library;
  CrawlOptions opt;
  std::vector<const rules::RuleSet*> site_rules;
  State state;
  output::LineFile manifest_file;
  std::unique_ptr<fetch::Fetcher> fetcher;
  std::atomic<bool> stop{false};
  CrawlSummary sum;
  Clock::time_point started = Clock::now();
  Clock::time_point last_log = Clock::now();

  std::unordered_map<uint64_t, Work> inflight;
  uint64_t next_tag = 1;
  // Feeds and listing pages asked for this run. Articles are not held here:
  // their queue is the state database (State::claim_articles).
  std::unordered_set<std::string> discovery_seen;
  std::unordered_map<std::string, size_t> site_index;
  int64_t run_id = 0;
  int budget = 0;  // article fetches left

  // Cleaning threads: tasks in, results out; the main thread alone touches
  // the state database and the manifest.
  std::mutex mu;
  std::condition_variable task_ready, task_taken;
  std::deque<CleanTask> tasks;
  std::deque<CleanDone> results;
  bool closing = false;
  std::vector<std::thread> threads;

  Impl(const Job& j, const rules::RuleLibrary& l, CrawlOptions o) : job(j), library(l), opt(o) {
    for (const JobSite& s : job.sites) {
      site_index[s.name] = site_rules.size();
      site_rules.push_back(library.by_name(s.name));
    }
  }

  void log_error(const std::string& url, const std::string& what) {
    if (opt.live) std::fputs("\r\033[K", stderr);
    spdlog::error("{}: {}", url, what);
  }

  // ---------------------------------------------------------------- recovery

  // Cuts a manifest line a kill interrupted, sweeps temp files, and appends
  // the manifest lines of articles committed to the state but not yet to
  // the manifest (unless the manifest's tail already has them).
  bool recover() {
    std::string error;
    size_t swept = output::sweep_temp_files(job.output);
    if (swept) spdlog::info("removed {} temp file(s) an interrupted run left", swept);
    if (!output::repair_line_file(job.manifest, &error)) return fail(error);
    std::vector<PageRow> rows = state.unmanifested();
    if (rows.empty()) return true;
    // Exact lines, not URLs: an updated article's old line is in the tail
    // too, and its new one (with a later "fetched") must still go in.
    std::unordered_set<std::string> tail_lines;
    std::ifstream in(job.manifest, std::ios::binary | std::ios::ate);
    if (in) {
      std::streamoff size = in.tellg();
      std::streamoff from = size > static_cast<std::streamoff>(kManifestTail) ? size - kManifestTail : 0;
      in.seekg(from);
      std::string line;
      if (from > 0) std::getline(in, line);  // a partial first line
      while (std::getline(in, line)) tail_lines.insert(line);
    }
    size_t appended = 0;
    for (const PageRow& r : rows) {
      if (!r.manifest_line.empty() && !tail_lines.count(r.manifest_line)) {
        if (!output::append_line_durable(job.manifest, r.manifest_line, &error)) return fail(error);
        ++appended;
      }
      if (!state.set_manifested(r.url)) return fail(job.state + ": " + state.last_error());
    }
    if (appended) spdlog::info("appended {} manifest line(s) an interrupted run left out", appended);
    return true;
  }

  bool fail(const std::string& why) {
    sum.fatal = why;
    return false;
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
      if (rows.empty()) return;
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

  // An article URL found in a feed or a listing: queued in the state if it
  // is new or changed (its feed date moved); refill() fetches it.
  void consider(size_t site, const std::string& link, const std::string& feed_date, std::optional<int64_t> when) {
    auto parsed = fetch::parse_url(link);
    if (!parsed || !fetch::is_http(*parsed)) return;
    const std::string& url = parsed->full;
    const rules::RuleSet& rules = *site_rules[site];
    if (!rules.article_url || !RE2::FullMatch(url, *rules.article_url)) return;
    if (job.max_age_days > 0 && when && time(nullptr) - *when > int64_t{job.max_age_days} * 86400) return;
    std::optional<PageRow> row = state.get(url);
    if (!row) {
      PageRow r;
      r.url = url;
      r.site = job.sites[site].name;
      r.kind = Kind::kArticle;
      r.status = Status::kQueued;
      r.feed_date = feed_date;
      state.put(r);
      row = r;
    } else if (row->status == Status::kDone && !feed_date.empty() && !row->feed_date.empty() &&
               feed_date != row->feed_date) {
      row->status = Status::kQueued;  // the feed says it changed
      row->feed_date = feed_date;
      state.put(*row);
    }
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
    state.begin();
    Feed feed = parse_feed(r.body, r.final_url,
                           [&](const FeedItem& it) { consider(w.site, it.link, it.date, it.when); });
    if (!feed.ok) {
      state.commit();
      ++sum.discovery_failed;
      log_error(w.url, "feed: " + feed.error);
      return;
    }
    row.status = Status::kDone;
    row.http_status = r.status;
    row.etag = r.etag;
    row.last_modified = r.last_modified;
    state.put(row);
    state.commit();
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
    Listing listing = read_listing(doc.page, r.final_url, *site_rules[w.site]);
    state.begin();
    for (const std::string& link : listing.links) consider(w.site, link, "", std::nullopt);
    PageRow row = state.get(w.url).value_or(PageRow{w.url, job.sites[w.site].name, Kind::kListing});
    row.kind = Kind::kListing;
    row.status = Status::kDone;
    row.http_status = r.status;
    row.etag = r.etag;
    row.last_modified = r.last_modified;
    state.put(row);
    state.commit();
    if (!listing.next_page.empty() && w.depth < job.listing_depth && !discovery_seen.count(listing.next_page) &&
        !stop.load())
      submit({listing.next_page, w.site, Kind::kListing, w.depth + 1}, nullptr);
  }

  // ---------------------------------------------------------------- articles

  void on_article(Work w, fetch::Response&& r) {
    PageRow row = state.get(w.url).value_or(PageRow{w.url, job.sites[w.site].name});
    switch (r.outcome) {
      case fetch::Outcome::kOk: {
        std::unique_lock<std::mutex> lock(mu);
        // Backpressure: the cleaning threads set the pace.
        task_taken.wait(lock, [&] { return tasks.size() < 2 * threads.size() + 2; });
        tasks.push_back({std::move(w), std::move(r), std::move(row)});
        task_ready.notify_one();
        return;
      }
      case fetch::Outcome::kNotModified:
        row.status = Status::kDone;
        ++sum.unchanged;
        break;
      case fetch::Outcome::kStopped:
        return;  // stays queued for the next run
      case fetch::Outcome::kRobots:
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
    state.put(row);
  }

  // On a cleaning thread: clean, and write the file if the text is new.
  CleanDone clean_task(CleanTask& t) {
    CleanDone d;
    d.work = std::move(t.work);
    d.row = std::move(t.row);
    fetch::Response& r = t.response;
    d.row.http_status = r.status;
    d.row.etag = r.etag;
    d.row.last_modified = r.last_modified;
    Document doc = load_document(r.body, html::charset_from_content_type(r.content_type));
    Article art = clean(library, doc, {r.final_url, false, false});
    d.warnings = art.warnings;
    if (art.lines.empty()) {
      d.what = CleanDone::What::kEmpty;
      d.error = "no article text (see `winnow explain`)";
      return d;
    }
    if (job.max_age_days > 0 && art.published) {
      time_t when = unix_time_of_iso(*art.published);
      if (when > 0 && time(nullptr) - when > int64_t{job.max_age_days} * 86400) {
        d.what = CleanDone::What::kTooOld;
        return d;
      }
    }
    std::string content = job.format == "json" ? to_json(art) + "\n" : art.text();
    std::string hash = output::hex64(output::fnv1a64(content));
    std::string rel = output::article_file_stem(d.work.url) + (job.format == "json" ? ".json" : ".txt");
    std::string path = (fs::path(job.output) / rel).string();
    std::error_code ec;
    if (hash == d.row.content_hash && d.row.output_path == rel && fs::exists(path, ec)) {
      d.what = CleanDone::What::kUnchanged;
      return d;
    }
    std::string error;
    d.dir = fs::path(path).parent_path().string();
    if (!output::make_dirs(d.dir, &error) ||
        !output::write_file_atomic(path, content, &error, output::Durability::kLater)) {
      d.what = CleanDone::What::kFailed;
      d.error = error;
      return d;
    }
    d.is_new = d.row.content_hash.empty();
    d.row.content_hash = hash;
    d.row.output_path = rel;
    nlohmann::ordered_json m;
    m["url"] = d.work.url;
    m["site"] = job.sites[d.work.site].name;
    m["path"] = rel;
    m["title"] = art.title ? nlohmann::ordered_json(*art.title) : nlohmann::ordered_json(nullptr);
    m["published"] = art.published ? nlohmann::ordered_json(*art.published) : nlohmann::ordered_json(nullptr);
    m["hash"] = hash;
    m["status"] = d.is_new ? "new" : "updated";
    m["fetched"] = iso_now();
    d.row.manifest_line = m.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    d.what = CleanDone::What::kWritten;
    return d;
  }

  // ISO 8601 with an offset, as clean() writes it, to Unix time.
  static time_t unix_time_of_iso(const std::string& iso) {
    struct tm tm {};
    int off_h = 0, off_m = 0;
    char sign = '+';
    if (std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%d%c%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                    &tm.tm_min, &tm.tm_sec, &sign, &off_h, &off_m) < 6)
      return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    int off = (off_h * 60 + off_m) * 60;
    return sign == '-' ? t + off : t - off;
  }

  void cleaning_thread() {
    for (;;) {
      CleanTask t;
      {
        std::unique_lock<std::mutex> lock(mu);
        task_ready.wait(lock, [&] { return closing || !tasks.empty(); });
        if (tasks.empty()) return;
        t = std::move(tasks.front());
        tasks.pop_front();
        task_taken.notify_all();
      }
      CleanDone d = clean_task(t);
      std::lock_guard<std::mutex> lock(mu);
      results.push_back(std::move(d));
    }
  }

  // On the main thread: commit cleaned articles, a batch at a time, in the
  // crash-safe order (crawl.h): the files (written and renamed by the
  // cleaning threads) made durable with one syncfs, the rows committed in
  // one transaction, the manifest lines appended with one fsync, the rows
  // marked in one more. A crash before the rows commit leaves them queued:
  // the next run writes the same files again.
  void commit_results() {
    std::deque<CleanDone> done;
    {
      std::lock_guard<std::mutex> lock(mu);
      done.swap(results);
    }
    if (done.empty() || !sum.fatal.empty()) return;
    std::string error;
    bool wrote = std::any_of(done.begin(), done.end(),
                             [](const CleanDone& d) { return d.what == CleanDone::What::kWritten; });
    if (wrote && !output::sync_filesystem(job.output, &error)) {
      fail(error);  // the rows stay queued: the next run writes them again
      request_stop();
      return;
    }
    std::vector<std::string> lines;
    std::vector<const CleanDone*> written;
    state.begin();
    for (CleanDone& d : done) {
      for (const std::string& w : d.warnings) spdlog::warn("{}: {}", d.work.url, w);
      PageRow& row = d.row;
      switch (d.what) {
        case CleanDone::What::kWritten:
          row.status = Status::kDone;
          row.manifested = false;
          row.error.clear();
          lines.push_back(row.manifest_line);
          written.push_back(&d);
          ++(d.is_new ? sum.new_articles : sum.updated);
          break;
        case CleanDone::What::kUnchanged:
          row.status = Status::kDone;
          ++sum.unchanged;
          break;
        case CleanDone::What::kTooOld:
          row.status = Status::kSkipped;
          row.error = "older than " + std::to_string(job.max_age_days) + " days";
          ++sum.skipped;
          break;
        case CleanDone::What::kEmpty:
          row.status = Status::kSkipped;
          row.error = d.error;
          ++sum.skipped;
          log_error(row.url, d.error);
          break;
        case CleanDone::What::kFailed:
          row.status = Status::kFailed;
          row.error = d.error;
          ++row.attempts;
          ++sum.failed;
          log_error(row.url, d.error);
          break;
      }
      state.put(row);
    }
    if (!state.commit()) {
      fail(job.state + ": " + state.last_error());
      request_stop();
      return;
    }
    if (!manifest_file.append(lines, &error)) {
      fail(error);
      request_stop();
      return;
    }
    state.begin();
    for (const CleanDone* d : written) state.set_manifested(d->row.url);
    if (!state.commit()) {
      fail(job.state + ": " + state.last_error());
      request_stop();
    }
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

  void request_stop() {
    stop.store(true);
    if (fetcher) fetcher->request_stop();
  }

  // -------------------------------------------------------------------- run

  CrawlSummary run() {
    std::string error;
    if (!output::make_dirs(job.output, &error) ||
        !output::make_dirs(fs::path(job.state).parent_path().string(), &error) ||
        !output::make_dirs(fs::path(job.manifest).parent_path().string(), &error)) {
      fail(error);
      return sum;
    }
    if (!state.open(job.state, &error)) {
      fail(error);
      return sum;
    }
    if (!recover()) return sum;
    if (!manifest_file.open(job.manifest, &error)) {
      fail(error);
      return sum;
    }

    fetcher = std::make_unique<fetch::Fetcher>(job.fetch);
    if (stop.load()) fetcher->request_stop();
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
