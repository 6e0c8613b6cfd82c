#include "io/warc_record.h"

#include <sys/random.h>
#include <zlib.h>

#include <cstdio>
#include <random>
#include <stdexcept>

#include "io/warc.h"

namespace winnow::io {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string warc_record(std::string_view type, const WarcFields& fields, std::string_view block) {
  std::string out = "WARC/1.1\r\nWARC-Type: ";
  out += type;
  out += "\r\n";
  for (const auto& [name, value] : fields) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  out += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  out.reserve(out.size() + block.size() + 4);
  out += block;
  out += "\r\n\r\n";
  return out;
}

std::string warc_date(time_t when) {
  struct tm t {};
  gmtime_r(&when, &t);
  char buf[64];  // room for any int the fields hold: no truncation warning
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour,
                t.tm_min, t.tm_sec);
  return buf;
}

std::string new_record_id() {
  uint8_t b[16];
  // getrandom: the kernel's pool, never blocking once the system has booted;
  // a short read (it cannot happen for 16 bytes) falls back to the library's.
  if (getrandom(b, sizeof b, 0) != static_cast<ssize_t>(sizeof b)) {
    std::random_device rd;
    for (uint8_t& x : b) x = static_cast<uint8_t>(rd());
  }
  b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);  // the RFC 4122 variant
  char s[64];
  std::snprintf(s, sizeof s,
                "<urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x>", b[0], b[1], b[2],
                b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return s;
}

std::string gzip_member(std::string_view bytes) {
  z_stream zs{};
  // 15 + 16: a 32 KiB window and a gzip header and trailer (not zlib's).
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib: cannot start deflating");
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(bytes.size())) + 32);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());  // a record is far below 4 GiB: fetch.max_bytes is at most 1 GiB
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
  return out;
}

std::string head_for_decoded_body(std::string_view head, uint64_t body_bytes) {
  const std::string length = std::to_string(body_bytes);
  std::string out;
  bool first = true, has_length = false;
  while (!head.empty()) {
    size_t nl = head.find('\n');
    std::string_view line = head.substr(0, nl);
    head.remove_prefix(nl == std::string_view::npos ? head.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;  // the end of the head
    if (first || line.front() == ' ' || line.front() == '\t') {
      // The status line, or a folded continuation: it goes with the field
      // before it, renamed or not.
      first = false;
      out.append(line).append("\r\n");
      continue;
    }
    const size_t colon = line.find(':');
    const std::string_view name = trim(line.substr(0, colon == std::string_view::npos ? line.size() : colon));
    bool rename = same_field_name(name, "Transfer-Encoding") || same_field_name(name, "Content-Encoding");
    if (same_field_name(name, "Content-Length")) {
      // Kept where it still tells the truth: an unencoded body received whole.
      const std::string_view value = colon == std::string_view::npos ? "" : trim(line.substr(colon + 1));
      rename = value != length;
      has_length = has_length || !rename;
    }
    if (rename) out += "X-Crawler-";
    out.append(line).append("\r\n");
  }
  if (!has_length) out += "Content-Length: " + length + "\r\n";
  out += "\r\n";
  return out;
}

size_t http_payload_offset(std::string_view block) {
  const size_t crlf = block.find("\r\n\r\n"), lf = block.find("\n\n");
  if (crlf == std::string_view::npos && lf == std::string_view::npos) return block.size();
  if (lf == std::string_view::npos || (crlf != std::string_view::npos && crlf < lf)) return crlf + 4;
  return lf + 2;
}

}  // namespace winnow::io
