#include "crawl/discover.h"

#include <curl/curl.h>

#include <unordered_set>

#include "crawl/xml_stream.h"
#include "fetch/url.h"
#include "html/select.h"

namespace winnow::crawl {
namespace {

// An <item> (RSS) or <entry> (Atom).
FeedItem read_item(xmlNode* item, const std::string& feed_url) {
  FeedItem it;
  std::string link, alternate, guid;
  for (xmlNode* c = item->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is_element(c, "link")) {
      std::string href = attribute(c, "href");
      if (href.empty()) {
        link = node_text(c);  // RSS
      } else {
        std::string rel = attribute(c, "rel");
        if (rel.empty() || rel == "alternate") alternate = href;  // Atom
      }
    } else if (is_element(c, "guid")) {
      std::string perma = attribute(c, "isPermaLink");
      if (perma != "false") guid = node_text(c);
    } else if (is_element(c, "title")) {
      it.title = node_text(c);
    } else if ((is_element(c, "pubDate") || is_element(c, "published") || is_element(c, "updated") || is_element(c, "date")) &&
               it.date.empty()) {
      it.date = node_text(c);
    }
  }
  std::string chosen = !link.empty() ? link : !alternate.empty() ? alternate : guid;
  if (auto abs = fetch::resolve_url(feed_url, chosen)) it.link = *abs;
  if (!it.date.empty()) {
    time_t t = curl_getdate(it.date.c_str(), nullptr);  // RFC 822 and ISO 8601 alike
    if (t >= 0) it.when = t;
  }
  return it;
}

}  // namespace

Feed parse_feed(std::string_view xml, const std::string& feed_url,
                const std::function<void(const FeedItem&)>& on_item) {
  Feed feed;
  XmlStream read = stream_xml(
      xml, feed_url, [](std::string_view root) { return root == "rss" || root == "feed" || root == "RDF"; },
      [](std::string_view name) { return name == "item" || name == "entry"; },
      [&](xmlNode* node) {
        FeedItem it = read_item(node, feed_url);
        if (it.link.empty()) return;
        ++feed.items;
        on_item(it);
      });
  if (read.entities) feed.error = "declares XML entities (no feed needs one): not read";
  else if (!read.read) feed.error = "not XML";
  else if (read.refused) feed.error = "not an RSS or Atom feed (root element <" + read.root + ">)";
  else feed.ok = true;
  if (feed.ok && read.broken)
    feed.warning = "broken XML at line " + std::to_string(read.line) + " after " + std::to_string(feed.items) +
                   " items: the rest was not read";
  return feed;
}

Listing read_listing(const html::Page& page, const std::string& page_url, const rules::RuleSet& rules) {
  Listing out;
  const html::Tree& tree = page.tree;
  std::unordered_set<std::string> seen;
  for (html::NodeId i = 0; i < tree.size(); ++i) {
    if (tree[i].tag != GUMBO_TAG_A) continue;
    std::string_view href = tree.attr(i, "href");
    if (href.empty()) continue;
    auto abs = fetch::resolve_url(page_url, href);
    if (!abs || abs->rfind("http", 0) != 0) continue;  // mailto:, javascript:...
    if (seen.insert(*abs).second) out.links.push_back(std::move(*abs));
  }
  for (const rules::SelectorRule& s : rules.next_page) {
    for (html::NodeId id : s.selector.select(tree)) {
      auto abs = fetch::resolve_url(page_url, tree.attr(id, "href"));
      if (abs && *abs != page_url) {
        out.next_page = *abs;
        return out;
      }
    }
  }
  return out;
}

}  // namespace winnow::crawl
