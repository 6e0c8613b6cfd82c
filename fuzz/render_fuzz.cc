// Any bytes through charset detection, pruning, Gumbo and the layout.
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  winnow::Document doc = winnow::load_document(winnow::fuzz::as_view(data, size));
  std::string text = winnow::render(doc);
  std::string hidden = winnow::render(doc, /*include_hidden=*/true);
  if (hidden.size() < text.size() / 2) abort();  // showing more never shows much less
  return 0;
}
