// `winnow fetch URL...`: fetch, clean with the matching rule file, print or
// write one file per article, in the order the URLs were given.
#include "cli/fetch_run.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <string_view>
#include <vector>

#include "cli/article_format.h"
#include "cli/command.h"
#include "cli/options.h"
#include "winnow/fetch.h"
#include "winnow/input.h"
#include "winnow/json.h"

namespace winnow::cli {
namespace {

struct FetchCommandOptions : FetchRun {
  std::string input_file;    // -i: one URL a line ("-": standard input)
};

// One URL's result, kept until the URLs before it are done: results print
// (and files are named) in the order the URLs were given.
struct Result {
  bool done = false;
  bool ok = false;
  std::string url, final_url;
  std::string content;  // the cleaned article, text or JSON
  bool left_out = false;  // not in --lang's languages: done, nothing to print
};

// A URL list is read whole: 64 MiB holds about a million URLs.
constexpr size_t kMaxUrlListBytes = size_t{64} << 20;

// The URLs of a list: one a line, trimmed; blank lines and lines starting
// with '#' skipped; a CR before the newline (a list saved on Windows) dropped.
std::vector<std::string> url_lines(const std::string& bytes) {
  std::vector<std::string> urls;
  size_t from = 0;
  while (from < bytes.size()) {
    size_t end = bytes.find('\n', from);
    if (end == std::string::npos) end = bytes.size();
    std::string_view line(bytes.data() + from, end - from);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (!line.empty() && line.front() != '#') urls.emplace_back(line);
    from = end + 1;
  }
  return urls;
}

void fail(const std::string& url, const std::string& error) {
  std::cerr << "winnow: fetch " << url << ": " << error << "\n";
}

// Prints (or writes) results in the order given, as their turns come.
class InOrder {
 public:
  InOrder(const FetchRun& opts, size_t count) : opts_(opts), results_(count) {}

  Result& operator[](size_t i) { return results_[i]; }
  size_t succeeded() const { return succeeded_; }

  void flush() {
    for (; next_ < results_.size() && results_[next_].done; ++next_) {
      Result& res = results_[next_];
      if (!res.ok) continue;  // its error line is out already
      if (res.left_out) {
        ++succeeded_;
        continue;
      }
      if (!opts_.out_dir.empty()) {
        std::string path = names_.claim(opts_.out_dir, res.url, res.final_url, format_extension(opts_.format));
        std::string error;
        if (!write_article_file(path, res.content, &error)) {
          fail(res.url, error);
          continue;
        }
        std::cout << path << "\n";
      } else if (opts_.format == "json" || results_.size() == 1) {
        std::cout << res.content;
      } else {
        std::cout << "==> " << res.final_url << " <==\n" << res.content << "\n";
      }
      ++succeeded_;
      res.content.clear();
    }
    std::cout.flush();
  }

 private:
  const FetchRun& opts_;
  std::vector<Result> results_;
  ArticleFileNames names_;
  size_t next_ = 0, succeeded_ = 0;
};

class FetchCommand : public Command {
 public:
  void setup(CLI::App* app) override {
    app->add_option("URL", opts_.urls, "page URLs (- reads them from standard input, one a line)");
    app->add_option("-i,--input-file", opts_.input_file,
                    "read the URLs from FILE, one a line (- for standard input; blank lines and # comments skipped)");
    app->add_option("--format", opts_.format, kFormatHelp)->check(CLI::IsMember(format_names()));
    app->add_option("--out", opts_.out_dir, "write one file per article under DIR (HOST/NAME.txt, .json, .md or .html)");
    app->add_flag("--whole-page", opts_.request.whole_page, "clean with the drop rules alone");
    add_fetch_settings(app, &opts_.fetch);
  }
  int run(const Context& context) override {
    if (int code = gather_urls()) return code;
    return fetch_and_print(context.rules, opts_);
  }

 private:
  // The URLs of the command line, with `-` and -i FILE's lines in their
  // place (the file's after the command line's); nonzero: the exit code.
  int gather_urls() {
    std::vector<std::string> urls;
    bool stdin_read = false;
    auto read_lines = [&](const std::string& path) {
      if (path == "-") {
        if (stdin_read) return true;  // standard input is read once
        stdin_read = true;
      }
      std::string bytes, error;
      if (!read_input(path, kMaxUrlListBytes, &bytes, &error)) {
        std::cerr << "winnow: fetch: " << error << "\n";
        return false;
      }
      for (std::string& url : url_lines(bytes)) urls.push_back(std::move(url));
      return true;
    };
    for (std::string& url : opts_.urls) {
      if (url != "-") urls.push_back(std::move(url));
      else if (!read_lines("-")) return kExitInput;
    }
    if (!opts_.input_file.empty() && !read_lines(opts_.input_file)) return kExitInput;
    if (urls.empty()) {
      std::cerr << "winnow: fetch: no URL (give URL..., - or -i FILE"
                << (opts_.input_file.empty() && !stdin_read ? ")" : "; the list given holds none)") << "\n";
      return kExitUsage;
    }
    opts_.urls = std::move(urls);
    return 0;
  }

  FetchCommandOptions opts_;
};

const bool kRegistered = register_command(
    {.name = "fetch",
     .description = "fetch pages, clean them with their site's rules, print or write them",
     .order = 60,
     .on_exception = kExitFatal},
    std::make_unique<FetchCommand>());

}  // namespace

int fetch_and_print(const RuleLibrary& rules, const FetchRun& run) {
  InOrder results(run, run.urls.size());
  fetch_articles(rules, run.urls, run.fetch, run.request,
                 [&](size_t i, FetchedArticle&& f) {
                   Result& res = results[i];
                   res.done = true;
                   res.url = f.url;
                   res.final_url = f.final_url;
                   if (f.ok && !language_in(f.article.language, run.languages)) {
                     std::cerr << "winnow: " << f.final_url << ": " << left_out_by_language(f.article, run.languages)
                               << "\n";
                     res.ok = res.left_out = true;
                   } else if (f.ok) {
                     for (const std::string& w : f.article.warnings)
                       std::cerr << "winnow: warning: " << f.final_url << ": " << w << "\n";
                     res.ok = true;
                     res.content = format_article(f.article, run.format);
                   } else {
                     fail(f.url, f.error);
                   }
                   results.flush();
                 });
  results.flush();
  if (results.succeeded() == run.urls.size()) return kExitOk;
  return results.succeeded() == 0 ? kExitFatal : kExitPartial;
}

}  // namespace winnow::cli
