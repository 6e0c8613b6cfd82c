// Page types (extract/page_type.h): told from the signs the page gives of
// itself, each type's content found its own way ([generic.types.*] in
// rules/generic.toml), and forced with --page-type (CleanRequest).
#include "extract/page_type.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <string>

#include "extract/generic.h"
#include "winnow.h"
#include "winnow/internal.h"
#include "project_rules.h"

namespace {

using winnow::PageType;

const winnow::rules::GenericRules& generic_rules() {
  const winnow::rules::RuleSet* generic = project_rules().sets().by_name("generic");
  REQUIRE(generic != nullptr);
  REQUIRE(generic->generic != nullptr);
  return *generic->generic;
}

winnow::extract::PageTypeGuess tell(const std::string& head, const std::string& body, const std::string& url) {
  winnow::Document doc = winnow::load_document("<!doctype html><html><head>" + head + "</head><body>" + body +
                                               "</body></html>");
  return winnow::extract::tell_page_type(doc.parsed->page.tree, doc.parsed->meta, url, generic_rules());
}

std::string ld(const std::string& type) {
  return "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"" + type +
         "\",\"name\":\"x\"}</script>";
}

// A section front: an intro, then entries (a headline link and its
// summary each), then a footer. Its entries are the content.
std::string news_front() {
  std::string entries;
  const char* heads[] = {"Council approves the new budget for the river path",
                         "School year to start a week later in the north",
                         "Museum opens a hall of maps from the last century",
                         "Night buses return to three routes from Monday"};
  for (const char* h : heads)
    entries += std::string("<div class=\"card\"><h3><a href=\"/news/") + h[0] + "\">" + h +
               "</a></h3><p>The full story of this, with what the people who live there said about it, and when.</p>"
               "</div>";
  return "<!doctype html><html lang=\"en\"><head><title>News | The Daily</title></head><body>"
         "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></nav>"
         "<main><h1>News</h1><p>The latest from the city and the region, updated through the day.</p>" +
         entries + "</main><footer><p>The Daily, 1 Main Street.</p></footer></body></html>";
}

winnow::Article clean(const std::string& html, const std::string& url, PageType type) {
  winnow::Document doc = winnow::load_document(html);
  winnow::CleanRequest request{.url = url, .generic = true};
  request.page_type = type;
  return winnow::clean(project_rules(), doc, request);
}

// A forum thread "Kettle stops early": the question's HTML, then a reply by
// each of three members, `reply(member)` after the member's name.
std::string kettle_thread(const std::string& question, const std::function<std::string(const std::string&)>& reply) {
  std::string posts;
  for (const char* member : {"kettle_fan", "river_walker", "map_reader"})
    posts += std::string("<div class=\"comment\"><div class=\"comment-author\">") + member + "</div>" +
             reply(member) + "</div>";
  return "<!doctype html><html><head><title>Kettle stops early</title></head><body><main>"
         "<h1>Kettle stops early</h1><div class=\"post\">" + question + "</div>"
         "<div class=\"comments\">" + posts + "</div></main></body></html>";
}

bool has_line(const winnow::Article& a, const std::string& line) {
  for (const std::string& l : a.lines)
    if (l == line) return true;
  return false;
}

}  // namespace

TEST_CASE("page type: names read back, auto included; others are none") {
  for (int i = 0; i < winnow::kPageTypes; ++i) {
    PageType t = PageType::kAuto, back = PageType::kArticle;
    t = static_cast<PageType>(i);
    CHECK(winnow::parse_page_type(winnow::page_type_name(t), &back));
    CHECK(back == t);
  }
  PageType t = PageType::kForum;
  CHECK_FALSE(winnow::parse_page_type("blog", &t));
  CHECK(t == PageType::kForum);
  CHECK(winnow::page_type_name(PageType::kCollection) == "collection");
}

TEST_CASE("page type: JSON-LD first, a story's type before the others it carries") {
  auto g = tell(ld("Product"), "", "https://shop.test/x");
  CHECK(g.type == PageType::kProduct);
  CHECK(g.from == "JSON-LD Product");
  CHECK(tell(ld("QAPage"), "", "").type == PageType::kForum);
  CHECK(tell(ld("CollectionPage"), "", "").type == PageType::kCollection);
  CHECK(tell(ld("ItemList"), "", "").type == PageType::kListing);
  CHECK(tell(ld("TechArticle"), "", "").type == PageType::kDocumentation);
  // A news story that also lists items (a listicle's ItemList) is a story.
  g = tell(ld("ItemList") + ld("NewsArticle"), "", "https://example.test/forum/x");
  CHECK(g.type == PageType::kArticle);
  CHECK(g.from == "JSON-LD NewsArticle");
  // In a @graph and as an array of types too.
  CHECK(tell("<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":[\"WebPage\",\"CollectionPage\"]}]}"
             "</script>",
             "", "")
            .type == PageType::kCollection);
}

TEST_CASE("page type: og:type, then the URL's shape, then repeated items") {
  auto g = tell("<meta property=\"og:type\" content=\"product.group\">", "", "https://example.test/");
  CHECK(g.type == PageType::kCollection);
  CHECK(g.from == "og:type product.group");
  CHECK(tell("<meta property=\"og:type\" content=\"article\">", "", "https://example.test/forums/t/1").type ==
        PageType::kArticle);
  // og:type "article" yields to a front's and a service page's URL
  // ([generic.types.article] og_type_yields_to): CMSs say it of every page.
  g = tell("<meta property=\"og:type\" content=\"article\">", "", "https://example.test/");
  CHECK(g.type == PageType::kListing);
  CHECK(g.from == "URL example.test/");
  CHECK(tell("<meta property=\"og:type\" content=\"article\">", "", "https://example.test/services/audit").type ==
        PageType::kService);
  CHECK(tell("<meta property=\"og:type\" content=\"article\">", "", "https://example.test/news/river-path").from ==
        "og:type article");
  // ... not when a narrower type's shape comes first: a docs page on services.
  CHECK(tell("<meta property=\"og:type\" content=\"article\">", "", "https://example.test/docs/concepts/service/")
            .from == "og:type article");
  g = tell("", "", "https://example.test/forums/general/12-help");
  CHECK(g.type == PageType::kForum);
  CHECK(g.from == "URL /forums/");
  CHECK(tell("", "", "https://docs.example.test/start").type == PageType::kDocumentation);
  CHECK(tell("", "", "https://example.test/products/blue-kettle").type == PageType::kProduct);
  CHECK(tell("", "", "https://example.test/collections/kettles").type == PageType::kCollection);
  CHECK(tell("", "", "https://example.test/news").type == PageType::kListing);
  CHECK(tell("", "", "https://example.test/news/").type == PageType::kListing);
  // A site's home page is an index of its pages.
  CHECK(tell("", "", "https://example.test/").type == PageType::kListing);
  CHECK(tell("", "", "https://example.test").type == PageType::kListing);
  CHECK(tell("", "", "https://example.test/?page=2").type == PageType::kListing);
  // The query is not the path.
  CHECK(tell("", "", "https://example.test/a?from=/forums/").from.empty());
  std::string cards;
  for (int i = 0; i < 5; ++i) cards += "<div class=\"product-card\"><a href=\"/k\">Kettle</a> $20</div>";
  g = tell("", cards, "https://example.test/kettles");
  CHECK(g.type == PageType::kCollection);
  CHECK(g.from == "5+ repeated items");
  CHECK(tell("", cards.substr(0, cards.size() / 5 * 4), "https://example.test/kettles").from.empty());
}

TEST_CASE("page type: no sign is an article, said so by an empty sign") {
  auto g = tell("<title>A page</title>", "<p>Some text.</p>", "https://example.test/about-us-today");
  CHECK(g.type == PageType::kArticle);
  CHECK(g.from.empty());
}

TEST_CASE("page type: a listing's entries are its content; an article's teasers are not its own") {
  const std::string url = "https://daily.test/news";
  winnow::Article listing = clean(news_front(), url, PageType::kAuto);
  CHECK(listing.page_type == "listing");
  CHECK(listing.page_type_from == "URL /news");
  CHECK(has_line(listing, "Council approves the new budget for the river path"));
  CHECK(has_line(listing, "Night buses return to three routes from Monday"));
  CHECK(has_line(listing, "The full story of this, with what the people who live there said about it, and when."));
  CHECK_FALSE(has_line(listing, "Sport"));  // the navigation stays out
  // Forced to be an article, the same page keeps its intro alone: the
  // entries read as other stories' teasers.
  winnow::Article article = clean(news_front(), url, PageType::kArticle);
  CHECK(article.page_type == "article");
  CHECK(article.page_type_from == "forced");
  CHECK_FALSE(has_line(article, "Council approves the new budget for the river path"));
  CHECK(has_line(article, "The latest from the city and the region, updated through the day."));
  CHECK(winnow::to_json(listing).find("\"page_type\":\"listing\"") != std::string::npos);
}

TEST_CASE("article fallback: a signup box that wins on a page of short entries is not all its content") {
  // The URL reads as a story's (/news/NAME), but the page's only prose is
  // its newsletter box: its entries are headlines without summaries.
  std::string entries;
  for (int i = 1; i <= 30; ++i)
    entries += "<li><a href=\"/news/item-" + std::to_string(i) + "\">Headline number " + std::to_string(i) +
               " about the new chips and the phones that carry them</a> <span>" + std::to_string(i) +
               " hours ago</span></li>";
  const std::string page =
      "<!doctype html><html><head><title>Technology</title></head><body>"
      "<div class=\"notice\"><p>Get the best of our technology coverage in your inbox every morning, with the "
      "stories our editors chose and the ones our readers shared most.</p></div>"
      "<main><h1>Technology</h1><ul>" + entries + "</ul></main></body></html>";
  winnow::Article a = clean(page, "https://daily.test/news/technology", PageType::kAuto);
  CHECK(a.page_type == "article");
  CHECK(has_line(a, "Headline number 1 about the new chips and the phones that carry them 1 hours ago"));
  CHECK(has_line(a, "Headline number 30 about the new chips and the phones that carry them 30 hours ago"));
  // Forced to be an article, it is taken at its word: the box alone.
  winnow::Article forced = clean(page, "https://daily.test/news/technology", PageType::kArticle);
  CHECK_FALSE(has_line(forced, "Headline number 1 about the new chips and the phones that carry them 1 hours ago"));
}

TEST_CASE("page type: a thread's replies are its content, author lines with them") {
  const std::string page = kettle_thread(
      "<p>My kettle switches off before the water boils, every time, since the summer. It is three years old, the "
      "light comes on, it heats for a minute and then clicks off with the water still cold.</p><p>I have tried it "
      "with more water and with less, on two sockets. What can I do about it?</p>",
      [](const std::string&) {
        return "<div class=\"comment-body\"><p>I had the same trouble with it last winter, and the fix was to "
               "clean the filter with vinegar, then run it empty twice.</p></div>";
      });
  winnow::Article thread = clean(page, "https://example.test/forum/kettle-stops-early", PageType::kAuto);
  CHECK(thread.page_type == "forum");
  CHECK(has_line(thread, "kettle_fan"));
  CHECK(has_line(thread, "map_reader"));
  // As an article, the comments are furniture.
  winnow::Article article = clean(page, "https://example.test/forum/kettle-stops-early", PageType::kArticle);
  CHECK_FALSE(has_line(article, "kettle_fan"));
}

TEST_CASE("noscript view: a thread a script draws, served whole in a <noscript>, is read there") {
  std::string posts;
  for (int i = 0; i < 30; ++i)
    posts += "<div class=\"topic-body crawler-post\"><span class=\"creator\">member" + std::to_string(i) +
             "</span><div class=\"post\"><p>Reply " + std::to_string(i) +
             ": the resolver answers from the host's own file, so a container on the default bridge sees the "
             "host's servers and not the other containers, which is why the names fail.</p></div></div>";
  const std::string page =
      "<!doctype html><html><head><title>Resolver questions - Forum</title></head><body>"
      "<div id=\"app\"><p>Loading the forum, one moment.</p></div><script>boot()</script>"
      "<noscript><div id=\"main-outlet\"><h1>Resolver questions</h1>" + posts + "</div></noscript></body></html>";
  winnow::Article a = clean(page, "https://forum.example.test/t/resolver-questions/1", PageType::kAuto);
  CHECK(a.page_type == "forum");
  CHECK(has_line(a, "member0"));
  CHECK(has_line(a, "member29"));
  // A small <noscript> ("please enable JavaScript") is never the page.
  const std::string small = "<!doctype html><html><body><main><p>The article's own text, long enough to read as "
                            "prose, with a comma, and a stop. It goes on for a while so that it is the page's "
                            "main text and nothing else is.</p></main><noscript><p>Please enable JavaScript to "
                            "see the comments.</p></noscript></body></html>";
  winnow::Article b = clean(small, "https://example.test/story", PageType::kArticle);
  CHECK_FALSE(has_line(b, "Please enable JavaScript to see the comments."));
}

TEST_CASE("product: the JSON-LD description goes in after the title when the page shows little of it") {
  const std::string description =
      "A wheel thrown mug with a matte textured outside and a clear glazed inside, made by hand in a small studio.";
  auto page = [&](const std::string& shown) {
    return "<!doctype html><html><head><title>Speckle mug</title><script type=\"application/ld+json\">"
           "{\"@context\":\"https://schema.org\",\"@type\":\"Product\",\"name\":\"Speckle mug\",\"description\":\"<p>" +
           description + "</p>\"}</script></head><body><main><h1>Speckle mug</h1><p>$60.00</p>" + shown +
           "<p>Size: 9.5 x 13 x 7 cm. Volume: 350 ml.</p></main></body></html>";
  };
  winnow::Article hidden = clean(page(""), "https://shop.example.test/p/speckle-mug", PageType::kAuto);
  CHECK(hidden.page_type == "product");
  REQUIRE(hidden.lines.size() >= 3);
  CHECK(hidden.lines[0] == "Speckle mug");
  CHECK(hidden.lines[2] == description);  // its markup taken out
  CHECK(hidden.paragraphs.front() == description);
  // Shown on the page already: not twice.
  winnow::Article shown = clean(page("<p>" + description + "</p>"), "https://shop.example.test/p/speckle-mug",
                                PageType::kAuto);
  CHECK(std::count(shown.lines.begin(), shown.lines.end(), description) == 1);
  // Not a product page: the declared description is the metadata's only.
  winnow::Article listing = clean(page(""), "https://shop.example.test/p/speckle-mug", PageType::kListing);
  CHECK(std::count(listing.lines.begin(), listing.lines.end(), description) == 0);
}

TEST_CASE("product: shoppers' reviews and the shop's other products are not the product ([generic.types.product])") {
  const std::string page =
      "<!doctype html><html><head><title>Speckle mug</title></head><body><main><h1>Speckle mug</h1>"
      "<p>$60.00</p><p>A wheel thrown mug with a matte textured outside and a clear glazed inside, made by hand in a "
      "small studio.</p><p>Each one is glazed and fired twice, so no two are the same: the speckles fall where the "
      "clay gives them, and the rim is left bare to the touch.</p><ul><li>Volume: 350 ml</li><li>Dishwasher safe</li></ul>"
      "<div class=\"product-reviews\"><p>I bought two of these for the office, and they keep the coffee warm "
      "for a long time, which is what I wanted.</p></div>"
      "<section><h2>Customers also viewed</h2><p>Blue mug, a thrown mug with a blue glaze and a wide handle, "
      "$55.00</p></section></main></body></html>";
  const std::string url = "https://shop.example.test/products/speckle-mug";
  winnow::Article product = clean(page, url, PageType::kAuto);
  CHECK(product.page_type == "product");
  CHECK(has_line(product, "Speckle mug"));
  CHECK(has_line(product, "Volume: 350 ml"));
  CHECK_FALSE(has_line(product, "I bought two of these for the office, and they keep the coffee warm for a long "
                                "time, which is what I wanted."));
  CHECK_FALSE(has_line(product, "Customers also viewed"));
  CHECK_FALSE(has_line(product, "Blue mug, a thrown mug with a blue glaze and a wide handle, $55.00"));
  // The words are the product's only: a service page's "reviews" box is its content.
  winnow::Article service = clean(page, url, PageType::kService);
  CHECK(has_line(service, "I bought two of these for the office, and they keep the coffee warm for a long time, "
                          "which is what I wanted."));
}

TEST_CASE("controls shown as words are no content: [generic.lines.controls]") {
  std::string cards;
  for (int i = 1; i <= 4; ++i)
    cards += "<div class=\"item\"><h3><a href=\"/k" + std::to_string(i) + "\">Kettle number " + std::to_string(i) +
             " in brushed steel</a></h3><p>Boils a litre in three minutes, with a light that says when.</p>"
             "<p>$" + std::to_string(20 + i) + "</p><button>Add to cart</button><p>(" + std::to_string(i) +
             ")</p><p>Quick view</p><p>https://cdn.example.test/images/kettle-" + std::to_string(i) + ".jpg?c=1</p></div>";
  const std::string page = "<!doctype html><html><body><main><h1>Kettles</h1><p>Sort by: best match</p>" + cards +
                           "<p>Learn more</p></main></body></html>";
  winnow::Article a = clean(page, "https://example.test/collections/kettles", PageType::kAuto);
  CHECK(a.page_type == "collection");
  CHECK(has_line(a, "Kettle number 1 in brushed steel"));
  CHECK(has_line(a, "$21"));
  for (const char* control :
       {"Sort by: best match", "(1)", "Quick view", "Learn more", "https://cdn.example.test/images/kettle-1.jpg?c=1"})
    CHECK_FALSE(has_line(a, control));
}

TEST_CASE("a thread's counters and badges are no content: [generic.lines.controls]") {
  const std::string page = kettle_thread(
      "<p>My kettle switches off before the water boils, every time, since the summer. It is three years old, the "
      "light comes on, it heats for a minute and then clicks off.</p><div>asked 13 years, 8 months ago</div>",
      [](const std::string& member) {
        return "<div>1,99222 gold badges1414 silver badges1818 bronze badges</div><div>Posts: 312</div>"
               "<div>answered Jul 7, 2012 at 3:07</div><div class=\"comment-body\"><p>" + member +
               " here: I had the same trouble with it last winter, and the fix was to clean the filter with "
               "vinegar, then run it empty twice.</p></div><div>Report</div>";
      });
  winnow::Article a = clean(page, "https://example.test/forum/kettle-stops-early", PageType::kAuto);
  CHECK(a.page_type == "forum");
  CHECK(has_line(a, "kettle_fan"));
  CHECK(has_line(a, "map_reader here: I had the same trouble with it last winter, and the fix was to clean the "
                    "filter with vinegar, then run it empty twice."));
  for (const char* control : {"1,99222 gold badges1414 silver badges1818 bronze badges", "Posts: 312",
                              "answered Jul 7, 2012 at 3:07", "Report", "asked 13 years, 8 months ago"})
    CHECK_FALSE(has_line(a, control));
}
