#include "crawl/sitemap.h"

#include <curl/curl.h>

#include <algorithm>
#include <climits>

#include "base/date.h"
#include "crawl/article.h"
#include "crawl/xml_stream.h"
#include "fetch/url.h"
#include "io/gunzip.h"

namespace winnow::crawl {
namespace {

// <news:news><news:publication_date/><news:title/></news:news>
void read_news(xmlNode* news, SitemapEntry* e) {
  e->news = true;
  for (xmlNode* c = news->children; c; c = c->next) {
    if (is_element(c, "publication_date")) e->published = node_text(c);
    else if (is_element(c, "title")) e->title = node_text(c);
  }
}

SitemapEntry read_entry(xmlNode* entry, const std::string& sitemap_url) {
  SitemapEntry e;
  std::string loc;
  for (xmlNode* c = entry->children; c; c = c->next) {
    if (is_element(c, "loc")) loc = node_text(c);
    else if (is_element(c, "lastmod")) e.lastmod = node_text(c);
    else if (is_element(c, "news")) read_news(c, &e);
  }
  if (!loc.empty())
    if (auto abs = fetch::resolve_url(sitemap_url, loc)) e.loc = *abs;
  e.when = unix_time_of(e.published);
  if (!e.when) e.when = unix_time_of(e.lastmod);
  return e;
}

bool gzipped(std::string_view body) {
  return body.size() >= 2 && static_cast<unsigned char>(body[0]) == 0x1f && static_cast<unsigned char>(body[1]) == 0x8b;
}

}  // namespace

std::optional<int64_t> unix_time_of(const std::string& date) {
  if (date.empty()) return std::nullopt;
  // W3C datetime first (sitemaps' own format, and a bare date); then
  // RFC 822 and the other forms curl knows (feeds' pubDate).
  if (std::optional<DateTime> dt = parse_iso8601(date); dt && is_valid(*dt)) {
    std::string iso = to_iso8601(*dt, 0);
    time_t t = unix_time_of_iso(iso);
    if (t >= 0) return t;
  }
  time_t t = curl_getdate(date.c_str(), nullptr);
  if (t >= 0) return t;
  return std::nullopt;
}

Sitemap parse_sitemap(std::string_view body, const std::string& sitemap_url, size_t max_bytes,
                      const std::function<void(const SitemapEntry&)>& on_entry) {
  Sitemap map;
  std::string inflated;
  if (gzipped(body)) {
    std::string why;
    if (!io::gunzip(body, max_bytes, &inflated, &why)) {
      map.error = "gzip: " + why;
      return map;
    }
    body = inflated;
  }
  XmlStream read = stream_xml(
      body, sitemap_url,
      [&](std::string_view root) {
        map.index = root == "sitemapindex";
        return root == "urlset" || root == "sitemapindex";
      },
      [&](std::string_view name) { return name == (map.index ? "sitemap" : "url"); },
      [&](xmlNode* node) {
        SitemapEntry e = read_entry(node, sitemap_url);
        e.sitemap = map.index;
        if (e.loc.empty()) return;
        ++map.entries;
        on_entry(e);
      });
  if (read.entities) {
    map.error = "declares XML entities (no sitemap needs one): not read";
    return map;
  }
  if (!read.read) {
    map.error = "not XML";
    return map;
  }
  if (read.refused) {
    map.error = "not a sitemap (root element <" + read.root + ">)";
    return map;
  }
  map.ok = true;
  if (read.broken)
    map.warning = "broken XML at line " + std::to_string(read.line) + " after " + std::to_string(map.entries) +
                  " entries: the rest was not read";
  return map;
}

}  // namespace winnow::crawl
