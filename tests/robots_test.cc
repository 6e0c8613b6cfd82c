// robots.txt: groups, matching, percent-encoding, crawl-delay, limits, and
// bad input.
#include "fetch/robots.h"

#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <string>

using winnow::fetch::Robots;

namespace {

Robots parse(const std::string& text, const std::string& token = "winnow") {
  return Robots::parse(text, token);
}

}  // namespace

TEST_CASE("robots: the MasterCMS file") {
  Robots r = parse(
      "User-agent: *\n"
      "Disallow: /apiservice@/\n"
      "Disallow: /apicenter@/\n"
      "Disallow: /widgets@/\n"
      "Disallow: /article/\n"
      "Disallow: /tag/\n");
  CHECK(r.allowed("/ha-noi-quang-chau-198734.html"));
  CHECK(r.allowed("/rss_feed/"));
  CHECK(r.allowed("/thoi-su/&s_cond=&BRSR=15"));
  CHECK(r.allowed("/"));
  CHECK_FALSE(r.allowed("/tag/abc-1.tag"));
  CHECK_FALSE(r.allowed("/widgets@/article_statistic&aid=1"));
  CHECK_FALSE(r.allowed("/article/"));
  CHECK_FALSE(r.allowed("/apiservice@/x"));
  CHECK_FALSE(r.allowed("/apicenter@/"));
  CHECK(r.allowed("/apicenter@"));
  CHECK(r.allowed("/Tag/abc"));  // case-sensitive paths
  CHECK_FALSE(r.crawl_delay().has_value());
}

TEST_CASE("robots: group selection") {
  SUBCASE("our group beats *") {
    Robots r = parse(
        "User-agent: *\nDisallow: /\n\n"
        "User-agent: winnow\nDisallow: /private/\n");
    CHECK(r.allowed("/news/1.html"));
    CHECK_FALSE(r.allowed("/private/x"));
  }
  SUBCASE("user-agent matching is case-insensitive") {
    Robots r = parse("User-agent: WinNow\nDisallow: /a\nUser-agent: *\nDisallow: /\n");
    CHECK(r.allowed("/b"));
    CHECK_FALSE(r.allowed("/a"));
    Robots r2 = Robots::parse("User-agent: winnow\nDisallow: /a\n", "WINNOW");
    CHECK_FALSE(r2.allowed("/a"));
  }
  SUBCASE("the value's product token is compared, not a prefix") {
    Robots r = parse("User-agent: winnow/1.0\nDisallow: /a\nUser-agent: *\nDisallow: /\n");
    CHECK(r.allowed("/b"));
    CHECK_FALSE(r.allowed("/a"));
    Robots other = parse("User-agent: winnowbot\nDisallow: /a\nUser-agent: *\nDisallow: /b\n");
    CHECK(other.allowed("/a"));
    CHECK_FALSE(other.allowed("/b"));
    Robots shorter = parse("User-agent: winn\nDisallow: /a\n");
    CHECK(shorter.allowed("/a"));
  }
  SUBCASE("groups naming the same agent are merged") {
    Robots r = parse(
        "User-agent: winnow\nDisallow: /a\n\n"
        "User-agent: other\nDisallow: /b\n\n"
        "User-agent: winnow\nDisallow: /c\n");
    CHECK_FALSE(r.allowed("/a"));
    CHECK(r.allowed("/b"));
    CHECK_FALSE(r.allowed("/c"));
  }
  SUBCASE("* groups are merged too") {
    Robots r = parse("User-agent: *\nDisallow: /a\nUser-agent: x\nDisallow: /b\nUser-agent: *\nDisallow: /c\n");
    CHECK_FALSE(r.allowed("/a"));
    CHECK(r.allowed("/b"));
    CHECK_FALSE(r.allowed("/c"));
  }
  SUBCASE("our agent listed with others in one group") {
    Robots r = parse(
        "User-agent: googlebot\nUser-agent: winnow\nUser-agent: bingbot\n"
        "Disallow: /x/\nAllow: /x/ok\n\n"
        "User-agent: *\nDisallow: /\n");
    CHECK(r.allowed("/y"));
    CHECK_FALSE(r.allowed("/x/1"));
    CHECK(r.allowed("/x/ok"));
  }
  SUBCASE("a user-agent line after rules starts a new group") {
    Robots r = parse("User-agent: winnow\nDisallow: /a\nUser-agent: other\nDisallow: /b\n");
    CHECK_FALSE(r.allowed("/a"));
    CHECK(r.allowed("/b"));
  }
  SUBCASE("blank lines and comments between user-agent lines keep the group") {
    Robots r = parse("User-agent: other\n\n# note\nUser-agent: winnow\nDisallow: /a\n");
    CHECK_FALSE(r.allowed("/a"));
  }
  SUBCASE("sitemap and unknown lines do not end the agent list") {
    Robots r = parse(
        "User-agent: other\nSitemap: https://x.test/s.xml\nFoo: bar\n"
        "User-agent: winnow\nDisallow: /a\n");
    CHECK_FALSE(r.allowed("/a"));
  }
  SUBCASE("a blank line does not end the agent list") {
    Robots r = parse("User-agent: winnow\n\nUser-agent: *\nDisallow: /\n");
    CHECK_FALSE(r.allowed("/anything"));
  }
  SUBCASE("an empty group for us still beats *") {
    Robots r = parse("User-agent: winnow\nDisallow:\n\nUser-agent: *\nDisallow: /\n");
    CHECK(r.allowed("/anything"));
  }
  SUBCASE("no group for us and no *: everything allowed") {
    Robots r = parse("User-agent: googlebot\nDisallow: /\n");
    CHECK(r.allowed("/anything"));
  }
  SUBCASE("rules before any user-agent line are ignored") {
    Robots r = parse("Disallow: /\nCrawl-delay: 9\nUser-agent: *\nDisallow: /a\n");
    CHECK(r.allowed("/b"));
    CHECK_FALSE(r.allowed("/a"));
    CHECK_FALSE(r.crawl_delay().has_value());
  }
  SUBCASE("an empty product token matches only *") {
    Robots r = Robots::parse("User-agent: winnow\nDisallow: /a\nUser-agent: *\nDisallow: /b\n", "");
    CHECK(r.allowed("/a"));
    CHECK_FALSE(r.allowed("/b"));
  }
}

TEST_CASE("robots: longest match wins, Allow wins a tie") {
  Robots r = parse(
      "User-agent: *\n"
      "Disallow: /news/\n"
      "Allow: /news/public/\n"
      "Disallow: /news/public/secret\n"
      "Allow: /page\n"
      "Disallow: /page\n"
      "Disallow: /same*\n"
      "Allow: /same/\n");
  CHECK_FALSE(r.allowed("/news/1"));
  CHECK(r.allowed("/news/public/1"));
  CHECK_FALSE(r.allowed("/news/public/secret-plans"));
  CHECK(r.allowed("/page"));
  CHECK(r.allowed("/page.html"));
  CHECK(r.allowed("/same/x"));  // "/same*" and "/same/" are both 6 bytes
  CHECK_FALSE(r.allowed("/samex"));
  // Order in the file does not matter.
  Robots r2 = parse("User-agent: *\nAllow: /news/public/\nDisallow: /news/\n");
  CHECK(r2.allowed("/news/public/1"));
  CHECK_FALSE(r2.allowed("/news/1"));
  // A longer Disallow beats a shorter Allow.
  Robots r3 = parse("User-agent: *\nAllow: /\nDisallow: /a\n");
  CHECK(r3.allowed("/b"));
  CHECK_FALSE(r3.allowed("/a"));
}

TEST_CASE("robots: wildcards and the end anchor") {
  Robots r = parse(
      "User-agent: *\n"
      "Disallow: /*.pdf$\n"
      "Disallow: /search*q=\n"
      "Disallow: /*/print/\n"
      "Disallow: /exact$\n"
      "Disallow: /a*b*c$\n");
  CHECK_FALSE(r.allowed("/files/report.pdf"));
  CHECK(r.allowed("/files/report.pdf?download=1"));
  CHECK(r.allowed("/files/report.pdfx"));
  CHECK_FALSE(r.allowed("/search?q=x"));
  CHECK_FALSE(r.allowed("/search/advanced?lang=vi&q=x"));
  CHECK(r.allowed("/search?lang=vi"));
  CHECK_FALSE(r.allowed("/2024/print/1"));
  CHECK(r.allowed("/print/1"));
  CHECK_FALSE(r.allowed("/exact"));
  CHECK(r.allowed("/exact/"));
  CHECK(r.allowed("/exactly"));
  CHECK_FALSE(r.allowed("/abc"));
  CHECK_FALSE(r.allowed("/a-b-c-bc"));
  CHECK(r.allowed("/a-b-c-bcd"));
  CHECK(r.allowed("/acb"));

  Robots all = parse("User-agent: *\nDisallow: *\n");
  CHECK_FALSE(all.allowed("/x"));
  Robots root = parse("User-agent: *\nDisallow: /$\n");
  CHECK_FALSE(root.allowed("/"));
  CHECK(root.allowed("/x"));
  Robots stars = parse("User-agent: *\nDisallow: /**x**\n");
  CHECK_FALSE(stars.allowed("/ax"));
  CHECK(stars.allowed("/ay"));
  // '$' not at the end is a literal byte.
  Robots dollar = parse("User-agent: *\nDisallow: /a$b\n");
  CHECK_FALSE(dollar.allowed("/a$b/c"));
  CHECK(dollar.allowed("/ab"));
}

TEST_CASE("robots: empty values and patterns that cannot match") {
  Robots r = parse("User-agent: *\nDisallow:\n");
  CHECK(r.allowed("/"));
  CHECK(r.allowed("/anything"));
  Robots r2 = parse("User-agent: *\nDisallow: \nDisallow: /a\n");
  CHECK_FALSE(r2.allowed("/a"));
  CHECK(r2.allowed("/b"));
  Robots r3 = parse("User-agent: *\nDisallow: foo\nDisallow: $\n");
  CHECK(r3.allowed("/foo"));
  CHECK(r3.allowed("foo"));
  CHECK(r3.allowed("/"));
  // An empty Allow does not override anything.
  Robots r4 = parse("User-agent: *\nAllow:\nDisallow: /\n");
  CHECK_FALSE(r4.allowed("/x"));
}

TEST_CASE("robots: comments, BOM, line ends, whitespace, field case") {
  SUBCASE("comments") {
    Robots r = parse(
        "# robots for example\n"
        "User-agent: * # everyone\n"
        "Disallow: /private # keep out\n"
        "#Disallow: /public\n");
    CHECK_FALSE(r.allowed("/private/x"));
    CHECK(r.allowed("/public"));
  }
  SUBCASE("BOM") {
    Robots r = parse("\xEF\xBB\xBFUser-agent: *\nDisallow: /a\n");
    CHECK_FALSE(r.allowed("/a"));
  }
  SUBCASE("CRLF") {
    Robots r = parse("User-agent: *\r\nDisallow: /a\r\nDisallow: /b\r\n");
    CHECK_FALSE(r.allowed("/a"));
    CHECK_FALSE(r.allowed("/b"));
    CHECK(r.allowed("/c"));
  }
  SUBCASE("CR only") {
    Robots r = parse("User-agent: *\rDisallow: /a\rDisallow: /b");
    CHECK_FALSE(r.allowed("/a"));
    CHECK_FALSE(r.allowed("/b"));
    CHECK(r.allowed("/c"));
  }
  SUBCASE("mixed line ends and no final newline") {
    Robots r = parse("User-agent: *\r\n\r\nDisallow: /a\n\rDisallow: /b");
    CHECK_FALSE(r.allowed("/a"));
    CHECK_FALSE(r.allowed("/b"));
  }
  SUBCASE("whitespace and field case") {
    Robots r = parse("  USER-AGENT :\t winnow  \n\tdisALLOW:/a   \n  ALLOW : /a/b\n");
    CHECK_FALSE(r.allowed("/a"));
    CHECK(r.allowed("/a/b"));
  }
  SUBCASE("a missing colon is accepted for two-word lines") {
    Robots r = parse("User-agent winnow\nDisallow /a\nDisallow /b /c\n");
    CHECK_FALSE(r.allowed("/a"));
    CHECK(r.allowed("/b"));
    CHECK(r.allowed("/c"));
  }
  SUBCASE("lines without a field are ignored") {
    Robots r = parse("User-agent: *\njunk\n: /x\nDisallow: /a\n");
    CHECK_FALSE(r.allowed("/a"));
    CHECK(r.allowed("/x"));
  }
}

TEST_CASE("robots: percent-encoding normalisation and UTF-8") {
  SUBCASE("unreserved characters are decoded on both sides") {
    Robots r = parse("User-agent: *\nDisallow: /%7Ea\nDisallow: /b%2d\n");
    CHECK_FALSE(r.allowed("/~a"));
    CHECK_FALSE(r.allowed("/%7Ea"));
    CHECK_FALSE(r.allowed("/%7ea/x"));
    CHECK_FALSE(r.allowed("/b-"));
    CHECK_FALSE(r.allowed("/b%2D"));
    Robots r2 = parse("User-agent: *\nDisallow: /~a\n");
    CHECK_FALSE(r2.allowed("/%7Ea"));
    CHECK_FALSE(r2.allowed("/%7ea"));
    CHECK(r2.allowed("/~b"));
  }
  SUBCASE("reserved characters stay encoded, hex case ignored") {
    Robots r = parse("User-agent: *\nDisallow: /a%2fb\n");
    CHECK_FALSE(r.allowed("/a%2Fb"));
    CHECK_FALSE(r.allowed("/a%2fb"));
    CHECK(r.allowed("/a/b"));
    Robots r2 = parse("User-agent: *\nDisallow: /a/b\n");
    CHECK(r2.allowed("/a%2Fb"));
  }
  SUBCASE("UTF-8 in a rule matches its percent-encoded form") {
    Robots r = parse("User-agent: *\nDisallow: /\xE1\xBA\xA3\n");  // "/ả"
    CHECK_FALSE(r.allowed("/%E1%BA%A3"));
    CHECK_FALSE(r.allowed("/%e1%ba%a3-x"));
    CHECK_FALSE(r.allowed("/\xE1\xBA\xA3"));
    CHECK(r.allowed("/a"));
    Robots r2 = parse("User-agent: *\nDisallow: /tin-t%E1%BB%A9c/\n");
    CHECK_FALSE(r2.allowed("/tin-t\xE1\xBB\xA9" "c/1"));
    CHECK_FALSE(r2.allowed("/tin-t%e1%bb%a9c/1"));
  }
  SUBCASE("a stray percent sign is literal") {
    Robots r = parse("User-agent: *\nDisallow: /100%\nDisallow: /x%zz\n");
    CHECK_FALSE(r.allowed("/100%"));
    CHECK_FALSE(r.allowed("/x%zz"));
    CHECK(r.allowed("/100"));
  }
  SUBCASE("the pattern length counts the normalised form") {
    // "/\xE1\xBA\xA3" is "/%E1%BA%A3" (10 bytes), longer than "/%E1%BA" (7).
    Robots r = parse("User-agent: *\nAllow: /%E1%BA\nDisallow: /\xE1\xBA\xA3\n");
    CHECK_FALSE(r.allowed("/%E1%BA%A3"));
    CHECK(r.allowed("/%E1%BA%A4"));
  }
}

TEST_CASE("robots: crawl-delay") {
  CHECK(parse("User-agent: *\nCrawl-delay: 10\n").crawl_delay() == 10.0);
  CHECK(parse("User-agent: *\nCrawl-delay: 0.5\n").crawl_delay() == doctest::Approx(0.5));
  CHECK(parse("User-agent: *\ncrawl-DELAY:  2.25  # slow\n").crawl_delay() ==
        doctest::Approx(2.25));
  CHECK(parse("User-agent: *\nCrawl-delay: 3\nCrawl-delay: 7\n").crawl_delay() == 3.0);
  // Invalid values are ignored; a later valid one counts.
  CHECK_FALSE(parse("User-agent: *\nCrawl-delay: soon\n").crawl_delay().has_value());
  CHECK_FALSE(parse("User-agent: *\nCrawl-delay: -1\n").crawl_delay().has_value());
  CHECK_FALSE(parse("User-agent: *\nCrawl-delay:\n").crawl_delay().has_value());
  CHECK_FALSE(parse("User-agent: *\nCrawl-delay: 1.2.3\n").crawl_delay().has_value());
  CHECK_FALSE(parse("User-agent: *\nCrawl-delay: .\n").crawl_delay().has_value());
  CHECK(parse("User-agent: *\nCrawl-delay: x\nCrawl-delay: 4\n").crawl_delay() == 4.0);
  // Our group's delay, not another's; * when there is no group for us.
  Robots r = parse(
      "User-agent: *\nCrawl-delay: 1\n\n"
      "User-agent: other\nCrawl-delay: 30\n\n"
      "User-agent: winnow\nCrawl-delay: 5\nDisallow: /a\n");
  CHECK(r.crawl_delay() == 5.0);
  CHECK(parse("User-agent: other\nCrawl-delay: 30\nUser-agent: *\nCrawl-delay: 2\n")
            .crawl_delay() == 2.0);
  CHECK_FALSE(parse("User-agent: winnow\nDisallow: /a\nUser-agent: *\nCrawl-delay: 2\n")
                  .crawl_delay()
                  .has_value());
  // A crawl-delay line belongs to its group: the next user-agent starts a new one.
  Robots g = parse("User-agent: winnow\nCrawl-delay: 5\nUser-agent: other\nDisallow: /\n");
  CHECK(g.crawl_delay() == 5.0);
  CHECK(g.allowed("/x"));
}

TEST_CASE("robots: allow_all, disallow_all, /robots.txt") {
  Robots a = Robots::allow_all();
  CHECK(a.allowed("/"));
  CHECK(a.allowed("/anything?x=1"));
  CHECK_FALSE(a.crawl_delay().has_value());
  Robots d = Robots::disallow_all();
  CHECK_FALSE(d.allowed("/"));
  CHECK_FALSE(d.allowed("/anything"));
  CHECK(d.allowed("/robots.txt"));
  Robots r = parse("User-agent: *\nDisallow: /\n");
  CHECK_FALSE(r.allowed("/"));
  CHECK_FALSE(r.allowed("/robots.txt.bak"));
  CHECK(r.allowed("/robots.txt"));
  Robots r2 = parse("User-agent: *\nDisallow: /robots.txt\n");
  CHECK(r2.allowed("/robots.txt"));
  // Empty text: everything allowed.
  CHECK(parse("").allowed("/x"));
  // An empty path is the root.
  CHECK_FALSE(r.allowed(""));
  CHECK(parse("User-agent: *\nDisallow: /a\n").allowed(""));
}

TEST_CASE("robots: only the first 500 KiB is read") {
  std::string text = "User-agent: *\nDisallow: /early\n";
  while (text.size() < 512000 - 100) text += "# padding padding padding padding padding\n";
  text += "Disallow: /before\n";
  REQUIRE(text.size() < 512000);
  while (text.size() < 512000) text += "#\n";
  while (text.size() < 600000) text += "Disallow: /late\n";
  Robots r = parse(text);
  CHECK_FALSE(r.allowed("/early"));
  CHECK_FALSE(r.allowed("/before"));
  CHECK(r.allowed("/late"));

  // A line cut at the limit is dropped, not read as a shorter rule.
  std::string cut = "User-agent: *\n";
  while (cut.size() < 512000 - 15) cut += "#\n";
  cut.resize(512000 - 15, '#');
  cut += "\nDisallow: /abcdef\n";  // the limit falls inside "/abcdef"
  Robots rc = parse(cut);
  CHECK(rc.allowed("/abc"));
  CHECK(rc.allowed("/abcdef"));
}

TEST_CASE("robots: pathological wildcards stay fast") {
  std::string text = "User-agent: *\n";
  for (int i = 0; i < 1000; ++i) {
    std::string pattern = "/";
    for (int j = 0; j < 20 + i % 30; ++j) pattern += "*a";
    pattern += (i % 2 == 0) ? "*b" : "*aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab*a";
    if (i % 3 == 0) pattern += "$";
    text += "Disallow: " + pattern + "\n";
  }
  std::string path = "/" + std::string(10000, 'a');
  auto start = std::chrono::steady_clock::now();
  Robots r = parse(text);
  bool ok = true;
  for (int k = 0; k < 5; ++k) ok = ok && r.allowed(path);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(ok);
  CHECK(seconds < 1.0);
  // And the same rules still match where they should.
  CHECK_FALSE(r.allowed(path + "b"));
}

TEST_CASE("robots: garbage input does not crash") {
  std::mt19937 rng(12345);
  std::uniform_int_distribution<int> byte(0, 255);
  const char* pieces[] = {"User-agent:", " * ", "winnow", "Allow:", "Disallow:", "/",
                          "*",           "$",   "%",      "%7",     "\n",        "\r",
                          "#",           ":",   "Crawl-delay:", "1.5", "\xEF\xBB\xBF"};
  for (int round = 0; round < 300; ++round) {
    std::string text;
    int n = 1 + round * 7;
    for (int i = 0; i < n; ++i) {
      if (rng() % 2 == 0) {
        text += static_cast<char>(byte(rng));
      } else {
        text += pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))];
      }
    }
    Robots r = Robots::parse(text, "winnow");
    std::string path;
    for (int i = 0; i < 40; ++i) path += static_cast<char>(byte(rng));
    (void)r.allowed(path);
    (void)r.allowed("/" + path);
    (void)r.allowed("%");
    (void)r.allowed("/%4");
    (void)r.crawl_delay();
    (void)Robots::product_token(path);
  }
  CHECK(true);
}

TEST_CASE("robots: product_token") {
  CHECK(Robots::product_token("winnow/0.1 (+mailto:ops@example.com)") == "winnow");
  CHECK(Robots::product_token("Mozilla/5.0 (X11; Linux x86_64)") == "Mozilla");
  CHECK(Robots::product_token("") == "");
  CHECK(Robots::product_token("winnow") == "winnow");
  CHECK(Robots::product_token("  winnow bot") == "winnow");
}
