// write_set_warc (winnow/bench.h): a held page set as one WARC file, gzip
// per record, through the crawl archive's own writer (io/warc_file.h).
#include "winnow/bench.h"

#include <cstdint>
#include <ctime>
#include <limits>

#include "extract/metadata.h"
#include "html/charset.h"
#include "io/sha1.h"
#include "io/warc_file.h"
#include "io/warc_record.h"
#include "winnow/document.h"
#include "winnow/internal.h"

namespace winnow {
namespace {

// The URL `clean` would read from the page itself when given none.
std::string declared_url(const std::string& bytes) {
  const Document doc = load_document(bytes);
  return doc.parsed ? extract::declared_url(doc.parsed->meta) : std::string();
}

}  // namespace

bool write_set_warc(const PageSet& set, const std::string& dir, SetWarc* warc, std::string* error) {
  if (!set.held) {
    *error = set.dir + ": the pages are not held in memory";
    return false;
  }
  io::WarcFileOptions options;
  options.dir = dir;
  options.prefix = "winnow-bench";
  options.max_bytes = std::numeric_limits<uint64_t>::max();  // one file
  options.info = {{"software", "winnow bench"},
                  {"format", "WARC File Format 1.1"},
                  {"description", "the pages of " + set.dir + ", for timing clean --warc"}};
  io::WarcWriter writer;
  if (!writer.open(std::move(options), error) || !writer.prepare(error)) return false;
  const std::string date = io::warc_date(std::time(nullptr));
  for (size_t k = 0; k < set.pages.size(); ++k) {
    const SetPage& page = set.pages[k];
    std::string url = page.url.empty() ? declared_url(page.bytes) : page.url;
    if (url.empty()) url = "https://winnow-bench.invalid/" + std::to_string(k);
    const std::string charset = html::declared_charset(page.bytes);
    std::string block = "HTTP/1.1 200 OK\r\nContent-Type: text/html";
    if (!charset.empty()) block += "; charset=" + charset;
    block += "\r\nContent-Length: " + std::to_string(page.bytes.size()) + "\r\n\r\n";
    block += page.bytes;
    const io::WarcFields fields = {{"WARC-Date", date},
                                   {"WARC-Record-ID", io::new_record_id()},
                                   {"WARC-Warcinfo-ID", writer.warcinfo_id()},
                                   {"WARC-Target-URI", url},
                                   {"WARC-Block-Digest", io::warc_sha1(block)},
                                   {"WARC-Payload-Digest", io::warc_sha1(page.bytes)},
                                   {"Content-Type", "application/http;msgtype=response"}};
    if (!writer.append(io::warc_record("response", fields, block), error)) return false;
  }
  warc->path = writer.path();
  warc->bytes = writer.size();
  return writer.close(error);
}

}  // namespace winnow
