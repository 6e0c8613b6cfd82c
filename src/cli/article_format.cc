#include "cli/article_format.h"

#include "winnow/json.h"
#include "winnow/markup.h"

namespace winnow::cli {

const std::vector<std::string>& format_names() {
  static const std::vector<std::string> names = {"text", "json", "markdown", "html"};
  return names;
}

std::string format_article(const Article& article, std::string_view format) {
  if (format == "json") return to_json(article) + "\n";
  if (format == "markdown") return to_markdown(article);
  if (format == "html") return to_html(article);
  return article.text();
}

const char* format_extension(std::string_view format) {
  if (format == "json") return ".json";
  if (format == "markdown") return ".md";
  if (format == "html") return ".html";
  return ".txt";
}

std::string joined(const std::vector<std::string>& languages) {
  std::string out;
  for (const std::string& l : languages) out += (out.empty() ? "" : ",") + l;
  return out;
}

std::string left_out_by_language(const Article& article, const std::vector<std::string>& languages) {
  return "language " + article.language.value_or("unknown") + " is not one of --lang " + joined(languages) +
         ": left out";
}

}  // namespace winnow::cli
