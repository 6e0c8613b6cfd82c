// One HTTP request on a curl easy handle, for the fetcher (fetcher.cc):
// the handle set up from the fetch options, the body, header and address
// limits enforced in curl's callbacks, and what went wrong said in one line.
#ifndef WINNOW_FETCH_CURL_TRANSFER_H_
#define WINNOW_FETCH_CURL_TRANSFER_H_

#include <curl/curl.h>

#include <chrono>
#include <string>
#include <vector>

#include "fetch/fetcher.h"

namespace winnow::fetch {

struct CurlTransfer {
  CURL* easy = nullptr;
  std::string host_name;  // the URL's host, for the address policy's message
  std::string body;
  size_t max_body = 0;    // abort past this: too large
  size_t max_header = 0;  // all header lines of the responses, curl's redirects included
  size_t cut_at = 0;      // keep this much, then stop the transfer: a success (0: no cut)
  bool too_large = false;
  bool cut = false;       // stopped at cut_at: the body is the kept part
  size_t received = 0;    // body bytes, after decompression
  size_t header_bytes = 0;
  bool header_too_large = false;
  curl_slist* headers = nullptr;
  char errbuf[CURL_ERROR_SIZE] = {0};
  // The address policy, for the socket callback: null when private addresses
  // are allowed. `refused` says why a connection was refused, if one was.
  const std::vector<std::string>* exempt = nullptr;
  std::string refused;
  // Recording (Fetcher::record): each request sent and the response head
  // received, hop by hop (robots.txt's redirects are curl's, in one
  // transfer). Set before setup(), which then asks curl for the requests.
  struct Hop {
    std::string request, head, ip;
    std::chrono::system_clock::time_point sent;
    bool head_done = false;  // the head's empty line came
  };
  bool recording = false;
  std::vector<Hop> hops;

  CurlTransfer() = default;
  CurlTransfer(const CurlTransfer&) = delete;
  CurlTransfer& operator=(const CurlTransfer&) = delete;
  ~CurlTransfer() { curl_slist_free_all(headers); }

  // Sets `e` up for a GET of `url`. robots.txt: curl follows its redirects
  // (RFC 9309: at least five) and only its first 500 KiB are read; a page's
  // redirects are the fetcher's, to check every hop. `exempt`: the
  // connect-to targets, or null when private addresses are allowed.
  void setup(CURL* e, const FetchOptions& opt, const std::string& url, const std::string& host, bool robots,
             const Request& conditional, const std::vector<std::string>* exempt, curl_slist* connect_to);

  // "curl error 28: Operation timed out after ..."
  std::string curl_error(CURLcode rc) const;
  // "response header too large: ..." when that is what ended the transfer, else "".
  std::string header_trouble(CURLcode rc) const;
};

}  // namespace winnow::fetch

#endif  // WINNOW_FETCH_CURL_TRANSFER_H_
