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
  // The visible date is the latest: an earlier one would be the article's
  // own over a declared record date (see "a declared day later than the dateline's").
  const std::string time = kH1 + R"(<time datetime="2020-01-05">5 Jan</time><p>6 January 2026</p></article>)";
  const std::string visible = kH1 + "<p>6 January 2026</p></article>";
  CHECK(show(dates(kMeta07 + kLd08 + item + other, time).published) == "2025-03-12T08:30:00+07:00");
  CHECK(show(dates(kLd08 + item + other, time).published) == "2025-03-12T08:30:00+08:00");
  CHECK(show(dates(other, item + time).published) == "2020-01-03T00:00:00");
  CHECK(show(dates(other, time).published) == "2020-01-04T00:00:00");
  CHECK(show(dates("", time).published) == "2020-01-05T00:00:00");
  CHECK(show(dates("", visible).published) == "2026-01-06T00:00:00");
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
  // No <h1>: the first <h2> is the headline.
  CHECK(show(dates("", "<div><h2>Introducing the new accelerator</h2><div><p>Luke Kim</p><small>December 17, 2025</small>"
                       "</div><p>Text.</p></div>")
                 .published) == "2025-12-17T00:00:00");
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

TEST_CASE("dates: more meta names: published, published-date, Highwire's citation_publication_date") {
  CHECK(show(dates(R"(<meta name="published" content="July 17, 2025">)", "").published) == "2025-07-17T00:00:00");
  CHECK(show(dates(R"(<meta name="published-date" content="2021-02-16">)", "").published) == "2021-02-16T00:00:00");
  CHECK(show(dates(R"(<meta name="citation_publication_date" content="2023 Jan 7">)", "").published) ==
        "2023-01-07T00:00:00");
}

TEST_CASE("dates: itemprop=datePublished with several values is a list's, not the article's") {
  const std::string ticker = R"(<ul><li><time itemprop="datePublished" content="2026-03-13T12:00:00+00:00">Mar 13</time></li>)"
                             R"(<li><time itemprop="datePublished" content="2026-03-10T14:09:58+00:00">Mar 10</time></li></ul>)";
  CHECK(show(dates(R"(<meta name="date" content="March 27, 2025">)", ticker).published) == "2025-03-27T00:00:00");
  // A <meta itemprop> is the page's declaration, a related card's is not.
  const std::string card = R"(<div class="card"><span itemprop="datePublished" content="2018-10-05T14:15:08+03:00">5 Oct</span></div>)";
  CHECK(show(dates("", R"(<meta itemprop="datePublished" content="2018-09-24T16:45:00+03:00">)" + card).published) ==
        "2018-09-24T16:45:00+03:00");
  // One value, however often, is still the page's.
  const std::string twice = R"(<meta itemprop="datePublished" content="2024-02-01"><meta itemprop="datePublished" content="2024-02-01">)";
  CHECK(show(dates(R"(<meta name="date" content="March 27, 2025">)", twice).published) == "2024-02-01T00:00:00");
}

TEST_CASE("dates: the <time> nearest the headline") {
  // A sidebar's <time> before the headline; the article's right after it.
  const std::string body = R"(<nav><ul><li><a>Other</a> <time datetime="2025-12-17T12:00:00Z">12/17/2025</time></li></ul></nav>)"
                           R"(<p>Menu</p><p>Search</p><h1>Candidate experience in two firms</h1>)"
                           R"(<div><time datetime="2017-03-01T12:00:00Z">03/01/2017</time> by Ann Smith</div><p>Text.</p>)";
  // Its text reads 3 January day-first; its datetime says 1 March: the datetime.
  CHECK(show(dates("", body).published) == "2017-03-01T12:00:00+00:00");
  // A dateline read from its <time datetime> keeps the offset its text states.
  const std::string ld = R"(<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-11-19T19:31:39"}</script>)";
  CHECK(show(dates(ld, kH1 + R"(<p>By Jo Doe | <time datetime="2019-11-18 19:14:00">November 18, 2019 -- 19:14 GMT</time></p></article>)")
                 .published) == "2019-11-18T19:14:00+00:00");
}

TEST_CASE("dates: a UTC instant the page's dateline gives in its own offset") {
  // 03:05Z on the 19th is 19:05-08:00 on the 18th, the dateline's day.
  const std::string meta = R"(<meta property="article:published_time" content="2025-12-19T03:05:00+00:00">)";
  const std::string shown = R"(<div><time datetime="2025-12-18T19:05:00-08:00">December 18, 2025</time></div>)";
  CHECK(show(dates(meta, kH1 + shown + "</article>").published) == "2025-12-18T19:05:00-08:00");
  // No dateline by a headline: the UTC instant as the page declares it.
  CHECK(show(dates(meta, "<p>x</p>" + shown).published) == "2025-12-19T03:05:00+00:00");
}

TEST_CASE("dates: the declared date checked against the dateline by the headline") {
  // UTC on the 19th, the dateline says the 18th, the page's times state
  // -05:00: 02:41:41Z is 21:41:41-05:00 on the 18th.
  const std::string utc = R"(<meta property="article:published_time" content="2025-12-19T02:41:41+00:00">)";
  const std::string posted = kH1 + "<p>Posted on December 18, 2025</p><p>Text.</p></article>";
  const std::string comment = R"(<section><time datetime="2025-12-18T21:46:01-05:00">December 18, 2025, 9:46 pm</time></section>)";
  CHECK(show(dates(utc, posted + comment).published) == "2025-12-18T21:41:41-05:00");
  // No offset stated: 02:41:41Z is the 18th from -02:42 westwards; which
  // zone the dateline is in cannot be told: the declared instant stays.
  CHECK(show(dates(utc, posted).published) == "2025-12-19T02:41:41+00:00");
  // 22:02Z on the 19th is the 19th or 20th everywhere: not the 18th's instant.
  const std::string late = R"(<meta property="article:published_time" content="2025-12-19T22:02:58+00:00">)";
  CHECK(show(dates(late, posted).published) == "2025-12-18T00:00:00");
  // A declared date later than the dateline is a record's (a template's, an
  // import's): the dateline's is the article's.
  const std::string ld = R"(<script type="application/ld+json">{"@type":"BlogPosting","datePublished":"Jun 24, 2025","dateModified":"Jun 24, 2025"}</script>)";
  CHECK(show(dates(ld, kH1 + "<div><p>Shauna Mitchell</p><p>August 25, 2024</p></div><p>Text.</p></article>").published) ==
        "2024-08-25T00:00:00");
  // A date in the text below a paragraph is not the dateline by the headline.
  const std::string para = "<p>" + std::string(130, 'x') + "</p>";
  CHECK(show(dates(ld, kH1 + para + "<p>As of July 31, 2024, the agency has received:</p></article>").published) ==
        "2025-06-24T00:00:00");
  // Nor is a date element inside a sentence.
  CHECK(show(dates(ld, kH1 + "<p>Earlier versions of this paper are in the preprint archive of the journal, first "
                             "published <time>04.Apr.2024</time>.</p></article>").published) == "2025-06-24T00:00:00");
  // A dateline later than the declared date is left alone (an update).
  const std::string aug8 = R"(<meta property="article:published_time" content="2025-08-08T00:00:00-04:00">)";
  CHECK(show(dates(aug8, kH1 + "<p>Published August 13, 2025</p></article>").published) == "2025-08-08T00:00:00-04:00");
  // As is one labelled as an update; it is the modified date when none is declared.
  FoundDates upd = dates(kMeta07, kH1 + "<p>Updated: 14 March 2025</p></article>");
  CHECK(show(upd.published) == "2025-03-12T08:30:00+07:00");
  CHECK(show(upd.modified) == "2025-03-14T00:00:00");
}

TEST_CASE("dates: where each date was read, for explain") {
  FoundDates d = dates(kMeta07 + kLd08, "");
  CHECK(d.published_from == "<meta article:published_time>");
  CHECK(d.modified_from == "JSON-LD dateModified");
  CHECK(dates(kLd08, "").published_from == "JSON-LD datePublished");
  CHECK(dates("", R"(<span itemprop="datePublished" content="2025-03-12">12 March</span>)").published_from ==
        "itemprop=datePublished");
  CHECK(dates("", kH1 + R"(<time datetime="2025-03-12T08:30:00+07:00">yesterday</time><p>Text.</p></article>)")
            .published_from == "<time datetime> by the headline");
  CHECK(dates("", kH1 + "<p>Posted on December 18, 2025</p><p>Text.</p></article>").published_from ==
        "the dateline by the headline");
  // The declared date set aside for the dateline: both are named.
  const std::string late = R"(<meta property="article:published_time" content="2025-12-19T22:02:58+00:00">)";
  CHECK(dates(late, kH1 + "<p>Posted on December 18, 2025</p><p>Text.</p></article>").published_from ==
        "<meta article:published_time>, set aside for the earlier dateline by the headline");
  // An "Updated" dateline is the modified date.
  FoundDates u = dates(kMeta07, kH1 + "<p>Updated March 14, 2025</p><p>Text.</p></article>");
  CHECK(u.modified_from == "the \"Updated\" dateline by the headline");
  // No date, no source.
  FoundDates none = dates("", "<p>Text.</p>");
  CHECK(none.published_from.empty());
  CHECK(none.modified_from.empty());
}
