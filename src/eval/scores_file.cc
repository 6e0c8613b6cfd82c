// write_scores() (winnow/eval.h): every page's scores as JSON.
#include <nlohmann/json.hpp>

#include "winnow/json.h"
#include "output/files.h"
#include "winnow/eval.h"

namespace winnow {
namespace {

using ordered = nlohmann::ordered_json;

const char* verdict_name(MetaVerdict v) {
  switch (v) {
    case MetaVerdict::kRight: return "right";
    case MetaVerdict::kWrong: return "wrong";
    case MetaVerdict::kNotScored: break;
  }
  return "not scored";
}

ordered judged(const std::string& truth, const ordered& given, MetaVerdict v) {
  return {{"truth", truth}, {"given", given}, {"verdict", verdict_name(v)}};
}

ordered optional_text(const std::optional<std::string>& v) { return v ? ordered(*v) : ordered(nullptr); }

}  // namespace

bool write_scores(const std::string& path, const PageSet& set, const Evaluation& evaluation, std::string* error) {
  ordered j = ordered::object();
  const bool wcxb = set.truth == TruthFormat::kWcxb;
  for (size_t i = 0; i < set.pages.size() && i < evaluation.pages.size(); ++i) {
    const SetPage& truth = set.pages[i];
    const PageResult& page = evaluation.pages[i];
    ordered& e = j[truth.id];
    e["url"] = page.url;
    if (wcxb) e["type"] = truth.facts.type;
    if (wcxb && !page.page_type.empty()) e["page_type"] = {{"told", page.page_type}, {"from", page.page_type_from}};
    e["precision"] = page.precision;
    e["recall"] = page.recall;
    e["f1"] = page.f1;
    if (!wcxb) continue;
    e["with"] = page.with_rate;
    e["without"] = page.without_rate;
    if (truth.facts.type != "article") continue;
    e["title"] = judged(truth.facts.title, optional_text(page.title), page.title_ok);
    e["authors"] = judged(truth.facts.author, ordered(page.authors), page.authors_ok);
    e["date"] = judged(truth.facts.date, optional_text(page.published), page.date_ok);
    e["date"]["modified"] = optional_text(page.modified);
    e["date"]["published_or_modified"] = verdict_name(page.date_either_ok);
  }
  // Texts are valid UTF-8 (decoding repairs them); replace rather than throw
  // if one ever is not.
  std::string out = j.dump(1, ' ', false, ordered::error_handler_t::replace) + "\n";
  escape_line_separators(&out);  // as every JSON winnow writes
  return output::write_file_atomic(path, out, error);
}

}  // namespace winnow
