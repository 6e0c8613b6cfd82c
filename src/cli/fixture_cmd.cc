// `winnow fixture add URL|FILE --site DIR`: a real page made a regression
// fixture in one command. The page is saved as served (NAME.html, and
// NAME.url where its URL is not its own canonical), its expected text and
// metadata written from today's output exactly as `winnow check` compares
// them, and its origin recorded in DIR/README.md for the person who must
// read the expected text against the page. `fixture` is a group, so that
// more fixture commands can join `add`.
#include <CLI/CLI.hpp>

#include <cctype>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/command.h"
#include "cli/fixture_files.h"
#include "cli/input.h"
#include "cli/options.h"
#include "winnow/clean.h"
#include "winnow/fetch.h"
#include "winnow/json.h"

namespace winnow::cli {
namespace fs = std::filesystem;
namespace {

struct FixtureAddOptions {
  std::string source;  // an http(s) URL, a saved page, or - for stdin
  std::string dir;     // --site
  std::string name;    // --name; default: the URL's last path segment, or the file's stem
  std::string url;     // --url: a saved page's URL
  bool force = false;
  std::string repo, repo_path, commit;  // a page copied from a public repository
  FetchSettings fetch;
};

const char* const kExamples = R"(Examples:
  A page fetched as the site serves it (NAME: the URL's last path segment):
    winnow fixture add --site fixtures/cafef.vn \
      https://cafef.vn/tang-ho-tro-giam-ap-luc-tai-chinh-khi-chuyen-muc-dich-su-dung-dat-188260307071033787.chn
  A page saved by a public repository's tests, with its URL and origin:
    winnow fixture add baodautu_article.html --site fixtures/baodautu.vn --name xu-phat-giam-doc \
      --url https://baodautu.vn/xu-phat-giam-doc-tai-chinh-tap-doan-tien-son-thanh-hoa-vi-thao-tung-co-phieu-d538952.html \
      --repo meth04/tracking_news-mcp --repo-path tests/fixtures/baodautu_article.html \
      --commit a10a806b36ecc1be09ae1a47c0e06f880eed9e77
Then read NAME.clean.txt against the page (winnow render DIR/NAME.html), correct it, and run
`winnow check DIR`. Exit codes: 0 written; 2 bad command line; 3 NAME.html already there (without
--force) or the file unreadable; 6 the URL failed (unreachable, HTTP error, robots.txt, not an HTML
page) or the fixture cannot be written. Nothing is written unless everything is.)";

bool is_http_url(const std::string& s) {
  auto starts = [&](const char* p) {
    const std::string_view prefix(p);
    if (s.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
    return true;
  };
  return starts("http://") || starts("https://");
}

// NAME from the source: a URL's last path segment, as `winnow fetch --out`
// names its files (ArticleFileNames); a file's name less .gz and its extension.
std::string default_name(const std::string& source, bool url) {
  if (url) {
    const std::string path = ArticleFileNames().claim("dir", source, source, "");
    return path.substr(path.rfind('/') + 1);
  }
  fs::path p(source);
  if (p.extension() == ".gz") p.replace_extension();
  return p.stem().string();
}

// The page, as served or as saved, and what the README says of its origin.
struct Page {
  std::string bytes;
  std::string url;           // its URL (after redirects), "" if unknown
  std::string content_type;  // as served (a fetched page)
  std::string note;          // how it was had: "fetched from URL", "copied from FILE"
};

// The transport charset of a Content-Type ("text/html; charset=windows-1258").
std::string charset_of(const std::string& content_type) {
  std::string lower;
  for (char c : content_type) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t at = lower.find("charset=");
  if (at == std::string::npos) return "";
  std::string cs = lower.substr(at + 8);
  cs = cs.substr(0, cs.find_first_of("; \t"));
  if (cs.size() >= 2 && cs.front() == '"') cs = cs.substr(1, cs.find('"', 1) - 1);
  return cs;
}

class FixtureCommand : public Command {
 public:
  void setup(CLI::App* app) override {
    app->require_subcommand(1);
    app->footer(kExamples);
    CLI::App* add = app->add_subcommand(
        "add", "save a page (URL or file) as a fixture of DIR, its expected text and metadata from today's output");
    add->add_option("SOURCE", opts_.source,
                    "an http(s) URL (fetched as `winnow fetch` does) or a saved page (copied byte for byte)")
        ->required();
    add->add_option("--site", opts_.dir, "the fixture folder (created if missing), e.g. fixtures/HOST")->required();
    add->add_option("--name", opts_.name,
                    "the fixture's NAME (default: the URL's last path segment, or the file's name less .html)");
    add->add_option("--url", opts_.url,
                    "a saved page's URL (written to NAME.url when it is not the page's own canonical)");
    add->add_flag("--force", opts_.force, "replace NAME.html and its files if already there");
    add->add_option("--repo", opts_.repo,
                    "a page copied from a public repository: OWNER/NAME (with --repo-path, --commit)");
    add->add_option("--repo-path", opts_.repo_path, "its path in that repository");
    add->add_option("--commit", opts_.commit, "the commit it was copied at");
    add_fetch_settings(add, &opts_.fetch);
    add->footer(kExamples);
  }

  int run(const Context& context) override {
    return one_page(opts_.source, "adding it as a fixture", [&] { return add(context); });
  }

 private:
  int add(const Context& context);
  int check_command_line(bool url);
  int get_page(bool url, Page* page);
  void report(const Page& page, const Article& art, const std::string& stem, const std::string& url_file,
              const std::string& canonical) const;
  FixtureAddOptions opts_;
};

int FixtureCommand::check_command_line(bool url) {
  auto usage = [](const std::string& what) {
    std::cerr << "winnow: fixture add: " << what << "\n";
    return static_cast<int>(kExitUsage);
  };
  if (!url && opts_.source.find("://") != std::string::npos)
    return usage(opts_.source + ": only http and https URLs are fetched");
  if (url && !opts_.url.empty()) return usage("--url is for a saved page (a fetched page's URL is its own)");
  if (opts_.source == "-" && opts_.name.empty()) return usage("--name is needed for a page on standard input");
  const int repo_parts = !opts_.repo.empty() + !opts_.repo_path.empty() + !opts_.commit.empty();
  if (repo_parts != 0 && repo_parts != 3) return usage("--repo, --repo-path and --commit go together");
  if (opts_.name.size() > 5 && opts_.name.ends_with(".html")) opts_.name.resize(opts_.name.size() - 5);
  if (!opts_.name.empty() && (opts_.name.find('/') != std::string::npos || opts_.name.front() == '.'))
    return usage("--name " + opts_.name + ": a file name, without directories or a leading dot");
  return kExitOk;
}

int FixtureCommand::get_page(bool url, Page* page) {
  if (url) {
    FetchedPage got;
    fetch_pages({opts_.source}, opts_.fetch, [&](size_t, FetchedPage&& p) { got = std::move(p); });
    if (!got.ok) {
      std::cerr << "winnow: fixture add: " << opts_.source << ": " << got.error << "\n";
      return kExitFatal;  // as `winnow fetch` when every URL failed
    }
    page->bytes = std::move(got.body);
    page->url = got.final_url;
    page->content_type = got.content_type;
    page->note = "fetched from " + got.final_url;
    if (got.final_url != got.url) page->note += " (redirected from " + got.url + ")";
    return kExitOk;
  }
  const size_t max_bytes = opts_.fetch.max_bytes.value_or(kDefaultMaxPageBytes);
  std::string error;
  if (!read_input(opts_.source, max_bytes, &page->bytes, &error)) {
    std::cerr << "winnow: fixture add: " << error << "\n";
    return kExitInput;
  }
  page->note = "copied from " + display_name(opts_.source);
  // `check` reads NAME.html as it is, never gunzipped: save the page itself.
  if (page->bytes.size() >= 2 && page->bytes[0] == '\x1f' && page->bytes[1] == '\x8b') {
    if (!read_page(opts_.source, max_bytes, &page->bytes, &error)) {
      std::cerr << "winnow: fixture add: " << error << "\n";
      return kExitInput;
    }
    page->note += ", gunzipped";
  }
  page->url = opts_.url;
  return kExitOk;
}

std::string today_utc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// DIR's own name, for a new README's title ("fixtures/cafef.vn/" gives "cafef.vn").
std::string folder_title(const fs::path& dir) {
  fs::path p = fs::absolute(dir).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  return p.filename().string();
}

int FixtureCommand::add(const Context& context) {
  const bool url = is_http_url(opts_.source);
  if (int code = check_command_line(url)) return code;
  const std::string name = opts_.name.empty() ? default_name(opts_.source, url) : opts_.name;
  const fs::path dir(opts_.dir);
  const std::string stem = (dir / name).string();
  const std::string html = stem + ".html";
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    std::cerr << "winnow: fixture add: " << opts_.dir << ": not a directory\n";
    return kExitInput;
  }
  if (fs::exists(html, ec) && !opts_.force) {
    std::cerr << "winnow: fixture add: " << html << ": already a fixture (--force replaces it, --name picks another)\n";
    return kExitInput;
  }
  Page page;
  if (int code = get_page(url, &page)) return code;

  // Cleaned exactly as `winnow check` will: the saved bytes, no transport
  // charset, NAME.url's URL if there is one, else the page's own.
  Document doc = load_document(page.bytes);
  const std::string canonical = choose_rules(context.rules, doc, {}).url;
  const std::string url_file = page.url != canonical ? page.url : "";
  const Article art = clean(context.rules, doc, {.url = url_file});
  print_warnings(html, doc.warnings);
  if (std::string cs = charset_of(page.content_type);
      !cs.empty() && load_document(page.bytes, cs).charset != doc.charset)
    std::cerr << "winnow: warning: " << opts_.source << ": served as " << cs
              << ", which the page does not declare itself: check reads the saved page as " << doc.charset << "\n";
  if (art.text().empty()) std::cerr << "winnow: warning: " << html << ": winnow keeps no text of this page\n";

  std::vector<PendingFile> files;
  if (!url_file.empty()) files.push_back({stem + ".url", url_file + "\n"});
  files.push_back({stem + ".clean.txt", art.text()});
  files.push_back({stem + ".meta.json", fixture_meta_json(to_json(art))});
  const std::string readme_path = (dir / "README.md").string();
  std::string readme, error;
  if (fs::exists(readme_path, ec) && !read_input(readme_path, kDefaultMaxPageBytes, &readme, &error) &&
      !(fs::is_regular_file(readme_path, ec) && fs::file_size(readme_path, ec) == 0)) {
    std::cerr << "winnow: fixture add: " << error << "\n";  // never written over unread
    return kExitInput;
  }
  const FixtureRecord record{.name = name,
                             .bytes = page.bytes.size(),
                             .url = page.url.empty() ? canonical : page.url,
                             .fetched = url ? today_utc() : "",
                             .saved_file = url ? "" : display_name(opts_.source),
                             .repo = opts_.repo,
                             .repo_path = opts_.repo_path,
                             .commit = opts_.commit};
  files.push_back({readme_path, readme_with_record(readme, folder_title(dir), record)});
  files.push_back({html, page.bytes});  // last: until it stands, there is no fixture
  if (!write_all_or_nothing(files, &error)) {
    std::cerr << "winnow: fixture add: " << error << "\n";
    return kExitFatal;
  }
  // A replaced fixture's NAME.url was the old page's.
  if (url_file.empty() && fs::remove(stem + ".url", ec)) std::cout << "removed " << stem << ".url (the old page's)\n";
  report(page, art, stem, url_file, canonical);
  return kExitOk;
}

void FixtureCommand::report(const Page& page, const Article& art, const std::string& stem,
                            const std::string& url_file, const std::string& canonical) const {
  std::cout << "wrote " << stem << ".html (" << page.bytes.size() << " bytes, " << page.note << ")\n";
  if (!url_file.empty())
    std::cout << "wrote " << stem << ".url (" << url_file << "; the page's own: "
              << (canonical.empty() ? "none" : canonical) << ")\n";
  const size_t lines = art.lines.size();
  std::cout << "wrote " << stem << ".clean.txt (" << lines << " line" << (lines == 1 ? "" : "s")
            << ", today's output of " << (art.extractor == "generic" ? "the generic extractor" : art.rules_path)
            << ")\n";
  std::string keys;
  for (const std::string& k : kFixtureMetaKeys) keys += (keys.empty() ? "" : ", ") + k;
  std::cout << "wrote " << stem << ".meta.json (" << keys << ")\n";
  std::cout << "recorded " << fs::path(stem).filename().string() << ".html in "
            << (fs::path(opts_.dir) / "README.md").string() << " (checked by hand: no)\n";
  std::error_code ec;
  if (fs::exists(stem + ".dump.txt", ec))
    std::cout << "note: " << stem << ".dump.txt is the old page's render, which check still compares\n";
  std::cout << "next: review " << stem << ".clean.txt against the page (winnow render " << stem
            << ".html), then `winnow check " << opts_.dir << "`\n";
}

const bool kRegistered = register_command(
    {.name = "fixture", .description = "turn a real page into a regression fixture (fixture add)", .order = 45},
    std::make_unique<FixtureCommand>());

}  // namespace
}  // namespace winnow::cli
