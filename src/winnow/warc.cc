#include "winnow/warc.h"

#include <limits>
#include <string_view>

#include "html/charset.h"
#include "io/warc.h"

namespace winnow {
namespace {

// Room for a response's HTTP header above the page's own cap: the block is
// the header and the body.
constexpr size_t kHttpHeaderRoom = size_t{1} << 20;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (lower(s[i]) != prefix[i]) return false;
  return true;
}

// "Text/HTML; charset=UTF-8" -> "text/html".
std::string media_type(std::string_view content_type) {
  std::string_view t = content_type.substr(0, content_type.find(';'));
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  std::string out;
  out.reserve(t.size());
  for (char c : t) out += lower(c);
  return out;
}

// The WHATWG MIME Sniffing Standard's patterns for HTML ("identifying a
// resource with an unknown MIME type"): each is followed by a space or ">".
constexpr std::string_view kHtmlOpenings[] = {
    "<!doctype html", "<html", "<head", "<script", "<iframe", "<h1",    "<div", "<font", "<table",
    "<a",             "<style", "<title", "<b",    "<body",   "<br",    "<p",
};

bool sniffs_as_html(std::string_view body) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  while (!body.empty() && (body.front() == ' ' || body.front() == '\t' || body.front() == '\n' ||
                           body.front() == '\r' || body.front() == '\f'))
    body.remove_prefix(1);
  if (body.substr(0, 4) == "<!--") return true;
  for (std::string_view opening : kHtmlOpenings) {
    if (!starts_with_nocase(body, opening) || body.size() == opening.size()) continue;
    const char next = body[opening.size()];
    if (next == ' ' || next == '>') return true;
  }
  return false;
}

std::string display_name(const std::string& path) { return path == "-" ? "stdin" : path; }

}  // namespace

bool is_html_payload(const std::string& content_type, const std::string& body) {
  const std::string type = media_type(content_type);
  if (type == "text/html" || type == "application/xhtml+xml") return true;
  return type.empty() && sniffs_as_html(body);
}

struct WarcPages::Impl {
  io::WarcReader reader;
  std::string name;  // the file as messages name it
  size_t max_bytes = 0;
  WarcCounts counts;
  bool opened = false;
  std::string open_error;
  io::WarcRecord record;  // the record last read

  // A response record: handed over as `page` (true) or counted.
  bool take_response(WarcPage* page);
  void count_other();
};

bool WarcPages::Impl::take_response(WarcPage* page) {
  ++counts.responses;
  if (record.truncated) {
    ++counts.truncated;
    return false;
  }
  if (record.too_large) {
    ++counts.too_large;
    return false;
  }
  // A response of another protocol (dns:, ftp:) holds no HTTP message.
  const std::string block_type = media_type(record.content_type);
  if (!block_type.empty() && block_type != "application/http") {
    ++counts.not_html;
    return false;
  }
  io::HttpResponse http;
  std::string why;
  if (!io::parse_http_response(record.block, max_bytes, &http, &why)) {
    ++counts.bad_http;
    return false;
  }
  if (http.status < 200 || http.status > 299) {
    ++counts.not_2xx;
    return false;
  }
  const std::string content_type = http.header("Content-Type");
  if (!is_html_payload(content_type, http.body)) {
    ++counts.not_html;
    return false;
  }
  ++counts.html;
  page->url = std::move(record.target_uri);
  page->record_id = std::move(record.record_id);
  page->date = std::move(record.date);
  page->charset_hint = html::charset_from_content_type(content_type);
  page->body = std::move(http.body);
  return true;
}

void WarcPages::Impl::count_other() {
  const std::string& t = record.type;
  if (t == "request") {
    ++counts.skipped_request;
  } else if (t == "metadata") {
    ++counts.skipped_metadata;
  } else if (t == "revisit") {
    ++counts.skipped_revisit;
  } else if (t == "warcinfo") {
    ++counts.skipped_warcinfo;
  } else {
    ++counts.skipped_other;
  }
}

WarcPages::WarcPages() : impl_(std::make_unique<Impl>()) {}
WarcPages::~WarcPages() = default;

bool WarcPages::open(const std::string& path, size_t max_bytes, std::string* error) {
  impl_->name = display_name(path);
  impl_->max_bytes = max_bytes;
  const size_t block_cap =
      max_bytes > std::numeric_limits<size_t>::max() - kHttpHeaderRoom ? max_bytes : max_bytes + kHttpHeaderRoom;
  std::string why;
  if (!impl_->reader.open(path, block_cap, &why)) {
    impl_->open_error = impl_->name + ": " + why;
    *error = impl_->open_error;
    return false;
  }
  impl_->opened = true;
  return true;
}

WarcPages::Next WarcPages::next(WarcPage* page, std::string* error) {
  Impl& d = *impl_;
  if (!d.opened) {
    *error = d.open_error.empty() ? d.name + ": not opened" : d.open_error;
    return Next::kError;
  }
  for (;;) {
    std::string why;
    switch (d.reader.next(&d.record, &why)) {
      case io::WarcReader::Next::kEnd:
        return Next::kEnd;
      case io::WarcReader::Next::kError:
        *error = d.name + ": " + why;
        return Next::kError;
      case io::WarcReader::Next::kRecord:
        break;
    }
    ++d.counts.records;
    if (d.record.type != "response") {
      d.count_other();
      continue;
    }
    if (d.take_response(page)) return Next::kPage;
  }
}

const WarcCounts& WarcPages::counts() const { return impl_->counts; }

uint64_t WarcPages::bytes_read() const { return impl_->reader.bytes_read(); }

bool read_warc_pages(const std::string& path, size_t max_bytes, WarcCounts* counts,
                     const std::function<bool(WarcPage&&)>& on_page, std::string* error) {
  WarcPages pages;
  bool ok = pages.open(path, max_bytes, error);
  while (ok) {
    WarcPage page;
    const WarcPages::Next n = pages.next(&page, error);
    if (n == WarcPages::Next::kEnd) break;
    if (n == WarcPages::Next::kError) {
      ok = false;
    } else if (!on_page(std::move(page))) {
      break;
    }
  }
  *counts = pages.counts();
  return ok;
}

}  // namespace winnow
