// The article's dates (extract/dates.h): each source, the precedence, the
// offset rule, and the visible dateline near the headline.
#include "extract/dates.h"

#include <doctest/doctest.h>

#include <string>

#include "winnow.h"
#include "winnow/internal.h"

namespace {

using winnow::extract::FoundDates;
using winnow::extract::SiteDates;

FoundDates dates(const std::string& head, const std::string& body, const std::string& lang = "en",
                 const SiteDates& site = {}) {
  std::string html = "<!doctype html><html lang=\"" + lang + "\"><head><title>T</title>" + head +
                     "</head><body>" + body + "</body></html>";
  winnow::Document doc = winnow::load_document(html);
  return winnow::extract::find_dates(doc.parsed->page.tree, doc.parsed->meta, site);
}

std::string show(const std::optional<std::string>& s) { return s ? *s : "(none)"; }

const std::string kMeta07 = R"(<meta property="article:published_time" content="2025-03-12T08:30:00+07:00">)";
const std::string kLd08 =
    R"(<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-03-12T08:30:00+08:00",
"dateModified":"2025-03-13T10:00:00+08:00"}</script>)";
const std::string kLdLocal =
    R"(<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-03-12T08:30:00"}</script>)";
const std::string kH1 = "<article><h1>River path to be widened</h1>";

}  // namespace

TEST_CASE("dates: each declared source alone") {
  CHECK(show(dates(kMeta07, "").published) == "2025-03-12T08:30:00+07:00");
  CHECK(show(dates(kLd08, "").published) == "2025-03-12T08:30:00+08:00");
  CHECK(show(dates(R"(<meta property="og:article:published_time" content="2024-01-20T07:30:00Z">)", "").published) ==
        "2024-01-20T07:30:00+00:00");
  CHECK(show(dates("", R"(<span itemprop="datePublished" content="2024-02-01T10:00:00+01:00">1 Feb</span>)").published) ==
        "2024-02-01T10:00:00+01:00");
  CHECK(show(dates(R"(<meta name="pubdate" content="2024-02-03">)", "").published) == "2024-02-03T00:00:00");
  CHECK(show(dates(R"(<meta name="dc.date" content="2024/02/03 09:10">)", "").published) == "2024-02-03T09:10:00");
  CHECK(show(dates("", kH1 + R"(<time datetime="2024-02-04T11:00:00-05:00">Feb 4</time></article>)").published) ==
        "2024-02-04T11:00:00-05:00");
  CHECK(show(dates("", kH1 + "<p class=\"date\">28.04.2023</p></article>").published) == "2023-04-28T00:00:00");
  CHECK(show(dates("", "").published) == "(none)");
}

TEST_CASE("dates: the precedence: meta, JSON-LD, itemprop, other meta, <time>, visible") {
  const std::string item = R"(<meta itemprop="datePublished" content="2020-01-03">)";
  const std::string other = R"(<meta name="date" content="2020-01-04">)";
  const std::string time = kH1 + R"(<time datetime="2020-01-05">5 Jan</time><p>6 January 2020</p></article>)";
  const std::string visible = kH1 + "<p>6 January 2020</p></article>";
  CHECK(show(dates(kMeta07 + kLd08 + item + other, time).published) == "2025-03-12T08:30:00+07:00");
  CHECK(show(dates(kLd08 + item + other, time).published) == "2025-03-12T08:30:00+08:00");
  CHECK(show(dates(other, item + time).published) == "2020-01-03T00:00:00");
  CHECK(show(dates(other, time).published) == "2020-01-04T00:00:00");
  CHECK(show(dates("", time).published) == "2020-01-05T00:00:00");
  CHECK(show(dates("", visible).published) == "2020-01-06T00:00:00");
  // A declared date that does not parse gives way to the next.
  CHECK(show(dates(R"(<meta property="article:published_time" content="hôm qua">)" + other, "").published) ==
        "2020-01-04T00:00:00");
}

TEST_CASE("dates: the offset rule") {
  // The page's meta and JSON-LD give the same time, offsets differ: the meta's.
  CHECK(show(dates(kLd08 + kMeta07, "").published) == "2025-03-12T08:30:00+07:00");
  // A source without an offset takes it from one that states it for the same time.
  CHECK(show(dates(R"(<meta property="article:published_time" content="2025-03-12T08:30">)" + kLd08, "").published) ==
        "2025-03-12T08:30:00+08:00");
  CHECK(show(dates(kLdLocal, kH1 + R"(<time datetime="2025-03-12T08:30:00+07:00">x</time></article>)").published) ==
        "2025-03-12T08:30:00+07:00");
  // +00:00 on the same wall-clock time as a real offset is a server's default.
  CHECK(show(dates(R"(<meta property="article:published_time" content="2019-11-20T04:31:13+00:00">)"
                   R"(<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-11-20T04:31:13-06:00"}</script>)",
                   "")
                 .published) == "2019-11-20T04:31:13-06:00");
  // Not from a different time.
  CHECK(show(dates(kLdLocal, kH1 + R"(<time datetime="2025-03-12T09:30:00+07:00">x</time></article>)").published) ==
        "2025-03-12T08:30:00");
  // Never guessed: no offset stated, none written.
  CHECK(show(dates(kLdLocal, "").published) == "2025-03-12T08:30:00");
  CHECK(show(dates("", kH1 + "<p>12/03/2025 08:30</p></article>", "vi").published) == "2025-03-12T08:30:00");
  // Stated in the visible text.
  CHECK(show(dates("", kH1 + "<p>Thứ tư, 12/3/2025, 08:30 (GMT+7)</p></article>", "vi").published) ==
        "2025-03-12T08:30:00+07:00");
  // The site's offset (rules path) for a date that states none.
  SiteDates site;
  site.rules = true;
  site.utc_offset = 420;
  CHECK(show(dates(kLdLocal, "", "vi", site).published) == "2025-03-12T08:30:00+07:00");
  CHECK(show(dates(kLd08, "", "vi", site).published) == "2025-03-12T08:30:00+08:00");
}

TEST_CASE("dates: modified") {
  CHECK(show(dates(kLd08, "").modified) == "2025-03-13T10:00:00+08:00");
  CHECK(show(dates(R"(<meta property="article:modified_time" content="2025-03-14T10:00:00+07:00">)" + kLd08, "").modified) ==
        "2025-03-14T10:00:00+07:00");
  CHECK(show(dates(R"(<meta property="og:updated_time" content="2025-03-15T10:00:00Z">)", "").modified) ==
        "2025-03-15T10:00:00+00:00");
  CHECK(show(dates(kMeta07, "").modified) == "(none)");
  FoundDates upd = dates("", kH1 + "<p>Updated: 6 March 2024</p></article>");
  CHECK(show(upd.published) == "2024-03-06T00:00:00");
  CHECK(show(upd.modified) == "2024-03-06T00:00:00");
}

TEST_CASE("dates: the visible dateline near the headline") {
  // After the headline when it is as near; a byline may share the line.
  CHECK(show(dates("", "<p>1 May 2020</p>" + kH1 + "<p>By Jane Doe | March 5, 2024</p></article>").published) ==
        "2024-03-05T00:00:00");
  // Before it when nothing follows.
  CHECK(show(dates("", "<p class=\"kicker\">5 de marzo de 2024</p>" + kH1 + "<p>Text.</p></article>", "es").published) ==
        "2024-03-05T00:00:00");
  // The nearer one wins: a dateline just above the title before a "recent
  // posts" box below a short article.
  CHECK(show(dates("", "<article><p class=\"posted-on\">November 22, 2018</p><h1>River path to be widened</h1>"
                       "<p>Text.</p><p>More text.</p><p>Even more text.</p></article>"
                       "<aside><ul><li><a>Other story</a> <span>December 19, 2025</span></li></ul></aside>")
                 .published) == "2018-11-22T00:00:00");
  // A sentence that holds a date is not a dateline.
  CHECK(show(dates("", kH1 + "<p>The council met on March 5, 2024 to decide the river path's future again.</p></article>")
                 .published) == "(none)");
  // A date in the headline is not the dateline.
  CHECK(show(dates("", "<article><h1>Results of 28.04.2023</h1><p>Text.</p></article>").published) == "(none)");
  // No headline, no article: no visible search.
  CHECK(show(dates("", "<div><p>12/03/2025 08:30</p></div>").published) == "(none)");
  // US English pages read numeric dates month first.
  CHECK(show(dates("", kH1 + "<p>03/05/2024 10:00 AM</p></article>", "en-US").published) == "2024-03-05T10:00:00");
  CHECK(show(dates("", kH1 + "<p>03/05/2024 10:00</p></article>", "en-GB").published) == "2024-05-03T10:00:00");
  CHECK(show(dates(R"(<meta property="og:locale" content="en_US">)", kH1 + "<p>03/05/2024</p></article>").published) ==
        "2024-03-05T00:00:00");
  CHECK(show(dates(R"(<meta property="og:locale" content="en_GB">)", kH1 + "<p>03/05/2024</p></article>").published) ==
        "2024-05-03T00:00:00");
  CHECK(show(dates("", kH1 + "<p>03/05/2024</p></article>").published) == "2024-05-03T00:00:00");
}

TEST_CASE("dates: the rules path reads the site's dateline with its formats, then as any dateline") {
  std::string error;
  std::vector<winnow::DateFormat> formats{*winnow::DateFormat::compile("%H:%M | %d/%m/%Y", &error)};
  SiteDates site;
  site.rules = true;
  site.formats = &formats;
  site.utc_offset = 420;
  site.dateline = "14:30 | 02/04/2024";
  CHECK(show(dates("", "", "vi", site).published) == "2024-04-02T14:30:00+07:00");
  site.dateline = "Thứ ba, 2/4/2024 - 14:30";
  CHECK(show(dates("", "", "vi", site).published) == "2024-04-02T14:30:00+07:00");
  // The page's declared date comes first.
  CHECK(show(dates(kMeta07, "", "vi", site).published) == "2025-03-12T08:30:00+07:00");
  // No visible search outside the dateline field.
  site.dateline = "";
  CHECK(show(dates("", kH1 + "<p>12/03/2025</p></article>", "vi", site).published) == "(none)");
}
