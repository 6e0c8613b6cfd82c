// Where a site with no rule file keeps its feeds and sitemaps
// (src/crawl/autodiscover.h): RSS/Atom autodiscovery links on a page
// (HTML's rel="alternate" with a feed type), robots.txt's Sitemap: lines
// (RFC 9309 section 2.2.4: any case, whitespace around the colon, outside
// the user-agent groups), and the usual paths tried when neither says
// anything.
#include "crawl/autodiscover.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "winnow.h"
#include "winnow/internal.h"

using winnow::crawl::feed_links;
using winnow::crawl::kUsualFeedPaths;
using winnow::crawl::kUsualSitemapPaths;
using winnow::crawl::robots_sitemaps;

namespace {

using Urls = std::vector<std::string>;

const std::string kPageUrl = "https://tinnhanh.example/thoi-su/index.html";
const std::string kRobotsUrl = "https://tinnhanh.example/robots.txt";

// One line, for comparisons whose failure shows both sides.
std::string joined(const Urls& urls) {
  std::string out;
  for (const std::string& u : urls) out += (out.empty() ? "" : " ") + u;
  return out;
}

Urls feeds_of(const std::string& head, const std::string& body = "", const std::string& url = kPageUrl) {
  winnow::Document doc = winnow::load_document("<!doctype html><html><head><title>Tin Nhanh</title>" + head +
                                               "</head><body>" + body + "</body></html>");
  return feed_links(doc.parsed->page, url);
}

}  // namespace

TEST_CASE("autodiscover: RSS and Atom alternates, resolved, in page order, once each") {
  const Urls got = feeds_of(
      R"X(<link rel="alternate" type="application/rss+xml" title="Tin mới" href="/rss/tin-moi-nhat.rss">
         <link rel="stylesheet" href="/css/site.css">
         <link rel="alternate" type="application/atom+xml" href="atom.xml">
         <link rel="alternate" type="application/rss+xml" href="https://tinnhanh.example/rss/tin-moi-nhat.rss">
         <link rel="alternate" type="application/rss+xml" href="../rss/the-gioi.rss#top">)X");
  const Urls want = {"https://tinnhanh.example/rss/tin-moi-nhat.rss", "https://tinnhanh.example/thoi-su/atom.xml",
                     "https://tinnhanh.example/rss/the-gioi.rss"};
  CHECK(joined(got) == joined(want));
}

TEST_CASE("autodiscover: an alternate that is not a feed is not taken") {
  const Urls got = feeds_of(
      R"X(<link rel="alternate stylesheet" type="text/css" title="Tối" href="/css/dark.css">
         <link rel="alternate" hreflang="en" type="text/html" href="https://tinnhanh.example/en/">
         <link rel="alternate" hreflang="vi" href="https://tinnhanh.example/">
         <link rel="alternate" media="only screen and (max-width: 640px)" href="https://m.tinnhanh.example/">
         <link rel="alternate" type="application/json+oembed" href="/oembed?url=x">
         <link rel="canonical" href="https://tinnhanh.example/thoi-su/">
         <link rel="stylesheet" type="application/rss+xml" href="/not-alternate.rss">
         <link type="application/rss+xml" href="/no-rel.rss">)X");
  CHECK(got.empty());
}

TEST_CASE("autodiscover: rel and type in any case, rel among other tokens, a type with parameters") {
  const Urls got = feeds_of(
      R"X(<link rel="Alternate" type="application/rss+xml" href="/rss/a.rss">
         <link rel="ALTERNATE" type="Application/RSS+XML" href="/rss/b.rss">
         <link rel="home alternate" type="application/atom+xml" href="/rss/c.atom">
         <link rel="alternate" type="application/rss+xml; charset=utf-8" href="/rss/d.rss">)X");
  const Urls want = {"https://tinnhanh.example/rss/a.rss", "https://tinnhanh.example/rss/b.rss",
                     "https://tinnhanh.example/rss/c.atom", "https://tinnhanh.example/rss/d.rss"};
  CHECK(joined(got) == joined(want));
}

TEST_CASE("autodiscover: a feed link without a usable http(s) address is not taken") {
  const Urls got = feeds_of(
      R"X(<link rel="alternate" type="application/rss+xml">
         <link rel="alternate" type="application/rss+xml" href="">
         <link rel="alternate" type="application/rss+xml" href="   ">
         <link rel="alternate" type="application/rss+xml" href="#feed">
         <link rel="alternate" type="application/rss+xml" href="javascript:void(0)">
         <link rel="alternate" type="application/rss+xml" href="ftp://tinnhanh.example/feed.rss">
         <link rel="alternate" type="application/rss+xml" href="mailto:toasoan@tinnhanh.example">)X");
  CHECK(got.empty());
}

TEST_CASE("autodiscover: a page with no links, and one read at another URL") {
  CHECK(feeds_of("").empty());
  const Urls got = feeds_of(R"X(<link rel="alternate" type="application/rss+xml" href="feed.rss">)X", "",
                            "http://tinnhanh.example:8080/a/b/");
  CHECK(joined(got) == "http://tinnhanh.example:8080/a/b/feed.rss");
}

TEST_CASE("autodiscover: robots.txt Sitemap: lines in any case, trimmed, commented, resolved, once each") {
  const std::string robots =
      "# robots.txt for tinnhanh.example\n"
      "User-agent: *\n"
      "Disallow: /admin/\n"
      "sitemap: https://tinnhanh.example/sitemap.xml\n"
      "SITEMAP:https://tinnhanh.example/news-sitemap.xml   # Google News\n"
      "   Sitemap :\t/sitemaps/index.xml  \n"
      "\n"
      "User-agent: Googlebot-News\n"
      "Allow: /\n"
      "Sitemap: https://tinnhanh.example/sitemap.xml\n"
      "Sitemaps: https://tinnhanh.example/wrong-field.xml\n"
      "Site-map: https://tinnhanh.example/wrong-too.xml\n"
      "# Sitemap: https://tinnhanh.example/commented-out.xml\n"
      "Sitemap:\n"
      "Sitemap:    # nothing but a comment\n"
      "Sitemap: https://cdn.tinnhanh.example/sitemap-cdn.xml";  // the last line, no newline
  const Urls want = {"https://tinnhanh.example/sitemap.xml", "https://tinnhanh.example/news-sitemap.xml",
                     "https://tinnhanh.example/sitemaps/index.xml", "https://cdn.tinnhanh.example/sitemap-cdn.xml"};
  CHECK(joined(robots_sitemaps(robots, kRobotsUrl)) == joined(want));
}

TEST_CASE("autodiscover: robots.txt with CRLF line ends") {
  const std::string robots = "User-agent: *\r\nDisallow:\r\nSitemap: https://tinnhanh.example/a.xml\r\n"
                             "Sitemap: /b.xml\r\n";
  CHECK(joined(robots_sitemaps(robots, kRobotsUrl)) == "https://tinnhanh.example/a.xml https://tinnhanh.example/b.xml");
}

TEST_CASE("autodiscover: robots.txt with no sitemap, an empty one, one that is an HTML page") {
  CHECK(robots_sitemaps("User-agent: *\nDisallow: /\n", kRobotsUrl).empty());
  CHECK(robots_sitemaps("", kRobotsUrl).empty());
  CHECK(robots_sitemaps("<!doctype html><html><body>Không tìm thấy trang</body></html>", kRobotsUrl).empty());
  // A value that is no http(s) URL names no sitemap.
  CHECK(robots_sitemaps("Sitemap: ftp://tinnhanh.example/s.xml\nSitemap: javascript:x\n", kRobotsUrl).empty());
}

TEST_CASE("autodiscover: the usual paths: absolute paths, the CMS defaults and the Vietnamese ones") {
  auto has = [](const Urls& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); };
  CHECK(has(kUsualFeedPaths, "/rss/home.rss"));
  CHECK(has(kUsualFeedPaths, "/rss/tin-moi-nhat.rss"));
  CHECK(has(kUsualFeedPaths, "/feed"));
  CHECK(has(kUsualSitemapPaths, "/sitemap.xml"));
  for (const Urls* list : {&kUsualFeedPaths, &kUsualSitemapPaths}) {
    for (const std::string& p : *list) {
      CAPTURE(p);
      CHECK(p.rfind("/", 0) == 0);
      CHECK(std::count(list->begin(), list->end(), p) == 1);
    }
  }
}

// A regression test; before the fix (src/crawl/autodiscover.cc:62, robots_sitemaps): a UTF-8 byte
// order mark before the first line is kept in the field name, so
// "\xEF\xBB\xBFSitemap" is not "sitemap" and the line is lost. The
// project's own robots.txt parser strips the mark (src/fetch/robots.cc:244),
// as Google's does. Expected {"https://tinnhanh.example/sitemap.xml"},
// actual {}.
TEST_CASE("autodiscover: a byte order mark before the first Sitemap: line is skipped") {
  CHECK(joined(robots_sitemaps("\xEF\xBB\xBFSitemap: https://tinnhanh.example/sitemap.xml\nUser-agent: *\n",
                               kRobotsUrl)) == "https://tinnhanh.example/sitemap.xml");
}

// A regression test; before the fix (src/crawl/autodiscover.cc:56): lines are split at '\n'
// only. RFC 9309 section 2.2 allows a lone CR as the end of line
// (EOL = %x0A / %x0D / %x0D.0A) and src/fetch/robots.cc splits on it; here
// a CR-only file is one line whose field is "User-agent", so no sitemap is
// found. Expected the two URLs below, actual {}.
TEST_CASE("autodiscover: robots.txt with CR-only line ends keeps its Sitemap: lines") {
  CHECK(joined(robots_sitemaps("User-agent: *\rDisallow: /admin/\rSitemap: /a.xml\rSitemap: /b.xml\r", kRobotsUrl)) ==
        "https://tinnhanh.example/a.xml https://tinnhanh.example/b.xml");
}
