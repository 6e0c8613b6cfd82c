// Finding article URLs: in RSS 2.0 / Atom feeds (read with libxml2, no
// network access, no entity expansion) and in a site's listing pages.
#ifndef WINNOW_CRAWL_DISCOVER_H_
#define WINNOW_CRAWL_DISCOVER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "html/page.h"
#include "rules/rule_set.h"

namespace winnow::crawl {

struct FeedItem {
  std::string link;   // absolute
  std::string title;
  std::string date;   // as the feed wrote it (pubDate, updated, published)
  std::optional<int64_t> when;  // the date as Unix time, if it parses
};

struct Feed {
  bool ok = false;
  std::string error;    // why not, one line
  std::string warning;  // ok, but its XML broke off: the items before it were read
  size_t items = 0;
};

// Reads an RSS 2.0 (<item><link>) or Atom (<entry><link href>) feed
// (crawl/xml_stream.h: streaming, no network, no entities),
// handing each item to `on_item` as it is read (links resolved against
// `feed_url`): memory does not grow with the feed's length.
Feed parse_feed(std::string_view xml, const std::string& feed_url,
                const std::function<void(const FeedItem&)>& on_item);

struct Listing {
  std::vector<std::string> links;  // every a[href] of the page, resolved, in order, once each
  std::string next_page;           // the site's "next page" link, if any
};

// Reads a listing page: its links and where the next page is (the rule set's
// next_page selectors; absent that, nothing).
Listing read_listing(const html::Page& page, const std::string& page_url, const rules::RuleSet& rules);

}  // namespace winnow::crawl

#endif  // WINNOW_CRAWL_DISCOVER_H_
