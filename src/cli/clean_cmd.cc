// `winnow clean PAGE`: the article's text (or JSON) from a saved page; with
// several pages or a directory, each in input order (cli/clean_many.h); with
// --warc, the HTML responses of a WARC file as JSON Lines (cli/clean_warc.h).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/article_format.h"
#include "cli/clean_many.h"
#include "cli/clean_warc.h"
#include "cli/command.h"
#include "cli/fetch_run.h"
#include "cli/input.h"
#include "cli/options.h"
#include "winnow/clean.h"
#include "winnow/json.h"

namespace winnow::cli {
namespace {

class CleanCommand : public Command {
 public:
  void setup(CLI::App* app) override {
    add_page_options(app, &opts_, /*many=*/true);
    // FILE or --warc FILE: which one is missing is run()'s one line.
    app->get_option("FILE")->required(false);
    app->get_option("-j")->description("pages cleaned at once, for several files or a WARC file (default 1)");
    format_ = app->get_option("--format");
    max_bytes_ = app->get_option("--max-bytes");
    // `clean URL` fetches it as `fetch` does, with fetch's settings.
    add_fetch_settings(app, &fetch_, /*max_bytes=*/false);
    warc_option_ = app->add_option("--warc", warc_,
                    "a WARC file (.warc, .warc.gz, or - for stdin; FILEs after it are more WARC files, read in "
                    "turn): each HTML response cleaned, one JSON line each with url, warc_record_id and warc_date "
                    "first; other records skipped and counted on stderr");
  }
  // A usage error is reported before the rules are loaded.
  bool needs_rules() const override { return usage_error().empty(); }
  int run(const Context& context) override {
    if (std::string why = usage_error(); !why.empty()) {
      std::cerr << "winnow: clean: " << why << "\n";
      return kExitUsage;
    }
    if (warc_option_->count() > 0) {
      // --warc A.warc.gz B.warc.gz ...: the shell's glob of an archive.
      std::vector<std::string> warcs = {warc_};
      warcs.insert(warcs.end(), opts_.files.begin(), opts_.files.end());
      return clean_warc(context.rules, opts_, warcs);
    }
    opts_.file = opts_.files.front();
    if (int urls = count_urls(); urls > 0) {
      if (urls != static_cast<int>(opts_.files.size())) {
        std::cerr << "winnow: clean: give page files or URLs, not both\n";
        return kExitUsage;
      }
      FetchRun run{.urls = opts_.files, .format = opts_.format, .request = opts_.request(),
                   .languages = opts_.languages, .fetch = fetch_};
      if (max_bytes_->count() > 0) run.fetch.max_bytes = opts_.max_bytes;
      return fetch_and_print(context.rules, run);
    }
    std::error_code ec;
    if (opts_.files.size() == 1 && opts_.file != "-" && !std::filesystem::exists(opts_.file, ec)) {
      // Neither a file nor a URL: say what was tried.
      std::cerr << "winnow: " << opts_.file << ": no such file, and not a URL (a URL to fetch starts with "
                << "http:// or https://)\n";
      return kExitInput;
    }
    if (opts_.files.size() > 1 || (opts_.file != "-" && std::filesystem::is_directory(opts_.file, ec)))
      return clean_many(context.rules, opts_);
    return one_page(opts_.file, "cleaning", [&] {
      Document doc;
      if (int code = read_document(opts_.file, opts_.max_bytes, &doc)) return code;
      Article art = clean(context.rules, doc, opts_.request());
      if (!language_in(art.language, opts_.languages)) {
        std::cerr << "winnow: " << opts_.file << ": " << left_out_by_language(art, opts_.languages) << "\n";
        return static_cast<int>(kExitOk);
      }
      std::cout << format_article(art, opts_.format);
      if (opts_.format != "json") print_warnings(opts_.file, art.warnings);  // JSON carries them
      return static_cast<int>(kExitOk);
    });
  }

 private:
  int count_urls() const {
    return static_cast<int>(std::count_if(opts_.files.begin(), opts_.files.end(), [](const std::string& f) {
      return f.rfind("http://", 0) == 0 || f.rfind("https://", 0) == 0;
    }));
  }

  // What the options cannot say alone: with --warc, FILEs are WARC files
  // too, and the output is JSON Lines only.
  std::string usage_error() const {
    if (warc_option_->count() == 0) return opts_.files.empty() ? "FILE is required (or --warc FILE)" : "";
    if (format_->count() > 0 && opts_.format != "json")
      return "--warc writes JSON Lines; --format " + opts_.format + " cannot go with it";
    return "";
  }

  PageOptions opts_;
  FetchSettings fetch_;
  CLI::Option* max_bytes_ = nullptr;
  std::string warc_;
  CLI::Option* format_ = nullptr;
  CLI::Option* warc_option_ = nullptr;
};

const bool kRegistered = register_command(
    {.name = "clean", .description = "the article from a saved page, a URL or a WARC file: text, JSON, Markdown or HTML", .order = 20},
    std::make_unique<CleanCommand>());

}  // namespace
}  // namespace winnow::cli
