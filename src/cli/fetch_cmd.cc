// `winnow fetch URL...`: fetch, clean with the matching rule file, print or
// write one file per article.
#include <iostream>
#include <vector>

#include "cli/commands.h"
#include "cli/input.h"
#include "fetch/fetcher.h"
#include "html/charset.h"
#include "output/files.h"

namespace winnow::cli {

int cmd_fetch(const RuleLibrary& library, const FetchCommandOptions& opts) {
  fetch::Fetcher fetcher(opts.fetch);
  for (size_t i = 0; i < opts.urls.size(); ++i) fetcher.submit({opts.urls[i], "", "", i});

  // Results print in the order the URLs were given, as soon as they can.
  struct Result {
    bool done = false;
    bool ok = false;
    std::string out;
  };
  std::vector<Result> results(opts.urls.size());
  size_t next = 0, succeeded = 0;
  auto flush = [&] {
    while (next < results.size() && results[next].done) {
      std::cout << results[next].out;
      ++next;
    }
    std::cout.flush();
  };
  fetcher.run([&](fetch::Response&& r) {
    Result& res = results[r.tag];
    res.done = true;
    if (!r.ok()) {
      std::cerr << "winnow: fetch " << r.url << ": " << r.error << "\n";
      flush();
      return;
    }
    Document doc = load_document(r.body, html::charset_from_content_type(r.content_type));
    Article art = clean(library, doc, {r.final_url, opts.whole_page, false});
    for (const std::string& w : art.warnings) std::cerr << "winnow: warning: " << r.final_url << ": " << w << "\n";
    std::string content = opts.format == "json" ? to_json(art) + "\n" : art.text();
    if (!opts.out_dir.empty()) {
      std::string path = opts.out_dir + "/" + output::article_file_stem(r.final_url) +
                         (opts.format == "json" ? ".json" : ".txt");
      std::string error;
      std::string dir = path.substr(0, path.rfind('/'));
      if (!output::make_dirs(dir, &error) || !output::write_file_atomic(path, content, &error)) {
        std::cerr << "winnow: fetch " << r.url << ": " << error << "\n";
        flush();
        return;
      }
      res.out = path + "\n";
    } else if (opts.format == "json" || results.size() == 1) {
      res.out = content;
    } else {
      res.out = "==> " + r.final_url + " <==\n" + content + "\n";
    }
    res.ok = true;
    ++succeeded;
    flush();
  });
  flush();
  if (succeeded == results.size()) return kExitOk;
  return succeeded == 0 ? kExitNoneFetched : kExitPartial;
}

}  // namespace winnow::cli
