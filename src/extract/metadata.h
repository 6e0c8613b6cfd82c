// Page-level metadata any page may carry, whatever its site: the canonical
// URL, Open Graph and <meta> tags, and schema.org JSON-LD.
#ifndef WINNOW_EXTRACT_METADATA_H_
#define WINNOW_EXTRACT_METADATA_H_

#include <string>
#include <vector>

#include "html/tree.h"

namespace winnow::extract {

// The first NewsArticle/Article-like JSON-LD object's fields, and the names
// of a BreadcrumbList.
struct LinkedData {
  std::string type;            // "NewsArticle", ...
  std::string headline, description, date_published, date_modified, section;
  std::vector<std::string> authors;
  std::vector<std::string> breadcrumb;  // itemListElement names, in position order
};

struct PageMeta {
  std::string canonical;        // <link rel=canonical href>
  std::string og_url, og_title, og_description, og_type, og_site_name;
  std::string title_tag;        // <title>
  std::string description;      // <meta name=description>
  std::string published_time;   // <meta property=article:published_time>
  std::string author;           // <meta name=author>
  std::string lang;             // <html lang>
  LinkedData linked;
  int json_ld_errors = 0;       // blocks that did not parse
};

PageMeta read_page_meta(const html::Tree& tree);

// The page's own URL as it declares it: canonical, else og:url; "" if none.
std::string declared_url(const PageMeta& meta);

// The host of an absolute http(s) URL, lower-cased; "" if it has none.
std::string url_host(std::string_view url);

}  // namespace winnow::extract

#endif  // WINNOW_EXTRACT_METADATA_H_
