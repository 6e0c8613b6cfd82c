// robots.txt, as RFC 9309 specifies it: the group for our product token
// (else "*"), Allow/Disallow rules with "*" and "$", the longest match
// wins and Allow wins a tie; Crawl-delay is read too (not in the RFC, but
// sites use it and a polite crawler honours it).
#ifndef WINNOW_FETCH_ROBOTS_H_
#define WINNOW_FETCH_ROBOTS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::fetch {

class Robots {
 public:
  // RFC 9309: a crawler must read at least this much of the file (500 KiB)
  // and may ignore the rest; parse() reads no more.
  static constexpr std::size_t kMaxBytes = 512000;

  // `product_token` is the crawler's name as robots.txt groups address it,
  // e.g. "winnow" for the user agent "winnow/0.1 (+mailto:ops@example.com)".
  // Matching of user-agent lines is case-insensitive. At most kMaxBytes of
  // the file are read; a line cut in two there is dropped (so a text cut
  // after kMaxBytes + 1 bytes reads as the whole file would).
  static Robots parse(std::string_view text, std::string_view product_token);
  static Robots allow_all();     // no file (4xx): everything allowed
  static Robots disallow_all();  // nothing allowed (the site refused by the address policy)

  // `path` is the URL's path and query ("/a/b?x=1"), percent-encoded as in
  // the URL. "/robots.txt" itself is always allowed.
  bool allowed(std::string_view path) const;
  std::optional<double> crawl_delay() const { return crawl_delay_; }

  // The product token of a user agent string: its first word, before '/'.
  static std::string product_token(std::string_view user_agent);

 private:
  struct Rule {
    bool allow;
    std::string pattern;  // as written (percent-encoding normalised)
  };
  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_;
  bool disallow_all_ = false;
};

}  // namespace winnow::fetch

#endif  // WINNOW_FETCH_ROBOTS_H_
