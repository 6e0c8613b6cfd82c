// The key one article is known by in a crawl: its URL with the parts that
// vary between the copies a site serves of it (mobile and AMP variants,
// tracking parameters, default ports, the fragment) taken out, so that the
// same article reached under two URLs is recognised before it is written
// twice (docs/dedup.md). A key is for comparing, not for fetching: it may
// name no page the site serves.
#ifndef WINNOW_CRAWL_URL_KEY_H_
#define WINNOW_CRAWL_URL_KEY_H_

#include <string>
#include <string_view>

namespace winnow::crawl {

// The rules, each applied once, in this order, to an http or https URL as
// libcurl parses it (fetch/url.h, the parser the fetch itself uses):
//
// - Scheme and host lower-cased: both are case-insensitive (RFC 3986 3.1,
//   3.2.2). The path and query are not: servers may tell "/A" from "/a".
// - The fragment dropped: it never reaches the server.
// - User name and password dropped (the parser does not keep them): no
//   article's identity lives there.
// - The default port (:80 for http, :443 for https) dropped: the same
//   server either way. Any other port is kept.
// - A host's first label `m.`, `mobile.` or `amp.` dropped (m.example.com
//   is example.com's mobile copy), when at least two labels remain. Not
//   `www.`: www.example.com and example.com may be different servers with
//   different pages.
// - An AMP path form dropped, AMP's conventions being lower-case:
//     `/amp` as the last segment, with or without a trailing slash
//       ("/post/amp/" -> "/post/", WordPress's form; "/post/amp" -> "/post");
//     `/amp/` as the first segment ("/amp/news/x" -> "/news/x");
//     `.amp` before a final `.html` ("/a-b.amp.html" -> "/a-b.html").
//   Only the first of these that applies, in this order; "amp" as a
//   segment in the middle of a path is a real word and stays.
// - Tracking parameters dropped: every `utm_*`, `fbclid`, `gclid`, `dclid`,
//   `msclkid`, `mc_cid`, `mc_eid`, `igshid`, `_ga`, `yclid`, and Zalo's
//   `zarsrc` and `gidzl` (common on Vietnamese sites), names compared
//   without case; and the AMP switches `amp`, `amp=1` and `outputType=amp`.
//   They say how a reader arrived, not what they read. Empty parameters
//   ("a=1&&b=2") go too. Every other parameter is kept, in its order and
//   spelling: `?id=5` may be the article itself, and sorting could join
//   two pages a server tells apart by order.
// - A `?` with no query left dropped.
//
// Dot segments are resolved as the parser resolves them ("/a/./b/../c" is
// "/a/c"); percent-escapes and trailing slashes are left as they are: "/a"
// and "/a/" may be two pages.
//
// A URL the parser refuses, and any URL whose scheme is not http or https
// (the crawl fetches no other), is returned unchanged.
std::string url_key(std::string_view url);

}  // namespace winnow::crawl

#endif  // WINNOW_CRAWL_URL_KEY_H_
