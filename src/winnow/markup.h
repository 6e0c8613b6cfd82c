// An article's structure written out: Markdown (CommonMark, with GFM pipe
// tables) and HTML, rebuilt from the text lines and their shapes
// (winnow/article.h LineShape), so both hold exactly the kept content the
// text format holds, in its order: headings, paragraphs, lists, tables,
// blockquotes, code, links and images. And the article's links and images
// as lists, for the JSON.
//
// Public (installed as <winnow/markup.h>).
#ifndef WINNOW_MARKUP_H_
#define WINNOW_MARKUP_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/article.h"

namespace winnow {

// The article as Markdown: the title as the one level-1 heading, the
// dateline, lead and byline as paragraphs, captions in emphasis after
// their images, the body's blocks as the page built them. Text that
// Markdown would read as markup is backslash-escaped, so a CommonMark
// parser gives back the article's words. Ends with one newline ("" for an
// article with no text).
std::string to_markdown(const Article& article);

// The article as an HTML fragment: one <article> element, its text
// escaped, links and images with their absolute URLs. Ends with a newline.
std::string to_html(const Article& article);

struct ArticleLink {
  std::string text, href;
};

struct ArticleImage {
  std::string src, alt;
  std::optional<std::string> caption;  // the caption line standing with it
};

// The kept links in text order (a link split over lines counts once a line).
std::vector<ArticleLink> article_links(const Article& article);

// The kept images in text order, each with the caption line it stands on
// or above, if any.
std::vector<ArticleImage> article_images(const Article& article);

// Makes every link's href and image's src absolute against `base` (the
// page's URL, or its <base href>): fragments kept, javascript: links
// unlinked (their text stays). With no base, relative references stay as
// the page wrote them.
void resolve_references(Article* article, std::string_view base);

}  // namespace winnow

#endif  // WINNOW_MARKUP_H_
