// Reading a feed or a sitemap as a stream (libxml2's xmlTextReader): one
// entry element expanded at a time and freed after, so memory stays flat
// whatever the document's length; no network (DTDs, XInclude), no entity
// substitution, recovery from sloppy XML. What crawl/discover.h (feeds)
// and crawl/sitemap.h (sitemaps) share.
#ifndef WINNOW_CRAWL_XML_STREAM_H_
#define WINNOW_CRAWL_XML_STREAM_H_

#include <libxml/tree.h>

#include <functional>
#include <string>
#include <string_view>

namespace winnow::crawl {

struct XmlStream {
  bool read = false;     // a root element was found
  std::string root;      // its local name
  bool refused = false;  // on_root said no: not the kind of document wanted
  // Entity declarations refused, before anything is read: no feed or
  // sitemap needs one, and one entity referenced a million times is a
  // gigabyte of text (libxml2 guards nested expansion only).
  bool entities = false;
  // The XML broke off at `line` (a byte not of its encoding, an undefined
  // entity...): what came before was handed on, the rest is not read.
  bool broken = false;
  int line = 0;
};

// Hands the root element's local name to `on_root` (false: stop, refused),
// then every element whose local name `is_entry` accepts, expanded, to
// `on_entry`. Entries are not searched inside one another.
XmlStream stream_xml(std::string_view xml, const std::string& base_url,
                     const std::function<bool(std::string_view root)>& on_root,
                     const std::function<bool(std::string_view name)>& is_entry,
                     const std::function<void(xmlNode* entry)>& on_entry);

// An element's text content, trimmed of ASCII whitespace.
std::string node_text(xmlNode* n);
// An element of this local name (namespace prefixes vary: news:, n:, none).
bool is_element(xmlNode* n, const char* local);
// An attribute's value, "" when absent.
std::string attribute(xmlNode* n, const char* name);

}  // namespace winnow::crawl

#endif  // WINNOW_CRAWL_XML_STREAM_H_
