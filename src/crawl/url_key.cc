#include "crawl/url_key.h"

#include <array>

#include "fetch/url.h"

namespace winnow::crawl {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = char(x | 0x20);
    if (y >= 'A' && y <= 'Z') y = char(y | 0x20);
    if (x != y) return false;
  }
  return true;
}

// Names whose value says how the reader arrived: ad and analytics click ids
// (Google, Facebook, Microsoft, Mailchimp, Instagram, Yandex) and Zalo's.
constexpr std::array<std::string_view, 11> kTracking = {
    "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga", "yclid", "zarsrc", "gidzl"};

bool drops(std::string_view param) {
  size_t eq = param.find('=');
  std::string_view name = param.substr(0, eq);
  std::string_view value = eq == std::string_view::npos ? std::string_view() : param.substr(eq + 1);
  if (name.empty()) return true;  // "" or "=x": nothing a server reads
  if (name.size() > 4 && iequals(name.substr(0, 4), "utm_")) return true;
  for (std::string_view t : kTracking)
    if (iequals(name, t)) return true;
  // The AMP switches: which template renders the article, not which article.
  if (name == "amp" && (value.empty() || value == "1")) return true;
  return name == "outputType" && value == "amp";
}

// The query without the parameters `drops` names, the rest in order.
std::string kept_query(std::string_view query) {
  std::string out;
  while (true) {
    size_t amp = query.find('&');
    std::string_view param = query.substr(0, amp);
    if (!drops(param)) {
      if (!out.empty()) out += '&';
      out += param;
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

// One AMP path form taken out (see the header); the path as it was if none.
std::string without_amp(std::string path) {
  const auto ends = [&](std::string_view s) {
    return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
  };
  if (ends("/amp")) {
    path.resize(path.size() - 4);  // "/post/amp" -> "/post"
  } else if (ends("/amp/")) {
    path.resize(path.size() - 4);  // "/post/amp/" -> "/post/"
  } else if (path.starts_with("/amp/")) {
    path.erase(0, 4);  // "/amp/news/x" -> "/news/x"
  } else if (ends(".amp.html")) {
    path.erase(path.size() - 9, 4);  // "/a-b.amp.html" -> "/a-b.html"
  }
  if (path.empty()) path.push_back('/');
  return path;
}

// The host without a first label naming a mobile or AMP copy, when at
// least two labels remain ("m.example.com", not "m.com"). IPv6 hosts have
// no labels to drop.
std::string without_mobile_label(std::string host) {
  if (host.find(':') != std::string::npos) return host;
  for (std::string_view label : {"m.", "mobile.", "amp."}) {
    if (!host.starts_with(label)) continue;
    std::string_view rest = std::string_view(host).substr(label.size());
    size_t dot = rest.find('.');
    if (dot != std::string_view::npos && dot > 0 && dot + 1 < rest.size()) return std::string(rest);
  }
  return host;
}

}  // namespace

std::string url_key(std::string_view url) {
  std::optional<fetch::Url> parsed = fetch::parse_url(url);
  if (!parsed || !fetch::is_http(*parsed)) return std::string(url);
  const fetch::Url& u = *parsed;
  std::string path = u.path, query;
  if (size_t q = path.find('?'); q != std::string::npos) {
    query = kept_query(std::string_view(path).substr(q + 1));
    path.resize(q);
  }
  std::string host = without_mobile_label(u.host);
  std::string key = u.scheme + "://";
  bool ipv6 = host.find(':') != std::string::npos;  // brackets, as the URL wrote them
  if (ipv6) key += '[';
  key += host;
  if (ipv6) key += ']';
  bool default_port = u.port == (u.scheme == "https" ? 443 : 80);
  if (!default_port && u.port > 0) key.append(":").append(std::to_string(u.port));
  key += without_amp(std::move(path));
  if (!query.empty()) key.append("?").append(query);
  return key;
}

}  // namespace winnow::crawl
