#include "fetch/fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <deque>
#include <map>
#include <mutex>
#include <random>
#include <strings.h>
#include <unordered_map>

#include "fetch/address.h"
#include "fetch/curl_transfer.h"
#include "fetch/robots.h"
#include "fetch/url.h"

namespace winnow::fetch {
namespace {

using Clock = std::chrono::steady_clock;

constexpr Millis kPollCap{100};    // the loop wakes at least this often
constexpr Millis kTickEvery{200};
constexpr Millis kCrawlDelayCap{30'000};

std::once_flag g_curl_init;

// Errors worth another try: the network or the server may do better later.
bool retryable(CURLcode rc) {
  switch (rc) {
    case CURLE_OPERATION_TIMEDOUT: case CURLE_COULDNT_CONNECT: case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_RECV_ERROR: case CURLE_SEND_ERROR: case CURLE_GOT_NOTHING: case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2: case CURLE_HTTP2_STREAM: case CURLE_SSL_CONNECT_ERROR:
      return true;
    default:
      return false;
  }
}

}  // namespace

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::kOk: return "ok";
    case Outcome::kNotModified: return "not-modified";
    case Outcome::kHttpError: return "http-error";
    case Outcome::kNetworkError: return "network-error";
    case Outcome::kTooLarge: return "too-large";
    case Outcome::kRefused: return "refused";
    case Outcome::kRobots: return "robots";
    case Outcome::kStopped: return "stopped";
    case Outcome::kDeferred: return "deferred";
  }
  return "?";
}

// One request on its way: the caller's request, and where it has got to.
struct Pending {
  Request req;
  Url url;                  // the current URL (after redirects)
  int attempts = 0;         // at the current URL
  int total_attempts = 0;
  int redirects = 0;
  Clock::time_point submitted;
  Clock::time_point not_before;
  bool robots = false;      // our own robots.txt fetch
};

// An origin (scheme, host, port): its queue and its politeness state.
struct Host {
  std::string origin;
  std::deque<Pending> queue;
  int active = 0;
  Clock::time_point next_start{};
  enum class RobotsState { kUnknown, kFetching, kReady } robots_state = RobotsState::kUnknown;
  int robots_attempts = 0;
  Clock::time_point robots_retry_at{};
  Robots robots = Robots::allow_all();
  std::string robots_note;  // why everything is disallowed, if it is
  std::string deferred;     // why nothing is fetched in this run (robots.txt unreachable), if so
  Millis delay{0};
};

// A transfer of the fetcher: the curl side, and the request it is for.
struct Transfer : CurlTransfer {
  Pending p;
  Host* host = nullptr;
};

struct Fetcher::Impl {
  FetchOptions opt;
  CURLM* multi = nullptr;
  curl_slist* connect_to = nullptr;
  std::unordered_map<std::string, Host> hosts;
  std::vector<std::string> host_order;  // round-robin over origins
  size_t rr = 0;
  std::multimap<Clock::time_point, Pending> delayed;  // retries waiting for their time
  std::deque<Response> ready;                         // answered, to hand to the caller
  std::vector<CURL*> pool;  // idle handles, reused (connections and TLS sessions stay warm)
  // Transfers in flight, owned here by their handle; curl holds a plain
  // pointer to each (CURLOPT_PRIVATE) until complete() takes it back.
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> transfers;
  std::atomic<bool> stop{false};
  FetchStats stats;
  size_t pending = 0;  // the caller's requests not yet answered
  size_t active = 0;
  std::mt19937 rng{std::random_device{}()};
  std::string token;
  std::vector<std::string> exempt;  // connect_to targets, "ADDRESS:PORT"
  ExchangeSink sink;                // record(): every exchange, if set

  explicit Impl(FetchOptions o) : opt(std::move(o)) {
    std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    multi = curl_multi_init();
    // Per-origin limits are ours: curl would count them by the address it
    // connects to, so sites sharing one connect-to target would share one
    // limit, and a transfer it holds back would time out while waiting.
    curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(opt.max_connections));
    for (const std::string& c : opt.connect_to) connect_to = curl_slist_append(connect_to, c.c_str());
    token = Robots::product_token(opt.user_agent);
    exempt = connect_to_targets(opt.connect_to);
  }

  ~Impl() {
    for (auto& [e, t] : transfers) {
      curl_multi_remove_handle(multi, e);
      curl_easy_cleanup(e);
    }
    for (CURL* e : pool) curl_easy_cleanup(e);
    curl_multi_cleanup(multi);
    curl_slist_free_all(connect_to);
  }

  Host& host_for(const Url& url) {
    std::string origin = url.origin();
    auto it = hosts.find(origin);
    if (it != hosts.end()) return it->second;
    Host& h = hosts[origin];
    h.origin = origin;
    h.delay = opt.per_host_delay;
    if (!opt.obey_robots) h.robots_state = Host::RobotsState::kReady;
    host_order.push_back(origin);
    return h;
  }

  void answer(Pending& p, Outcome outcome, long status, std::string error, Transfer* t = nullptr) {
    Response r;
    r.tag = p.req.tag;
    r.url = p.req.url;
    r.final_url = p.url.full.empty() ? p.req.url : p.url.full;
    r.outcome = outcome;
    r.status = status;
    r.error = std::move(error);
    r.attempts = p.total_attempts;
    r.redirects = p.redirects;
    r.seconds = std::chrono::duration<double>(Clock::now() - p.submitted).count();
    if (t) {
      char* ct = nullptr;
      curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &ct);
      if (ct) r.content_type = ct;
      curl_header* h = nullptr;
      if (curl_easy_header(t->easy, "ETag", 0, CURLH_HEADER, -1, &h) == CURLHE_OK) r.etag = h->value;
      if (curl_easy_header(t->easy, "Last-Modified", 0, CURLH_HEADER, -1, &h) == CURLHE_OK)
        r.last_modified = h->value;
      if (outcome == Outcome::kOk) r.body = std::move(t->body);
    }
    if (outcome == Outcome::kOk) ++stats.ok;
    else if (outcome != Outcome::kNotModified) ++stats.failed;
    ready.push_back(std::move(r));
  }

  void submit(Request req) {
    ++pending;
    Pending p;
    p.submitted = Clock::now();
    p.req = std::move(req);
    auto url = parse_url(p.req.url);
    if (!url || !is_http(*url)) {
      answer(p, Outcome::kRefused, 0,
             url ? "not an http(s) URL: " + p.req.url : "not a URL: " + p.req.url);
      return;
    }
    p.url = std::move(*url);
    if (std::string kind = literal_kind(p.url); !kind.empty()) {
      answer(p, Outcome::kRefused, 0, "refused: " + p.url.host + " is a " + kind + " address" + kAddressPolicy);
      return;
    }
    Host& h = host_for(p.url);
    if (p.req.first) h.queue.push_front(std::move(p));
    else h.queue.push_back(std::move(p));
  }

  // Backoff before attempt n+1: base * 2^(n-1), capped, with +-25% jitter.
  Millis backoff(int attempts) {
    double ms = static_cast<double>(opt.backoff_base.count()) * std::pow(2.0, std::max(0, attempts - 1));
    ms = std::min(ms, static_cast<double>(opt.backoff_max.count()));
    std::uniform_real_distribution<double> jitter(0.75, 1.25);
    return Millis(static_cast<long long>(ms * jitter(rng)));
  }

  // Retry-After in milliseconds (seconds or an HTTP date), if the response has one.
  std::optional<Millis> retry_after(CURL* easy) {
    curl_header* h = nullptr;
    if (curl_easy_header(easy, "Retry-After", 0, CURLH_HEADER, -1, &h) != CURLHE_OK) return std::nullopt;
    std::string v = h->value;
    if (!v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return Millis(std::stoll(v.substr(0, 9)) * 1000);
    time_t when = curl_getdate(v.c_str(), nullptr);
    if (when < 0) return std::nullopt;
    return Millis(std::max<long long>(0, (when - time(nullptr)) * 1000LL));
  }

  void retry(Pending p, Millis delay) {
    ++stats.retries;
    p.not_before = Clock::now() + delay;
    delayed.emplace(p.not_before, std::move(p));
  }

  // The kind of non-public address the URL's host is, if the policy refuses it.
  std::string literal_kind(const Url& url) const {
    return opt.allow_private_addresses ? "" : private_address_kind(url.host);
  }

  void start(Pending p, Host& host) {
    auto owned = std::make_unique<Transfer>();
    Transfer* t = owned.get();
    t->p = std::move(p);
    t->host = &host;
    t->recording = static_cast<bool>(sink);
    ++t->p.attempts;
    ++t->p.total_attempts;
    CURL* e;
    if (!pool.empty()) {
      e = pool.back();
      pool.pop_back();
      curl_easy_reset(e);
    } else {
      e = curl_easy_init();
    }
    t->setup(e, opt, t->p.url.full, t->p.url.host, t->p.robots, t->p.req,
             opt.allow_private_addresses ? nullptr : &exempt, connect_to);
    curl_easy_setopt(e, CURLOPT_PRIVATE, t);
    transfers.emplace(e, std::move(owned));
    curl_multi_add_handle(multi, e);
    ++active;
    ++host.active;
    ++stats.transfers;
    host.next_start = Clock::now() + host.delay;
  }

  void start_robots(Host& host) {
    Pending p;
    p.robots = true;
    p.submitted = Clock::now();
    auto url = parse_url(host.origin + "/robots.txt");
    p.url = *url;
    p.req.url = p.url.full;
    host.robots_state = Host::RobotsState::kFetching;
    ++host.robots_attempts;
    ++stats.robots_fetches;
    start(std::move(p), host);
  }

  void schedule() {
    const auto now = Clock::now();
    // Retries whose time has come go back to the front of their queues.
    while (!delayed.empty() && delayed.begin()->first <= now) {
      Pending p = std::move(delayed.begin()->second);
      delayed.erase(delayed.begin());
      host_for(p.url).queue.push_front(std::move(p));
    }
    const size_t n = host_order.size();
    for (size_t k = 0; k < n && active < static_cast<size_t>(opt.max_connections); ++k) {
      Host& h = hosts[host_order[(rr + k) % n]];
      if (h.queue.empty() && h.robots_state != Host::RobotsState::kFetching) continue;
      if (h.robots_state == Host::RobotsState::kUnknown) {
        if (h.active == 0 && now >= h.next_start && now >= h.robots_retry_at) start_robots(h);
        continue;
      }
      if (h.robots_state == Host::RobotsState::kFetching) continue;
      if (!h.deferred.empty()) {
        defer_all(h);
        continue;
      }
      while (!h.queue.empty() && active < static_cast<size_t>(opt.max_connections) &&
             h.active < opt.max_per_host && now >= h.next_start) {
        Pending p = std::move(h.queue.front());
        h.queue.pop_front();
        if (opt.obey_robots && !h.robots.allowed(p.url.path)) {
          answer(p, Outcome::kRobots, 0,
                 h.robots_note.empty() ? "disallowed by " + h.origin + "/robots.txt" : h.robots_note);
          continue;
        }
        start(std::move(p), h);
      }
    }
    if (n) rr = (rr + 1) % n;
  }

  // robots.txt was unreachable: every request of the origin is answered
  // without being made, at once (no slot or politeness delay needed).
  void defer_all(Host& h) {
    while (!h.queue.empty()) {
      Pending p = std::move(h.queue.front());
      h.queue.pop_front();
      answer(p, Outcome::kDeferred, 0, h.deferred);
    }
  }

  // The transfer is done with: its handle back to the pool, the rest freed.
  void recycle(std::unique_ptr<Transfer> t) { pool.push_back(t->easy); }

  static std::string attempts_text(int n) {
    return std::to_string(n) + (n == 1 ? " attempt" : " attempts");
  }

  // robots.txt answered: its rules (2xx, the first 500 KiB of them), none
  // (4xx but 429: RFC 9309 "unavailable"), else unreachable: tried again
  // after a backoff, then the origin is deferred to the next run.
  void robots_done(Transfer* t, CURLcode rc, long code) {
    Host& h = *t->host;
    const bool answered = rc == CURLE_OK || (t->cut && rc == CURLE_WRITE_ERROR);
    const std::string header = t->header_trouble(rc);
    h.robots_state = Host::RobotsState::kReady;
    if (!answered && !t->refused.empty()) {
      // A policy refusal, not a failure: the site's name (or robots.txt's
      // redirect) leads to a private address. The next run would see the
      // same, so the site is disallowed, not deferred.
      h.robots = Robots::disallow_all();
      h.robots_note = "robots.txt of " + h.origin + " " + t->refused + ": the site is treated as disallowed";
    } else if (answered && code >= 200 && code < 300) {
      h.robots = Robots::parse(t->body, token);
      if (auto cd = h.robots.crawl_delay())
        h.delay = std::max(h.delay, std::min(kCrawlDelayCap, Millis(static_cast<long long>(*cd * 1000))));
    } else if (answered && code >= 400 && code < 500 && code != 429) {
      h.robots = Robots::allow_all();  // no robots.txt: everything allowed
    } else if (header.empty() && h.robots_attempts <= opt.max_retries && !stop.load()) {
      h.robots_state = Host::RobotsState::kUnknown;  // try again after a backoff
      h.robots_retry_at = Clock::now() + backoff(h.robots_attempts);
    } else {
      // "HTTP 503 after 4 attempts", "curl error 28: ..., after 4 attempts"
      std::string what = answered && header.empty() ? "HTTP " + std::to_string(code) + " after "
                                                     : (header.empty() ? t->curl_error(rc) : header) + ", after ";
      h.deferred = "robots.txt of " + h.origin + " unreachable (" + what + attempts_text(h.robots_attempts) +
                   "): deferred to the next run";
    }
  }

  bool host_allowed(const std::string& host) const {
    if (opt.allowed_hosts.empty()) return true;
    for (const std::string& a : opt.allowed_hosts) {
      if (host == a) return true;
      if (host.size() > a.size() && host.compare(host.size() - a.size(), a.size(), a) == 0 &&
          host[host.size() - a.size() - 1] == '.')
        return true;
    }
    return false;
  }

  void redirect(Transfer* t, long code, const char* location) {
    Pending p = std::move(t->p);
    std::string loc = location ? location : "";
    if (loc.empty()) {
      answer(p, Outcome::kHttpError, code, "HTTP " + std::to_string(code) + " without a Location");
      return;
    }
    if (p.redirects >= opt.max_redirects) {
      answer(p, Outcome::kRefused, code, "more than " + std::to_string(opt.max_redirects) + " redirects (last to " + loc + ")");
      return;
    }
    ++p.redirects;
    auto url = parse_url(loc);
    if (!url || !is_http(*url)) {
      answer(p, Outcome::kRefused, code, "redirect to a non-http(s) URL refused: " + loc);
      return;
    }
    // Before the host check: for a crawl both refuse, this one says more.
    if (std::string kind = literal_kind(*url); !kind.empty()) {
      answer(p, Outcome::kRefused, code, "redirect to a " + kind + " address refused: " + loc + kAddressPolicy);
      return;
    }
    if (!host_allowed(url->host)) {
      answer(p, Outcome::kRefused, code, "redirect to another host refused: " + loc);
      return;
    }
    p.url = std::move(*url);
    p.attempts = 0;
    host_for(p.url).queue.push_front(std::move(p));
  }

  // The transfer's exchanges to the sink, before its response goes anywhere
  // (a crawl's archive holds the page before the article is written).
  void record_exchanges(Transfer* t, CURLcode rc) {
    std::string url = t->p.url.full;
    for (size_t i = 0; i < t->hops.size(); ++i) {
      CurlTransfer::Hop& h = t->hops[i];
      const bool last = i + 1 == t->hops.size();
      Exchange x{.url = archive_url(url), .ip = h.ip, .sent = h.sent, .request = std::move(h.request)};
      if (h.head_done) x.response_head = std::move(h.head);
      if (!last) {
        x.truncated = "unspecified";  // curl followed the redirect and dropped its body
        if (std::optional<std::string> loc = location_of(x.response_head, url)) url = *loc;
      } else if (!x.response_head.empty()) {
        x.body = t->body;
        if (t->cut || t->too_large || rc == CURLE_FILESIZE_EXCEEDED) x.truncated = "length";
        else if (rc == CURLE_OPERATION_TIMEDOUT) x.truncated = "time";
        else if (rc != CURLE_OK) x.truncated = "disconnect";
      }
      sink(x);
    }
  }

  // The URL as an archive names it: without the scheme's default port,
  // which robots.txt's URL carries (it is fetched at its origin, "http://host:80").
  static std::string archive_url(const std::string& url) {
    const size_t scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return url;
    const size_t end = std::min(url.find_first_of("/?#", scheme_end + 3), url.size());
    const std::string_view scheme = std::string_view(url).substr(0, scheme_end);
    const std::string_view port = scheme == "http" ? ":80" : scheme == "https" ? ":443" : "";
    if (port.empty() || end < scheme_end + 3 + port.size() ||
        std::string_view(url).substr(end - port.size(), port.size()) != port)
      return url;
    return url.substr(0, end - port.size()) + url.substr(end);
  }

  // A redirect's Location, resolved against the URL it answered.
  static std::optional<std::string> location_of(std::string_view head, const std::string& base) {
    size_t at = 0;
    while (at < head.size()) {
      size_t nl = head.find('\n', at);
      std::string_view line = head.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at);
      at = nl == std::string_view::npos ? head.size() : nl + 1;
      if (line.size() > 9 && strncasecmp(line.data(), "Location:", 9) == 0) {
        std::string_view v = line.substr(9);
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
        while (!v.empty() && (v.back() == '\r' || v.back() == ' ')) v.remove_suffix(1);
        return resolve_url(base, std::string(v));
      }
    }
    return std::nullopt;
  }

  void complete(CURLMsg* msg) {
    auto node = transfers.extract(msg->easy_handle);
    std::unique_ptr<Transfer> owned = std::move(node.mapped());
    Transfer* t = owned.get();
    CURLcode rc = msg->data.result;
    if (sink) record_exchanges(t, rc);
    curl_multi_remove_handle(multi, t->easy);
    --active;
    --t->host->active;
    stats.bytes += t->body.size();
    long code = 0;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &code);
    if (t->p.robots) {
      robots_done(t, rc, code);
      recycle(std::move(owned));
      return;
    }
    Pending& p = t->p;
    if (rc != CURLE_OK && !t->refused.empty()) {
      answer(p, Outcome::kRefused, code, t->refused);  // never retried: the address will not change its kind
    } else if (std::string header = t->header_trouble(rc); !header.empty()) {
      answer(p, Outcome::kTooLarge, code, header);  // never retried: a server sending that will again
    } else if (t->too_large || rc == CURLE_FILESIZE_EXCEEDED) {
      answer(p, Outcome::kTooLarge, code,
             "body over " + std::to_string(opt.max_body_bytes) + " bytes (after decompression): cut off");
    } else if (rc != CURLE_OK) {
      if (retryable(rc) && p.attempts <= opt.max_retries && !stop.load()) {
        Millis delay = backoff(p.attempts);
        retry(std::move(p), delay);
      } else {
        answer(p, Outcome::kNetworkError, code,
               t->curl_error(rc) + (p.total_attempts > 1 ? " (after " + std::to_string(p.total_attempts) + " attempts)" : ""));
      }
    } else if (code >= 300 && code < 400 && code != 304) {
      char* location = nullptr;
      curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_URL, &location);
      redirect(t, code, location);
    } else if (code == 304) {
      answer(p, Outcome::kNotModified, code, "", t);
    } else if (code == 429 || code >= 500) {
      std::optional<Millis> after = retry_after(t->easy);
      std::string what = "HTTP " + std::to_string(code);
      if (after && *after > opt.max_retry_after) {
        answer(p, Outcome::kHttpError, code, what + ": Retry-After " + std::to_string(after->count() / 1000) +
                                                 " s is beyond the limit, given up for this run");
      } else if (p.attempts <= opt.max_retries && !stop.load()) {
        Millis delay = after ? *after : backoff(p.attempts);
        retry(std::move(p), delay);
      } else {
        answer(p, Outcome::kHttpError, code, what + " after " + std::to_string(p.total_attempts) + " attempts");
      }
    } else if (code >= 200 && code < 300) {
      answer(p, Outcome::kOk, code, "", t);
    } else {
      answer(p, Outcome::kHttpError, code, "HTTP " + std::to_string(code));
    }
    recycle(std::move(owned));
  }

  // Everything not yet started comes back as stopped.
  void drain_stopped() {
    for (auto& [origin, h] : hosts) {
      while (!h.queue.empty()) {
        Pending p = std::move(h.queue.front());
        h.queue.pop_front();
        answer(p, Outcome::kStopped, 0, "not fetched: stopped");
      }
    }
    for (auto& [when, p] : delayed) answer(p, Outcome::kStopped, 0, "not fetched: stopped before its retry");
    delayed.clear();
  }

  // How long the loop may sleep: until the next retry or politeness slot.
  // A host that schedule() would start something on once its time comes:
  // the same conditions, less the time. Waiting on anything else would spin.
  bool could_start(const Host& h) const {
    if (h.queue.empty()) return false;
    switch (h.robots_state) {
      case Host::RobotsState::kUnknown: return h.active == 0;
      case Host::RobotsState::kFetching: return false;  // its robots.txt is on the way
      case Host::RobotsState::kReady: return h.active < opt.max_per_host;
    }
    return false;
  }

  Millis wait_time() const {
    auto now = Clock::now();
    auto until = now + kPollCap;
    if (!delayed.empty()) until = std::min(until, delayed.begin()->first);
    // With every slot busy only a finishing transfer (which wakes the poll)
    // lets anything start.
    if (active < static_cast<size_t>(opt.max_connections)) {
      for (const auto& [origin, h] : hosts)
        if (could_start(h)) until = std::min(until, std::max(h.next_start, h.robots_retry_at));
    }
    return std::max(Millis(0), std::chrono::duration_cast<Millis>(until - now));
  }

  void run(const Done& on_done, const Tick& on_tick) {
    auto last_tick = Clock::now();
    for (;;) {
      while (!ready.empty()) {
        Response r = std::move(ready.front());
        ready.pop_front();
        --pending;
        on_done(std::move(r));  // may submit more
      }
      if (stop.load()) {
        if (active == 0) {
          drain_stopped();
          if (ready.empty()) break;
          continue;
        }
      } else {
        schedule();
      }
      if (pending == 0 && ready.empty() && active == 0) break;
      int running = 0;
      curl_multi_perform(multi, &running);
      int left = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi, &left))
        if (msg->msg == CURLMSG_DONE) complete(msg);
      if (on_tick && Clock::now() - last_tick >= kTickEvery) {
        on_tick();
        last_tick = Clock::now();
      }
      if (!ready.empty()) continue;
      Millis wait = stop.load() ? kPollCap : wait_time();
      if (active > 0 || wait.count() > 0) curl_multi_poll(multi, nullptr, 0, static_cast<int>(wait.count()), nullptr);
    }
    if (on_tick) on_tick();
  }
};

Fetcher::Fetcher(FetchOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Fetcher::~Fetcher() = default;
void Fetcher::submit(Request request) { impl_->submit(std::move(request)); }
void Fetcher::run(const Done& on_done, const Tick& on_tick) { impl_->run(on_done, on_tick); }
void Fetcher::record(ExchangeSink sink) { impl_->sink = std::move(sink); }
void Fetcher::request_stop() { impl_->stop.store(true); }
bool Fetcher::stop_requested() const { return impl_->stop.load(); }
const FetchStats& Fetcher::stats() const { return impl_->stats; }
size_t Fetcher::pending() const { return impl_->pending; }
size_t Fetcher::active() const { return impl_->active; }

}  // namespace winnow::fetch
