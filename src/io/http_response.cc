// parse_http_response (io/warc.h): the HTTP response a WARC `response`
// record's block holds, as the server sent it: status line, headers, and a
// body that may be chunked and compressed. Everything is bounded: chunk
// sizes are checked against what is left, and inflating stops at the cap.
#include <zlib.h>

#include <algorithm>

#include "io/gunzip.h"
#include "io/read.h"
#include "io/warc.h"

namespace winnow::io {
namespace {

// How many bytes of a block that is not a response an error quotes.
constexpr size_t kShownBytes = 40;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Printable ASCII as is, anything else as '?': a quote that stays one line.
std::string printable(std::string_view bytes) {
  std::string out(bytes.substr(0, kShownBytes));
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) c = '?';
  return out;
}

// The tokens of a comma-separated header (Transfer-Encoding,
// Content-Encoding), lower-cased, "identity" and empty ones left out.
std::vector<std::string> codings(std::string_view value) {
  std::vector<std::string> out;
  while (!value.empty()) {
    const size_t comma = value.find(',');
    std::string token = lowered(trim(value.substr(0, comma)));
    if (!token.empty() && token != "identity") out.push_back(std::move(token));
    value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
  }
  return out;
}

// Takes one line off the front of `rest`, its LF or CR LF dropped; the last
// line may have no line end.
std::string_view take_line(std::string_view* rest) {
  const size_t nl = rest->find('\n');
  std::string_view line = rest->substr(0, nl);
  *rest = nl == std::string_view::npos ? std::string_view() : rest->substr(nl + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// "HTTP/1.1 200 OK": the version's digits, one or more spaces, three
// digits, then the end of the line or a space and the reason.
bool parse_status_line(std::string_view line, int* status) {
  if (line.substr(0, 5) != "HTTP/") return false;
  size_t i = 5;
  while (i < line.size() && ((line[i] >= '0' && line[i] <= '9') || line[i] == '.')) ++i;
  if (i == 5 || i >= line.size() || line[i] != ' ') return false;
  while (i < line.size() && line[i] == ' ') ++i;
  if (line.size() - i < 3) return false;
  int code = 0;
  for (size_t k = i; k < i + 3; ++k) {
    if (line[k] < '0' || line[k] > '9') return false;
    code = code * 10 + (line[k] - '0');
  }
  if (line.size() > i + 3 && line[i + 3] != ' ' && line[i + 3] != '\t') return false;
  *status = code;
  return true;
}

// The status line and headers off the front of `rest` (which then holds the
// body). Header lines without a colon are passed over, as browsers do.
bool parse_head(std::string_view* rest, HttpResponse* out, std::string* error) {
  const std::string_view start = *rest;
  if (!parse_status_line(take_line(rest), &out->status)) {
    *error = "not an HTTP response (starts \"" + printable(start) + "\")";
    return false;
  }
  out->headers.clear();
  while (!rest->empty()) {
    const std::string_view line = take_line(rest);
    if (line.empty()) break;
    if ((line[0] == ' ' || line[0] == '\t') && !out->headers.empty()) {
      std::string& value = out->headers.back().second;  // an obsolete folded line
      if (!value.empty()) value += ' ';
      value += trim(line);
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    out->headers.emplace_back(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
  }
  return true;
}

// A chunk's size line: hex digits, then perhaps ";extension". At most 15
// digits, so the size cannot overflow before it is checked against the rest.
bool chunk_size(std::string_view line, uint64_t* size) {
  line = trim(line.substr(0, line.find(';')));
  if (line.empty() || line.size() > 15) return false;
  *size = 0;
  for (char c : line) {
    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (digit < 0) return false;
    *size = *size * 16 + static_cast<uint64_t>(digit);
  }
  return true;
}

// Transfer-Encoding: chunked undone. The output is never longer than the
// input, so the block's own cap bounds it. A body that ends after a whole
// chunk without the last, empty one is taken as it is; a chunk that runs
// past the end, or a size that is not one, is an error.
bool dechunk(std::string_view body, std::string* out, std::string* error) {
  out->clear();
  std::string_view rest = body;
  while (!rest.empty()) {
    const size_t at = body.size() - rest.size();
    if (rest.find('\n') == std::string_view::npos) {
      *error = "chunked body: the chunk size line at byte " + std::to_string(at) + " of the body is cut off";
      return false;
    }
    const std::string_view line = take_line(&rest);
    uint64_t size = 0;
    if (!chunk_size(line, &size)) {
      *error = "chunked body: bad chunk size \"" + printable(line) + "\" at byte " + std::to_string(at) + " of the body";
      return false;
    }
    if (size == 0) return true;  // the last chunk; trailers are not kept
    if (size > rest.size()) {
      *error = "chunked body: a chunk of " + std::to_string(size) + " bytes at byte " + std::to_string(at) +
               " of the body runs past its end (" + std::to_string(rest.size()) + " bytes left)";
      return false;
    }
    out->append(rest.substr(0, size));
    rest.remove_prefix(size);
    if (rest.substr(0, 2) == "\r\n") rest.remove_prefix(2);
    else if (rest.substr(0, 1) == "\n") rest.remove_prefix(1);
    else if (!rest.empty()) {
      *error = "chunked body: no line end after the chunk at byte " + std::to_string(at) + " of the body";
      return false;
    }
  }
  return true;
}

// Raw deflate (no zlib header): what many servers send as "deflate",
// though HTTP means the zlib format. Stops one buffer past `max_bytes`.
bool inflate_raw(std::string_view data, size_t max_bytes, std::string* out, std::string* why) {
  out->clear();
  z_stream zs{};
  if (inflateInit2(&zs, -15) != Z_OK) {
    *why = "zlib: cannot start inflating";
    return false;
  }
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  char buf[1 << 16];
  bool ok = false;
  for (;;) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    const int rc = inflate(&zs, Z_NO_FLUSH);
    out->append(buf, sizeof buf - zs.avail_out);
    if (out->size() > max_bytes) {
      *why = "inflates to more than " + size_text(max_bytes);
    } else if (rc == Z_STREAM_END) {
      ok = true;
    } else if (rc == Z_OK) {
      continue;
    } else {
      *why = rc == Z_BUF_ERROR ? std::string("truncated deflate data")
                               : std::string("corrupt deflate data") + (zs.msg ? std::string(": ") + zs.msg : "");
    }
    break;
  }
  inflateEnd(&zs);
  return ok;
}

// One Content-Encoding undone, into `out`, held to `max_bytes`.
bool decode(const std::string& coding, const std::string& data, size_t max_bytes, std::string* out,
            std::string* error) {
  std::string why;
  if (coding == "gzip" || coding == "x-gzip") {
    if (gunzip(data, max_bytes, out, &why)) return true;
  } else if (coding == "deflate") {
    // The zlib format first (gunzip detects its header), then raw deflate;
    // a body over the cap is over it either way.
    if (gunzip(data, max_bytes, out, &why)) return true;
    if (out->size() <= max_bytes && inflate_raw(data, max_bytes, out, &why)) return true;
  } else {
    *error = "unsupported Content-Encoding \"" + printable(coding) + "\"";
    return false;
  }
  *error = "Content-Encoding " + coding + ": " + why;
  return false;
}

}  // namespace

bool parse_http_response(std::string_view block, size_t max_body_bytes, HttpResponse* out, std::string* error) {
  *out = HttpResponse{};
  std::string_view rest = block;
  if (!parse_head(&rest, out, error)) return false;
  // "100 Continue" and other interim responses come before the final one.
  while (out->status >= 100 && out->status < 200 && out->status != 101 && rest.substr(0, 5) == "HTTP/")
    if (!parse_head(&rest, out, error)) return false;

  const std::vector<std::string> transfer = codings(out->header("Transfer-Encoding"));
  if (std::find(transfer.begin(), transfer.end(), "chunked") != transfer.end()) {
    if (!dechunk(rest, &out->body, error)) return false;
  } else {
    out->body.assign(rest);
  }
  const std::vector<std::string> content = codings(out->header("Content-Encoding"));
  // Codings are listed in the order applied: undone from the last. An empty
  // body (HEAD, 304) has nothing to undo.
  for (auto coding = content.rbegin(); coding != content.rend() && !out->body.empty(); ++coding) {
    std::string decoded;
    if (!decode(*coding, out->body, max_body_bytes, &decoded, error)) return false;
    out->body.swap(decoded);
  }
  if (out->body.size() > max_body_bytes) {
    *error = "body larger than " + size_text(max_body_bytes);
    return false;
  }
  return true;
}

}  // namespace winnow::io
