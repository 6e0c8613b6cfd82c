// fetch_pages, fetch_articles and the --out file names (winnow/fetch.h):
// `winnow fetch`'s work, a fetcher run whose pages are handed over as served
// (`winnow fixture add`) or cleaned as they arrive.
#include <optional>

#include "crawl/fetch_settings.h"
#include "fetch/content_kind.h"
#include "fetch/fetcher.h"
#include "html/charset.h"
#include "output/files.h"
#include "winnow/clean.h"
#include "winnow/document.h"
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

void fetch_articles(const RuleLibrary& library, const std::vector<std::string>& urls,
                    const FetchSettings& settings, const CleanRequest& request, const ArticleFetched& fetched) {
  fetch_pages(urls, settings, [&](size_t index, FetchedPage&& page) {
    FetchedArticle out{.url = page.url, .final_url = page.final_url, .error = page.error};
    if (page.ok) {
      Document doc = load_document(page.body, html::charset_from_content_type(page.content_type));
      CleanRequest page_request = request;
      page_request.url = page.final_url;
      out.article = clean(library, doc, page_request);
      out.ok = true;
    }
    fetched(index, std::move(out));
  });
}

std::string ArticleFileNames::claim(const std::string& dir, const std::string& url, const std::string& final_url,
                                     const std::string& ext) {
  const std::string stem = dir + "/" + output::article_file_stem(final_url);
  const std::string tag = "-" + output::hex64(output::fnv1a64(url)).substr(0, 8);
  for (int n = 0;; ++n) {  // n > 1 only if two names' hashes collide too
    std::string path = stem + (n == 0 ? "" : tag) + (n > 1 ? "-" + std::to_string(n) : "") + ext;
    auto [it, fresh] = owners_.emplace(path, url);
    if (fresh || it->second == url) return path;  // the same URL twice: its own file again
  }
}

bool write_article_file(const std::string& path, std::string_view content, std::string* error) {
  return output::make_dirs(path.substr(0, path.rfind('/')), error) &&
         output::write_file_atomic(path, content, error);
}

}  // namespace winnow
