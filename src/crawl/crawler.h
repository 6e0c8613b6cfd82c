// The crawler's insides (crawl.h says what a run promises), shared by its two
// halves: crawl.cc runs the loop and commits articles; crawl_sources.cc
// finds them (feeds, sitemaps, listing pages, robots.txt, autodiscovery)
// and decides which links are articles. Internal to src/crawl.
#ifndef WINNOW_CRAWL_CRAWLER_H_
#define WINNOW_CRAWL_CRAWLER_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "crawl/archive.h"
#include "crawl/article.h"
#include "crawl/crawl.h"
#include "crawl/dedup.h"
#include "crawl/state.h"
#include "crawl/url_shape.h"
#include "fetch/fetcher.h"
#include "output/files.h"
#include "output/output_dir.h"

namespace winnow::crawl {

using Clock = std::chrono::steady_clock;

// What the fetch loop asked for, by request tag.
struct Work {
  std::string url;
  size_t site = 0;
  Kind kind = Kind::kArticle;
  int depth = 1;        // listing pages: 1 for the first; sitemaps: 1 for one an index did not name
  bool robots = false;  // the site's robots.txt, read for its Sitemap: lines
  bool home = false;    // a listing page whose <head> may name feeds (autodiscovery)
  bool probe = false;   // a usual path tried: its absence is no error
  // A source that dates articles, or names sources that do: articles wait
  // for it (Crawler::Impl::refill).
  bool dating() const { return robots || home || kind == Kind::kFeed || kind == Kind::kSitemap; }
};

// Where an article URL was found: a feed or a news sitemap says "article";
// a listing page or a plain sitemap lists sections and tags too.
enum class Source { kArticleList, kLinks };

// A site's discovery during one run.
struct SiteFinding {
  ArticleShapes shapes;
  bool shapes_changed = false;
  int first_pending = 0;   // its robots.txt and home page, not yet answered
  bool sources = false;    // a feed or sitemap named, found or remembered
  bool probed = false;     // the usual paths tried
  int sitemaps = 0;        // sitemaps asked for this run (limits.max_sitemaps)
};

struct Crawler::Impl {
  const Job& job;
  const rules::RuleLibrary& library;
  CrawlOptions opt;
  std::vector<const rules::RuleSet*> site_rules;  // null: the site has no rule file
  std::vector<SiteFinding> finding;
  State state;
  output::OutputDir out;
  output::LineFile manifest;
  Archive archive;  // the job's WARC files, if it has `warc`
  DedupIndex dedup;
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
  // Feeds, sitemaps, robots.txt and home pages out: the sources that date
  // articles or name the sources that do (listing pages date nothing).
  int dating_inflight = 0;
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

  Impl(const Job& j, const rules::RuleLibrary& l, CrawlOptions o);

  void log_error(const std::string& url, const std::string& what);
  bool fail(const std::string& why);
  bool put(const PageRow& row);
  void request_stop();

  // crawl_sources.cc: discovery.
  void submit(Work w, const PageRow* row);
  bool submit_source(Work w);  // a feed, sitemap or listing not yet asked for this run
  void seed_site(size_t site);
  void first_answered(size_t site);
  std::string site_url(size_t site, const std::string& path) const;
  std::optional<size_t> site_of(const std::string& host) const;
  void consider(const std::string& link, const std::string& date, std::optional<int64_t> when, Source source);
  void put_fetched(PageRow& row, const fetch::Response& r);
  void on_feed(const Work& w, fetch::Response& r);
  void on_listing(const Work& w, fetch::Response& r);
  void on_sitemap(const Work& w, fetch::Response& r);
  void on_robots(const Work& w, fetch::Response& r);
  void save_shapes();

  // crawl.cc: articles and the run.
  void refill();
  std::string choose_path(const PageRow& row);
  void on_article(Work w, fetch::Response&& r);
  void cleaning_thread();
  void commit_results();
  void progress(bool final);
  bool open_files();
  void record(const fetch::Exchange& x);
  bool load_prints();
  CrawlSummary run();
};

}  // namespace winnow::crawl

#endif  // WINNOW_CRAWL_CRAWLER_H_
