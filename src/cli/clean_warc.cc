#include "cli/clean_warc.h"

#include <iostream>
#include <optional>
#include <string_view>

#include "cli/article_format.h"
#include "cli/input.h"
#include "cli/ordered_pool.h"
#include "winnow/clean.h"
#include "winnow/json.h"
#include "winnow/warc.h"

namespace winnow::cli {
namespace {

struct PageResult {
  std::string out;    // the JSON line
  std::string error;  // the page failed: one line
  bool left_out = false;  // not in --lang's languages
};

std::string string_or_null(const std::string& s) { return s.empty() ? std::string("null") : json_string(s); }

// The article's object with the record's keys first: "url" (the record's
// URL, which the article's own "url" is, as clean was given it),
// "warc_record_id", "warc_date", then the single-page object's other keys.
std::string page_line(const WarcPage& page, Article* art) {
  const std::string url = string_or_null(art->url);
  art->url.clear();
  const std::string obj = to_json(*art);
  // to_json writes "url" first; without one it is null.
  constexpr std::string_view kNoUrl = "{\"url\":null";
  std::string_view rest = obj;
  rest.remove_prefix(rest.substr(0, kNoUrl.size()) == kNoUrl ? kNoUrl.size() : 1);
  std::string line = "{\"url\":" + url + ",\"warc_record_id\":" + string_or_null(page.record_id) +
                     ",\"warc_date\":" + string_or_null(page.date);
  if (!rest.empty() && rest.front() != ',' && rest.front() != '}') line += ',';
  line.append(rest);
  line += '\n';
  return line;
}

// "FILE: 12 records: 4 HTML pages, 4 cleaned, 0 failed; skipped 4 request, ..."
std::string summary(const std::string& name, const WarcCounts& c, uint64_t failed) {
  auto n = [](uint64_t v, const char* what) { return std::to_string(v) + " " + what; };
  return name + ": " + n(c.records, "records") + ": " + n(c.html, "HTML pages") + ", " +
         n(c.html - failed, "cleaned") + ", " + n(failed, "failed") + "; skipped " + n(c.skipped_request, "request") +
         ", " + n(c.skipped_metadata, "metadata") + ", " + n(c.skipped_revisit, "revisit") + ", " +
         n(c.skipped_warcinfo, "warcinfo") + ", " + n(c.skipped_other, "other") + ", " + n(c.not_html, "not HTML") +
         ", " + n(c.truncated, "truncated") + ", " + n(c.too_large, "too large") + ", " + n(c.bad_http, "bad HTTP") +
         ", " + n(c.not_2xx, "not 2xx");
}

}  // namespace

int clean_warc(const RuleLibrary& library, const PageOptions& opts, const std::string& warc) {
  const std::string name = display_name(warc);
  WarcPages pages;
  std::string error;
  if (!pages.open(warc, opts.max_bytes, &error)) {
    std::cerr << "winnow: " << error << "\n";
    return kExitInput;
  }
  const CleanRequest request = opts.request();
  // Called under the pool's lock: one reader of the file at a time.
  bool broke = false;
  auto next = [&]() -> std::optional<WarcPage> {
    if (broke) return std::nullopt;
    try {
      WarcPage page;
      switch (pages.next(&page, &error)) {
        case WarcPages::Next::kPage:
          return page;
        case WarcPages::Next::kEnd:
          return std::nullopt;
        case WarcPages::Next::kError:
          break;
      }
    } catch (...) {  // a record's block past what memory allows: the file cannot go on
      error = page_failure(warc, "reading");
    }
    broke = true;
    return std::nullopt;
  };
  auto work = [&](WarcPage&& page) {
    PageResult r;
    try {
      Article art;
      {
        // The page's bytes and parse go before the result waits its turn.
        Document doc = load_document(page.body, page.charset_hint);
        page.body = std::string();
        CleanRequest req = request;
        if (!page.url.empty()) req.url = page.url;
        art = clean(library, doc, req);
      }
      if (!language_in(art.language, opts.languages)) {
        r.left_out = true;
        return r;
      }
      r.out = page_line(page, &art);
    } catch (...) {  // on a pool thread an escaping exception would end the process
      r.out.clear();
      r.error = page_failure(name + ": " + (page.url.empty() ? page.record_id : page.url), "cleaning");
    }
    return r;
  };
  uint64_t failed = 0, left_out = 0;
  auto emit = [&](size_t, PageResult r) {
    left_out += r.left_out;
    if (!r.error.empty()) {
      ++failed;
      std::cout.flush();  // the stderr line stays between the pages around it
      std::cerr << "winnow: " << r.error << "\n";
      return;
    }
    std::cout << r.out;
  };
  // Pages parsed at once: the pool's threads; finished lines waiting for a
  // slow page ahead of them: a few per thread.
  const int threads = std::max(1, opts.jobs);
  run_ordered_stream<PageResult>(threads, 4 * static_cast<size_t>(threads), next, work, emit);
  std::cout.flush();
  const WarcCounts& counts = pages.counts();
  if (!broke && counts.records == 0) {
    broke = true;
    error = name + ": empty input: no WARC record";
  }
  if (broke) std::cerr << "winnow: " << error << "\n";
  // Nothing read as a WARC record: the one line says it all.
  if (broke && counts.records == 0) return kExitInput;
  std::string line = summary(name, counts, failed);
  if (!opts.languages.empty())
    line += "; " + std::to_string(left_out) + " left out by --lang " + joined(opts.languages);
  std::cerr << "winnow: " << line << "\n";
  return broke || failed > 0 ? kExitPartial : kExitOk;
}

}  // namespace winnow::cli
