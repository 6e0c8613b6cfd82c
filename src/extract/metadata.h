// Page-level metadata any page may carry, whatever its site: the canonical
// URL, Open Graph and <meta> tags, and schema.org JSON-LD.
#ifndef WINNOW_EXTRACT_METADATA_H_
#define WINNOW_EXTRACT_METADATA_H_

#include <string>
#include <vector>

#include "html/tree.h"

namespace winnow::extract {

// A JSON-LD author: its name and @type ("Person", "Organization"; "" for a
// bare string or an object without one).
struct LinkedAuthor {
  std::string name, type;
};

// The page's main JSON-LD item (read_page_meta picks it: the article-like
// object whose url, @id or mainEntityOfPage is the page's canonical URL,
// else the first NewsArticle/Article-like one, else a WebPage), and the
// names of a BreadcrumbList. Strings have their character references
// decoded (entities.h).
struct LinkedData {
  std::string type;            // "NewsArticle", ...
  std::string headline, description, date_published, date_modified, section;
  std::vector<LinkedAuthor> authors;
  std::string publisher;       // publisher.name
  std::string image;           // image: a URL, or an ImageObject's url
  std::vector<std::string> keywords;  // a list, or one comma-separated string split
  std::vector<std::string> breadcrumb;  // itemListElement names, in position order
  // Every @type of the page's items (top level and @graph), once each in
  // page order: what kind of page it says it is (extract/page_type.h).
  std::vector<std::string> types;
  // The longest `description` of a Product (or ProductGroup) item, its
  // markup taken out: a product page may give it nowhere else.
  std::string product_description;
};

// Meta contents have their character references decoded once more
// (entities.h): sites that escape twice leave "&quot;" after the parser.
struct PageMeta {
  std::string canonical;        // <link rel=canonical href>
  std::string og_url, og_title, og_description, og_type, og_site_name, og_image, og_locale;
  std::string twitter_title, twitter_image;
  std::string title_tag;        // <title>
  std::string description;      // <meta name=description>
  std::string published_time;   // <meta property=article:published_time>
  std::string author;           // <meta name=author>
  // Every <meta name=citation_author> (Google Scholar's tags, one author
  // each, often "Last, First") and <meta name=DC.creator>, in page order.
  std::vector<std::string> citation_authors;
  std::string application_name; // <meta name=application-name>
  std::string keywords, news_keywords;  // <meta name=keywords>, news_keywords
  std::vector<std::string> article_tags;  // every <meta property=article:tag>
  std::string content_language; // <meta http-equiv=content-language>
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
