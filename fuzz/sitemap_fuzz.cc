// XML sitemaps and sitemap indexes, plain or gzip: the entries counted are
// the entries handed over, each with an absolute URL; a refusal says why.
#include "crawl/sitemap.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  size_t entries = 0;
  winnow::crawl::Sitemap map = winnow::crawl::parse_sitemap(
      winnow::fuzz::as_view(data, size), "https://tinnhanh.example/sitemap.xml", size_t{4} << 20,
      [&](const winnow::crawl::SitemapEntry& e) {
        ++entries;
        if (e.loc.rfind("http", 0) != 0 && e.loc.find("://") == std::string::npos) abort();
      });
  if (map.ok && map.entries != entries) abort();
  if (!map.ok && map.error.empty()) abort();
  return 0;
}
