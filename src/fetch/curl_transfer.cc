#include "fetch/curl_transfer.h"

#include <sys/socket.h>

#include <algorithm>
#include <string_view>

#include "fetch/address.h"
#include "fetch/robots.h"

namespace winnow::fetch {
namespace {

// Every connection curl opens comes here: the address a name resolved to
// is checked, unless it is a connect-to target. A refusal makes curl try
// the name's next address, or fail with CURLE_COULDNT_CONNECT.
curl_socket_t open_socket(void* user, curlsocktype, curl_sockaddr* a) {
  auto* t = static_cast<CurlTransfer*>(user);
  std::string kind = private_address_kind(&a->addr);
  if (!kind.empty()) {
    std::string where = address_text(&a->addr);
    if (std::find(t->exempt->begin(), t->exempt->end(), where) == t->exempt->end()) {
      t->refused = "refused: " + t->host_name + " resolves to " + where + ", a " + kind + " address" + kAddressPolicy;
      return CURL_SOCKET_BAD;
    }
  }
  return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<CurlTransfer*>(user);
  size_t bytes = size * n;
  t->received += bytes;
  if (t->cut_at) {
    t->body.append(data, std::min(bytes, t->cut_at - t->body.size()));
    if (t->body.size() < t->cut_at) return bytes;
    t->cut = true;
    return 0;  // enough read: the rest is never downloaded
  }
  if (t->received > t->max_body) {
    t->too_large = true;
    return 0;  // aborts the transfer: a gzip bomb stops here
  }
  t->body.append(data, bytes);
  return bytes;
}

// The response head of the current hop, for the recording: a status line
// starts it afresh (an interim 1xx is dropped), the empty line ends it, and
// what comes after (a chunked body's trailer) is not the head.
void record_header_line(CurlTransfer* t, std::string_view line) {
  if (t->hops.empty()) return;
  CurlTransfer::Hop& h = t->hops.back();
  if (line.substr(0, 5) == "HTTP/") {
    h.head.assign(line);
    h.head_done = false;
  } else if (!h.head.empty() && !h.head_done) {
    h.head.append(line);
    h.head_done = line == "\r\n" || line == "\n";
  }
}

// curl refuses a header line over 100 KB itself; this caps all of them.
size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<CurlTransfer*>(user);
  t->header_bytes += size * n;
  if (t->header_bytes > t->max_header) {
    t->header_too_large = true;
    return 0;  // aborts the transfer
  }
  if (t->recording) record_header_line(t, std::string_view(data, size * n));
  return size * n;
}

// The request heads as curl sends them (its debug hook is the one place
// they show), for the recording. A head curl sends again before any answer
// (a reused connection found dead) is one request, not two.
int on_debug(CURL* e, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_OUT) return 0;
  auto* t = static_cast<CurlTransfer*>(user);
  if (!t->hops.empty() && t->hops.back().head.empty()) {
    CurlTransfer::Hop& h = t->hops.back();
    const bool whole = h.request.size() >= 4 && h.request.compare(h.request.size() - 4, 4, "\r\n\r\n") == 0;
    if (!whole) {
      h.request.append(data, size);  // the rest of a head handed over in parts
      return 0;
    }
    h = CurlTransfer::Hop{};
  } else {
    t->hops.emplace_back();
  }
  CurlTransfer::Hop& h = t->hops.back();
  h.request.assign(data, size);
  h.sent = std::chrono::system_clock::now();
  char* ip = nullptr;
  if (curl_easy_getinfo(e, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip) h.ip = ip;
  return 0;
}

}  // namespace

void CurlTransfer::setup(CURL* e, const FetchOptions& opt, const std::string& url, const std::string& host,
                         bool robots, const Request& conditional, const std::vector<std::string>* exempt_targets,
                         curl_slist* connect_to) {
  easy = e;
  host_name = host;
  max_body = opt.max_body_bytes;
  max_header = opt.max_header_bytes;
  // RFC 9309: 500 KiB of robots.txt are enough. One byte more tells
  // Robots::parse whether the cut fell inside a line.
  if (robots) cut_at = Robots::kMaxBytes + 1;
  curl_easy_setopt(e, CURLOPT_URL, url.c_str());
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_USERAGENT, opt.user_agent.c_str());
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // everything libcurl can decode
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, robots ? 1L : 0L);
  curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(opt.connect_timeout.count()));
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(opt.total_timeout.count()));
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, opt.low_speed_bytes);
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME,
                   std::max(1L, static_cast<long>((opt.low_speed_time.count() + 999) / 1000)));
  // A declared length over the cap fails at once, but not for robots.txt,
  // whose first 500 KiB are read whatever its size.
  if (!cut_at) curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(max_body));
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, this);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, this);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);
  if (recording) {
    // VERBOSE only routes curl's debug hook; with our own hook nothing is printed.
    curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, &on_debug);
    curl_easy_setopt(e, CURLOPT_DEBUGDATA, this);
    curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);
  }
  curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
  if (exempt_targets) {
    exempt = exempt_targets;
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &open_socket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, this);
  }
  if (connect_to) curl_easy_setopt(e, CURLOPT_CONNECT_TO, connect_to);
  headers = curl_slist_append(headers, "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
  headers = curl_slist_append(headers, "Accept-Language: vi,en;q=0.8");
  if (!conditional.etag.empty())
    headers = curl_slist_append(headers, ("If-None-Match: " + conditional.etag).c_str());
  if (!conditional.last_modified.empty())
    headers = curl_slist_append(headers, ("If-Modified-Since: " + conditional.last_modified).c_str());
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
}

std::string CurlTransfer::curl_error(CURLcode rc) const {
  std::string detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
  return "curl error " + std::to_string(static_cast<int>(rc)) + ": " + detail;
}

// Our cap, or curl's own 100 KB limit for one line, which curl reports as
// "out of memory" (before any body byte) without saying more.
std::string CurlTransfer::header_trouble(CURLcode rc) const {
  if (header_too_large) return "response header too large: over " + std::to_string(max_header) + " bytes";
  if (rc == CURLE_OUT_OF_MEMORY && received == 0)
    return "response header too large: a header line over curl's 100 KB limit (" + curl_error(rc) + ")";
  return "";
}

}  // namespace winnow::fetch
