#include "crawl/discover.h"

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>

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

}  // namespace

Feed parse_feed(std::string_view xml, const std::string& feed_url,
                const std::function<void(const FeedItem&)>& on_item) {
  Feed feed;
  // A streaming read, one item expanded at a time: memory stays small
  // whatever the feed's length. No network (DTDs, XInclude), no entity
  // substitution; recover from sloppy feeds.
  int flags = XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  xmlTextReaderPtr reader = xmlReaderForMemory(xml.data(), static_cast<int>(std::min<size_t>(xml.size(), INT32_MAX)),
                                               feed_url.c_str(), nullptr, flags);
  if (!reader) {
    feed.error = "not XML";
    return feed;
  }
  bool root_seen = false;
  int ret = xmlTextReaderRead(reader);
  while (ret == 1) {
    if (xmlTextReaderNodeType(reader) == XML_READER_TYPE_ELEMENT) {
      const char* name = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader));
      std::string_view n = name ? name : "";
      if (!root_seen) {
        root_seen = true;
        if (n != "rss" && n != "feed" && n != "RDF") {
          feed.error = "not an RSS or Atom feed (root element <" + std::string(n) + ">)";
          xmlFreeTextReader(reader);
          return feed;
        }
      } else if (n == "item" || n == "entry") {
        if (xmlNode* node = xmlTextReaderExpand(reader)) {
          FeedItem it = read_item(node, feed_url);
          if (!it.link.empty()) {
            ++feed.items;
            on_item(it);
          }
        }
        ret = xmlTextReaderNext(reader);  // past the item, its subtree freed
        continue;
      }
    }
    ret = xmlTextReaderRead(reader);
  }
  xmlFreeTextReader(reader);
  if (!root_seen) {
    feed.error = "not XML";
    return feed;
  }
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
