// The page's metadata: entities decoded, the title without the site's
// affixes, the authors as persons, and the fields every page gets
// (description, image, site_name, tags, language) on both extractors' paths.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "clean_test_util.h"
#include "extract/authors.h"
#include "extract/entities.h"
#include "extract/generic_meta.h"
#include "extract/metadata.h"
#include "extract/page_fields.h"
#include "extract/title.h"
#include "html/page.h"

namespace ex = winnow::extract;

namespace {

struct Parsed {
  winnow::html::Page page;
  ex::PageMeta meta;
};

Parsed parse(const std::string& head, const std::string& body) {
  Parsed p{winnow::html::parse_page(page(head, body)), {}};
  p.meta = ex::read_page_meta(p.page.tree);
  return p;
}

std::string ld(const std::string& json) { return R"(<script type="application/ld+json">)" + json + "</script>"; }

}  // namespace

TEST_CASE("entities: named, numeric, bare Latin-1, double-escaped") {
  CHECK(ex::decode_entities("zerst&ouml;ren") == "zerstören");
  CHECK(ex::decode_entities("&quot;Hi&quot; &amp; bye") == "\"Hi\" & bye");
  CHECK(ex::decode_entities("caf&#233; &#xE9;&#XE9; &#226;") == "café éé â");
  CHECK(ex::decode_entities("It&#8217;s &ndash; &hellip;") == "It’s – …");
  CHECK(ex::decode_entities("&amp;quot;twice&amp;quot;") == "\"twice\"");
  CHECK(ex::decode_entities("&Scaron;koda &scaron; &Lstrok;&oacute;d&zacute;") == "Škoda š Łódź");
  CHECK(ex::decode_entities("&#150; &#146;") == "– ’");  // windows-1252's C1 range, as HTML maps it
  CHECK(ex::decode_entities("caf&eacute au lait") == "café au lait");  // Latin-1 names may go bare
  CHECK(ex::decode_entities("AT&T &nosuch; & &#; &#xZZ;") == "AT&T &nosuch; & &#; &#xZZ;");
  CHECK(ex::decode_entities("&#0;&#xD800;") == "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("metadata: JSON-LD strings and meta contents decoded; the main item is the page's") {
  Parsed p = parse(
      R"(<meta property="og:title" content="A &amp;quot;quoted&amp;quot; title"><link rel="canonical" href="https://news.test/a-1.html">)" +
          ld(R"({"@type":"ItemList","itemListElement":[{"@type":"NewsArticle","headline":"Related story"}]})") +
          ld(R"([{"@type":"NewsArticle","headline":"Other &quot;item&quot;","url":"https://news.test/b-2.html"},
                 {"@type":"NewsArticle","headline":"The page&#8217;s own","mainEntityOfPage":{"@id":"https://www.news.test/a-1.html/"}}])"),
      "");
  CHECK(p.meta.og_title == "A \"quoted\" title");
  // URLs are not decoded twice: "&amp;sect=" is "&sect=" in the URL, not "§".
  Parsed url = parse(R"(<meta property="og:image" content="https://news.test/i.jpg?a=1&amp;sect=2">)", "");
  CHECK(url.meta.og_image == "https://news.test/i.jpg?a=1&sect=2");
  CHECK(p.meta.linked.headline == "The page’s own");
}

TEST_CASE("metadata: the JSON-LD breadcrumb's names in position order, less the home page's entry") {
  // baochinhphu.vn's shape: the first entry links the site's root ("Trang
  // chủ"), a navigation step and no section, in whatever language it is named.
  Parsed p = parse(ld(R"({"@type":"BreadcrumbList","itemListElement":[
      {"@type":"ListItem","position":2,"item":{"@id":"https://news.test/kinh-te.htm","name":"Kinh tế"}},
      {"@type":"ListItem","position":1,"item":{"@id":"https://news.test","name":"Trang chủ"}},
      {"@type":"ListItem","position":3,"item":{"@id":"https://news.test/kinh-te/ngan-hang.htm","name":"Ngân hàng"}}]})"),
                   "");
  CHECK(p.meta.linked.breadcrumb == std::vector<std::string>{"Kinh tế", "Ngân hàng"});
  // The root as a URL string, with a slash, or relative; a page under it stays.
  for (const char* home : {R"("item":"https://www.news.test/")", R"("item":"/")", R"("url":"http://news.test/?ref=bc")"}) {
    Parsed q = parse(ld(std::string(R"({"@type":"BreadcrumbList","itemListElement":[{"position":1,"name":"Home",)") + home +
                        R"(},{"position":2,"name":"World","item":"https://news.test/world/"}]})"),
                     "");
    CHECK(q.meta.linked.breadcrumb == std::vector<std::string>{"World"});
  }
  // No URL: nothing says it is the home page; the name alone stays.
  Parsed n = parse(ld(R"({"@type":"BreadcrumbList","itemListElement":[{"position":1,"name":"Home"}]})"), "");
  CHECK(n.meta.linked.breadcrumb == std::vector<std::string>{"Home"});
}

TEST_CASE("title: site affixes learned from og:site_name, the host, dates; the <h1> that agrees") {
  const std::vector<std::string> sites = {"Börsen-Zeitung", "DW"};
  CHECK(ex::strip_site_affixes("Zinsen steigen | Börsen-Zeitung", sites, "") == "Zinsen steigen");
  CHECK(ex::strip_site_affixes("Wahl in Polen | DW | 28.04.2023", sites, "www.dw.com") == "Wahl in Polen");
  CHECK(ex::strip_site_affixes("Giá vàng hôm nay - Netbiz", {}, "netbiz.net.vn") == "Giá vàng hôm nay");
  CHECK(ex::strip_site_affixes("Help Net Security: Deals to explore", {}, "www.helpnetsecurity.com") ==
        "Deals to explore");
  // A colon inside the headline stays; so does a segment that is not the
  // site, and a long one that only mentions it.
  CHECK(ex::strip_site_affixes("Blogs ranked by Wday.ru: the list", {}, "wday.ru") == "Blogs ranked by Wday.ru: the list");
  CHECK(ex::strip_site_affixes("Fitness Trends 2025: 9 Things - Top Picks", {}, "hevy.com") ==
        "Fitness Trends 2025: 9 Things - Top Picks");

  SUBCASE("the <h1> that the metadata's title begins is the title, as the page writes it") {
    Parsed p = parse(R"(<title>Best Movers in NYC 2025 | Top 19 Companies</title>)",
                     "<h1>Best Movers in NYC 2025</h1><h1>Other</h1>");
    CHECK(ex::choose_title(p.page.tree, p.meta) == "Best Movers in NYC 2025");
  }
  SUBCASE("the <h1> the metadata's title ends with; one heading twice is one") {
    Parsed p = parse(R"(<meta property="og:title" content="Garnix Blog: Hardware-Attested Nix Builds">)",
                     "<h1>Hardware-Attested Nix Builds</h1><h1>What is attestation</h1>");
    CHECK(ex::choose_title(p.page.tree, p.meta) == "Hardware-Attested Nix Builds");
    Parsed twice = parse(R"(<title>How do you set up a workspace? - Desks</title>)",
                         "<h1>Setting up a workspace</h1><h1>Setting up a  workspace</h1>");
    CHECK(ex::choose_title(twice.page.tree, twice.meta) == "Setting up a workspace");
  }
  SUBCASE("an <h1> that shares no word with the metadata's titles is a promotion, not the headline") {
    Parsed p = parse(R"(<meta property="og:title" content="How Google Cloud runs AI inference">)",
                     "<article><h1>A message from our co-founder</h1></article>");
    CHECK(ex::choose_title(p.page.tree, p.meta) == "How Google Cloud runs AI inference");
  }
  SUBCASE("of several <h1>s that agree with nothing, the one in the <article>") {
    Parsed p = parse(R"(<meta property="og:title" content="A social headline">)",
                     "<h1>Site Menu Heading</h1><article><h1>The displayed headline</h1></article>");
    CHECK(ex::choose_title(p.page.tree, p.meta) == "The displayed headline");
  }
  SUBCASE("a <br> inside the <h1> parts its words") {
    Parsed p = parse("<title>Weekend Coding Agent | Labs</title>", "<h1> WEEKEND<br>CODING<br> <span>AGENT</span> </h1>");
    CHECK(ex::choose_title(p.page.tree, p.meta) == "WEEKEND CODING AGENT");
  }
  SUBCASE("the page's only <h1>, though worded otherwise than og:title") {
    Parsed p = parse(R"(<meta property="og:title" content="Nutrition Trends For 2026 - Tastewise">)",
                     "<h1>Top 10 Nutrition Trends to Watch</h1>");
    CHECK(ex::choose_title(p.page.tree, p.meta) == "Top 10 Nutrition Trends to Watch");
  }
  SUBCASE("a logo <h1> (a link home, the <title>'s last segment) is the site, not the title") {
    Parsed p = parse(R"(<title>Yoga Will Not Fix It &#8211; Yoga Pathways</title>)",
                     R"(<h1><a href="https://yoga.test/" rel="home">Yoga Pathways</a></h1>)");
    CHECK(ex::choose_title(p.page.tree, p.meta) == "Yoga Will Not Fix It");
  }
  SUBCASE("through clean: the rules' fallback title has its suffix removed") {
    Article a = clean(page(R"(<title>Tag title | News Test</title><meta property="og:site_name" content="News Test">)",
                           R"(<div class="body"><p>Body.</p></div>)"));
    CHECK(a.title == "Tag title");
  }
}

TEST_CASE("authors: names cleaned, the publisher never an author") {
  const ex::Publisher pub{{"VnExpress"}, "vnexpress.net"};
  CHECK(ex::clean_author("Bình Minh -", pub) == "Bình Minh");
  CHECK(ex::clean_author("By Jane Doe", pub) == "Jane Doe");
  CHECK(ex::clean_author("Theo Minh Anh", pub) == "Minh Anh");
  CHECK(ex::clean_author("BySummer Swann", pub) == "Summer Swann");
  CHECK(ex::clean_author("john@x.com", pub) == "");
  CHECK(ex::clean_author("John Smith (john@x.com)", pub) == "John Smith");
  CHECK(ex::clean_author("VnExpress", pub) == "");
  CHECK(ex::clean_author("Deutsche Welle (www.dw.com)", pub) == "Deutsche Welle");
  CHECK(ex::clean_author("Deutsche Welle www.dw.com", pub) == "");
  CHECK(ex::clean_author("jdoe42", pub) == "");
  CHECK(ex::clean_author("admin", pub) == "");
  CHECK(ex::clean_author("Full bio", pub) == "");
  CHECK(ex::split_byline("Von Anna Berg und Jan Ott", pub) == Lines{"Anna Berg", "Jan Ott"});
  CHECK(ex::split_byline("By A. Smith, B. Jones & C. Poe", pub) == Lines{"A. Smith", "B. Jones", "C. Poe"});
  CHECK(ex::split_byline("Ann Lee; ann lee | Bo Chan", pub) == Lines{"Ann Lee", "Bo Chan"});
  // A job or a date beside the name is not a name; a bracket the name opened stays.
  CHECK(ex::split_byline("By STEVE PEOPLES, AP National Political Writer", pub) == Lines{"STEVE PEOPLES"});
  CHECK(ex::split_byline("Analysis by Chris Cillizza, CNN Editor-at-large", pub) == Lines{"Chris Cillizza"});
  CHECK(ex::split_byline("Jeff Foust\nMonday", pub) == Lines{"Jeff Foust"});
  CHECK(ex::split_byline("Minh Anh (T/h)", pub) == Lines{"Minh Anh"});  // a note after the name
  CHECK(ex::split_byline("Hà Phương (theo Reuters)", pub) == Lines{"Hà Phương"});
  CHECK(ex::split_byline("Текст: Лида Буслаева", pub) == Lines{"Лида Буслаева"});
  CHECK(ex::clean_author(R"(type": "Article)", pub) == "");
  // A name's words are capitalized but for particles; a sentence is no name.
  CHECK(ex::clean_author("Erik van der Merwe", pub) == "Erik van der Merwe");
  CHECK(ex::clean_author("Heard on All Things", pub) == "");
  CHECK(ex::clean_author("a bartender", pub) == "");
  CHECK(ex::clean_author("From the Journal", pub) == "");
  CHECK(ex::clean_author("Investing in inventions.", pub) == "");
  CHECK(ex::clean_author("Jeff T.", pub) == "Jeff T.");
}

TEST_CASE("authors: JSON-LD Person authors over Organization, all of them, never the publisher") {
  SUBCASE("several persons") {
    Parsed p = parse(ld(R"({"@type":"NewsArticle","author":[{"@type":"Person","name":"Ann Lee"},
                         {"@type":"Organization","name":"Wire Service"},{"@type":"Person","name":"Bo Chan"}],
                         "publisher":{"@type":"Organization","name":"The Daily"}})"),
                     "");
    CHECK(ex::page_authors(p.page.tree, p.meta) == Lines{"Ann Lee", "Bo Chan"});
  }
  SUBCASE("the author named by @id in a @graph") {
    Parsed p = parse(ld(R"({"@graph":[{"@type":"Article","author":{"@id":"#p1"}},
                         {"@type":"Person","@id":"#p1","name":"Melanie Hanson"}]})"),
                     "");
    CHECK(ex::page_authors(p.page.tree, p.meta) == Lines{"Melanie Hanson"});
  }
  SUBCASE("an organization that is the site is not an author; the byline in the markup is") {
    Parsed p = parse(R"(<meta property="og:site_name" content="VnExpress">)" +
                         ld(R"({"@type":"NewsArticle","author":{"@type":"Organization","name":"VnExpress"}})"),
                     R"(<div class="post-meta"><a class="article-author" href="/tac-gia/x">Lan Hương</a></div>)");
    CHECK(ex::page_authors(p.page.tree, p.meta) == Lines{"Lan Hương"});
  }
  SUBCASE("a rel=author link; a label and the name after it; not a comment's author") {
    Parsed link = parse("", R"(<div class="comment-author">Troll</div><a rel="author" href="/u/k">Kim Ode</a>)");
    CHECK(ex::page_authors(link.page.tree, link.meta) == Lines{"Kim Ode"});
    Parsed label = parse("", R"(<div><p>Written by</p><p>Edzel Tabing</p></div>)");
    CHECK(ex::page_authors(label.page.tree, label.meta) == Lines{"Edzel Tabing"});
  }
  SUBCASE("a byline's name and date in separate elements stay apart; script text is no name") {
    Parsed p = parse("", R"(<div class="byline"><script>var author = "x";</script><span>Jeff Foust</span><span>Monday</span></div>)");
    CHECK(ex::page_authors(p.page.tree, p.meta) == Lines{"Jeff Foust"});
  }
  SUBCASE("a classless \"By <link>\" byline") {
    Parsed p = parse("", R"(<p><strong>By <a href="/team/v-osman">Dr. Vahid Osman</a></strong> - Mar 3</p>)");
    CHECK(ex::page_authors(p.page.tree, p.meta) == Lines{"Dr. Vahid Osman"});
  }
  SUBCASE("\"Written by\" and the name in one element; an author box's first line") {
    Parsed written = parse("", R"(<p>Written by John Crenshaw</p>)");
    CHECK(ex::page_authors(written.page.tree, written.meta) == Lines{"John Crenshaw"});
    std::string bio(200, 'x');
    Parsed box = parse("", R"(<div class="author-text"><div>Lauren Vetter</div><p>Lauren writes )" + bio + "</p></div>");
    CHECK(ex::page_authors(box.page.tree, box.meta) == Lines{"Lauren Vetter"});
    Parsed comment = parse("", R"(<p>Written by<!-- --> <a href="/blog/author/mk">Moses Kim and Kate Shokurova</a></p>)");
    CHECK(ex::page_authors(comment.page.tree, comment.meta) == Lines{"Moses Kim", "Kate Shokurova"});
    Parsed dated = parse("", R"(<p>by: <!-- -->Ziyi Xu<!-- -->,<!-- --> <!-- -->Dec 17, 2025</p>)");
    CHECK(ex::page_authors(dated.page.tree, dated.meta) == Lines{"Ziyi Xu"});
    Parsed aside = parse("", R"(<p>By the way, this is not a byline</p>)");
    CHECK(ex::page_authors(aside.page.tree, aside.meta).empty());
  }
  SUBCASE("a blog's publisher that is a Person is the author, not the site") {
    Parsed p = parse(ld(R"({"@graph":[{"@type":"Article","author":{"@id":"#me"},"publisher":{"@id":"#me"}},
                         {"@type":["Person","Organization"],"@id":"#me","name":"Gabby Boucher"}]})"),
                     "");
    CHECK(ex::page_authors(p.page.tree, p.meta) == Lines{"Gabby Boucher"});
  }
  SUBCASE("<meta name=author> split and cleaned") {
    Parsed p = parse(R"(<meta name="author" content="By Ann Lee and Bo Chan">)", "");
    CHECK(ex::page_authors(p.page.tree, p.meta) == Lines{"Ann Lee", "Bo Chan"});
  }
}

TEST_CASE("byline: a declared Person author that is a credit stays the page's byline, with no author") {
  // "Theo Báo Chính phủ" ("after the Government newspaper"): the article
  // declares it as its author; it names no person, but it is the byline the
  // page shows. The publisher declared as a Person is not.
  ex::Publisher pub{{"Thời Đại"}, "thoidai.com.vn"};
  CHECK(ex::clean_author("Theo Báo Chính phủ", pub).empty());
  Parsed credit = parse(R"(<meta property="og:site_name" content="Thời Đại">)" +
                            ld(R"({"@type":"NewsArticle","author":{"@type":"Person","name":"Theo Báo Chính phủ"}})"),
                        "<h1>Tiêu đề</h1>");
  winnow::Article a;
  ex::fill_generic_meta(credit.page.tree, credit.meta, &a);
  CHECK(a.authors.empty());
  CHECK(a.byline == std::optional<std::string>("Theo Báo Chính phủ"));
  Parsed site = parse(R"(<meta property="og:site_name" content="Thời Đại">)" +
                          ld(R"({"@type":"NewsArticle","author":{"@type":"Person","name":"Thời Đại"}})"),
                      "<h1>Tiêu đề</h1>");
  winnow::Article b;
  ex::fill_generic_meta(site.page.tree, site.meta, &b);
  CHECK_FALSE(b.byline);
}

TEST_CASE("authors: the signature at the article's end") {
  const ex::Publisher pub{{"VnExpress"}, "vnexpress.net"};
  CHECK(ex::signature_author("Minh Anh", pub) == "Minh Anh");
  CHECK(ex::signature_author("Bình Minh -", pub) == "Bình Minh");
  CHECK(ex::signature_author("VnExpress", pub) == "");
  CHECK(ex::signature_author("The end of the story.", pub) == "");
  CHECK(ex::signature_author("Read more", pub) == "");
  CHECK(ex::signature_author("From The Wall Street Journal", pub) == "");
}

TEST_CASE("clean: authors and byline on the rules path; the page's fields on every page") {
  const std::string head =
      R"(<meta property="og:description" content="A &amp;quot;short&amp;quot; summary.">
         <meta property="og:image" content="/img/lead.jpg">
         <meta property="og:site_name" content="News Test">
         <meta property="article:tag" content="Asia"><meta property="article:tag" content=" asia ">
         <meta property="article:tag" content="Trade">
         <meta name="keywords" content="ignored, since, article tags exist">)";
  SUBCASE("the site's byline stays the byline; the authors are parsed from it") {
    Article a = clean(page(head, R"(<h1 class="title">T</h1><div class="body"><p>Body.</p></div><p class="author">Theo Minh Anh -</p>)"));
    CHECK(a.byline == "Theo Minh Anh -");
    CHECK(a.authors == Lines{"Minh Anh"});
    CHECK(a.description == "A \"short\" summary.");
    CHECK(a.image == "https://news.test/img/lead.jpg");
    CHECK(a.site_name == "News Test");
    CHECK(a.tags == Lines{"Asia", "Trade"});
    CHECK_FALSE(a.language.has_value());
  }
  SUBCASE("no byline text: the authors joined; language from og:locale") {
    Article a = clean(page(R"(<meta property="og:locale" content="vi_VN">)" +
                               ld(R"({"@type":"NewsArticle","author":[{"@type":"Person","name":"A B"},{"@type":"Person","name":"C D"}],"keywords":["x","y"]})"),
                           R"(<h1 class="title">T</h1><div class="body"><p>Body.</p></div>)"));
    CHECK(a.byline == "A B, C D");
    CHECK(a.authors == Lines{"A B", "C D"});
    CHECK(a.tags == Lines{"x", "y"});
    CHECK(a.language == "vi-VN");
    CHECK_FALSE(a.description.has_value());
  }
  SUBCASE("the generic path: the same fields, the signature paragraph as the author") {
    std::string body = "<article><h1>Ha Noi opens a new bridge</h1>";
    for (int i = 0; i < 6; ++i)
      body += "<p>The new bridge across the river opened on Monday morning, and thousands of people crossed it "
              "on foot before the first cars were let on in the afternoon.</p>";
    body += "<p>Minh Anh</p></article>";
    SUBCASE("a signature over an Organization author that is not the site") {
      Article org = clean(page(ld(R"({"@type":"NewsArticle","author":{"@type":"Organization","name":"Báo Chính Phủ"}})"), body),
                          "https://other.test/bridge.html");
      CHECK(org.authors == Lines{"Minh Anh"});
      CHECK(org.byline == "Minh Anh");
    }
    Article a = clean(page(R"(<html lang="vi"><meta name="news_keywords" content="cầu, Hà Nội, cầu">)" +
                               std::string(R"(<meta name="twitter:image" content="//cdn.test/b.jpg">)"),
                           body),
                      "https://other.test/bridge.html");
    CHECK(a.extractor == "generic");
    CHECK(a.title == "Ha Noi opens a new bridge");
    CHECK(a.authors == Lines{"Minh Anh"});
    CHECK(a.byline == "Minh Anh");
    CHECK(a.tags == Lines{"cầu", "Hà Nội"});
    CHECK(a.image == "https://cdn.test/b.jpg");
  }
}

TEST_CASE("absolute_url") {
  CHECK(ex::absolute_url("https://a.test/x.jpg", "https://b.test/p/q.html") == "https://a.test/x.jpg");
  CHECK(ex::absolute_url("//cdn.test/x.jpg", "http://b.test/p/q.html") == "http://cdn.test/x.jpg");
  CHECK(ex::absolute_url("/x.jpg", "https://b.test/p/q.html?y=1") == "https://b.test/x.jpg");
  CHECK(ex::absolute_url("x.jpg", "https://b.test/p/q.html") == "https://b.test/p/x.jpg");
  CHECK(ex::absolute_url("x.jpg", "") == "");
  CHECK(ex::absolute_url("data:image/png;base64,AAA", "https://b.test/") == "");
}
