// Writing WARC/1.1 records (ISO 28500:2017): a record's bytes, its digests,
// its id and date, and the gzip member it is stored as. warc_file.h puts
// the members in files; warc.h reads them back.
#ifndef WINNOW_IO_WARC_RECORD_H_
#define WINNOW_IO_WARC_RECORD_H_

#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace winnow::io {

using WarcFields = std::vector<std::pair<std::string, std::string>>;

// One record: "WARC/1.1", WARC-Type, `fields` in order, Content-Length of
// `block`, the empty line, the block, and the two CRLFs that end a record.
// The caller gives every other field (WARC-Record-ID, WARC-Date, digests...).
std::string warc_record(std::string_view type, const WarcFields& fields, std::string_view block);

// WARC-Date: "2026-12-04T10:15:00Z", UTC to the second (WARC/1.0 readers
// accept no fraction).
std::string warc_date(time_t when);

// WARC-Record-ID: "<urn:uuid:...>", a random (version 4) UUID.
std::string new_record_id();

// `bytes` compressed into one gzip member (RFC 1952): a WARC file of such
// members, one a record, is what Common Crawl writes, and lets a reader
// start at any record's offset.
std::string gzip_member(std::string_view bytes);

// The HTTP response head for a body stored decoded. The crawl keeps what
// curl hands over: the body with its transfer coding (chunked) and content
// coding (gzip, br, zstd...) undone, which is the page every article was
// cleaned from. The head is made to say so, as Common Crawl does: the
// status line and the other fields as received, Transfer-Encoding,
// Content-Encoding and Content-Length renamed X-Crawler-Transfer-Encoding,
// X-Crawler-Content-Encoding and X-Crawler-Content-Length (the server's
// values kept), and a Content-Length of the stored body added. `head` is the
// status line and field lines as received, up to and with the empty line
// (CRLF or LF line ends); the result ends with CRLF CRLF.
std::string head_for_decoded_body(std::string_view head, uint64_t body_bytes);

// Where a response block's payload starts: after the first empty line (CRLF
// CRLF or LF LF); the block's size if it has none.
size_t http_payload_offset(std::string_view block);

}  // namespace winnow::io

#endif  // WINNOW_IO_WARC_RECORD_H_
