#include "cli/clean_many.h"

#include <filesystem>
#include <iostream>

#include "cli/article_format.h"
#include "cli/input.h"
#include "cli/ordered_pool.h"
#include "cli/progress.h"
#include "winnow/clean.h"
#include "winnow/json.h"

namespace winnow::cli {
namespace fs = std::filesystem;
namespace {

struct PageResult {
  std::string out;                    // what goes to stdout
  std::vector<std::string> warnings;  // text format: to stderr, named by file
  std::string error;                  // the page could not be read: one line
  bool left_out = false;              // not in --lang's languages
};

// A directory stands for the pages under it; a listing that fails is one
// error line in input order, as an unreadable file would be.
struct Input {
  std::string path;
  std::string error;
};

std::vector<Input> expand(const std::vector<std::string>& args) {
  std::vector<Input> inputs;
  for (const std::string& arg : args) {
    std::error_code ec;
    if (arg == "-" || !fs::is_directory(arg, ec)) {
      inputs.push_back({arg, ""});
      continue;
    }
    std::vector<std::string> files;
    std::string error;
    if (!list_pages(arg, &files, &error)) {
      inputs.push_back({arg, error});
      continue;
    }
    for (std::string& f : files) inputs.push_back({std::move(f), ""});
  }
  return inputs;
}

}  // namespace

int clean_many(const RuleLibrary& library, const PageOptions& opts) {
  const std::vector<Input> inputs = expand(opts.files);
  const bool json = opts.format == "json";
  const CleanRequest request = opts.request();
  // One page, start to end. Whatever goes wrong with it (unreadable, too
  // large, out of memory) is its line in the output's order, not the run's end.
  auto clean_one = [&](const Input& in) {
    PageResult r;
    if (!in.error.empty()) {
      r.error = in.error;
      return r;
    }
    std::string bytes;
    if (!read_page(in.path, opts.max_bytes, &bytes, &r.error)) return r;
    Article art;
    {
      // The page's bytes and parse go before the result waits its turn.
      Document doc = load_document(bytes);
      bytes = std::string();
      art = clean(library, doc, request);
    }
    const std::string name = display_name(in.path);
    if (!language_in(art.language, opts.languages)) {
      r.left_out = true;
      return r;
    }
    if (json) {
      // {"file": ..., then the single-page object's keys.
      std::string obj = to_json(art);
      r.out = "{\"file\":" + json_string(name) + (obj.size() > 2 ? "," : "") + obj.substr(1) + "\n";
    } else {
      r.out = "==> " + name + " <==\n" + format_article(art, opts.format) + "\n";
      r.warnings = std::move(art.warnings);
    }
    return r;
  };
  auto work = [&](size_t i) {
    try {
      return clean_one(inputs[i]);
    } catch (...) {  // on a pool thread an escaping exception would end the process
      PageResult r;
      r.error = page_failure(inputs[i].path, "cleaning");
      return r;
    }
  };
  size_t failed = 0, left_out = 0;
  Progress progress("clean", inputs.size(), progress_wanted(opts.quiet));
  auto emit = [&](size_t i, PageResult r) {
    left_out += r.left_out;
    if (!r.error.empty()) {
      ++failed;
      std::cout.flush();  // stderr lines stay between the pages around them
      progress.clear_for_line();
      std::cerr << "winnow: " << r.error << "\n";
      progress.advance();
      return;
    }
    progress.clear_for_stdout();
    std::cout << r.out;
    if (!r.warnings.empty()) {
      std::cout.flush();
      progress.clear_for_line();
      print_warnings(inputs[i].path, r.warnings);
    }
    progress.advance();
  };
  // Pages parsed at once: the pool's threads; finished texts waiting for a
  // slow page ahead of them: a few per thread.
  const int threads = std::max(1, opts.jobs);
  run_ordered<PageResult>(inputs.size(), threads, 4 * static_cast<size_t>(threads), work, emit);
  std::cout.flush();
  progress.finish();
  if (!opts.languages.empty())
    std::cerr << "winnow: " << left_out << " of " << inputs.size() << " pages left out by --lang " << joined(opts.languages)
              << "\n";
  if (failed == 0) return kExitOk;
  return failed == inputs.size() ? kExitInput : kExitPartial;
}

}  // namespace winnow::cli
