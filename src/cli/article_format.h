// The output formats clean and fetch write an article in: text (the dumps'
// lines), json (one object a line), markdown, html (winnow/markup.h).
#ifndef WINNOW_CLI_ARTICLE_FORMAT_H_
#define WINNOW_CLI_ARTICLE_FORMAT_H_

#include <string>
#include <string_view>
#include <vector>

#include "winnow/article.h"

namespace winnow::cli {

// The --format values, for CLI11's check and the help.
const std::vector<std::string>& format_names();
inline constexpr const char* kFormatHelp = "text, json, markdown or html";

// The article in `format` (one of format_names()), ending with a newline
// (text: "" for an article with no text).
std::string format_article(const Article& article, std::string_view format);

// The file name extension an article in `format` is written with: ".txt",
// ".json", ".md", ".html".
const char* format_extension(std::string_view format);

// "vi,en": --lang's languages as given.
std::string joined(const std::vector<std::string>& languages);

// Why --lang left a page out: "language de is not one of --lang vi,en:
// left out" ("language unknown" when the text told none).
std::string left_out_by_language(const Article& article, const std::vector<std::string>& languages);

}  // namespace winnow::cli

#endif  // WINNOW_CLI_ARTICLE_FORMAT_H_
