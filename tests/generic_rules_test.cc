// The generic extractor's tables ([generic.*] in rule files): loaded and
// compiled once from rules/generic.toml, shared by the files extending it,
// added to by a site's own, and every error reported at file:line:col.
#include <re2/re2.h>

#include "rules/generic_rules.h"
#include "rules_test_util.h"

using winnow::Favor;
using winnow::rules::GenericRules;

namespace {

// The project's generic.toml with `extra` appended, in `tmp`.
std::string project_generic(const std::string& extra = "") {
  std::ifstream in(rules_dir() + "/generic.toml", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return text + extra;
}

const winnow::rules::LineShape* line_kind(const GenericRules& g, const std::string& kind) {
  for (const auto& l : g.lines)
    if (l.kind == kind) return &l;
  return nullptr;
}

}  // namespace

TEST_CASE("generic rules: compiled once from generic.toml and shared along extends") {
  const RuleLibrary& lib = real_rules();
  const RuleSet* generic = lib.by_name("generic");
  REQUIRE(generic != nullptr);
  REQUIRE(generic->generic != nullptr);
  for (const RuleSet& set : lib.sets) CHECK(set.generic == generic->generic);  // the same compiled struct
  const GenericRules& g = *generic->generic;
  CHECK(g.params.prose_min_chars[Favor::kBalanced] == 50);
  CHECK(g.params.prose_min_chars[Favor::kPrecision] == 80);
  CHECK(g.params.prose_min_chars[Favor::kRecall] == 30);
  CHECK(g.params.container_other_weight[Favor::kRecall] == 0.2);
  CHECK(g.params.prose_max_link_share.num == 1);
  CHECK(g.params.prose_max_link_share.den == 3);
  CHECK(g.is_chrome_tag(GUMBO_TAG_NAV));
  CHECK_FALSE(g.is_chrome_tag(GUMBO_TAG_P));
  REQUIRE(g.box_title != nullptr);
  CHECK(RE2::FullMatch("Tin liên quan", *g.box_title));
  CHECK(RE2::FullMatch("— Lesen Sie auch:", *g.box_title));
  CHECK_FALSE(RE2::FullMatch("Related to the budget", *g.box_title));
  const auto* reporting = line_kind(g, "reporting");
  REQUIRE(reporting != nullptr);
  CHECK(reporting->applies[Favor::kBalanced]);
  CHECK_FALSE(reporting->applies[Favor::kRecall]);
  const auto* posted = line_kind(g, "posted_by");
  REQUIRE(posted != nullptr);
  CHECK(posted->shorter_than == 200);
  CHECK_FALSE(posted->whole);
}

TEST_CASE("generic rules: a page type's rules are the base's, its changed tables compiled again") {
  const GenericRules& g = *real_rules().by_name("generic")->generic;
  const GenericRules& forum = g.for_type(winnow::PageType::kForum);
  const GenericRules& product = g.for_type(winnow::PageType::kProduct);
  REQUIRE(&forum != &g);
  REQUIRE(&product != &g);
  // A forum's comments are its content; a product's reviews are not.
  CHECK(RE2::PartialMatch("post-comments", *g.unlikely_hint));
  CHECK_FALSE(RE2::PartialMatch("post-comments", *forum.unlikely_hint));
  CHECK_FALSE(RE2::PartialMatch("product-reviews", *g.unlikely_hint));
  CHECK(RE2::PartialMatch("product-reviews", *product.unlikely_hint));
  CHECK(RE2::FullMatch("Frequently bought together", *product.box_title));
  CHECK_FALSE(RE2::FullMatch("Frequently bought together", *g.box_title));
  // Tables no type changes are the base's own, shared, not compiled again.
  CHECK(product.lead_hint == g.lead_hint);
  CHECK(product.modifier == g.modifier);
  CHECK(product.lines.front().pattern == g.lines.front().pattern);
  CHECK(forum.box_title == g.box_title);
  // Its parameters are the base's with its own; it has no types of its own.
  CHECK(product.params.prose_min_chars[Favor::kBalanced] == 20);
  CHECK(g.params.prose_min_chars[Favor::kBalanced] == 50);
  CHECK(product.params.lead_max_chars == g.params.lead_max_chars);
  CHECK(product.fallback == winnow::PageType::kArticle);
  CHECK(&product.for_type(winnow::PageType::kForum) == &product);
}

TEST_CASE("generic rules: a site's [generic] adds words and replaces parameters; its base keeps its own") {
  TempDir tmp;
  tmp.write("generic.toml", project_generic());
  tmp.write("site.toml",
            "extends = \"generic\"\n"
            "hosts = [\"a.test\"]\n"
            "[generic.params]\n"
            "container_min_prose = 100\n"
            "[generic.box_titles]\n"
            "nl = ['lees ook']\n");
  winnow::RuleLibrary lib;
  RuleError err;
  REQUIRE_MESSAGE(winnow::load_rules(tmp.dir(), &lib, &err), err.to_string());
  const GenericRules& base = *lib.sets().by_name("generic")->generic;
  const GenericRules& site = *lib.sets().by_name("site")->generic;
  CHECK(site.params.container_min_prose == 100);
  CHECK(base.params.container_min_prose == 250);
  CHECK(site.params.short_block_chars == base.params.short_block_chars);
  CHECK(RE2::FullMatch("Lees ook", *site.box_title));
  CHECK(RE2::FullMatch("Related stories", *site.box_title));  // the base's words too
  CHECK_FALSE(RE2::FullMatch("Lees ook", *base.box_title));
}

TEST_CASE("generic rules: a bad word is pointed at inside its string, in generic.toml itself") {
  TempDir tmp;
  const std::string base = project_generic();
  const unsigned lines = static_cast<unsigned>(std::count(base.begin(), base.end(), '\n'));
  expect_error(tmp, "generic.toml",
               base + "[generic.lines.extra]\nmatch = 'whole'\nshape = '^{}$'\nen = ['fine', 'bad[']\n", lines + 4,
               19, "bad pattern 'bad[': missing ]");
}

TEST_CASE("generic rules: every error at file:line:col") {
  struct Case {
    const char* text;
    unsigned line, column;
    const char* message;
  };
  const Case cases[] = {
      {"[generic.box_titles]\nshape = '^related$'\n", 2, 9,
       "generic.box_titles.shape must hold {} (where the words go) once"},
      {"[generic.box_titles]\nshape = '^({}$'\n", 2, 10, "missing )"},
      {"[generic.params]\nprose_min_char = 3\n", 2, 18, "unknown parameter 'prose_min_char' in [generic.params]"},
      {"[generic.params]\nteaser_max_chars = -1\n", 2, 20,
       "generic.params.teaser_max_chars must be a whole number from 0 to 1000000000"},
      {"[generic.params]\nlink_list_share = \"1:2\"\n", 2, 19,
       "generic.params.link_list_share must be a share such as \"1/3\""},
      {"[generic.params]\nprose_min_chars = { balanced = 5, fast = 3 }\n", 2, 42,
       "generic.params.prose_min_chars: 'fast' is not a mode"},
      {"[generic.params]\nprose_min_chars = { balanced = 5 }\n", 2, 19,
       "generic.params.prose_min_chars must give balanced, precision and recall"},
      {"[generic.hints.maybe]\nen = ['x']\n", 1, 1, "unknown table [generic.hints.maybe]"},
      {"[generic.chrome]\ntags = ['nav', 'sidebar']\n", 2, 16,
       "generic.chrome.tags: \"sidebar\" is not an HTML tag name"},
      {"[generic.lines.x]\nmatch = 'all'\n", 2, 9, "generic.lines.x.match must be \"whole\" or \"part\""},
      {"[generic.lines.x]\nfavor = ['recall', 'speed']\n", 2, 20, "generic.lines.x.favor: \"speed\" is not a mode"},
      {"[generic.words]\nen = ['x']\n", 1, 1, "unknown key 'words' in [generic]"},
      {"[generic.types.blog]\nurl = ['/blog/']\n", 1, 1, "unknown page type [generic.types.blog]"},
      {"[generic.types.forum]\nurl = ['/(forum']\n", 2, 9, "missing )"},
      {"[generic.types.forum]\nposts = true\n", 2, 9, "unknown key 'posts' in [generic.types.forum]"},
      {"[generic.types.listing]\nteasers_are_content = 'yes'\n", 2, 23,
       "generic.types.listing.teasers_are_content must be true or false"},
      {"[generic.types.listing.params]\nlink_list_share = \"all\"\n", 2, 19,
       "generic.types.listing.params.link_list_share must be a share"},
      {"[generic.types.article]\nfallback = 'page'\n", 2, 12,
       "generic.types.article.fallback: \"page\" is not a page type"},
      {"[generic.types.forum]\nfallback = 'service'\n", 2, 12, "unknown key 'fallback' in [generic.types.forum]"},
      {"[generic.types.article]\nfallback_short_share = \"sixth\"\n", 2, 24,
       "generic.types.article.fallback_short_share must be a share"},
      {"[generic.types.article]\nog_type_yields_to = ['front']\n", 2, 21,
       "generic.types.article.og_type_yields_to: \"front\" is not a page type"},
      {"[generic.types.listing]\nfallback_short_below = 900\n", 2, 24,
       "unknown key 'fallback_short_below' in [generic.types.listing]"},
      // Tables without their parameters (and no base to give them).
      {"hosts = ['a.test']\n[generic.box_titles]\nshape = '^{}$'\nen = ['related']\n", 2, 1,
       "[generic.params] (with its bases) lacks prose_min_chars, prose_max_link_share"},
  };
  for (const Case& c : cases) {
    TempDir tmp;
    CAPTURE(c.text);
    expect_error(tmp, "site.toml", c.text, c.line, c.column, c.message);
  }
}

TEST_CASE("generic rules: a library without them cleans a page without rules whole-page, saying why") {
  TempDir tmp;
  tmp.write("generic.toml", "[drop.navigation]\nselectors = ['nav']\n");
  winnow::RuleLibrary lib;
  RuleError err;
  REQUIRE_MESSAGE(winnow::load_rules(tmp.dir(), &lib, &err), err.to_string());
  CHECK(lib.sets().by_name("generic")->generic == nullptr);
  winnow::Document doc = winnow::load_document(
      "<html><body><nav>Home</nav><p>The council voted on Tuesday to widen the river path, at last.</p></body></html>");
  winnow::CleanRequest request;
  request.url = "https://other.test/a";
  winnow::Article a = winnow::clean(lib, doc, request);
  CHECK(a.extractor == "generic");
  CHECK(a.lines == std::vector<std::string>{"The council voted on Tuesday to widen the river path, at last."});
  REQUIRE(a.warnings.size() == 1);
  CHECK(a.warnings[0] == "no rule file serves other.test: no generic extractor ([generic] tables) in the rules; "
                         "cleaned whole-page with the site-independent drops only (" + tmp.file("generic.toml") + ")");
}
