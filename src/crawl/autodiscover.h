// Where a site with no rule file keeps its feeds and sitemaps: the
// `Sitemap:` lines of its robots.txt, the `<link rel="alternate">` feeds its
// pages declare in their <head> (RSS and Atom autodiscovery, as browsers
// and feed readers find them), and, when neither says anything, the paths
// where sites usually put them (the job's [discover] lists).
#ifndef WINNOW_CRAWL_AUTODISCOVER_H_
#define WINNOW_CRAWL_AUTODISCOVER_H_

#include <string>
#include <string_view>
#include <vector>

#include "html/page.h"

namespace winnow::crawl {

// The absolute URLs of the RSS and Atom feeds the page declares
// (<link rel="alternate" type="application/rss+xml|application/atom+xml"
// href>), resolved against `page_url`, in page order, once each.
std::vector<std::string> feed_links(const html::Page& page, const std::string& page_url);

// The URLs of robots.txt's `Sitemap:` lines (the field name in any case,
// anywhere in the file: it belongs to no user-agent group), in order, once
// each; relative ones resolved against `robots_url`.
std::vector<std::string> robots_sitemaps(std::string_view robots_txt, const std::string& robots_url);

// Tried, in order, only when a site's robots.txt, home page and state name
// no feed and no sitemap (a job's [discover] feed_paths / sitemap_paths
// replace them). The common CMS defaults, and the two that most Vietnamese
// news sites use (/rss/home.rss, /rss/tin-moi-nhat.rss).
extern const std::vector<std::string> kUsualFeedPaths;
extern const std::vector<std::string> kUsualSitemapPaths;

}  // namespace winnow::crawl

#endif  // WINNOW_CRAWL_AUTODISCOVER_H_
