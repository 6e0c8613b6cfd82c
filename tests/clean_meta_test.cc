// Cleaning's metadata and output: title, published, section, lead and
// byline, captions, whole-page mode, the URL, JSON and the text.
#include "extract/clean.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "clean_test_util.h"

TEST_CASE("clean: the title: the field, else JSON-LD headline, else og:title, else <title>") {
  const std::string ld = R"(<script type="application/ld+json">{"@type":"NewsArticle","headline":"LD headline"}</script>)";
  const std::string og = R"(<meta property="og:title" content="OG title">)";
  const std::string tag = "<title>Tag title</title>";
  const std::string body = R"(<div class="body"><p>Body.</p></div>)";

  Article field = clean(page(ld + og + tag, "<h1 class=\"title\">Field title</h1>" + body));
  CHECK(field.title == "Field title");

  Article from_ld = clean(page(ld + og + tag, body));
  CHECK(from_ld.title == "LD headline");
  CHECK(from_ld.warnings == Lines{title_field_warning()});
  CHECK(text_lines(from_ld) == Lines{"Body."});  // metadata is not article text

  Article from_og = clean(page(og + tag, body));
  CHECK(from_og.title == "OG title");

  Article from_tag = clean(page(tag, body));
  CHECK(from_tag.title == "Tag title");

  Article none = clean(page("", body));
  CHECK_FALSE(none.title.has_value());
}

TEST_CASE("clean: a title element that reads as the JSON-LD headline is the title field") {
  Article a = clean(page(R"(<script type="application/ld+json">{"@type":"NewsArticle","headline":"Unknown class title"}</script>)",
                         R"(<div class="post-heading">Unknown   class title</div><div class="body"><p>Body.</p></div>)"));
  CHECK(a.title == "Unknown class title");
  CHECK(text_lines(a) == Lines{"Unknown class title", "Body."});
  CHECK(a.warnings.empty());
}

TEST_CASE("clean: published") {
  const std::string body = R"(<h1 class="title">T</h1><div class="body"><p>Body.</p></div>)";
  const std::string ld_local =
      R"(<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-01T09:15:00"}</script>)";
  const std::string ld_offset =
      R"(<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-01T09:15:00+08:00"}</script>)";
  const std::string og = R"(<meta property="article:published_time" content="2024-01-20T07:30:00Z">)";

  SUBCASE("the dateline, read with the site's formats, in the site's zone") {
    Article a = clean(page("", "<div class=\"date\">Cập nhật 14:30 | 02/04/2024 GMT+7</div>" + body));
    CHECK(a.published == "2024-04-02T14:30:00+07:00");
  }
  SUBCASE("what the page declares comes before its dateline (docs/generic-extractor.md, Dates)") {
    Article a = clean(page(ld_offset + og, "<div class=\"date\">Cập nhật 14:30 | 02/04/2024 GMT+7</div>" + body));
    CHECK(a.published == "2024-01-20T07:30:00+00:00");
    Article b = clean(page(ld_offset, "<div class=\"date\">Cập nhật 14:30 | 02/04/2024 GMT+7</div>" + body));
    CHECK(b.published == "2024-03-01T09:15:00+08:00");
  }
  SUBCASE("a dateline no site format reads, read as any dateline, in the site's zone") {
    Article a = clean(page("", "<div class=\"date\">Thứ ba, ngày 2 tháng 4 năm 2024</div>" + body));
    CHECK(a.published == "2024-04-02T00:00:00+07:00");
  }
  SUBCASE("the first format that matches wins") {
    // "%H:%M | %d/%m/%Y" does not match; "%d/%m/%Y" does (the time is lost).
    Article a = clean(page("", "<div class=\"date\">13/11/2023 11:24</div>" + body));
    CHECK(a.published == "2023-11-13T00:00:00+07:00");
  }
  SUBCASE("JSON-LD datePublished without an offset gets the site's") {
    Article a = clean(page(ld_local, body));
    CHECK(a.published == "2024-03-01T09:15:00+07:00");
  }
  SUBCASE("JSON-LD datePublished keeps its own offset") {
    Article a = clean(page(ld_offset, body));
    CHECK(a.published == "2024-03-01T09:15:00+08:00");
  }
  SUBCASE("a dateline that no format reads falls back to JSON-LD") {
    Article a = clean(page(ld_local, "<div class=\"date\">Hôm qua</div>" + body));
    CHECK(a.published == "2024-03-01T09:15:00+07:00");
  }
  SUBCASE("article:published_time") {
    Article a = clean(page(og, body));
    CHECK(a.published == "2024-01-20T07:30:00+00:00");
  }
  SUBCASE("an unreadable JSON-LD date falls back to the meta tag") {
    Article a = clean(page(R"(<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"hôm qua"}</script>)" + og, body));
    CHECK(a.published == "2024-01-20T07:30:00+00:00");
  }
  SUBCASE("none") {
    Article a = clean(page("", "<div class=\"date\">31/02/2024</div>" + body));
    CHECK_FALSE(a.published.has_value());
  }
}

TEST_CASE("clean: section") {
  const std::string body = R"(<h1 class="title">T</h1><div class="body"><p>Body.</p></div>)";
  SUBCASE("the breadcrumb minus section_skip, de-duplicated, even though it is dropped") {
    Article a = clean(page("", R"(<ul class="breadcrumb"><li><a>Trang chủ</a></li><li><a> Thế giới </a></li>
<li><a>Thế giới</a></li><li><a>Châu Á</a></li><li><a></a></li></ul>)" + body));
    REQUIRE(a.section.has_value());
    CHECK(*a.section == Lines{"Thế giới", "Châu Á"});
    CHECK(text_lines(a) == Lines{"T", "Body."});
  }
  SUBCASE("only the home entry: null") {
    Article a = clean(page("", R"(<ul class="breadcrumb"><li><a>Trang chủ</a></li></ul>)" + body));
    CHECK_FALSE(a.section.has_value());
  }
  SUBCASE("a hidden breadcrumb does not count") {
    Article a = clean(page("", R"(<ul class="breadcrumb" hidden><li><a>Thế giới</a></li></ul>)" + body));
    CHECK_FALSE(a.section.has_value());
  }
  SUBCASE("no breadcrumb: JSON-LD BreadcrumbList minus home and the article itself") {
    Article a = clean(page(R"(<script type="application/ld+json">{"@type":"BreadcrumbList","itemListElement":[
{"@type":"ListItem","position":3,"name":"T"},
{"@type":"ListItem","position":1,"name":"Trang chủ"},
{"@type":"ListItem","position":2,"name":"Kinh tế"}]}</script>)",
                           body));
    REQUIRE(a.section.has_value());
    CHECK(*a.section == Lines{"Kinh tế"});
  }
  SUBCASE("none: null") {
    Article a = clean(page("", body));
    CHECK_FALSE(a.section.has_value());
  }
}

TEST_CASE("clean: lead and byline are null when absent") {
  Article a = clean(page("", R"(<h1 class="title">T</h1><div class="body"><p>Body.</p></div>)"));
  CHECK_FALSE(a.lead.has_value());
  CHECK_FALSE(a.byline.has_value());
  CHECK_FALSE(a.published.has_value());
  CHECK(a.title == "T");
  CHECK(a.warnings.empty());
  std::string j = winnow::to_json(a);
  CHECK(j.find("\"lead\":null,\"byline\":null") != std::string::npos);
}

TEST_CASE("clean: captions are not paragraphs") {
  Article a = clean(page("", R"(<h1 class="title">T</h1><div class="body">
<p>Para one.</p>
<figure><img src="a.jpg" alt="not text"><figcaption>Caption one</figcaption></figure>
<p>Para two.</p>
<figure><figcaption><em>Caption</em> two</figcaption></figure>
</div>
<figure><figcaption>Outside the body</figcaption></figure>)"));
  CHECK(a.paragraphs == Lines{"Para one.", "Para two."});
  CHECK(a.captions == Lines{"Caption one", "Caption two"});
  CHECK(text_lines(a) == Lines{"T", "Para one.", "Caption one", "Para two.", "Caption two"});
  // The title is neither.
  nlohmann::json j = nlohmann::json::parse(winnow::to_json(a));
  CHECK(j["paragraphs"] == nlohmann::json(Lines{"Para one.", "Para two."}));
  CHECK(j["captions"] == nlohmann::json(Lines{"Caption one", "Caption two"}));
}

TEST_CASE("clean: whole-page mode keeps everything that is not dropped") {
  Article a = clean(article_page(), kUrl, /*whole_page=*/true);
  CHECK(text_lines(a) == Lines{"Sidebar story", "The headline", "14:30 | 02/04/2024 GMT+7", "The lead paragraph.",
                               "First paragraph.", "Second paragraph.", "A caption", "Đọc thêm về chuyện này.",
                               "Third paragraph.", "Minh Anh"});
  // The fields still give the metadata.
  CHECK(a.title == "The headline");
  CHECK(a.published == "2024-04-02T14:30:00+07:00");
  CHECK(a.site == "site");
  CHECK(a.warnings.empty());
}

TEST_CASE("clean: a host no rule file serves, a page too slight for the generic extractor: generic drops, whole page") {
  // Every paragraph of this page is a few words: nothing reads like an
  // article, so the page minus the site-independent drops comes out. (The
  // page gives no sign of its type: typed an article, its content would be
  // looked for as a service page's, [generic.types.article] fallback;
  // this test is the article's path, so the type is forced.)
  Document doc = winnow::load_document(article_page());
  CleanRequest req;
  req.url = "https://other.test/x.html";
  req.page_type = winnow::PageType::kArticle;
  Article a = winnow::clean(rules().lib, doc, req);
  CHECK(a.url == "https://other.test/x.html");
  CHECK(a.site == "");
  CHECK(a.extractor == "generic");
  CHECK(a.rules_path == rules().generic_path);
  CHECK(a.warnings == Lines{"no rule file serves other.test: no article-like text for the generic extractor; "
                            "cleaned whole-page with the site-independent drops only (" + rules().generic_path + ")"});
  // Generic drops only: the site's related box, line patterns and comment range stay.
  CHECK(text_lines(a) == Lines{"Sidebar story", "The headline", "14:30 | 02/04/2024 GMT+7", "The lead paragraph.",
                               "First paragraph.", "Related one", "Related two", "Second paragraph.", "A caption",
                               "Đọc thêm", "Đọc thêm về chuyện này.", "Share this", "Third paragraph.",
                               "Minh Anh"});
  CHECK(a.title == "Tag title");  // no fields: the <title>
  // No dateline field: the visible dateline next to the headline, with the
  // offset it states (extract/dates.h).
  CHECK(a.published == "2024-04-02T14:30:00+07:00");
  CHECK_FALSE(a.section.has_value());
  nlohmann::json j = nlohmann::json::parse(winnow::to_json(a));
  CHECK(j["site"].is_null());
  CHECK(j["rules"] == rules().generic_path);
}

TEST_CASE("clean: the URL: the request's, else the page's canonical, else og:url, else a warning") {
  const std::string body = R"(<h1 class="title">T</h1><div class="body"><p>Body.</p></div>)";
  SUBCASE("canonical") {
    Article a = clean(article_page(), "");
    CHECK(a.url == kUrl);
    CHECK(a.site == "site");
    CHECK(a.warnings.empty());
  }
  SUBCASE("og:url") {
    Article a = clean(page(R"(<meta property="og:url" content="https://www.news.test/og-7.html">)", body), "");
    CHECK(a.url == "https://www.news.test/og-7.html");
    CHECK(a.site == "site");
  }
  SUBCASE("the request's URL wins over the page's") {
    Article a = clean(article_page(), "https://other.test/y-1.html");
    CHECK(a.url == "https://other.test/y-1.html");
    CHECK(a.site == "");
  }
  SUBCASE("none: whole page with a warning") {
    Article a = clean(page("<title>No URL</title>", body), "");
    CHECK(a.url == "");
    CHECK(a.site == "");
    CHECK(a.warnings == Lines{"page has no URL (give --url): no article-like text for the generic extractor; "
                              "cleaned whole-page with the site-independent drops only (" + rules().generic_path + ")"});
    CHECK(text_lines(a) == Lines{"T", "Body."});
    nlohmann::json j = nlohmann::json::parse(winnow::to_json(a));
    CHECK(j["url"].is_null());
  }
  SUBCASE("a URL off the site's article pattern is warned about") {
    Article a = clean(page("", body), "https://news.test/the-gioi/");
    CHECK(a.site == "site");
    CHECK(a.warnings == Lines{"URL https://news.test/the-gioi/ does not match site's article pattern: it may not be "
                              "an article page"});
    CHECK(text_lines(a) == Lines{"T", "Body."});
  }
}

TEST_CASE("to_json: one line, keys in order, nulls for what is absent") {
  Article a = clean(article_page());
  std::string j = winnow::to_json(a);
  CHECK(j.find('\n') == std::string::npos);
  CHECK(j.front() == '{');
  CHECK(j.back() == '}');
  nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(j);
  std::vector<std::string> keys;
  for (auto it = parsed.begin(); it != parsed.end(); ++it) keys.push_back(it.key());
  CHECK(keys == Lines{"url", "site", "title", "published", "modified", "section", "lead", "byline", "authors", "description",
                      "image", "site_name", "tags", "language", "page_type", "text", "paragraphs", "captions",
                      "links", "images", "extractor", "rules", "warnings"});
  CHECK(parsed["extractor"] == "rules");
  CHECK(parsed["page_type"] == "article");  // a rule file's page
  CHECK(parsed["url"] == kUrl);
  CHECK(parsed["site"] == "site");
  CHECK(parsed["title"] == "The headline");
  CHECK(parsed["published"] == "2024-04-02T14:30:00+07:00");
  CHECK(parsed["section"] == nlohmann::ordered_json(Lines{"Thế giới", "Châu Á"}));
  CHECK(parsed["lead"] == "The lead paragraph.");
  CHECK(parsed["byline"] == "Minh Anh");
  // The text without its final newline.
  std::string text = a.text();
  text.pop_back();
  CHECK(parsed["text"] == text);
  CHECK(parsed["rules"] == rules().site_path);
  CHECK(parsed["warnings"] == nlohmann::ordered_json::array());

  Article empty;
  CHECK(winnow::to_json(empty) ==
        "{\"url\":null,\"site\":null,\"title\":null,\"published\":null,\"modified\":null,\"section\":null,\"lead\":null,"
        "\"byline\":null,\"authors\":[],\"description\":null,\"image\":null,\"site_name\":null,\"tags\":[],"
        "\"language\":null,\"page_type\":\"article\",\"text\":\"\",\"paragraphs\":[],\"captions\":[],\"links\":[],"
        "\"images\":[],\"extractor\":\"rules\",\"rules\":null,"
        "\"warnings\":[]}");
}

TEST_CASE("Article::text: lines joined, one final newline, empty when nothing is kept") {
  Article a;
  CHECK(a.text() == "");
  a.lines = {"one", "", "two"};
  CHECK(a.text() == "one\n\ntwo\n");
  // A page whose fields all miss keeps nothing.
  Article none = clean(page("", "<p>Not a field.</p>"));
  CHECK(none.lines.empty());
  CHECK(none.text() == "");
}
