// fetch_pages (winnow/fetch.h): the fetcher's pages handed over as served,
// uncleaned, for `winnow fixture add`. fetch_articles
// (src/crawl/fetch_articles.cc) is the same run with each page cleaned.
#include <optional>

#include "crawl/fetch_settings.h"
#include "fetch/content_kind.h"
#include "fetch/fetcher.h"
#include "winnow/fetch.h"

namespace winnow {

void fetch_pages(const std::vector<std::string>& urls, const FetchSettings& settings, const PageFetched& fetched) {
  fetch::FetchOptions options;
  crawl::apply_fetch_settings(settings, &options);
  fetch::Fetcher fetcher(options);
  for (size_t i = 0; i < urls.size(); ++i) fetcher.submit({.url = urls[i], .tag = i});
  fetcher.run([&](fetch::Response&& r) {
    FetchedPage out{.url = r.url, .final_url = r.final_url, .error = r.error, .content_type = r.content_type};
    if (r.ok()) {
      if (std::optional<std::string> why = fetch::not_html(r.content_type, r.body)) {
        out.error = *why;
      } else {
        out.body = std::move(r.body);
        out.ok = true;
      }
    }
    fetched(r.tag, std::move(out));
  });
}

}  // namespace winnow
