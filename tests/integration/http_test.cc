// The fetcher's HTTP manners: charsets, conditional GET, request headers,
// response headers too large, only http and https.
// One mirror serves the whole binary (tests/integration/mirror.h); each case
// resets its log. Timeouts are short (fast_options), and every run has a
// watchdog, so a hang fails the binary instead of hanging it.
#include "integration/fetch_cases.h"

// ---------------------------------------------------------------------------
// Charset

TEST_CASE("charset: iso-8859-1 declared, UTF-8 sent: read as UTF-8 with a warning") {
  Mirror& m = fresh_mirror();
  Response r = fetch_one(fast_options(m), fault(kThoidai, "charset?declared=iso-8859-1&actual=utf-8"));
  REQUIRE(r.outcome == Outcome::kOk);
  std::string cs = winnow::html::charset_from_content_type(r.content_type);
  CHECK(cs == "iso-8859-1");
  winnow::html::Decoded d = winnow::html::decode_to_utf8(r.body, cs);
  CHECK(d.charset == "utf-8");
  CHECK_MESSAGE(contains(d.utf8, kSentence), d.utf8);
  CHECK_FALSE(d.warning.empty());
  CHECK(d.replaced == 0);

  winnow::Document doc = winnow::load_document(r.body, cs);
  CHECK(doc.charset == "utf-8");
  CHECK_FALSE(doc.warnings.empty());
  CHECK(contains(winnow::render(doc), kSentence));
}

TEST_CASE("charset: windows-1258 declared and sent: decodes to the NFC sentence") {
  Mirror& m = fresh_mirror();
  Response r = fetch_one(fast_options(m), fault(kThoidai, "charset?declared=windows-1258&actual=cp1258"));
  REQUIRE(r.outcome == Outcome::kOk);
  std::string cs = winnow::html::charset_from_content_type(r.content_type);
  CHECK(cs == "windows-1258");
  winnow::html::Decoded d = winnow::html::decode_to_utf8(r.body, cs);
  CHECK(d.charset == "windows-1258");
  CHECK(d.replaced == 0);
  CHECK(d.warning.empty());
  // The bytes carry tone marks as combining characters; the decoder composes
  // them (glibc's CP1258 converter does), so the text is NFC.
  CHECK_MESSAGE(contains(d.utf8, kSentence), d.utf8);
  CHECK(contains(winnow::render(winnow::load_document(r.body, cs)), kSentence));
}

TEST_CASE("charset: no charset parameter, UTF-8 sent") {
  Mirror& m = fresh_mirror();
  Response r = fetch_one(fast_options(m), fault(kThoidai, "charset?declared=&actual=utf-8"));
  REQUIRE(r.outcome == Outcome::kOk);
  CHECK(r.content_type == "text/html");
  std::string cs = winnow::html::charset_from_content_type(r.content_type);
  CHECK(cs.empty());
  winnow::html::Decoded d = winnow::html::decode_to_utf8(r.body, cs);
  CHECK(contains(d.utf8, kSentence));
  CHECK(d.warning.empty());
}

TEST_CASE("charset: utf-8 declared, windows-1258 sent: U+FFFD with a warning, nothing dropped") {
  Mirror& m = fresh_mirror();
  Response r = fetch_one(fast_options(m), fault(kThoidai, "charset?declared=utf-8&actual=cp1258"));
  REQUIRE(r.outcome == Outcome::kOk);
  winnow::html::Decoded d =
      winnow::html::decode_to_utf8(r.body, winnow::html::charset_from_content_type(r.content_type));
  CHECK(d.replaced > 0);
  CHECK_FALSE(d.warning.empty());
  CHECK(contains(d.utf8, "\xEF\xBF\xBD"));
  CHECK(contains(d.utf8, "Ti"));
}

// ---------------------------------------------------------------------------
// Conditional GET

TEST_CASE("conditional GET: ETag and Last-Modified answered with 304") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  std::string url = fault(kThoidai, "etag?key=cond");
  Response first = fetch_one(o, url);
  REQUIRE(first.outcome == Outcome::kOk);
  CHECK(first.status == 200);
  CHECK(first.etag == "\"v1\"");
  CHECK(first.last_modified == "Tue, 02 Apr 2024 07:30:00 GMT");

  Response by_etag = fetch_one(o, url, first.etag);
  CHECK(by_etag.outcome == Outcome::kNotModified);
  CHECK(by_etag.status == 304);
  CHECK(by_etag.error.empty());
  CHECK(by_etag.body.empty());
  CHECK(by_etag.attempts == 1);
  CHECK(by_etag.etag == "\"v1\"");

  Response by_date = fetch_one(o, url, "", first.last_modified);
  CHECK(by_date.outcome == Outcome::kNotModified);
  CHECK(by_date.status == 304);

  Response stale = fetch_one(o, url, "\"v0\"");
  CHECK(stale.outcome == Outcome::kOk);
  CHECK(stale.status == 200);
}

TEST_CASE("conditional GET: an article with its ETag is 304") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  FixturePage page = fixture_page(kTuoitre, "hanh-lang-kinh-te-viet-trung.html");
  Response first = fetch_one(o, page.url);
  REQUIRE(first.outcome == Outcome::kOk);
  Response again = fetch_one(o, page.url, first.etag, first.last_modified);
  CHECK(again.outcome == Outcome::kNotModified);
  CHECK(again.status == 304);
  Response by_date = fetch_one(o, page.url, "", first.last_modified);
  CHECK(by_date.outcome == Outcome::kNotModified);
  wf::Fetcher f(o);
  RunResult rr = run_on(f, {Request{page.url, first.etag, "", 0}});
  CHECK(rr.stats.ok == 0);
  CHECK(rr.stats.failed == 0);  // a 304 is neither
}

// ---------------------------------------------------------------------------
// Request headers

TEST_CASE("request headers: User-Agent, Accept-Encoding, no conditional headers unless asked") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.user_agent = "winnow-headers/2.0 (+mailto:headers@example.invalid)";
  std::string url = fault(kThoidai, "echo-headers");
  Response r = fetch_one(o, url);
  REQUIRE(r.outcome == Outcome::kOk);
  CHECK(contains(r.content_type, "application/json"));
  json h = json::parse(r.body);
  CAPTURE(r.body);
  CHECK(h.value("User-Agent", "") == o.user_agent);
  CHECK(h.value("Host", "") == kThoidai);
  std::string ae = h.value("Accept-Encoding", "");
  CHECK(contains(ae, "gzip"));
  const curl_version_info_data* v = curl_version_info(CURLVERSION_NOW);
  if (v->features & CURL_VERSION_LIBZ) CHECK(contains(ae, "deflate"));
  if (v->features & CURL_VERSION_BROTLI) CHECK(contains(ae, "br"));
  if (v->features & CURL_VERSION_ZSTD) CHECK(contains(ae, "zstd"));
  CHECK_FALSE(h.value("Accept", "").empty());
  CHECK_FALSE(h.contains("If-None-Match"));
  CHECK_FALSE(h.contains("If-Modified-Since"));

  Response c = fetch_one(o, url, "\"abc\"", "Tue, 02 Apr 2024 07:30:00 GMT");
  REQUIRE(c.outcome == Outcome::kOk);
  json hc = json::parse(c.body);
  CHECK(hc.value("If-None-Match", "") == "\"abc\"");
  CHECK(hc.value("If-Modified-Since", "") == "Tue, 02 Apr 2024 07:30:00 GMT");
}

// ---------------------------------------------------------------------------
// Response headers too large

TEST_CASE("response headers: one line of 1 MiB is too large, said so, not retried") {
  Mirror& m = fresh_mirror();
  for (const std::string& url : {fault(kThoidai, "big-header?bytes=1048576"),
                                 "http://" + kTuoitre + "/hostile-big-header-990015.html"}) {
    CAPTURE(url);
    Response r = fetch_one(fast_options(m), url);
    CHECK(r.outcome == Outcome::kTooLarge);
    CHECK(r.attempts == 1);
    // curl refuses a line over its 100 KB limit as "out of memory": said as what it is.
    CHECK_MESSAGE(r.error.rfind("response header too large: a header line over curl's 100 KB limit (curl error 27: ", 0) == 0,
                  r.error);
    CHECK(r.body.empty());
    check_error_line(r);
  }
  CHECK(entries(m.log(), "", "/fault/big-header").size() == 1);
}

TEST_CASE("response headers: more than max_header_bytes in all is too large, not retried") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);  // max_header_bytes: 256 KiB
  Response r = fetch_one(o, fault(kThoidai, "big-header?bytes=60000&lines=5"));  // 300,000 bytes
  CHECK(r.outcome == Outcome::kTooLarge);
  CHECK(r.attempts == 1);
  CHECK(r.error == "response header too large: over 262144 bytes");
  check_error_line(r);
  // Under the cap (240,000 bytes in lines under curl's limit): an ordinary page.
  Response fine = fetch_one(o, fault(kThoidai, "big-header?bytes=60000&lines=4"));
  CHECK_MESSAGE(fine.outcome == Outcome::kOk, fine.error);
  CHECK(contains(fine.body, "header line(s)"));
  // The cap is an option: a normal article's headers over a tiny one. With
  // robots.txt obeyed, its headers are over it first: the site is deferred
  // (robots.txt unreachable), at once.
  o.max_header_bytes = 100;
  std::string article = fixture_page(kThoidai, "ha-noi-quang-chau.html").url;
  Response deferred = fetch_one(o, article);
  CHECK(deferred.outcome == Outcome::kDeferred);
  CHECK(deferred.error == "robots.txt of http://thoidai.com.vn:80 unreachable (response header too large: "
                          "over 100 bytes, after 1 attempt): deferred to the next run");
  o.obey_robots = false;
  Response tiny = fetch_one(o, article);
  CHECK(tiny.outcome == Outcome::kTooLarge);
  CHECK(tiny.error == "response header too large: over 100 bytes");
}

// ---------------------------------------------------------------------------
// Only http and https

TEST_CASE("scheme: anything but http(s) is refused at once, without network access") {
  Mirror& m = fresh_mirror();
  std::vector<std::string> urls = {"ftp://x/y",        "file:///etc/passwd",  "javascript:alert(1)",
                                   "not a url",        "",                    "http://",
                                   "mailto:a@b.example", "thoidai.com.vn/x",  "//thoidai.com.vn/x",
                                   "gopher://thoidai.com.vn/x", "data:text/html,hi"};
  FetchOptions o = fast_options(m);
  o.allowed_hosts.clear();
  wf::Fetcher f(o);
  RunResult rr = run_on(f, [&] {
    std::vector<Request> reqs;
    for (auto& u : urls) reqs.push_back(Request{u, "", "", 0});
    return reqs;
  }());
  CHECK(rr.seconds < 0.5);
  for (size_t i = 0; i < urls.size(); ++i) {
    CAPTURE(urls[i]);
    const Response& r = rr.responses[i];
    CHECK(r.outcome == Outcome::kRefused);
    CHECK(r.url == urls[i]);
    CHECK(r.status == 0);
    CHECK(r.attempts == 0);
    CHECK_MESSAGE((contains(r.error, "not an http(s) URL") || contains(r.error, "not a URL")), r.error);
    check_error_line(r);
  }
  CHECK(rr.stats.transfers == 0);
  CHECK(rr.stats.robots_fetches == 0);
  CHECK(m.log().empty());
}

TEST_CASE("scheme: upper-case HTTP is still http") {
  Mirror& m = fresh_mirror();
  FixturePage page = fixture_page(kThoidai, "ha-noi-quang-chau.html");
  Response r = fetch_one(fast_options(m), "HTTP://THOIDAI.COM.VN" + page.path);
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.body == page.bytes);
}

