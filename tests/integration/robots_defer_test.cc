// robots.txt that cannot be read or is too big: unreachable (5xx, 429,
// network errors, timeouts, after the retries) defers the origin's requests
// to the next run (kDeferred, none made); only a real Disallow gives
// kRobots; a robots.txt over 500 KiB is read up to 500 KiB and the transfer
// stopped there. Mostly against the mirror's robots.txt switch
// (/__set?robots=MODE, tests/mirror/README.md); fresh_mirror() resets it.
#include "fetch/robots.h"
#include "integration/fetch_cases.h"

namespace {

// The deferral note of an origin: the text every request there gets.
std::string deferred_note(const std::string& origin, const std::string& why) {
  return "robots.txt of " + origin + " unreachable (" + why + "): deferred to the next run";
}

void check_deferred(const Response& r, const std::string& note) {
  CAPTURE(r.url);
  CHECK(r.outcome == Outcome::kDeferred);
  CHECK(std::string(winnow::fetch::outcome_name(r.outcome)) == "deferred");
  CHECK(r.status == 0);
  CHECK(r.attempts == 0);  // never made
  CHECK(r.body.empty());
  CHECK(r.error == note);
  check_error_line(r);
}

// One article of each site, and the private page robots.txt disallows.
std::vector<std::string> site_urls() {
  return {fixture_page(kThoidai, "ha-noi-quang-chau.html").url,
          fixture_page(kTuoitre, "phan-loai-rac-tai-nguon.html").url,
          fixture_page(kBqt, "viet-nam-quang-dong.html").url,
          "http://" + kThoidai + "/private/bai-viet-rieng-123456.html"};
}

// A site whose robots.txt answers `status` with `text`, and whose every
// other path is a small page.
TinyServer robots_site(int status, std::string text) {
  return TinyServer([status, text](const std::string& path) {
    if (path == "/robots.txt") return reply(status, text);
    return reply(200, "<p>page</p>", "text/html");
  });
}

}  // namespace

// ---------------------------------------------------------------------------
// Unreachable: deferred, never made

TEST_CASE("robots.txt: unreachable (connection refused) defers the origin, within bounded time") {
  Mirror& m = fresh_mirror();
  ClosedPort closed;
  FetchOptions o = fast_options(m);
  o.connect_to.push_back(closed.entry("closed.test"));
  o.max_retries = 2;
  std::vector<std::string> urls = {"http://closed.test/a.html", "http://closed.test/b.html",
                                   "http://closed.test/"};
  wf::Fetcher f(o);
  std::vector<Request> reqs;
  for (auto& u : urls) reqs.push_back(Request{u, "", "", 0});
  RunResult rr = run_on(f, reqs);
  CHECK(rr.seconds < 2.0);
  const std::string& note = rr.responses[0].error;
  CHECK_MESSAGE(note.rfind("robots.txt of http://closed.test:80 unreachable (curl error 7: ", 0) == 0, note);
  CHECK_MESSAGE(contains(note, ", after 3 attempts): deferred to the next run"), note);
  for (auto& r : rr.responses) check_deferred(r, note);
  CHECK(rr.stats.robots_fetches == 3);  // the first try and max_retries more
  CHECK(rr.stats.transfers == 3);       // and no page
}

TEST_CASE("robots.txt: 5xx defers (after retries), and no page is requested") {
  Mirror& m = fresh_mirror();
  TinyServer srv([](const std::string& path) { return reply(503, "busy"); });
  FetchOptions o = fast_options(m);
  o.connect_to = {srv.entry("busy.test")};
  o.allowed_hosts.clear();
  o.max_retries = 1;
  RunResult rr = run_all(o, {"http://busy.test/a.html", "http://busy.test/b.html"});
  CHECK(rr.seconds < 2.0);
  for (auto& r : rr.responses)
    check_deferred(r, deferred_note("http://busy.test:80", "HTTP 503 after 2 attempts"));
  auto hits = srv.hits();
  CHECK(hits.size() == 2);
  for (auto& h : hits) CHECK(h.path == "/robots.txt");
}

TEST_CASE("robots.txt: 429 defers like a 5xx; other 4xx allow everything") {
  Mirror& m = fresh_mirror();
  TinyServer srv = robots_site(429, "slow down");
  FetchOptions o = fast_options(m);
  o.connect_to = {srv.entry("limited.test")};
  o.allowed_hosts.clear();
  o.max_retries = 1;
  Response r = fetch_one(o, "http://limited.test/a.html");
  check_deferred(r, deferred_note("http://limited.test:80", "HTTP 429 after 2 attempts"));
  for (auto& h : srv.hits()) CHECK(h.path == "/robots.txt");
  // 410: no robots.txt, so no rule: fetched.
  TinyServer gone = robots_site(410, "gone");
  o.connect_to = {gone.entry("gone.test")};
  CHECK(fetch_one(o, "http://gone.test/a.html").outcome == Outcome::kOk);
}

TEST_CASE("robots.txt: the mirror's robots=503 defers the three sites; another origin is fetched in the same run") {
  Mirror& m = fresh_mirror();
  m.set("robots=503");
  FetchOptions o = fast_options(m);  // max_retries 2: 3 attempts
  o.allowed_hosts.clear();
  o.connect_to.push_back(m.entry("norobots.test"));  // the mirror: unknown host, robots.txt 404
  std::vector<std::string> urls = site_urls();
  urls.push_back(fault("norobots.test", "status?code=200"));
  RunResult rr = run_all(o, urls);
  CHECK(rr.seconds < 3.0);
  for (size_t i = 0; i < 4; ++i) {
    std::string host = urls[i].substr(7, urls[i].find('/', 7) - 7);
    check_deferred(rr.responses[i], deferred_note("http://" + host + ":80", "HTTP 503 after 3 attempts"));
  }
  CHECK(rr.responses[4].outcome == Outcome::kOk);
  json log = m.log();
  for (const char* site : kSites) {
    CAPTURE(site);
    auto es = entries(log, site, "/");
    CHECK(es.size() == 3);
    for (const json& e : es) CHECK(e["path"] == "/robots.txt");
  }
  CHECK(entries(log, "norobots.test", "/fault/status").size() == 1);
}

TEST_CASE("robots.txt: no answer (a timeout) defers, within bounded time") {
  Mirror& m = fresh_mirror();
  m.set("robots=no-answer");
  FetchOptions o = fast_options(m);  // 2 s total timeout, 1 s low-speed limit
  o.max_retries = 1;
  Stopwatch sw;
  RunResult rr = run_all(o, {site_urls()[0], site_urls()[3]});
  CHECK(sw.seconds() < 4.5);  // two attempts of about a second, and the backoff
  const std::string& note = rr.responses[0].error;
  CHECK_MESSAGE(note.rfind("robots.txt of http://thoidai.com.vn:80 unreachable (curl error 28: ", 0) == 0, note);
  CHECK_MESSAGE(contains(note, ", after 2 attempts): deferred to the next run"), note);
  for (auto& r : rr.responses) check_deferred(r, note);
  json log = m.log();
  CHECK(entries(log, kThoidai, "/").size() == 2);  // robots.txt twice, nothing else
}

TEST_CASE("robots.txt: Disallow: / is obeyed (kRobots), not deferred") {
  Mirror& m = fresh_mirror();
  m.set("robots=disallow-all");
  RunResult rr = run_all(fast_options(m), site_urls());
  for (auto& r : rr.responses) {
    CAPTURE(r.url);
    CHECK(r.outcome == Outcome::kRobots);
    CHECK_MESSAGE(r.error.rfind("disallowed by http://", 0) == 0, r.error);
  }
  CHECK(entries(m.log(), "", "/robots.txt").size() == 3);
  CHECK(m.log().size() == 3);
}

// ---------------------------------------------------------------------------
// Over 500 KiB: the first 500 KiB obeyed, the rest never read

TEST_CASE("robots.txt: 50 MB (the mirror's robots=huge): its rules obeyed, the final Disallow: / ignored") {
  Mirror& m = fresh_mirror();
  m.set("robots=huge");
  FetchOptions o = fast_options(m);
  std::vector<std::string> urls = site_urls();
  urls.push_back("http://" + kTuoitre + "/tag/ha-noi-1.tag");
  Stopwatch sw;
  RunResult rr = run_all(o, urls);
  CHECK(sw.seconds() < 3.0);
  size_t pages = 0;
  for (size_t i = 0; i < 3; ++i) {
    CAPTURE(urls[i]);
    CHECK_MESSAGE(rr.responses[i].outcome == Outcome::kOk, rr.responses[i].error);
    pages += rr.responses[i].body.size();
  }
  CHECK(rr.responses[3].outcome == Outcome::kRobots);  // Disallow: /private/, near the top
  CHECK(rr.responses[4].outcome == Outcome::kRobots);  // Disallow: /tag/
  CHECK(rr.stats.robots_fetches == 3);                 // one each, no retry: a success
  CHECK(rr.stats.retries == 0);
  // What was read of the three robots.txt: 500 KiB and a byte each, no more.
  CHECK(rr.stats.bytes - pages <= 3 * (winnow::fetch::Robots::kMaxBytes + 1));
  CHECK(rr.stats.bytes - pages >= 3 * winnow::fetch::Robots::kMaxBytes);
}

TEST_CASE("robots.txt: over 500 KiB is read up to 500 KiB, not treated as unreachable") {
  // Regression (fixed): robots.txt was capped with CURLOPT_MAXFILESIZE and the
  // write callback, so a larger file failed the transfer (CURLE_FILESIZE_EXCEEDED
  // or a write error); robots_done() counted that as unreachable, retried it,
  // and ended with disallow-all for the whole site. RFC 9309: a crawler may
  // stop at 500 KiB and must use what it read.
  Mirror& m = fresh_mirror();
  std::string big = "User-agent: *\nDisallow: /private/\n";
  while (big.size() < 600'000) big += "# padding padding padding padding padding padding padding\n";
  TinyServer srv = robots_site(200, big);
  FetchOptions o = fast_options(m);
  o.connect_to = {srv.entry("bigrobots.test")};
  o.allowed_hosts.clear();
  RunResult rr = run_all(o, {"http://bigrobots.test/page.html", "http://bigrobots.test/private/x.html"});
  CHECK_MESSAGE(rr.responses[0].outcome == Outcome::kOk, rr.responses[0].error);
  CHECK(rr.responses[1].outcome == Outcome::kRobots);
  CHECK(rr.stats.robots_fetches == 1);
}

TEST_CASE("robots.txt: a rule cut at 500 KiB is dropped, not read as a broader rule") {
  Mirror& m = fresh_mirror();
  const size_t cap = winnow::fetch::Robots::kMaxBytes;
  std::string text = "User-agent: *\nDisallow: /private/\n";
  while (text.size() < cap - 100) text += "# padding padding padding padding padding\n";
  text.resize(cap - 13, '#');
  text += "\nDisallow: /secret-area/\n";  // the cut falls after "Disallow: /s"
  REQUIRE(text.substr(cap - 12, 12) == "Disallow: /s");
  while (text.size() < 2 * cap) text += "# more padding\n";
  text += "Disallow: /\n";
  TinyServer srv = robots_site(200, text);
  FetchOptions o = fast_options(m);
  o.connect_to = {srv.entry("cut.test")};
  o.allowed_hosts.clear();
  RunResult rr = run_all(o, {"http://cut.test/some-page.html", "http://cut.test/private/x.html"});
  CHECK_MESSAGE(rr.responses[0].outcome == Outcome::kOk, rr.responses[0].error);  // "/s" would disallow it
  CHECK(rr.responses[1].outcome == Outcome::kRobots);
  CHECK(rr.stats.robots_fetches == 1);
}
