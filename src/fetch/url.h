// URLs through libcurl's own parser (the one that will fetch them), so what
// we check is what curl does.
#ifndef WINNOW_FETCH_URL_H_
#define WINNOW_FETCH_URL_H_

#include <optional>
#include <string>
#include <string_view>

namespace winnow::fetch {

struct Url {
  std::string scheme;  // lower-case: "http", "https", ...
  std::string host;    // lower-case, no brackets for IPv6
  int port = 0;        // the explicit port, else the scheme's default
  std::string path;    // path and query, e.g. "/a/b?x=1" ("/" if empty)
  std::string full;    // normalised absolute URL

  // "http://host:port": politeness and robots.txt are per origin.
  std::string origin() const;
};

// Parses an absolute URL; nullopt if it is not one.
std::optional<Url> parse_url(std::string_view url);

// `href` resolved against `base` (an absolute URL); nullopt if it cannot be.
// Fragments are removed.
std::optional<std::string> resolve_url(std::string_view base, std::string_view href);

bool is_http(const Url& url);  // http or https

}  // namespace winnow::fetch

#endif  // WINNOW_FETCH_URL_H_
