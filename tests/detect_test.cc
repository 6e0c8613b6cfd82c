// Platform detection: a base's [detect] markers read from its file, found on
// a page, and choosing the base's rules for a host no rule file serves
// (docs/adding-a-site.md, "Pages of a platform").
#include "rules_test_util.h"
#include "project_rules.h"

#include <nlohmann/json.hpp>

#include "html/page.h"
#include "rules/detect.h"

namespace {

using winnow::rules::Detection;
using winnow::rules::detect_platform;

constexpr const char* kBase = R"(extends = "generic"
[detect]
selectors = ["div.__PLATFORM_BODY", "a[href*='platform.example']"]
comments = ['(?i)^\s*Built by Platform']
supporting = ["table.platform-caption", "img.platform-img", "span.platform-views"]

[fields]
title = ["h1"]
lead = ["div.post-desc"]
body = ["div.__PLATFORM_BODY"]
byline = ["div.post-meta a.article-author"]

[drop.related]
selectors = ["div.cat-listing"]
)";

// A site file on the same platform: its markers would be its own, and it has
// none, so it serves its own host only.
constexpr const char* kSite = R"(extends = "platform"
hosts = ["site.test"]
[fields]
title = ["h1.site-title"]
)";

constexpr const char* kGenericRules = R"(
[drop.navigation]
selectors = ["nav"]
)";

struct Library {
  TempDir tmp;
  winnow::RuleLibrary lib;
  std::string base_path;
  Library() {
    tmp.write("generic.toml", kGenericRules);
    base_path = tmp.write("platform.toml", kBase);
    tmp.write("site.test.toml", kSite);
    RuleError err;
    bool ok = winnow::load_rules(tmp.dir(), &lib, &err);
    INFO(err.to_string());
    REQUIRE(ok);
  }
};

const Library& library() {
  static Library l;
  return l;
}

std::string article(const std::string& marker_html) {
  return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\n"
         "<nav><a href=\"/\">Home</a></nav>\n"
         "<h1>The title</h1>\n"
         "<div class=\"post-meta\"><a class=\"article-author\" href=\"/a\">Minh Anh</a></div>\n"
         "<div class=\"post-desc\">The lead of the article.</div>\n" +
         marker_html +
         "\n<div class=\"cat-listing\"><a href=\"/x\">Another story</a></div>\n"
         "</body></html>";
}

const char* kMarkedBody = "<div class=\"__PLATFORM_BODY\"><p>First paragraph of the body.</p></div>";
const char* kPlainBody = "<div class=\"content\"><p>First paragraph of the body.</p></div>";

Detection detect_in(const std::string& html) {
  winnow::html::Page page = winnow::html::parse_page(html);
  return detect_platform(library().lib.sets(), page.tree);
}

winnow::Article clean_page(const std::string& html, const std::string& url, bool generic = false) {
  winnow::Document doc = winnow::load_document(html);
  winnow::CleanRequest req;
  req.url = url;
  req.generic = generic;
  return winnow::clean(library().lib, doc, req);
}

}  // namespace

TEST_CASE("detect: [detect] is read from the base and never inherited") {
  const RuleLibrary& lib = library().lib.sets();
  const RuleSet* base = lib.by_name("platform");
  REQUIRE(base != nullptr);
  REQUIRE(base->detect.selectors.size() == 2);
  CHECK(base->detect.selectors[0].selector.text() == "div.__PLATFORM_BODY");
  CHECK(base->detect.selectors[0].where.line == 3);
  REQUIRE(base->detect.comments.size() == 1);
  CHECK(base->detect.comments[0].text == "(?i)^\\s*Built by Platform");
  CHECK(lib.by_name("site.test")->detect.empty());
  CHECK(lib.by_name("generic")->detect.empty());
}

TEST_CASE("detect: the real mastercms base lists markers; the sites that extend it do not") {
  const RuleSet* m = real_rules().by_name("mastercms");
  REQUIRE(m != nullptr);
  CHECK_FALSE(m->detect.selectors.empty());
  CHECK_FALSE(m->detect.comments.empty());
  for (const char* site : {"thoidai.com.vn", "tuoitrethudo.vn", "baoquocte.vn"}) {
    INFO(site);
    CHECK(real_rules().for_host(site)->detect.empty());
  }
  CHECK(real_rules().by_name("generic")->detect.empty());
  // MasterCMS's own markup: its caption table with its image class, its
  // closing comment. The caption table alone is not enough: a real page of a
  // site on another CMS carries it in its body (baodautu.vn, "Powered by
  // ITMEDIA"), with none of the system's other markers.
  const std::string table = "<table class=\"MASTERCMS_TPL_TABLE\"><tr><td>x</td></tr></table>";
  winnow::html::Page page =
      winnow::html::parse_page("<html><body><div class=\"article\">" + table + "</div></body></html>");
  CHECK(detect_platform(real_rules(), page.tree).set == nullptr);
  page = winnow::html::parse_page("<html><body><div class=\"article\">" + table +
                                  "<img class=\"__img_mastercms\" src=\"a.jpg\"></div></body></html>");
  Detection d = detect_platform(real_rules(), page.tree);
  REQUIRE(d.set != nullptr);
  CHECK(d.set->name == "mastercms");
  CHECK(d.marker == "table.MASTERCMS_TPL_TABLE + img.__img_mastercms");
  page = winnow::html::parse_page("<html><body><p>x</p></body></html>\n"
                                  "<!-- Gen by masterCMS superCached [detail:332318] in 0.0187s -->");
  d = detect_platform(real_rules(), page.tree);
  REQUIRE(d.set != nullptr);
  CHECK(d.set->name == "mastercms");
  CHECK(d.marker.find("Gen by masterCMS") != std::string::npos);
  // A plain page shows no platform.
  page = winnow::html::parse_page("<html><body><div class=\"content\"><p>x</p></div></body></html>");
  CHECK(detect_platform(real_rules(), page.tree).set == nullptr);
}

TEST_CASE("detect: a selector marker, a comment marker, or none") {
  Detection d = detect_in(article(kMarkedBody));
  REQUIRE(d.set != nullptr);
  CHECK(d.set->name == "platform");
  CHECK(d.marker == "div.__PLATFORM_BODY");
  CHECK(d.where.line == 3);

  d = detect_in(article(kPlainBody) + "\n<!--  built by platform v2.9 -->");
  REQUIRE(d.set != nullptr);
  CHECK(d.marker == "(?i)^\\s*Built by Platform");
  CHECK(d.where.line == 4);

  // A comment that only mentions the platform later in its text does not match
  // the anchored pattern; a class in a script's string is not an element.
  CHECK(detect_in(article(kPlainBody) + "<!-- not Built by Platform -->").set == nullptr);
  CHECK(detect_in(article(kPlainBody) + "<script>var c = \"__PLATFORM_BODY\";</script>").set == nullptr);
  CHECK(detect_in(article(kPlainBody)).set == nullptr);
}

TEST_CASE("detect: supporting selectors count two together, after the markers") {
  const std::string caption = "<table class=\"platform-caption\"><tr><td>A caption</td></tr></table>";
  const std::string image = "<img class=\"platform-img\" src=\"a.jpg\">";
  const std::string views = "<span class=\"platform-views\">12</span>";
  // One alone is markup another system may have copied.
  CHECK(detect_in(article("<div class=\"content\"><p>Text.</p>" + caption + "</div>")).set == nullptr);
  CHECK(detect_in(article("<div class=\"content\"><p>Text.</p>" + views + views + "</div>")).set == nullptr);
  // Two different ones are the platform; the marker names both, in file order,
  // and points at the first one's line.
  Detection d = detect_in(article("<div class=\"content\"><p>Text.</p>" + views + image + "</div>"));
  REQUIRE(d.set != nullptr);
  CHECK(d.marker == "img.platform-img + span.platform-views");
  CHECK(d.where.line == 5);
  // A marker of its own wins over supporting ones.
  d = detect_in(article(std::string(kMarkedBody) + caption + image));
  REQUIRE(d.set != nullptr);
  CHECK(d.marker == "div.__PLATFORM_BODY");
}

TEST_CASE("detect: a host without a rule file is cleaned with the detected base") {
  winnow::Article a = clean_page(article(kMarkedBody), "https://other.test/story-1.html");
  CHECK(a.extractor == "rules");
  CHECK(a.site.empty());
  CHECK(a.rules_path == library().base_path);
  CHECK(a.title == "The title");
  CHECK(a.lead == "The lead of the article.");
  CHECK(a.byline == "Minh Anh");
  CHECK(a.text().find("Another story") == std::string::npos);  // the base's drop
  CHECK(a.text().find("First paragraph of the body.") != std::string::npos);
  std::string note = "no rule file serves other.test: the page shows platform's markers (div.__PLATFORM_BODY (" +
                     library().base_path + ":3) on page line 6); cleaned with " + library().base_path;
  CHECK(std::find(a.warnings.begin(), a.warnings.end(), note) != a.warnings.end());

  // JSON: site null, rules the base's file.
  auto j = nlohmann::json::parse(winnow::to_json(a));
  CHECK(j["site"].is_null());
  CHECK(j["rules"] == library().base_path);
  CHECK(j["extractor"] == "rules");

  // explain's view of the same choice.
  winnow::Document doc = winnow::load_document(article(kMarkedBody));
  winnow::RuleChoice choice = winnow::choose_rules(library().lib, doc, {.url = "https://other.test/story-1.html"});
  CHECK(choice.chain.front() == library().base_path);
  CHECK(choice.detected_by == "div.__PLATFORM_BODY (" + library().base_path + ":3) on page line 6");
}

TEST_CASE("detect: the host's own rule file wins; --generic and unmarked pages skip detection") {
  winnow::Article site = clean_page(article(kMarkedBody), "https://www.site.test/story-1.html");
  CHECK(site.site == "site.test");
  winnow::Document doc = winnow::load_document(article(kMarkedBody));
  CHECK(winnow::choose_rules(library().lib, doc, {.url = "https://site.test/x.html"}).detected_by.empty());

  winnow::Article off = clean_page(article(kMarkedBody), "https://other.test/story-1.html", /*generic=*/true);
  CHECK(off.extractor == "generic");
  CHECK(off.rules_path != library().base_path);

  winnow::Article plain = clean_page(article(kPlainBody), "https://other.test/story-1.html");
  CHECK(plain.extractor == "generic");
  CHECK(plain.rules_path != library().base_path);
}

TEST_CASE("detect: a detected base that keeps too little gives way to the generic extractor, and says which") {
  // The real MasterCMS base chosen by the vendor's footer link, on a page
  // whose body is in a theme the base does not know.
  const winnow::RuleLibrary& lib = project_rules();
  std::string body = "<div class=\"content\">";
  for (int i = 0; i < 8; ++i)
    body += "<p>The council voted on Tuesday to widen the river path, a plan that has waited, in one form or "
            "another, for eleven years; work starts in March.</p>";
  body += "</div><footer><a href=\"https://mastercms.org/\">Based on MasterCMS Ultimate Edition</a></footer>";
  winnow::Document doc = winnow::load_document(article(body));
  winnow::CleanRequest req;
  req.url = "https://other.test/story-2.html";
  winnow::Article a = winnow::clean(lib, doc, req);
  CHECK(a.extractor == "generic");
  CHECK(a.drift);
  REQUIRE_FALSE(a.warnings.empty());
  CHECK(a.warnings.back().rfind("drift: the mastercms rules (chosen by detection) kept ", 0) == 0);
  CHECK(a.text().find("work starts in March.") != std::string::npos);
}

TEST_CASE("detect: a page without a URL is still detected") {
  winnow::Article a = clean_page(article(kMarkedBody), "");
  CHECK(a.rules_path == library().base_path);
  CHECK(a.warnings.back().rfind("page has no URL: the page shows platform's markers", 0) == 0);
}

TEST_CASE("detect: errors in [detect] are reported where they are written") {
  TempDir tmp;
  SUBCASE("an empty table") { expect_error(tmp, "base.toml", "# c\n[detect]\n", 2, 1, "[detect] lists no marker"); }
  SUBCASE("a single supporting selector, which could never count alone") {
    expect_error(tmp, "base.toml", "# c\n[detect]\nsupporting = ['table.x']\n", 2, 1, "[detect] lists no marker");
  }
  SUBCASE("an unknown key") {
    expect_error(tmp, "base.toml", "[detect]\nhtml = ['x']\n", 2, 8, "unknown key 'html' in [detect]");
  }
  SUBCASE("a bad selector") {
    expect_error(tmp, "base.toml", "[detect]\nselectors = [\"div[\"]\n", 2, 18, "bad selector \"div[\"");
  }
  SUBCASE("a bad pattern") {
    expect_error(tmp, "base.toml", "[detect]\ncomments = ['(unclosed']\n", 2, 14, "(unclosed");
  }
  SUBCASE("not a table") {
    expect_error(tmp, "base.toml", "detect = 3\n", 1, 10, "[detect] must be a table");
  }
}

TEST_CASE("detect: the mastercms base covers the v2.9 theme issue 13 reports") {
  // The classes issue 13 names for a MasterCMS v2.9 site with no rule file:
  // lead div.post-desc, byline div.post-meta a.article-author, date
  // span.post-publish-time, section .cat-name a (div.breadcrumb holds the
  // whole menu), related boxes div.cat-grid-3, div.cat-listing, #btnViewmore.
  const std::string html =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\n"
      "<div class=\"breadcrumb\"><ul><li><a href=\"/kinh-te\">Kinh tế</a><ul><li><a href=\"/tai-chinh\">Tài "
      "chính</a></li></ul></li><li><a href=\"/xa-hoi\">Xã hội</a></li></ul></div>\n"
      "<h1 class=\"post-title\">Giá lúa tăng mạnh</h1>\n"
      "<div class=\"post-meta\"><span class=\"cat-name\"><a href=\"/xa-hoi\">Xã hội</a></span>\n"
      "<a class=\"article-author\" href=\"/tac-gia/minh-anh\">Minh Anh</a>\n"
      "<span class=\"post-publish-time\">08:30 | 12/03/2025</span></div>\n"
      "<div class=\"post-desc\">Giá lúa tại đồng bằng tăng mạnh trong tuần.</div>\n"
      "<div class=\"post-content __MASTERCMS_CONTENT\"><div id=\"__MB_MASTERCMS_EL_3\" class=\"__MB_MASTERCMS_EL\">"
      "<p>Đoạn đầu của bài viết về giá lúa.</p></div></div>\n"
      "<div class=\"cat-grid-3\"><a href=\"/a-1.html\">Bài khác một</a></div>\n"
      "<div class=\"cat-listing\"><a href=\"/b-2.html\">Bài khác hai</a></div>\n"
      "<span id=\"btnViewmore\">Xem thêm</span>\n"
      "</body></html>";
  const winnow::RuleLibrary& lib = project_rules();
  winnow::Document doc = winnow::load_document(html);
  winnow::Article a = winnow::clean(lib, doc, {.url = "https://v29.example/gia-lua-tang-manh-1234.html"});
  CHECK(a.rules_path == rules_dir() + "/mastercms.toml");
  CHECK(a.site.empty());
  CHECK(a.title == "Giá lúa tăng mạnh");
  CHECK(a.lead == "Giá lúa tại đồng bằng tăng mạnh trong tuần.");
  // Byline and date are found by the theme's selectors. (Here they share one
  // rendered line, which goes to the first field that holds it: the byline
  // line then carries the time too, a limit of line-based fields.)
  auto matched = [&](const std::string& field) {
    for (const winnow::FieldMatch& f : a.fields)
      if (f.field == field && f.rejected.empty()) return f.selector;
    return std::string("(none)");
  };
  CHECK(matched("byline") == "div.post-meta a.article-author");
  CHECK(matched("dateline") == "span.post-publish-time");
  CHECK(matched("lead") == "div.post-desc");
  REQUIRE(a.byline.has_value());
  CHECK(a.byline->rfind("Minh Anh", 0) == 0);
  REQUIRE(a.section.has_value());
  CHECK(*a.section == std::vector<std::string>{"Xã hội"});
  CHECK(a.text().find("Đoạn đầu của bài viết về giá lúa.") != std::string::npos);
  for (const char* gone : {"Bài khác một", "Bài khác hai", "Xem thêm", "Tài chính"}) {
    INFO(gone);
    CHECK(a.text().find(gone) == std::string::npos);
  }
}
