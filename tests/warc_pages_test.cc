// The HTML pages of a WARC file (winnow/warc.h): which records become pages,
// how the rest are counted, and what a broken file hands over before it
// breaks. The records are written here by hand after ISO 28500 (WARC/1.0
// and 1.1: a version line, named fields, CRLF, the block, CRLF CRLF).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "gzip_test_util.h"
#include "temp_dir.h"
#include "winnow/warc.h"

namespace {

int g_id = 0;  // the last record's number: its id and date

std::string record(const std::string& type, const std::string& uri, const std::string& block,
                   const std::string& content_type = "application/http; msgtype=response",
                   const std::string& extra = "", const std::string& version = "WARC/1.0") {
  const int id = ++g_id;
  return version + "\r\nWARC-Type: " + type + "\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-" +
         std::to_string(100000000000 + id) + ">\r\nWARC-Date: 2024-05-17T16:07:0" + std::to_string(id % 10) +
         "Z\r\n" + (uri.empty() ? "" : "WARC-Target-URI: " + uri + "\r\n") + extra + "Content-Type: " + content_type +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

std::string http(const std::string& status, const std::string& headers, const std::string& body) {
  return "HTTP/1.1 " + status + "\r\n" + headers + "\r\n" + body;
}

const std::string kPage = "<!DOCTYPE html><html><head><title>T</title></head><body><p>Body.</p></body></html>";

// warcinfo, a request/response pair, every kind of record passed over, a
// chunked response, a page without Content-Type: 13 records, 3 pages.
std::vector<std::string> records() {
  g_id = 0;
  return {
      record("warcinfo", "", "software: test\r\n", "application/warc-fields"),
      record("request", "https://news.test/a.html", "GET /a.html HTTP/1.1\r\nHost: news.test\r\n\r\n",
             "application/http; msgtype=request"),
      record("response", "https://news.test/a.html",
             http("200 OK", "Content-Type: text/html; charset=windows-1258\r\n", kPage)),
      record("metadata", "https://news.test/a.html", "fetchTimeMs: 12\r\n", "application/warc-fields"),
      record("revisit", "https://news.test/a.html", http("200 OK", "Content-Type: text/html\r\n", ""),
             "application/http; msgtype=response",
             "WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest\r\n"),
      record("response", "https://news.test/logo.png",
             http("200 OK", "Content-Type: image/png\r\n", "\x89PNG\r\n\x1A\n....")),
      record("response", "https://news.test/cut.html", http("200 OK", "Content-Type: text/html\r\n", "<html><p>Cu"),
             "application/http; msgtype=response", "WARC-Truncated: length\r\n"),
      record("response", "https://news.test/gone.html", http("404 Not Found", "Content-Type: text/html\r\n", kPage)),
      record("response", "https://news.test/moved", http("301 Moved Permanently", "Location: /b.html\r\n", "")),
      record("response", "https://news.test/b.html",
             http("200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                  "10\r\n<html><body><p>B\r\nA\r\nody.</p>\r\n\r\n0\r\n\r\n"),
             "application/http; msgtype=response", "", "WARC/1.1"),
      record("response", "https://news.test/c.html", http("200 OK", "", "  <html><p>C.</p></html>")),
      record("response", "https://news.test/d.txt", http("200 OK", "", "just some text")),
      record("resource", "https://news.test/e.html", kPage, "text/html"),
  };
}

struct Read {
  bool ok = false;
  winnow::WarcCounts counts;
  std::vector<winnow::WarcPage> pages;
  std::string error;
};

Read read(const std::string& path) {
  Read r;
  r.ok = winnow::read_warc_pages(
      path, size_t{1} << 20, &r.counts,
      [&](winnow::WarcPage&& p) {
        r.pages.push_back(std::move(p));
        return true;
      },
      &r.error);
  return r;
}

void check_whole_file(const Read& r) {
  CHECK(r.ok);
  CHECK(r.error.empty());
  const winnow::WarcCounts& c = r.counts;
  CHECK(c.records == 13);
  CHECK(c.responses == 8);
  CHECK(c.html == 3);
  CHECK(c.skipped_request == 1);
  CHECK(c.skipped_metadata == 1);
  CHECK(c.skipped_revisit == 1);
  CHECK(c.skipped_warcinfo == 1);
  CHECK(c.skipped_other == 1);  // the resource record
  CHECK(c.not_html == 2);       // the PNG, the text without a Content-Type
  CHECK(c.truncated == 1);
  CHECK(c.not_2xx == 2);  // the 404, the 301
  CHECK(c.too_large == 0);
  CHECK(c.bad_http == 0);
  REQUIRE(r.pages.size() == 3);
  CHECK(r.pages[0].url == "https://news.test/a.html");
  CHECK(r.pages[0].record_id == "<urn:uuid:00000000-0000-0000-0000-100000000003>");
  CHECK(r.pages[0].date.substr(0, 18) == "2024-05-17T16:07:0");
  CHECK(r.pages[0].charset_hint == "windows-1258");
  CHECK(r.pages[0].body == kPage);
  CHECK(r.pages[1].url == "https://news.test/b.html");
  CHECK(r.pages[1].charset_hint.empty());
  CHECK(r.pages[1].body == "<html><body><p>Body.</p>\r\n");  // de-chunked
  CHECK(r.pages[2].url == "https://news.test/c.html");
  CHECK(r.pages[2].body == "  <html><p>C.</p></html>");
}

}  // namespace

TEST_CASE("warc pages: HTML responses handed over in order, every other record counted by kind") {
  TempDir dir;
  std::string plain, per_record;
  for (const std::string& r : records()) {
    plain += r;
    per_record += gzip(r);
  }
  check_whole_file(read(dir.write("plain.warc", plain)));
  check_whole_file(read(dir.write("per-record.warc.gz", per_record)));  // as Common Crawl writes it
  check_whole_file(read(dir.write("whole.warc.gz", gzip(plain))));
}

TEST_CASE("warc pages: a file cut mid-record hands over what came before, then one line with the offset") {
  TempDir dir;
  std::string plain;
  for (const std::string& r : records()) plain += r;
  const size_t cut_at = plain.find("https://news.test/b.html\r\n");  // inside the chunked response's header
  const std::string path = dir.write("cut.warc", plain.substr(0, cut_at + 150));
  Read r = read(path);
  CHECK_FALSE(r.ok);
  CHECK(r.pages.size() == 1);  // a.html; b.html is cut
  CHECK(r.counts.records == 9);
  CHECK(r.error.find(path + ": ") == 0);
  CHECK(r.error.find("byte") != std::string::npos);
  CHECK(r.error.find('\n') == std::string::npos);
}

TEST_CASE("warc pages: no WARC at all, or no file, is an error before any record") {
  TempDir dir;
  Read r = read(dir.write("page.html", kPage));
  CHECK_FALSE(r.ok);
  CHECK(r.counts.records == 0);
  CHECK(r.pages.empty());
  CHECK(r.error.find(dir.file("page.html") + ": ") == 0);
  r = read(dir.file("missing.warc"));
  CHECK_FALSE(r.ok);
  CHECK(r.error.find(dir.file("missing.warc") + ": ") == 0);
}

TEST_CASE("warc pages: on_page returning false stops the read") {
  TempDir dir;
  std::string plain;
  for (const std::string& r : records()) plain += r;
  const std::string path = dir.write("all.warc", plain);
  winnow::WarcCounts counts;
  std::string error;
  int pages = 0;
  CHECK(winnow::read_warc_pages(
      path, size_t{1} << 20, &counts, [&](winnow::WarcPage&&) { return ++pages < 2; }, &error));
  CHECK(pages == 2);
  CHECK(counts.html == 2);
  CHECK(counts.records == 10);
}

TEST_CASE("warc pages: a block over the cap is counted, not kept") {
  TempDir dir;
  const std::string big(3 << 20, 'x');  // over the 1 MiB cap with its header room
  const std::string path = dir.write(
      "big.warc", record("response", "https://news.test/big.html",
                         http("200 OK", "Content-Type: text/html\r\n", "<html><p>" + big)) +
                      record("response", "https://news.test/a.html",
                             http("200 OK", "Content-Type: text/html\r\n", kPage)));
  Read r = read(path);
  CHECK(r.ok);
  CHECK(r.counts.too_large == 1);
  REQUIRE(r.pages.size() == 1);
  CHECK(r.pages[0].url == "https://news.test/a.html");
}

TEST_CASE("warc pages: is_html_payload by the media type, else by the first bytes") {
  using winnow::is_html_payload;
  CHECK(is_html_payload("text/html", ""));
  CHECK(is_html_payload("Text/HTML; charset=UTF-8", "whatever"));
  CHECK(is_html_payload("application/xhtml+xml", "<?xml version=\"1.0\"?><html/>"));
  CHECK_FALSE(is_html_payload("image/png", "<html>"));
  CHECK_FALSE(is_html_payload("text/plain", "<html>"));
  CHECK(is_html_payload("", "<!DOCTYPE html>"));
  CHECK(is_html_payload("", "\xEF\xBB\xBF\r\n  <HTML lang=vi>"));
  CHECK(is_html_payload("", "<!-- a comment --><p>x"));
  CHECK(is_html_payload("", "<p>Text"));
  CHECK_FALSE(is_html_payload("", "<pre>"));  // "<p" not followed by a space or ">"
  CHECK_FALSE(is_html_payload("", "<html"));  // nothing after the tag name
  CHECK_FALSE(is_html_payload("", "plain text"));
  CHECK_FALSE(is_html_payload("", ""));
}
