// Shared by authors.cc (names, precedence) and author_markup.cc (the
// bylines the markup shows): not part of extract/authors.h.
#ifndef WINNOW_EXTRACT_AUTHORS_INTERNAL_H_
#define WINNOW_EXTRACT_AUTHORS_INTERNAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "extract/authors.h"
#include "extract/text.h"
#include "html/tree.h"

namespace winnow::extract::authors_detail {

size_t words_in(std::string_view s);
using extract::lower_ascii;  // extract/text.h
// Adds `name` unless empty or already there (ASCII case aside).
void add_unique(std::vector<std::string>* out, std::string name);
// Cuts `s` where a credit to someone other than the author starts ("By A.
// Reviewed by B" keeps "By A."); with kReviewer, reviewers' credits only
// part names.
void cut_other_credit(std::string* s, NameSource source);

// The names of the page's first byline in its markup (author_markup.cc).
std::vector<std::string> markup_authors(const html::Tree& t, const Publisher& pub, NameSource src);

}  // namespace winnow::extract::authors_detail

#endif  // WINNOW_EXTRACT_AUTHORS_INTERNAL_H_
