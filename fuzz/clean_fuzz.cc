// A page cleaned with each site's rules (the host picks the rule file), the
// whole-page mode too, and its JSON.
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const winnow::RuleLibrary& rules = winnow::fuzz::project_rules();
  winnow::Document doc = winnow::load_document(winnow::fuzz::as_view(data, size));
  for (const char* url : {"https://thoidai.com.vn/a-1.html", "https://tuoitrethudo.vn/a-1.html",
                          "https://baoquocte.vn/a-1.html"}) {
    for (bool whole_page : {false, true}) {
      winnow::CleanRequest request;
      request.url = url;
      request.whole_page = whole_page;
      winnow::Article art = winnow::clean(rules, doc, request);
      std::string json = winnow::to_json(art);
      if (json.empty() || json.front() != '{') abort();
    }
  }
  return 0;
}
