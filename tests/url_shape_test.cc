// Article URLs told by their shape (src/crawl/url_shape.h): the shape of the
// last path segment (slug-id, slug, id, number, word), its extension and
// the query's parameter names; the shapes a site's feeds teach; and the
// fallback rules before anything is learned. URLs are written the way the
// Vietnamese news sites write them (vnexpress: slug-7digits.html, tuoitre:
// slug-17digits.htm, znews: slug-post7digits.html).
#include "crawl/url_shape.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using winnow::crawl::ArticleShapes;
using winnow::crawl::looks_like_article_url;
using winnow::crawl::url_shape;

namespace {

// The saved shapes, sorted (the order they are saved in is not promised).
std::vector<std::string> tokens(std::string_view saved) {
  std::vector<std::string> out;
  while (!saved.empty()) {
    size_t sp = saved.find(' ');
    if (sp != 0) out.emplace_back(saved.substr(0, sp));
    saved = sp == std::string_view::npos ? std::string_view() : saved.substr(sp + 1);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("url_shape: the news sites' article URLs") {
  CHECK(url_shape("https://vnexpress.net/gia-vang-tang-manh-4812345.html") == "slug-id.html");
  CHECK(url_shape("https://tuoitre.vn/abc-def-ghi-20261128123456789.htm") == "slug-id.htm");
  CHECK(url_shape("https://znews.vn/gia-xang-giam-post1612345.html") == "slug-id.html");
  CHECK(url_shape("https://example.com/2026/11/28/some-long-article-slug/") == "slug");
  CHECK(url_shape("https://example.com/2026/11/28/some-long-article-slug") == "slug");
  CHECK(url_shape("https://example.com/news/1234567") == "id");
  CHECK(url_shape("https://example.com/news/1234567/") == "id");
}

TEST_CASE("url_shape: sections, tags and pagers") {
  CHECK(url_shape("https://example.com/thoi-su/") == "word");
  CHECK(url_shape("https://example.com/tag/gia-vang") == "word");
  CHECK(url_shape("https://example.com/page/2") == "number");
  CHECK(url_shape("https://example.com/thoi-su/trang-3.html") == "word.html");
  CHECK(url_shape("https://example.com/") == "word");
  CHECK(url_shape("https://example.com") == "word");
}

TEST_CASE("url_shape: the depth, the fragment and the extension's case are not part of it") {
  const std::string shallow = url_shape("https://vnexpress.net/gia-vang-tang-manh-4812345.html");
  CHECK(url_shape("https://vnexpress.net/the-gioi/chau-a/gia-vang-tang-manh-4812345.html") == shallow);
  CHECK(url_shape("https://vnexpress.net/gia-vang-tang-manh-4812345.html#box_comment") == shallow);
  CHECK(url_shape("https://vnexpress.net/GIA-VANG-TANG-MANH-4812345.HTML") == shallow);
  // ... but .htm and .html are two shapes.
  CHECK(url_shape("https://vnexpress.net/gia-vang-tang-manh-4812345.htm") != shallow);
}

TEST_CASE("url_shape: the query's parameter names, sorted, without their values") {
  CHECK(url_shape("https://example.com/news.php?id=5&cat=2") == "word.php?cat&id");
  CHECK(url_shape("https://example.com/news.php?cat=3&id=9") == url_shape("https://example.com/news.php?id=5&cat=2"));
  CHECK(url_shape("https://example.com/news.php?id=5") == "word.php?id");
  CHECK(url_shape("https://example.com/news.php?id=5") != url_shape("https://example.com/news.php?cat=5"));
  CHECK(url_shape("https://example.com/a-b-c-1234.html?x=1&&y=2") == "slug-id.html?x&y");
}

TEST_CASE("url_shape: a slug in Vietnamese letters is a slug") {
  CHECK(url_shape("https://example.com/tin-tức-mới-nhất") == "slug");
  CHECK(url_shape("https://example.com/giá-vàng-tăng-4812345.html") == "slug-id.html");
}

TEST_CASE("url_shape: ArticleShapes accepts the learned shapes, refuses sections, tags and pagers") {
  ArticleShapes shapes;
  CHECK(shapes.empty());
  CHECK(shapes.learn("https://tinnhanh.example/thoi-su/gia-vang-tang-manh-4812345.html"));
  // The same shape again teaches nothing (the state's copy stays current).
  CHECK_FALSE(shapes.learn("https://tinnhanh.example/the-gioi/my-trung-dam-phan-4812399.html"));
  CHECK_FALSE(shapes.empty());
  CHECK(shapes.article("https://tinnhanh.example/kinh-te/chung-khoan-hom-nay-4812500.html"));
  CHECK(shapes.article("https://tinnhanh.example/a/b/c/hai-tu-99999.html"));
  CHECK_FALSE(shapes.article("https://tinnhanh.example/thoi-su/"));
  CHECK_FALSE(shapes.article("https://tinnhanh.example/tag/gia-vang"));
  CHECK_FALSE(shapes.article("https://tinnhanh.example/page/2"));
  CHECK_FALSE(shapes.article("https://tinnhanh.example/"));
  // Another shape than the site's articles: not taken, even though it would
  // look like an article to the fallback rules.
  CHECK(looks_like_article_url("https://tinnhanh.example/2026/11/28/bai-viet-dang-slug-dai/"));
  CHECK_FALSE(shapes.article("https://tinnhanh.example/2026/11/28/bai-viet-dang-slug-dai/"));
  CHECK_FALSE(shapes.article("https://tinnhanh.example/kinh-te/chung-khoan-hom-nay-4812500.htm"));
}

TEST_CASE("url_shape: nothing learned: a slug of four words or an id is an article") {
  CHECK(looks_like_article_url("https://example.com/gia-vang-tang-manh"));
  CHECK(looks_like_article_url("https://example.com/2026/11/28/some-long-article-slug/"));
  CHECK_FALSE(looks_like_article_url("https://example.com/gia-vang-tang"));
  CHECK_FALSE(looks_like_article_url("https://example.com/tin-moi"));
  CHECK_FALSE(looks_like_article_url("https://example.com/thoi-su/"));
  CHECK(looks_like_article_url("https://example.com/news/123456"));
  CHECK_FALSE(looks_like_article_url("https://example.com/news/12345"));
  CHECK_FALSE(looks_like_article_url("https://example.com/news/123"));
  CHECK_FALSE(looks_like_article_url("https://example.com/page/2"));
  // A number of four digits or more beside words.
  CHECK(looks_like_article_url("https://example.com/gia-vang-1234.html"));
  CHECK(looks_like_article_url("https://vnexpress.net/gia-vang-tang-manh-4812345.html"));
  CHECK_FALSE(looks_like_article_url("https://example.com/gia-vang-123.html"));
  CHECK_FALSE(looks_like_article_url("https://example.com/"));
  // An empty ArticleShapes decides by the same rules.
  ArticleShapes none;
  CHECK(none.article("https://example.com/gia-vang-tang-manh"));
  CHECK(none.article("https://example.com/news/123456"));
  CHECK_FALSE(none.article("https://example.com/tin-moi"));
  CHECK_FALSE(none.article("https://example.com/news/123"));
}

TEST_CASE("url_shape: a feed item that is a section or a pager teaches nothing") {
  ArticleShapes shapes;
  shapes.learn("https://tinnhanh.example/thoi-su/");
  shapes.learn("https://tinnhanh.example/tag/gia-vang");
  shapes.learn("https://tinnhanh.example/page/2");
  shapes.learn("https://tinnhanh.example/");
  CHECK(shapes.empty());
  CHECK(shapes.save() == "");
  // Learned alongside an article, the section still is not one.
  shapes.learn("https://tinnhanh.example/news/4812345");
  CHECK_FALSE(shapes.empty());
  CHECK(shapes.article("https://tinnhanh.example/news/4812999"));
  CHECK_FALSE(shapes.article("https://tinnhanh.example/the-gioi/"));
  CHECK_FALSE(shapes.article("https://tinnhanh.example/page/3"));
}

TEST_CASE("url_shape: save() and load() round-trip") {
  ArticleShapes shapes;
  shapes.learn("https://tinnhanh.example/thoi-su/gia-vang-tang-manh-4812345.html");
  shapes.learn("https://tinnhanh.example/news/4812345");
  shapes.learn("https://tinnhanh.example/2026/11/28/some-long-article-slug/");
  shapes.learn("https://tinnhanh.example/kinh-te/chung-khoan-hom-nay-4812500.html");  // a shape seen before
  const std::string saved = shapes.save();
  CHECK(tokens(saved) == std::vector<std::string>{"id", "slug", "slug-id.html"});
  ArticleShapes again;
  again.load(saved);
  CHECK_FALSE(again.empty());
  CHECK(again.save() == saved);
  for (const char* url : {"https://tinnhanh.example/a-b-c-d-1234567.html", "https://tinnhanh.example/x/7654321",
                          "https://tinnhanh.example/mot-hai-ba-bon/"})
    CHECK(again.article(url));
  CHECK_FALSE(again.article("https://tinnhanh.example/thoi-su/"));
  // Nothing saved loads as nothing; stray spaces are no shape.
  ArticleShapes empty;
  empty.load("");
  CHECK(empty.empty());
  empty.load("  id   slug ");
  CHECK(tokens(empty.save()) == std::vector<std::string>{"id", "slug"});
}

TEST_CASE("url_shape: at most 32 shapes are kept, learned or loaded") {
  ArticleShapes shapes;
  std::string many;
  for (int i = 0; i < 40; ++i) {
    const std::string url = "https://tinnhanh.example/bai-viet-moi-4812345.html?p" + std::to_string(i) + "=1";
    CHECK(url_shape(url) == "slug-id.html?p" + std::to_string(i));
    shapes.learn(url);
    many += "slug-id.html?p" + std::to_string(i) + " ";
  }
  CHECK(tokens(shapes.save()).size() == 32);
  // The first 32 learned stay; the rest were refused.
  CHECK(shapes.article("https://tinnhanh.example/khac-hon-nua-1111111.html?p0=9"));
  CHECK(shapes.article("https://tinnhanh.example/khac-hon-nua-1111111.html?p31=9"));
  CHECK_FALSE(shapes.article("https://tinnhanh.example/khac-hon-nua-1111111.html?p32=9"));
  CHECK_FALSE(shapes.article("https://tinnhanh.example/khac-hon-nua-1111111.html?p39=9"));
  ArticleShapes loaded;
  loaded.load(many);
  CHECK(tokens(loaded.save()).size() == 32);
}

// A regression test; before the fix (src/crawl/url_shape.cc:123, ArticleShapes::learn): the test
// for "a bare word" is a prefix test, so every shape that starts with
// "word" is refused, queries included. A site whose articles are
// /news.php?id=4812345 (the header's own example shape "word.php?id") or
// WordPress's /?p=123 ("word?p") never learns its article shape, and the
// fallback refuses such URLs too. Expected: learned, same-shape URLs
// accepted, the section page still refused; actual: empty() stays true and
// article() is false for every one.
TEST_CASE("url_shape: article shapes of a bare word with a query are learned") {
  ArticleShapes shapes;
  shapes.learn("https://tinnhanh.example/news.php?id=4812345");
  CHECK_FALSE(shapes.empty());
  CHECK(shapes.article("https://tinnhanh.example/news.php?id=4812346"));
  CHECK_FALSE(shapes.article("https://tinnhanh.example/category.php?cat=2"));
  CHECK_FALSE(shapes.article("https://tinnhanh.example/thoi-su/"));
  ArticleShapes wordpress;
  wordpress.learn("https://tinnhanh.example/?p=123");
  CHECK(wordpress.article("https://tinnhanh.example/?p=456"));
}
