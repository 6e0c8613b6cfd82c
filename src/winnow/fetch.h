// Fetching pages politely and cleaning them: `winnow fetch` as calls.
// Politeness, robots.txt, retries, limits and the address policy are the
// fetcher's (README "Fetching"); these calls only choose its settings.
//
// Public (installed as <winnow/fetch.h>).
#ifndef WINNOW_FETCH_H_
#define WINNOW_FETCH_H_

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/article.h"
#include "winnow/clean_request.h"
#include "winnow/rules.h"

namespace winnow {

// The fetcher's settings that a caller may choose. Each one left unset keeps
// the default (README "Fetching"), or for a crawl the job file's value. The
// ranges are winnow/ranges.h's; values are taken as given.
struct FetchSettings {
  std::optional<std::string> user_agent;    // "name/version (+contact)"
  std::optional<int> concurrency;           // transfers at once
  std::optional<int> per_host;              // transfers at once per site
  std::optional<long> delay_ms;             // least gap between two requests to one site
  std::optional<long> timeout_s;            // total time per request
  std::optional<int> retries;               // on timeouts, connection errors, 5xx, 429
  std::optional<size_t> max_bytes;          // largest body, after decompression
  std::optional<bool> obey_robots;          // fetch and obey robots.txt
  std::optional<bool> allow_private_addresses;  // loopback, private, link-local allowed
  // curl's --connect-to entries, "HOST:PORT:CONNECT-HOST:CONNECT-PORT": the
  // URLs stay real while the connection goes elsewhere. Empty: unset.
  std::vector<std::string> connect_to;
};

// One URL's outcome.
struct FetchedArticle {
  bool ok = false;        // fetched, an HTML page, cleaned
  std::string url;        // as given
  std::string final_url;  // after redirects
  // !ok: why, one line: the HTTP status, the curl error, a robots.txt
  // deferral, or why the body is no HTML page ("not an HTML page: application/pdf").
  std::string error;
  Article article;        // ok: cleaned with the request, its url the final URL
};

// Called on the calling thread as each URL completes, in completion order;
// `index` is the URL's place in the list.
using ArticleFetched = std::function<void(size_t index, FetchedArticle&& fetched)>;

// Fetches every URL (each once, politely, many at once) and cleans each
// page with its site's rules. Returns when all are done.
void fetch_articles(const RuleLibrary& library, const std::vector<std::string>& urls,
                    const FetchSettings& settings, const CleanRequest& request, const ArticleFetched& fetched);

// One URL's page as the site served it, not cleaned (`winnow fixture add`
// saves it as a fixture).
struct FetchedPage {
  bool ok = false;           // fetched and an HTML page
  std::string url;           // as given
  std::string final_url;     // after redirects
  std::string error;         // !ok: as FetchedArticle's
  std::string content_type;  // the Content-Type header, as served
  std::string body;          // ok: the body byte for byte (only its Content-Encoding undone)
};
using PageFetched = std::function<void(size_t index, FetchedPage&& page)>;

// fetch_articles' fetching alone (the same settings, politeness and
// checks, a body that is no HTML page an error): each page handed over as
// served. Returns when all are done.
void fetch_pages(const std::vector<std::string>& urls, const FetchSettings& settings, const PageFetched& fetched);

// Where `winnow fetch --out DIR` writes each article of a run:
// DIR/HOST/NAME.EXT, NAME the URL's last path segment. A second URL whose
// article would take a name already given in the run (/sec1/same.html and
// /sec2/same.html) gets "-" and 8 hex digits of its URL's hash added, so no
// article overwrites another; the same URL twice keeps its one file.
class ArticleFileNames {
 public:
  std::string claim(const std::string& dir, const std::string& url, const std::string& final_url,
                    const std::string& ext);

 private:
  std::map<std::string, std::string> owners_;  // path -> the URL that has it
};

// Writes `content` to `path` crash-safely (the old file or the new one,
// never a part), making its directories first.
bool write_article_file(const std::string& path, std::string_view content, std::string* error);

}  // namespace winnow

#endif  // WINNOW_FETCH_H_
