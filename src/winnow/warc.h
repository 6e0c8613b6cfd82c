// The HTML pages of a WARC file (ISO 28500, WARC/1.0 and 1.1; plain, gzip
// per record as Common Crawl writes it, or gzip whole): what `winnow clean
// --warc` cleans. Each `response` record whose HTTP payload is an HTML page
// is handed over in file order, with its URL, record id, date and the
// charset its HTTP Content-Type names; every other record is counted by why
// it was passed over. The file is streamed: memory holds one record's block
// at a time, up to the cap.
//
// Public (installed as <winnow/warc.h>).
#ifndef WINNOW_WARC_H_
#define WINNOW_WARC_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace winnow {

struct WarcPage {
  std::string url;           // WARC-Target-URI
  std::string record_id;     // WARC-Record-ID as written: "<urn:uuid:...>"
  std::string date;          // WARC-Date as written: "2024-05-17T16:07:00Z"
  std::string charset_hint;  // the HTTP Content-Type's charset ("" if none): load_document's transport_charset
  std::string body;          // the HTTP body, de-chunked and decoded (Content-Encoding)
};

// Every record read, by what became of it. records = responses + the
// skipped_* kinds; responses = html + not_html + truncated + too_large +
// bad_http + not_2xx.
struct WarcCounts {
  uint64_t records = 0;            // complete records read
  uint64_t responses = 0;          // WARC-Type: response
  uint64_t html = 0;               // responses handed over as pages
  uint64_t skipped_request = 0;    // request records
  uint64_t skipped_metadata = 0;   // metadata records
  uint64_t skipped_revisit = 0;    // revisit records (a payload seen before, not stored again)
  uint64_t skipped_warcinfo = 0;   // warcinfo records
  uint64_t skipped_other = 0;      // resource, conversion, continuation, unknown types
  uint64_t not_html = 0;           // responses whose payload is not an HTML page
  uint64_t truncated = 0;          // responses marked WARC-Truncated (the page is cut)
  uint64_t too_large = 0;          // responses whose block is over the cap (read past, not kept)
  uint64_t bad_http = 0;           // responses whose block is no HTTP response, or a broken body
  uint64_t not_2xx = 0;            // HTTP status outside 200-299 (redirects, errors: no page)
};

// One WARC file's pages, pulled one at a time (a pool's producer takes them
// so); read_warc_pages below is the same loop with a callback. Not safe on
// many threads at once; one caller at a time.
class WarcPages {
 public:
  WarcPages();
  ~WarcPages();
  WarcPages(const WarcPages&) = delete;
  WarcPages& operator=(const WarcPages&) = delete;

  // `path` "-" is standard input. A page (the HTTP body) may have up to
  // `max_bytes`. False with `error`, one line naming the file, if it cannot
  // be opened.
  bool open(const std::string& path, size_t max_bytes, std::string* error);

  enum class Next { kPage, kEnd, kError };
  // The next HTML response, the records before it counted. kError: the file
  // broke off or is no WARC (`error`: one line naming the file and the byte
  // offset); every page before the break has been handed over. After kEnd
  // or kError, the same again.
  Next next(WarcPage* page, std::string* error);

  const WarcCounts& counts() const;
  // The file's bytes read so far (as stored: a gzipped file's compressed
  // bytes); for a progress line. 0 before open.
  uint64_t bytes_read() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Streams the file's records and hands each HTML response to `on_page` in
// file order (`on_page` returning false stops the read, and the call returns
// true); counts the rest. False with `error` (one line naming the file and
// byte offset) if the file cannot be opened or breaks off, after handing
// over everything before the break. counts->records == 0 then means nothing
// of the file read as a WARC record.
bool read_warc_pages(const std::string& path, size_t max_bytes, WarcCounts* counts,
                     const std::function<bool(WarcPage&&)>& on_page, std::string* error);

// Is an HTTP payload an HTML page? Its media type (`content_type` is the
// whole Content-Type value) is text/html or application/xhtml+xml; or it has
// none and `body` begins (after a byte-order mark and whitespace) as HTML
// does: a doctype, a comment or one of the tags of the WHATWG MIME sniffing
// rules (<html, <head, <body, <script, <div, <p, ...).
bool is_html_payload(const std::string& content_type, const std::string& body);

}  // namespace winnow

#endif  // WINNOW_WARC_H_
