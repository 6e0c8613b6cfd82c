// The generic extractor in each mode, as a host without rules gets it.
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const winnow::RuleLibrary& rules = winnow::fuzz::project_rules();
  winnow::Document doc = winnow::load_document(winnow::fuzz::as_view(data, size));
  for (winnow::Favor favor : {winnow::Favor::kBalanced, winnow::Favor::kPrecision, winnow::Favor::kRecall}) {
    winnow::CleanRequest request;
    request.url = "https://example.com/news/1";
    request.generic = true;
    request.favor = favor;
    winnow::Article art = winnow::clean(rules, doc, request);
    if (art.extractor != "generic") abort();
    (void)winnow::to_json(art);
  }
  return 0;
}
