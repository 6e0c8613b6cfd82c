// The generic extractor (extract/generic.h) on pages written to exercise
// each of its steps, and the drift fallback on a fixture whose template moved.
#include "extract/generic.h"
#include "extract/generic_internal.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "winnow.h"
#include "winnow/internal.h"
#include "generic_test_pages.h"
#include "lines_printer.h"
#include "project_rules.h"

namespace {

using Lines = std::vector<std::string>;


std::string article_page(const std::string& inside_article, const std::string& around = "") {
  return "<!doctype html><html lang=\"en\"><head><title>River path to be widened | The Daily</title>"
         "<meta property=\"og:title\" content=\"River path to be widened\">"
         "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"River path to be widened\","
         "\"datePublished\":\"2024-03-01T09:30:00+01:00\",\"author\":{\"@type\":\"Person\",\"name\":\"Ann Lee\"},"
         "\"articleSection\":\"City\"}</script></head><body>"
         "<header><a href=\"/\">The Daily</a><nav><ul><li><a href=\"/city\">City</a></li>"
         "<li><a href=\"/sport\">Sport</a></li></ul></nav></header>"
         "<main><article><h1>River path to be widened</h1>" +
         inside_article + "</article>" + around +
         "</main><footer><p>Copyright 2024 The Daily. All rights reserved, and some more words here.</p></footer>"
         "</body></html>";
}

// The body as steps 5 and 7 keep it: its lines and captions, without the
// title, dateline, lead and byline set around it (generic_shape_test.cc
// tests those) or the blank lines between paragraphs.
Lines lines_of(const winnow::Article& a) {
  Lines out;
  for (size_t i = 0; i < a.lines.size(); ++i)
    if (a.line_roles[i] == winnow::LineRole::kBody || a.line_roles[i] == winnow::LineRole::kCaption)
      out.push_back(a.lines[i]);
  return out;
}

}  // namespace

namespace {

// The generic extractor's vocabulary, from the project's rules/generic.toml.
const winnow::rules::GenericRules& generic_rules() {
  const winnow::rules::RuleSet* generic = project_rules().sets().by_name("generic");
  REQUIRE(generic != nullptr);
  REQUIRE(generic->generic != nullptr);
  return *generic->generic;
}

winnow::Article extract(const std::string& html, winnow::Favor favor = winnow::Favor::kBalanced) {
  winnow::Document doc = winnow::load_document(html);
  winnow::extract::GenericOptions opts;
  opts.favor = favor;
  opts.type = winnow::PageType::kArticle;  // the article's steps (a signless page may be taken for another type)
  return winnow::extract::extract_generic(doc.parsed->page, doc.parsed->meta, generic_rules(), opts);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("generic: the article's paragraphs, without navigation, title or footer") {
  winnow::Article a = extract(article_page("<p>" + kP1 + "</p><p>" + kP2 + "</p><p>" + kP3 + "</p>"));
  CHECK(a.extractor == "generic");
  CHECK(lines_of(a) == Lines{kP1, kP2, kP3});
  CHECK(a.paragraphs == Lines{kP1, kP2, kP3});
  CHECK(a.warnings.empty());
}

TEST_CASE("generic: metadata from what the page declares") {
  winnow::Article a = extract(article_page("<p>" + kP1 + "</p><p>" + kP2 + "</p>"));
  CHECK(a.title == "River path to be widened");
  CHECK(a.published == "2024-03-01T09:30:00+01:00");
  CHECK(a.byline == "Ann Lee");
  REQUIRE(a.section.has_value());
  CHECK(*a.section == Lines{"City"});
  CHECK(a.language == "en");
}

TEST_CASE("generic: boxes inside the article go: share bar, related links, credits; captions stay in place") {
  std::string inside =
      "<div class=\"share-bar\"><a href=\"#\">Facebook</a> <a href=\"#\">Twitter</a></div>"
      "<p class=\"meta\">Updated 9:30 am CET, Friday, March 1, 2024</p>"
      "<p>By Ann Lee</p>"
      "<p>" + kP1 + "</p>"
      "<figure><img src=\"a.jpg\" alt=\"the path\"><figcaption>The path today, seen from the old bridge.</figcaption></figure>"
      "<p>Photo: City Archive</p>"
      "<ul class=\"links\"><li><a href=\"/a\">Council approves the new budget for next year</a></li>"
      "<li><a href=\"/b\">Second bridge plan goes back to the drawing board</a></li></ul>"
      "<p>" + kP2 + "</p>"
      "<p>Read more: <a href=\"/c\">How the river path came to be, and who paid for it</a></p>"
      "<p>" + kP3 + "</p>"
      "<p>Advertisement</p>";
  const std::string caption = "The path today, seen from the old bridge.";
  winnow::Article a = extract(article_page(inside));
  CHECK(lines_of(a) == Lines{kP1, caption, kP2, kP3});
  CHECK(a.captions == Lines{caption});
  CHECK(a.paragraphs == Lines{kP1, kP2, kP3});
  // The dateline and the byline are not the body's; the shape sets them
  // where they stand (generic_shape_test.cc).
  CHECK(a.lines == Lines{"River path to be widened", "", "Updated 9:30 am CET, Friday, March 1, 2024", "", "By Ann Lee",
                         "", kP1, "", caption, "", kP2, "", kP3});

  SUBCASE("--favor recall keeps the byline line in the body: it is the byline there too") {
    winnow::Article r = extract(article_page(inside), winnow::Favor::kRecall);
    CHECK(lines_of(r) == Lines{kP1, caption, kP2, kP3});
    CHECK(r.captions == Lines{caption});
    CHECK(r.paragraphs == Lines{kP1, kP2, kP3});
    REQUIRE(r.lines.size() == r.line_roles.size());
    auto at = std::find(r.lines.begin(), r.lines.end(), "By Ann Lee");
    REQUIRE(at != r.lines.end());
    CHECK(r.line_roles[at - r.lines.begin()] == winnow::LineRole::kByline);
  }
  SUBCASE("captions are captions in every mode") {
    for (winnow::Favor favor : {winnow::Favor::kBalanced, winnow::Favor::kPrecision, winnow::Favor::kRecall}) {
      winnow::Article m = extract(article_page(inside), favor);
      CHECK(m.captions == Lines{"The path today, seen from the old bridge."});
      for (const std::string& p : m.paragraphs) CHECK(p != "The path today, seen from the old bridge.");
    }
  }
}

TEST_CASE("generic: teaser cards of other stories beside the article are not the article") {
  std::string card =
      "<div class=\"card\"><h3><a href=\"/other\">A headline of another story on the same site</a></h3>"
      "<p>A summary of that other story, long enough to read like prose, with a comma, and a full stop.</p></div>";
  std::string around = "<section class=\"more\">" + card + card + card + card + "</section>";
  winnow::Article a = extract(article_page("<p>" + kP1 + "</p><p>" + kP2 + "</p><p>" + kP3 + "</p>", around));
  CHECK(lines_of(a) == Lines{kP1, kP2, kP3});
}

TEST_CASE("generic: cards whose headline link opens the summary itself are teasers too") {
  std::string card = "<p><a href=\"/other\">Another story of the day, with its own title</a> A summary of it, long "
                     "enough to read like prose, with a comma, and a full stop.</p>";
  std::string around = "<div class=\"list\">" + card + card + card + "</div>";
  winnow::Article a = extract(article_page("<p>" + kP1 + "</p><p>" + kP2 + "</p><p>" + kP3 + "</p>", around));
  CHECK(lines_of(a) == Lines{kP1, kP2, kP3});
  // One paragraph that opens with a link, alone, is the article's.
  std::string own = "<p><a href=\"/council\">The city council of the river town</a> met on Tuesday, as it does "
                    "every week, and the path was the first item.</p>";
  winnow::Article b = extract(article_page(own + "<p>" + kP1 + "</p><p>" + kP2 + "</p>"));
  CHECK(lines_of(b).size() == 3);
}

TEST_CASE("generic: comments and sidebars by class and id, in English and Vietnamese") {
  std::string around =
      "<div id=\"comments\"><p>I have walked that path for years, and it is far too narrow, so this is welcome.</p></div>"
      "<div class=\"box-tin-lien-quan\"><p>Một bản tin khác, đủ dài để đọc như văn xuôi, có dấu phẩy, và dấu chấm.</p></div>"
      "<aside><p>Our newsletter brings you the city's news, every morning, before breakfast.</p></aside>";
  winnow::Article a = extract(article_page("<p>" + kP1 + "</p><p>" + kP2 + "</p><p>" + kP3 + "</p>", around));
  CHECK(lines_of(a) == Lines{kP1, kP2, kP3});
}

TEST_CASE("generic: hints are read a token at a time; a page wrapper named like furniture is still the page") {
  // "post-comments" and "post-author" are comments and a bio although "post"
  // is a likely word; "comments-open" on the article itself does not make
  // it furniture, nor does "header-style-2" on the wrapper of everything.
  std::string around =
      "<div class=\"post-author\"><p>Ann Lee writes about the city, its rivers and its bridges, from the old town.</p></div>"
      "<div class=\"post-comments\"><p>I have walked that path for years, and it is far too narrow, so welcome.</p></div>";
  std::string page = article_page("<div class=\"entry-content comments-open\"><p>" + kP1 + "</p><p>" + kP2 +
                                  "</p><p>" + kP3 + "</p></div>", around);
  winnow::Article a = extract(page);
  CHECK(lines_of(a) == Lines{kP1, kP2, kP3});
  std::string wrapped = page;
  wrapped.replace(wrapped.find("<body>"), 6, "<body><div class=\"wrapper header-style-2\">");
  wrapped.replace(wrapped.find("</body>"), 7, "</div></body>");
  CHECK(lines_of(extract(wrapped)) == Lines{kP1, kP2, kP3});
}

TEST_CASE("generic: an embedded post stays whatever its wrapper is called") {
  std::string inside = "<p>" + kP1 + "</p><div class=\"social-media-embed\"><blockquote class=\"twitter-tweet\">"
                       "<p>The path is open again, and it is wider.</p></blockquote></div><p>" + kP2 + "</p>";
  CHECK(lines_of(extract(article_page(inside))) ==
        Lines{kP1, "The path is open again, and it is wider.", kP2});
}

TEST_CASE("generic: cookie notices, post metadata and a name's hover card go") {
  std::string inside =
      "<p>05/10/2018 - Posted by: Ann Lee - Category: City - Tags: river path</p>"
      "<p>" + kP1 + " Mayor <span class=\"rollover-people\"><a href=\"/p/1\">Bo Chen</a><span class=\"rollover-block\">"
      "<a href=\"/p/1/a\">Other stories about the mayor and the council</a></span></span> agreed.</p>"
      "<p>" + kP2 + "</p><p>Reading time: 3 minutes</p><p>" + kP3 + "</p>"
      "<p>This website uses cookies to improve your experience. Accept</p>";
  CHECK(lines_of(extract(article_page(inside))) == Lines{kP1 + " Mayor Bo Chen agreed.", kP2, kP3});
  // A sentence that only mentions categories or posting is the article's.
  std::string own = "<p>" + kP1 + "</p><p>Savers fall into three categories: lean, plain and fat.</p><p>" + kP2 +
                    "</p><p>Posted on social media by the council, the plan drew praise.</p><p>" + kP3 + "</p>";
  CHECK(lines_of(extract(article_page(own))).size() == 5);
}

TEST_CASE("generic: copyright and cookie lines go by their shape; sentences that mention them stay") {
  // The article's lines with `line` a paragraph between kP2 and kP3.
  auto with = [](const std::string& line) {
    return lines_of(extract(article_page("<p>" + kP1 + "</p><p>" + kP2 + "</p><p>" + line + "</p><p>" + kP3 + "</p>")));
  };
  // Lines shaped like a footer's notices, caught inside the article's container.
  for (const char* notice :
       {"\u00A9 2024 The Daily. All rights reserved.", "Copyright \u00A9 2024 The Daily", "(c) 2021 Daily Media Ltd",
        "The Daily Media Group \u00A9 2019", "All rights reserved.", "The Daily, 2024. All rights reserved.",
        "Copyright @ 2019 The Daily.", "copyright Studio 2019 - ISSN: 1234-5678", "Photos \u00A9 Studio, 2018",
        "We use cookies to give you the best experience on our site.",
        "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
        "By continuing to use this site, you agree to our use of cookies."})
    CHECK_MESSAGE((with(notice) == Lines{kP1, kP2, kP3}), std::string(notice));
  // Sentences of the article that mention copyright or cookies stay.
  for (const char* sentence :
       {"The judge said the copyright in the melody had passed to his heirs.",
        "Copyright law, she said, was never meant to cover a chord progression.",
        "Copyright lawsuits filed in 2019 rose by a third, the court's figures show.",
        "Regulators found that the site uses cookies to follow readers across the web.",
        "The company admitted this website uses cookies without asking, and promised a fix.",
        "All rights reserved for the families were restored by the ruling, the council said."})
    CHECK_MESSAGE((with(sentence) == Lines{kP1, kP2, sentence, kP3}), std::string(sentence));
}

TEST_CASE("generic: a card is measured by its words outside links (headline, source and tags are links)") {
  std::string card =
      "<article class=\"story\"><div class=\"kicker\">REINDEER GAMES</div><h2><a href=\"/x\">Why do they fight "
      "for the reindeer, year after year?</a></h2><div class=\"meta\">1 digg <a href=\"/s\">longreads.example</a> "
      "<a href=\"/c/world\">World</a> <a href=\"/c/long\">Long Reads</a></div><div class=\"description\"><p>The "
      "herders had never been protesters. Until now, that is.</p></div></article>";
  winnow::Article a = extract(article_page("<p>" + kP1 + "</p><p>" + kP2 + "</p><p>" + kP3 + "</p>",
                                           "<section>" + card + card + card + "</section>"));
  CHECK(lines_of(a) == Lines{kP1, kP2, kP3});
}

TEST_CASE("generic: a box that opens with a title such as \"You may also like\" is not the article") {
  std::string teaser = "<article class=\"post\"><p>Another post of the same blog, long enough to read like prose, "
                       "with a comma, and ending as excerpts do …</p></article>";
  std::string box = "<article class=\"post box\"><h3 class=\"relatedpoststitle\">Você pode gostar...</h3>" + teaser +
                    teaser + teaser + teaser + "</article>";
  winnow::Article a = extract(article_page("<p>" + kP1 + "</p><p>" + kP2 + "</p>", box));
  CHECK(lines_of(a) == Lines{kP1, kP2});
  // The same title over the article's own <h1> and text is the article's.
  // (Here a note beside it holds over a fifth of the page's prose.)
  std::string own = "<!doctype html><html><body><div><h2>Leia também</h2><h1>River path</h1><p>" + kP1 + "</p><p>" +
                    kP2 + "</p><p>" + kP3 + "</p></div><div><p>A note on the old path, long enough to read like prose, with a comma, and "
                    "a full stop, written by the editors.</p></div></body></html>";
  Lines kept = lines_of(extract(own));
  REQUIRE(kept.size() >= 3);
  CHECK(Lines(kept.begin(), kept.begin() + 3) == Lines{kP1, kP2, kP3});
}

TEST_CASE("generic: a state modifier in a class is not a hint (\"card-has-image\", \"enable-lightbox\")") {
  std::string inside = "<p>" + kP1 + "</p><section class=\"recipe-card recipe-card-has-image\"><h2>Pear jam</h2>"
                       "<ul><li>8 ripe pears</li><li>1 lemon</li></ul></section><p>" + kP2 + "</p>";
  CHECK(lines_of(extract(article_page(inside))) == Lines{kP1, "Pear jam", "8 ripe pears", "1 lemon", kP2});
}

TEST_CASE("generic: a sentence that runs into a long link stays; a \"Read more:\" line goes") {
  std::string own = "The inquiry had been shelved in 2017 but was <a href=\"/x\">re-opened earlier this year after the "
                    "council found new papers</a>.";
  std::string inside = "<p>" + kP1 + "</p><p>" + own + "</p><p>Read more: <a href=\"/y\">How the river path came "
                       "to be, and who paid for it</a></p><p>" + kP2 + "</p><p>" + kP3 + "</p>";
  CHECK(lines_of(extract(article_page(inside))) ==
        Lines{kP1,
              "The inquiry had been shelved in 2017 but was re-opened earlier this year after the council found new "
              "papers.",
              kP2, kP3});
}

TEST_CASE("generic: headings, lists and quotes inside the article stay") {
  std::string inside = "<p>" + kP1 + "</p><h2>What changes</h2><ul><li>Wider lanes</li><li>New lights</li></ul>"
                       "<p>" + kP2 + "</p><blockquote><p>It is about time — <a href=\"https://x.test/s/1\">"
                       "@walker</a> March 1, 2024</p></blockquote><p>" + kP3 + "</p>";
  winnow::Article a = extract(article_page(inside));
  CHECK(lines_of(a) == Lines{kP1, "What changes", "Wider lanes", "New lights", kP2,
                             "It is about time — @walker March 1, 2024", kP3});
}

TEST_CASE("generic: one paragraph is not the article when tables between its paragraphs outweigh them (step 4)") {
  // Three paragraphs with a timetable between each: the timetables' text,
  // not prose, weighs against the article element more than the paragraphs
  // bring, so the best score is one paragraph alone. Its nearest ancestor
  // holding more prose (the article) is the container.
  std::string timetable = "<table>";
  for (const char* stop : {"Old bridge", "Mill Lane", "Harbour steps", "Town hall quay", "North gate", "Weir",
                           "Station road", "Fish market", "Boat yard", "Park gate", "Long meadow", "Ferry slip"})
    timetable += std::string("<tr><td>") + stop + "</td><td>closed from March</td><td>reopens September</td></tr>";
  timetable += "</table>";
  winnow::Article a =
      extract(article_page("<p>" + kP2 + "</p>" + timetable + "<p>" + kP1 + "</p>" + timetable + "<p>" + kP3 + "</p>"));
  Lines body = lines_of(a);
  auto at = [&](const std::string& p) { return std::find(body.begin(), body.end(), p) - body.begin(); };
  REQUIRE(at(kP2) < static_cast<long>(body.size()));
  REQUIRE(at(kP1) < static_cast<long>(body.size()));
  REQUIRE(at(kP3) < static_cast<long>(body.size()));
  CHECK(at(kP2) < at(kP1));
  CHECK(at(kP1) < at(kP3));
  CHECK(std::find(body.begin(), body.end(), "Sport") == body.end());
}

TEST_CASE("generic: a gallery's captions, repeated in strip and viewer, go") {
  // Only long blocks count as repeats (100 characters and more): short lines
  // repeat in real articles (a recipe's "1 cup of rice" on each day).
  std::string caption =
      "The mayor, left, walks the river path with residents on Tuesday morning, before the council voted on it.";
  std::string inside = "<p>" + kP1 + "</p><div class=\"strip\"><div>" + caption + "</div></div><p>" + kP2 +
                       "</p><div class=\"viewer\"><div>" + caption + "</div></div><p>" + kP3 + "</p>";
  winnow::Article a = extract(article_page(inside));
  CHECK(lines_of(a) == Lines{kP1, kP2, kP3});
  // The same long line beside itself is the article's (a meal plan's lunch
  // on each day).
  std::string lunch = "Lunch: one cup of rice, four ounces of cooked chicken, half a cup of beans, and a teaspoon of oil.";
  std::string plan = "<p>" + kP1 + "</p><p>Day 1</p><p>" + lunch + "</p><p>Day 2</p><p>" + lunch + "</p><p>" + kP2 + "</p>";
  CHECK(lines_of(extract(article_page(plan))) == Lines{kP1, "Day 1", lunch, "Day 2", lunch, kP2});
}

TEST_CASE("generic: an image's wrapper goes with its credit; a section that shows an image stays") {
  // [generic.hints.image]: "article-image" holds a picture and its credit.
  std::string inside = "<p>" + kP1 + "</p><div class=\"article-image\"><img src=\"a.jpg\" alt=\"\"><span>Photo: "
                       "Ann Lee for The Daily</span></div><p>" + kP2 + "</p>";
  CHECK(lines_of(extract(article_page(inside))) == Lines{kP1, kP2});
  // A roundup's entries: each a heading, a picture and its prose.
  auto entry = [](const std::string& name, const std::string& text) {
    return "<div class=\"list-item-large-image\"><img src=\"b.jpg\" alt=\"\"><h2>" + name + "</h2><p>" + text +
           "</p></div>";
  };
  Lines lines = lines_of(extract(article_page("<p>" + kP1 + "</p>" + entry("Chit Chat", kP2) + entry("Jungo", kP3))));
  CHECK(lines == Lines{kP1, "Chit Chat", kP2, "Jungo", kP3});
}

TEST_CASE("generic: a page with no article-like text gives no lines and says so") {
  winnow::Article a = extract("<html><body><nav><a href=/>Home</a></nav><p>Hi.</p></body></html>");
  CHECK(a.lines.empty());
  CHECK(a.warnings == Lines{"generic extractor: no article-like text on the page"});
}

TEST_CASE("generic: step 5 on a container without prose keeps nothing (and reads no node past the page)") {
  // extract_generic's container always holds a prose block; step 5 must not
  // count on it: with none, the prose span is empty (kNoNode at both ends).
  winnow::Document doc = winnow::load_document(
      "<html><body><div id=\"box\"><h2>Weather</h2><p>Sunny.</p><ul><li>Home</li></ul></div>"
      "<article><p>" + kP1 + "</p><p>" + kP2 + "</p></article></body></html>");
  namespace g = winnow::extract::generic;
  g::Extraction x(doc.parsed->page.tree, generic_rules(), winnow::extract::GenericOptions{});
  g::read_facts(x);
  g::mark_teasers(x);
  g::mark_chrome(x, g::Hints::kAll);
  winnow::html::NodeId box = winnow::html::kNoNode;
  for (winnow::html::NodeId id = 0; id < doc.parsed->page.tree.size(); ++id)
    if (doc.parsed->page.tree.attr(id, "id") == "box") box = id;
  REQUIRE(box != winnow::html::kNoNode);
  for (winnow::Favor favor : {winnow::Favor::kBalanced, winnow::Favor::kPrecision, winnow::Favor::kRecall}) {
    x.options.favor = favor;
    std::vector<uint8_t> kept = g::select_blocks(x, box, "");
    CHECK(std::count(kept.begin(), kept.end(), 1) == 0);
  }
}

TEST_CASE("generic: parse_favor") {
  winnow::Favor f = winnow::Favor::kBalanced;
  CHECK(winnow::parse_favor("precision", &f));
  CHECK(f == winnow::Favor::kPrecision);
  CHECK(winnow::parse_favor("recall", &f));
  CHECK(f == winnow::Favor::kRecall);
  CHECK_FALSE(winnow::parse_favor("both", &f));
}

TEST_CASE("drift: a fixture whose template lost its MasterCMS markers falls back to the generic extractor") {
  const std::string dir = std::string(WINNOW_SOURCE_DIR) + "/fixtures/thoidai.com.vn/";
  std::string html = read_file(dir + "ha-noi-bac-kinh.html");
  REQUIRE(!html.empty());
  const winnow::RuleLibrary& lib = project_rules();

  winnow::Article held = winnow::clean(lib, winnow::load_document(html), {});
  CHECK_FALSE(held.drift);
  CHECK(held.extractor == "rules");
  CHECK(held.text() == read_file(dir + "ha-noi-bac-kinh.clean.txt"));

  // The template moves: every __MB_MASTERCMS... / __MASTERCMS... marker renamed.
  for (size_t at = 0; (at = html.find("__M", at)) != std::string::npos;) {
    size_t end = at;
    while (end < html.size() && (std::isupper((unsigned char)html[end]) || std::isdigit((unsigned char)html[end]) ||
                                 html[end] == '_'))
      ++end;
    html.replace(at, end - at, "moved");
  }
  winnow::Article moved = winnow::clean(lib, winnow::load_document(html), {});
  CHECK(moved.drift);
  CHECK(moved.extractor == "generic");
  CHECK(moved.site == "thoidai.com.vn");
  REQUIRE(!moved.warnings.empty());
  CHECK(moved.warnings.back().rfind("drift: thoidai.com.vn's rules kept ", 0) == 0);
  // The article's body is still there: its first and last paragraphs.
  std::string text = moved.text();
  CHECK(text.find("Ngày 16/5, Đoàn đại biểu cấp cao thành phố Hà Nội") != std::string::npos);
  CHECK(moved.title == held.title);
}

TEST_CASE("generic: a block that holds paragraphs is judged by its own words: a dateline beside them goes") {
  // The dateline is the <div>'s own text, after its paragraphs (a wire
  // story's footer): read with the paragraphs it matched no furniture line.
  std::string inside = "<div class=\"story\"><p>" + kP1 + "</p><p>" + kP2 + "</p><p>" + kP3 +
                       "</p>Updated 5:27 am CST, Wednesday, November 20, 2019</div>";
  winnow::Article a = extract(article_page(inside));
  CHECK(lines_of(a) == Lines{kP1, kP2, kP3});
  // Its own words that are no furniture line stay.
  const std::string own = "And a last sentence of its own, long enough to read as the story's prose.";
  std::string kept = "<div class=\"story\"><p>" + kP1 + "</p><p>" + kP2 + "</p>" + own + "</div>";
  CHECK(lines_of(extract(article_page(kept))) == Lines{kP1, kP2, own});
}
