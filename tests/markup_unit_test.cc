// Markdown, HTML and the JSON's links and images (winnow/markup.h): the
// shapes the renderer gives lines, escaping, URLs made absolute. The same
// outputs on real pages, parsed by cmark-gfm: tests/markup_test.py.
#include "winnow/markup.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "html/render.h"
#include "project_rules.h"
#include "winnow.h"
#include "winnow/internal.h"

namespace {

// A page the generic extractor takes as an article: enough prose around
// whatever `inside` holds.
std::string page(const std::string& inside, const std::string& head = "") {
  const std::string prose =
      "<p>The council agreed on Tuesday to widen the river path, which runs for three kilometres along the "
      "east bank, after a year of complaints from cyclists and walkers about the crowding at weekends.</p>";
  return "<!doctype html><html lang=\"en\"><head><title>River path</title>" + head +
         "<meta property=\"og:type\" content=\"article\"></head><body><article><h1>River path to be widened</h1>" +
         prose + inside + prose + "</article></body></html>";
}

winnow::Article clean_page(const std::string& html, const std::string& url = "https://news.test/city/river-path.html") {
  winnow::Document doc = winnow::load_document(html);
  winnow::CleanRequest request;
  request.url = url;
  return winnow::clean(project_rules(), doc, request);
}

std::vector<winnow::html::Line> lines_of(const std::string& html) {
  winnow::Document doc = winnow::load_document(html);
  winnow::html::RenderOptions ro;
  ro.image_alt = false;
  return winnow::html::render_lines(doc.parsed->page.tree, winnow::html::Tree::root(), {}, ro);
}

}  // namespace

TEST_CASE("render: each line knows its block: heading, paragraph, list item, row, code, quote") {
  auto lines = lines_of(
      "<h2>Sub</h2><p>Para<br>two</p><ol start=\"3\"><li>three</li><li>four<ul><li>inner</li></ul></li></ol>"
      "<table><thead><tr><th>A</th><th>B</th></tr></thead><tr><td>1</td><td>2</td></tr></table>"
      "<pre>x  = 1</pre><blockquote><p>Quoted</p></blockquote>");
  std::vector<std::pair<std::string, winnow::BlockKind>> got;
  for (const auto& l : lines)
    if (!l.text.empty()) got.push_back({l.text, l.shape.block});
  using winnow::BlockKind;
  REQUIRE(got.size() == 10);
  CHECK(got[0] == std::pair<std::string, BlockKind>{"Sub", BlockKind::kHeading});
  CHECK(got[1].second == BlockKind::kParagraph);
  CHECK(got[2].second == BlockKind::kParagraph);
  CHECK(got[3] == std::pair<std::string, BlockKind>{"three", BlockKind::kListItem});
  CHECK(got[7] == std::pair<std::string, BlockKind>{"1\t2", BlockKind::kTableRow});
  CHECK(got[8] == std::pair<std::string, BlockKind>{"x  = 1", BlockKind::kCode});
  CHECK(got[9].second == BlockKind::kParagraph);
  std::vector<const winnow::html::Line*> text;
  for (const auto& l : lines)
    if (!l.text.empty()) text.push_back(&l);
  CHECK(text[0]->shape.level == 2);
  CHECK(text[1]->shape.group == text[2]->shape.group);  // one <p> broken by <br>
  CHECK(text[3]->shape.ordered);
  CHECK(text[3]->shape.number == 3);
  CHECK(text[4]->shape.number == 4);
  CHECK(text[5]->shape.list_depth == 2);
  CHECK_FALSE(text[5]->shape.ordered);
  CHECK(text[6]->shape.header);
  CHECK_FALSE(text[7]->shape.header);
  CHECK(text[9]->shape.quote_depth == 1);
}

TEST_CASE("render: links are spans of the line's text; images wait for the next kept text") {
  auto lines = lines_of(
      "<p>See <a href=\"/a\">the <b>full</b> report</a>, and <a href=\"b.html\">this</a>.</p>"
      "<figure><img data-src=\"/big.jpg\" src=\"data:image/gif;base64,R0lG\" alt=\" A  river \">"
      "<figcaption>The river</figcaption></figure><p>Inline <img src=\"i.png\" alt=\"icon\"> here</p>");
  REQUIRE(lines.size() >= 3);
  const auto& first = lines[0];
  CHECK(first.text == "See the full report, and this.");
  REQUIRE(first.shape.links.size() == 2);
  CHECK(first.text.substr(first.shape.links[0].begin, first.shape.links[0].size) == "the full report");
  CHECK(first.shape.links[0].href == "/a");
  CHECK(first.text.substr(first.shape.links[1].begin, first.shape.links[1].size) == "this");
  const winnow::html::Line* caption = nullptr;
  const winnow::html::Line* inline_line = nullptr;
  for (const auto& l : lines) {
    if (l.text == "The river") caption = &l;
    if (l.text == "Inline here") inline_line = &l;
  }
  REQUIRE(caption != nullptr);
  REQUIRE(caption->shape.images.size() == 1);
  CHECK(caption->shape.images[0].alone);
  CHECK(caption->shape.images[0].src == "/big.jpg");  // the lazy image's real source
  CHECK(caption->shape.images[0].alt == "A river");
  REQUIRE(inline_line != nullptr);
  REQUIRE(inline_line->shape.images.size() == 1);
  CHECK_FALSE(inline_line->shape.images[0].alone);
  CHECK(inline_line->shape.images[0].at == 7);  // "Inline " then the image
}

TEST_CASE("markdown: the title, a subhead, lists, a table and a quote, with absolute links") {
  winnow::Article a = clean_page(page(
      "<h2>What changes</h2><p>The plan, set out in <a href=\"../docs/plan.pdf\">the council's paper</a> and "
      "agreed after two public meetings in the spring, comes in three parts over the next two years:</p>"
      "<ul><li>a wider path</li><li>new lights<ol><li>at the bridge</li><li>at the park</li></ol></li></ul>"
      "<table><tr><th>Year</th><th>Cost</th></tr><tr><td>2025</td><td>1.2m | est.</td></tr></table>"
      "<blockquote><p>It is long overdue, said a cyclist who rides it every day to work.</p></blockquote>"));
  const std::string md = winnow::to_markdown(a);
  CHECK(md.find("# River path to be widened\n") == 0);
  CHECK(md.find("\n## What changes\n") != std::string::npos);
  CHECK(md.find("[the council's paper](https://news.test/docs/plan.pdf)") != std::string::npos);
  CHECK(md.find("\n- a wider path\n- new lights\n  1. at the bridge\n  2. at the park\n") != std::string::npos);
  CHECK(md.find("\n| Year | Cost |\n| --- | --- |\n| 2025 | 1.2m \\| est. |\n") != std::string::npos);
  CHECK(md.find("\n> It is long overdue") != std::string::npos);

  const std::string html = winnow::to_html(a);
  CHECK(html.find("<h1>River path to be widened</h1>") != std::string::npos);
  CHECK(html.find("<h2>What changes</h2>") != std::string::npos);
  CHECK(html.find("<a href=\"https://news.test/docs/plan.pdf\">the council&#39;s paper</a>") == std::string::npos);
  CHECK(html.find("<a href=\"https://news.test/docs/plan.pdf\">the council's paper</a>") != std::string::npos);
  CHECK(html.find("<ul>\n<li>a wider path</li>\n<li>new lights<ol>\n<li value=\"1\">at the bridge</li>\n"
                  "<li value=\"2\">at the park</li>\n</ol>\n</li>\n</ul>\n") != std::string::npos);
  CHECK(html.find("<tr><th>Year</th><th>Cost</th></tr>") != std::string::npos);
  CHECK(html.find("<blockquote>\n<p>It is long overdue") != std::string::npos);

  auto links = winnow::article_links(a);
  REQUIRE(links.size() == 1);
  CHECK(links[0].text == "the council's paper");
  CHECK(links[0].href == "https://news.test/docs/plan.pdf");
}

TEST_CASE("markdown: text that reads as markup is escaped") {
  winnow::Article a;
  a.add_line("# not a heading", winnow::LineRole::kBody);
  a.add_line("", winnow::LineRole::kBlank);
  a.add_line("1. not a list, *not* emphasis, [not] a link, <b>not</b> html, a_b, &amp; kept", winnow::LineRole::kBody);
  a.add_line("", winnow::LineRole::kBlank);
  a.add_line("- nor this", winnow::LineRole::kBody);
  const std::string md = winnow::to_markdown(a);
  CHECK(md ==
        "\\# not a heading\n\n"
        "1\\. not a list, \\*not\\* emphasis, \\[not\\] a link, \\<b>not\\</b> html, a\\_b, \\&amp; kept\n\n"
        "\\- nor this\n");
}

TEST_CASE("markdown: code keeps its text in a fence longer than any backtick run in it") {
  winnow::Article a;
  winnow::LineShape code;
  code.block = winnow::BlockKind::kCode;
  code.item = 7;
  a.add_line("x = `y` + ```z```", winnow::LineRole::kBody, code);
  a.add_line("  *indented*", winnow::LineRole::kBody, code);
  CHECK(winnow::to_markdown(a) == "````\nx = `y` + ```z```\n  *indented*\n````\n");
  CHECK(winnow::to_html(a) == "<article>\n<pre><code>x = `y` + ```z```\n  *indented*</code></pre>\n</article>\n");
}

TEST_CASE("images: the caption they stand above, absolute src; javascript: links unlinked") {
  winnow::Article a = clean_page(page(
      "<figure><img src=\"/img/path.jpg\" alt=\"The path\"><figcaption>The path at dawn.</figcaption></figure>"
      "<p>Residents who live along the path can <a href=\"javascript:void(0)\">comment</a> on the plan until the "
      "end of the month, or read <a href=\"#notes\">the notes</a> the council has published with it.</p>",
      "<base href=\"https://cdn.news.test/base/\">"));
  auto images = winnow::article_images(a);
  REQUIRE(images.size() == 1);
  CHECK(images[0].src == "https://cdn.news.test/img/path.jpg");
  CHECK(images[0].alt == "The path");
  CHECK(images[0].caption == std::optional<std::string>("The path at dawn."));
  auto links = winnow::article_links(a);
  REQUIRE(links.size() == 1);  // the javascript: one is text only
  CHECK(links[0].href == "https://cdn.news.test/base/#notes");
  nlohmann::json j = nlohmann::json::parse(winnow::to_json(a));
  CHECK(j["images"][0]["caption"] == "The path at dawn.");
  CHECK(j["links"][0]["text"] == "the notes");
  const std::string md = winnow::to_markdown(a);
  CHECK(md.find("![The path](https://cdn.news.test/img/path.jpg)\n\n*The path at dawn.*\n") != std::string::npos);
  CHECK(winnow::to_html(a).find("<figure><img src=\"https://cdn.news.test/img/path.jpg\" alt=\"The path\">"
                                "<figcaption>The path at dawn.</figcaption></figure>") != std::string::npos);
}

TEST_CASE("markup: an article filled by a caller without shapes or roles still writes") {
  winnow::Article a;
  a.lines = {"First", "", "Second"};
  CHECK(winnow::to_markdown(a) == "First\n\nSecond\n");
  CHECK(winnow::to_html(a) == "<article>\n<p>First</p>\n<p>Second</p>\n</article>\n");
  CHECK(winnow::article_links(a).empty());
}
