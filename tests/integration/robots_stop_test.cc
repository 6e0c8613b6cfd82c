// robots.txt (fetched once, first, obeyed; unreachable or huge:
// robots_defer_test.cc), stopping, callbacks, and a batch of many requests.
// One mirror serves the whole binary (tests/integration/mirror.h); each case
// resets its log. Timeouts are short (fast_options), and every run has a
// watchdog, so a hang fails the binary instead of hanging it.
#include "integration/fetch_cases.h"

// ---------------------------------------------------------------------------
// robots.txt

TEST_CASE("robots.txt: fetched once per origin, before anything else there") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.max_per_host = 2;
  std::vector<std::string> urls = {
      fixture_page(kThoidai, "ha-noi-quang-chau.html").url,
      fixture_page(kThoidai, "ha-noi-bac-kinh.html").url,
      fixture_page(kThoidai, "viet-nam-thuong-hai.html").url,
      fixture_page(kTuoitre, "phan-loai-rac-tai-nguon.html").url,
      fixture_page(kTuoitre, "hanh-lang-kinh-te-viet-trung.html").url,
      fixture_page(kBqt, "viet-nam-quang-dong.html").url,
      fault(kThoidai, "status?code=200"),
      fault(kTuoitre, "status?code=200"),
      fault(kBqt, "status?code=200"),
  };
  wf::Fetcher f(o);
  std::vector<Request> reqs;
  for (auto& u : urls) reqs.push_back(Request{u, "", "", 0});
  RunResult rr = run_on(f, reqs);
  for (auto& r : rr.responses) CHECK(r.outcome == Outcome::kOk);
  CHECK(rr.stats.robots_fetches == 3);
  json log = m.log();
  for (const char* site : kSites) {
    CAPTURE(site);
    auto es = entries(log, site, "/");
    REQUIRE_FALSE(es.empty());
    CHECK(es[0]["path"] == "/robots.txt");
    CHECK(entries(log, site, "/robots.txt").size() == 1);
  }

  // A second run on the same fetcher does not fetch robots.txt again.
  m.reset();
  RunResult again = run_on(f, reqs);
  for (auto& r : again.responses) CHECK(r.outcome == Outcome::kOk);
  CHECK(entries(m.log(), "", "/robots.txt").empty());
  CHECK(again.stats.robots_fetches == 3);
}

TEST_CASE("robots.txt: disallowed paths come back kRobots and are never requested") {
  Mirror& m = fresh_mirror();
  std::vector<std::string> urls = {"http://" + kThoidai + "/private/bai-viet-rieng-123456.html",
                                   "http://" + kTuoitre + "/private/bai-viet-rieng-123456.html?x=1",
                                   "http://" + kBqt + "/tag/ha-noi-1.tag",
                                   "http://" + kBqt + "/article/1.html"};
  Stopwatch sw;
  RunResult rr = run_all(fast_options(m), urls);
  CHECK(sw.seconds() < 1.0);
  for (auto& r : rr.responses) {
    CAPTURE(r.url);
    CHECK(r.outcome == Outcome::kRobots);
    CHECK(r.status == 0);
    CHECK(r.attempts == 0);
    CHECK_MESSAGE(contains(r.error, "robots.txt"), r.error);
    check_error_line(r);
  }
  json log = m.log();
  CHECK(entries(log, "", "/private/").empty());
  CHECK(entries(log, "", "/tag/").empty());
  CHECK(entries(log, "", "/article/").empty());
  CHECK(entries(log, "", "/robots.txt").size() == 3);
}

TEST_CASE("robots.txt: obey_robots = false fetches a disallowed page, and no robots.txt") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.obey_robots = false;
  std::string url = "http://" + kThoidai + "/private/bai-viet-rieng-123456.html";
  Response r = fetch_one(o, url);
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.status == 200);
  CHECK(contains(r.body, "/private/bai-viet-rieng-123456.html"));
  json log = m.log();
  CHECK(entries(log, "", "/robots.txt").empty());
  CHECK(entries(log, kThoidai, "/private/").size() == 1);
}

TEST_CASE("robots.txt: 404 means everything allowed") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.allowed_hosts.clear();
  o.connect_to.push_back(m.entry("norobots.test"));  // the mirror: unknown host, robots.txt 404
  RunResult rr = run_all(o, {"http://norobots.test/fault/status?code=200",
                             "http://norobots.test/private/x.html"});
  CHECK(rr.responses[0].outcome == Outcome::kOk);
  CHECK(rr.responses[1].outcome == Outcome::kHttpError);  // fetched: the mirror's 404
  CHECK(rr.responses[1].status == 404);
  json log = m.log();
  CHECK(entries(log, "norobots.test", "/robots.txt").size() == 1);
  CHECK(entries(log, "norobots.test", "/private/").size() == 1);
}

TEST_CASE("robots.txt: the group for our product token, not the user agent string") {
  Mirror& m = fresh_mirror();
  TinyServer srv([](const std::string& path) {
    if (path == "/robots.txt")
      return reply(200, "User-agent: winnow\nDisallow: /\n\nUser-agent: *\nAllow: /\n");
    return reply(200, "<p>page</p>", "text/html");
  });
  FetchOptions o = fast_options(m);
  o.connect_to = {srv.entry("ua.test")};
  o.allowed_hosts.clear();
  o.user_agent = "winnow/0.1 (+https://example.invalid/bot)";
  CHECK(fetch_one(o, "http://ua.test/a.html").outcome == Outcome::kRobots);
  o.user_agent = "otherbot/1.0 (+https://example.invalid/winnow)";
  CHECK(fetch_one(o, "http://ua.test/a.html").outcome == Outcome::kOk);
}

TEST_CASE("robots.txt: Crawl-delay lengthens the per-host delay") {
  Mirror& m = fresh_mirror();
  TinyServer srv([](const std::string& path) {
    if (path == "/robots.txt") return reply(200, "User-agent: *\nCrawl-delay: 0.4\nDisallow: /no/\n");
    return reply(200, "<p>page</p>", "text/html");
  });
  FetchOptions o = fast_options(m);
  o.connect_to = {srv.entry("slowbot.test")};
  o.allowed_hosts.clear();
  o.per_host_delay = 0ms;
  RunResult rr = run_all(o, {"http://slowbot.test/1", "http://slowbot.test/2", "http://slowbot.test/3",
                             "http://slowbot.test/no/4"});
  for (int i = 0; i < 3; ++i) CHECK(rr.responses[i].outcome == Outcome::kOk);
  CHECK(rr.responses[3].outcome == Outcome::kRobots);
  CHECK(rr.seconds < 2.5);
  auto hits = srv.hits();
  REQUIRE(hits.size() == 4);  // robots.txt and three pages
  CHECK(hits[0].path == "/robots.txt");
  for (size_t i = 2; i < hits.size(); ++i) CHECK(hits[i].t - hits[i - 1].t >= 0.38);
}

TEST_CASE("robots.txt: a redirect is followed for robots.txt itself") {
  Mirror& m = fresh_mirror();
  TinyServer srv([](const std::string& path) {
    if (path == "/robots.txt") {
      TinyResponse r = reply(301, "moved");
      r.headers = "Location: /real-robots.txt\r\n";
      return r;
    }
    if (path == "/real-robots.txt") return reply(200, "User-agent: *\nDisallow: /no/\n");
    return reply(200, "<p>page</p>", "text/html");
  });
  FetchOptions o = fast_options(m);
  o.connect_to = {srv.entry("moved.test")};
  o.allowed_hosts.clear();
  RunResult rr = run_all(o, {"http://moved.test/yes.html", "http://moved.test/no/x.html"});
  CHECK(rr.responses[0].outcome == Outcome::kOk);
  CHECK(rr.responses[1].outcome == Outcome::kRobots);
}

// ---------------------------------------------------------------------------
// Stop

TEST_CASE("stop: request_stop from another thread; in flight finish, the rest kStopped") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  // 6 in flight (curl's per-host limit, max_per_host, covers all three sites
  // behind the one connect-to target: see the BUG case above).
  o.max_per_host = 6;
  o.max_connections = 6;
  std::vector<Request> reqs;
  for (const char* site : kSites)
    for (int i = 0; i < 4; ++i)
      reqs.push_back(Request{fault(site, "slow-body?bytes=8&delay_ms=100&key=s" + std::to_string(i)), "", "", 0});
  wf::Fetcher f(o);
  std::thread stopper([&] {
    std::this_thread::sleep_for(300ms);
    f.request_stop();
  });
  RunResult rr = run_on(f, reqs);
  stopper.join();
  CHECK(f.stop_requested());
  CHECK(rr.seconds < 2.0);  // the in-flight ones last ~0.7 s
  size_t ok = 0, stopped = 0;
  for (auto& r : rr.responses) {
    if (r.outcome == Outcome::kOk) ++ok;
    else if (r.outcome == Outcome::kStopped) {
      ++stopped;
      CHECK(r.attempts == 0);
      CHECK_MESSAGE(contains(r.error, "stopped"), r.error);
      check_error_line(r);
    } else {
      FAIL_CHECK("unexpected outcome ", std::string(winnow::fetch::outcome_name(r.outcome)), ": ", r.error);
    }
  }
  size_t started = entries(m.log(), "", "/fault/slow-body").size();
  CHECK(started == 6);  // max_connections were in flight
  CHECK(ok == started);
  CHECK(stopped == reqs.size() - started);
  CHECK(f.pending() == 0);
  CHECK(f.active() == 0);
}

TEST_CASE("stop: before run, nothing is fetched") {
  Mirror& m = fresh_mirror();
  wf::Fetcher f(fast_options(m));
  f.request_stop();
  RunResult rr = run_on(f, {Request{fixture_page(kThoidai, "ha-noi-quang-chau.html").url, "", "", 0},
                            Request{fault(kBqt, "status?code=200"), "", "", 0}});
  CHECK(rr.seconds < 0.5);
  for (auto& r : rr.responses) CHECK(r.outcome == Outcome::kStopped);
  CHECK(rr.stats.transfers == 0);
  CHECK(m.log().empty());
}

TEST_CASE("stop: a request waiting for its retry comes back kStopped at once") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.backoff_base = 3000ms;
  o.backoff_max = 3000ms;
  wf::Fetcher f(o);
  std::thread stopper([&] {
    std::this_thread::sleep_for(300ms);
    f.request_stop();
  });
  RunResult rr = run_on(f, {Request{fault(kThoidai, "status?code=503"), "", "", 0}});
  stopper.join();
  CHECK(rr.seconds < 1.0);
  const Response& r = rr.responses[0];
  CHECK(r.outcome == Outcome::kStopped);
  CHECK(r.attempts == 1);
  CHECK_MESSAGE(contains(r.error, "stopped"), r.error);
}

TEST_CASE("stop: a stalled transfer in flight ends by its own timeout") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.max_retries = 3;
  wf::Fetcher f(o);
  std::thread stopper([&] {
    std::this_thread::sleep_for(300ms);
    f.request_stop();
  });
  RunResult rr = run_on(f, {Request{fault(kThoidai, "stall"), "", "", 0},
                            Request{fault(kThoidai, "stall?x=2"), "", "", 0},
                            Request{fault(kThoidai, "stall?x=3"), "", "", 0}});
  stopper.join();
  CHECK(rr.seconds < 2.5);  // low_speed_time 1 s; no retry after the stop
  CHECK(rr.responses[0].outcome == Outcome::kNetworkError);
  CHECK(rr.responses[0].attempts == 1);
  CHECK(rr.responses[2].outcome == Outcome::kStopped);
}

// ---------------------------------------------------------------------------
// Callbacks and many requests

TEST_CASE("queue: a request marked first goes ahead of its origin's queue") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.max_per_host = 1;
  std::vector<Request> reqs;
  for (int i = 0; i < 4; ++i) reqs.push_back(Request{fault(kThoidai, "status?code=200&n=" + std::to_string(i)), "", "", 0});
  Request feed{"http://" + kThoidai + "/rss_feed/", "", "", 0};
  feed.first = true;
  reqs.push_back(feed);
  wf::Fetcher f(o);
  RunResult rr = run_on(f, reqs);
  for (auto& r : rr.responses) CHECK(r.outcome == Outcome::kOk);
  json log = m.log();
  REQUIRE(log.size() == 6);
  CHECK(log[0]["path"] == "/robots.txt");
  CHECK(log[1]["path"] == "/rss_feed/");
  for (int i = 0; i < 4; ++i) CHECK(log[2 + i]["path"] == "/fault/status?code=200&n=" + std::to_string(i));
}

TEST_CASE("callbacks: run() with nothing submitted returns at once") {
  Mirror& m = fresh_mirror();
  wf::Fetcher f(fast_options(m));
  RunResult rr = run_on(f, {});
  CHECK(rr.seconds < 0.3);
  CHECK(rr.stats.transfers == 0);
  CHECK(f.pending() == 0);
}

TEST_CASE("callbacks: on_done may submit more") {
  Mirror& m = fresh_mirror();
  wf::Fetcher f(fast_options(m));
  FixturePage page = fixture_page(kTuoitre, "video-khai-hoi-chua-huong.html");
  f.submit(Request{fault(kTuoitre, "status?code=200"), "", "", 1});
  std::vector<uint64_t> done;
  Watchdog dog(10'000ms, "on_done submits");
  f.run([&](Response&& r) {
    done.push_back(r.tag);
    CHECK(r.outcome == Outcome::kOk);
    if (r.tag == 1) f.submit(Request{page.url, "", "", 2});
    if (r.tag == 2) CHECK(r.body == page.bytes);
  });
  CHECK(done == std::vector<uint64_t>{1, 2});
}

namespace {

// Article URLs from a site's /rss_feed/all (fixtures and variants).
std::vector<std::string> feed_articles(const Mirror& m, const std::string& site) {
  Response feed = fetch_one(fast_options(m), "http://" + site + "/rss_feed/all");
  REQUIRE(feed.outcome == Outcome::kOk);
  std::vector<std::string> out;
  static const std::regex link("<link>(http://[^<]+\\.html)</link>");
  for (std::sregex_iterator it(feed.body.begin(), feed.body.end(), link), end; it != end; ++it) {
    std::string u = (*it)[1];
    if (!contains(u, "/private/")) out.push_back(u);
  }
  return out;
}

}  // namespace

TEST_CASE("many: 200 articles over the three sites, all ok") {
  Mirror& m = fresh_mirror();
  std::vector<std::vector<std::string>> per_site;
  for (const char* site : kSites) per_site.push_back(feed_articles(m, site));
  std::vector<std::string> urls;
  for (size_t i = 0; urls.size() < 200; ++i) {
    bool any = false;
    for (auto& list : per_site)
      if (i < list.size() && urls.size() < 200) {
        urls.push_back(list[i]);
        any = true;
      }
    REQUIRE(any);
  }
  m.reset();
  FetchOptions o = fast_options(m);
  o.per_host_delay = 0ms;
  o.max_connections = 8;
  o.max_per_host = 4;
  RunResult rr = run_all(o, urls);
  CHECK(rr.seconds < 10.0);
  size_t ok = 0;
  for (size_t i = 0; i < urls.size(); ++i) {
    const Response& r = rr.responses[i];
    if (r.outcome == Outcome::kOk && r.body.size() > 10'000) ++ok;
    else FAIL_CHECK(urls[i], ": ", std::string(winnow::fetch::outcome_name(r.outcome)), " ", r.error);
    // The page's own path is in it (canonical link, og:url).
    std::string path = urls[i].substr(urls[i].find('/', 7));
    CHECK(contains(r.body, path));
  }
  CHECK(ok == 200);
  CHECK(rr.ticks >= 1);
  CHECK(rr.stats.ok == 200);
  CHECK(rr.stats.robots_fetches == 3);
  CHECK(rr.stats.transfers == 203);
  json log = m.log();
  CHECK(log.size() == 203);
  MESSAGE("200 articles in ", rr.seconds, " s, ", rr.ticks, " ticks");
}

