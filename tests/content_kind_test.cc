// Is a fetched body an HTML page (src/fetch/content_kind.h)? Every file
// signature and binary type is caught, with its one-line reason; real HTML
// never is: the fixtures and the shared data sets' pages under every type
// a server may give them, UTF-16 pages, HTML served as octet-stream.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "eval/dataset.h"
#include "fetch/content_kind.h"

namespace fs = std::filesystem;
using winnow::fetch::not_html;
using namespace std::string_literals;

namespace {

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The HTML pages of a directory (gunzipped), at most `limit`.
std::vector<std::string> pages_in(const fs::path& dir, size_t limit = 100000) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return {};
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (name.find(".html") != std::string::npos) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> out;
  for (const fs::path& p : files) {
    if (out.size() == limit) break;
    std::string bytes = read_bytes(p), page, why;
    if (bytes.size() > 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b') {
      REQUIRE_MESSAGE(winnow::eval::gunzip(bytes, winnow::eval::kMaxPageBytes, &page, &why), p, ": ", why);
    } else {
      page = std::move(bytes);
    }
    out.push_back(std::move(page));
  }
  return out;
}

// UTF-8 to UTF-16 (little- or big-endian), with or without a BOM.
std::string utf16(const std::string& utf8, bool little, bool bom) {
  std::u32string cps;
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (int k = 1; k < n && i + k < utf8.size(); ++k) cp = (cp << 6) | (utf8[i + k] & 0x3F);
    cps.push_back(cp);
    i += n;
  }
  std::string out;
  auto unit = [&](uint16_t u) {
    char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
    out += little ? std::string{lo, hi} : std::string{hi, lo};
  };
  if (bom) unit(0xFEFF);
  for (char32_t cp : cps) {
    if (cp < 0x10000) {
      unit(static_cast<uint16_t>(cp));
    } else {
      unit(static_cast<uint16_t>(0xD800 + ((cp - 0x10000) >> 10)));
      unit(static_cast<uint16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
    }
  }
  return out;
}

const std::vector<std::string> kPageTypes = {"text/html; charset=utf-8", "text/html", "", "application/octet-stream",
                                             "text/plain", "application/xhtml+xml", "TEXT/HTML; Charset=UTF-8"};

const std::string kPage =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Tin</title></head>"
    "<body><p>Hà Nội và Quảng Châu chia sẻ tương đồng.</p></body></html>\n";

}  // namespace

TEST_CASE("not_html: each file signature, whatever the type says") {
  struct Case {
    std::string bytes, what;
  };
  const std::string pad(600, 'x');
  std::string pe = "MZ" + std::string(0x3A, '\x90') + "\x80\0\0\0"s + std::string(0x40, '\0') + "PE\0\0"s;
  const std::vector<Case> cases = {
      {"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj", "PDF document"},
      {"PK\x03\x04\x14\0\0\0\x08\0"s, "ZIP archive"},
      {"PK\x05\x06"s + std::string(18, '\0'), "ZIP archive"},
      {"\xFF\xD8\xFF\xE0\0\x10JFIF\0"s, "JPEG image"},
      {"\x89PNG\r\n\x1A\n\0\0\0\rIHDR"s, "PNG image"},
      {"GIF89a\x01\0\x01\0"s, "GIF image"},
      {"GIF87a\x01\0\x01\0"s, "GIF image"},
      {"RIFF\x24\x08\0\0WEBPVP8 "s, "WebP image"},
      {"RIFF\x24\x08\0\0WAVEfmt "s, "WAV audio"},
      {"RIFF\x24\x08\0\0AVI LIST"s, "AVI video"},
      {"II*\0\x08\0\0\0"s, "TIFF image"},
      {"MM\0*\0\0\0\x08"s, "TIFF image"},
      {"\0\0\0\x20" "ftypisom\0\0\x02\0"s, "MP4 or other ISO media"},
      {"\0\0\0\x1C" "ftypheic"s, "MP4 or other ISO media"},
      {"\x1A\x45\xDF\xA3\x9F\x42\x86\x81"s, "Matroska or WebM video"},
      {"OggS\0\x02"s, "Ogg media"},
      {"ID3\x04\0\0\0\0\x0F\x76"s, "MP3 audio"},
      {"ID3\x03\0\0\0\0\x0F\x76"s, "MP3 audio"},
      {"fLaC\0\0\0\x22"s, "FLAC audio"},
      {"wOFF\0\x01\0\0"s, "WOFF font"},
      {"wOF2\0\x01\0\0"s, "WOFF2 font"},
      {"\x1F\x8B\x08\0\0\0\0\0\x02\xFF"s, "gzip data"},
      {"7z\xBC\xAF\x27\x1C\0\x04"s, "7z archive"},
      {"Rar!\x1A\x07\x01\0"s, "RAR archive"},
      {"BZh91AY&SY\x12\x34"s, "bzip2 data"},
      {"\xFD" "7zXZ\0\0\x04"s, "xz data"},
      {"\x28\xB5\x2F\xFD\x24\x10"s, "zstd data"},
      {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"s, "Microsoft Office (OLE) document"},
      {"\0asm\x01\0\0\0"s, "WebAssembly module"},
      {"\x7F" "ELF\x02\x01\x01\0"s, "ELF executable"},
      {pe, "Windows executable"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    for (const std::string& type : kPageTypes) {
      CAPTURE(type);
      auto why = not_html(type, c.bytes + pad);
      REQUIRE(why.has_value());
      std::string media = type.substr(0, type.find(';'));
      for (char& ch : media) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      std::string served = type.empty() ? "served without a Content-Type" : "served as " + media;
      CHECK(*why == "not an HTML page: " + c.what + " (sniffed; " + served + ")");
    }
  }
}

TEST_CASE("not_html: the examples of the header, word for word") {
  CHECK(not_html("application/pdf", "%PDF-1.4\n") == "not an HTML page: application/pdf");
  CHECK(not_html("text/html; charset=utf-8", "\xFF\xD8\xFF\xE0") ==
        "not an HTML page: JPEG image (sniffed; served as text/html)");
  CHECK(not_html("application/octet-stream", "PK\x03\x04 rest") ==
        "not an HTML page: ZIP archive (sniffed; served as application/octet-stream)");
  CHECK(not_html("", std::string(40, '\0') + "data") ==
        "not an HTML page: binary data, 40 NUL bytes in the first 1 KiB (sniffed; served without a Content-Type)");
}

TEST_CASE("not_html: binary types are not pages, even with HTML in them") {
  for (const std::string type :
       {"application/pdf", "Application/PDF; name=x.pdf", "image/jpeg", "image/svg+xml", "audio/mpeg", "video/mp4",
        "font/woff2", "model/gltf-binary", "application/zip", "application/x-zip-compressed", "application/gzip",
        "application/x-7z-compressed", "application/vnd.rar", "application/x-bzip2", "application/x-tar",
        "application/msword", "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.oasis.opendocument.text", "application/wasm", "application/x-msdownload",
        "application/epub+zip"}) {
    CAPTURE(type);
    auto why = not_html(type, kPage);
    REQUIRE(why.has_value());
    std::string media = type.substr(0, type.find(';'));
    for (char& ch : media) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    CHECK(*why == "not an HTML page: " + media);
  }
}

TEST_CASE("not_html: NUL bytes in the first 1 KiB") {
  std::string four = kPage;
  four.insert(10, 4, '\0');
  for (const std::string& type : kPageTypes) CHECK_FALSE(not_html(type, four));  // a broken page, still a page
  std::string five = kPage;
  five.insert(10, 5, '\0');
  CHECK(not_html("text/html", five) ==
        "not an HTML page: binary data, 5 NUL bytes in the first 1 KiB (sniffed; served as text/html)");
  std::string late = std::string(1024, ' ') + std::string(100, '\0');  // past the first 1 KiB
  CHECK_FALSE(not_html("text/html", late));
}

TEST_CASE("not_html: text that merely starts like a signature is a page") {
  for (const std::string text : {"MZ is the first word of this page <p>hi</p>", "BZh9 <html><p>not bzip2</p></html>",
                                 "ID3 tags <html></html>", "RIFF raff <html></html>", "GIF8 <p>x</p>", "PK <p>x</p>"}) {
    CAPTURE(text);
    for (const std::string& type : kPageTypes) CHECK_FALSE(not_html(type, text + std::string(200, ' ')));
  }
  CHECK_FALSE(not_html("text/html", ""));  // empty: not for this check to judge
}

TEST_CASE("not_html: UTF-16 pages (a byte-order mark, or the charset declared) are pages") {
  std::string fixture = read_bytes(fs::path(WINNOW_SOURCE_DIR) / "fixtures/thoidai.com.vn/ha-noi-quang-chau.html");
  REQUIRE(fixture.size() > 1000);
  for (const std::string& page : {kPage, fixture}) {
    for (bool little : {true, false}) {
      std::string with_bom = utf16(page, little, true);
      std::string_view head = std::string_view(with_bom).substr(0, 1024);
      REQUIRE(static_cast<size_t>(std::count(head.begin(), head.end(), '\0')) > head.size() / 4);
      for (const std::string& type : kPageTypes) CHECK_FALSE(not_html(type, with_bom));
      std::string without = utf16(page, little, false);
      CHECK_FALSE(not_html(little ? "text/html; charset=utf-16le" : "text/html; charset=UTF-16BE", without));
      CHECK_FALSE(not_html("text/html; charset=utf-16", without));
      // Every WHATWG label of UTF-16 (src/html/encoding_labels.h).
      for (const char* label : {"unicode", "UCS-2", "csunicode", "unicodefffe", "iso-10646-ucs-2"})
        CHECK_FALSE(not_html(std::string("text/html; charset=") + label, without));
      // Undeclared and without a BOM nothing says it is text: binary.
      CHECK(not_html("text/html", without).has_value());
    }
  }
}

TEST_CASE("not_html: every fixture and shared data set page, under every page type, is a page") {
  std::vector<std::string> pages = pages_in(fs::path(WINNOW_SOURCE_DIR) / "fixtures");
  REQUIRE(pages.size() >= 14);
  const fs::path shared = fs::path(WINNOW_SOURCE_DIR) / ".." / "shared" / "datasets";
  for (const char* set : {"article-extraction-benchmark/html", "wcxb-dev/html"}) {
    std::vector<std::string> more = pages_in(shared / set, 600);
    if (more.empty()) MESSAGE("no pages in ", (shared / set).string(), ": skipped");
    for (std::string& p : more) pages.push_back(std::move(p));
  }
  size_t flagged = 0;
  for (const std::string& page : pages) {
    for (const std::string& type : kPageTypes) {
      if (auto why = not_html(type, page)) {
        ++flagged;
        FAIL_CHECK(*why, " for a page of ", page.size(), " bytes starting ", page.substr(0, 60));
      }
    }
  }
  CHECK(flagged == 0);
  MESSAGE(pages.size(), " real pages, none flagged");
}
