// The rule-file loader on any TOML: written beside copies of the project's
// base files, so that `extends = "mastercms"` resolves as on a real site
// (and the generic extractor's tables of generic.toml load with it).
#include <unistd.h>

#include <filesystem>
#include <cstdlib>
#include <fstream>

#include "extract/clean.h"
#include "extract/generic.h"
#include "fuzz_util.h"
#include "rules/rule_set.h"
#include "winnow/internal.h"

namespace fs = std::filesystem;

namespace {

// Removed at exit. The path is never destroyed (a leaked pointer, still
// reachable): a static fs::path would be destroyed before the atexit handler
// that reads it runs, and the directory would stay behind in /tmp.
const fs::path& scratch_dir() {
  static const fs::path* dir = [] {
    auto* d = new fs::path(fs::temp_directory_path() / ("winnow-rules-fuzz-" + std::to_string(getpid())));
    fs::create_directories(*d);
    for (const auto& e : fs::directory_iterator(WINNOW_RULES_DIR))
      if (e.path().extension() == ".toml") fs::copy_file(e.path(), *d / e.path().filename(), fs::copy_options::overwrite_existing);
    return d;
  }();
  static const bool removed_at_exit = [] {
    std::atexit([] { std::error_code ec; fs::remove_all(*dir, ec); });
    return true;
  }();
  (void)removed_at_exit;
  return *dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fs::path file = scratch_dir() / "fuzzed-site.toml";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  // The bases (mastercms, generic) never change: read and compiled once.
  static winnow::rules::RuleLoader loader;
  winnow::rules::RuleSet set;
  winnow::RuleError error;
  if (!loader.load(file.string(), &set, &error)) {
    if (error.message.empty()) abort();  // a refusal always says why
    return 0;
  }
  // A loaded set cleans a page; its generic extractor tables (the file's
  // own [generic.*] and its bases', compiled at load) extract one.
  winnow::Document doc = winnow::load_document(
      "<html><body><nav>Home</nav><article><h1>A title</h1><p>Text, and more.</p>"
      "<p>The council voted on Tuesday to widen the river path, a plan that has waited for years.</p>"
      "<figure><figcaption>The path today.</figcaption></figure><p>Photo: AP</p></article></body></html>");
  winnow::Article art = winnow::extract::clean_page(doc.parsed->page, doc.parsed->meta, set, {});
  if (set.generic) {
    for (winnow::Favor favor : {winnow::Favor::kBalanced, winnow::Favor::kPrecision, winnow::Favor::kRecall}) {
      winnow::extract::GenericOptions options;
      options.favor = favor;
      art = winnow::extract::extract_generic(doc.parsed->page, doc.parsed->meta, *set.generic, options);
      if (art.extractor != "generic") abort();
    }
  } else if (set.generic_table) {
    abort();  // tables loaded but not compiled
  }
  return 0;
}
