// One article shape on both paths (winnow/article.h: LineRole): the
// generic extractor's step 6 finds the dateline, title, lead and byline
// around the body and step 7 lays them out where the page shows them,
// captions stand where their images stand, and the JSON has the same keys
// as the rules path's.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "winnow.h"
#include "generic_test_pages.h"
#include "lines_printer.h"
#include "project_rules.h"

namespace {

using Lines = std::vector<std::string>;
using winnow::LineRole;

const std::string kTitle = "River path to be widened";
const std::string kLead = "The council says yes to a wider river path, after eleven years of plans and talks.";
const std::string kCaption = "The path today, seen from the old bridge.";

// A news page: `head` goes in <head> beside the title tags, `top` between
// the <h1> and the article's body, `body` is the body's own markup.
std::string page(const std::string& head, const std::string& top, const std::string& body) {
  return "<!doctype html><html lang=\"en\"><head><title>" + kTitle + " | The Daily</title>" + head +
         "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"" + kTitle +
         "\",\"author\":{\"@type\":\"Person\",\"name\":\"Ann Lee\"}}</script></head><body>"
         "<nav><ul><li><a href=\"/city\">City</a></li><li><a href=\"/sport\">Sport</a></li></ul></nav>"
         "<main><article><header class=\"article-head\"><p class=\"time\">Updated 9:30 am CET, March 1, 2024</p>"
         "<h1>" + kTitle + "</h1>" + top + "</header><div class=\"article-body\">" + body +
         "</div></article></main><footer><p>Copyright 2024 The Daily. All rights reserved.</p></footer>"
         "</body></html>";
}

std::string body3() { return "<p>" + kP1 + "</p><p>" + kP2 + "</p><p>" + kP3 + "</p>"; }

// As an article: these pages test the article's shape, and some give no
// sign of their type (a signless page may be looked for as another type's).
winnow::Article generic(const std::string& html) {
  winnow::CleanRequest request;
  request.generic = true;
  request.page_type = winnow::PageType::kArticle;
  return winnow::clean(project_rules(), winnow::load_document(html), request);
}

// The lines of one role, in order.
Lines lines_with(const winnow::Article& a, LineRole role) {
  Lines out;
  for (size_t i = 0; i < a.lines.size(); ++i)
    if (a.line_roles[i] == role) out.push_back(a.lines[i]);
  return out;
}

}  // namespace

TEST_CASE("shape: dateline, title, then the body, a blank line between paragraphs as the page sets them") {
  winnow::Article a = generic(page("", "", body3()));
  CHECK(a.lines == Lines{"Updated 9:30 am CET, March 1, 2024", "", kTitle, "", kP1, "", kP2, "", kP3});
  REQUIRE(a.line_roles.size() == a.lines.size());
  CHECK(a.line_roles[0] == LineRole::kDateline);
  CHECK(a.line_roles[1] == LineRole::kBlank);
  CHECK(a.line_roles[2] == LineRole::kTitle);
  CHECK(a.paragraphs == Lines{kP1, kP2, kP3});
  // The body alone (what a benchmark's articleBody holds) leaves the head out.
  CHECK(a.text_of({LineRole::kLead, LineRole::kBody, LineRole::kCaption}) == kP1 + "\n\n" + kP2 + "\n\n" + kP3 + "\n");
}

TEST_CASE("shape: the lead, found by its class word, stands after the title") {
  for (std::string tag : {"<h2 class=\"sapo\">", "<h2 class=\"detail__summary\">", "<div class=\"standfirst\">"}) {
    std::string close = tag[1] == 'h' ? "</h2>" : "</div>";
    winnow::Article a = generic(page("", tag + kLead + close, body3()));
    INFO(tag);
    CHECK(a.lead == kLead);
    CHECK(lines_with(a, LineRole::kLead) == Lines{kLead});
    CHECK(a.lines == Lines{"Updated 9:30 am CET, March 1, 2024", "", kTitle, "", kLead, "", kP1, "", kP2, "", kP3});
    CHECK(a.paragraphs == Lines{kP1, kP2, kP3});  // the lead is not a paragraph of the body
  }
}

TEST_CASE("shape: a top image called \"lead\", its caption or credit, and the title again are no lead") {
  std::string figure = "<figure class=\"lead-asset\"><img src=\"a.jpg\"><figcaption class=\"lead-asset__credit\">"
                       "Photograph: City Archive, taken from the old bridge</figcaption></figure>";
  winnow::Article a = generic(page("", figure, body3()));
  CHECK_FALSE(a.lead.has_value());
  CHECK(lines_with(a, LineRole::kLead).empty());
  std::string same = "<meta property=\"og:description\" content=\"" + kTitle + "\">";
  winnow::Article b = generic(page(same, "<h2 class=\"kicker\">" + kTitle + "</h2>", body3()));
  CHECK_FALSE(b.lead.has_value());
}

TEST_CASE("shape: a dateline in any language: few letters around a numeric date, where a dateline stands") {
  std::string html = page("", "", body3());
  html.replace(html.find("Updated 9:30 am CET, March 1, 2024"), 34, "Tin tức 13/11/2023 11:24");
  winnow::Article a = generic(html);
  CHECK(lines_with(a, LineRole::kDateline) == Lines{"Tin tức 13/11/2023 11:24"});
  // A sentence with a date in it is no dateline.
  std::string sentence = page("", "", body3());
  sentence.replace(sentence.find("Updated 9:30 am CET, March 1, 2024"), 34,
                   "The council first met on 13/11/2023 to talk about the path");
  CHECK(lines_with(generic(sentence), LineRole::kDateline).empty());
}

TEST_CASE("shape: a headline set in no <h1> is found by its text before the body; a link with that text is not it") {
  // baodautu.vn's head: div.title-detail, a byline-and-date row, div.sapo_detail,
  // and a "related" list whose link could repeat the headline.
  std::string html = "<!doctype html><html lang=\"vi\"><head><title>" + kTitle + "</title>"
                     "<meta property=\"og:title\" content=\"" + kTitle + "\"></head><body>"
                     "<nav><ul><li><a href=\"/city\">City</a></li><li><a href=\"/sport\">Sport</a></li></ul></nav>"
                     "<div class=\"main\"><div class=\"col\"><div class=\"cat\"><a href=\"/city\">City</a></div>"
                     "<div class=\"title-detail\">" + kTitle + "</div>"
                     "<div class=\"meta\"><a class=\"author\">Ann Lee</a><span> - 01/03/2024 09:30</span></div>"
                     "<div class=\"sapo_detail\">" + kLead + "</div>"
                     "<ul class=\"related\"><li><a href=\"/b.html\">" + kTitle + "</a></li></ul>"
                     "<div id=\"content_detail\">" + body3() + "</div></div></div>"
                     "<footer><p>Copyright 2024 The Daily. All rights reserved.</p></footer></body></html>";
  winnow::Article a = generic(html);
  CHECK(lines_with(a, LineRole::kTitle) == Lines{kTitle});
  CHECK(lines_with(a, LineRole::kDateline) == Lines{"Ann Lee - 01/03/2024 09:30"});
  CHECK(a.lead == kLead);
  // The three head blocks are <div>s: no blank line between them.
  CHECK(a.lines == Lines{kTitle, "Ann Lee - 01/03/2024 09:30", kLead, "", kP1, "", kP2, "", kP3});
}

TEST_CASE("shape: a lead the body holds stays where it stands, as body, and fills the lead field") {
  winnow::Article a = generic(page("", "", "<p class=\"sapo\">" + kLead + "</p>" + body3()));
  CHECK(a.lead == kLead);
  CHECK(a.lines == Lines{"Updated 9:30 am CET, March 1, 2024", "", kTitle, "", kLead, "", kP1, "", kP2, "", kP3});
  CHECK(lines_with(a, LineRole::kLead).empty());
  CHECK(a.paragraphs == Lines{kLead, kP1, kP2, kP3});
}

TEST_CASE("shape: a lead whose class says nothing is found by the page's og:description") {
  std::string head = "<meta property=\"og:description\" content=\"" + kLead + "\">";
  winnow::Article a = generic(page(head, "<div class=\"top-box\"><b>" + kLead + "</b></div>", body3()));
  CHECK(a.lead == kLead);
  CHECK(lines_with(a, LineRole::kLead) == Lines{kLead});
  SUBCASE("a description cut short with an ellipsis still finds it") {
    std::string cut = "<meta property=\"og:description\" content=\"The council says yes to a wider river path...\">";
    winnow::Article b = generic(page(cut, "<div class=\"top-box\"><b>" + kLead + "</b></div>", body3()));
    CHECK(b.lead == kLead);
  }
  SUBCASE("no description and no class word: no lead") {
    winnow::Article c = generic(page("", "<div class=\"top-box\"><b>" + kLead + "</b></div>", body3()));
    CHECK_FALSE(c.lead.has_value());
    CHECK(lines_with(c, LineRole::kLead).empty());
  }
}

TEST_CASE("shape: a caption stands where its image stands, and is listed in captions") {
  std::string figure = "<figure class=\"image\"><img src=\"a.jpg\" alt=\"the path\"><figcaption class=\"photo-caption\">" +
                       kCaption + "</figcaption></figure>";
  winnow::Article a = generic(page("", "", "<p>" + kP1 + "</p>" + figure + "<p>" + kP2 + "</p><p>" + kP3 + "</p>"));
  CHECK(a.captions == Lines{kCaption});
  CHECK(lines_with(a, LineRole::kCaption) == Lines{kCaption});
  CHECK(a.paragraphs == Lines{kP1, kP2, kP3});
  // Between the paragraphs it stood between; the image's alt text is not text.
  Lines body = lines_with(a, LineRole::kBody);
  std::vector<std::string> order;
  for (const std::string& l : a.lines)
    if (l == kP1 || l == kCaption || l == kP2) order.push_back(l);
  CHECK(order == Lines{kP1, kCaption, kP2});
  CHECK(a.text().find("the path\n") == std::string::npos);

  SUBCASE("an image table's last cell is its caption") {
    std::string table = "<table class=\"img-table\"><tr><td><img src=\"a.jpg\"></td></tr><tr><td>" + kCaption +
                        "</td></tr></table>";
    winnow::Article t = generic(page("", "", "<p>" + kP1 + "</p>" + table + "<p>" + kP2 + "</p><p>" + kP3 + "</p>"));
    CHECK(t.captions == Lines{kCaption});
    CHECK(lines_with(t, LineRole::kCaption) == Lines{kCaption});
  }
}

TEST_CASE("shape: the byline the page shows is a line where it stands: at the end, last") {
  std::string tail = "<p class=\"author\">Ann Lee</p>";
  std::string html = page("", "", body3());
  html.replace(html.find("</article>"), 0, tail);
  winnow::Article a = generic(html);
  CHECK(a.byline == "Ann Lee");
  CHECK(a.lines == Lines{"Updated 9:30 am CET, March 1, 2024", "", kTitle, "", kP1, "", kP2, "", kP3, "", "Ann Lee"});
  CHECK(a.line_roles.back() == LineRole::kByline);
  CHECK(a.paragraphs == Lines{kP1, kP2, kP3});  // the byline is no paragraph

  SUBCASE("under the title, it stays under the title (the page's order)") {
    winnow::Article b = generic(page("", "<p class=\"byline\">By Ann Lee</p>", body3()));
    CHECK(b.lines == Lines{"Updated 9:30 am CET, March 1, 2024", "", kTitle, "", "By Ann Lee", "", kP1, "", kP2, "", kP3});
    CHECK(lines_with(b, LineRole::kByline) == Lines{"By Ann Lee"});
  }
  SUBCASE("a byline the page does not show is not made into a line") {
    winnow::Article c = generic(page("", "", body3()));
    CHECK(c.byline == "Ann Lee");
    CHECK(lines_with(c, LineRole::kByline).empty());
  }
  SUBCASE("the byline field is the line as the page shows it, as on the rules path; the names are the authors") {
    winnow::Article b = generic(page("", "<p class=\"byline\">By Ann Lee</p>", body3()));
    CHECK(b.byline == "By Ann Lee");
    CHECK(b.authors == Lines{"Ann Lee"});
    std::string noted = page("", "", body3());
    noted.replace(noted.find("</article>"), 0, "<p class=\"author\">Ann Lee (with agencies)</p>");
    winnow::Article d = generic(noted);
    CHECK(d.byline == "Ann Lee (with agencies)");
    CHECK(d.authors == Lines{"Ann Lee"});
  }
}

TEST_CASE("shape: a byline that writes the authors' names another way is still the byline the page shows") {
  // Two declared Person authors ("Ann Lee, Bob Ray" joined); the page writes
  // "By Ann Lee and Bob Ray" under the title.
  std::string html = page("", "<p class=\"byline\">By Ann Lee and Bob Ray</p>", body3());
  const std::string one = "{\"@type\":\"Person\",\"name\":\"Ann Lee\"}";
  html.replace(html.find(one), one.size(), "[" + one + ",{\"@type\":\"Person\",\"name\":\"Bob Ray\"}]");
  winnow::Article a = generic(html);
  CHECK(a.authors == Lines{"Ann Lee", "Bob Ray"});
  CHECK(lines_with(a, LineRole::kByline) == Lines{"By Ann Lee and Bob Ray"});
  CHECK(a.byline == "By Ann Lee and Bob Ray");
  // Another person's name in a line is no byline of these authors.
  std::string other = page("", "<p class=\"byline\">By Ann Lee and Carl Dunn</p>", body3());
  other.replace(other.find(one), one.size(), "[" + one + ",{\"@type\":\"Person\",\"name\":\"Bob Ray\"}]");
  CHECK(lines_with(generic(other), LineRole::kByline).empty());
}

TEST_CASE("shape: a person's signature at the article's end is the byline as shown, over an organization") {
  // The publisher declared as author; a person signs the last paragraph,
  // with a note of how the story was made.
  std::string html = page("", "", body3() + "<p style=\"text-align:right\"><strong>Minh Anh</strong> <em>(tổng hợp)</em></p>");
  html.replace(html.find("{\"@type\":\"Person\",\"name\":\"Ann Lee\"}"), std::string("{\"@type\":\"Person\",\"name\":\"Ann Lee\"}").size(),
               "{\"@type\":\"Organization\",\"name\":\"The Daily\"}");
  winnow::Article a = generic(html);
  CHECK(a.authors == Lines{"Minh Anh"});
  CHECK(a.byline == "Minh Anh (tổng hợp)");
}

TEST_CASE("shape: the JSON has the same keys on both paths") {
  // A real page its site's rules serve, and the same page with the rules off.
  const std::string path = std::string(WINNOW_SOURCE_DIR) + "/fixtures/thoidai.com.vn/ha-noi-bac-kinh.html";
  std::string html;
  std::string error;
  REQUIRE(winnow::read_page(path, winnow::kDefaultMaxPageBytes, &html, &error));
  winnow::Article ruled = winnow::clean(project_rules(), winnow::load_document(html), winnow::CleanRequest{});
  REQUIRE(ruled.extractor == "rules");
  winnow::Article found = generic(html);
  REQUIRE(found.extractor == "generic");
  auto keys = [](const winnow::Article& a) {
    Lines out;
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(winnow::to_json(a));
    for (auto it = j.begin(); it != j.end(); ++it) out.push_back(it.key());
    return out;
  };
  CHECK(keys(ruled) == keys(found));
  // ... and the two texts have one shape: here, the same text.
  CHECK(found.text() == ruled.text());
}
