// Helpers for the fetcher's integration tests: short timeouts, running a
// batch of requests with a hard watchdog, the mirror's log, fixture URLs.
#ifndef WINNOW_TESTS_INTEGRATION_FETCH_UTIL_H_
#define WINNOW_TESTS_INTEGRATION_FETCH_UTIL_H_

#include <doctest/doctest.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "fetch/fetcher.h"
#include "integration/mirror.h"

namespace winnow::testing {

namespace wf = winnow::fetch;
using json = nlohmann::json;
using namespace std::chrono_literals;

inline double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

inline double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

struct Stopwatch {
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
};

// A hang must fail the run, not hang it: past `limit` the watchdog names the
// case, kills the mirror and ends the process.
class Watchdog {
 public:
  Watchdog(std::chrono::milliseconds limit, std::string what) : what_(std::move(what)) {
    thread_ = std::thread([this, limit] {
      std::unique_lock<std::mutex> lock(mu_);
      if (!cv_.wait_for(lock, limit, [this] { return done_; })) {
        std::fprintf(stderr, "\nFATAL: %s still running after %lld ms (hard limit): the fetcher hangs\n",
                     what_.c_str(), static_cast<long long>(limit.count()));
        std::fflush(stderr);
        Mirror::shared().kill_now();
        _exit(3);
      }
    });
  }
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  std::string what_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

// The shared mirror with an empty log and fresh fault counters.
inline Mirror& fresh_mirror() {
  Mirror& m = Mirror::shared();
  m.reset();
  return m;
}

// Short timeouts so that every fault ends quickly.
inline wf::FetchOptions fast_options(const Mirror& m) {
  wf::FetchOptions o;
  o.user_agent = "winnow-it/0.1 (+mailto:tests@example.invalid)";
  o.connect_to = m.connect_to();
  o.allowed_hosts = {kSites[0], kSites[1], kSites[2]};
  o.connect_timeout = 2000ms;
  o.total_timeout = 2000ms;
  o.low_speed_time = 1000ms;
  o.backoff_base = 50ms;
  o.backoff_max = 200ms;
  o.per_host_delay = 0ms;
  o.max_retries = 2;
  return o;
}

struct RunResult {
  std::vector<wf::Response> responses;  // indexed by tag
  std::vector<int> answers;             // how many times each tag was answered
  double seconds = 0;
  double cpu = 0;
  int ticks = 0;
  size_t max_active = 0;  // fetcher.active() as seen in on_tick
  wf::FetchStats stats;
};

// Runs `requests` (tags = their index) on `fetcher` until all are answered.
inline RunResult run_on(wf::Fetcher& fetcher, std::vector<wf::Request> requests,
                        std::chrono::milliseconds hard_limit = 30'000ms) {
  RunResult out;
  out.responses.resize(requests.size());
  out.answers.assign(requests.size(), 0);
  for (size_t i = 0; i < requests.size(); ++i) {
    requests[i].tag = i;
    fetcher.submit(requests[i]);
  }
  Watchdog dog(hard_limit, "fetch run (" + std::to_string(requests.size()) + " requests)");
  Stopwatch sw;
  double cpu0 = cpu_seconds();
  fetcher.run(
      [&](wf::Response&& r) {
        REQUIRE(r.tag < out.responses.size());
        ++out.answers[r.tag];
        out.responses[r.tag] = std::move(r);
      },
      [&] {
        ++out.ticks;
        out.max_active = std::max(out.max_active, fetcher.active());
      });
  out.seconds = sw.seconds();
  out.cpu = cpu_seconds() - cpu0;
  out.stats = fetcher.stats();
  for (size_t i = 0; i < out.answers.size(); ++i) CHECK_MESSAGE(out.answers[i] == 1, "tag ", i);
  return out;
}

inline RunResult run_all(const wf::FetchOptions& options, const std::vector<std::string>& urls,
                         std::chrono::milliseconds hard_limit = 30'000ms) {
  wf::Fetcher f(options);
  std::vector<wf::Request> reqs;
  for (const std::string& u : urls) reqs.push_back(wf::Request{u, "", "", 0});
  return run_on(f, reqs, hard_limit);
}

inline wf::Response fetch_one(const wf::FetchOptions& options, const std::string& url,
                              const std::string& etag = "", const std::string& last_modified = "") {
  wf::Fetcher f(options);
  RunResult r = run_on(f, {wf::Request{url, etag, last_modified, 0}});
  return std::move(r.responses.at(0));
}

// The error of a failed response: one line, naming what happened.
inline void check_error_line(const wf::Response& r) {
  if (r.outcome == wf::Outcome::kOk || r.outcome == wf::Outcome::kNotModified) {
    CHECK_MESSAGE(r.error.empty(), r.error);
  } else {
    CHECK_FALSE(r.error.empty());
    CHECK_MESSAGE(r.error.find('\n') == std::string::npos, r.error);
    CHECK_MESSAGE(r.error.find('\r') == std::string::npos, r.error);
  }
}

inline bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

inline std::string pct(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// Log entries whose host matches (empty: any) and whose path starts with `prefix`.
inline std::vector<json> entries(const json& log, const std::string& host, const std::string& prefix) {
  std::vector<json> out;
  for (const json& e : log) {
    if (!host.empty() && e.value("host", "") != host) continue;
    if (e.value("path", "").rfind(prefix, 0) != 0) continue;
    out.push_back(e);
  }
  return out;
}

inline std::vector<double> times(const std::vector<json>& es) {
  std::vector<double> t;
  for (const json& e : es) t.push_back(e.at("t").get<double>());
  std::sort(t.begin(), t.end());
  return t;
}

// The most requests that started within any window of `span` seconds: a
// lower bound of how many were in flight at once when each lasts >= span.
inline int max_started_within(std::vector<double> t, double span) {
  std::sort(t.begin(), t.end());
  int best = 0;
  for (size_t i = 0, j = 0; i < t.size(); ++i) {
    while (t[i] - t[j] >= span) ++j;
    best = std::max(best, static_cast<int>(i - j + 1));
  }
  return best;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read ", path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct FixturePage {
  std::string url;    // http://SITE/<canonical path>, as the mirror serves it
  std::string path;
  std::string bytes;  // the file
};

inline FixturePage fixture_page(const std::string& site, const std::string& file) {
  FixturePage p;
  p.bytes = read_file(std::string(WINNOW_SOURCE_DIR) + "/fixtures/" + site + "/" + file);
  static const std::regex canonical(R"re(rel="canonical"\s+href="https?://[^/"]+(/[^"]*)")re");
  std::smatch m;
  REQUIRE_MESSAGE(std::regex_search(p.bytes, m, canonical), "no canonical link in ", file);
  p.path = m[1];
  p.url = "http://" + site + p.path;
  return p;
}

}  // namespace winnow::testing

#endif  // WINNOW_TESTS_INTEGRATION_FETCH_UTIL_H_
