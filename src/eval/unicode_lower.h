// Unicode lowercasing as Python's str.lower() does it, for the WCXB
// benchmark's metric (its tokens are `re.findall(r'\w+', text.lower())`).
//
// Full lowercase mapping (U+0130 İ becomes "i" + U+0307), and Final_Sigma:
// U+03A3 Σ becomes ς after a cased letter when no cased letter follows
// (case-ignorable characters skipped both ways), else σ. The tables are
// generated from Python's own str.lower() by scripts/gen-unicode-case.py
// (unicode_case_table.inc), so the two agree code point for code point.
#ifndef WINNOW_EVAL_UNICODE_LOWER_H_
#define WINNOW_EVAL_UNICODE_LOWER_H_

#include <string>
#include <string_view>

namespace winnow::eval {

// The UTF-8 text lowercased. Bytes that are not valid UTF-8 are copied as
// they are (they separate tokens either way).
std::string lower_unicode(std::string_view utf8);

}  // namespace winnow::eval

#endif  // WINNOW_EVAL_UNICODE_LOWER_H_
