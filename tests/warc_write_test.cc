// Writing WARC files (src/io/sha1.h, warc_record.h, warc_file.h): SHA-1 and
// base32 against FIPS 180 and RFC 4648's vectors; a record's bytes as ISO
// 28500 frames them, read back by the reader (io/warc.h); the head of a
// decoded body; files named, begun with a warcinfo record and rotated at
// their size; and a file a kill cut mid-record cut back to its last whole
// record, whatever the cut left (half a member, a member holding half a
// record, zeros), so the reader reads it to its end.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "gzip_test_util.h"
#include "io/sha1.h"
#include "io/warc.h"
#include "io/warc_file.h"
#include "io/warc_record.h"
#include "temp_dir.h"

namespace io = winnow::io;

namespace {

std::string hex(const std::array<uint8_t, 20>& d) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : d) out += {kHex[b >> 4], kHex[b & 15]};
  return out;
}

std::string sha1_hex(const std::string& s) {
  io::Sha1 h;
  h.update(s);
  return hex(h.finish());
}

std::string b32(const std::string& s) {
  return io::base32(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void spit(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// Every record of a file, read by the reader; `error` set if it stopped on one.
std::vector<io::WarcRecord> read_all(const std::string& path, std::string* error) {
  io::WarcReader reader;
  std::vector<io::WarcRecord> out;
  if (!reader.open(path, 1 << 20, error)) return out;
  io::WarcRecord r;
  for (;;) {
    io::WarcReader::Next n = reader.next(&r, error);
    if (n != io::WarcReader::Next::kRecord) {
      if (n == io::WarcReader::Next::kEnd) error->clear();
      return out;
    }
    out.push_back(r);
  }
}

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

io::WarcFileOptions options(const std::string& dir, uint64_t max_bytes) {
  io::WarcFileOptions o;
  o.dir = dir;
  o.prefix = "winnow-demo";
  o.max_bytes = max_bytes;
  o.info = {{"software", "winnow test"}, {"format", "WARC File Format 1.1"}};
  return o;
}

// A response record of `n` body bytes, as the archive frames one; the
// bytes are letters of a simple generator, so gzip cannot make them vanish.
std::string response(const std::string& url, size_t n) {
  std::string body(n, ' ');
  uint32_t x = static_cast<uint32_t>(n);
  for (char& c : body) {
    x = x * 1103515245u + 12345u;
    c = static_cast<char>('a' + (x >> 16) % 26);
  }
  const std::string block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + std::to_string(n) +
                            "\r\n\r\n" + body;
  return io::warc_record("response",
                         {{"WARC-Date", io::warc_date(0)},
                          {"WARC-Record-ID", io::new_record_id()},
                          {"WARC-Target-URI", url},
                          {"WARC-Payload-Digest", io::warc_sha1(body)},
                          {"Content-Type", "application/http;msgtype=response"}},
                         block);
}

}  // namespace

TEST_CASE("warc write: SHA-1 gives FIPS 180's digests, fed whole or in pieces") {
  CHECK(sha1_hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(sha1_hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(sha1_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  // A million 'a', in pieces of 1, 63, 64, 65... bytes: every path of update().
  io::Sha1 h;
  size_t fed = 0, piece = 1;
  while (fed < 1'000'000) {
    const size_t n = std::min(piece, 1'000'000 - fed);
    h.update(std::string(n, 'a'));
    fed += n;
    piece = piece * 7 % 131 + 1;
  }
  CHECK(hex(h.finish()) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  // 55, 56 and 64 bytes: the padding in one block or two.
  for (size_t n : {55, 56, 63, 64}) {
    io::Sha1 whole, parts;
    const std::string s(n, 'q');
    whole.update(s);
    parts.update(s.substr(0, 10));
    parts.update(s.substr(10));
    CHECK(hex(whole.finish()) == hex(parts.finish()));
  }
}

TEST_CASE("warc write: base32 is RFC 4648's, and a WARC digest is sha1: and 32 of its letters") {
  CHECK(b32("") == "");
  CHECK(b32("f") == "MY======");
  CHECK(b32("fo") == "MZXQ====");
  CHECK(b32("foo") == "MZXW6===");
  CHECK(b32("foob") == "MZXW6YQ=");
  CHECK(b32("fooba") == "MZXW6YTB");
  CHECK(b32("foobar") == "MZXW6YTBOI======");
  // The empty payload's digest, as every Common Crawl record of no body has it.
  CHECK(io::warc_sha1("") == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
}

TEST_CASE("warc write: a record is framed as ISO 28500 says, and the reader reads it back") {
  const std::string block = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n";
  const std::string rec =
      io::warc_record("request", {{"WARC-Record-ID", "<urn:uuid:1>"}, {"WARC-Target-URI", "http://example.com/"}}, block);
  CHECK(rec ==
        "WARC/1.1\r\nWARC-Type: request\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Target-URI: http://example.com/\r\n"
        "Content-Length: 37\r\n\r\n" +
            block + "\r\n\r\n");
  CHECK(block.size() == 37);
  TempDir dir;
  for (const std::string& bytes : {rec + rec, io::gzip_member(rec) + io::gzip_member(rec)}) {
    std::string error;
    std::vector<io::WarcRecord> got = read_all(dir.write("two.warc", bytes), &error);
    CHECK(error == "");
    REQUIRE(got.size() == 2);
    CHECK(got[1].type == "request");
    CHECK(got[1].target_uri == "http://example.com/");
    CHECK(got[1].block == block);
  }
  // A gzip member is one: gunzip gives the record back.
  CHECK(io::gzip_member(rec).substr(0, 2) == "\x1f\x8b");
}

TEST_CASE("warc write: dates are UTC to the second, ids random version 4 UUIDs") {
  CHECK(io::warc_date(0) == "1970-01-01T00:00:00Z");
  CHECK(io::warc_date(951782400) == "2000-02-29T00:00:00Z");
  std::set<std::string> ids;
  for (int i = 0; i < 100; ++i) {
    const std::string id = io::new_record_id();
    REQUIRE(id.size() == 47);  // <urn:uuid: 36 >
    CHECK(id.substr(0, 10) == "<urn:uuid:");
    CHECK(id.back() == '>');
    CHECK(id[10 + 14] == '4');
    CHECK(std::string("89ab").find(id[10 + 19]) != std::string::npos);
    ids.insert(id);
  }
  CHECK(ids.size() == 100);
}

TEST_CASE("warc write: the head of a decoded body says what the body is, the server's values kept") {
  // gzip and chunked undone: both codings and the length renamed, the true length added.
  CHECK(io::head_for_decoded_body("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
                                  "Transfer-Encoding: chunked\r\nVary: Accept-Encoding\r\n\r\n",
                                  1234) ==
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Crawler-Content-Encoding: gzip\r\n"
        "X-Crawler-Transfer-Encoding: chunked\r\nVary: Accept-Encoding\r\nContent-Length: 1234\r\n\r\n");
  // gzip with its length: the compressed length is not the body's.
  CHECK(io::head_for_decoded_body("HTTP/1.1 200 OK\r\ncontent-encoding: gzip\r\ncontent-length: 99\r\n\r\n", 500) ==
        "HTTP/1.1 200 OK\r\nX-Crawler-content-encoding: gzip\r\nX-Crawler-content-length: 99\r\n"
        "Content-Length: 500\r\n\r\n");
  // A plain body received whole: the head as it came (LF line ends made CRLF).
  CHECK(io::head_for_decoded_body("HTTP/1.0 404 Not Found\nContent-Length: 5\nServer: x\n\n", 5) ==
        "HTTP/1.0 404 Not Found\r\nContent-Length: 5\r\nServer: x\r\n\r\n");
  // Cut at a cap: the declared length is not what is stored.
  CHECK(io::head_for_decoded_body("HTTP/1.1 200 OK\r\nContent-Length: 900000\r\n\r\n", 512001) ==
        "HTTP/1.1 200 OK\r\nX-Crawler-Content-Length: 900000\r\nContent-Length: 512001\r\n\r\n");
  // No length at all (a body to the close): one added.
  CHECK(io::head_for_decoded_body("HTTP/1.1 200 OK\r\nA: b\r\n\r\n", 0) ==
        "HTTP/1.1 200 OK\r\nA: b\r\nContent-Length: 0\r\n\r\n");
  // The reader takes such a block's body as it is: nothing left to decode.
  const std::string body = "<html><p>ok</p></html>";
  const std::string block =
      io::head_for_decoded_body("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n",
                                body.size()) +
      body;
  io::HttpResponse http;
  std::string error;
  REQUIRE(io::parse_http_response(block, 1 << 20, &http, &error));
  CHECK(http.status == 200);
  CHECK(http.body == body);
  CHECK(io::http_payload_offset(block) == block.size() - body.size());
  CHECK(io::http_payload_offset("HTTP/1.0 200 OK\nA: b\n\nxyz") == 22);
  CHECK(io::http_payload_offset("no head end") == 11);
}

TEST_CASE("warc write: files are named, begun with warcinfo, and rotated once they reach their size") {
  TempDir dir;
  io::WarcWriter w;
  std::string error;
  REQUIRE(w.open(options(dir.file("warc"), 4000), &error));
  CHECK(files_in(dir.file("warc")).empty());  // no file before the first record
  for (int i = 0; i < 6; ++i) {
    REQUIRE(w.prepare(&error));
    // A pair stays in one file: prepare() decides before the first of them.
    REQUIRE(w.append(response("http://a.example/" + std::to_string(i), 3000), &error));
    REQUIRE(w.append(response("http://b.example/" + std::to_string(i), 10), &error));
  }
  REQUIRE(w.close(&error));
  const std::vector<std::string> names = files_in(dir.file("warc"));
  // About 2 KB a pair once compressed: a file passes 4000 bytes after two
  // or three pairs; so several files, named with serials 00000, 00001...
  REQUIRE(names.size() >= 2);
  REQUIRE(names.size() <= 9);
  CHECK(w.files() == names.size());
  int records = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string& n = names[i];
    CHECK(n.rfind("winnow-demo-", 0) == 0);
    CHECK(n.size() == std::string("winnow-demo-20261204T101500Z-00000.warc.gz").size());
    CHECK(n.substr(n.size() - 14) == "-0000" + std::to_string(i) + ".warc.gz");
    CHECK(n[12 + 8] == 'T');
    CHECK(n[12 + 15] == 'Z');
    std::string read_error;
    std::vector<io::WarcRecord> got = read_all(dir.file("warc/" + n), &read_error);
    CHECK(read_error == "");
    REQUIRE(got.size() >= 3);
    CHECK(got[0].type == "warcinfo");
    CHECK(got[0].header("WARC-Filename") == n);
    CHECK(got[0].block == "software: winnow test\r\nformat: WARC File Format 1.1\r\n");
    CHECK(got.size() % 2 == 1);  // warcinfo and whole pairs
    for (size_t k = 1; k < got.size(); k += 2) {
      CHECK(got[k].target_uri.substr(0, 17) == "http://a.example/");
      CHECK(got[k + 1].target_uri.substr(0, 17) == "http://b.example/");
      CHECK(got[k].target_uri.substr(17) == got[k + 1].target_uri.substr(17));
    }
    records += static_cast<int>(got.size()) - 1;
    // Only the last file may end under the size: the others reached it.
    if (i + 1 < names.size()) CHECK(std::filesystem::file_size(dir.file("warc/" + n)) >= 4000);
  }
  CHECK(records == 12);
  CHECK(w.records() == 12 + names.size());
  // The next writer goes on from the highest serial; other prefixes are not its.
  spit(dir.file("warc/winnow-demo-x-20261204T101500Z-00042.warc.gz"), "");
  spit(dir.file("warc/winnow-demo-20261204T101500Z-00077.warc"), "");
  int serial = -1;
  CHECK(io::newest_warc_file(dir.file("warc"), "winnow-demo", &serial) == dir.file("warc/" + names.back()));
  CHECK(serial == static_cast<int>(names.size()) - 1);
  io::WarcWriter next;
  REQUIRE(next.open(options(dir.file("warc"), 4000), &error));
  REQUIRE(next.prepare(&error));
  CHECK(next.path().substr(next.path().size() - 14) == "-0000" + std::to_string(names.size()) + ".warc.gz");
}

TEST_CASE("warc write: a file a kill cut is cut back to its last whole record") {
  TempDir dir;
  io::WarcWriter w;
  std::string error;
  REQUIRE(w.open(options(dir.dir(), 1 << 30), &error));
  REQUIRE(w.prepare(&error));
  std::vector<uint64_t> ends{w.size()};  // after the warcinfo record
  for (int i = 0; i < 3; ++i) {
    REQUIRE(w.append(response("http://a.example/" + std::to_string(i), 5000 + i), &error));
    ends.push_back(w.size());
  }
  REQUIRE(w.sync(&error));
  const std::string path = w.path();
  const std::string whole = slurp(path);
  REQUIRE(whole.size() == ends.back());

  struct Case {
    const char* what;
    std::string bytes;
    uint64_t from;
    uint64_t kept;
  };
  const std::string last_record = response("http://a.example/9", 7000);
  const std::string member = io::gzip_member(last_record);
  // A request and its response, each naming the other; a kill between the
  // two writes leaves the request alone.
  const std::string block = "GET / HTTP/1.1\r\n\r\n";
  const std::string request = io::gzip_member(io::warc_record(
      "request", {{"WARC-Record-ID", "<urn:uuid:q>"}, {"WARC-Concurrent-To", "<urn:uuid:r>"}}, block));
  const std::string answer = io::gzip_member(io::warc_record(
      "response", {{"WARC-Record-ID", "<urn:uuid:r>"}, {"WARC-Concurrent-To", "<urn:uuid:q>"}}, block));
  const std::vector<Case> cases = {
      {"nothing cut", whole, 0, ends[3]},
      {"half a gzip member", whole + member.substr(0, member.size() / 2), 0, ends[3]},
      {"a gzip member without its trailer", whole + member.substr(0, member.size() - 3), 0, ends[3]},
      {"a whole member holding half a record", whole + gzip(last_record.substr(0, 3000)), 0, ends[3]},
      {"a member holding a record without its CRLF CRLF",
       whole + gzip(last_record.substr(0, last_record.size() - 4)), 0, ends[3]},
      {"zeros a crash left", whole + std::string(4096, '\0'), 0, ends[3]},
      {"a request whose response was never written", whole + request, 0, ends[3]},
      {"a request and half its response", whole + request + answer.substr(0, 30), 0, ends[3]},
      {"a request and its response", whole + request + answer, 0, ends[3] + request.size() + answer.size()},
      {"a cut inside an earlier record", whole.substr(0, ends[2] + 10), 0, ends[2]},
      {"checked from the durable mark", whole + member.substr(0, 100), ends[2], ends[3]},
      {"a mark past the end: checked from the start", whole.substr(0, ends[1] + 1), ends[3], ends[1]},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    spit(path, c.bytes);
    io::WarcRepair r;
    REQUIRE(io::repair_warc_file(path, c.from, &r, &error));
    CHECK(r.kept == c.kept);
    CHECK(r.cut == c.bytes.size() - c.kept);
    CHECK(!r.removed);
    CHECK(std::filesystem::file_size(path) == c.kept);
    CHECK(slurp(path) == c.bytes.substr(0, c.kept));
    std::string read_error;
    read_all(path, &read_error);
    CHECK(read_error == "");
  }
  // A file with no whole record (a kill inside its warcinfo) is removed.
  spit(path, whole.substr(0, ends[0] / 2));
  io::WarcRepair r;
  REQUIRE(io::repair_warc_file(path, 0, &r, &error));
  CHECK(r.removed);
  CHECK(!std::filesystem::exists(path));
}
