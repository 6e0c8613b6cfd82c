#include "cli/clean_warc.h"

#include <sys/stat.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <string_view>

#include "cli/article_format.h"
#include "cli/input.h"
#include "cli/ordered_pool.h"
#include "cli/progress.h"
#include "winnow/clean.h"
#include "winnow/json.h"
#include "winnow/warc.h"

namespace winnow::cli {
namespace {

struct PageResult {
  size_t file = 0;        // which of the WARC files
  std::string out;        // the JSON line
  std::string error;      // the page failed: one line
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

// One WARC file of the run: what was read of it and what became of its pages.
struct FileRun {
  std::string name;
  WarcCounts counts;
  uint64_t failed = 0, left_out = 0;
  std::string error;  // it could not be opened, or broke off: one line
};

// A page with the file it came from.
struct Item {
  size_t file;
  WarcPage page;
};

// The size of a regular file; 0 for standard input, a pipe, or one that
// cannot be read (its error comes when it is opened).
uint64_t file_size(const std::string& path) {
  struct stat st {};
  if (path == "-" || stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  return static_cast<uint64_t>(st.st_size);
}

}  // namespace

int clean_warc(const RuleLibrary& library, const PageOptions& opts, const std::vector<std::string>& warcs) {
  std::vector<FileRun> runs(warcs.size());
  for (size_t i = 0; i < warcs.size(); ++i) runs[i].name = display_name(warcs[i]);
  const CleanRequest request = opts.request();
  // The pages' number is not known before the files are read; their bytes
  // are, when each is a regular file (time left from the bytes read).
  Progress progress("clean", 0, progress_wanted(opts.quiet));
  std::vector<uint64_t> sizes;
  uint64_t bytes_total = 0;
  if (progress.enabled()) {
    for (const std::string& w : warcs) sizes.push_back(file_size(w));
    for (uint64_t size : sizes) bytes_total += size;
    if (std::find(sizes.begin(), sizes.end(), 0) != sizes.end()) bytes_total = 0;  // a pipe among them
  }
  uint64_t bytes_before = 0;  // of the files before the current one
  // The reader, called under the pool's lock: the files one after another,
  // a file that cannot be read or breaks off its error line, then the next.
  size_t current = 0;
  std::unique_ptr<WarcPages> pages;
  auto next_file = [&] {
    if (progress.enabled()) bytes_before += sizes[current] > 0 ? sizes[current] : pages ? pages->bytes_read() : 0;
    pages.reset();
    ++current;
  };
  auto next = [&]() -> std::optional<Item> {
    while (current < warcs.size()) {
      FileRun& f = runs[current];
      if (!pages) {
        pages = std::make_unique<WarcPages>();
        if (!pages->open(warcs[current], opts.max_bytes, &f.error)) {
          next_file();
          continue;
        }
      }
      try {
        WarcPage page;
        std::string error;
        const WarcPages::Next got = pages->next(&page, &error);
        progress.set_bytes(bytes_before + pages->bytes_read(), bytes_total);
        switch (got) {
          case WarcPages::Next::kPage:
            return Item{current, std::move(page)};
          case WarcPages::Next::kEnd:
            break;
          case WarcPages::Next::kError:
            f.error = error;
            break;
        }
      } catch (...) {  // a record's block past what memory allows: the file cannot go on
        f.error = page_failure(warcs[current], "reading");
      }
      f.counts = pages->counts();
      if (f.error.empty() && f.counts.records == 0) f.error = f.name + ": empty input: no WARC record";
      next_file();
    }
    return std::nullopt;
  };
  auto work = [&](Item&& item) {
    PageResult r;
    r.file = item.file;
    WarcPage& page = item.page;
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
      r.error = page_failure(runs[item.file].name + ": " + (page.url.empty() ? page.record_id : page.url), "cleaning");
    }
    return r;
  };
  auto emit = [&](size_t, PageResult r) {
    FileRun& f = runs[r.file];
    f.left_out += r.left_out;
    if (!r.error.empty()) {
      ++f.failed;
      std::cout.flush();  // the stderr line stays between the pages around it
      progress.clear_for_line();
      std::cerr << "winnow: " << r.error << "\n";
      progress.advance();
      return;
    }
    progress.clear_for_stdout();
    std::cout << r.out;
    progress.advance();
  };
  // Pages parsed at once: the pool's threads; finished lines waiting for a
  // slow page ahead of them: a few per thread.
  const int threads = std::max(1, opts.jobs);
  run_ordered_stream<PageResult>(threads, 4 * static_cast<size_t>(threads), next, work, emit);
  std::cout.flush();
  progress.finish();
  // Each file's error, then its summary (a file of no record: the error alone).
  bool any_read = false, partial = false;
  for (const FileRun& f : runs) {
    if (!f.error.empty()) std::cerr << "winnow: " << f.error << "\n";
    partial = partial || !f.error.empty() || f.failed > 0;
    if (f.counts.records == 0) continue;
    any_read = true;
    std::string line = summary(f.name, f.counts, f.failed);
    if (!opts.languages.empty())
      line += "; " + std::to_string(f.left_out) + " left out by --lang " + joined(opts.languages);
    std::cerr << "winnow: " << line << "\n";
  }
  if (!any_read) return kExitInput;
  return partial ? kExitPartial : kExitOk;
}

}  // namespace winnow::cli
