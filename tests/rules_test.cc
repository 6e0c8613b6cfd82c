// Rule files: the real rules/ directory resolves as documented (hosts, the
// extends chain, merged fields and drops, inherited settings).
#include "rules_test_util.h"

TEST_CASE("rules: the real rules/ directory loads, bases included, sorted by name") {
  const RuleLibrary& lib = real_rules();
  std::vector<std::string> names;
  for (const RuleSet& s : lib.sets) names.push_back(s.name);
  // Every *.toml of rules/, by its stem, in name order.
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(rules_dir()))
    if (e.path().extension() == ".toml") files.push_back(e.path().stem().string());
  std::sort(files.begin(), files.end());
  CHECK(names == files);
  for (const char* name : {"baoquocte.vn", "generic", "mastercms", "thoidai.com.vn", "tuoitrethudo.vn"})
    CHECK(std::find(names.begin(), names.end(), name) != names.end());
  REQUIRE(lib.by_name("generic") != nullptr);
  CHECK(lib.by_name("generic")->hosts.empty());
  CHECK(lib.by_name("mastercms")->hosts.empty());
  CHECK(lib.by_name("nope") == nullptr);
}

TEST_CASE("rules: for_host maps hosts, www./m. prefixes, case and parent domains") {
  const RuleLibrary& lib = real_rules();
  auto name_for = [&](std::string_view host) -> std::string {
    const RuleSet* s = lib.for_host(host);
    return s ? s->name : std::string("(null)");
  };
  CHECK(name_for("thoidai.com.vn") == "thoidai.com.vn");
  CHECK(name_for("www.thoidai.com.vn") == "thoidai.com.vn");
  CHECK(name_for("m.thoidai.com.vn") == "thoidai.com.vn");
  CHECK(name_for("TUOITRETHUDO.VN") == "tuoitrethudo.vn");
  CHECK(name_for("tuoitrethudo.com.vn") == "tuoitrethudo.vn");
  CHECK(name_for("www.tuoitrethudo.com.vn") == "tuoitrethudo.vn");
  CHECK(name_for("baoquocte.vn") == "baoquocte.vn");
  CHECK(name_for("www.baoquocte.vn") == "baoquocte.vn");
  CHECK(name_for("thoidai.com.vn.") == "thoidai.com.vn");  // trailing root dot

  CHECK(lib.for_host("example.com") == nullptr);
  CHECK(lib.for_host("vn") == nullptr);
  CHECK(lib.for_host("com.vn") == nullptr);
  CHECK(lib.for_host("") == nullptr);
  // A look-alike is not a subdomain; a host that merely contains one is not either.
  CHECK(lib.for_host("notthoidai.com.vn") == nullptr);
  CHECK(lib.for_host("thoidai.com.vn.example.com") == nullptr);
  // Bases serve no host.
  CHECK(lib.for_host("mastercms") == nullptr);
  CHECK(lib.for_host("generic") == nullptr);
}

TEST_CASE("rules: a site resolves site < mastercms < generic") {
  const RuleLibrary& lib = real_rules();
  const RuleSet* s = lib.for_host("thoidai.com.vn");
  REQUIRE(s != nullptr);
  std::string dir = rules_dir();
  CHECK(s->name == "thoidai.com.vn");
  CHECK(s->path == dir + "/thoidai.com.vn.toml");
  CHECK(s->chain == std::vector<std::string>{dir + "/thoidai.com.vn.toml", dir + "/mastercms.toml",
                                             dir + "/generic.toml"});
  CHECK(s->hosts == std::vector<std::string>{"thoidai.com.vn", "www.thoidai.com.vn"});
  CHECK(s->article_url_text == "^https?://(www\\.)?thoidai\\.com\\.vn/[a-z0-9-]+-\\d+\\.html$");
  REQUIRE(s->article_url != nullptr);

  const RuleSet* m = lib.by_name("mastercms");
  REQUIRE(m != nullptr);
  CHECK(m->chain == std::vector<std::string>{dir + "/mastercms.toml", dir + "/generic.toml"});
  CHECK(lib.by_name("generic")->chain == std::vector<std::string>{dir + "/generic.toml"});
}

TEST_CASE("rules: merged fields put the site's selectors before the base's") {
  const RuleSet* s = real_rules().for_host("thoidai.com.vn");
  REQUIRE(s != nullptr);
  REQUIRE(s->field("title") != nullptr);
  const RuleSet* m = real_rules().by_name("mastercms");
  REQUIRE(m != nullptr);
  std::vector<std::string> base_title = selector_texts(*m->field("title"));
  std::vector<std::string> title = selector_texts(*s->field("title"));
  // The site's own entry, then mastercms's list in its order (the duplicate kept).
  std::vector<std::string> expected = {"h1.article-detail-title"};
  expected.insert(expected.end(), base_title.begin(), base_title.end());
  CHECK(title == expected);
  CHECK(base_title.back() == "h1");  // the last resort stays last

  std::vector<std::string> body = selector_texts(*s->field("body"));
  expected = {"#__MB_MASTERCMS_EL_3"};
  std::vector<std::string> base_body = selector_texts(*m->field("body"));
  expected.insert(expected.end(), base_body.begin(), base_body.end());
  CHECK(body == expected);
  CHECK(base_body.size() >= 2);

  // Site-only meta first, then the base's; a base-only meta field is inherited.
  std::vector<std::string> caption = selector_texts(*s->meta_field("caption"));
  expected = {"figcaption.PhotoCMS_Caption"};
  std::vector<std::string> base_caption = selector_texts(*m->meta_field("caption"));
  expected.insert(expected.end(), base_caption.begin(), base_caption.end());
  CHECK(caption == expected);
  REQUIRE(s->meta_field("tags") != nullptr);  // only in mastercms
  CHECK(selector_texts(*s->meta_field("tags")) == selector_texts(*m->meta_field("tags")));

  // take = "last" survives the merge.
  std::vector<std::string> byline = selector_texts(*s->field("byline"));
  CHECK(byline.front() == "div.article-detail-author");
  const auto& last = s->field("byline")->selectors.back();
  CHECK(last.take_last);
  CHECK_FALSE(s->field("byline")->selectors.front().take_last);

  // The base's [find] dateline is inherited.
  REQUIRE(s->find.size() == 1);
  CHECK(s->find[0].field == "dateline");
}

TEST_CASE("rules: drops are unioned across the chain") {
  const RuleLibrary& lib = real_rules();
  const RuleSet* s = lib.for_host("baoquocte.vn");
  REQUIRE(s != nullptr);

  const RuleSet* m = lib.by_name("mastercms");
  const RuleSet* g = lib.by_name("generic");
  REQUIRE(m != nullptr);
  REQUIRE(g != nullptr);
  auto plus = [](std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };

  // share: generic's selectors, mastercms's selectors and between range, the site's own.
  const DropKind* share = drop(*s, "share");
  REQUIRE(share != nullptr);
  std::vector<std::string> sels = selector_texts(*share);
  CHECK(contains(sels, ".addthis_toolbox"));      // generic
  CHECK(contains(sels, "div.article-share"));     // mastercms
  CHECK(contains(sels, "div.bqt-share-social"));  // site
  // The bases' entries first (resolved mastercms = generic's, then its own), then the site's.
  CHECK(sels == plus(selector_texts(*drop(*m, "share")), {"div.bqt-share-social", "a.bqt-google-new"}));
  CHECK(selector_texts(*drop(*m, "share")).size() > selector_texts(*drop(*g, "share")).size());
  CHECK(line_texts(*share) == std::vector<std::string>{"Theo dõi Baoquocte\\.vn trên.*"});
  REQUIRE(share->between.size() == 1);
  CHECK(share->between[0].text == "^\\s*googleoff:\\s*all\\s*$ .. ^\\s*googleon:\\s*all\\s*$");

  // Kinds only in a base are present too.
  CHECK(drop(*s, "comments") != nullptr);  // generic
  CHECK(drop(*s, "weather") != nullptr);   // mastercms
  REQUIRE(drop(*s, "loading") != nullptr);  // generic (lines)
  CHECK(line_texts(*drop(*s, "loading")) == line_texts(*drop(*g, "loading")));

  // The same kind in all three files: nothing of any file is lost.
  const DropKind* widgets = drop(*s, "widgets");
  REQUIRE(widgets != nullptr);
  std::vector<std::string> w = selector_texts(*widgets);
  CHECK(contains(w, "form"));                       // generic
  CHECK(contains(w, "input.__PARAMS_ID_WIDGET"));   // mastercms
  CHECK(w == plus(selector_texts(*drop(*m, "widgets")),
                  {"div.bx-breadking-news", "div.bx-topic-list", "div.bx-special-five"}));
  CHECK(line_texts(*widgets) == std::vector<std::string>{"aa", "A- ?A\\+"});

  // thoidai's own weather selector joins mastercms's weather selector and lines.
  const DropKind* weather = drop(*lib.for_host("thoidai.com.vn"), "weather");
  REQUIRE(weather != nullptr);
  CHECK(selector_texts(*weather) == std::vector<std::string>{"div.bx-weather", "div.bx-weather-news"});
  CHECK(weather->lines.size() == 1);

  // Every kind appears once.
  std::vector<std::string> kinds;
  for (const DropKind& d : s->drops) kinds.push_back(d.kind);
  std::vector<std::string> sorted = kinds;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
}

TEST_CASE("rules: section_skip, dates and feeds are inherited from mastercms") {
  const RuleLibrary& lib = real_rules();
  for (const char* host : {"thoidai.com.vn", "tuoitrethudo.vn", "baoquocte.vn"}) {
    CAPTURE(host);
    const RuleSet* s = lib.for_host(host);
    REQUIRE(s != nullptr);
    CHECK(s->section_skip == std::vector<std::string>{"Trang chủ", "Home"});
    REQUIRE(s->utc_offset.has_value());
    CHECK(*s->utc_offset == 420);
    const RuleSet* m = lib.by_name("mastercms");
    REQUIRE(s->date_formats.size() == m->date_formats.size());
    REQUIRE(s->date_formats.size() >= 2);
    CHECK(s->date_formats[0].text() == "%H:%M | %d/%m/%Y");
    for (size_t i = 0; i < s->date_formats.size(); ++i)
      CHECK(s->date_formats[i].text() == m->date_formats[i].text());
    CHECK(s->feeds == std::vector<std::string>{"/rss_feed/"});
  }
  const RuleSet* g = lib.by_name("generic");
  CHECK_FALSE(g->utc_offset.has_value());
  CHECK(g->section_skip.empty());
  CHECK(g->date_formats.empty());
  CHECK(lib.for_host("tuoitrethudo.vn")->listings ==
        std::vector<std::string>{"/tin-tuc/", "/thoi-su/", "/ha-noi/"});
}

TEST_CASE("rules: a site's own utc_offset and section_skip win over and join the base's") {
  TempDir tmp;
  tmp.write("base.toml",
            "section_skip = [\"Home\", \"Trang chủ\"]\n"
            "[dates]\n"
            "utc_offset = \"+07:00\"\n"
            "formats = [\"%d/%m/%Y\"]\n");
  tmp.write("site.toml",
            "extends = \"base\"\n"
            "hosts = \"site.test\"\n"
            "section_skip = [\"Trang chủ\", \"Tin tức\"]\n"
            "[dates]\n"
            "utc_offset = \"UTC-03:30\"\n"
            "formats = \"%H:%M %d/%m/%Y\"\n");
  RuleLibrary lib;
  RuleError err;
  REQUIRE_MESSAGE(winnow::rules::load_rule_library(tmp.dir(), &lib, &err), err.to_string());
  const RuleSet* s = lib.for_host("www.site.test");
  REQUIRE(s != nullptr);
  CHECK(s->utc_offset == -210);
  CHECK(s->section_skip == std::vector<std::string>{"Trang chủ", "Tin tức", "Home"});
  REQUIRE(s->date_formats.size() == 2);
  CHECK(s->date_formats[0].text() == "%H:%M %d/%m/%Y");  // the site's first
  CHECK(s->date_formats[1].text() == "%d/%m/%Y");
  CHECK(s->hosts == std::vector<std::string>{"site.test"});  // a plain string is a one-entry list
}

TEST_CASE("rules: merging, on a chain written in the test") {
  TempDir tmp;
  std::string base = tmp.write("base.toml",
                               "[fields]\n"
                               "title = [\"h1.b1\", \"h1.b2\"]\n"
                               "body = \"div.base-body\"\n"
                               "[drop.x]\n"
                               "selectors = [\"div.bx\"]\n"
                               "lines = ['Base line']\n"
                               "[drop.only_base]\n"
                               "selectors = \"aside\"\n");
  std::string site = tmp.write("site.toml",
                               "extends = \"base\"\n"
                               "hosts = \"site.test\"\n"
                               "[fields]\n"
                               "title = \"h1.s\"\n"
                               "[drop.x]\n"
                               "selectors = [\"div.sx\"]\n"
                               "lines = ['Site line']\n"
                               "[drop.only_site]\n"
                               "selectors = \"footer\"\n");
  RuleLibrary lib;
  RuleError err;
  REQUIRE_MESSAGE(winnow::rules::load_rule_library(tmp.dir(), &lib, &err), err.to_string());
  const RuleSet* s = lib.for_host("site.test");
  REQUIRE(s != nullptr);
  CHECK(s->chain == std::vector<std::string>{site, base});
  CHECK(selector_texts(*s->field("title")) == std::vector<std::string>{"h1.s", "h1.b1", "h1.b2"});
  CHECK(selector_texts(*s->field("body")) == std::vector<std::string>{"div.base-body"});
  CHECK(s->field("title")->selectors[0].where.file == site);
  CHECK(s->field("title")->selectors[0].where.line == 4);
  CHECK(s->field("title")->selectors[1].where.file == base);
  CHECK(s->field("title")->selectors[1].where.line == 2);
  REQUIRE(drop(*s, "x") != nullptr);
  CHECK(selector_texts(*drop(*s, "x")) == std::vector<std::string>{"div.bx", "div.sx"});
  CHECK(line_texts(*drop(*s, "x")) == std::vector<std::string>{"Base line", "Site line"});
  REQUIRE(drop(*s, "only_base") != nullptr);
  REQUIRE(drop(*s, "only_site") != nullptr);
  CHECK(selector_texts(*drop(*s, "only_base")) == std::vector<std::string>{"aside"});
  // The base itself is unchanged by the site.
  const RuleSet* b = lib.by_name("base");
  REQUIRE(b != nullptr);
  CHECK(selector_texts(*b->field("title")) == std::vector<std::string>{"h1.b1", "h1.b2"});
  CHECK(drop(*b, "only_site") == nullptr);
}

TEST_CASE("rules: RuleError::to_string is file:line:col: message") {
  RuleError e;
  e.where = {"rules/x.toml", 12, 7};
  e.message = "expected a class name after '.'";
  CHECK(e.to_string() == "rules/x.toml:12:7: expected a class name after '.'");
  e.where = {"rules", 0, 0};
  e.message = "not a directory of rule files";
  CHECK(e.to_string() == "rules: not a directory of rule files");
  winnow::SourceRef r{"rules/mastercms.toml", 12, 3};
  CHECK(r.to_string() == "rules/mastercms.toml:12");
}

TEST_CASE("rules: a broken file leaves the library untouched") {
  TempDir tmp;
  tmp.write("a.toml", "hosts = \"a.test\"\n");
  tmp.write("b.toml", "hosts = 5\n");
  RuleLibrary lib = real_rules();
  const size_t before = lib.sets.size();
  RuleError err;
  CHECK_FALSE(winnow::rules::load_rule_library(tmp.dir(), &lib, &err));
  CHECK(lib.dir == rules_dir());
  CHECK(lib.sets.size() == before);
  CHECK(lib.for_host("a.test") == nullptr);
}

TEST_CASE("rules: only *.toml files are read; an empty directory is an empty library") {
  TempDir tmp;
  tmp.write("README.md", "hosts = 5\n");
  tmp.write("notes.toml.bak", "hosts = 5\n");
  RuleLibrary lib;
  RuleError err;
  REQUIRE_MESSAGE(winnow::rules::load_rule_library(tmp.dir(), &lib, &err), err.to_string());
  CHECK(lib.sets.empty());
  CHECK(lib.for_host("a.test") == nullptr);
}

TEST_CASE("rules: a library reads each base once, however many files extend it") {
  const RuleLibrary& lib = real_rules();
  // generic.toml's line pattern, compiled once, is the same object in every set.
  const DropKind* own = drop(*lib.by_name("generic"), "loading");
  REQUIRE(own != nullptr);
  REQUIRE_FALSE(own->lines.empty());
  for (const RuleSet& set : lib.sets) {
    const DropKind* d = drop(set, "loading");
    REQUIRE(d != nullptr);
    bool shared = false;
    for (const auto& p : d->lines) shared = shared || p.regex == own->lines[0].regex;
    CHECK_MESSAGE(shared, set.name);
  }
}

TEST_CASE("rules: RuleLoader keeps bases, reads a file asked for by name afresh") {
  TempDir tmp;
  tmp.write("base.toml", "[drop.ads]\nselectors = ['div.ad']\n");
  std::string site = tmp.write("site.toml", "extends = 'base'\nhosts = ['a.test']\n");
  winnow::rules::RuleLoader loader;
  RuleSet first, second;
  RuleError err;
  REQUIRE_MESSAGE(loader.load(site, &first, &err), err.to_string());
  tmp.write("site.toml", "extends = 'base'\nhosts = ['b.test']\n");
  REQUIRE_MESSAGE(loader.load(site, &second, &err), err.to_string());
  CHECK(second.hosts == std::vector<std::string>{"b.test"});
  REQUIRE(drop(second, "ads") != nullptr);
  CHECK(drop(second, "ads")->selectors.size() == 1);
}
