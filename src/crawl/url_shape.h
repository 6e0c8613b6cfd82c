// Telling article URLs from the others on a site that has no rule file (no
// `article_url` pattern): by the shape of the URLs its feeds and news
// sitemaps give as articles. A site names its articles one way
// (/section/slug-123456.html, /2026/11/28/slug/, /news/123456) and its
// sections, tags and pagers another (/thoi-su/, /tag/abc, /page/2): a link
// on the home page or in a plain sitemap is taken for an article when its
// shape is one the site's own article lists used. Before any is known (a
// site with neither feed nor news sitemap), a slug of four words or an id
// in the last path segment is taken; the page's type, read once it is
// fetched (extract/page_type.h), keeps listings out either way.
#ifndef WINNOW_CRAWL_URL_SHAPE_H_
#define WINNOW_CRAWL_URL_SHAPE_H_

#include <set>
#include <string>
#include <string_view>

namespace winnow::crawl {

// "slug-id.html", "slug", "id", "word.php?id", ...: what kind of name the
// last path segment is (a slug of words with a number in it, a slug, a
// number, anything else), its extension, and the names of the query's
// parameters. The path's depth is not part of it: sites nest sections
// (/the-gioi/chau-a/...) and their articles keep one shape.
std::string url_shape(std::string_view url);

// The shapes a site's articles were seen with.
class ArticleShapes {
 public:
  // An article's URL from a feed or a news sitemap. True if its shape is
  // new (the state's copy is then stale).
  bool learn(std::string_view url);
  // Is a URL found elsewhere (a listing, the home page, a plain sitemap) an
  // article's? Its shape was learned; none learned yet: it looks like one.
  bool article(std::string_view url) const;
  bool empty() const { return shapes_.empty(); }
  // Kept in the state between runs (a feed unchanged since the last run
  // teaches nothing): the shapes joined by spaces.
  std::string save() const;
  void load(std::string_view saved);

 private:
  std::set<std::string> shapes_;
};

// No shape learned: the last segment is a slug of four words or more, or
// holds a number of four digits or more beside words (slug-123456), or is a
// number of six digits or more.
bool looks_like_article_url(std::string_view url);

}  // namespace winnow::crawl

#endif  // WINNOW_CRAWL_URL_SHAPE_H_
