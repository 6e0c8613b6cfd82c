// The fetcher's address policy (FetchOptions::allow_private_addresses, off
// by default): loopback, private and link-local addresses are refused as a
// request's host, as a redirect hop and as the address a name resolves to,
// at once, without a retry, with one line naming the URL and the reason;
// the connect-to targets (the mirror on 127.0.0.1) stay reachable.
#include "integration/fetch_cases.h"

TEST_CASE("private: a request to an address literal is refused before any connection") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  std::string port = std::to_string(m.port());
  for (const std::string& url : std::vector<std::string>{m.base() + "/fault/status?code=200", "http://[::1]:" + port + "/x",
                          "http://10.0.0.1/x", "http://2130706433:" + port + "/x", "http://169.254.169.254/"}) {
    CAPTURE(url);
    wf::Fetcher f(o);
    Stopwatch sw;
    RunResult rr = run_on(f, {Request{url, "", "", 0}});
    const Response& r = rr.responses[0];
    CHECK(r.outcome == Outcome::kRefused);
    CHECK_MESSAGE(contains(r.error, "address (allow_private_addresses = false)"), r.error);
    check_error_line(r);
    CHECK(rr.stats.transfers == 0);  // not even robots.txt
    CHECK(sw.seconds() < 1.0);
  }
  CHECK(m.log().empty());
}

TEST_CASE("private: allowed, the same literal is fetched") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.allow_private_addresses = true;
  Response r = fetch_one(o, m.base() + "/fault/status?code=200");
  CHECK(r.outcome == Outcome::kOk);
  CHECK(r.status == 200);
}

TEST_CASE("private: a redirect to a non-public address is refused, whatever the allowed hosts") {
  Mirror& m = fresh_mirror();
  std::string port = std::to_string(m.port());
  struct Case {
    std::string target, kind;
  };
  for (const Case& c : {Case{m.base() + "/fault/status?code=200", "loopback"},
                        Case{"http://[::1]:" + port + "/x", "loopback"}, Case{"http://10.0.0.1/x", "private"},
                        Case{"http://[::ffff:127.0.0.1]:" + port + "/x", "loopback"},
                        Case{"http://169.254.169.254/latest/meta-data/", "link-local"},
                        Case{"http://[fd00::1]/x", "unique-local"}, Case{"http://0.0.0.0:" + port + "/", "unspecified"}}) {
    CAPTURE(c.target);
    m.reset();
    FetchOptions o = fast_options(m);
    o.allowed_hosts.clear();  // the address policy alone must refuse it
    wf::Fetcher f(o);
    RunResult rr = run_on(f, {Request{fault(kThoidai, "redirect-to?location=" + pct(c.target)), "", "", 0}});
    const Response& r = rr.responses[0];
    CHECK(r.outcome == Outcome::kRefused);
    CHECK(r.status == 302);
    CHECK_MESSAGE(contains(r.error, "redirect to a " + c.kind + " address refused: " + c.target), r.error);
    CHECK_MESSAGE(contains(r.error, "allow_private_addresses = false"), r.error);
    check_error_line(r);
    CHECK(rr.stats.transfers == 2);  // robots.txt and the redirect, nothing more
    for (const json& e : m.log()) CHECK(e["host"] == kThoidai);
  }
}

TEST_CASE("private: a name that resolves to a loopback address is refused when connecting, not retried") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);
  o.allowed_hosts.clear();
  o.connect_to.clear();  // its target (the mirror's address and port) would be exempt
  o.obey_robots = false;
  std::string url = "http://localhost:" + std::to_string(m.port()) + "/fault/status?code=200";
  Response r = fetch_one(o, url);
  CHECK(r.outcome == Outcome::kRefused);
  CHECK(r.attempts == 1);
  CHECK_MESSAGE(contains(r.error, "refused: localhost resolves to "), r.error);
  CHECK_MESSAGE(contains(r.error, "a loopback address (allow_private_addresses = false)"), r.error);
  check_error_line(r);
  CHECK(m.log().empty());

  // With robots.txt obeyed, the site's robots.txt is refused the same way:
  // everything there is disallowed, and said why. A policy refusal, not an
  // unreachable robots.txt: not retried, not deferred (the next run would
  // be refused alike).
  o.obey_robots = true;
  wf::Fetcher fb(o);
  RunResult rrb = run_on(fb, {Request{url, "", "", 0}});
  const Response& rb = rrb.responses[0];
  CHECK(rb.outcome == Outcome::kRobots);
  CHECK(rb.attempts == 0);
  CHECK(rrb.stats.robots_fetches == 1);
  CHECK_MESSAGE(contains(rb.error, "resolves to"), rb.error);
  CHECK_MESSAGE(contains(rb.error, ": the site is treated as disallowed"), rb.error);
  check_error_line(rb);
  CHECK(m.log().empty());

  o.allow_private_addresses = true;
  o.obey_robots = false;
  Response ok = fetch_one(o, url);
  CHECK(ok.outcome == Outcome::kOk);
}

TEST_CASE("private: a connect-to target is exempt, by address and port") {
  Mirror& m = fresh_mirror();
  FetchOptions o = fast_options(m);  // thoidai.com.vn:80 -> 127.0.0.1:PORT
  o.allowed_hosts.clear();
  o.obey_robots = false;
  std::string port = std::to_string(m.port());
  CHECK(fetch_one(o, "http://localhost:" + port + "/fault/status?code=200").outcome == Outcome::kOk);
  Response r = fetch_one(o, "http://localhost:1/x");  // the same address, another port
  CHECK(r.outcome == Outcome::kRefused);
  CHECK_MESSAGE(contains(r.error, "resolves to"), r.error);
}
