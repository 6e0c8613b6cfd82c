// A WCXB set (the Web Content eXtraction Benchmark's layout; Murrough Foley,
// CC-BY-4.0): DIR/ground-truth/<id>.json, one file a page, and the page as
// DIR/html/<id>.html.gz. Each file holds `url`, `_internal.page_type.primary`
// and `ground_truth.{title, author, publish_date, main_content, with,
// without}`; `ground_truth` is a JSON object or, in some files, a string
// holding a Python dict literal (read with eval/python_literal.h; the
// benchmark's evaluate.py skips such pages instead). What is missing is read
// as the benchmark's script reads it: no main_content is an empty truth, no
// page type is "article" ("category" is "collection"), no title, author or
// date is none. What cannot be read is a one-line error naming the file.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "eval/dataset.h"
#include "eval/json_field.h"
#include "eval/python_literal.h"

namespace winnow::eval {
namespace fs = std::filesystem;
using json = nlohmann::json;
namespace {

// A ground-truth file is a few hundred KB; anything past this is not one.
constexpr uintmax_t kMaxTruthBytes = uintmax_t{64} << 20;

// A string field: "" when missing or null; false (and *error) for another type.
bool text_field(const std::string& path, const json& obj, const char* where, const char* key, std::string* out,
                std::string* error) {
  std::optional<std::string> value;
  std::string type;
  if (!string_member(obj, key, &value, &type)) {
    *error = path + ": " + where + key + " is a " + type + ", not a string";
    return false;
  }
  *out = value.value_or("");
  return true;
}

// A list of snippets: none when missing or null; every item a string.
bool snippets_field(const std::string& path, const json& obj, const char* key, std::vector<std::string>* out,
                    std::string* error) {
  out->clear();
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return true;
  if (!it->is_array()) {
    *error = path + ": ground_truth." + key + " is a " + it->type_name() + ", not a list of snippets";
    return false;
  }
  for (const json& s : *it) {
    if (!s.is_string()) {
      *error = path + ": ground_truth." + key + " holds a " + s.type_name() + ", not a string";
      return false;
    }
    out->push_back(s.get<std::string>());
  }
  return true;
}

// The page type as evaluate.py takes it: _internal.page_type.primary, or
// _internal.page_type when a string; "article" when there is none.
std::string page_type(const json& top) {
  std::string type = "article";
  auto internal = top.find("_internal");
  if (internal != top.end() && internal->is_object()) {
    auto pt = internal->find("page_type");
    if (pt != internal->end() && pt->is_object()) {
      if (auto primary = pt->find("primary"); primary != pt->end() && primary->is_string())
        type = primary->get<std::string>();
    } else if (pt != internal->end() && pt->is_string()) {
      type = pt->get<std::string>();
    }
  }
  return type == "category" ? "collection" : type;
}

// The ground_truth object, parsed from its Python-literal string if need be.
bool ground_truth(const std::string& path, const json& top, json* truth, std::string* error) {
  auto it = top.find("ground_truth");
  if (it == top.end() || it->is_null()) {
    *error = path + ": no ground_truth in it";
    return false;
  }
  if (it->is_string()) {
    std::string why;
    if (!parse_python_literal(it->get<std::string>(), truth, &why)) {
      *error = path + ": ground_truth is a string but not a Python dict literal: " + why;
      return false;
    }
  } else {
    *truth = *it;
  }
  if (!truth->is_object()) {
    *error = path + ": ground_truth is a " + std::string(truth->type_name()) + ", not an object";
    return false;
  }
  return true;
}

bool read_truth_file(const std::string& path, EvalPage* page, std::string* error) {
  std::string bytes;
  if (!read_file(path, kMaxTruthBytes, &bytes, error)) return false;
  json top, truth;
  try {
    top = json::parse(bytes);
  } catch (const json::exception& e) {
    std::string what = e.what();
    if (size_t close = what.find("] "); what.rfind("[json.", 0) == 0 && close != std::string::npos)
      what.erase(0, close + 2);
    *error = path + ": not valid JSON: " + what;
    return false;
  }
  if (!top.is_object()) {
    *error = path + ": not a JSON object (a WCXB ground truth: {url, _internal, ground_truth})";
    return false;
  }
  if (!ground_truth(path, top, &truth, error)) return false;
  PageTruth& f = page->facts;
  f.type = page_type(top);
  return text_field(path, top, "", "url", &page->url, error) &&
         text_field(path, truth, "ground_truth.", "main_content", &page->truth, error) &&
         text_field(path, truth, "ground_truth.", "title", &f.title, error) &&
         text_field(path, truth, "ground_truth.", "author", &f.author, error) &&
         text_field(path, truth, "ground_truth.", "publish_date", &f.date, error) &&
         snippets_field(path, truth, "with", &f.with, error) &&
         snippets_field(path, truth, "without", &f.without, error);
}

}  // namespace

bool load_wcxb(const std::string& dir, Dataset* set, std::string* error) {
  const fs::path truth_dir = fs::path(dir) / "ground-truth";
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::directory_iterator(truth_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code entry_ec;
    if (it->path().extension() == ".json" && it->is_regular_file(entry_ec)) files.push_back(it->path());
  }
  if (ec) {
    *error = truth_dir.string() + ": cannot list: " + ec.message();
    return false;
  }
  for (const fs::path& file : files) {
    EvalPage page;
    page.id = file.stem().string();
    page.html_path = (fs::path(dir) / "html" / (page.id + ".html.gz")).string();
    if (!read_truth_file(file.string(), &page, error)) return false;
    set->pages.push_back(std::move(page));
  }
  if (set->pages.empty()) {
    *error = truth_dir.string() + ": no pages (no <id>.json in it)";
    return false;
  }
  return true;
}

}  // namespace winnow::eval
