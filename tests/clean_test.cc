// Cleaning: small pages and a small rule set written in the test, through
// the library's public calls (load_document, clean, to_json).
#include "extract/clean.h"

#include <doctest/doctest.h>

#include <string>

#include "clean_test_util.h"

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
