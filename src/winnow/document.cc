#include "winnow/document.h"

#include "base/stage_clock.h"
#include "html/charset.h"
#include "html/render.h"
#include "winnow/internal.h"

namespace winnow {

Document load_document(std::string_view bytes, std::string_view transport_charset) {
  Document doc;
  auto parsed = std::make_shared<internal::ParsedPage>();
  html::Decoded d;
  {
    StageTimer timer(Stage::kDecode);
    d = html::decode_to_utf8(bytes, transport_charset);
  }
  doc.charset = d.charset;
  if (!d.warning.empty()) doc.warnings.push_back(d.warning);
  parsed->page = html::parse_page(std::move(d.utf8));
  if (parsed->page.depth_limited)
    doc.warnings.push_back("page nests deeper than " + std::to_string(html::ParseOptions{}.max_depth) +
                           " elements; deeper ones were flattened into their ancestor");
  if (parsed->page.attributes_limited)
    doc.warnings.push_back("a tag has more than " + std::to_string(html::ParseOptions{}.max_attributes) +
                           " attributes; the rest were dropped");
  StageTimer timer(Stage::kMeta);
  parsed->meta = extract::read_page_meta(parsed->page.tree);
  doc.parsed = std::move(parsed);
  return doc;
}

std::string render(const Document& doc, bool include_hidden) {
  html::RenderOptions opts;
  opts.include_hidden = include_hidden;
  return html::render_text(doc.parsed->page.tree, opts);
}

}  // namespace winnow
