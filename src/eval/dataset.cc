#include "winnow/json.h"
#include "eval/dataset.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "eval/json_field.h"
#include "io/gunzip.h"
#include "io/read.h"

namespace winnow::eval {
namespace fs = std::filesystem;
using json = nlohmann::json;
namespace {

// Ground truths and predictions are a few MB; a page file is at most what it
// may inflate to. Anything larger is the wrong file, not data to read.
constexpr uintmax_t kMaxJsonBytes = uintmax_t{1} << 30;

}  // namespace

bool read_file(const std::string& path, uintmax_t max_bytes, std::string* bytes, std::string* error) {
  std::error_code ec;
  uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > max_bytes) {
    *error = path + ": " + std::to_string(size) + " bytes, more than the " +
             std::to_string(max_bytes >> 20) + " MB a file here may have";
    return false;
  }
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    *error = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  bytes->clear();
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes->append(buf, n);
  bool failed = std::ferror(f);
  int err = errno;
  std::fclose(f);
  if (failed) *error = path + ": read error: " + std::strerror(err);
  return !failed;
}

namespace {

// nlohmann's message without its "[json.exception.parse_error.101] " tag.
std::string json_reason(const json::exception& e) {
  std::string what = e.what();
  if (size_t close = what.find("] "); what.rfind("[json.", 0) == 0 && close != std::string::npos)
    what.erase(0, close + 2);
  return what;
}

bool parse_json_file(const std::string& path, json* out, std::string* error) {
  std::string text;
  if (!read_file(path, kMaxJsonBytes, &text, error)) return false;
  try {
    *out = json::parse(text);
  } catch (const json::exception& e) {
    *error = path + ": not valid JSON: " + json_reason(e);
    return false;
  }
  if (!out->is_object()) {
    *error = path + ": not a JSON object of pages ({\"<id>\": {\"articleBody\": ...}})";
    return false;
  }
  return true;
}

// An entry's articleBody: a string, or null / missing for "nothing".
bool article_body(const std::string& path, const std::string& id, const json& entry,
                  std::string* text, std::string* error) {
  text->clear();
  if (!entry.is_object()) {
    *error = path + ": page \"" + id + "\": not an object with an articleBody";
    return false;
  }
  std::optional<std::string> body;
  std::string type;
  if (!string_member(entry, "articleBody", &body, &type)) {
    *error = path + ": page \"" + id + "\": articleBody is a " + type + ", not a string";
    return false;
  }
  *text = body.value_or("");
  return true;
}

// A metadata key of a predictions entry: a string, or null / missing for none.
bool meta_field(const std::string& path, const std::string& id, const json& entry, const char* key,
                std::optional<std::string>* value, std::string* error) {
  std::string type;
  if (string_member(entry, key, value, &type)) return true;
  *error = path + ": page \"" + id + "\": " + key + " is a " + type + ", not a string";
  return false;
}

bool load_benchmark(const std::string& dir, Dataset* set, std::string* error) {
  std::string path = (fs::path(dir) / "ground-truth.json").string();
  json truth;
  if (!parse_json_file(path, &truth, error)) return false;
  for (const auto& [id, entry] : truth.items()) {
    // Ids become file names under html/: nothing that could leave it.
    if (id.empty() || id.front() == '.' || id.find_first_of(std::string("/\0", 2)) != std::string::npos) {
      *error = path + ": page id \"" + id + "\" is not a file name";
      return false;
    }
    EvalPage page;
    page.id = id;
    if (!article_body(path, id, entry, &page.truth, error)) return false;
    if (auto url = entry.find("url"); url != entry.end() && url->is_string()) page.url = url->get<std::string>();
    fs::path gz = fs::path(dir) / "html" / (id + ".html.gz"), plain = fs::path(dir) / "html" / (id + ".html");
    std::error_code ec;
    // The .gz name when neither exists, so that the error names the file the
    // layout expects.
    page.html_path = (!fs::exists(gz, ec) && fs::exists(plain, ec) ? plain : gz).string();
    set->pages.push_back(std::move(page));
  }
  if (set->pages.empty()) {
    *error = path + ": no pages in it";
    return false;
  }
  return true;
}

bool load_fixtures(const std::string& dir, Dataset* set, std::string* error) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const fs::path& html = it->path();
    std::error_code entry_ec;  // a broken entry is skipped, not the listing's failure
    if (!it->is_regular_file(entry_ec) || html.extension() != ".html") continue;
    fs::path expected = html;
    expected.replace_extension(".clean.txt");
    if (!fs::exists(expected, entry_ec)) continue;
    EvalPage page;
    page.id = html.lexically_relative(dir).replace_extension().generic_string();
    page.html_path = html.string();
    if (!read_file(expected.string(), kMaxPageBytes, &page.truth, error)) return false;
    set->pages.push_back(std::move(page));
  }
  if (ec) {
    *error = dir + ": cannot list: " + ec.message();
    return false;
  }
  if (set->pages.empty()) {
    *error = dir + ": no pages (a benchmark has ground-truth.json and html/; fixtures are "
                   "NAME.html beside NAME.clean.txt)";
    return false;
  }
  return true;
}

}  // namespace

bool load_dataset(const std::string& dir, Dataset* set, std::string* error) {
  *set = Dataset{};
  set->dir = dir;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    *error = dir + ": not a directory";
    return false;
  }
  bool ok;
  if (fs::exists(fs::path(dir) / "ground-truth.json", ec)) {
    set->kind = Dataset::Kind::kBenchmark;
    ok = load_benchmark(dir, set, error);
  } else if (is_wcxb_dir(dir)) {
    set->kind = Dataset::Kind::kWcxb;
    ok = load_wcxb(dir, set, error);
  } else {
    set->kind = Dataset::Kind::kFixtures;
    ok = load_fixtures(dir, set, error);
  }
  if (!ok) return false;
  std::sort(set->pages.begin(), set->pages.end(),
            [](const EvalPage& a, const EvalPage& b) { return a.id < b.id; });
  return true;
}

bool is_wcxb_dir(const std::string& dir) {
  std::error_code ec;
  return fs::is_directory(fs::path(dir) / "ground-truth", ec) && fs::is_directory(fs::path(dir) / "html", ec);
}

bool read_page_bytes(const std::string& path, std::string* bytes, std::string* error) {
  std::string raw;
  if (!read_file(path, kMaxPageBytes, &raw, error)) return false;
  if (raw.size() >= 2 && static_cast<unsigned char>(raw[0]) == 0x1f && static_cast<unsigned char>(raw[1]) == 0x8b) {
    std::string why;
    if (!gunzip(raw, kMaxPageBytes, bytes, &why)) {
      *error = path + ": " + why;
      return false;
    }
  } else if (path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0) {
    *error = path + ": not gzip data (no gzip header)";
    return false;
  } else {
    *bytes = std::move(raw);
  }
  if (bytes->empty()) {
    *error = path + ": empty page";
    return false;
  }
  return true;
}

bool read_predictions(const std::string& path, Predictions* predictions, std::string* error) {
  predictions->clear();
  json top;
  if (!parse_json_file(path, &top, error)) return false;
  // The wrapped shape: an "output" object of pages (not a page named
  // "output", which would have an articleBody).
  const json* pages = &top;
  if (auto out = top.find("output"); out != top.end() && out->is_object() && !out->contains("articleBody"))
    pages = &*out;
  for (const auto& [id, entry] : pages->items()) {
    Prediction p;
    if (entry.is_string()) {  // WCXB evaluate.py's {id: text}
      p.text = entry.get<std::string>();
    } else if (!article_body(path, id, entry, &p.text, error) ||
               !meta_field(path, id, entry, "title", &p.title, error) ||
               !meta_field(path, id, entry, "author", &p.author, error) ||
               !meta_field(path, id, entry, "publish_date", &p.published, error) ||
               !meta_field(path, id, entry, "modified", &p.modified, error)) {
      return false;
    }
    predictions->emplace(id, std::move(p));
  }
  return true;
}

std::string predictions_json(const Predictions& predictions, bool with_meta) {
  using ordered = nlohmann::ordered_json;
  ordered j = ordered::object();
  const auto or_null = [](const std::optional<std::string>& v) { return v ? ordered(*v) : ordered(nullptr); };
  for (const auto& [id, p] : predictions) {
    j[id]["articleBody"] = p.text;
    if (!with_meta) continue;
    j[id]["title"] = or_null(p.title);
    j[id]["author"] = or_null(p.author);
    j[id]["publish_date"] = or_null(p.published);
    j[id]["modified"] = or_null(p.modified);
  }
  // Extracted text is valid UTF-8 (decoding repairs it); replace rather than
  // throw if it ever is not.
  std::string out = j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  escape_line_separators(&out);  // as every JSON winnow writes
  return out;
}

}  // namespace winnow::eval
