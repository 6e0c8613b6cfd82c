#include "cli/commands.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/input.h"
#include "output/diff.h"

namespace winnow::cli {
namespace fs = std::filesystem;
namespace {

std::string display_name(const std::string& file) { return file == "-" ? "stdin" : file; }

void print_warnings(const std::string& file, const std::vector<std::string>& warnings) {
  for (const std::string& w : warnings)
    std::cerr << "winnow: warning: " << display_name(file) << ": " << w << "\n";
}

// A string shortened to `n` bytes on a UTF-8 boundary, with "…" if cut.
std::string excerpt(std::string_view s, size_t n = 60) {
  if (s.size() <= n) return std::string(s);
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "…";
}

std::string pad(std::string s, size_t width) {
  // Pads by bytes; good enough for ASCII rule names and selectors.
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string read_file_or_empty(const fs::path& p, size_t max_bytes) {
  std::string bytes, error;
  if (!fs::exists(p) || !read_input(p.string(), max_bytes, &bytes, &error)) return {};
  return bytes;
}

// Runs one page's command. An exception (out of memory above all) is that
// page's one-line error and exit 3, never an abort.
template <typename Run>
int one_page(const std::string& file, const std::string& doing, Run run) {
  try {
    return run();
  } catch (...) {
    std::cout.flush();
    std::cerr << "winnow: " << page_failure(file, doing) << "\n";
    return kExitInput;
  }
}

// Lines of the page (hidden chrome included) that are not article text and
// still survive cleaning with the drop rules alone; "" if none.
std::string whole_page_leftovers(const RuleLibrary& library, const Document& doc,
                                 const std::string& expected) {
  std::vector<std::string> article = output::split_lines(expected);
  std::sort(article.begin(), article.end());
  auto is_article = [&](const std::string& l) {
    return std::binary_search(article.begin(), article.end(), l);
  };
  std::vector<std::string> page_lines = output::split_lines(render(doc, /*include_hidden=*/true));
  std::sort(page_lines.begin(), page_lines.end());
  std::string out;
  for (bool hidden : {false, true}) {
    CleanRequest req;
    req.whole_page = true;
    req.include_hidden = hidden;
    Article art = clean(library, doc, req);
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

}  // namespace

std::string find_rules_dir(const std::string& flag, const char* argv0) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("WINNOW_RULES"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0, ec);
  for (const fs::path& p : {exe.parent_path().parent_path() / "rules", exe.parent_path() / "rules"})
    if (fs::is_directory(p, ec)) return p.string();
#ifdef WINNOW_DEFAULT_RULES_DIR
  return WINNOW_DEFAULT_RULES_DIR;
#else
  return "rules";
#endif
}

int load_rules_or_report(const std::string& dir, RuleLibrary* library) {
  RuleError err;
  if (!load_rules(dir, library, &err)) {
    std::cerr << "winnow: rules: " << err.to_string() << "\n";
    return kExitRules;
  }
  return kExitOk;
}

int read_document(const std::string& file, size_t max_bytes, Document* doc) {
  std::string bytes, error;
  if (!read_page(file, max_bytes, &bytes, &error)) {
    std::cerr << "winnow: " << error << "\n";
    return kExitInput;
  }
  *doc = load_document(bytes);
  return kExitOk;
}

int cmd_render(const PageOptions& opts) {
  return one_page(opts.file, "rendering", [&] {
    Document doc;
    if (int code = read_document(opts.file, opts.max_bytes, &doc)) return code;
    print_warnings(opts.file, doc.warnings);
    std::cout << render(doc, opts.include_hidden) << "\n";
    return static_cast<int>(kExitOk);
  });
}

int cmd_clean(const RuleLibrary& library, const PageOptions& opts) {
  std::error_code ec;
  if (opts.files.size() > 1 || (opts.file != "-" && fs::is_directory(opts.file, ec)))
    return cmd_clean_many(library, opts);
  return one_page(opts.file, "cleaning", [&] {
    Document doc;
    if (int code = read_document(opts.file, opts.max_bytes, &doc)) return code;
    Article art = clean(library, doc, opts.request());
    if (opts.format == "json") {
      std::cout << to_json(art) << "\n";  // warnings travel inside the JSON
    } else {
      std::cout << art.text();
      print_warnings(opts.file, art.warnings);
    }
    return static_cast<int>(kExitOk);
  });
}

namespace {

// `explain` of one page (cmd_explain guards it).
int explain_page(const RuleLibrary& library, const PageOptions& opts) {
  Document doc;
  if (int code = read_document(opts.file, opts.max_bytes, &doc)) return code;
  const RuleChoice choice = choose_rules(library, doc, opts.request());
  const std::string& url = choice.url;
  bool has_rules = !choice.chain.empty() && !opts.generic;
  Article art = clean(library, doc, opts.request());
  std::cout << "page:  " << display_name(opts.file) << "\n";
  std::cout << "url:   " << (url.empty() ? "(none)" : url)
            << (opts.url.empty() && !url.empty() ? "  (from the page's canonical/og:url)" : "") << "\n";
  std::cout << "rules: ";
  if (art.extractor == "generic") {
    std::cout << "(generic extractor" << (art.drift ? ": drift, the site's rules kept too little" : "") << ")";
  } else if (has_rules) {
    for (size_t i = 0; i < choice.chain.size(); ++i) std::cout << (i ? " < " : "") << choice.chain[i];
  } else {
    std::cout << (art.rules_path.empty() ? "(none)" : art.rules_path) << "  (no rule file serves this host)";
  }
  std::cout << "\nmode:  " << (art.extractor == "generic" && (art.rules_path.empty() || art.drift) ? "generic: most prose, then its blocks"
                             : opts.whole_page || !has_rules   ? "whole page minus drops"
                                                               : "kept fields minus drops")
            << "\n\nkept fields:\n";
  if (art.fields.empty()) std::cout << "  (none)\n";
  for (const auto& f : art.fields) {
    if (!f.rejected.empty()) {
      std::cout << "  " << pad(f.field, 9) << " NOT TAKEN: " << f.selector << " (" << f.where.to_string()
                << ") matched page line " << f.page_line << ", " << f.rejected << "\n";
      continue;
    }
    std::cout << "  " << pad(f.field, 9) << " " << pad(f.selector, 34) << " " << pad(f.where.to_string(), 30)
              << " page line " << pad(std::to_string(f.page_line), 5) << " \"" << excerpt(f.excerpt) << "\"\n";
  }
  std::cout << "\nremoved (" << art.removals.size() << "):\n";
  if (art.removals.empty()) std::cout << "  (nothing)\n";
  for (const auto& r : art.removals) {
    std::cout << "  " << pad(r.kind, 11) << " " << pad(r.how, 8) << " " << pad(r.rule, 34) << " "
              << pad(r.where.to_string(), 30);
    if (r.page_line) std::cout << " page line " << pad(std::to_string(r.page_line), 5);
    std::cout << " \"" << excerpt(r.excerpt) << "\"\n";
  }
  if (!art.warnings.empty()) {
    std::cout << "\nwarnings:\n";
    for (const auto& w : art.warnings) std::cout << "  " << w << "\n";
  }
  return kExitOk;
}

}  // namespace

int cmd_explain(const RuleLibrary& library, const PageOptions& opts) {
  return one_page(opts.file, "explaining", [&] { return explain_page(library, opts); });
}

int cmd_check(const RuleLibrary& library, const CheckOptions& opts) {
  const std::string& dir = opts.dir;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    std::cerr << "winnow: check: " << dir << ": not a directory\n";
    return kExitInput;
  }
  std::vector<fs::path> pages;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    if (!e.is_regular_file() || e.path().extension() != ".html") continue;
    fs::path expected = e.path();
    expected.replace_extension(".clean.txt");
    if (fs::exists(expected)) pages.push_back(e.path());
  }
  std::sort(pages.begin(), pages.end());
  if (pages.empty()) {
    std::cerr << "winnow: check: no fixtures under " << dir << " (a fixture is NAME.html beside NAME.clean.txt)\n";
    return kExitInput;
  }
  int passed = 0, failed = 0, drifted = 0;
  for (const fs::path& html : pages) {
    fs::path stem = html;
    stem.replace_extension();
    auto sibling = [&](const char* ext) { return fs::path(stem.string() + ext); };
    std::vector<std::string> problems;
    std::string report;
    Document doc;
    std::string bytes, error;
    if (!read_input(html.string(), opts.max_bytes, &bytes, &error)) {
      problems.push_back("unreadable");
      report = "  " + error + "\n";
    } else {
      doc = load_document(bytes);
      std::string url = read_file_or_empty(sibling(".url"), opts.max_bytes);
      while (!url.empty() && (url.back() == '\n' || url.back() == ' ')) url.pop_back();
      Article art = clean(library, doc, {.url = url});
      if (art.drift) {
        problems.push_back("drift");
        report += "  " + art.warnings.back() + "\n";
        ++drifted;
      }
      std::string expected = read_file_or_empty(sibling(".clean.txt"), opts.max_bytes);
      std::string d = output::unified_diff(expected, art.text(), sibling(".clean.txt").string(),
                                           "winnow clean " + html.string());
      if (!d.empty()) {
        problems.push_back("text");
        report += d;
      }
      if (std::string meta_text = read_file_or_empty(sibling(".meta.json"), opts.max_bytes); !meta_text.empty()) {
        auto want = nlohmann::json::parse(meta_text, nullptr, false);
        auto got = nlohmann::json::parse(to_json(art));
        if (want.is_discarded() || !want.is_object()) {
          problems.push_back("meta");
          report += "  " + sibling(".meta.json").string() + ": not a JSON object\n";
        } else {
          std::string lines;
          for (auto& [key, value] : want.items()) {
            if (got.contains(key) && got[key] == value) continue;
            lines += "  -" + key + ": " + value.dump() + "\n  +" + key + ": " +
                     (got.contains(key) ? got[key].dump() : std::string("(absent)")) + "\n";
          }
          if (!lines.empty()) {
            problems.push_back("meta");
            report += "--- " + sibling(".meta.json").string() + "\n+++ winnow clean --format json\n" + lines;
          }
        }
      }
      if (std::string dump = read_file_or_empty(sibling(".dump.txt"), opts.max_bytes); !dump.empty()) {
        std::string rendered = render(doc);
        while (!dump.empty() && dump.back() == '\n') dump.pop_back();
        std::string d2 = output::unified_diff(dump, rendered, sibling(".dump.txt").string(),
                                              "winnow render " + html.string());
        if (!d2.empty()) {
          problems.push_back("render");
          report += d2;
        }
      }
    }
    if (opts.whole_page && problems.empty()) {
      std::string extra = whole_page_leftovers(library, doc, read_file_or_empty(sibling(".clean.txt"), opts.max_bytes));
      if (!extra.empty()) {
        problems.push_back("whole-page");
        report += extra;
      }
    }
    if (problems.empty()) {
      ++passed;
      std::cout << "PASS " << html.string() << "\n";
    } else {
      ++failed;
      std::string what;
      for (const auto& p : problems) what += (what.empty() ? "" : ", ") + p;
      std::cout << (problems.front() == "drift" ? "DRIFT " : "FAIL ") << html.string() << " (" << what << ")\n" << report;
    }
  }
  std::cout << passed << " passed, " << failed << " failed";
  if (drifted) std::cout << " (" << drifted << " drifted: the template moved, the rules need updating)";
  std::cout << "\n";
  return failed ? kExitCheckFailed : kExitOk;
}

}  // namespace winnow::cli
