// The fetcher against the local mirror (tests/mirror/mirror.py): a normal
// article, and every fault mode ends within a bounded time with the right
// Outcome and a one-line error (faults, redirects, oversized bodies).
// One mirror serves the whole binary (tests/integration/mirror.h); each case
// resets its log. Timeouts are short (fast_options), and every run has a
// watchdog, so a hang fails the binary instead of hanging it.
#include "integration/fetch_cases.h"

// ---------------------------------------------------------------------------
// A normal article

TEST_CASE("fetch: a normal article, byte for byte") {
  Mirror& m = fresh_mirror();
  FixturePage page = fixture_page(kThoidai, "ha-noi-quang-chau.html");
  Stopwatch sw;
  Response r = fetch_one(fast_options(m), page.url);
  CHECK(sw.seconds() < 2.0);
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.ok());
  CHECK(r.status == 200);
  CHECK(r.error.empty());
  CHECK(r.body == page.bytes);
  CHECK(r.url == page.url);
  CHECK(r.final_url == page.url);
  CHECK(contains(r.content_type, "charset=utf-8"));
  CHECK_FALSE(r.etag.empty());
  CHECK_FALSE(r.last_modified.empty());
  CHECK(r.attempts == 1);
  CHECK(r.redirects == 0);
  CHECK(r.seconds > 0);
  CHECK(r.seconds <= sw.seconds());

  json log = m.log();
  REQUIRE(log.size() == 2);
  CHECK(log[0]["path"] == "/robots.txt");
  CHECK(log[0]["host"] == kThoidai);
  CHECK(log[1]["path"] == page.path);
  CHECK(log[1]["status"] == 200);
  CHECK(log[1]["method"] == "GET");
}

TEST_CASE("fetch: an article from each site") {
  Mirror& m = fresh_mirror();
  std::vector<FixturePage> pages = {fixture_page(kThoidai, "ha-noi-bac-kinh.html"),
                                    fixture_page(kTuoitre, "phan-loai-rac-tai-nguon.html"),
                                    fixture_page(kBqt, "xuat-khau-rau-qua-bang-so-lieu.html")};
  std::vector<std::string> urls;
  for (auto& p : pages) urls.push_back(p.url);
  RunResult rr = run_all(fast_options(m), urls);
  CHECK(rr.seconds < 2.0);
  for (size_t i = 0; i < pages.size(); ++i) {
    CAPTURE(pages[i].url);
    CHECK(rr.responses[i].outcome == Outcome::kOk);
    CHECK(rr.responses[i].body == pages[i].bytes);
  }
  CHECK(rr.stats.ok == 3);
  CHECK(rr.stats.failed == 0);
  CHECK(rr.stats.robots_fetches == 3);
  CHECK(rr.stats.transfers == 6);
  CHECK(rr.stats.retries == 0);
}

// ---------------------------------------------------------------------------
// Slow, stalled, silent, reset

TEST_CASE("fault: slow body (too slow) is cut off by the low-speed limit") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.total_timeout = 5000ms;  // so that it is the low-speed limit that fires
  o.max_retries = 1;
  Stopwatch sw;
  Response r = fetch_one(o, fault(kThoidai, "slow-body?bytes=1000&delay_ms=100"));
  double s = sw.seconds();
  CHECK(s < 4.0);   // two attempts of ~1 s, not 2 x 100 s
  CHECK(s >= 1.5);  // each attempt lasted its low_speed_time
  CHECK(r.outcome == Outcome::kNetworkError);
  CHECK_MESSAGE(r.error.rfind("curl error 28", 0) == 0, r.error);
  CHECK_MESSAGE(contains(r.error, "too slow"), r.error);
  CHECK_MESSAGE(contains(r.error, "(after 2 attempts)"), r.error);
  CHECK(r.attempts == 2);
  CHECK(r.body.empty());
  check_error_line(r);
  CHECK(entries(m.log(), kThoidai, "/fault/slow-body").size() == 2);
}

TEST_CASE("fault: stalled connection (headers, then nothing)") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.total_timeout = 5000ms;
  o.max_retries = 0;
  Stopwatch sw;
  Response r = fetch_one(o, fault(kThoidai, "stall"));
  CHECK(sw.seconds() < 2.5);
  CHECK(r.outcome == Outcome::kNetworkError);
  CHECK(r.status == 200);  // the status line came
  CHECK_MESSAGE(r.error.rfind("curl error 28", 0) == 0, r.error);
  CHECK(r.attempts == 1);
  CHECK(r.body.empty());
  check_error_line(r);
}

TEST_CASE("fault: stalled connection ended by the total timeout") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.total_timeout = 1000ms;
  o.low_speed_time = 30'000ms;  // out of the way
  o.max_retries = 0;
  Stopwatch sw;
  Response r = fetch_one(o, fault(kThoidai, "stall"));
  CHECK(sw.seconds() < 2.0);
  CHECK(r.outcome == Outcome::kNetworkError);
  CHECK_MESSAGE(r.error.rfind("curl error 28", 0) == 0, r.error);
  CHECK_MESSAGE(contains(r.error, "timed out"), r.error);
  check_error_line(r);
}

TEST_CASE("fault: accepts and never answers") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.max_retries = 1;
  Stopwatch sw;
  Response r = fetch_one(o, fault(kThoidai, "no-answer"));
  CHECK(sw.seconds() < 5.0);  // 2 attempts, each ended by low_speed_time (1 s) or total (2 s)
  CHECK(r.outcome == Outcome::kNetworkError);
  CHECK(r.status == 0);
  CHECK_MESSAGE(r.error.rfind("curl error 28", 0) == 0, r.error);
  CHECK(r.attempts == 2);
  check_error_line(r);
  auto es = entries(m.log(), kThoidai, "/fault/no-answer");
  REQUIRE(es.size() == 2);
  CHECK(es[0]["status"].is_null());
}

TEST_CASE("fault: connection reset, retried, then a network error") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.max_retries = 2;
  // Without robots.txt no keep-alive connection is waiting: on a reused one,
  // curl itself retries a reset once on a fresh connection (one attempt, two
  // requests in the log).
  o.obey_robots = false;
  Stopwatch sw;
  wf::Fetcher f(o);
  RunResult rr = run_on(f, {Request{fault(kThoidai, "reset"), "", "", 0}});
  const Response& r = rr.responses[0];
  CHECK(sw.seconds() < 2.0);
  CHECK(r.outcome == Outcome::kNetworkError);
  CHECK(r.attempts == 3);
  CHECK_MESSAGE(r.error.rfind("curl error ", 0) == 0, r.error);
  CHECK_MESSAGE(contains(r.error, "(after 3 attempts)"), r.error);
  check_error_line(r);
  CHECK(rr.stats.retries == 2);
  CHECK(entries(m.log(), kThoidai, "/fault/reset").size() == 3);
}

TEST_CASE("fault: connection refused (nothing listening), retried, then a network error") {
  Mirror& m = fresh_mirror();
  ClosedPort closed;
  FetchOptions o = fast_options(m);
  o.connect_to.push_back(closed.entry("closed.test"));
  o.obey_robots = false;
  Stopwatch sw;
  Response r = fetch_one(o, "http://closed.test/x");
  CHECK(sw.seconds() < 2.0);
  CHECK(r.outcome == Outcome::kNetworkError);
  CHECK(r.attempts == 3);
  CHECK_MESSAGE(r.error.rfind("curl error 7", 0) == 0, r.error);
  check_error_line(r);
}

// ---------------------------------------------------------------------------
// HTTP status codes and retries

TEST_CASE("fault: 500 and 503 are retried with backoff, then an HTTP error") {
  Mirror& m = fresh_mirror();
  for (int code : {500, 503, 502}) {
    CAPTURE(code);
    m.reset();
    FetchOptions o = fast_options(m);
    o.max_retries = 2;
    Stopwatch sw;
    std::string path = "/fault/status?code=" + std::to_string(code);
    wf::Fetcher f(o);
    RunResult rr = run_on(f, {Request{"http://" + kThoidai + path, "", "", 0}});
    const Response& r = rr.responses[0];
    CHECK(sw.seconds() < 1.5);
    CHECK(r.outcome == Outcome::kHttpError);
    CHECK(r.status == code);
    CHECK(r.attempts == 3);
    CHECK(r.error == "HTTP " + std::to_string(code) + " after 3 attempts");
    CHECK(r.body.empty());
    check_error_line(r);
    CHECK(rr.stats.retries == 2);
    std::vector<double> t = times(entries(m.log(), kThoidai, path));
    REQUIRE(t.size() == 3);
    // Exponential backoff with +-25% jitter: >= 37.5 ms, then >= 75 ms.
    CHECK(t[1] - t[0] >= 0.035);
    CHECK(t[2] - t[1] >= 0.070);
  }
}

TEST_CASE("fault: 429 without Retry-After is retried like a 5xx") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.max_retries = 1;
  Response r = fetch_one(o, fault(kThoidai, "status?code=429"));
  CHECK(r.outcome == Outcome::kHttpError);
  CHECK(r.status == 429);
  CHECK(r.attempts == 2);
  CHECK(r.error == "HTTP 429 after 2 attempts");
}

TEST_CASE("fault: 404, 410 and other 4xx are not retried") {
  Mirror& m = fresh_mirror();
  for (int code : {404, 410, 403, 400}) {
    CAPTURE(code);
    m.reset();
    Stopwatch sw;
    std::string path = "/fault/status?code=" + std::to_string(code);
    Response r = fetch_one(fast_options(m), "http://" + kThoidai + path);
    CHECK(sw.seconds() < 1.0);
    CHECK(r.outcome == Outcome::kHttpError);
    CHECK(r.status == code);
    CHECK(r.attempts == 1);
    CHECK(r.error == "HTTP " + std::to_string(code));
    CHECK(r.body.empty());
    CHECK(entries(m.log(), kThoidai, path).size() == 1);
  }
}

TEST_CASE("fault: a 3xx without Location is an HTTP error; 204 is ok") {
  Mirror& m = fresh_mirror();
  for (int code : {301, 302, 307}) {
    CAPTURE(code);
    Response r = fetch_one(fast_options(m), fault(kThoidai, "status?code=" + std::to_string(code)));
    CHECK(r.outcome == Outcome::kHttpError);
    CHECK(r.status == code);
    CHECK(r.attempts == 1);
    CHECK(r.error == "HTTP " + std::to_string(code) + " without a Location");
  }
  Response r = fetch_one(fast_options(m), fault(kThoidai, "status?code=204"));
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.status == 204);
  CHECK(r.body.empty());
}

TEST_CASE("fault: a page the site does not have is a 404, not retried") {
  Mirror& m = fresh_mirror();
  Response r = fetch_one(fast_options(m), "http://" + kBqt + "/khong-co-bai-nay-123.html");
  CHECK(r.outcome == Outcome::kHttpError);
  CHECK(r.status == 404);
  CHECK(r.attempts == 1);
  CHECK(r.error == "HTTP 404");
}

TEST_CASE("fault: flaky, 503 twice then 200") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.max_retries = 3;
  Stopwatch sw;
  Response r = fetch_one(o, fault(kThoidai, "flaky?key=flaky-503&fail=2"));
  CHECK(sw.seconds() < 1.5);
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.status == 200);
  CHECK(r.attempts == 3);
  CHECK(r.error.empty());
  CHECK(contains(r.body, "flaky ok"));
}

TEST_CASE("fault: flaky with more failures than retries gives up") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.max_retries = 1;
  Response r = fetch_one(o, fault(kThoidai, "flaky?key=flaky-more&fail=5"));
  CHECK(r.outcome == Outcome::kHttpError);
  CHECK(r.attempts == 2);
  CHECK(r.error == "HTTP 503 after 2 attempts");
}

TEST_CASE("fault: 429 with Retry-After: 1 then 200 (Retry-After honoured)") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);  // backoff at most 200 ms: the wait is Retry-After's
  Stopwatch sw;
  std::string path = "/fault/flaky?key=ra-1&fail=1&code=429&retry_after=1";
  Response r = fetch_one(o, "http://" + kThoidai + path);
  double s = sw.seconds();
  CHECK(s >= 1.0);
  CHECK(s < 2.5);
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.attempts == 2);
  std::vector<double> t = times(entries(m.log(), kThoidai, path));
  REQUIRE(t.size() == 2);
  CHECK(t[1] - t[0] >= 0.95);
  CHECK(t[1] - t[0] < 1.6);
}

TEST_CASE("fault: 503 with Retry-After: 1 is honoured too") {
  Mirror& m = fresh_mirror();
  std::string path = "/fault/flaky?key=ra-503&fail=1&code=503&retry_after=1";
  Response r = fetch_one(fast_options(m), "http://" + kThoidai + path);
  CHECK(r.outcome == Outcome::kOk);
  std::vector<double> t = times(entries(m.log(), kThoidai, path));
  REQUIRE(t.size() == 2);
  CHECK(t[1] - t[0] >= 0.95);
}

TEST_CASE("fault: 429 with Retry-After: 3600 is given up at once") {
  Mirror& m = fresh_mirror();
  Stopwatch sw;
  Response r = fetch_one(fast_options(m), fault(kThoidai, "status?code=429&retry_after=3600"));
  CHECK(sw.seconds() < 2.0);
  CHECK(r.outcome == Outcome::kHttpError);
  CHECK(r.status == 429);
  CHECK(r.attempts == 1);
  CHECK_MESSAGE(contains(r.error, "Retry-After"), r.error);
  CHECK_MESSAGE(contains(r.error, "3600"), r.error);
  check_error_line(r);
  CHECK(entries(m.log(), kThoidai, "/fault/status").size() == 1);
}

TEST_CASE("fault: 503 with a Retry-After HTTP date two hours ahead is given up at once") {
  Mirror& m = fresh_mirror();
  char date[64];
  std::time_t when = std::time(nullptr) + 7200;
  std::tm tm{};
  gmtime_r(&when, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  Stopwatch sw;
  Response r = fetch_one(fast_options(m), fault(kThoidai, "status?code=503&retry_after=" + pct(date)));
  CHECK(sw.seconds() < 2.0);
  CHECK(r.outcome == Outcome::kHttpError);
  CHECK(r.attempts == 1);
  CHECK_MESSAGE(contains(r.error, "Retry-After"), r.error);
}

// ---------------------------------------------------------------------------
// Redirects

TEST_CASE("redirect: a loop is refused after max_redirects") {
  Mirror& m = fresh_mirror();
  Stopwatch sw;
  Response r = fetch_one(fast_options(m), fault(kThoidai, "redirect-loop?key=loop"));
  CHECK(sw.seconds() < 1.0);
  CHECK(r.outcome == Outcome::kRefused);
  CHECK(r.status == 302);
  CHECK_MESSAGE(r.error.rfind("more than 5 redirects", 0) == 0, r.error);
  check_error_line(r);
  // The first request and the 5 redirects followed; not a sixth.
  CHECK(entries(m.log(), kThoidai, "/fault/redirect-loop").size() == 6);
}

TEST_CASE("redirect: a chain of 3 is followed") {
  Mirror& m = fresh_mirror();
  for (std::string abs : {"", "&abs=1"}) {
    CAPTURE(abs);
    m.reset();
    std::string url = fault(kThoidai, "redirect-chain?n=3" + abs);
    Response r = fetch_one(fast_options(m), url);
    CHECK(r.outcome == Outcome::kOk);
    CHECK(r.status == 200);
    CHECK(r.redirects == 3);
    CHECK(r.url == url);
    CHECK(r.final_url != r.url);
    CHECK(r.final_url == fault(kThoidai, "redirect-chain?n=0" + abs));
    CHECK(contains(r.body, "redirect chain ended"));
    CHECK(entries(m.log(), kThoidai, "/fault/redirect-chain").size() == 4);
  }
}

TEST_CASE("redirect: exactly max_redirects is allowed, one more is not") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  Response five = fetch_one(o, fault(kThoidai, "redirect-chain?n=5"));
  CHECK(five.outcome == Outcome::kOk);
  CHECK(five.redirects == 5);
  Response six = fetch_one(o, fault(kThoidai, "redirect-chain?n=6"));
  CHECK(six.outcome == Outcome::kRefused);
  CHECK_MESSAGE(contains(six.error, "more than 5 redirects"), six.error);
}

TEST_CASE("redirect: a chain of 10 with max_redirects 5 is refused") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.max_redirects = 5;
  Stopwatch sw;
  Response r = fetch_one(o, fault(kThoidai, "redirect-chain?n=10"));
  CHECK(sw.seconds() < 1.0);
  CHECK(r.outcome == Outcome::kRefused);
  CHECK_MESSAGE(r.error.rfind("more than 5 redirects", 0) == 0, r.error);
  CHECK(r.body.empty());
  check_error_line(r);
  CHECK(entries(m.log(), kThoidai, "/fault/redirect-chain").size() == 6);
}

TEST_CASE("redirect: to ftp:// and file:// is refused, and nothing is fetched there") {
  Mirror& m = fresh_mirror();
  for (std::string target : {"ftp://example.com/x", "file:///etc/passwd", "ftp://thoidai.com.vn:80/x",
                             "gopher://thoidai.com.vn:80/x"}) {
    CAPTURE(target);
    m.reset();
    FetchOptions o = fast_options(m);
    o.allowed_hosts.clear();  // the scheme alone must refuse it
    wf::Fetcher f(o);
    Stopwatch sw;
    RunResult rr = run_on(f, {Request{fault(kThoidai, "redirect-to?location=" + pct(target)), "", "", 0}});
    const Response& r = rr.responses[0];
    CHECK(sw.seconds() < 1.0);
    CHECK(r.outcome == Outcome::kRefused);
    CHECK(r.status == 302);
    CHECK_MESSAGE(contains(r.error, "non-http(s)"), r.error);
    CHECK_MESSAGE(contains(r.error, target), r.error);
    CHECK(r.body.empty());
    check_error_line(r);
    CHECK(rr.stats.transfers == 2);  // robots.txt and the redirect, nothing more
    json log = m.log();
    CHECK(log.size() == 2);
  }
}

TEST_CASE("redirect: to another host outside allowed_hosts is refused") {
  Mirror& m = fresh_mirror();
  for (std::string target : {"http://other.example/x", "http://localhost:1/x",
                             "http://notthoidai.com.vn/x", "https://other.example/x"}) {
    CAPTURE(target);
    m.reset();
    FetchOptions o = fast_options(m);
    o.connect_to.push_back(m.entry("other.example"));
    o.connect_to.push_back(m.entry("notthoidai.com.vn"));
    wf::Fetcher f(o);
    RunResult rr = run_on(f, {Request{fault(kThoidai, "redirect-to?location=" + pct(target)), "", "", 0}});
    const Response& r = rr.responses[0];
    CHECK(r.outcome == Outcome::kRefused);
    CHECK_MESSAGE(contains(r.error, "another host"), r.error);
    check_error_line(r);
    CHECK(rr.stats.transfers == 2);
    for (const json& e : m.log()) CHECK(e["host"] == kThoidai);
  }
}

TEST_CASE("redirect: to another allowed host (and a subdomain of one) is followed") {
  Mirror& m = fresh_mirror();
  FixturePage page = fixture_page(kBqt, "viet-nam-quang-dong.html");
  FetchOptions o = fast_options(m);
  Response r = fetch_one(o, fault(kThoidai, "redirect-to?location=" + pct(page.url)));
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.redirects == 1);
  CHECK(r.final_url == page.url);
  CHECK(r.body == page.bytes);
  json log = m.log();
  // The new host's robots.txt comes before the page there.
  auto bqt = entries(log, kBqt, "/");
  REQUIRE(bqt.size() == 2);
  CHECK(bqt[0]["path"] == "/robots.txt");
  CHECK(bqt[1]["path"] == page.path);

  m.reset();
  o.connect_to.push_back(m.entry("www.thoidai.com.vn"));
  FixturePage td = fixture_page(kThoidai, "ha-noi-quang-chau.html");
  std::string www = "http://www." + kThoidai + td.path;
  Response w = fetch_one(o, fault(kBqt, "redirect-to?location=" + pct(www)));
  CHECK(w.outcome == Outcome::kOk);
  CHECK(w.final_url == www);
  CHECK(w.body == td.bytes);
}

TEST_CASE("redirect: to a path robots.txt disallows is not fetched") {
  Mirror& m = fresh_mirror();
  std::string target = "http://" + kThoidai + "/private/bai-viet-rieng-123456.html";
  Response r = fetch_one(fast_options(m), fault(kThoidai, "redirect-to?location=" + pct(target)));
  CHECK(r.outcome == Outcome::kRobots);
  CHECK(r.redirects == 1);
  check_error_line(r);
  CHECK(entries(m.log(), "", "/private/").empty());
}

// ---------------------------------------------------------------------------
// Body size

TEST_CASE("too large: Content-Length over the cap is refused quickly") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.max_body_bytes = 1u << 20;
  Stopwatch sw;
  Response r = fetch_one(o, fault(kThoidai, "big?bytes=20000000"));
  CHECK(sw.seconds() < 1.0);
  CHECK(r.outcome == Outcome::kTooLarge);
  CHECK(r.attempts == 1);
  CHECK(r.body.empty());
  CHECK_MESSAGE(contains(r.error, "body over 1048576 bytes"), r.error);
  check_error_line(r);
}

TEST_CASE("too large: chunked without a length is cut off") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.max_body_bytes = 1u << 20;
  Stopwatch sw;
  wf::Fetcher f(o);
  RunResult rr = run_on(f, {Request{fault(kThoidai, "big?bytes=20000000&chunked=1"), "", "", 0}});
  const Response& r = rr.responses[0];
  CHECK(sw.seconds() < 2.0);
  CHECK(r.outcome == Outcome::kTooLarge);
  CHECK(r.attempts == 1);
  CHECK(r.body.empty());
  check_error_line(r);
  CHECK(rr.stats.bytes <= (1u << 20) + 1000);  // robots.txt and at most the cap
}

TEST_CASE("too large: the cap itself is allowed, one byte more is not") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.max_body_bytes = 100'000;
  for (std::string chunked : {"0", "1"}) {
    CAPTURE(chunked);
    Response at = fetch_one(o, fault(kThoidai, "big?bytes=100000&chunked=" + chunked));
    CHECK(at.outcome == Outcome::kOk);
    CHECK(at.body.size() == 100'000);
    Response over = fetch_one(o, fault(kThoidai, "big?bytes=100001&chunked=" + chunked));
    CHECK(over.outcome == Outcome::kTooLarge);
    CHECK(over.body.empty());
  }
}

TEST_CASE("too large: a gzip bomb is cut off, never inflated") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.max_body_bytes = 4u << 20;
  o.total_timeout = 10'000ms;  // the bound below is the test's, not curl's
  Stopwatch sw;
  double cpu0 = cpu_seconds();
  wf::Fetcher f(o);
  RunResult rr = run_on(f, {Request{fault(kThoidai, "gzip-bomb?mb=1024"), "", "", 0}});
  const Response& r = rr.responses[0];
  CHECK(sw.seconds() < 5.0);
  CHECK(cpu_seconds() - cpu0 < 2.0);  // 1 GiB was not inflated
  CHECK(r.outcome == Outcome::kTooLarge);
  CHECK(r.body.empty());
  CHECK(r.attempts == 1);
  CHECK_MESSAGE(contains(r.error, "after decompression"), r.error);
  check_error_line(r);
  CHECK(rr.stats.bytes <= (4u << 20) + 1000);
}

TEST_CASE("gzip: a small gzip body is inflated") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.max_body_bytes = 4u << 20;
  Response r = fetch_one(o, fault(kThoidai, "gzip-bomb?mb=1"));
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.body.size() == (1u << 20));
  CHECK(r.body.find_first_not_of(' ') == std::string::npos);
}

