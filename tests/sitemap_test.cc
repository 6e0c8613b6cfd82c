// XML sitemaps (src/crawl/sitemap.h): a urlset, a Google News sitemap, a
// sitemap index, relative locations, gzip bodies and their cap, what is not
// a sitemap, hostile XML (entities), and the dates sitemaps and feeds write.
// Every Unix time below was worked out by hand: 1970-01-01 to 2026-01-01 is
// 56 years with 14 leap days (1972..2024) = 20454 days, plus 304 days to
// 1 November (a non-leap 2026) = 20758 days = 1,793,491,200 s (a Sunday:
// 20758 = 7 * 2965 + 3, Thursday + 3).
#include "gzip_test_util.h"
#include "crawl/sitemap.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "temp_dir.h"

using winnow::crawl::parse_sitemap;
using winnow::crawl::Sitemap;
using winnow::crawl::SitemapEntry;
using winnow::crawl::unix_time_of;

namespace {

constexpr int64_t kNov1 = 1'793'491'200;                 // 2026-11-01T00:00:00Z
constexpr int64_t kNov3At0115 = kNov1 + 2 * 86400 + 4500;  // 2026-11-03T01:15:00Z
constexpr size_t kCap = 1 << 20;
const std::string kSitemapUrl = "https://tinnhanh.example/sitemaps/news.xml";

struct Read {
  Sitemap map;
  std::vector<SitemapEntry> entries;
};

Read read(const std::string& body, size_t cap = kCap, const std::string& url = kSitemapUrl) {
  Read r;
  r.map = parse_sitemap(body, url, cap, [&](const SitemapEntry& e) { r.entries.push_back(e); });
  return r;
}

const std::string kUrlset = R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url>
    <loc>https://tinnhanh.example/thoi-su/gia-vang-tang-manh-4812345.html</loc>
    <lastmod>2026-11-01</lastmod>
    <changefreq>daily</changefreq>
  </url>
  <url>
    <loc>
      https://tinnhanh.example/the-gioi/hoi-nghi-thuong-dinh-4812346.html
    </loc>
  </url>
</urlset>
)";

const std::string kNews = R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://tinnhanh.example/kinh-te/gia-xang-giam-lan-thu-ba-4812400.html</loc>
    <lastmod>2026-11-05T10:00:00+07:00</lastmod>
    <news:news>
      <news:publication>
        <news:name>Tin Nhanh</news:name>
        <news:language>vi</news:language>
      </news:publication>
      <news:publication_date>2026-11-03T08:15:00+07:00</news:publication_date>
      <news:title>Giá xăng giảm lần thứ ba</news:title>
    </news:news>
  </url>
</urlset>
)";

}  // namespace

TEST_CASE("sitemap: a urlset hands each <url> over with its loc and lastmod") {
  Read r = read(kUrlset);
  REQUIRE(r.map.ok);
  CHECK(r.map.error == "");
  CHECK_FALSE(r.map.index);
  CHECK(r.map.entries == 2);
  REQUIRE(r.entries.size() == 2);
  CHECK(r.entries[0].loc == "https://tinnhanh.example/thoi-su/gia-vang-tang-manh-4812345.html");
  CHECK(r.entries[0].lastmod == "2026-11-01");
  CHECK(r.entries[0].when == kNov1);
  CHECK_FALSE(r.entries[0].news);
  CHECK_FALSE(r.entries[0].sitemap);
  CHECK(r.entries[0].published == "");
  CHECK(r.entries[0].title == "");
  // The loc's surrounding whitespace is not part of the URL.
  CHECK(r.entries[1].loc == "https://tinnhanh.example/the-gioi/hoi-nghi-thuong-dinh-4812346.html");
  CHECK(r.entries[1].lastmod == "");
  CHECK_FALSE(r.entries[1].when.has_value());
}

TEST_CASE("sitemap: a Google News entry gives its publication date, title and the instant") {
  Read r = read(kNews);
  REQUIRE(r.map.ok);
  REQUIRE(r.entries.size() == 1);
  const SitemapEntry& e = r.entries[0];
  CHECK(e.loc == "https://tinnhanh.example/kinh-te/gia-xang-giam-lan-thu-ba-4812400.html");
  CHECK(e.news);
  CHECK(e.published == "2026-11-03T08:15:00+07:00");
  CHECK(e.title == "Giá xăng giảm lần thứ ba");
  CHECK(e.lastmod == "2026-11-05T10:00:00+07:00");
  // The publication date wins over lastmod: 08:15 at +07:00 is 01:15 UTC.
  REQUIRE(e.when.has_value());
  CHECK(*e.when == kNov3At0115);
  CHECK(*e.when == 1'793'668'500);
}

TEST_CASE("sitemap: the news namespace is matched by its local names, whatever the prefix") {
  const std::string body = R"(<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:n="http://www.google.com/schemas/sitemap-news/0.9">
    <url><loc>https://tinnhanh.example/a-b-c-d-1001.html</loc>
      <n:news><n:publication_date>2026-11-01T00:00:00Z</n:publication_date>
        <n:title><![CDATA[Tiêu đề & CDATA]]></n:title></n:news></url></urlset>)";
  Read r = read(body);
  REQUIRE(r.map.ok);
  REQUIRE(r.entries.size() == 1);
  CHECK(r.entries[0].news);
  CHECK(r.entries[0].title == "Tiêu đề & CDATA");
  CHECK(r.entries[0].when == kNov1);
}

TEST_CASE("sitemap: an image or video extension's own loc is not the page's") {
  const std::string body = R"(<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
    <url><image:image><image:loc>https://cdn.example/anh-1.jpg</image:loc></image:image>
      <loc>https://tinnhanh.example/bai-co-anh-1002.html</loc></url></urlset>)";
  Read r = read(body);
  REQUIRE(r.entries.size() == 1);
  CHECK(r.entries[0].loc == "https://tinnhanh.example/bai-co-anh-1002.html");
}

TEST_CASE("sitemap: an index lists sitemaps, each entry marked as one") {
  const std::string body = R"(<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://tinnhanh.example/sitemaps/2026-11.xml.gz</loc><lastmod>2026-11-03T08:15:00+07:00</lastmod></sitemap>
  <sitemap><loc>/sitemaps/2026-10.xml</loc></sitemap>
  <url><loc>https://tinnhanh.example/not-an-index-entry-1003.html</loc></url>
</sitemapindex>)";
  Read r = read(body);
  REQUIRE(r.map.ok);
  CHECK(r.map.index);
  CHECK(r.map.entries == 2);
  REQUIRE(r.entries.size() == 2);
  CHECK(r.entries[0].loc == "https://tinnhanh.example/sitemaps/2026-11.xml.gz");
  CHECK(r.entries[0].sitemap);
  CHECK(r.entries[0].when == kNov3At0115);
  CHECK(r.entries[1].loc == "https://tinnhanh.example/sitemaps/2026-10.xml");
  CHECK(r.entries[1].sitemap);
}

TEST_CASE("sitemap: relative locs resolved against the sitemap's URL, fragments dropped") {
  const std::string body = R"(<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><loc>/thoi-su/bai-mot-1004.html</loc></url>
    <url><loc>bai-hai-1005.html</loc></url>
    <url><loc>../bai-ba-1006.html#binh-luan</loc></url>
    <url><loc>//other.example/bai-bon-1007.html</loc></url>
  </urlset>)";
  Read r = read(body);
  REQUIRE(r.entries.size() == 4);
  CHECK(r.entries[0].loc == "https://tinnhanh.example/thoi-su/bai-mot-1004.html");
  CHECK(r.entries[1].loc == "https://tinnhanh.example/sitemaps/bai-hai-1005.html");
  CHECK(r.entries[2].loc == "https://tinnhanh.example/bai-ba-1006.html");
  CHECK(r.entries[3].loc == "https://other.example/bai-bon-1007.html");
}

TEST_CASE("sitemap: entries without a loc (or an empty one) are skipped and not counted") {
  const std::string body = R"(<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><lastmod>2026-11-01</lastmod></url>
    <url><loc>   </loc></url>
    <url><loc>https://tinnhanh.example/bai-con-lai-1008.html</loc></url>
  </urlset>)";
  Read r = read(body);
  REQUIRE(r.map.ok);
  CHECK(r.map.entries == 1);
  REQUIRE(r.entries.size() == 1);
  CHECK(r.entries[0].loc == "https://tinnhanh.example/bai-con-lai-1008.html");
}

TEST_CASE("sitemap: a gzip body (sitemap.xml.gz) reads as the plain one") {
  Read plain = read(kNews);
  Read gz = read(gzip(kNews), kCap, "https://tinnhanh.example/sitemaps/news.xml.gz");
  REQUIRE(gz.map.ok);
  REQUIRE(gz.entries.size() == plain.entries.size());
  CHECK(gz.entries[0].loc == "https://tinnhanh.example/kinh-te/gia-xang-giam-lan-thu-ba-4812400.html");
  CHECK(gz.entries[0].title == "Giá xăng giảm lần thứ ba");
  CHECK(gz.entries[0].when == kNov3At0115);
  Read index = read(gzip("<sitemapindex><sitemap><loc>a.xml</loc></sitemap></sitemapindex>"));
  REQUIRE(index.map.ok);
  CHECK(index.map.index);
  REQUIRE(index.entries.size() == 1);
  CHECK(index.entries[0].loc == "https://tinnhanh.example/sitemaps/a.xml");
}

TEST_CASE("sitemap: a gzip body inflating past max_bytes fails, nothing handed over") {
  // 50,000 entries of about 90 bytes: 4.5 MB of XML, a few KB gzipped.
  std::string big = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">";
  for (int i = 0; i < 50000; ++i)
    big += "<url><loc>https://tinnhanh.example/bai-" + std::to_string(i) + ".html</loc></url>\n";
  big += "</urlset>";
  const std::string gz = gzip(big);
  CHECK(gz.size() < 1'000'000);
  Read r = read(gz, 1'000'000);
  CHECK_FALSE(r.map.ok);
  CHECK(r.map.error.rfind("gzip: ", 0) == 0);
  CHECK(r.map.error.find("inflates to more than") != std::string::npos);
  CHECK(r.entries.empty());
  // Under a cap it fits, it reads whole.
  Read whole = read(gz, big.size());
  CHECK(whole.map.ok);
  CHECK(whole.map.entries == 50000);
  // A gzip body cut short is an error too, not a partial read.
  Read cut = read(gz.substr(0, gz.size() / 2));
  CHECK_FALSE(cut.map.ok);
  CHECK(cut.map.error.rfind("gzip: ", 0) == 0);
}

TEST_CASE("sitemap: a feed or an HTML page is not a sitemap") {
  Read rss = read(R"(<?xml version="1.0"?><rss version="2.0"><channel><item>
      <link>https://tinnhanh.example/a-b-c-d-1.html</link></item></channel></rss>)");
  CHECK_FALSE(rss.map.ok);
  CHECK(rss.map.error.rfind("not a sitemap", 0) == 0);
  CHECK(rss.map.error.find("rss") != std::string::npos);
  CHECK(rss.entries.empty());
  Read html = read("<!DOCTYPE html><html><head><title>404</title></head><body>Not found</body></html>");
  CHECK_FALSE(html.map.ok);
  CHECK(html.map.error.rfind("not a sitemap", 0) == 0);
}

TEST_CASE("sitemap: garbage and an empty body are not XML") {
  for (const std::string& body : {std::string("this is no XML at all, just text"), std::string(""),
                                 std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)}) {
    CAPTURE(body);
    Read r = read(body);
    CHECK_FALSE(r.map.ok);
    CHECK(r.map.error == "not XML");
    CHECK(r.entries.empty());
  }
}

TEST_CASE("sitemap: a long sitemap cut short hands over whole entries, in order") {
  std::string body = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">";
  for (int i = 0; i < 200; ++i) body += "<url><loc>https://tinnhanh.example/bai-so-" + std::to_string(i) + ".html</loc></url>\n";
  const std::string cut = body.substr(0, body.size() / 2);
  // Entries wholly before the cut: every one is 55 or 56 bytes, so under 100.
  Read r = read(cut);
  CHECK(r.entries.size() <= 100);
  for (size_t i = 0; i < r.entries.size(); ++i)
    CHECK(r.entries[i].loc == "https://tinnhanh.example/bai-so-" + std::to_string(i) + ".html");
}

TEST_CASE("sitemap: nested internal entities (billion laughs) in a loc do not blow up") {
  // Expanded in full, &l9; would be 10^9 * 3 bytes.
  std::string dtd = "<!DOCTYPE urlset [\n<!ENTITY l0 \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    dtd += "<!ENTITY l" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) dtd += "&l" + std::to_string(i - 1) + ";";
    dtd += "\">\n";
  }
  dtd += "]>\n";
  const std::string body = "<?xml version=\"1.0\"?>\n" + dtd +
                           "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                           "<url><loc>https://tinnhanh.example/&l9;</loc></url>"
                           "<url><loc>https://tinnhanh.example/sau-thuc-the-1009.html</loc></url></urlset>";
  Read r = read(body);
  for (const SitemapEntry& e : r.entries) {
    CAPTURE(e.loc.size());
    CHECK(e.loc.size() < 100'000);
  }
}

TEST_CASE("sitemap: an external entity is never read (no file, no network)") {
  TempDir tmp;
  const std::string secret = tmp.write("secret.txt", "TOP-SECRET-MARKER");
  const std::string body = "<?xml version=\"1.0\"?>\n<!DOCTYPE urlset [<!ENTITY x SYSTEM \"file://" + secret +
                           "\">]>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                           "<url><loc>https://tinnhanh.example/&x;</loc></url></urlset>";
  Read r = read(body);
  for (const SitemapEntry& e : r.entries) CHECK(e.loc.find("TOP-SECRET") == std::string::npos);
}

TEST_CASE("sitemap: unix_time_of reads W3C datetimes, bare dates and RFC 822") {
  CHECK(unix_time_of("2026-11-01") == kNov1);  // a bare date: its midnight UTC
  CHECK(unix_time_of("2026-11-01T00:00:00Z") == kNov1);
  CHECK(unix_time_of("2026-11-01T07:00:00+07:00") == kNov1);  // the same instant
  CHECK(unix_time_of("2026-10-31T19:00:00-05:00") == kNov1);
  CHECK(unix_time_of("Sun, 01 Nov 2026 00:00:00 GMT") == kNov1);
  CHECK(unix_time_of("Sun, 01 Nov 2026 07:00:00 +0700") == kNov1);
  CHECK(unix_time_of("2026-11-03T08:15:00+07:00") == kNov3At0115);
  CHECK(unix_time_of("1970-01-01T00:00:00Z") == 0);
}

TEST_CASE("sitemap: unix_time_of: what is not a date is nullopt") {
  CHECK_FALSE(unix_time_of("not a date").has_value());
  CHECK_FALSE(unix_time_of("").has_value());
  CHECK_FALSE(unix_time_of("yesterday").has_value());
  CHECK_FALSE(unix_time_of("2026-13-01").has_value());
  CHECK_FALSE(unix_time_of("2026-02-30").has_value());
}

// One internal entity referenced many times: libxml2 bounds only nested
// expansion (billion laughs, refused above). A 115 KB sitemap with an entity
// of 100,000 bytes referenced 5,000 times once reached 1 GB of memory: a
// document that declares entities is refused before it is read.
TEST_CASE("sitemap: a document that declares entities is refused, nothing expanded") {
  std::string body = "<?xml version=\"1.0\"?><!DOCTYPE urlset [<!ENTITY a \"" + std::string(1000, 'a') +
                     "\">]><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                     "<url><loc>https://tinnhanh.example/";
  for (int i = 0; i < 1000; ++i) body += "&a;";
  body += "</loc></url></urlset>";
  Read r = read(body);
  CHECK_FALSE(r.map.ok);
  CHECK(r.map.error.find("entities") != std::string::npos);
  CHECK(r.entries.empty());
}

// The streaming reader stops at the first well-formedness error despite
// XML_PARSE_RECOVER: the entries before it are handed on and the read says
// it broke off (a warning: the crawl keeps no validators, so the next run
// reads the sitemap whole again), never a silent ok.
TEST_CASE("sitemap: a malformed entry midway: the entries before it, and a warning") {
  for (const std::string& bad : {std::string("caf\xE9"), std::string("a&nbsp;b")}) {
    CAPTURE(bad);
    std::string body = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">";
    for (int i = 0; i < 201; ++i) {
      std::string name = i == 100 ? bad : "bai-so-" + std::to_string(i) + ".html";
      body += "<url><loc>https://tinnhanh.example/" + name + "</loc></url>\n";
    }
    body += "</urlset>";
    Read r = read(body);
    CAPTURE(r.map.entries);
    CHECK(r.map.ok);
    CHECK(r.map.entries >= 100);
    CHECK(r.map.entries < 201);
    CHECK(r.map.warning.find("broken XML at line") != std::string::npos);
  }
}
