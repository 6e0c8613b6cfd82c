// Reading WARC files (ISO 28500, WARC/1.0 and WARC/1.1) record by record:
// what `winnow clean --warc` cleans the HTML responses of. A crawl's WARC is
// gigabytes, so the reader streams: it reads the file (or a pipe, or stdin)
// in chunks, inflates gzip as it goes (one member a record, as Common Crawl
// writes it, or one member for the whole file), and holds at most one block
// up to the caller's cap; a larger block is read past and reported, not kept.
#ifndef WINNOW_IO_WARC_H_
#define WINNOW_IO_WARC_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace winnow::io {

struct WarcRecord {
  std::string version;                                       // "WARC/1.0" or "WARC/1.1"
  std::vector<std::pair<std::string, std::string>> headers;  // as written, in order
  std::string type;          // WARC-Type, lower-cased: "response", "request", "warcinfo", "metadata", ...
  std::string target_uri;    // WARC-Target-URI (angle brackets <...> stripped if present, WARC 1.0 style)
  std::string record_id;     // WARC-Record-ID as written, e.g. "<urn:uuid:...>"
  std::string date;          // WARC-Date as written
  std::string content_type;  // Content-Type of the block
  bool truncated = false;    // a WARC-Truncated header is present (any value)
  bool too_large = false;    // the block is over the reader's cap: `block` empty, the bytes skipped
  std::string block;         // the content block (Content-Length bytes)
  uint64_t offset = 0;       // where the record starts in the file's (decompressed) stream, for messages
  std::string header(std::string_view name) const;  // first header of that name, case-insensitive; "" if none
};

class WarcReader {
 public:
  WarcReader();
  ~WarcReader();
  WarcReader(const WarcReader&) = delete;
  WarcReader& operator=(const WarcReader&) = delete;

  // path "-" = standard input. Gzip detected by its magic bytes (either
  // per-record members concatenated, or one member for the whole file).
  // False with `error` set (one line, no file name) if it cannot be opened:
  // "no such file", "is a directory", "cannot open: Permission denied".
  // A FIFO is opened without blocking (one without a writer reads as empty).
  bool open(const std::string& path, size_t max_block_bytes, std::string* error);

  enum class Next { kRecord, kEnd, kError };
  // The next record. kEnd at a clean end of input; kError with `error` set
  // (one line: what and at which byte offset, e.g. "not a WARC record at
  // byte 1234 (starts "HTTP/1.1 ...")", "truncated record at byte N:
  // Content-Length 5000, 1200 bytes left", "gzip: ... at byte N") --
  // everything before it has been returned. Offsets are in the decompressed
  // stream, but a gzip error's is in the file ("at compressed byte N").
  // Memory is bounded by the cap: a block over it is skipped (read and
  // discarded, too_large = true). After kEnd or kError, the same again.
  Next next(WarcRecord* record, std::string* error);

  uint64_t bytes_read() const;  // compressed bytes consumed so far

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// An HTTP/1.x response as a WARC `response` record's block holds it.
struct HttpResponse {
  int status = 0;  // 200
  std::vector<std::pair<std::string, std::string>> headers;
  std::string header(std::string_view name) const;  // case-insensitive, first; "" if none
  std::string body;  // de-chunked (Transfer-Encoding: chunked) and decoded (Content-Encoding: gzip, x-gzip, deflate),
                     // up to max_body_bytes
};

// False with `error` (one line) if the block is not an HTTP response, or a
// chunked or compressed body is broken, or the decoded body exceeds the cap.
// Interim 1xx responses before the final one are passed over.
bool parse_http_response(std::string_view block, size_t max_body_bytes, HttpResponse* out, std::string* error);

// Whether two WARC or HTTP field names are the same (ASCII, case ignored).
bool same_field_name(std::string_view a, std::string_view b);

}  // namespace winnow::io

#endif  // WINNOW_IO_WARC_H_
