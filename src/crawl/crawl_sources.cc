// Finding a crawl's articles (crawler.h): the sites' feeds, sitemaps and
// listing pages, named by their rule files and the job or found on the
// sites themselves; each link judged an article or not, normalised, and
// queued in the state if it is new.
#include <re2/re2.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "crawl/autodiscover.h"
#include "crawl/crawler.h"
#include "crawl/discover.h"
#include "crawl/sitemap.h"
#include "crawl/url_key.h"
#include "fetch/url.h"
#include "html/charset.h"
#include "winnow/document.h"
#include "winnow/internal.h"

namespace winnow::crawl {
namespace {

// A sitemap index may name indexes; deeper than this is a loop or a trap.
constexpr int kMaxSitemapDepth = 3;

std::string shapes_key(const std::string& site) { return "shapes " + site; }

}  // namespace

void Crawler::Impl::submit(Work w, const PageRow* row) {
  uint64_t tag = next_tag++;
  // Discovery pages go first: the articles they list keep the queue full.
  const bool discovery = w.kind != Kind::kArticle || w.robots;
  fetch::Request req{w.url, row ? row->etag : "", row ? row->last_modified : "", tag, discovery};
  if (discovery) discovery_seen.insert(w.url);
  if (w.dating()) ++dating_inflight;
  inflight.emplace(tag, std::move(w));
  fetcher->submit(std::move(req));
}

bool Crawler::Impl::submit_source(Work w) {
  if (discovery_seen.count(w.url) || stop.load()) return false;
  std::optional<PageRow> row = state.get(w.url);
  // A robots.txt is read whole every run: a 304 would hide its Sitemap: lines.
  submit(std::move(w), row && !w.robots ? &*row : nullptr);
  return true;
}

std::string Crawler::Impl::site_url(size_t site, const std::string& path) const {
  auto u = fetch::resolve_url(job.sites[site].base_url + "/", path);
  return u ? *u : path;
}

// The job's site serving `host` (one of its hosts, or a subdomain of one:
// the longest such host, so that a job naming example.com and
// news.example.com sends each its own pages); none for any other host:
// links never lead a crawl off its sites.
std::optional<size_t> Crawler::Impl::site_of(const std::string& host) const {
  std::optional<size_t> best;
  size_t best_len = 0;
  for (const auto& [h, site] : site_hosts) {
    const bool serves = host == h || (host.size() > h.size() && host.compare(host.size() - h.size(), h.size(), h) == 0 &&
                                      host[host.size() - h.size() - 1] == '.');
    if (serves && h.size() > best_len) {
      best = site;
      best_len = h.size();
    }
  }
  return best;
}

// The site's feeds, sitemaps and listings; with discovery, its robots.txt,
// its home page and the sources earlier runs found.
void Crawler::Impl::seed_site(size_t s) {
  const JobSite& site = job.sites[s];
  SiteFinding& f = finding[s];
  if (std::optional<std::string> saved = state.meta(shapes_key(site.name))) f.shapes.load(*saved);
  for (const std::string& feed : site.feeds) f.sources |= submit_source({site_url(s, feed), s, Kind::kFeed});
  for (const std::string& map : site.sitemaps) f.sources |= submit_source({site_url(s, map), s, Kind::kSitemap});
  for (const std::string& l : site.listings) submit_source({site_url(s, l), s, Kind::kListing});
  if (!site.discover) return;
  for (const PageRow& row : state.sources(site.name)) {
    f.sources = true;
    submit_source({row.url, s, row.kind});
  }
  int asked = 0;
  if (submit_source({site_url(s, "/robots.txt"), s, Kind::kArticle, 1, /*robots=*/true})) ++asked;
  Work home{site_url(s, "/"), s, Kind::kListing};
  home.home = true;
  if (submit_source(std::move(home))) ++asked;
  f.first_pending = asked + 1;
  first_answered(s);  // counts the one above down: with nothing asked, decides now
}

// One of the first answers of a discovering site is in. When all are and
// none named a feed or a sitemap, the usual paths are tried.
void Crawler::Impl::first_answered(size_t s) {
  SiteFinding& f = finding[s];
  if (--f.first_pending > 0 || f.sources || f.probed || !job.sites[s].discover) return;
  f.probed = true;
  for (const std::string& p : job.feed_paths) {
    Work w{site_url(s, p), s, Kind::kFeed};
    w.probe = true;
    submit_source(std::move(w));
  }
  for (const std::string& p : job.sitemap_paths) {
    Work w{site_url(s, p), s, Kind::kSitemap};
    w.probe = true;
    submit_source(std::move(w));
  }
}

// A link found in a feed, a sitemap or a listing: queued in the state if it
// is an article's and new, or changed (its feed or sitemap date moved).
void Crawler::Impl::consider(const std::string& link, const std::string& date, std::optional<int64_t> when,
                             Source source) {
  // One article, one URL: tracking parameters, AMP and mobile forms go.
  const std::string key = url_key(link);
  auto parsed = fetch::parse_url(key);
  if (!parsed || !fetch::is_http(*parsed)) return;
  std::optional<size_t> site = site_of(parsed->host);
  if (!site) return;  // another host's page: not ours to fetch
  const std::string& url = parsed->full;
  const rules::RuleSet* rules = site_rules[*site];
  SiteFinding& f = finding[*site];
  if (rules && rules->article_url) {
    if (!RE2::FullMatch(url, *rules->article_url)) return;
  } else if (source == Source::kArticleList) {
    f.shapes_changed |= f.shapes.learn(url);
  } else if (!f.shapes.article(url)) {
    return;
  }
  if (job.max_age_days > 0 && when && time(nullptr) - *when > int64_t{job.max_age_days} * 86400) return;
  std::optional<PageRow> row = state.get(url);
  // Before the backfill's start: remembered as such, so that a link to it
  // on a listing page (which gives no date) does not fetch it either.
  if (job.since && when && *when < *job.since) {
    if (row && !(row->status == Status::kQueued && row->content_hash.empty())) return;
    PageRow r = row.value_or(PageRow{url, job.sites[*site].name});
    r.kind = Kind::kArticle;
    r.status = Status::kSkipped;
    r.error = "published before since (" + job.since_text + "): " + date;
    r.feed_date = date;
    put(r);
    return;
  }
  if (!row) {
    PageRow r;
    r.url = url;
    r.site = job.sites[*site].name;
    r.kind = Kind::kArticle;
    r.status = Status::kQueued;
    r.feed_date = date;
    put(r);
  } else if (row->status == Status::kSkipped && row->error.rfind("published before since", 0) == 0 &&
             !(job.since && !when)) {
    row->status = Status::kQueued;  // an earlier `since` now reaches it
    row->error.clear();
    row->feed_date = date;
    put(*row);
  } else if (row->status == Status::kDone && !date.empty() && !row->feed_date.empty() && date != row->feed_date) {
    row->status = Status::kQueued;  // the feed says it changed
    row->feed_date = date;
    put(*row);
  }
}

// A feed, sitemap or listing read: its validators make the next fetch
// conditional.
void Crawler::Impl::put_fetched(PageRow& row, const fetch::Response& r) {
  row.status = Status::kDone;
  row.http_status = r.status;
  row.etag = r.etag;
  row.last_modified = r.last_modified;
  put(row);
}

void Crawler::Impl::on_feed(const Work& w, fetch::Response& r) {
  PageRow row = state.get(w.url).value_or(PageRow{w.url, job.sites[w.site].name, Kind::kFeed});
  row.kind = Kind::kFeed;
  if (r.outcome == fetch::Outcome::kNotModified) {
    ++sum.feeds_unchanged;
    return;
  }
  if (!r.ok()) {
    if (w.probe) return;  // a usual path the site does not use
    ++sum.feeds;
    ++sum.discovery_failed;
    log_error(w.url, "feed: " + r.error);
    return;
  }
  // The items and the feed's validators commit together: a kill before
  // the commit refetches the feed in full.
  if (!state.begin()) return void(fail(job.state + ": " + state.last_error()));
  Feed feed = parse_feed(r.body, r.final_url,
                         [&](const FeedItem& it) { consider(it.link, it.date, it.when, Source::kArticleList); });
  // A feed whose XML broke off keeps no validators: read whole next run.
  if (feed.ok && feed.warning.empty()) put_fetched(row, r);
  if (!state.commit()) fail(job.state + ": " + state.last_error());
  if (!feed.warning.empty()) spdlog::warn("{}: feed: {}", w.url, feed.warning);
  if (feed.ok || !w.probe) ++sum.feeds;
  if (feed.ok) {
    finding[w.site].sources = true;
  } else if (!w.probe) {
    ++sum.discovery_failed;
    log_error(w.url, "feed: " + feed.error);
  }
}

void Crawler::Impl::on_sitemap(const Work& w, fetch::Response& r) {
  PageRow row = state.get(w.url).value_or(PageRow{w.url, job.sites[w.site].name, Kind::kSitemap});
  row.kind = Kind::kSitemap;
  if (r.outcome == fetch::Outcome::kNotModified) {
    ++sum.sitemaps_unchanged;
    return;
  }
  if (!r.ok()) {
    if (w.probe) return;
    ++sum.sitemaps;
    ++sum.discovery_failed;
    log_error(w.url, "sitemap: " + r.error);
    return;
  }
  // An index's sitemaps, the newest first, so that the cap keeps the
  // recent ones; those last changed before the backfill's start hold
  // nothing published since.
  std::vector<std::pair<int64_t, std::string>> children;
  if (!state.begin()) return void(fail(job.state + ": " + state.last_error()));
  Sitemap map = parse_sitemap(r.body, r.final_url, job.fetch.max_body_bytes, [&](const SitemapEntry& e) {
    if (e.sitemap) {
      if (job.since && e.when && *e.when < *job.since) return;
      children.emplace_back(e.when.value_or(INT64_MAX), e.loc);
      return;
    }
    const std::string& date = !e.published.empty() ? e.published : e.lastmod;
    consider(e.loc, date, e.when, e.news ? Source::kArticleList : Source::kLinks);
  });
  if (map.ok && map.warning.empty()) put_fetched(row, r);
  if (!state.commit()) fail(job.state + ": " + state.last_error());
  if (!map.warning.empty()) spdlog::warn("{}: sitemap: {}", w.url, map.warning);
  if (map.ok || !w.probe) ++sum.sitemaps;
  if (!map.ok) {
    if (!w.probe) {
      ++sum.discovery_failed;
      log_error(w.url, "sitemap: " + map.error);
    }
    return;
  }
  SiteFinding& f = finding[w.site];
  f.sources = true;
  if (children.empty()) return;
  if (w.depth >= kMaxSitemapDepth) {
    spdlog::warn("{}: sitemap: an index {} levels deep, not followed", w.url, w.depth);
    return;
  }
  std::stable_sort(children.begin(), children.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [when, loc] : children) {
    if (f.sitemaps >= job.max_sitemaps) break;
    auto parsed = fetch::parse_url(loc);
    if (!parsed || !fetch::is_http(*parsed) || site_of(parsed->host) != w.site) continue;
    Work child{loc, w.site, Kind::kSitemap, w.depth + 1};
    if (submit_source(std::move(child))) ++f.sitemaps;
  }
}

void Crawler::Impl::on_robots(const Work& w, fetch::Response& r) {
  // No robots.txt, or an unreadable one, names no sitemap: not an error of
  // the crawl (the fetcher decides what robots.txt allows).
  if (r.ok()) {
    SiteFinding& f = finding[w.site];
    for (const std::string& loc : robots_sitemaps(r.body, r.final_url)) {
      auto parsed = fetch::parse_url(loc);
      if (!parsed || !fetch::is_http(*parsed) || site_of(parsed->host) != w.site) continue;
      f.sources = true;
      if (submit_source({loc, w.site, Kind::kSitemap})) ++f.sitemaps;
    }
  }
  first_answered(w.site);
}

void Crawler::Impl::on_listing(const Work& w, fetch::Response& r) {
  struct Answered {  // a home page counts as answered however it went
    Impl* impl;
    const Work& w;
    ~Answered() {
      if (w.home) impl->first_answered(w.site);
    }
  } answered{this, w};
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
  static const rules::RuleSet kNoRules;
  const rules::RuleSet& rules = site_rules[w.site] ? *site_rules[w.site] : kNoRules;
  Document doc = load_document(r.body, html::charset_from_content_type(r.content_type));
  Listing listing = read_listing(doc.parsed->page, r.final_url, rules);
  // A discovering site's home and section pages may each declare feeds.
  if (job.sites[w.site].discover && w.depth == 1) {
    for (const std::string& feed : feed_links(doc.parsed->page, r.final_url)) {
      auto parsed = fetch::parse_url(feed);
      if (!parsed || !fetch::is_http(*parsed) || site_of(parsed->host) != w.site) continue;
      finding[w.site].sources = true;
      submit_source({feed, w.site, Kind::kFeed});
    }
  }
  if (!state.begin()) return void(fail(job.state + ": " + state.last_error()));
  for (const std::string& link : listing.links) consider(link, "", std::nullopt, Source::kLinks);
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

// The article URL shapes learned this run, kept for the next (whose feeds
// may all answer 304).
void Crawler::Impl::save_shapes() {
  for (size_t s = 0; s < finding.size(); ++s) {
    if (!finding[s].shapes_changed) continue;
    if (!state.set_meta(shapes_key(job.sites[s].name), finding[s].shapes.save()))
      spdlog::warn("{}: could not keep the site's article URL shapes: {}", job.state, state.last_error());
    finding[s].shapes_changed = false;
  }
}

}  // namespace winnow::crawl
