// Reading WARC files (src/io/warc.h): every record's fields as written,
// the same records whether the file is plain, gzipped a record a member (as
// Common Crawl writes it) or gzipped whole; blocks over the cap skipped;
// cut, garbled and corrupt inputs stop with one line naming the byte after
// the records before them; and the HTTP responses the blocks hold.
#include "io/warc.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "gzip_test_util.h"
#include "temp_dir.h"

using winnow::io::HttpResponse;
using winnow::io::parse_http_response;
using winnow::io::WarcReader;
using winnow::io::WarcRecord;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

// A record as a writer puts it down, with what the reader should make of it.
struct Sample {
  std::string version;
  Headers headers;  // without Content-Length, which bytes() adds last
  std::string block;
  // Expected fields, written out by hand from the headers above.
  std::string type, target_uri, record_id, date, content_type;
  bool truncated = false;
};

std::string bytes(const Sample& s) {
  std::string out = s.version + "\r\n";
  for (const auto& [name, value] : s.headers) out += name + ": " + value + "\r\n";
  return out + "Content-Length: " + std::to_string(s.block.size()) + "\r\n\r\n" + s.block + "\r\n\r\n";
}

const std::string kHtml = "<html><head><title>Tin</title></head><body><p>Một bài báo.</p></body></html>";

std::string chunked(const std::string& body) {
  // Chunks of 7, 20 and the rest, one with an extension.
  return "7\r\n" + body.substr(0, 7) + "\r\n14;name=value\r\n" + body.substr(7, 20) + "\r\n" +
         [&] {
           char size[16];
           std::snprintf(size, sizeof size, "%zx", body.size() - 27);
           return std::string(size);
         }() +
         "\r\n" + body.substr(27) + "\r\n0\r\n\r\n";
}

std::vector<Sample> samples() {
  std::vector<Sample> s;
  s.push_back({"WARC/1.1",
               {{"WARC-Type", "warcinfo"},
                {"WARC-Date", "2026-03-01T10:00:00Z"},
                {"WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-000000000001>"},
                {"Content-Type", "application/warc-fields"}},
               "software: winnow-test\r\nformat: WARC File Format 1.1\r\n",
               "warcinfo", "", "<urn:uuid:00000000-0000-0000-0000-000000000001>", "2026-03-01T10:00:00Z",
               "application/warc-fields"});
  s.push_back({"WARC/1.1",
               {{"WARC-Type", "request"},
                {"WARC-Target-URI", "https://tin.example.vn/a.html"},
                {"WARC-Date", "2026-03-01T10:00:01Z"},
                {"WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-000000000002>"},
                {"Content-Type", "application/http; msgtype=request"}},
               "GET /a.html HTTP/1.1\r\nHost: tin.example.vn\r\n\r\n",
               "request", "https://tin.example.vn/a.html", "<urn:uuid:00000000-0000-0000-0000-000000000002>",
               "2026-03-01T10:00:01Z", "application/http; msgtype=request"});
  s.push_back({"WARC/1.1",
               {{"WARC-Type", "response"},
                {"WARC-Target-URI", "https://tin.example.vn/a.html"},
                {"WARC-Date", "2026-03-01T10:00:02Z"},
                {"WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-000000000003>"},
                {"Content-Type", "application/http; msgtype=response"},
                {"WARC-Payload-Digest", "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}},
               "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                   std::to_string(kHtml.size()) + "\r\n\r\n" + kHtml,
               "response", "https://tin.example.vn/a.html", "<urn:uuid:00000000-0000-0000-0000-000000000003>",
               "2026-03-01T10:00:02Z", "application/http; msgtype=response"});
  s.push_back({"WARC/1.1",
               {{"WARC-Type", "response"},
                {"WARC-Target-URI", "https://tin.example.vn/b.html"},
                {"WARC-Date", "2026-03-01T10:00:03Z"},
                {"WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-000000000004>"},
                {"Content-Type", "application/http; msgtype=response"}},
               "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(kHtml),
               "response", "https://tin.example.vn/b.html", "<urn:uuid:00000000-0000-0000-0000-000000000004>",
               "2026-03-01T10:00:03Z", "application/http; msgtype=response"});
  s.push_back({"WARC/1.1",
               {{"WARC-Type", "response"},
                {"WARC-Target-URI", "https://tin.example.vn/c.html"},
                {"WARC-Date", "2026-03-01T10:00:04Z"},
                {"WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-000000000005>"},
                {"Content-Type", "application/http;msgtype=response"}},
               "HTTP/1.1 200 OK\r\ncontent-encoding: gzip\r\nContent-Type: text/html\r\n\r\n" + gzip(kHtml),
               "response", "https://tin.example.vn/c.html", "<urn:uuid:00000000-0000-0000-0000-000000000005>",
               "2026-03-01T10:00:04Z", "application/http;msgtype=response"});
  s.push_back({"WARC/1.1",
               {{"WARC-Type", "metadata"},
                {"WARC-Target-URI", "https://tin.example.vn/c.html"},
                {"WARC-Date", "2026-03-01T10:00:04Z"},
                {"WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-000000000006>"},
                {"WARC-Concurrent-To", "<urn:uuid:00000000-0000-0000-0000-000000000005>"},
                {"Content-Type", "application/warc-fields"}},
               "fetchTimeMs: 120\r\n",
               "metadata", "https://tin.example.vn/c.html", "<urn:uuid:00000000-0000-0000-0000-000000000006>",
               "2026-03-01T10:00:04Z", "application/warc-fields"});
  s.push_back({"WARC/1.1",
               {{"WARC-Type", "Revisit"},  // the type is lower-cased
                {"WARC-Target-URI", "https://tin.example.vn/a.html"},
                {"WARC-Date", "2026-03-02T10:00:00Z"},
                {"WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-000000000007>"},
                {"WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"},
                {"WARC-Refers-To", "<urn:uuid:00000000-0000-0000-0000-000000000003>"},
                {"Content-Type", "application/http; msgtype=response"}},
               "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
               "revisit", "https://tin.example.vn/a.html", "<urn:uuid:00000000-0000-0000-0000-000000000007>",
               "2026-03-02T10:00:00Z", "application/http; msgtype=response"});
  s.push_back({"WARC/1.0",
               {{"WARC-Type", "response"},
                {"WARC-Target-URI", "<http://tin.example.vn/cu.html>"},  // WARC 1.0's brackets
                {"WARC-Date", "2012-05-01T00:00:00Z"},
                {"WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-000000000008>"},
                {"Content-Type", "application/http; msgtype=response"}},
               "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + kHtml,
               "response", "http://tin.example.vn/cu.html", "<urn:uuid:00000000-0000-0000-0000-000000000008>",
               "2012-05-01T00:00:00Z", "application/http; msgtype=response"});
  s.push_back({"WARC/1.1",
               {{"WARC-Type", "response"},
                {"WARC-Target-URI", "https://tin.example.vn/d.html"},
                {"WARC-Date", "2026-03-01T10:00:05Z"},
                {"WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-000000000009>"},
                {"WARC-Truncated", "length"},
                {"Content-Type", "application/http; msgtype=response"}},
               "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + kHtml.substr(0, 30),
               "response", "https://tin.example.vn/d.html", "<urn:uuid:00000000-0000-0000-0000-000000000009>",
               "2026-03-01T10:00:05Z", "application/http; msgtype=response", true});
  return s;
}

std::string plain(const std::vector<Sample>& s) {
  std::string out;
  for (const Sample& r : s) out += bytes(r);
  return out;
}

std::string gzip_per_record(const std::vector<Sample>& s) {
  std::string out;
  for (const Sample& r : s) out += gzip(bytes(r));
  return out;
}

// Reads `path` to its end or first error: the records, and the error.
struct ReadAll {
  std::vector<WarcRecord> records;
  WarcReader::Next last = WarcReader::Next::kRecord;
  std::string error;
  uint64_t bytes_read = 0;
};

ReadAll read_all(const std::string& path, size_t cap) {
  ReadAll out;
  WarcReader reader;
  std::string error;
  REQUIRE_MESSAGE(reader.open(path, cap, &error), error);
  WarcRecord record;
  while ((out.last = reader.next(&record, &out.error)) == WarcReader::Next::kRecord) out.records.push_back(record);
  // Once over, it stays over, with the same error.
  std::string again;
  CHECK(reader.next(&record, &again) == out.last);
  CHECK(again == (out.last == WarcReader::Next::kError ? out.error : ""));
  out.bytes_read = reader.bytes_read();
  return out;
}

void check_samples(const ReadAll& got, const std::vector<Sample>& want) {
  REQUIRE(got.records.size() == want.size());
  uint64_t offset = 0;
  for (size_t i = 0; i < want.size(); ++i) {
    CAPTURE(i);
    const WarcRecord& r = got.records[i];
    const Sample& s = want[i];
    Headers headers = s.headers;
    headers.emplace_back("Content-Length", std::to_string(s.block.size()));
    CHECK(r.version == s.version);
    CHECK(r.headers == headers);
    CHECK(r.type == s.type);
    CHECK(r.target_uri == s.target_uri);
    CHECK(r.record_id == s.record_id);
    CHECK(r.date == s.date);
    CHECK(r.content_type == s.content_type);
    CHECK(r.truncated == s.truncated);
    CHECK_FALSE(r.too_large);
    CHECK(r.block == s.block);
    CHECK(r.offset == offset);
    offset += bytes(s).size();
  }
}

}  // namespace

TEST_CASE("warc: plain, gzipped a record a member, and gzipped whole read the same records") {
  TempDir tmp;
  const std::vector<Sample> want = samples();
  const std::string text = plain(want);
  const std::string per_record = gzip_per_record(want);
  const std::string whole = gzip(text);
  const std::pair<std::string, std::string> files[] = {
      {tmp.write("a.warc", text), text}, {tmp.write("a.warc.gz", per_record), per_record},
      {tmp.write("whole.warc.gz", whole), whole}};
  for (const auto& [path, content] : files) {
    CAPTURE(path);
    ReadAll got = read_all(path, 1 << 20);
    CHECK(got.last == WarcReader::Next::kEnd);
    CHECK(got.error.empty());
    check_samples(got, want);
    CHECK(got.bytes_read == content.size());
  }
  // Headers by name, in any case; the first of two; "" for none.
  ReadAll got = read_all(files[1].first, 1 << 20);
  CHECK(got.records[6].header("warc-refers-to") == "<urn:uuid:00000000-0000-0000-0000-000000000003>");
  CHECK(got.records[6].header("CONTENT-LENGTH") == std::to_string(want[6].block.size()));
  CHECK(got.records[6].header("WARC-Truncated").empty());
  CHECK(got.records[8].header("WARC-Truncated") == "length");
}

TEST_CASE("warc: bare LF line ends, folded header lines, blank lines between records, no ending at the end") {
  TempDir tmp;
  const std::string text =
      "WARC/1.0\nWARC-Type: resource\nWARC-Target-URI: <file:///x.html>\nX-Note: one\n\ttwo\n  three\n"
      "Content-Length: 5\n\nhello\n\n\r\n\n"
      "WARC/1.1\r\nWARC-Type: conversion\r\nWARC-Truncated:\r\nContent-Length: 0\r\n\r\n\r\n\r\n"
      "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 3\r\n\r\nend";
  ReadAll got = read_all(tmp.write("lf.warc", text), 100);
  CHECK(got.last == WarcReader::Next::kEnd);
  REQUIRE(got.records.size() == 3);
  CHECK(got.records[0].version == "WARC/1.0");
  CHECK(got.records[0].type == "resource");
  CHECK(got.records[0].target_uri == "file:///x.html");
  CHECK(got.records[0].header("X-Note") == "one two three");
  CHECK(got.records[0].block == "hello");
  CHECK(got.records[1].offset == 117);  // after 114 bytes of record and 3 of blank lines
  CHECK(got.records[1].type == "conversion");
  CHECK(got.records[1].truncated);  // present, even empty
  CHECK(got.records[1].block.empty());
  CHECK(got.records[2].block == "end");
}

TEST_CASE("warc: a block over the cap is skipped, and the next record still read") {
  TempDir tmp;
  std::vector<Sample> s = samples();
  Sample big = s[2];
  big.block = "HTTP/1.1 200 OK\r\n\r\n" + std::string(300000, 'x');  // several reads and inflate buffers
  const std::vector<Sample> three = {s[1], big, s[3]};
  for (const std::string& path : {tmp.write("big.warc", plain(three)), tmp.write("big.warc.gz", gzip_per_record(three)),
                                  tmp.write("bigwhole.warc.gz", gzip(plain(three)))}) {
    CAPTURE(path);
    ReadAll got = read_all(path, 1000);
    CHECK(got.last == WarcReader::Next::kEnd);
    REQUIRE(got.records.size() == 3);
    CHECK_FALSE(got.records[0].too_large);
    CHECK(got.records[0].block == s[1].block);
    CHECK(got.records[1].too_large);
    CHECK(got.records[1].block.empty());
    CHECK(got.records[1].type == "response");
    CHECK(got.records[1].header("Content-Length") == "300019");
    CHECK_FALSE(got.records[2].too_large);
    CHECK(got.records[2].block == s[3].block);
    CHECK(got.records[2].offset == bytes(s[1]).size() + bytes(big).size());
  }
  // At the cap exactly is not over it.
  ReadAll exact = read_all(tmp.write("exact.warc", plain(three)), 300019);
  REQUIRE(exact.records.size() == 3);
  CHECK_FALSE(exact.records[1].too_large);
  CHECK(exact.records[1].block == big.block);
}

TEST_CASE("warc: a file cut inside a block returns the records before it, then names the record's byte") {
  TempDir tmp;
  const std::vector<Sample> s = samples();
  const std::string first_two = bytes(s[0]) + bytes(s[1]);
  const std::string third = bytes(s[2]);
  const size_t header_len = third.find("\r\n\r\n") + 4;
  const std::string cut = first_two + third.substr(0, header_len + 10);  // 10 bytes of the block
  const std::string want_error = "truncated record at byte " + std::to_string(first_two.size()) +
                                 ": Content-Length " + std::to_string(s[2].block.size()) + ", 10 bytes left";
  for (const std::string& path : {tmp.write("cut.warc", cut), tmp.write("cut.warc.gz", gzip(cut))}) {
    ReadAll got = read_all(path, 1 << 20);
    CHECK(got.last == WarcReader::Next::kError);
    CHECK(got.error == want_error);
    REQUIRE(got.records.size() == 2);
    CHECK(got.records[1].block == s[1].block);
  }
  // Cut inside the header, too large to keep, or without its Content-Length.
  ReadAll in_header = read_all(tmp.write("h.warc", first_two + third.substr(0, 30)), 1 << 20);
  CHECK(in_header.error ==
        "truncated record at byte " + std::to_string(first_two.size()) + ": the header does not end");
  CHECK(in_header.records.size() == 2);
  ReadAll skipped = read_all(tmp.write("skip.warc", cut), 5);
  CHECK(skipped.error == want_error);
  CHECK(skipped.records.size() == 2);
  ReadAll no_length = read_all(tmp.write("nl.warc", "WARC/1.1\r\nWARC-Type: resource\r\n\r\nabc\r\n\r\n"), 100);
  CHECK(no_length.error == "record at byte 0 has no Content-Length");
  ReadAll bad_length = read_all(tmp.write("bl.warc", "WARC/1.1\r\nContent-Length: 12a\r\n\r\nabc\r\n\r\n"), 100);
  CHECK(bad_length.error == "record at byte 0: Content-Length \"12a\" is not a number");
  ReadAll bad_line = read_all(tmp.write("bh.warc", "WARC/1.1\r\nno colon here\r\nContent-Length: 0\r\n\r\n"), 100);
  CHECK(bad_line.error == "bad WARC header line at byte 10 (\"no colon here\")");
}

TEST_CASE("warc: what is not a WARC record is named by its byte and first bytes") {
  TempDir tmp;
  ReadAll at_start = read_all(
      tmp.write("http.warc", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html>"), 100);
  CHECK(at_start.last == WarcReader::Next::kError);
  CHECK(at_start.error == "not a WARC record at byte 0 (starts \"HTTP/1.1 200 OK\\r\\nContent-Type: text/html\"...)");
  CHECK(at_start.records.empty());

  const std::vector<Sample> s = samples();
  const std::string first = bytes(s[0]);
  ReadAll after = read_all(tmp.write("junk.warc", first + "\x01junk\""), 1 << 20);
  CHECK(after.error == "not a WARC record at byte " + std::to_string(first.size()) + " (starts \"\\x01junk\\\"\")");
  CHECK(after.records.size() == 1);
  // A Content-Length that is too short leaves the block's tail where the
  // next record should start.
  ReadAll short_length = read_all(tmp.write("short.warc", "WARC/1.1\r\nContent-Length: 2\r\n\r\nabcdef\r\n\r\n"), 100);
  CHECK(short_length.error == "not a WARC record at byte 33 (starts \"cdef\\r\\n\\r\\n\")");
  REQUIRE(short_length.records.size() == 1);
  CHECK(short_length.records[0].block == "ab");
}

TEST_CASE("warc: an empty file ends at once; a missing file and a directory do not open") {
  TempDir tmp;
  for (const std::string& content : {std::string(), std::string("\r\n\r\n"), gzip("")}) {
    ReadAll got = read_all(tmp.write("empty.warc", content), 100);
    CHECK(got.last == WarcReader::Next::kEnd);
    CHECK(got.records.empty());
  }
  WarcReader reader;
  std::string error;
  CHECK_FALSE(reader.open(tmp.file("none.warc"), 100, &error));
  CHECK(error == "no such file");
  CHECK_FALSE(reader.open(tmp.dir(), 100, &error));
  CHECK(error == "is a directory");
  CHECK_FALSE(reader.open(tmp.file("none/x.warc"), 100, &error));
  CHECK(error == "no such file");
}

TEST_CASE("warc: corrupt or cut gzip stops after the records before it") {
  TempDir tmp;
  const std::vector<Sample> s = samples();
  std::string members = gzip(bytes(s[0])) + gzip(bytes(s[1]));
  const size_t third_at = members.size();
  std::string third = gzip(bytes(s[2]));

  std::string bad_header = members + third;
  bad_header[third_at] = 'X';  // not a gzip member
  ReadAll got = read_all(tmp.write("badhead.warc.gz", bad_header), 1 << 20);
  CHECK(got.last == WarcReader::Next::kError);
  CHECK(got.error.rfind("gzip: corrupt data (incorrect header check) at compressed byte ", 0) == 0);
  CHECK(got.records.size() == 2);

  std::string bad_data = members + third;
  for (size_t i = third_at + 20; i < third_at + 40; ++i) bad_data[i] = static_cast<char>(bad_data[i] ^ 0x5a);
  got = read_all(tmp.write("baddata.warc.gz", bad_data), 1 << 20);
  CHECK(got.last == WarcReader::Next::kError);
  CHECK(got.error.rfind("gzip: ", 0) == 0);  // bad data or a bad check, by what the bits became
  CHECK(got.records.size() == 2);

  got = read_all(tmp.write("cut.warc.gz", members + third.substr(0, third.size() / 2)), 1 << 20);
  CHECK(got.error == "gzip: truncated data at compressed byte " + std::to_string(third_at + third.size() / 2));
  CHECK(got.records.size() == 2);

  got = read_all(tmp.write("trail.warc.gz", members + "trailing"), 1 << 20);
  CHECK(got.error.rfind("gzip: corrupt data", 0) == 0);
  CHECK(got.records.size() == 2);
}

TEST_CASE("warc: 2,000 records, plain and gzipped, each read whole and in order") {
  TempDir tmp;
  std::string text, members;
  std::vector<std::string> blocks;
  for (int i = 0; i < 2000; ++i) {
    std::string body = "<p>bài " + std::to_string(i) + "</p>" + std::string(static_cast<size_t>(i % 97) * 13, static_cast<char>('a' + i % 26));
    blocks.push_back("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body);
    Sample r{"WARC/1.1", {{"WARC-Type", "response"}, {"WARC-Target-URI", "https://tin.example.vn/" + std::to_string(i)}},
             blocks.back()};
    text += bytes(r);
    members += gzip(bytes(r));
  }
  for (const std::string& path : {tmp.write("many.warc", text), tmp.write("many.warc.gz", members),
                                  tmp.write("manywhole.warc.gz", gzip(text))}) {
    CAPTURE(path);
    WarcReader reader;
    std::string error;
    REQUIRE(reader.open(path, 1 << 16, &error));
    WarcRecord record;
    int n = 0;
    uint64_t last_read = 0;
    while (reader.next(&record, &error) == WarcReader::Next::kRecord) {
      REQUIRE(n < 2000);
      CHECK(record.target_uri == "https://tin.example.vn/" + std::to_string(n));
      CHECK(record.block == blocks[static_cast<size_t>(n)]);
      CHECK(reader.bytes_read() >= last_read);
      last_read = reader.bytes_read();
      ++n;
    }
    CHECK(error.empty());
    CHECK(n == 2000);
  }
}

TEST_CASE("warc: a pipe is read as it comes, past the pipe's buffer") {
  const std::vector<Sample> s = samples();
  std::string text;
  for (int i = 0; i < 100; ++i) text += gzip(plain(s));  // about 400 KB of members
  int fds[2];
  REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
  std::thread writer([&] {
    size_t done = 0;
    while (done < text.size()) {
      ssize_t n = ::write(fds[1], text.data() + done, text.size() - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    ::close(fds[1]);
  });
  WarcReader reader;
  std::string error;
  REQUIRE(reader.open("/dev/fd/" + std::to_string(fds[0]), 1 << 20, &error));
  WarcRecord record;
  size_t n = 0;
  while (reader.next(&record, &error) == WarcReader::Next::kRecord) {
    CHECK(record.block == s[n % s.size()].block);
    ++n;
  }
  writer.join();
  ::close(fds[0]);
  CHECK(error.empty());
  CHECK(n == 100 * s.size());
}

// ---- parse_http_response ----

namespace {

std::string zlib_deflate(const std::string& data, int window_bits) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

}  // namespace

TEST_CASE("warc: the responses of the sample records, parsed") {
  const std::vector<Sample> s = samples();
  for (size_t i : {2, 3, 4, 7}) {
    CAPTURE(i);
    HttpResponse r;
    std::string error;
    REQUIRE_MESSAGE(parse_http_response(s[i].block, 1 << 20, &r, &error), error);
    CHECK(r.status == 200);
    CHECK(r.body == kHtml);
    CHECK(r.header("content-type").rfind("text/html", 0) == 0);
  }
  HttpResponse r;
  std::string error;
  REQUIRE(parse_http_response(s[2].block, 1 << 20, &r, &error));
  CHECK(r.headers == Headers{{"Content-Type", "text/html; charset=utf-8"},
                             {"Content-Length", std::to_string(kHtml.size())}});
  REQUIRE(parse_http_response(s[6].block, 1 << 20, &r, &error));  // the revisit: headers only
  CHECK(r.body.empty());
  REQUIRE(parse_http_response(s[8].block, 1 << 20, &r, &error));  // truncated: what there is
  CHECK(r.body == kHtml.substr(0, 30));
  CHECK_FALSE(parse_http_response(s[1].block, 1 << 20, &r, &error));  // a request
  CHECK(error == "not an HTTP response (starts \"GET /a.html HTTP/1.1??Host: tin.example.\")");
}

TEST_CASE("warc: HTTP codings: x-gzip, deflate both ways, 100 Continue, LF lines, no reason") {
  HttpResponse r;
  std::string error;
  REQUIRE(parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: x-gzip\r\n\r\n" + gzip(kHtml), 1000, &r, &error));
  CHECK(r.body == kHtml);
  REQUIRE(parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n\r\n" + zlib_deflate(kHtml, 15), 1000,
                              &r, &error));
  CHECK(r.body == kHtml);
  REQUIRE(parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: Deflate\r\n\r\n" + zlib_deflate(kHtml, -15), 1000,
                              &r, &error));
  CHECK(r.body == kHtml);
  // Chunked and gzipped: the chunks undone first.
  REQUIRE(parse_http_response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n" +
                                  chunked(gzip(kHtml)),
                              1000, &r, &error));
  CHECK(r.body == kHtml);
  REQUIRE(parse_http_response("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nX: y\r\n\r\ngone", 1000, &r,
                              &error));
  CHECK(r.status == 404);
  CHECK(r.headers == Headers{{"X", "y"}});
  CHECK(r.body == "gone");
  REQUIRE(parse_http_response("HTTP/1.0 301\nLocation: /b\nX-Folded: a\n b\n\n", 1000, &r, &error));
  CHECK(r.status == 301);
  CHECK(r.header("location") == "/b");
  CHECK(r.header("X-Folded") == "a b");
  CHECK(r.header("missing").empty());
  CHECK(r.body.empty());
  // A 304 says gzip but has no body: nothing to inflate.
  REQUIRE(parse_http_response("HTTP/1.1 304 Not Modified\r\nContent-Encoding: gzip\r\n\r\n", 1000, &r, &error));
  CHECK(r.body.empty());
  // The last chunk missing at the end of the block: the chunks there are.
  REQUIRE(parse_http_response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n", 1000, &r, &error));
  CHECK(r.body == "abc");
}

TEST_CASE("warc: broken HTTP bodies and bodies over the cap are errors") {
  HttpResponse r;
  std::string error;
  const std::string chunked_head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  CHECK_FALSE(parse_http_response(chunked_head + "zz\r\nabc\r\n0\r\n\r\n", 1000, &r, &error));
  CHECK(error == "chunked body: bad chunk size \"zz\" at byte 0 of the body");
  CHECK_FALSE(parse_http_response(chunked_head + "3\r\nabc\r\n-1\r\nx\r\n", 1000, &r, &error));
  CHECK(error == "chunked body: bad chunk size \"-1\" at byte 8 of the body");
  CHECK_FALSE(parse_http_response(chunked_head + "ffffffffffffffffffff\r\nabc", 1000, &r, &error));
  CHECK(error.rfind("chunked body: bad chunk size", 0) == 0);
  CHECK_FALSE(parse_http_response(chunked_head + "fffffff\r\nabc", 1000, &r, &error));
  CHECK(error == "chunked body: a chunk of 268435455 bytes at byte 0 of the body runs past its end (3 bytes left)");
  CHECK_FALSE(parse_http_response(chunked_head + "3\r\nabcdef\r\n0\r\n\r\n", 1000, &r, &error));
  CHECK(error == "chunked body: no line end after the chunk at byte 0 of the body");
  CHECK_FALSE(parse_http_response(chunked_head + "3\r\nabc\r\n4", 1000, &r, &error));
  CHECK(error == "chunked body: the chunk size line at byte 8 of the body is cut off");

  CHECK_FALSE(parse_http_response("HTTP/1.1 200 OK\r\n\r\n" + std::string(1001, 'x'), 1000, &r, &error));
  CHECK(error == "body larger than 1000 bytes");
  REQUIRE(parse_http_response("HTTP/1.1 200 OK\r\n\r\n" + std::string(1000, 'x'), 1000, &r, &error));
  CHECK(r.body.size() == 1000);
  const std::string bomb = gzip(std::string(1 << 20, '\0'));
  CHECK_FALSE(parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + bomb, 100000, &r, &error));
  CHECK(error == "Content-Encoding gzip: inflates to more than 100000 bytes");
  CHECK_FALSE(parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n\r\n" + zlib_deflate(std::string(1 << 20, 'a'), -15),
                                  100000, &r, &error));
  CHECK(error == "Content-Encoding deflate: inflates to more than 100000 bytes");
  CHECK_FALSE(parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\nnot gzip at all", 1000, &r, &error));
  CHECK(error.rfind("Content-Encoding gzip: corrupt gzip data", 0) == 0);
  const std::string gz = gzip(kHtml);
  CHECK_FALSE(parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + gz.substr(0, gz.size() / 2),
                                  1000, &r, &error));
  CHECK(error == "Content-Encoding gzip: truncated gzip data");
  CHECK_FALSE(parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxyz", 1000, &r, &error));
  CHECK(error == "unsupported Content-Encoding \"br\"");
  for (const char* block : {"", "HTTP/1.1", "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/ 200 OK\r\n\r\n", "<html>"}) {
    CAPTURE(block);
    CHECK_FALSE(parse_http_response(block, 1000, &r, &error));
    CHECK(error.rfind("not an HTTP response", 0) == 0);
  }
}
