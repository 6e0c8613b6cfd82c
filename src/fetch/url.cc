#include "fetch/url.h"

#include <curl/curl.h>

#include <memory>

namespace winnow::fetch {
namespace {

struct UrlHandle {
  CURLU* h = curl_url();
  ~UrlHandle() { curl_url_cleanup(h); }
  std::string get(CURLUPart part, unsigned flags = 0) const {
    char* s = nullptr;
    if (curl_url_get(h, part, &s, flags) != CURLUE_OK || !s) return {};
    std::string out(s);
    curl_free(s);
    return out;
  }
};

std::string lower(std::string s) {
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c;
  return s;
}

}  // namespace

std::string Url::origin() const { return scheme + "://" + host + ":" + std::to_string(port); }

bool is_http(const Url& url) { return url.scheme == "http" || url.scheme == "https"; }

std::optional<Url> parse_url(std::string_view text) {
  UrlHandle u;
  // Any scheme parses (so a redirect to ftp:// can be named and refused).
  if (curl_url_set(u.h, CURLUPART_URL, std::string(text).c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK)
    return std::nullopt;
  Url url;
  url.scheme = lower(u.get(CURLUPART_SCHEME));
  url.host = lower(u.get(CURLUPART_HOST));
  if (url.host.size() > 1 && url.host.front() == '[') url.host = url.host.substr(1, url.host.size() - 2);
  std::string port = u.get(CURLUPART_PORT, CURLU_DEFAULT_PORT);
  url.port = port.empty() ? 0 : std::atoi(port.c_str());
  url.path = u.get(CURLUPART_PATH);
  if (url.path.empty()) url.path = "/";
  std::string query = u.get(CURLUPART_QUERY);
  if (!query.empty()) url.path += "?" + query;
  curl_url_set(u.h, CURLUPART_FRAGMENT, nullptr, 0);
  url.full = u.get(CURLUPART_URL);
  if (url.scheme.empty() || url.full.empty()) return std::nullopt;
  return url;
}

std::optional<std::string> resolve_url(std::string_view base, std::string_view href) {
  UrlHandle u;
  if (curl_url_set(u.h, CURLUPART_URL, std::string(base).c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK)
    return std::nullopt;
  std::string h(href);
  while (!h.empty() && (h.back() == ' ' || h.back() == '\n' || h.back() == '\t' || h.back() == '\r')) h.pop_back();
  size_t lead = 0;
  while (lead < h.size() && (h[lead] == ' ' || h[lead] == '\n' || h[lead] == '\t' || h[lead] == '\r')) ++lead;
  h.erase(0, lead);
  if (h.empty() || h[0] == '#') return std::nullopt;
  if (curl_url_set(u.h, CURLUPART_URL, h.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK)
    return std::nullopt;
  curl_url_set(u.h, CURLUPART_FRAGMENT, nullptr, 0);
  std::string out = u.get(CURLUPART_URL);
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace winnow::fetch
