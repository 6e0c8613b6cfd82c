// Options more than one command takes: the value ranges as CLI11 checks, a
// page's options (render, clean, explain, check) and the fetch settings.
#ifndef WINNOW_CLI_OPTIONS_H_
#define WINNOW_CLI_OPTIONS_H_

#include <CLI/CLI.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "winnow/clean_request.h"
#include "winnow/fetch.h"
#include "winnow/input.h"
#include "winnow/ranges.h"

namespace winnow::cli {

// CLI11's check for one of the shared ranges (winnow/ranges.h); its message
// names the range: "--per-host: Value 0 not in range 1 to 64".
CLI::Range in_range(const ValueRange& r);

// An option that sets `*field` only when given (unset: the library's default).
template <typename T>
CLI::Option* add_setting(CLI::App* app, const std::string& name, std::optional<T>* field,
                         const std::string& help) {
  return app->add_option_function<T>(name, [field](const T& v) { *field = v; }, help);
}

// --max-bytes: the most a page may have, read or gunzipped.
void add_max_bytes(CLI::App* app, size_t* max_bytes);

// A page's options, as render, clean, explain and check take them.
struct PageOptions {
  std::string file;          // path or "-"
  std::vector<std::string> files;  // clean: FILE...|DIR (file is the first)
  int jobs = 1;              // clean -j: pages cleaned at once
  std::string url;           // --url
  bool whole_page = false;   // --whole-page
  bool include_hidden = false;  // --include-hidden
  bool generic = false;      // --generic: rules switched off
  std::string favor = "balanced";  // --favor, for the generic extractor
  std::string page_type = "auto";  // --page-type, for the generic extractor
  std::string format = "text";
  std::vector<std::string> languages;  // --lang vi,en: keep only pages in these
  size_t max_bytes = kDefaultMaxPageBytes;  // --max-bytes: the most a page may have
  bool quiet = false;        // clean -q: no progress line (cli/progress.h)

  CleanRequest request() const;
};

// clean's options (`many`: FILE..., -j, --format) or explain's (one FILE).
void add_page_options(CLI::App* app, PageOptions* page, bool many);

// Language codes as --lang takes them: "vi,en" (two or three lower-case
// letters each, comma-separated).
CLI::Validator language_codes();

// fetch's settings of the fetcher (a crawl job's file sets them for crawl);
// without --max-bytes for a command whose own --max-bytes caps the page.
void add_fetch_settings(CLI::App* app, FetchSettings* settings, bool max_bytes = true);

}  // namespace winnow::cli

#endif  // WINNOW_CLI_OPTIONS_H_
