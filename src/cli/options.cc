#include "cli/options.h"

#include <algorithm>

#include "cli/article_format.h"

namespace winnow::cli {

CLI::Range in_range(const ValueRange& r) { return CLI::Range(r.min, r.max); }

void add_max_bytes(CLI::App* app, size_t* max_bytes) {
  app->add_option("--max-bytes", *max_bytes,
                  "the most a page may have, read or gunzipped, 1024 to 1073741824 (default 64 MiB)")
      ->check(in_range(kMaxBytesRange));
}

CleanRequest PageOptions::request() const {
  CleanRequest r{.url = url, .whole_page = whole_page, .include_hidden = include_hidden, .generic = generic};
  parse_favor(favor, &r.favor);
  parse_page_type(page_type, &r.page_type);
  return r;
}

void add_page_options(CLI::App* app, PageOptions* page, bool many) {
  if (many) {
    app->add_option("FILE", page->files,
                    "saved HTML pages (.html, .htm, or gzipped), directories of them, or - for stdin")
        ->required();
    app->add_option("-j,--jobs", page->jobs, "pages cleaned at once, for several files (default 1)")
        ->check(CLI::Range(1, 256));
    app->add_flag("-q,--quiet", page->quiet,
                  "no progress line on a terminal (warnings, errors and summaries still print)");
  } else {
    app->add_option("FILE", page->file, "saved HTML page, or - for stdin")->required();
  }
  app->add_option("--url", page->url, "the page's URL (picks the rule file by host; "
                                      "default: the page's canonical or og:url)");
  app->add_flag("--whole-page", page->whole_page,
                "ignore the kept fields: clean the whole page with the drop rules alone");
  app->add_flag("--include-hidden", page->include_hidden,
                "lay out what the page hides too (hidden, display:none): shows whether the "
                "drop rules hold on hidden site chrome");
  app->add_flag("--generic", page->generic, "switch the rules off: the generic extractor, whatever the host");
  app->add_option("--favor", page->favor,
                  "for the generic extractor: balanced, precision (leave doubtful blocks out) "
                  "or recall (keep them in)")
      ->check(CLI::IsMember({"balanced", "precision", "recall"}));
  app->add_option("--page-type", page->page_type,
                  "for the generic extractor: what kind of page it is (article, forum, product, collection, "
                  "listing, documentation, service), or auto (default: told from the page)")
      ->check(CLI::IsMember({"auto", "article", "forum", "product", "collection", "listing", "documentation",
                             "service"}));
  if (many) {
    app->add_option("--format", page->format, kFormatHelp)->check(CLI::IsMember(format_names()));
    // One argument (vi,en) split here: a vector option would take the page
    // paths after it as languages too.
    app->add_option_function<std::string>(
           "--lang",
           [page](const std::string& list) {
             page->languages.clear();
             size_t from = 0;
             while (from <= list.size()) {
               size_t comma = std::min(list.find(',', from), list.size());
               if (comma > from) page->languages.push_back(list.substr(from, comma - from));
               from = comma + 1;
             }
           },
           "keep only pages in these languages (ISO 639-1 codes, comma-separated: vi,en); "
           "the language is told from the text")
        ->check(language_codes());
  }
  add_max_bytes(app, &page->max_bytes);
}

CLI::Validator language_codes() {
  return CLI::Validator(
      [](const std::string& list) -> std::string {
        size_t from = 0;
        while (from <= list.size()) {
          const size_t comma = std::min(list.find(',', from), list.size());
          const std::string code = list.substr(from, comma - from);
          const bool ok = code.size() >= 2 && code.size() <= 3 &&
                          std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
          if (!ok) return "'" + code + "' is no ISO 639 language code (two or three lower-case letters: vi,en)";
          from = comma + 1;
        }
        return "";
      },
      "LANG[,LANG...]");
}

void add_fetch_settings(CLI::App* app, FetchSettings* f, bool max_bytes) {
  add_setting(app, "--user-agent", &f->user_agent, "User-Agent (name/version (+contact))");
  add_setting(app, "--concurrency", &f->concurrency, "transfers at once, 1 to 256 (default 8)")
      ->check(in_range(kConcurrencyRange));
  add_setting(app, "--per-host", &f->per_host, "transfers at once per site, 1 to 64 (default 2)")
      ->check(in_range(kPerHostRange));
  add_setting(app, "--delay-ms", &f->delay_ms,
              "minimum gap between two requests to one site, ms, 0 to 3600000 (default 1000)")
      ->check(in_range(kDelayMsRange));
  add_setting(app, "--timeout", &f->timeout_s, "total time per request, seconds, 1 to 3600 (default 60)")
      ->check(in_range(kTimeoutSRange));
  add_setting(app, "--retries", &f->retries, "retries on timeouts, connection errors, 5xx, 429, 0 to 20 (default 3)")
      ->check(in_range(kRetriesRange));
  if (max_bytes)
    add_setting(app, "--max-bytes", &f->max_bytes,
                "largest body accepted, after decompression, 1024 to 1073741824 (default 16 MiB)")
        ->check(in_range(kMaxBytesRange));
  app->add_flag_function("--ignore-robots", [f](int64_t) { f->obey_robots = false; },
                         "do not fetch or obey robots.txt (only for your own sites)");
  app->add_flag_function("--allow-private-addresses", [f](int64_t) { f->allow_private_addresses = true; },
                         "allow loopback, private and link-local addresses (a site on your own network)");
  app->add_option("--connect-to", f->connect_to,
                  "HOST:PORT:CONNECT-HOST:CONNECT-PORT, as curl's --connect-to (e.g. a local mirror)");
}

}  // namespace winnow::cli
