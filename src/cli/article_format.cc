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

}  // namespace winnow::cli
