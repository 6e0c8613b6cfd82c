#include "io/warc.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace winnow::io {
namespace {

// What one read(2) asks for, and what one inflate() call may produce.
constexpr size_t kChunk = size_t{128} << 10;
// A record's header is a few hundred bytes; one this long is not a header.
constexpr size_t kMaxHeaderBytes = size_t{1} << 20;
// How many of a stray record's first bytes an error shows.
constexpr size_t kShownBytes = 40;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }


std::string first_header(const std::vector<std::pair<std::string, std::string>>& headers, std::string_view name) {
  for (const auto& [key, value] : headers)
    if (same_field_name(key, name)) return value;
  return "";
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Bytes as a message may quote them: printable ASCII kept, the rest escaped,
// so that the error stays one line whatever the file holds.
std::string shown(std::string_view bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    if (c == '\r') out += "\\r";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '"' || c == '\\') out += {'\\', static_cast<char>(c)};
    else if (c >= 0x20 && c < 0x7f) out += static_cast<char>(c);
    else out += {'\\', 'x', kHex[c >> 4], kHex[c & 15]};
  }
  return out;
}

// Content-Length: decimal digits only, no sign, no overflow.
bool parse_length(std::string_view text, uint64_t* n) {
  text = trim(text);
  if (text.empty() || text.size() > 19) return false;
  *n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    *n = *n * 10 + static_cast<uint64_t>(c - '0');
  }
  return true;
}

}  // namespace

std::string WarcRecord::header(std::string_view name) const { return first_header(headers, name); }
std::string HttpResponse::header(std::string_view name) const { return first_header(headers, name); }

// The input as one stream of (decompressed) bytes: `buf` from `pos` holds
// what has been read but not yet consumed, `base` is the stream offset of
// buf[0]. Bytes come in through fill(), a chunk at a time.
struct WarcReader::Impl {
  enum class Fill { kMore, kEnd, kError };

  int fd = -1;
  bool own_fd = false;
  size_t max_block = 0;

  std::string buf;
  size_t pos = 0;
  uint64_t base = 0;

  bool detected = false;  // whether the input's first bytes have said gzip or not
  bool gzip = false;
  bool raw_eof = false;
  uint64_t raw_total = 0;  // bytes read from the descriptor
  std::string raw;         // gzip input read; zs.next_in points at what inflate has not taken
  z_stream zs{};
  bool zs_ready = false;
  bool mid_member = false;  // inflate has been given bytes of a member it has not ended

  Next done = Next::kRecord;  // kEnd or kError once the stream is over
  std::string done_error;

  ~Impl() { reset(); }

  void reset() {
    if (own_fd && fd >= 0) ::close(fd);
    fd = -1;
    own_fd = false;
    if (zs_ready) inflateEnd(&zs);
    zs = z_stream{};
    zs_ready = false;
    buf.clear();
    raw.clear();
    pos = 0;
    base = 0;
    detected = gzip = raw_eof = mid_member = false;
    raw_total = 0;
    done = Next::kRecord;
    done_error.clear();
  }

  size_t avail() const { return buf.size() - pos; }
  uint64_t offset() const { return base + pos; }

  // One read(2) appended to `to`; false with `error` on a read error.
  bool read_raw(std::string* to, std::string* error) {
    const size_t old = to->size();
    to->resize(old + kChunk);
    for (;;) {
      ssize_t n = ::read(fd, to->data() + old, kChunk);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        // A descriptor we did not open (stdin) may be non-blocking.
        pollfd p{fd, POLLIN, 0};
        ::poll(&p, 1, -1);
        continue;
      }
      if (n < 0) {
        const int err = errno;
        to->resize(old);
        *error = std::string("read error at byte ") + std::to_string(raw_total) + ": " + std::strerror(err);
        return false;
      }
      to->resize(old + static_cast<size_t>(n));
      raw_total += static_cast<uint64_t>(n);
      if (n == 0) raw_eof = true;
      return true;
    }
  }

  // Reads until two bytes tell gzip (1f 8b) from anything else.
  bool detect(std::string* error) {
    while (raw.size() < 2 && !raw_eof)
      if (!read_raw(&raw, error)) return false;
    detected = true;
    gzip = raw.size() >= 2 && static_cast<unsigned char>(raw[0]) == 0x1f && static_cast<unsigned char>(raw[1]) == 0x8b;
    if (!gzip) {
      buf.swap(raw);  // plain: the bytes read so far are the stream's first
      raw.clear();
      return true;
    }
    // 15 + 32: a 32 KiB window, the gzip (or zlib) header detected.
    if (inflateInit2(&zs, 15 + 32) != Z_OK) {
      *error = "gzip: cannot start inflating";
      return false;
    }
    zs_ready = true;
    zs.next_in = reinterpret_cast<Bytef*>(raw.data());
    zs.avail_in = static_cast<uInt>(raw.size());
    return true;
  }

  uint64_t compressed_consumed() const { return gzip ? raw_total - zs.avail_in : raw_total; }

  // Inflates until some output came, the input ended, or it is broken.
  Fill inflate_more(std::string* error) {
    for (;;) {
      if (zs.avail_in == 0) {
        if (raw_eof) {
          if (!mid_member) return Fill::kEnd;
          *error = "gzip: truncated data at compressed byte " + std::to_string(raw_total);
          return Fill::kError;
        }
        raw.clear();
        if (!read_raw(&raw, error)) return Fill::kError;
        zs.next_in = reinterpret_cast<Bytef*>(raw.data());
        zs.avail_in = static_cast<uInt>(raw.size());
        continue;
      }
      const size_t old = buf.size();
      buf.resize(old + kChunk);
      zs.next_out = reinterpret_cast<Bytef*>(buf.data() + old);
      zs.avail_out = static_cast<uInt>(kChunk);
      mid_member = true;
      const int rc = inflate(&zs, Z_NO_FLUSH);
      buf.resize(old + kChunk - zs.avail_out);
      if (rc == Z_STREAM_END) {
        // Per-record gzip: members one after another; the next starts afresh.
        mid_member = false;
        inflateReset(&zs);
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        *error = std::string("gzip: corrupt data") + (zs.msg ? std::string(" (") + zs.msg + ")" : "") +
                 " at compressed byte " + std::to_string(compressed_consumed());
        return Fill::kError;
      }
      if (buf.size() > old) return Fill::kMore;
    }
  }

  // Appends more of the stream to `buf`, first dropping what was consumed.
  Fill fill(std::string* error) {
    if (pos > 0) {
      buf.erase(0, pos);
      base += pos;
      pos = 0;
    }
    if (!detected) {
      if (!detect(error)) return Fill::kError;
      if (avail() > 0) return Fill::kMore;
    }
    if (gzip) return inflate_more(error);
    if (raw_eof) return Fill::kEnd;
    const size_t old = buf.size();
    if (!read_raw(&buf, error)) return Fill::kError;
    return buf.size() > old ? Fill::kMore : Fill::kEnd;
  }

  // Fills until `n` bytes are available or the stream ends.
  Fill want(size_t n, std::string* error) {
    while (avail() < n) {
      Fill f = fill(error);
      if (f != Fill::kMore) return f;
    }
    return Fill::kMore;
  }

  Next fail(std::string message, std::string* error) {
    done = Next::kError;
    done_error = std::move(message);
    *error = done_error;
    return Next::kError;
  }

  Next end() {
    done = Next::kEnd;
    return Next::kEnd;
  }

  // One header line, its line end (LF, CR LF) dropped; kEnd if the stream
  // ends first (what is left is then in `line`).
  Fill read_line(std::string* line, size_t* header_bytes, uint64_t record_start, std::string* error) {
    size_t scanned = 0;
    for (;;) {
      const char* start = buf.data() + pos;
      const void* nl = std::memchr(start + scanned, '\n', avail() - scanned);
      if (nl != nullptr) {
        const size_t len = static_cast<size_t>(static_cast<const char*>(nl) - start);
        line->assign(start, len);
        if (!line->empty() && line->back() == '\r') line->pop_back();
        pos += len + 1;
        *header_bytes += len + 1;
        return Fill::kMore;
      }
      scanned = avail();
      if (*header_bytes + scanned > kMaxHeaderBytes) {
        *error = "WARC header longer than 1 MiB in the record at byte " + std::to_string(record_start);
        return Fill::kError;
      }
      Fill f = fill(error);
      if (f == Fill::kError) return f;
      if (f == Fill::kEnd) {
        line->assign(buf, pos, std::string::npos);
        pos = buf.size();
        return f;
      }
    }
  }

  // The version line and the header lines, up to the empty line.
  bool read_headers(WarcRecord* record, std::string* error) {
    size_t header_bytes = 0;
    std::string line;
    for (bool first = true;; first = false) {
      const uint64_t line_at = offset();
      Fill f = read_line(&line, &header_bytes, record->offset, error);
      if (f == Fill::kError) return false;
      if (f == Fill::kEnd) {
        *error = "truncated record at byte " + std::to_string(record->offset) + ": the header does not end";
        return false;
      }
      if (first) {
        record->version = std::string(trim(line));
        continue;
      }
      if (line.empty()) return true;
      if ((line[0] == ' ' || line[0] == '\t') && !record->headers.empty()) {
        std::string& value = record->headers.back().second;  // a continuation line
        if (!value.empty()) value += ' ';
        value += trim(line);
        continue;
      }
      const size_t colon = line.find(':');
      if (colon == std::string::npos || colon == 0) {
        *error = "bad WARC header line at byte " + std::to_string(line_at) + " (\"" +
                 shown(std::string_view(line).substr(0, kShownBytes)) + "\")";
        return false;
      }
      const std::string_view view(line);
      record->headers.emplace_back(std::string(trim(view.substr(0, colon))), std::string(trim(view.substr(colon + 1))));
    }
  }

  // `length` bytes of block, kept in `to` (or dropped if null).
  bool read_block(uint64_t length, std::string* to, uint64_t record_start, std::string* error) {
    uint64_t left = length;
    if (to != nullptr) to->reserve(static_cast<size_t>(length));
    for (;;) {
      const size_t take = static_cast<size_t>(std::min<uint64_t>(left, avail()));
      if (to != nullptr) to->append(buf, pos, take);
      pos += take;
      left -= take;
      if (left == 0) return true;
      Fill f = fill(error);
      if (f == Fill::kError) return false;
      if (f == Fill::kEnd) {
        *error = "truncated record at byte " + std::to_string(record_start) + ": Content-Length " +
                 std::to_string(length) + ", " + std::to_string(length - left) + " bytes left";
        return false;
      }
    }
  }

  // The two line ends after a block (CR LF CR LF, or LF LF); absent at the
  // end of the file is tolerated, and so is anything else: the next record
  // must then start with "WARC/" or be reported.
  bool skip_block_end(std::string* error) {
    for (int i = 0; i < 2; ++i) {
      if (want(2, error) == Fill::kError) return false;
      if (avail() >= 2 && buf[pos] == '\r' && buf[pos + 1] == '\n') pos += 2;
      else if (avail() >= 1 && buf[pos] == '\n') pos += 1;
      else break;
    }
    return true;
  }

  // Blank lines between records (some writers add more) are passed over.
  Fill skip_blank_lines(std::string* error) {
    for (;;) {
      while (avail() > 0 && (buf[pos] == '\r' || buf[pos] == '\n')) ++pos;
      if (avail() > 0) return Fill::kMore;
      Fill f = fill(error);
      if (f != Fill::kMore) return f;
    }
  }

  void set_fields(WarcRecord* record) {
    record->type = record->header("WARC-Type");
    std::transform(record->type.begin(), record->type.end(), record->type.begin(), lower);
    record->target_uri = record->header("WARC-Target-URI");
    if (record->target_uri.size() >= 2 && record->target_uri.front() == '<' && record->target_uri.back() == '>')
      record->target_uri = record->target_uri.substr(1, record->target_uri.size() - 2);
    record->record_id = record->header("WARC-Record-ID");
    record->date = record->header("WARC-Date");
    record->content_type = record->header("Content-Type");
    record->truncated = std::any_of(record->headers.begin(), record->headers.end(),
                                    [](const auto& h) { return same_field_name(h.first, "WARC-Truncated"); });
  }

  Next next(WarcRecord* record, std::string* error) {
    *record = WarcRecord{};
    if (done != Next::kRecord) {
      if (done == Next::kError) *error = done_error;
      return done;
    }
    if (fd < 0) return fail("no WARC file is open", error);
    Fill f = skip_blank_lines(error);
    if (f == Fill::kError) return fail(*error, error);
    if (f == Fill::kEnd) return end();
    record->offset = offset();
    if (want(kShownBytes, error) == Fill::kError) return fail(*error, error);
    if (std::string_view(buf).substr(pos, 5) != "WARC/") {
      const size_t n = std::min(avail(), kShownBytes);
      return fail("not a WARC record at byte " + std::to_string(record->offset) + " (starts \"" +
                      shown(std::string_view(buf).substr(pos, n)) + "\"" + (avail() > n ? "...)" : ")"),
                  error);
    }
    if (!read_headers(record, error)) return fail(*error, error);
    set_fields(record);
    const bool has_length = std::any_of(record->headers.begin(), record->headers.end(),
                                        [](const auto& h) { return same_field_name(h.first, "Content-Length"); });
    if (!has_length) return fail("record at byte " + std::to_string(record->offset) + " has no Content-Length", error);
    const std::string length_text = record->header("Content-Length");
    uint64_t length = 0;
    if (!parse_length(length_text, &length))
      return fail("record at byte " + std::to_string(record->offset) + ": Content-Length \"" +
                      shown(std::string_view(length_text).substr(0, kShownBytes)) + "\" is not a number",
                  error);
    record->too_large = length > max_block;
    if (!read_block(length, record->too_large ? nullptr : &record->block, record->offset, error) ||
        !skip_block_end(error)) {
      record->block.clear();
      return fail(*error, error);
    }
    return Next::kRecord;
  }
};

WarcReader::WarcReader() : impl_(std::make_unique<Impl>()) {}
WarcReader::~WarcReader() = default;

bool WarcReader::open(const std::string& path, size_t max_block_bytes, std::string* error) {
  impl_->reset();
  impl_->max_block = max_block_bytes;
  if (path == "-") {
    impl_->fd = STDIN_FILENO;
    return true;
  }
  // O_NONBLOCK: opening a FIFO otherwise waits for a writer, forever if none
  // comes (src/io/read.h); reads block as usual once it is open.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    *error = err == ENOENT || err == ENOTDIR ? std::string("no such file")
             : err == EISDIR                 ? std::string("is a directory")
                                             : std::string("cannot open: ") + std::strerror(err);
    return false;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    const int err = errno;
    *error = S_ISDIR(st.st_mode) ? std::string("is a directory") : std::string("cannot stat: ") + std::strerror(err);
    ::close(fd);
    return false;
  }
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0 && (flags & O_NONBLOCK)) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  impl_->fd = fd;
  impl_->own_fd = true;
  return true;
}

WarcReader::Next WarcReader::next(WarcRecord* record, std::string* error) { return impl_->next(record, error); }

uint64_t WarcReader::bytes_read() const { return impl_->compressed_consumed(); }

bool same_field_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

}  // namespace winnow::io
