// Reading XML sitemaps (sitemaps.org 0.9): a <urlset> lists pages, a
// <sitemapindex> lists more sitemaps. Google News sitemaps add, per URL,
// <news:publication_date> and <news:title>: the date a news site gives each
// article, which is what a backfill (`since` in a job) selects on. Read
// with libxml2's streaming reader like the feeds (crawl/discover.h): no
// network, no entity expansion, memory flat whatever the sitemap's length
// (50,000 URLs is the protocol's limit; real ones hold that many).
#ifndef WINNOW_CRAWL_SITEMAP_H_
#define WINNOW_CRAWL_SITEMAP_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace winnow::crawl {

struct SitemapEntry {
  std::string loc;                // absolute (resolved against the sitemap's URL)
  std::string lastmod;            // as written
  std::string published;          // <news:publication_date>, as written; "" if not a news entry
  std::string title;              // <news:title>
  std::optional<int64_t> when;    // published, else lastmod, as Unix time, if it parses
  bool news = false;              // it carried a <news:news> block
  bool sitemap = false;           // an index's entry: a sitemap, not a page
};

struct Sitemap {
  bool ok = false;
  bool index = false;  // a <sitemapindex>: its entries are sitemaps
  std::string error;   // why not, one line
  std::string warning; // ok, but its XML broke off: the entries before it were read
  size_t entries = 0;
};

// Reads a sitemap or a sitemap index, handing each <url> or <sitemap> entry
// to `on_entry` as it is read. A gzip body (sitemap.xml.gz served as a file,
// not as Content-Encoding) is inflated first, up to `max_bytes`.
Sitemap parse_sitemap(std::string_view body, const std::string& sitemap_url, size_t max_bytes,
                      const std::function<void(const SitemapEntry&)>& on_entry);

// A date as sitemaps and feeds write them (W3C datetime, RFC 822, a bare
// YYYY-MM-DD) to Unix time; nullopt if it does not parse.
std::optional<int64_t> unix_time_of(const std::string& date);

}  // namespace winnow::crawl

#endif  // WINNOW_CRAWL_SITEMAP_H_
