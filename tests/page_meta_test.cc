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
  // The site's name shortened to its first words (two or more, half of them).
  CHECK(ex::strip_site_affixes("Website Design Portfolio | Thrive Internet Marketing",
                               {"Thrive Internet Marketing Agency"}, "") == "Website Design Portfolio");
  CHECK(ex::strip_site_affixes("Forecast | New York", {"New York Daily Post Times"}, "") == "Forecast | New York");
  CHECK(ex::strip_site_affixes("Review | Thrive", {"Thrive Internet"}, "") == "Review | Thrive");
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
  SUBCASE("a <br> inside the <h1> parts its words; an all-capitals <h1> is the <title>'s words restyled") {
    Parsed p = parse("<title>Weekend Coding Agent | Labs</title>", "<h1> WEEKEND<br>CODING<br> <span>AGENT</span> </h1>");
    CHECK(ex::choose_title(p.page.tree, p.meta) == "Weekend Coding Agent");
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
  SUBCASE("restyled <h1>s: all capitals, a lower-case first letter; the metadata's letters") {
    Parsed caps = parse(R"(<meta property="og:title" content="Tips for Online Success">)",
                        "<h1>TIPS FOR ONLINE SUCCESS</h1>");
    CHECK(ex::choose_title(caps.page.tree, caps.meta) == "Tips for Online Success");
    Parsed first = parse(R"(<title>History of coffee | Origin, Facts | Britannica</title>
                            <meta property="og:site_name" content="Britannica">)",
                         "<main><h1>history of coffee</h1></main>");
    CHECK(ex::choose_title(first.page.tree, first.meta) == "History of coffee");
    // The metadata in capitals is no better written: the <h1> stays.
    Parsed dictionary = parse("<title>RESTAURANT Definition &amp; Meaning | Words</title>", "<h1>restaurant</h1>");
    CHECK(ex::choose_title(dictionary.page.tree, dictionary.meta) == "restaurant");
  }
  SUBCASE("an only <h1> in capitals, in other words: the metadata's title in mixed case that shares one") {
    Parsed p = parse(R"(<meta property="og:title" content="GAAP Compliance: Applying Best Practices">)",
                     "<h1>SUPPORTING GAAP COMPLIANCE</h1>");
    CHECK(ex::choose_title(p.page.tree, p.meta) == "GAAP Compliance: Applying Best Practices");
    // Capitals in the metadata too: the page's own words.
    Parsed both = parse(R"(<meta property="og:title" content="ACTUARIAL CONSULTING VS. INSURANCE">)",
                        "<h1>ACTUARIAL CONSULTING VS. INSURANCE</h1>");
    CHECK(ex::choose_title(both.page.tree, both.meta) == "ACTUARIAL CONSULTING VS. INSURANCE");
  }
  SUBCASE("a kicker before a colon the metadata leaves out; characters lost as '?'") {
    Parsed kicker = parse(R"(<meta property="og:title" content="Best Agencies in 2025 (Ranked) | Silver Test">
                             <meta property="og:site_name" content="Silver Test">)",
                          "<article><h1><strong>Blog:</strong> Best Agencies in 2025 (Ranked)</h1></article>");
    CHECK(ex::choose_title(kicker.page.tree, kicker.meta) == "Best Agencies in 2025 (Ranked)");
    Parsed lost = parse(R"(<meta property="og:title" content="The Basics Of Event Planning: Beginner&#8217;s Guide">)",
                        "<h1>The Basics Of Event Planning? Beginner? Guide</h1>");
    CHECK(ex::choose_title(lost.page.tree, lost.meta) == "The Basics Of Event Planning: Beginner’s Guide");
    // A question the <h1> asks is not a lost character.
    Parsed asks = parse(R"(<meta property="og:title" content="Is it time to sell: a guide">)",
                        "<h1>Is it time to sell?</h1>");
    CHECK(ex::choose_title(asks.page.tree, asks.meta) == "Is it time to sell?");
  }
  SUBCASE("the <h1> agrees with the metadata though their quotes differ") {
    Parsed p = parse(R"(<meta property="og:title" content="Anthony's Top 10 Games of 2025 - Gamers Test">
                        <meta property="og:site_name" content="Gamers Test">)",
                     "<h1>Anthony&#8217;s Top 10 Games of 2025</h1><article><h1>The Top 10 Games of 2025</h1></article>");
    CHECK(ex::choose_title(p.page.tree, p.meta) == "Anthony’s Top 10 Games of 2025");
  }
  SUBCASE("an <h1> loses the site's affixes too; a <time> inside it is the dateline") {
    Parsed site = parse(R"(<meta property="og:title" content="Critics’ Choice: Best Exhibitions 2025 – Artlyst - Artlyst">
                           <meta property="og:site_name" content="Artlyst">)",
                        "<h1>Critics’ Choice: Best Exhibitions 2025 – Artlyst</h1>");
    CHECK(ex::choose_title(site.page.tree, site.meta) == "Critics’ Choice: Best Exhibitions 2025");
    Parsed dated = parse(R"(<meta property="og:title" content="Preparing a transition in Debusine">)",
                         R"(<h1><a href="/blog/x.html"><time datetime="2025-12-18">Dec <span>18</span> 2025</time>
                            Preparing a transition in&nbsp;Debusine</a></h1>)");
    CHECK(ex::choose_title(dated.page.tree, dated.meta) == "Preparing a transition in Debusine");
  }
  SUBCASE("the <title>'s last segment is the headline when its first names the site") {
    // (Were the <h1> taken for the site's name, og:title would lose its headline.)
    Parsed p = parse(R"(<title>NASA SVS | Impact of Climate Change on Yields</title>
                        <meta property="og:title" content="NASA Visualization Studio | Impact of Climate Change on Yields">
                        <meta property="og:site_name" content="NASA Visualization Studio">
                        <link rel="canonical" href="https://svs.nasa.test/4974">)",
                     "<h1>Impact of Climate Change on Yields</h1>");
    CHECK(ex::choose_title(p.page.tree, p.meta) == "Impact of Climate Change on Yields");
  }
  SUBCASE("the host from the URL the page was fetched from; a section the URL's path names") {
    Parsed p = parse("<title>How to Make a Good Game: 5 Tips | GDevelop</title>", "<p>No heading.</p>");
    CHECK(ex::choose_title(p.page.tree, p.meta) == "How to Make a Good Game: 5 Tips | GDevelop");
    CHECK(ex::choose_title(p.page.tree, p.meta, "https://gdevelop.test/page/how-to-make-a-good-game") ==
          "How to Make a Good Game: 5 Tips");
    CHECK(ex::path_sections("https://news.test/story/opinion/contributors/2025/12/19/how-meditation-rewires-brains/87830855007/?x=1") ==
          std::vector<std::string>{"story", "opinion", "contributors"});
    Parsed opinion = parse(R"(<title>How meditation rewires brains | Opinion</title>
                              <link rel="canonical" href="https://news.test/story/opinion/2025/slug/">)",
                           "<article><h1>How meditation rewires brains | Opinion</h1></article>");
    CHECK(ex::choose_title(opinion.page.tree, opinion.meta) == "How meditation rewires brains");
    // Only after the headline: a section before it may be its kicker; and
    // the page's own slug is no section.
    CHECK(ex::strip_site_affixes("Planning Tools – Caterer Sheet", {}, "", {"planningtools"}) ==
          "Planning Tools – Caterer Sheet");
    CHECK(ex::strip_site_affixes("Webcams - Yosemite", {}, "", ex::path_sections("https://park.test/yose/webcams.htm")) ==
          "Webcams - Yosemite");
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

TEST_CASE("authors: page_authors_once answers again what it found for the same page and options") {
  Parsed p = parse("",
                   R"(<main><p class="byline">By <a href="/authors/ann-lee">Ann Lee</a></p><p>Text.</p></main>)");
  Parsed q = parse("", R"(<main><p class="byline">By <a href="/authors/bo-chan">Bo Chan</a></p></main>)");
  ex::FoundAuthors found;
  bool orgs = true;
  const Lines first = ex::page_authors_once(p.page.tree, p.meta, &orgs, {}, &found);
  CHECK(first == ex::page_authors(p.page.tree, p.meta));
  CHECK(first == Lines{"Ann Lee"});
  CHECK_FALSE(orgs);
  CHECK(found.tree == &p.page.tree);
  // The same page and options: the kept answer; it is not looked for again
  // (a changed record shows it).
  found.authors = {"Kept Answer"};
  CHECK(ex::page_authors_once(p.page.tree, p.meta, nullptr, {}, &found) == Lines{"Kept Answer"});
  // Other options or another page: looked for afresh.
  CHECK(ex::page_authors_once(p.page.tree, p.meta, nullptr, {.organizations = true}, &found) == first);
  CHECK(ex::page_authors_once(q.page.tree, q.meta, nullptr, {.organizations = true}, &found) == Lines{"Bo Chan"});
  CHECK(ex::page_authors_once(q.page.tree, q.meta, nullptr, {}, nullptr) == Lines{"Bo Chan"});
}

TEST_CASE("authors: a label the page opens with a no-break space is a label") {
  Parsed p = parse("", "<main><div><span>&nbsp;Written by</span> <span>Ann Lee</span></div><p>Text.</p></main>");
  CHECK(ex::page_authors(p.page.tree, p.meta) == Lines{"Ann Lee"});
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
  // With organizations as authors: the credit's paper, not the site that
  // <meta name=author> names; the credit stays the byline.
  Parsed both = parse(R"(<meta property="og:site_name" content="Thời Đại"><meta name="author" content="Tạp chí Thời Đại">)" +
                          ld(R"({"@type":"NewsArticle","author":{"@type":"Person","name":"Theo Báo Chính phủ"}})"),
                      "<h1>Tiêu đề</h1>");
  const ex::AuthorOptions on{true};
  CHECK(ex::page_authors(both.page.tree, both.meta, nullptr, on) == Lines{"Báo Chính phủ"});
  winnow::Article c;
  ex::fill_generic_meta(both.page.tree, both.meta, &c, {}, on);
  CHECK(c.byline == std::optional<std::string>("Theo Báo Chính phủ"));
}

TEST_CASE("authors: a declared author field keeps its CMS's handle; a byline's text does not") {
  const ex::Publisher pub{{"Lakecrest Dental"}, "lakecrestdental.com"};
  CHECK(ex::clean_author("stephenlega", pub, ex::NameSource::kDeclared) == "stephenlega");
  CHECK(ex::clean_author("kirstin boatto", pub, ex::NameSource::kDeclared) == "kirstin boatto");
  CHECK(ex::clean_author("stephenlega", pub) == "");
  CHECK(ex::clean_author("a bartender", pub) == "");
  // Still no handle with digits, no placeholder, no site.
  CHECK(ex::clean_author("jdoe42", pub, ex::NameSource::kDeclared) == "");
  CHECK(ex::clean_author("admin", pub, ex::NameSource::kDeclared) == "");
  CHECK(ex::clean_author("Lakecrest Dental", pub, ex::NameSource::kDeclared) == "");
  Parsed p = parse(R"(<meta name="author" content="stephenlega">)", "");
  CHECK(ex::page_authors(p.page.tree, p.meta) == Lines{"stephenlega"});
  CHECK(ex::clean_author("page.head.extra.author", pub, ex::NameSource::kDeclared) == "");  // a template's slot
  // A name the page shows comes before a declared handle.
  Parsed shown = parse(R"(<meta name="author" content="andrew.keaveney">)", R"(<p class="byline">By Denise Everheart</p>)");
  CHECK(ex::page_authors(shown.page.tree, shown.meta) == Lines{"Denise Everheart"});
  // JSON-LD's @type in lower case is a Person still.
  Parsed lower = parse(ld(R"({"@type":"BlogPosting","author":{"@type":"person","name":"Derek Seaman"}})"), "");
  bool organizations_only = true;
  CHECK(ex::page_authors(lower.page.tree, lower.meta, &organizations_only) == Lines{"Derek Seaman"});
  CHECK_FALSE(organizations_only);  // a person, not an organization
}

TEST_CASE("authors: scholarly citation_author tags, each one author, \"Last, First\" turned") {
  Parsed p = parse(R"(<meta name="citation_author" content="Roy, Aniruddha">)"
                   R"(<meta name="citation_author" content="Jyoti Patel"><meta name="DC.Creator" content="Das, Amitava">)",
                   "");
  CHECK(ex::page_authors(p.page.tree, p.meta) == Lines{"Aniruddha Roy", "Jyoti Patel", "Amitava Das"});
}

TEST_CASE("authors: what reads as a byline but names no author") {
  const ex::Publisher pub{{"The Daily"}, "daily.test"};
  SUBCASE("a menu's group label in the site's navigation") {
    Parsed p = parse("", R"(<nav><ul><li><h4>By Company Size</h4><ul><li><a href="/s">Small</a></li></ul></li></ul></nav>)"
                         R"(<div role="menu"><p>BY EVENT TYPE</p></div>)");
    CHECK(ex::page_authors(p.page.tree, p.meta).empty());
  }
  SUBCASE("an author box's job and biography") {
    Parsed p = parse("", R"(<div class="elementor-author-box"><h4 class="elementor-author-box__name">Liz Kenny</h4>)"
                         R"(<div class="elementor-author-box__bio"><p>Former McKinsey Consultant</p></div></div>)");
    CHECK(ex::page_authors(p.page.tree, p.meta) == Lines{"Liz Kenny"});
    Parsed role = parse("", R"(<div class="t-blogpost-author"><div class="t-blogpost-author-name">Liza Burke</div>)"
                            R"(<div class="t-blogpost-author-position">Marketing Director</div></div>)");
    CHECK(ex::page_authors(role.page.tree, role.meta) == Lines{"Liza Burke"});
  }
  SUBCASE("a plural job after the names; a reviewer, an editor, a photographer; a credential") {
    CHECK(ex::split_byline("Manoj Jain and Jagpreet Chhatwal | Guest Columnists", pub) ==
          Lines{"Manoj Jain", "Jagpreet Chhatwal"});
    CHECK(ex::split_byline("By Shelby Loos, DVM. Reviewed by Molly Price, DVM", pub) == Lines{"Shelby Loos"});
    CHECK(ex::clean_author("Reviewed by Margaret James", pub) == "");
    CHECK(ex::clean_author("Updated by Jon Linkov", pub) == "");
    CHECK(ex::clean_author("Photo by Ben Hon", pub) == "");
    CHECK(ex::split_byline("Shelby Loos, DVM", pub) == Lines{"Shelby Loos"});
    CHECK(ex::clean_author("JWU", pub) == "JWU");  // alone, an initialism may be the author
    CHECK(ex::clean_author("Guest Columnists", pub) == "");
    CHECK(ex::clean_author("Our Editors", pub, ex::NameSource::kDeclared) == "Our Editors");  // as declared
  }
  SUBCASE("\"By\" that starts a sentence; a card that shows another story's author") {
    Parsed p = parse("", R"(<p>By submitting, you acknowledge Tiger Data's <a href="/legal/privacy">Privacy Policy</a></p>)"
                         R"(<div class="summary-item summary-item-has-author"><a href="/blog/x">)"
                         R"(Top 11 Workforce Solutions &amp; Consulting Firms</a></div>)");
    CHECK(ex::page_authors(p.page.tree, p.meta).empty());
  }
  SUBCASE("the links after \"Reviewed by\"; a link's card with the author's job") {
    Parsed reviewed = parse("", R"(<div class="author_content">By <a href="/author/dr-shelby-loos">Shelby Loos, DVM</a>. )"
                                R"(Reviewed by <a href="/author/dr-molly-price">Molly Price, DVM</a></div>)");
    CHECK(ex::page_authors(reviewed.page.tree, reviewed.meta) == Lines{"Shelby Loos"});
    Parsed card = parse("", R"(<div class="author"><a href="/author/mn"><div class="text">Meghan Neville</div>)"
                            R"(<div class="position">Content Marketing Coordinator</div></a></div>)");
    CHECK(ex::page_authors(card.page.tree, card.meta) == Lines{"Meghan Neville"});
  }
  SUBCASE("a job or a handle beside the name in a byline") {
    CHECK(ex::split_byline("Matt Eland\nAI Specialist\nWizard @ Leading EDJE", pub) == Lines{"Matt Eland"});
  }
  SUBCASE("<meta name=author> with the first name only; the byline with all") {
    Parsed p = parse(R"(<meta name="author" content="Rui Ma">)",
                     R"(<div class="byline">By Rui Ma, Heba Ledwon &amp; Suparn Patra</div>)");
    CHECK(ex::page_authors(p.page.tree, p.meta) == Lines{"Rui Ma", "Heba Ledwon", "Suparn Patra"});
  }
  SUBCASE("a month that is a first name") {
    CHECK(ex::split_byline("By April Fulton and August Wilson", pub) == Lines{"April Fulton", "August Wilson"});
    CHECK(ex::split_byline("Jeff Foust\nMonday", pub) == Lines{"Jeff Foust"});
  }
  SUBCASE("a label, then the name and its tooltip") {
    std::string schools;
    for (const char* u : {"University of Mississippi", "University of Alabama", "Loyola University New Orleans"})
      schools += std::string("<li>") + u + "</li>";
    Parsed p = parse("", R"(<div><span class="descriptor">By</span><div><a href="/meghan-holmes">Meghan Holmes</a>)"
                         R"(<div class="tooltip"><ul>)" + schools + R"(</ul><div class="tooltip__bio">Meghan Holmes is a )"
                         R"(writer and editor who has covered gardening, home design and travel for a decade and more.</div>)"
                         "</div></div></div>");
    CHECK(ex::page_authors(p.page.tree, p.meta) == Lines{"Meghan Holmes"});
  }
  SUBCASE("a \"By\" label before the topics' links") {
    Parsed p = parse("", R"(<div><h1>By</h1><div><span><a href="/wedding-checklists/" rel="tag">Wedding Checklists</a>)"
                         R"(<a href="/just-engaged/" rel="tag">Just Engaged</a></span></div></div>)");
    CHECK(ex::page_authors(p.page.tree, p.meta).empty());
  }
  SUBCASE("a JSON-LD author's name that lists several, and the paper") {
    Parsed p = parse(R"(<meta property="og:site_name" content="The Commercial Appeal">)" +
                         ld(R"({"@type":"NewsArticle","author":{"@type":"Person",
                              "name":"Manoj Jain and Jagpreet Chhatwal, The Commercial Appeal"}})"),
                     "");
    CHECK(ex::page_authors(p.page.tree, p.meta) == Lines{"Manoj Jain", "Jagpreet Chhatwal"});
  }
}

TEST_CASE("authors: bylines the markup gives in other shapes") {
  SUBCASE("\"Posted by <link>\" in a line with a date and topics") {
    Parsed p = parse("", R"(<footer><p>Posted by <a href="/blog/author/colin-watson.html">Colin Watson</a> on )"
                         R"(<time datetime="2025-12-18">2025-12-18</time> in <a href="/c/debian">debian</a>, )"
                         R"(<a href="/t/a">tag a</a>, <a href="/t/b">tag b</a>, <a href="/t/c">tag c</a></p></footer>)");
    CHECK(ex::page_authors(p.page.tree, p.meta) == Lines{"Colin Watson"});
  }
  SUBCASE("an \"Article by\" heading and the name after it") {
    Parsed p = parse("", R"(<div><h2>Article by</h2><div>Matias Heikkilä</div></div>)");
    CHECK(ex::page_authors(p.page.tree, p.meta) == Lines{"Matias Heikkilä"});
  }
  SUBCASE("a long byline box: its links to the authors' pages") {
    std::string cred = ", 4+ years covering computer hardware, software, and science, and testing laptops";
    Parsed p = parse("", R"(<div class="article-byline"><div class="article-byline__written-by"><strong>Written by</strong><br>)"
                         R"(<strong><a href="/authors/adrien-ramirez">Adrien Ramirez</a></strong>)" + cred +
                         R"(<br><strong><a href="/authors/joanna-nelius">Joanna Nelius</a></strong>)" + cred + "</div></div>");
    CHECK(ex::page_authors(p.page.tree, p.meta) == Lines{"Adrien Ramirez", "Joanna Nelius"});
  }
  SUBCASE("a reviewer where the page names no author; not beside one") {
    Parsed alone = parse(R"(<meta property="og:site_name" content="Texas Mattress Makers">)",
                         R"(<div class="author-link"><p>Texas Mattress Makers</p><p>Reviewed by )"
                         R"(<a href="/reviewer/youval-meicler/">Youval Meicler</a></p></div>)");
    CHECK(ex::page_authors(alone.page.tree, alone.meta) == Lines{"Youval Meicler"});
    Parsed both = parse("", R"(<div class="byline">By Ryan Noonan</div><div class="byline">Reviewed by Robert Tschudi</div>)");
    CHECK(ex::page_authors(both.page.tree, both.meta) == Lines{"Ryan Noonan"});
  }
  SUBCASE("a byline box whose tooltip holds a biography, then a link: as far as the box reaches") {
    std::string bio = "Jesse has worked as a sommelier, a bartender, and a spirits rep. He is available to have a drink "
                      "with you next week or the week after, but this week is a little crazy.";
    Parsed p = parse("", R"(<div class="bylines__group--author"><span>By</span> <a href="/jesse-porter">Jesse Porter</a>)"
                         R"(<div class="author-tooltip__bio">)" + bio + R"(</div><div><span>Learn about us</span> )"
                         R"(<a href="/about-us#editorial">Editorial Process</a></div></div>)");
    CHECK(ex::page_authors(p.page.tree, p.meta) == Lines{"Jesse Porter"});
  }
  SUBCASE("a \"Contributors:\" label; a one-word name linked after \"by\"; a link to an author's page") {
    Parsed label = parse("", R"(<div><span>Contributors:</span><span>Janet Loughrey</span></div>)");
    CHECK(ex::page_authors(label.page.tree, label.meta) == Lines{"Janet Loughrey"});
    Parsed text = parse("", R"(<div><strong>Contributors:</strong> Janet Loughrey </div>)");
    CHECK(ex::page_authors(text.page.tree, text.meta) == Lines{"Janet Loughrey"});
    Parsed list = parse("", R"(<div><h6>Author(s)</h6><ul><li><a href="/l/?a=1">John A. Alic</a></li>)"
                            R"(<li><a href="/l/?a=2">David C. Mowery</a></li></ul></div>)");
    CHECK(ex::page_authors(list.page.tree, list.meta) == Lines{"John A. Alic", "David C. Mowery"});
    Parsed book = parse("", R"(<p><strong>Author:</strong> H.G. Parry <br><strong>Released:</strong> June 17, 2025 by )"
                            R"(Tor Books <br><strong>Genre:</strong> Fantasy, Historical Fiction</p>)");
    CHECK(ex::page_authors(book.page.tree, book.meta).empty());  // a book's fields, not a byline
    Parsed one = parse("", R"(<div>by <a href="/u/amanda">Amanda</a> · Dec 20, 2025</div>)");
    CHECK(ex::page_authors(one.page.tree, one.meta) == Lines{"Amanda"});
    Parsed page = parse("", R"(<nav><a href="/authors/">Our Authors</a><a href="/authors/jane-roe">Jane Roe</a></nav>)"
                            R"(<div><a href="/blog/authors/emmanuel-oyibo">Emmanuel Oyibo</a> · 5 min read</div>)");
    CHECK(ex::page_authors(page.page.tree, page.meta) == Lines{"Emmanuel Oyibo"});
  }
  SUBCASE("a visible byline that names the site: an author only with the fallback") {
    Parsed p = parse(R"(<link rel="canonical" href="https://markdenney.com/blog/x">)",
                     R"(<div class="entry-byline"><span class="entry-author">Mark Denney</span></div>)");
    CHECK(ex::page_authors(p.page.tree, p.meta, nullptr, ex::AuthorOptions{true}) == Lines{"Mark Denney"});
    CHECK(ex::page_authors(p.page.tree, p.meta, nullptr, ex::AuthorOptions{false}).empty());
  }
}

TEST_CASE("authors: a placeholder declared as a Person is no byline") {
  Parsed p = parse(ld(R"({"@type":"NewsArticle","author":{"@type":"Person","name":"undefined"}})"), "<h1>T</h1>");
  winnow::Article a;
  ex::fill_generic_meta(p.page.tree, p.meta, &a);
  CHECK(a.authors.empty());
  CHECK_FALSE(a.byline);
}

TEST_CASE("authors: an organization the page declares as author, where it credits no person (organization_authors)") {
  const ex::AuthorOptions on{true}, off{false};
  const std::string site = R"(<meta property="og:site_name" content="Help Net Security">)";
  SUBCASE("<meta name=author> that is the site is the publisher, never an author") {
    Parsed p = parse(site + R"(<meta name="author" content="Help Net Security">)", "");
    CHECK(ex::page_authors(p.page.tree, p.meta, nullptr, on).empty());
    CHECK(ex::page_authors(p.page.tree, p.meta, nullptr, off).empty());
    Parsed host = parse(R"(<link rel="canonical" href="https://www.helpnetsecurity.com/2025/11/24/x/">)"
                        R"(<meta name="author" content="helpnetsecurity.com">)", "");
    CHECK(ex::page_authors(host.page.tree, host.meta, nullptr, on).empty());
  }
  SUBCASE("a JSON-LD Organization author: another's, not the site's") {
    Parsed self = parse(site + ld(R"({"@type":"Article","author":{"@type":"Organization","name":"Help Net Security"}})"), "");
    CHECK(ex::page_authors(self.page.tree, self.meta, nullptr, on).empty());
    CHECK(ex::page_authors(self.page.tree, self.meta, nullptr, off).empty());
    Parsed other = parse(site + ld(R"({"@type":"Article","author":{"@type":"Organization","name":"Wire Service"}})"), "");
    bool orgs = false;
    CHECK(ex::page_authors(other.page.tree, other.meta, &orgs, on) == Lines{"Wire Service"});
    CHECK(orgs);
    CHECK(ex::page_authors(other.page.tree, other.meta, nullptr, off).empty());
  }
  SUBCASE("a person anywhere comes first") {
    Parsed p = parse(site + ld(R"({"@type":"Article","author":{"@type":"Organization","name":"Help Net Security"}})"),
                     R"(<a rel="author" href="/u/zs">Zeljka Zorz</a>)");
    CHECK(ex::page_authors(p.page.tree, p.meta, nullptr, on) == Lines{"Zeljka Zorz"});
  }
  SUBCASE("an organization's name is one name, its words in any case") {
    Parsed p = parse(ld(R"({"@type":"Article","author":{"@type":"Organization","name":"Center for Drug Evaluation and Research"}})"), "");
    CHECK(ex::page_authors(p.page.tree, p.meta, nullptr, on) == Lines{"Center for Drug Evaluation and Research"});
  }
  SUBCASE("an organization's name may hold a number, a domain, a job; not a handle with digits") {
    const ex::Publisher none;
    CHECK(ex::clean_author("98 Buck Social", none, ex::NameSource::kOrganization) == "98 Buck Social");
    CHECK(ex::clean_author("AccountingDepartment.com", none, ex::NameSource::kOrganization) == "AccountingDepartment.com");
    CHECK(ex::clean_author("Community Editor", none, ex::NameSource::kOrganization) == "Community Editor");
    CHECK(ex::clean_author("mdelatorreq6vkpg2ma0ci", none, ex::NameSource::kOrganization) == "");
    CHECK(ex::clean_author("https://example.com", none, ex::NameSource::kOrganization) == "");
    CHECK(ex::clean_author("98 Buck Social", none) == "");  // no person's name
  }
  SUBCASE("the publisher field alone is no author") {
    Parsed p = parse(ld(R"({"@type":"Article","publisher":{"@type":"Organization","name":"Help Net Security"}})"), "");
    CHECK(ex::page_authors(p.page.tree, p.meta, nullptr, on).empty());
  }
}

TEST_CASE("authors: the signature at the article's end") {
  const ex::Publisher pub{{"VnExpress"}, "vnexpress.net"};
  CHECK(ex::signature_author("Minh Anh", pub) == "Minh Anh");
  CHECK(ex::signature_author("Bình Minh -", pub) == "Bình Minh");
  CHECK(ex::signature_author("Hà Thu (tổng hợp)", pub) == "Hà Thu");  // "compiled by": a source note
  CHECK(ex::signature_author("Minh Anh (T/h)", pub) == "Minh Anh");
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

