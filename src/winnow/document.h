// A page read: its bytes decoded to UTF-8, parsed, and its metadata
// (canonical URL, Open Graph, JSON-LD) read. What `clean` and `render` take.
//
// Public (installed as <winnow/document.h>). The parse (Gumbo's, and the
// library's flat tree over it) is opaque here: a program built on the
// installed headers never sees <gumbo.h>.
#ifndef WINNOW_DOCUMENT_H_
#define WINNOW_DOCUMENT_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {

namespace internal {
struct ParsedPage;
}  // namespace internal

// Plain data around an opaque, immutable parse: copies share it, and const
// use from many threads at once is safe. load_document makes one; a
// default-constructed Document has no parse and is no page to clean.
struct Document {
  std::string charset;                // what the bytes were read as
  std::vector<std::string> warnings;  // decoding and parsing trouble
  // The page's parse and metadata, the library's own (winnow/internal.h);
  // internal::ParsedPage is incomplete outside the library.
  std::shared_ptr<const internal::ParsedPage> parsed;
};

// Any bytes: never fails. Undecodable bytes become U+FFFD (with a warning);
// `transport_charset` is the HTTP Content-Type's charset, if any.
Document load_document(std::string_view bytes, std::string_view transport_charset = {});

// Whole-page text, as the reference dumps read (docs/architecture.md, "How a page becomes
// text"); `include_hidden` lays out what the page hides too.
std::string render(const Document& doc, bool include_hidden = false);

}  // namespace winnow

#endif  // WINNOW_DOCUMENT_H_
