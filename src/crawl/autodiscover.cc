#include "crawl/autodiscover.h"

#include <unordered_set>

#include "extract/text.h"
#include "fetch/url.h"

namespace winnow::crawl {
namespace {

bool has_token(std::string_view list, std::string_view token) {
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && (list[i] == ' ' || list[i] == '\t' || list[i] == '\n')) ++i;
    size_t j = i;
    while (j < list.size() && list[j] != ' ' && list[j] != '\t' && list[j] != '\n') ++j;
    if (list.substr(i, j - i) == token) return true;
    i = j;
  }
  return false;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

const std::vector<std::string> kUsualFeedPaths = {"/rss",     "/feed",        "/rss.xml",          "/feed.xml",
                                                  "/atom.xml", "/rss/home.rss", "/rss/tin-moi-nhat.rss"};
const std::vector<std::string> kUsualSitemapPaths = {"/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml",
                                                     "/sitemap-news.xml"};

std::vector<std::string> feed_links(const html::Page& page, const std::string& page_url) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  const html::Tree& tree = page.tree;
  for (html::NodeId i = 0; i < tree.size(); ++i) {
    if (tree[i].tag != GUMBO_TAG_LINK) continue;
    if (!has_token(extract::lower_ascii(tree.attr(i, "rel")), "alternate")) continue;
    std::string type = extract::lower_ascii(tree.attr(i, "type"));
    if (type.find("application/rss+xml") != 0 && type.find("application/atom+xml") != 0) continue;
    auto abs = fetch::resolve_url(page_url, tree.attr(i, "href"));
    if (!abs || abs->rfind("http", 0) != 0) continue;
    if (seen.insert(*abs).second) out.push_back(std::move(*abs));
  }
  return out;
}

std::vector<std::string> robots_sitemaps(std::string_view text, const std::string& robots_url) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte order mark
  while (!text.empty()) {
    // Lines end at LF, CRLF or a lone CR (RFC 9309, as fetch/robots.cc reads them).
    size_t nl = text.find_first_of("\r\n");
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    if (extract::lower_ascii(trim(line.substr(0, colon))) != "sitemap") continue;
    std::string_view value = trim(line.substr(colon + 1));
    if (value.empty()) continue;
    auto abs = fetch::resolve_url(robots_url, value);
    if (!abs || abs->rfind("http", 0) != 0) continue;
    if (seen.insert(*abs).second) out.push_back(std::move(*abs));
  }
  return out;
}

}  // namespace winnow::crawl
