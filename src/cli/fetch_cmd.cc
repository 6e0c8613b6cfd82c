// `winnow fetch URL...`: fetch, clean with the matching rule file, print or
// write one file per article.
#include <iostream>
#include <map>
#include <optional>
#include <vector>

#include "cli/commands.h"
#include "cli/input.h"
#include "fetch/content_kind.h"
#include "fetch/fetcher.h"
#include "html/charset.h"
#include "output/files.h"

namespace winnow::cli {
namespace {

// One URL's result, kept until the URLs before it are done: results print
// (and files are named) in the order the URLs were given.
struct Result {
  bool done = false;
  bool ok = false;
  std::string url, final_url;
  std::string content;  // the cleaned article, text or JSON
};

// The files written in this run: each path and the URL that has it. A
// second URL whose article would take an existing path (the same last path
// segment, /sec1/same.html and /sec2/same.html) gets "-" and 8 hex digits of
// its URL's hash added to the name, so no article overwrites another.
class OutputNames {
 public:
  std::string claim(const std::string& dir, const std::string& url, const std::string& final_url,
                    const std::string& ext) {
    const std::string stem = dir + "/" + output::article_file_stem(final_url);
    const std::string tag = "-" + output::hex64(output::fnv1a64(url)).substr(0, 8);
    for (int n = 0;; ++n) {  // n > 1 only if two names' hashes collide too
      std::string path = stem + (n == 0 ? "" : tag) + (n > 1 ? "-" + std::to_string(n) : "") + ext;
      auto [it, fresh] = owners_.emplace(path, url);
      if (fresh || it->second == url) return path;  // the same URL twice: its own file again
    }
  }

 private:
  std::map<std::string, std::string> owners_;
};

// The cleaned article of a fetched page, or why there is none.
std::optional<std::string> clean_page(const RuleLibrary& library, const FetchCommandOptions& opts,
                                      const fetch::Response& r, std::string* error) {
  if (auto why = fetch::not_html(r.content_type, r.body)) {
    *error = *why;
    return std::nullopt;
  }
  Document doc = load_document(r.body, html::charset_from_content_type(r.content_type));
  Article art = clean(library, doc, {.url = r.final_url, .whole_page = opts.whole_page});
  for (const std::string& w : art.warnings) std::cerr << "winnow: warning: " << r.final_url << ": " << w << "\n";
  return opts.format == "json" ? to_json(art) + "\n" : art.text();
}

void fail(const std::string& url, const std::string& error) {
  std::cerr << "winnow: fetch " << url << ": " << error << "\n";
}

}  // namespace

int cmd_fetch(const RuleLibrary& library, const FetchCommandOptions& opts) {
  fetch::Fetcher fetcher(opts.fetch);
  for (size_t i = 0; i < opts.urls.size(); ++i) fetcher.submit({opts.urls[i], "", "", i});

  std::vector<Result> results(opts.urls.size());
  OutputNames names;
  const std::string ext = opts.format == "json" ? ".json" : ".txt";
  size_t next = 0, succeeded = 0;
  // Prints (or writes) every result whose turn has come.
  auto flush = [&] {
    for (; next < results.size() && results[next].done; ++next) {
      Result& res = results[next];
      if (!res.ok) continue;  // its error line is out already
      if (!opts.out_dir.empty()) {
        std::string path = names.claim(opts.out_dir, res.url, res.final_url, ext);
        std::string error;
        if (!output::make_dirs(path.substr(0, path.rfind('/')), &error) ||
            !output::write_file_atomic(path, res.content, &error)) {
          fail(res.url, error);
          continue;
        }
        std::cout << path << "\n";
      } else if (opts.format == "json" || results.size() == 1) {
        std::cout << res.content;
      } else {
        std::cout << "==> " << res.final_url << " <==\n" << res.content << "\n";
      }
      ++succeeded;
      res.content.clear();
    }
    std::cout.flush();
  };
  fetcher.run([&](fetch::Response&& r) {
    Result& res = results[r.tag];
    res.done = true;
    res.url = r.url;
    res.final_url = r.final_url;
    std::string error = r.error;
    std::optional<std::string> content;
    if (r.ok()) content = clean_page(library, opts, r, &error);
    if (content) {
      res.ok = true;
      res.content = std::move(*content);
    } else {
      fail(r.url, error);
    }
    flush();
  });
  flush();
  if (succeeded == results.size()) return kExitOk;
  return succeeded == 0 ? kExitFatal : kExitPartial;
}

}  // namespace winnow::cli
