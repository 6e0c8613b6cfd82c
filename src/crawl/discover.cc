#include "crawl/discover.h"

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <unordered_set>

#include "fetch/url.h"
#include "html/select.h"

namespace winnow::crawl {
namespace {

std::string node_text(xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  std::string s = c ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  size_t a = s.find_first_not_of(" \t\r\n");
  size_t b = s.find_last_not_of(" \t\r\n");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

bool named(xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

std::string attr(xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::string s = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return s;
}

// An <item> (RSS) or <entry> (Atom).
FeedItem read_item(xmlNode* item, const std::string& feed_url) {
  FeedItem it;
  std::string link, alternate, guid;
  for (xmlNode* c = item->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (named(c, "link")) {
      std::string href = attr(c, "href");
      if (href.empty()) {
        link = node_text(c);  // RSS
      } else {
        std::string rel = attr(c, "rel");
        if (rel.empty() || rel == "alternate") alternate = href;  // Atom
      }
    } else if (named(c, "guid")) {
      std::string perma = attr(c, "isPermaLink");
      if (perma != "false") guid = node_text(c);
    } else if (named(c, "title")) {
      it.title = node_text(c);
    } else if ((named(c, "pubDate") || named(c, "published") || named(c, "updated") || named(c, "date")) &&
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

void collect(xmlNode* n, const std::string& feed_url, std::vector<FeedItem>* out, int depth) {
  for (; n && depth < 8; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (named(n, "item") || named(n, "entry")) {
      FeedItem it = read_item(n, feed_url);
      if (!it.link.empty()) out->push_back(std::move(it));
      continue;
    }
    collect(n->children, feed_url, out, depth + 1);
  }
}

}  // namespace

Feed parse_feed(std::string_view xml, const std::string& feed_url) {
  Feed feed;
  // No network (DTDs, XInclude), no entity substitution, recover from
  // sloppy feeds; libxml2's default limits guard depth and size.
  int flags = XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  xmlDoc* doc = xmlReadMemory(xml.data(), static_cast<int>(std::min<size_t>(xml.size(), INT32_MAX)),
                              feed_url.c_str(), nullptr, flags);
  if (!doc) {
    feed.error = "not XML";
    return feed;
  }
  xmlNode* root = xmlDocGetRootElement(doc);
  if (!root || !(named(root, "rss") || named(root, "feed") || named(root, "RDF"))) {
    feed.error = std::string("not an RSS or Atom feed (root element <") +
                 (root ? reinterpret_cast<const char*>(root->name) : "none") + ">)";
    xmlFreeDoc(doc);
    return feed;
  }
  collect(root->children, feed_url, &feed.items, 0);
  xmlFreeDoc(doc);
  feed.ok = true;
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
