// url_key: each rule of src/crawl/url_key.h on URLs written out by hand, and
// what it must leave alone.
#include "crawl/url_key.h"

#include <doctest/doctest.h>

using winnow::crawl::url_key;

TEST_CASE("url_key: scheme and host lower-cased, path and query as written") {
  CHECK(url_key("HTTPS://VnExpress.NET/Thoi-Su/A-1.html?Id=X") == "https://vnexpress.net/Thoi-Su/A-1.html?Id=X");
}

TEST_CASE("url_key: the fragment dropped") {
  CHECK(url_key("https://tuoitre.vn/a-1.htm#comments") == "https://tuoitre.vn/a-1.htm");
  CHECK(url_key("https://tuoitre.vn/a-1.htm?x=1#top") == "https://tuoitre.vn/a-1.htm?x=1");
}

TEST_CASE("url_key: default ports dropped, others kept") {
  CHECK(url_key("http://example.com:80/a") == "http://example.com/a");
  CHECK(url_key("https://example.com:443/a") == "https://example.com/a");
  CHECK(url_key("http://example.com:443/a") == "http://example.com:443/a");
  CHECK(url_key("https://example.com:80/a") == "https://example.com:80/a");
  CHECK(url_key("http://example.com:8080/a") == "http://example.com:8080/a");
  CHECK(url_key("http://127.0.0.1:8080/a") == "http://127.0.0.1:8080/a");
  CHECK(url_key("http://[::1]:8080/a") == "http://[::1]:8080/a");
  CHECK(url_key("https://[::1]:443/a") == "https://[::1]/a");
}

TEST_CASE("url_key: every tracking parameter dropped, the rest kept in order") {
  CHECK(url_key("https://dantri.com.vn/a-1.htm?utm_source=facebook&utm_medium=social&utm_campaign=x") ==
        "https://dantri.com.vn/a-1.htm");
  CHECK(url_key("https://e.vn/a?fbclid=IwAR0&gclid=1&dclid=2&msclkid=3&mc_cid=4&mc_eid=5&igshid=6&_ga=7&yclid=8") ==
        "https://e.vn/a");
  // Zalo's, on links shared from its app.
  CHECK(url_key("https://vietnamnet.vn/a-2.html?zarsrc=30&utm_source=zalo&gidzl=AbC") ==
        "https://vietnamnet.vn/a-2.html");
  CHECK(url_key("https://e.vn/a?id=5&utm_source=x&page=2") == "https://e.vn/a?id=5&page=2");
  CHECK(url_key("https://e.vn/a?b=2&a=1") == "https://e.vn/a?b=2&a=1");  // not sorted
  CHECK(url_key("https://e.vn/a?UTM_Source=x&FBCLID=y&k=v") == "https://e.vn/a?k=v");  // names without case
  CHECK(url_key("https://e.vn/a?a=1&&b=2&") == "https://e.vn/a?a=1&b=2");
  // Only the names themselves: a parameter that merely starts alike stays.
  CHECK(url_key("https://e.vn/a?utm=1&gclid_x=2&utm_=3") == "https://e.vn/a?utm=1&gclid_x=2&utm_=3");
}

TEST_CASE("url_key: the AMP switches of the query dropped") {
  CHECK(url_key("https://e.vn/a?amp") == "https://e.vn/a");
  CHECK(url_key("https://e.vn/a?amp=1") == "https://e.vn/a");
  CHECK(url_key("https://e.vn/a?amp=") == "https://e.vn/a");
  CHECK(url_key("https://e.vn/a?id=3&outputType=amp") == "https://e.vn/a?id=3");
  CHECK(url_key("https://e.vn/a?amp=0") == "https://e.vn/a?amp=0");
  CHECK(url_key("https://e.vn/a?outputType=html") == "https://e.vn/a?outputType=html");
}

TEST_CASE("url_key: an empty query's ? dropped") {
  CHECK(url_key("https://e.vn/a?") == "https://e.vn/a");
  CHECK(url_key("https://e.vn/a?utm_source=x") == "https://e.vn/a");
  CHECK(url_key("https://e.vn?x=1") == "https://e.vn/?x=1");
}

TEST_CASE("url_key: a mobile or AMP host label dropped, www. kept") {
  CHECK(url_key("https://m.example.com/a") == "https://example.com/a");
  CHECK(url_key("https://mobile.example.com/a") == "https://example.com/a");
  CHECK(url_key("https://amp.theguardian.com/world/x") == "https://theguardian.com/world/x");
  CHECK(url_key("https://M.Example.com/a") == "https://example.com/a");
  CHECK(url_key("https://www.example.com/a") == "https://www.example.com/a");
  CHECK(url_key("https://m.www.example.com/a") == "https://www.example.com/a");
  // Not a label of its own, or nothing left but a top-level domain.
  CHECK(url_key("https://media.example.com/a") == "https://media.example.com/a");
  CHECK(url_key("https://mobiles.example.com/a") == "https://mobiles.example.com/a");
  CHECK(url_key("https://amp.dev/a") == "https://amp.dev/a");
  CHECK(url_key("https://m.com/a") == "https://m.com/a");
  CHECK(url_key("https://example.m.com/a") == "https://example.m.com/a");
}

TEST_CASE("url_key: the AMP path forms dropped") {
  CHECK(url_key("https://e.com/2026/03/post-slug/amp/") == "https://e.com/2026/03/post-slug/");
  CHECK(url_key("https://e.com/news/post-123/amp") == "https://e.com/news/post-123");
  CHECK(url_key("https://e.com/amp/news/post-123") == "https://e.com/news/post-123");
  CHECK(url_key("https://e.com/amp/news/post-123.html") == "https://e.com/news/post-123.html");
  CHECK(url_key("https://e.vn/thoi-su/a-b-123.amp.html") == "https://e.vn/thoi-su/a-b-123.html");
  CHECK(url_key("https://e.com/amp") == "https://e.com/");
  CHECK(url_key("https://e.com/amp/") == "https://e.com/");
  // Not an AMP form: "amp" inside a segment, in the middle, or in capitals.
  CHECK(url_key("https://e.com/news/amp/post") == "https://e.com/news/amp/post");
  CHECK(url_key("https://e.com/news/camp") == "https://e.com/news/camp");
  CHECK(url_key("https://e.com/amplifier/x") == "https://e.com/amplifier/x");
  CHECK(url_key("https://e.com/a.amp.htm") == "https://e.com/a.amp.htm");
  CHECK(url_key("https://e.com/a/AMP") == "https://e.com/a/AMP");
}

TEST_CASE("url_key: the variants of one article share one key") {
  const char* canonical = "https://example.com/2026/03/12/some-story/";
  for (const char* variant : {
           "https://example.com/2026/03/12/some-story/",
           "https://m.example.com/2026/03/12/some-story/",
           "https://example.com/2026/03/12/some-story/amp/",
           "https://example.com/2026/03/12/some-story/?amp=1",
           "https://example.com/2026/03/12/some-story/?utm_source=rss&utm_medium=rss",
           "HTTPS://EXAMPLE.COM:443/2026/03/12/some-story/#respond",
           "https://amp.example.com/2026/03/12/some-story/?fbclid=x",
       }) {
    CAPTURE(variant);
    CHECK(url_key(variant) == canonical);
  }
}

TEST_CASE("url_key: dot segments resolved, escapes and trailing slashes as written") {
  CHECK(url_key("https://e.com/a/./b/../c") == "https://e.com/a/c");
  CHECK(url_key("https://e.com/a%2fb") == "https://e.com/a%2fb");
  CHECK(url_key("https://e.com/a") != url_key("https://e.com/a/"));
}

TEST_CASE("url_key: unparsable and non-http input returned unchanged") {
  CHECK(url_key("") == "");
  CHECK(url_key("not a url") == "not a url");
  CHECK(url_key("example.com/a?utm_source=x") == "example.com/a?utm_source=x");
  CHECK(url_key("/relative/path?utm_source=x") == "/relative/path?utm_source=x");
  CHECK(url_key("ftp://M.Example.com/a?utm_source=x") == "ftp://M.Example.com/a?utm_source=x");
  CHECK(url_key("mailto:a@example.com") == "mailto:a@example.com");
}
