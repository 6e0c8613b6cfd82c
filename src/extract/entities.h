// HTML character references in metadata text. Gumbo decodes the page's text
// and attribute values, but the text of a <script type=application/ld+json>
// is raw (its JSON strings keep "&quot;", "&#8217;"), and many sites escape
// twice ("&amp;quot;" in a meta content, decoded once by the parser), so the
// metadata goes through this once more.
#ifndef WINNOW_EXTRACT_ENTITIES_H_
#define WINNOW_EXTRACT_ENTITIES_H_

#include <string>
#include <string_view>

namespace winnow::extract {

// `s` with every character reference replaced: numeric (&#226; &#xE2;,
// with or without the ';') and named (the HTML 4 set and HTML5's Latin
// Extended and typographic names; with ';', or without it for the Latin-1
// names browsers accept bare). Decodes twice, so "&amp;quot;" gives '"'.
// Unknown names and invalid numbers stay as written; NUL and surrogates
// become U+FFFD.
std::string decode_entities(std::string_view s);

}  // namespace winnow::extract

#endif  // WINNOW_EXTRACT_ENTITIES_H_
