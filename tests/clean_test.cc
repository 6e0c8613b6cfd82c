// Cleaning: small pages and a small rule set written in the test, through
// the library's public calls (load_document, clean, to_json).
#include "extract/clean.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <unistd.h>

#include "winnow.h"

namespace fs = std::filesystem;
using winnow::Article;
using winnow::CleanRequest;
using winnow::Document;
using winnow::RuleError;
using winnow::RuleLibrary;

namespace {

using Lines = std::vector<std::string>;

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = fs::temp_directory_path() /
            ("winnow-clean-test-" + std::to_string(::getpid()) + "-" + std::to_string(stamp) + "-" +
             std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream out(path_ / name, std::ios::binary);
    out << text;
    return (path_ / name).string();
  }
  std::string dir() const { return path_.string(); }

 private:
  fs::path path_;
};

constexpr const char* kGeneric = R"(
[drop.navigation]
selectors = ["nav", "ul.breadcrumb", "footer"]

[drop.ads]
selectors = ["div.ad", "span.ad"]
)";

constexpr const char* kSite = R"(extends = "generic"
hosts = ["news.test", "www.news.test"]
article_url = '^https://(www\.)?news\.test/[a-z0-9-]+-\d+\.html$'
section_skip = ["Trang chủ"]

[dates]
utc_offset = "+07:00"
formats = ["%H:%M | %d/%m/%Y", "%d/%m/%Y"]

[fields]
title = ["h1.title", "h1"]
dateline = ["div.date"]
lead = ["div.sapo", "p.lead"]
body = ["div.body"]
byline = ["p.author"]

[meta]
section = ["ul.breadcrumb li a"]
caption = ["figcaption"]

[drop.related]
selectors = ["div.related"]
lines = ['Đọc thêm', 'Xem thêm:.*']

[drop.share]
between = [['^\s*googleoff:\s*all\s*$', '^\s*googleon:\s*all\s*$']]
)";

constexpr const char* kUrl = "https://news.test/bai-viet-123.html";

// The generic extractor's tables as the project ships them (the [generic.*]
// part of rules/generic.toml), for the test's own generic.toml.
std::string project_generic_tables() {
  std::ifstream in(std::string(WINNOW_SOURCE_DIR) + "/rules/generic.toml", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t at = text.find("\n[generic.");
  REQUIRE(at != std::string::npos);
  return text.substr(at);
}

// The test rules, written once into a temp dir and loaded.
struct Rules {
  TempDir tmp;
  RuleLibrary lib;
  std::string generic_path, site_path;
  Rules() {
    generic_path = tmp.write("generic.toml", kGeneric + project_generic_tables());
    site_path = tmp.write("site.toml", kSite);
    RuleError err;
    bool ok = winnow::load_rules(tmp.dir(), &lib, &err);
    INFO(err.to_string());
    REQUIRE(ok);
  }
};

const Rules& rules() {
  static Rules r;
  return r;
}

std::string page(const std::string& head, const std::string& body) {
  return "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + head + "</head><body>" + body +
         "</body></html>";
}

Article clean(const std::string& html, const std::string& url = kUrl, bool whole_page = false,
              bool include_hidden = false) {
  Document doc = winnow::load_document(html);
  CleanRequest req;
  req.url = url;
  req.whole_page = whole_page;
  req.include_hidden = include_hidden;
  return winnow::clean(rules().lib, doc, req);
}

// The article's non-blank lines.
Lines text_lines(const Article& a) {
  Lines out;
  for (const std::string& l : a.lines)
    if (!l.empty()) out.push_back(l);
  return out;
}

std::string title_field_warning() {
  return "field 'title' matched nothing (" + rules().site_path + "): the site's template may have changed";
}

// A full article page of the test site.
const char* kArticleBody = R"(
<nav><a href="/">Trang chủ</a><a href="/the-gioi">Thế giới</a></nav>
<ul class="breadcrumb"><li><a>Trang chủ</a></li><li><a>Thế giới</a></li><li><a>Châu Á</a></li><li><a>Thế giới</a></li></ul>
<div class="sidebar"><p>Sidebar story</p></div>
<h1 class="title">The headline</h1>
<div class="date">14:30 | 02/04/2024 GMT+7</div>
<div class="sapo">The lead paragraph.</div>
<div class="body">
<p>First paragraph.</p>
<div class="related"><p>Related one</p><p>Related two</p></div>
<p>Second <span class="ad">BUY NOW</span> paragraph.</p>
<figure><img src="x.jpg" alt="alt text"><figcaption>A caption</figcaption></figure>
<p>Đọc thêm</p>
<p>Đọc thêm về chuyện này.</p>
<!--googleoff: all--><p>Share this</p><!--googleon: all-->
<p>Third paragraph.</p>
<p class="author">Minh Anh</p>
</div>
<footer><p>Footer text</p></footer>
)";

std::string article_page() {
  return page("<title>Tag title</title><link rel=\"canonical\" href=\"https://news.test/bai-viet-123.html\">",
              kArticleBody);
}

}  // namespace

TEST_CASE("clean: an article page: kept fields in page order, minus every drop") {
  Article a = clean(article_page());
  CHECK(a.text() ==
        "The headline\n"
        "\n"
        "14:30 | 02/04/2024 GMT+7\n"
        "The lead paragraph.\n"
        "\n"
        "First paragraph.\n"
        "\n"
        "Second paragraph.\n"
        "\n"
        "A caption\n"
        "\n"
        "Đọc thêm về chuyện này.\n"
        "\n"
        "Third paragraph.\n"
        "\n"
        "Minh Anh\n");
  CHECK(a.url == kUrl);
  CHECK(a.site == "site");
  CHECK(a.rules_path == rules().site_path);
  CHECK(a.title == "The headline");
  CHECK(a.published == "2024-04-02T14:30:00+07:00");
  REQUIRE(a.section.has_value());
  CHECK(*a.section == Lines{"Thế giới", "Châu Á"});
  CHECK(a.lead == "The lead paragraph.");
  CHECK(a.byline == "Minh Anh");
  CHECK(a.paragraphs == Lines{"First paragraph.", "Second paragraph.", "Đọc thêm về chuyện này.", "Third paragraph."});
  CHECK(a.captions == Lines{"A caption"});
  CHECK(a.warnings.empty());
}

TEST_CASE("clean: the article's lines follow the page, not the order of the rules") {
  // Byline and lead above the title, dateline below the body.
  Article a = clean(page("", R"(
<p class="author">By Someone</p>
<div class="sapo">Lead first.</div>
<h1 class="title">Title second</h1>
<div class="body"><p>Body third.</p></div>
<div class="date">02/04/2024</div>
<p>Not a field.</p>)"));
  CHECK(text_lines(a) == Lines{"By Someone", "Lead first.", "Title second", "Body third.", "02/04/2024"});
  CHECK(a.byline == "By Someone");
  CHECK(a.published == "2024-04-02T00:00:00+07:00");
}

TEST_CASE("clean: a drop inside a kept field removes its lines, and is reported") {
  Article a = clean(page("", R"(
<h1 class="title">T</h1>
<div class="body"><p>Kept 1</p><div class="related"><p>Rel 1</p><p>Rel 2</p></div><p>Kept 2</p>
<div class="ad">Ad line</div></div>)"));
  CHECK(text_lines(a) == Lines{"T", "Kept 1", "Kept 2"});
  REQUIRE(a.removals.size() == 2);
  CHECK(a.removals[0].kind == "related");
  CHECK(a.removals[0].how == "selector");
  CHECK(a.removals[0].rule == "div.related");
  CHECK(a.removals[0].where.file == rules().site_path);
  CHECK(a.removals[0].where.line == 22);
  CHECK(a.removals[0].excerpt == "Rel 1Rel 2");
  CHECK(a.removals[1].kind == "ads");
  CHECK(a.removals[1].rule == "div.ad");
  CHECK(a.removals[1].where.file == rules().generic_path);
  CHECK(a.removals[1].where.line == 6);
}

TEST_CASE("clean: a line mixing kept and dropped inline text keeps the kept words") {
  Article a = clean(page("", R"(
<h1 class="title">T</h1>
<div class="body"><p>Giá vàng <span class="ad">QUẢNG CÁO</span> tăng mạnh <span class="ad">X</span>hôm nay.</p></div>)"));
  CHECK(text_lines(a) == Lines{"T", "Giá vàng tăng mạnh hôm nay."});
  CHECK(a.paragraphs == Lines{"Giá vàng tăng mạnh hôm nay."});
}

TEST_CASE("clean: line patterns remove whole lines only") {
  Article a = clean(page("", R"(
<h1 class="title">T</h1>
<div class="body">
<p>Đọc thêm</p>
<p>Đọc thêm về vụ việc ở đây.</p>
<p>Bạn nên Đọc thêm</p>
<p>Xem thêm: bài khác</p>
<p>Tin này. Xem thêm: bài khác</p>
<p>  Đọc   thêm  </p>
</div>)"));
  // Full matches (after whitespace collapses) go; lines that merely contain a pattern stay.
  CHECK(text_lines(a) == Lines{"T", "Đọc thêm về vụ việc ở đây.", "Bạn nên Đọc thêm", "Tin này. Xem thêm: bài khác"});
  int line_removals = 0;
  for (const auto& r : a.removals)
    if (r.how == "line") {
      ++line_removals;
      CHECK(r.kind == "related");
      CHECK(r.where.file == rules().site_path);
    }
  CHECK(line_removals == 3);
}

TEST_CASE("clean: line patterns spare the page's title and lead") {
  // A title or lead that reads exactly like a pattern is the article's own.
  Article a = clean(page("", R"(
<h1 class="title">Weather today</h1>
<div class="sapo">Xem thêm: phần hai của loạt bài</div>
<div class="body"><p>Body.</p><p>Đọc thêm</p><p>Xem thêm: phần hai của loạt bài</p></div>)"));
  CHECK(text_lines(a) == Lines{"Weather today", "Xem thêm: phần hai của loạt bài", "Body."});
  CHECK(a.title == "Weather today");
  CHECK(a.lead == "Xem thêm: phần hai của loạt bài");
}

TEST_CASE("clean: a pattern that matches the title is not applied inside the kept fields") {
  // The article is about what the pattern describes (a weather article among
  // weather teasers): its own lines that match stay; other patterns still
  // apply; outside the kept fields (whole-page mode) the pattern still does.
  const std::string html = page("", R"(
<div class="sidebar"><p>Đọc thêm</p><p>Xem thêm: tin khác</p></div>
<h1 class="title">Đọc thêm</h1>
<div class="body"><p>Body.</p><p>Đọc thêm</p><p>Xem thêm: phần hai</p></div>)");
  Article a = clean(html);
  CHECK(text_lines(a) == Lines{"Đọc thêm", "Body.", "Đọc thêm"});
  CHECK(a.title == "Đọc thêm");
  CHECK(a.paragraphs == Lines{"Body.", "Đọc thêm"});

  Article w = clean(html, kUrl, /*whole_page=*/true);
  CHECK(text_lines(w) == Lines{"Đọc thêm", "Body.", "Đọc thêm"});  // the sidebar's lines go
}

TEST_CASE("clean: between-comment ranges") {
  SUBCASE("a range of whole elements") {
    Article a = clean(page("", R"(<h1 class="title">T</h1><div class="body"><p>A</p>
<!--googleoff: all--><p>B</p><div><p>C</p></div><!--googleon: all--><p>D</p></div>)"));
    CHECK(text_lines(a) == Lines{"T", "A", "D"});
    bool reported = false;
    for (const auto& r : a.removals)
      if (r.how == "between" && r.kind == "share") reported = true;
    CHECK(reported);
  }
  SUBCASE("a range that ends inside an element") {
    Article a = clean(page("", R"(<h1 class="title">T</h1><div class="body"><p>A</p>
<!--googleoff: all--><p>B</p><div><p>C</p><!--googleon: all--><p>D</p></div><p>E</p></div>)"));
    CHECK(text_lines(a) == Lines{"T", "A", "D", "E"});
  }
  SUBCASE("a range that starts inside an element") {
    Article a = clean(page("", R"(<h1 class="title">T</h1><div class="body"><div><p>A</p>
<!--googleoff: all--><p>B</p></div><p>C</p><!--googleon: all--><p>D</p></div>)"));
    CHECK(text_lines(a) == Lines{"T", "A", "D"});
  }
  SUBCASE("a range inside one line") {
    Article a = clean(page("", R"(<h1 class="title">T</h1><div class="body">
<p>A <!-- googleoff: all -->inline B<!-- googleon: all --> tail</p></div>)"));
    CHECK(text_lines(a) == Lines{"T", "A tail"});
  }
  SUBCASE("two ranges") {
    Article a = clean(page("", R"(<h1 class="title">T</h1><div class="body"><p>A</p>
<!--googleoff: all--><p>B</p><!--googleon: all--><p>C</p><!--googleoff: all--><p>D</p><!--googleon: all-->
<p>E</p></div>)"));
    CHECK(text_lines(a) == Lines{"T", "A", "C", "E"});
  }
  SUBCASE("a range that never closes removes nothing") {
    Article a = clean(page("", R"(<h1 class="title">T</h1><div class="body"><p>A</p>
<!--googleoff: all--><p>B</p></div>)"));
    CHECK(text_lines(a) == Lines{"T", "A", "B"});
  }
  SUBCASE("other comments do not open a range") {
    Article a = clean(page("", R"(<h1 class="title">T</h1><div class="body"><p>A</p>
<!-- googleoff: index --><p>B</p><!--googleon: all--><p>C</p></div>)"));
    CHECK(text_lines(a) == Lines{"T", "A", "B", "C"});
  }
}

TEST_CASE("clean: hidden elements are not taken as fields") {
  const std::string html = page("", R"(
<h1 class="title" hidden>Hidden title</h1>
<h1 class="title" style="display: none">Undisplayed title</h1>
<h1>Visible title</h1>
<div class="sapo" style="visibility:hidden">Hidden lead</div>
<p class="lead">Visible lead</p>
<div class="body"><p>Body.</p></div>)");
  Article a = clean(html);
  CHECK(text_lines(a) == Lines{"Visible title", "Visible lead", "Body."});
  CHECK(a.title == "Visible title");
  CHECK(a.lead == "Visible lead");
  // Laid out with what the page hides, the first candidates are taken.
  Article h = clean(html, kUrl, false, /*include_hidden=*/true);
  CHECK(h.title == "Hidden title");
  CHECK(h.lead == "Hidden lead");
}

TEST_CASE("clean: a candidate with no text, or inside a drop, is skipped for the next") {
  Article a = clean(page("", R"(
<div class="ad"><h1 class="title">Ad title</h1></div>
<h1 class="title">   </h1>
<h1>Real title</h1>
<div class="sapo"> &nbsp; <img src="x.jpg" alt="alt only"></div>
<p class="lead">Real lead</p>
<div class="body"><p>Body.</p></div>)"));
  CHECK(text_lines(a) == Lines{"Real title", "Real lead", "Body."});
  CHECK(a.title == "Real title");
  CHECK(a.lead == "Real lead");
}

// Regression (fixed): a candidate whose only text is hidden, or lies inside a drop, counts as
// "having text": it is taken as the field, renders nothing, and the next
// selector's match (the real lead) is never tried. clean.h: "the first
// selector that matches a rendered element outside every drop gives the
// field"; clean.cc: "A field is visible, outside every drop, and has text."
TEST_CASE("clean: a candidate whose text is all hidden or dropped is skipped") {
  for (const char* inner : {"<span style=\"display:none\">hidden words</span>", "<div class=\"ad\">Ad words</div>"}) {
    CAPTURE(inner);
    Article a = clean(page("", std::string("<h1 class=\"title\">T</h1><div class=\"sapo\">") + inner +
                                   "</div><p class=\"lead\">Real lead</p><div class=\"body\"><p>B</p></div>"));
    CHECK(a.lead == "Real lead");
    CHECK(text_lines(a) == Lines{"T", "Real lead", "B"});
  }
}

TEST_CASE("clean: a missing field is reported with its rejected candidates") {
  Article a = clean(page("", R"(<div class="ad"><h1>Only h1, in an ad</h1></div><div class="body"><p>B</p></div>)"));
  CHECK_FALSE(a.title.has_value());
  CHECK(a.warnings == Lines{title_field_warning()});
  bool rejected = false;
  for (const auto& f : a.fields)
    if (f.field == "title" && f.rejected.find("inside a drop: ads div.ad") == 0) rejected = true;
  CHECK(rejected);
}

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
    Article a = clean(page(ld_offset + og, "<div class=\"date\">Cập nhật 14:30 | 02/04/2024 GMT+7</div>" + body));
    CHECK(a.published == "2024-04-02T14:30:00+07:00");
  }
  SUBCASE("the first format that matches wins") {
    // "%H:%M | %d/%m/%Y" does not match; "%d/%m/%Y" does (the time is lost).
    Article a = clean(page("", "<div class=\"date\">13/11/2023 11:24</div>" + body));
    CHECK(a.published == "2023-11-13T00:00:00+07:00");
  }
  SUBCASE("JSON-LD datePublished without an offset gets the site's") {
    Article a = clean(page(ld_local + og, body));
    CHECK(a.published == "2024-03-01T09:15:00+07:00");
  }
  SUBCASE("JSON-LD datePublished keeps its own offset") {
    Article a = clean(page(ld_offset + og, body));
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
  // article, so the page minus the site-independent drops comes out.
  Article a = clean(article_page(), "https://other.test/x.html");
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
  CHECK_FALSE(a.published.has_value());
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
  CHECK(keys == Lines{"url", "site", "title", "published", "section", "lead", "byline", "text", "paragraphs",
                      "captions", "extractor", "rules", "warnings"});
  CHECK(parsed["extractor"] == "rules");
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
        "{\"url\":null,\"site\":null,\"title\":null,\"published\":null,\"section\":null,\"lead\":null,"
        "\"byline\":null,\"text\":\"\",\"paragraphs\":[],\"captions\":[],\"extractor\":\"rules\",\"rules\":null,"
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
