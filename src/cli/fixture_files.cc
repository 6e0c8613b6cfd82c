#include "winnow/json.h"
#include "cli/fixture_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "cli/diff.h"
#include "winnow/fetch.h"

namespace winnow::cli {
namespace fs = std::filesystem;

const std::vector<std::string> kFixtureMetaKeys = {"site",   "title",   "published", "modified",  "section",
                                                   "lead",   "byline",  "authors",   "page_type", "extractor"};

std::string fixture_meta_json(const std::string& article_json) {
  const auto got = nlohmann::ordered_json::parse(article_json);
  nlohmann::ordered_json meta = nlohmann::ordered_json::object();
  for (const std::string& key : kFixtureMetaKeys)
    if (got.contains(key)) meta[key] = got[key];
  std::string out = meta.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  escape_line_separators(&out);  // as every JSON winnow writes
  return out;
}

namespace {

const std::string kSection = "## Added with `winnow fixture add`";
const std::string kTableHeader = "| fixture | bytes | URL | fetched | repository | path | commit | checked by hand |";
const std::string kTableRule = "|---|---|---|---|---|---|---|---|";
const char* const kSectionIntro[] = {
    "Each page below was saved by `winnow fixture add`, and its `NAME.clean.txt`",
    "and `NAME.meta.json` were written from winnow's output that day: they pin",
    "what winnow gave, not what the article is, until a person has read them",
    "against the page (`winnow render NAME.html`), corrected them, and written",
    "the date in the last column.",
};

// A table cell: one line, its pipes escaped.
std::string cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out;
}

std::string row_start(const std::string& name) { return "| `" + cell(name) + ".html` |"; }

std::string row_of(const FixtureRecord& r) {
  const bool from_repo = !r.repo.empty();
  return row_start(r.name) + " " + std::to_string(r.bytes) + " | " + (r.url.empty() ? "unknown" : cell(r.url)) +
         " | " + (r.saved_file.empty() ? cell(r.fetched) : "saved file: `" + cell(r.saved_file) + "`") + " | " +
         (from_repo ? "[" + cell(r.repo) + "](https://github.com/" + cell(r.repo) + ")" : "") + " | " +
         (from_repo ? "`" + cell(r.repo_path) + "`" : "") + " | " + (from_repo ? "`" + cell(r.commit) + "`" : "") +
         " | **no**: check `" + cell(r.name) + ".clean.txt` against the page |";
}

bool is_heading(const std::string& line) { return line.rfind("## ", 0) == 0 || line.rfind("# ", 0) == 0; }

}  // namespace

std::string readme_with_record(const std::string& readme, const std::string& folder, const FixtureRecord& record) {
  std::vector<std::string> lines = split_lines(readme);
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  if (lines.empty()) lines = {"# " + folder + " fixtures"};
  const std::string row = row_of(record);
  size_t section = 0;
  while (section < lines.size() && lines[section] != kSection) ++section;
  if (section == lines.size()) {  // a new section at the end
    lines.insert(lines.end(), {"", kSection, ""});
    lines.insert(lines.end(), std::begin(kSectionIntro), std::end(kSectionIntro));
    lines.insert(lines.end(), {"", kTableHeader, kTableRule, row});
  } else {
    size_t end = section + 1;  // the section's end: the next heading, or the file's
    while (end < lines.size() && !is_heading(lines[end])) ++end;
    size_t header = section + 1;
    while (header < end && lines[header] != kTableHeader) ++header;
    if (header == end) {
      lines.insert(lines.begin() + static_cast<long>(end), {"", kTableHeader, kTableRule, row});
    } else {
      size_t last = header + 1;  // the table's last line
      bool replaced = false;
      while (last + 1 < end && lines[last + 1].rfind("|", 0) == 0) {
        ++last;
        if (lines[last].rfind(row_start(record.name), 0) == 0) {
          lines[last] = row;
          replaced = true;
        }
      }
      if (!replaced) lines.insert(lines.begin() + static_cast<long>(last) + 1, row);
    }
  }
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

namespace {

// ".NAME.html.winnow-fixture-1a2b3c4d": hidden, and no page name `check` or
// `clean DIR` would pick up.
std::string temp_path_for(const std::string& path) {
  static std::mt19937_64 random{std::random_device{}()};
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(random()));
  const fs::path p(path);
  return (p.parent_path() / ("." + p.filename().string() + ".winnow-fixture-" + hex)).string();
}

void sync_directory(const std::string& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

bool write_all_or_nothing(const std::vector<PendingFile>& files, std::string* error) {
  std::vector<std::string> temps;
  auto give_up = [&](const std::string& why) {
    std::error_code ec;
    for (const std::string& t : temps) fs::remove(t, ec);
    *error = why;
    return false;
  };
  for (const PendingFile& f : files) {
    temps.push_back(temp_path_for(f.path));
    std::string why;
    // Durable and whole: the library's crash-safe write (its own temp
    // file, fsync, rename), here onto our temp name.
    if (!write_article_file(temps.back(), f.content, &why)) return give_up("cannot write " + f.path + ": " + why);
  }
  std::set<std::string> dirs;
  for (size_t i = 0; i < files.size(); ++i) {
    std::error_code ec;
    fs::rename(temps[i], files[i].path, ec);
    if (ec) {
      temps.erase(temps.begin(), temps.begin() + static_cast<long>(i));
      return give_up("cannot write " + files[i].path + ": " + ec.message());
    }
    dirs.insert(fs::path(files[i].path).parent_path().string());
  }
  for (const std::string& d : dirs) sync_directory(d);
  return true;
}

}  // namespace winnow::cli
