// Emptying, before Gumbo parses a page, what can never become text: the
// bodies of <script> (but JSON-LD), <style>, <noscript> (but one of
// kNoscriptViewBytes or more: a page's no-script view), <template> and
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
// A <noscript> whose content has this many bytes keeps it: a page whose
// content a script draws may serve all of it there (a Discourse or Flarum
// thread's posts), not a tracking pixel or a "please enable JavaScript" line.
inline constexpr size_t kNoscriptViewBytes = 8192;

// Writes the pruned page to `out` and returns true, or returns false (and
// leaves `out` alone) if there was nothing to prune.
bool prune_for_parse(std::string_view html, std::string* out);

}  // namespace winnow::html

#endif  // WINNOW_HTML_PRUNE_H_
