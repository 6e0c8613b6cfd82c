// Page sets (winnow/page_set.h): listed from a benchmark, fixtures or a
// directory of pages, held in memory, and cleaned by the one loop.
#include "winnow/page_set.h"

#include <filesystem>

#include "eval/dataset.h"
#include "eval/pool.h"
#include "winnow/clean.h"
#include "winnow/document.h"
#include "winnow/input.h"

namespace winnow {
namespace fs = std::filesystem;

bool list_page_set(const std::string& dir, PageSetKind kind, PageSet* set, std::string* error) {
  *set = PageSet{};
  set->dir = dir;
  std::error_code ec;
  if (kind == PageSetKind::kScored || fs::exists(fs::path(dir) / "ground-truth.json", ec) || eval::is_wcxb_dir(dir)) {
    eval::Dataset data;
    if (!eval::load_dataset(dir, &data, error)) return false;
    set->truth = data.kind == eval::Dataset::Kind::kBenchmark ? TruthFormat::kArticleBenchmark
                 : data.kind == eval::Dataset::Kind::kWcxb    ? TruthFormat::kWcxb
                                                              : TruthFormat::kFixtures;
    for (eval::EvalPage& p : data.pages)
      set->pages.push_back({.id = std::move(p.id), .path = std::move(p.html_path), .url = std::move(p.url),
                            .truth = std::move(p.truth), .facts = std::move(p.facts)});
    return true;
  }
  if (!fs::is_directory(dir, ec)) {
    *error = dir + ": not a directory";
    return false;
  }
  std::vector<std::string> files;
  if (!list_pages(dir, &files, error)) return false;
  for (std::string& f : files) set->pages.push_back({.id = f, .path = f});
  return true;
}

bool hold_pages(PageSet* set, std::string* error) {
  set->bytes = 0;
  for (SetPage& p : set->pages) {
    if (!eval::read_page_bytes(p.path, &p.bytes, error)) return false;
    set->bytes += p.bytes.size();
  }
  set->held = true;
  return true;
}

void clean_pages(const RuleLibrary& library, const PageSet& set, const CleanPagesOptions& options,
                 const PageCleaned& cleaned, const PageUnreadable& unreadable) {
  const size_t n = set.pages.size();
  const size_t laps = static_cast<size_t>(std::max(options.laps, 0));
  eval::for_each_index(n * laps, options.threads, [&](size_t k) {
    const size_t i = k % n;
    const SetPage& page = set.pages[i];
    std::string read, error;
    if (!set.held && !eval::read_page_bytes(page.path, &read, &error)) return unreadable(i, error);
    Document doc = load_document(set.held ? page.bytes : read);
    CleanRequest request = options.request;
    request.url = page.url;
    if (options.truth_types) parse_page_type(page.facts.type, &request.page_type);
    cleaned(i, clean(library, doc, request));
  });
}

}  // namespace winnow
