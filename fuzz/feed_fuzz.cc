// RSS and Atom feeds: the items counted are the items handed over.
#include "crawl/discover.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  size_t items = 0;
  winnow::crawl::Feed feed = winnow::crawl::parse_feed(
      winnow::fuzz::as_view(data, size), "https://thoidai.com.vn/rss/home.rss",
      [&](const winnow::crawl::FeedItem& item) { ++items; (void)item; });
  if (feed.ok && feed.items != items) abort();
  if (!feed.ok && feed.error.empty()) abort();  // a refusal always says why
  return 0;
}
