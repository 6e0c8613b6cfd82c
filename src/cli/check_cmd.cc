// `winnow check [DIR]`: every fixture under DIR cleaned and compared with
// its expected text, metadata and render; a unified diff for each mismatch.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "cli/diff.h"
#include "cli/input.h"
#include "cli/options.h"
#include "winnow/clean.h"
#include "winnow/json.h"

namespace winnow::cli {
namespace fs = std::filesystem;
namespace {

struct CheckOptions {
  std::string dir = "fixtures";
  // Also clean each page with the drop rules alone (and once more with its
  // hidden chrome laid out): no line of the page outside the expected
  // article text may survive. Pages the generic extractor cleans (no rule
  // file serves their host) are exempt: no site's drops to test.
  bool whole_page = false;
  size_t max_bytes = kDefaultMaxPageBytes;  // --max-bytes, for each fixture's files
};

std::string read_file_or_empty(const fs::path& p, size_t max_bytes) {
  std::string bytes, error;
  if (!fs::exists(p) || !read_input(p.string(), max_bytes, &bytes, &error)) return {};
  return bytes;
}

// Lines of the page (hidden chrome included) that are not article text and
// still survive cleaning with the drop rules alone; "" if none. `url` is the
// fixture's NAME.url (else the page's own): the same rules as its clean.
std::string whole_page_leftovers(const RuleLibrary& library, const Document& doc, const std::string& url,
                                 const std::string& expected) {
  std::vector<std::string> article = split_lines(expected);
  std::sort(article.begin(), article.end());
  auto is_article = [&](const std::string& l) {
    return std::binary_search(article.begin(), article.end(), l);
  };
  std::vector<std::string> page_lines = split_lines(render(doc, /*include_hidden=*/true));
  std::sort(page_lines.begin(), page_lines.end());
  std::string out;
  for (bool hidden : {false, true}) {
    Article art = clean(library, doc, {.url = url, .whole_page = true, .include_hidden = hidden});
    int shown = 0;
    for (size_t i = 0; i < art.lines.size(); ++i) {
      const std::string& l = art.lines[i];
      if (l.empty() || is_article(l) || !std::binary_search(page_lines.begin(), page_lines.end(), l))
        continue;
      if (shown++ < 20)
        out += "  whole-page" + std::string(hidden ? " --include-hidden" : "") + " line " +
               std::to_string(i + 1) + " is not article text: \"" + excerpt(l, 100) + "\"\n";
    }
  }
  return out;
}

// What is wrong with one fixture: the problems' names and their report.
struct Findings {
  std::vector<std::string> problems;  // "unreadable", "drift", "text", "meta", "render", "whole-page"
  std::string report;
  void add(const std::string& problem, const std::string& text) {
    problems.push_back(problem);
    report += text;
  }
};

// NAME.meta.json's fields, each compared with the article's JSON.
void compare_meta(const std::string& meta_text, const fs::path& meta_path, const Article& art, Findings* out) {
  auto want = nlohmann::json::parse(meta_text, nullptr, false);
  auto got = nlohmann::json::parse(to_json(art));
  if (want.is_discarded() || !want.is_object())
    return out->add("meta", "  " + meta_path.string() + ": not a JSON object\n");
  std::string lines;
  for (auto& [key, value] : want.items()) {
    if (got.contains(key) && got[key] == value) continue;
    lines += "  -" + key + ": " + value.dump() + "\n  +" + key + ": " +
             (got.contains(key) ? got[key].dump() : std::string("(absent)")) + "\n";
  }
  if (!lines.empty()) out->add("meta", "--- " + meta_path.string() + "\n+++ winnow clean --format json\n" + lines);
}

// One fixture, NAME.html beside NAME.clean.txt (and NAME.meta.json,
// NAME.dump.txt, NAME.url if present).
Findings check_fixture(const RuleLibrary& library, const fs::path& html, const CheckOptions& opts) {
  fs::path stem = html;
  stem.replace_extension();
  auto sibling = [&](const char* ext) { return fs::path(stem.string() + ext); };
  auto read_sibling = [&](const char* ext) { return read_file_or_empty(sibling(ext), opts.max_bytes); };
  Findings out;
  std::string bytes, error;
  if (!read_input(html.string(), opts.max_bytes, &bytes, &error)) {
    out.add("unreadable", "  " + error + "\n");
    return out;
  }
  Document doc = load_document(bytes);
  std::string url = read_sibling(".url");
  while (!url.empty() && (url.back() == '\n' || url.back() == ' ')) url.pop_back();
  Article art = clean(library, doc, {.url = url});
  if (art.drift) out.add("drift", "  " + art.warnings.back() + "\n");
  const std::string expected = read_sibling(".clean.txt");
  std::string d = unified_diff(expected, art.text(), sibling(".clean.txt").string(), "winnow clean " + html.string());
  if (!d.empty()) out.add("text", d);
  if (std::string meta_text = read_sibling(".meta.json"); !meta_text.empty())
    compare_meta(meta_text, sibling(".meta.json"), art, &out);
  if (std::string dump = read_sibling(".dump.txt"); !dump.empty()) {
    while (!dump.empty() && dump.back() == '\n') dump.pop_back();
    d = unified_diff(dump, render(doc), sibling(".dump.txt").string(), "winnow render " + html.string());
    if (!d.empty()) out.add("render", d);
  }
  // A page no rule file serves is the generic extractor's: there are no
  // site drops to test, and the site-independent drops alone leave the
  // page's menus by design, so the whole-page check does not apply.
  const bool generic_page = art.extractor == "generic" && !art.drift;
  if (opts.whole_page && out.problems.empty() && !generic_page) {
    std::string extra = whole_page_leftovers(library, doc, url, expected);
    if (!extra.empty()) out.add("whole-page", extra);
  }
  return out;
}

// Every NAME.html under `dir` beside a NAME.clean.txt, sorted.
std::vector<fs::path> list_fixtures(const std::string& dir) {
  std::error_code ec;
  std::vector<fs::path> pages;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    if (!e.is_regular_file() || e.path().extension() != ".html") continue;
    fs::path expected = e.path();
    expected.replace_extension(".clean.txt");
    if (fs::exists(expected)) pages.push_back(e.path());
  }
  std::sort(pages.begin(), pages.end());
  return pages;
}

class CheckCommand : public Command {
 public:
  void setup(CLI::App* app) override {
    app->add_option("DIR", opts_.dir, "fixtures directory (default: fixtures)");
    app->add_flag("--whole-page", opts_.whole_page,
                  "also check that the drop rules alone leave none of the page's non-article lines "
                  "(pages of hosts without rules, cleaned by the generic extractor, are exempt)");
    add_max_bytes(app, &opts_.max_bytes);
  }
  int run(const Context& context) override {
    std::error_code ec;
    if (!fs::is_directory(opts_.dir, ec)) {
      std::cerr << "winnow: check: " << opts_.dir << ": not a directory\n";
      return kExitInput;
    }
    const std::vector<fs::path> pages = list_fixtures(opts_.dir);
    if (pages.empty()) {
      std::cerr << "winnow: check: no fixtures under " << opts_.dir
                << " (a fixture is NAME.html beside NAME.clean.txt)\n";
      return kExitInput;
    }
    int passed = 0, failed = 0, drifted = 0;
    for (const fs::path& html : pages) {
      const Findings f = check_fixture(context.rules, html, opts_);
      drifted += std::count(f.problems.begin(), f.problems.end(), "drift");
      if (f.problems.empty()) {
        ++passed;
        std::cout << "PASS " << html.string() << "\n";
        continue;
      }
      ++failed;
      std::string what;
      for (const auto& p : f.problems) what += (what.empty() ? "" : ", ") + p;
      std::cout << (f.problems.front() == "drift" ? "DRIFT " : "FAIL ") << html.string() << " (" << what << ")\n"
                << f.report;
    }
    std::cout << passed << " passed, " << failed << " failed";
    if (drifted) std::cout << " (" << drifted << " drifted: the template moved, the rules need updating)";
    std::cout << "\n";
    return failed ? kExitCheckFailed : kExitOk;
  }

 private:
  CheckOptions opts_;
};

const bool kRegistered = register_command(
    {.name = "check",
     .description = "clean every fixture under DIR and compare with its expected output",
     .order = 40},
    std::make_unique<CheckCommand>());

}  // namespace
}  // namespace winnow::cli
