// One HTTP request the fetcher sent and the response it got, as they went
// over the wire, for an archive of a crawl (crawl/archive.h writes them as
// WARC records). Every request is one: robots.txt, feeds, sitemaps,
// listing pages, articles, each retry and each redirect hop.
#ifndef WINNOW_FETCH_EXCHANGE_H_
#define WINNOW_FETCH_EXCHANGE_H_

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

namespace winnow::fetch {

struct Exchange {
  std::string url;  // this hop's URL
  std::string ip;   // the address the request went to (CURLINFO_PRIMARY_IP); "" if unknown
  std::chrono::system_clock::time_point sent;  // when the request went out
  // The request line and header lines as sent, the empty line included.
  std::string request;
  // The final response's status line and header lines as received, the
  // empty line included (an interim 1xx response is left out); "" if no
  // whole head came (a timeout, a reset, a head over the limit).
  std::string response_head;
  // The body as curl hands it over: the transfer coding (chunked) and the
  // content coding (gzip, br, zstd...) undone. Valid during the call only.
  std::string_view body;
  // Why the body is not the whole one, in WARC-Truncated's words: "length"
  // (the size cap, robots.txt's 500 KiB), "time" (a timeout), "disconnect"
  // (the connection failed mid-body), "unspecified" (a redirect curl
  // followed for robots.txt: its body was not kept); "" if whole.
  std::string truncated;
};

// Called on the fetcher's thread for each exchange, as its transfer ends and
// before the response is handed to run()'s callback.
using ExchangeSink = std::function<void(const Exchange&)>;

}  // namespace winnow::fetch

#endif  // WINNOW_FETCH_EXCHANGE_H_
