// The fetcher: many HTTP(S) requests at once on one thread, through
// libcurl's multi interface, politely.
//
//   - at most `max_connections` transfers at once, `max_per_host` per origin,
//     and `per_host_delay` between two request starts on one origin (or the
//     site's robots.txt Crawl-delay, if longer);
//   - robots.txt fetched once per origin before anything else there, and
//     obeyed for our user agent's product token (its first 500 KiB); an
//     unreachable one defers the origin's requests to the next run;
//   - redirects followed by us, not curl, so every hop is checked: http and
//     https only, the allowed hosts only, at most `max_redirects`;
//   - no loopback, private, link-local... address (fetch/address.h) unless
//     `allow_private_addresses`: not as a URL's host, not as the address a
//     name resolves to when connecting;
//   - retries with exponential backoff and jitter on timeouts, connection
//     errors, 5xx and 429, honouring Retry-After;
//   - bodies capped at `max_body_bytes` after decompression (a gzip bomb is
//     cut off, never inflated), response headers at `max_header_bytes`;
//     conditional GET with ETag/Last-Modified.
#ifndef WINNOW_FETCH_FETCHER_H_
#define WINNOW_FETCH_FETCHER_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "fetch/exchange.h"

namespace winnow::fetch {

using Millis = std::chrono::milliseconds;

struct FetchOptions {
  std::string user_agent = "winnow/0.1 (+https://github.com/winnow-news/winnow)";
  int max_connections = 8;
  int max_per_host = 2;
  Millis per_host_delay{1000};
  Millis connect_timeout{10'000};
  Millis total_timeout{60'000};
  long low_speed_bytes = 512;  // abort a transfer slower than this many bytes/s...
  Millis low_speed_time{20'000};  // ...for this long (a stalled connection)
  int max_redirects = 5;
  size_t max_body_bytes = 16u << 20;
  size_t max_header_bytes = 256u << 10;  // all header lines of a response (curl: 100 KB a line)
  int max_retries = 3;  // after the first attempt
  Millis backoff_base{500};
  Millis backoff_max{30'000};
  Millis max_retry_after{120'000};  // a longer Retry-After gives the URL up for this run
  bool obey_robots = true;
  // curl CONNECT_TO entries, "HOST:PORT:CONNECT-TO-HOST:CONNECT-TO-PORT":
  // the URLs stay real while the connection goes elsewhere (a local mirror).
  std::vector<std::string> connect_to;
  // Redirects may only lead to these hosts (and their subdomains); empty: any.
  std::vector<std::string> allowed_hosts;
  // Off: a URL whose host is a non-public address literal (127.0.0.1, [::1],
  // 10.x, 169.254.x, fc00::/7...) is refused, as a request and as a redirect
  // hop, and so is a connection to such an address (a name resolving there).
  // The connect_to targets are exempt: the operator named them.
  bool allow_private_addresses = false;
};

struct Request {
  std::string url;
  std::string etag, last_modified;  // from the last fetch: a conditional GET
  uint64_t tag = 0;                 // the caller's own id, handed back
  bool first = false;               // ahead of the origin's queue (feeds, listings)
};

enum class Outcome : uint8_t {
  kOk,           // 2xx
  kNotModified,  // 304 to a conditional GET
  kHttpError,    // 4xx, or 5xx/429 after the retries
  kNetworkError, // connection, timeout, reset... after the retries
  kTooLarge,     // body over max_body_bytes (after decompression), or headers over max_header_bytes
  kRefused,      // not http(s), a redirect out of bounds, too many redirects, a private address
  kRobots,       // disallowed by robots.txt (a Disallow rule), or its fetch refused by the address policy
  kStopped,      // not started: the fetcher was asked to stop
  // Not made: the origin's robots.txt was unreachable (5xx or 429 after the
  // retries, a network error, a timeout), so nothing there may be fetched in
  // this run; a later run asks again. Not a failure of the page: a crawler
  // keeps it queued and counts no attempt. Error: "robots.txt of
  // http://host unreachable (HTTP 503 after 4 attempts): deferred to the
  // next run".
  kDeferred,
};
const char* outcome_name(Outcome o);

struct Response {
  uint64_t tag = 0;
  std::string url;        // as requested
  std::string final_url;  // after redirects
  Outcome outcome = Outcome::kStopped;
  long status = 0;        // last HTTP status, 0 if none
  std::string error;      // one line, empty when ok: "HTTP 404", "curl error 28: ..."
  std::string body;
  std::string content_type, etag, last_modified;
  int attempts = 0, redirects = 0;
  double seconds = 0;     // from submission to completion
  bool ok() const { return outcome == Outcome::kOk; }
};

struct FetchStats {
  uint64_t transfers = 0;  // HTTP requests made, robots.txt and retries included
  uint64_t retries = 0;
  uint64_t robots_fetches = 0;
  uint64_t bytes = 0;      // body bytes received (decompressed)
  uint64_t ok = 0, failed = 0;
};

class Fetcher {
 public:
  explicit Fetcher(FetchOptions options);
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Queues a request. Callable from within the callbacks of run().
  void submit(Request request);

  using Done = std::function<void(Response&&)>;
  using Tick = std::function<void()>;
  // Fetches until every submitted request has its response, then returns.
  // `on_done` gets each response once; `on_tick` (optional) runs about five
  // times a second. After request_stop(), nothing new starts; transfers in
  // flight finish and the requests not started come back as kStopped.
  void run(const Done& on_done, const Tick& on_tick = {});

  // Every request made from now on, and its response, handed to `sink` as
  // its transfer ends (fetch/exchange.h): robots.txt, retries and redirect
  // hops included. Before run().
  void record(ExchangeSink sink);

  // Async-signal-safe: may be called from a signal handler.
  void request_stop();
  bool stop_requested() const;

  const FetchStats& stats() const;
  size_t pending() const;  // submitted, not yet answered
  size_t active() const;   // transfers in flight

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace winnow::fetch

#endif  // WINNOW_FETCH_FETCHER_H_
