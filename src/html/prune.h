// Emptying, before Gumbo parses a page, what can never become text: the
// bodies of <script> (but JSON-LD), <style>, <noscript>, <template> and
// <svg>, and long comments. On news pages that is most of the bytes, and
// Gumbo's cost is per byte. Tags stay (selectors still see the elements),
// newlines stay (page line numbers stay right), short comments stay (rules
// mark ranges with them: <!--googleoff: all-->).
#ifndef WINNOW_HTML_PRUNE_H_
#define WINNOW_HTML_PRUNE_H_

#include <string>
#include <string_view>

namespace winnow::html {

// Comments up to this many bytes are kept.
inline constexpr size_t kKeptCommentBytes = 200;

// Writes the pruned page to `out` and returns true, or returns false (and
// leaves `out` alone) if there was nothing to prune.
bool prune_for_parse(std::string_view html, std::string* out);

}  // namespace winnow::html

#endif  // WINNOW_HTML_PRUNE_H_
