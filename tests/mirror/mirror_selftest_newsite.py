"""Self-tests of tinnhanh.example, the mirror's site with no rule file
(mirror_newsite.py): the truth endpoint against the fixtures, robots.txt,
the sitemap index and its gzip and Google News sitemaps, the feed found
only by autodiscovery, the home, section and topic pages, every article and
every duplicate (AMP, mobile, tracking, fragment, syndicated), conditional
GETs.

Part of tests/mirror/mirror_selftest.py (run it; it calls run() below).
"""

from __future__ import annotations

import email.utils
import gzip
import json
import os
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import mirror_selftest_util as u
from mirror_selftest_util import ok, request

HOST = "tinnhanh.example"
MAIN = "http://" + HOST
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
FEED = "/feeds/tin-moi.rss"
SECTIONS = ("thoi-su", "kinh-te", "the-gioi")
ARTICLE_URL_RE = re.compile(r"http://tinnhanh\.example/(thoi-su|kinh-te|the-gioi)/[a-z0-9-]+-a\d+\.html")
SPLIT = datetime(2026, 11, 1, tzinfo=timezone(timedelta(hours=7)))


class Page(HTMLParser):
    """What the tests read of a page: head links and metas, the h1, every
    <p> (class, text) in order, links, JSON-LD, elements by class."""

    def __init__(self, data: bytes) -> None:
        super().__init__(convert_charrefs=True)
        self.canonical = self.amphtml = None
        self.alternates: list[dict] = []
        self.meta: dict[str, str] = {}
        self.h1: list[str] = []
        self.ps: list[tuple[str, str]] = []
        self.links: list[str] = []
        self.ld: list = []
        self.classes: dict[str, int] = {}
        self.times: list[str] = []
        self._capture: list | None = None
        self._what = None
        self._buf: list[str] = []
        self.feed(data.decode("utf-8"))
        self.close()

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        for c in a.get("class", "").split():
            self.classes[c] = self.classes.get(c, 0) + 1
        if tag == "link":
            rel = a.get("rel", "")
            if rel == "canonical":
                self.canonical = a.get("href")
            elif rel == "amphtml":
                self.amphtml = a.get("href")
            elif rel == "alternate":
                self.alternates.append(a)
        elif tag == "meta" and a.get("property"):
            self.meta[a["property"]] = a.get("content", "")
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "br" and self._what:
            self._buf.append("\n")
        elif tag == "time":
            self.times.append(a.get("datetime", ""))
        elif tag in ("h1", "p") or (tag == "script" and a.get("type") == "application/ld+json"):
            self._what, self._buf = (tag, a.get("class", "")), []

    def handle_endtag(self, tag):
        if self._what and tag == self._what[0]:
            text = "".join(self._buf).strip()
            if tag == "h1":
                self.h1.append(text)
            elif tag == "p":
                self.ps.append((self._what[1], text))
            else:
                self.ld.append(json.loads(text))
            self._what = None

    def handle_data(self, data):
        if self._what:
            self._buf.append(data)

    def after_lead(self, lead: str) -> str | None:
        """The first line (up to a <br>) of the <p> after the lead's."""
        texts = [t for _, t in self.ps]
        i = texts.index(lead) + 1 if lead in texts else len(texts)
        return texts[i].split("\n")[0] if i < len(texts) else None

    def news_article(self) -> dict:
        return next((x for x in self.ld if x.get("@type") == "NewsArticle"), {})

    def abs_links(self, base: str) -> list[str]:
        return [urljoin(base, h) for h in self.links]


def get(url: str, headers: dict | None = None, method: str = "GET"):
    p = urlsplit(url)
    return request(p.netloc, (p.path or "/") + ("?" + p.query if p.query else ""), headers, method)


def when(text: str) -> datetime:
    return datetime.fromisoformat(text)


def fixture_titles(fixtures: str) -> list[str]:
    """Titles of the fixtures the site must serve: a clean.txt and a
    meta.json with a title (read here independently of the mirror)."""
    out = []
    for host in sorted(os.listdir(fixtures)):
        d = os.path.join(fixtures, host)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".clean.txt") and os.path.exists(os.path.join(d, name[:-10] + ".meta.json")):
                with open(os.path.join(d, name[:-10] + ".meta.json"), encoding="utf-8") as fh:
                    title = (json.load(fh).get("title") or "").strip()
                if title:
                    out.append(title)
    return out


def test_truth(fixtures: str) -> dict:
    u.request("127.0.0.1", "/__reset")
    st, h, body = request(HOST, "/__truth")
    truth = json.loads(body)
    ok(st == 200 and h["Content-Type"].startswith("application/json") and truth["host"] == HOST
       and truth["feed"] == FEED and set(truth) >= {"articles", "duplicates", "listings", "sitemaps"},
       "tinnhanh /__truth: JSON with host, articles, duplicates, listings, sitemaps, feed")
    _, _, log = request("127.0.0.1", "/__log")
    ok(json.loads(log) == [], "/__truth is not logged")
    arts = truth["articles"]
    titles = fixture_titles(fixtures)
    ok(len(arts) == len(titles) >= 12 and sorted(a["title"] for a in arts) == sorted(titles),
       "one article for each of the %d fixtures with clean.txt and a titled meta.json" % len(titles))
    ok(all(ARTICLE_URL_RE.fullmatch(a["url"]) for a in arts) and len({a["url"] for a in arts}) == len(arts)
       and {a["section"] for a in arts} == set(SECTIONS)
       and all(a["url"].startswith("%s/%s/" % (MAIN, a["section"])) for a in arts),
       "article URLs are /<section>/<slug>-a<id>.html, unique, in the 3 sections")
    dates = [when(a["published"]) for a in arts]
    ok(dates == sorted(dates, reverse=True) and all(d.utcoffset() == timedelta(hours=7) for d in dates),
       "articles newest first, published with +07:00")
    before = sum(d < SPLIT for d in dates)
    ok(0 < before < len(dates) / 2 and min(dates).date().isoformat() >= "2026-10-20"
       and max(dates).date().isoformat() <= "2026-11-28",
       "%d of %d articles before 2026-11-01, the rest on or after, all 2026-10-20..2026-11-28"
       % (before, len(dates)))
    whys = {d["why"] for d in truth["duplicates"]}
    urls = {a["url"] for a in arts}
    ok(whys == {"amp", "mobile", "tracking", "fragment", "syndicated"}
       and all(d["of"] in urls and d["url"] not in urls for d in truth["duplicates"]),
       "duplicates: amp, mobile, tracking, fragment, syndicated, each of an article")
    st, _, _ = request("thoidai.com.vn", "/__truth")
    st2, _, _ = request("m." + HOST, "/__truth")
    ok(st == 404 and st2 == 404, "/__truth only on Host tinnhanh.example")
    return truth


def test_robots(truth: dict) -> None:
    st, h, body = request(HOST, "/robots.txt")
    rp = RobotFileParser()
    rp.parse(body.decode().splitlines())
    art = truth["articles"][0]["url"]
    ok(st == 200 and h["Content-Type"].startswith("text/plain") and rp.can_fetch("winnow", art)
       and not rp.can_fetch("winnow", MAIN + "/private/x.html") and rp.can_fetch("winnow", MAIN + "/")
       and rp.site_maps() == [MAIN + "/sitemap-index.xml"] == truth["sitemaps"][:1],
       "tinnhanh robots.txt: all allowed but /private/, Sitemap: the index")
    for host in ("m." + HOST, "amp." + HOST):
        st, _, b = request(host, "/robots.txt")
        ok(st == 200 and b == body, "%s/robots.txt is the same file" % host)
    request("127.0.0.1", "/__set?robots=disallow-all")
    st, _, b = request(HOST, "/robots.txt")
    request("127.0.0.1", "/__set?robots=503")
    st2, _, _ = request("m." + HOST, "/robots.txt")
    request("127.0.0.1", "/__reset")
    st3, _, b3 = request(HOST, "/robots.txt")
    ok(st == 200 and b == b"User-agent: *\nDisallow: /\n" and st2 == 503 and st3 == 200 and b3 == body,
       "the robots.txt switch holds for tinnhanh.example too; /__reset restores its own file")


def xml_of(url: str, gz: bool):
    st, h, body = get(url)
    if gz:
        good = (st == 200 and h["Content-Type"] == "application/x-gzip" and "Content-Encoding" not in h
                and body[:2] == b"\x1f\x8b")
        ok(good, "%s: gzip file bytes as application/x-gzip, no Content-Encoding" % url)
        body = gzip.decompress(body) if good else b"<x/>"
    else:
        ok(st == 200 and h["Content-Type"].startswith("application/xml"), "%s: XML" % url)
    return ET.fromstring(body)


def test_sitemaps(truth: dict) -> None:
    arts = {a["url"]: a for a in truth["articles"]}
    synd = next(d["url"] for d in truth["duplicates"] if d["why"] == "syndicated")
    topic = next(x for x in truth["listings"] if "/chuyen-de/" in x)
    index = xml_of(truth["sitemaps"][0], False)
    entries = index.findall(SM + "sitemap")
    locs = [e.findtext(SM + "loc") for e in entries]
    ok(index.tag == SM + "sitemapindex" and locs == truth["sitemaps"][1:]
       and all(when(e.findtext(SM + "lastmod")) for e in entries)
       and locs[0] == MAIN + "/sitemaps/news.xml.gz"
       and {MAIN + "/sitemaps/articles-2026-10.xml.gz", MAIN + "/sitemaps/articles-2026-11.xml.gz",
            MAIN + "/sitemaps/sections.xml"} <= set(locs),
       "sitemap index: news, monthly and sections sitemaps, each with a lastmod")
    news = xml_of(locs[0], True)
    seen = {}
    good = True
    for url in news.findall(SM + "url"):
        loc = url.findtext(SM + "loc")
        n = url.find(NEWS + "news")
        pub = n.find(NEWS + "publication")
        seen[loc] = n.findtext(NEWS + "publication_date")
        good &= (loc in arts and pub.findtext(NEWS + "name") == "Tin Nhanh"
                 and pub.findtext(NEWS + "language") == "vi" and n.findtext(NEWS + "title") == arts[loc]["title"]
                 and when(seen[loc]) == when(arts[loc]["published"]) and bool(url.findtext(SM + "lastmod")))
    ok(good and set(seen) == set(arts) and synd not in seen,
       "news sitemap: all %d articles, publication_date = truth, title, name, language vi; not the copy" % len(arts))
    monthly: dict[str, str] = {}
    for loc in locs[1:]:
        if loc.endswith(".xml.gz"):
            month = re.search(r"articles-(\d{4}-\d{2})\.xml\.gz$", loc).group(1)
            root = xml_of(loc, True)
            for url in root.findall(SM + "url"):
                good = bool(url.findtext(SM + "lastmod"))
                monthly[url.findtext(SM + "loc")] = month if good else "?"
    ok(all(monthly.get(x) == a["published"][:7] for x, a in arts.items()),
       "every article is in the sitemap of its month, with a lastmod")
    ok(synd in monthly and topic in monthly and set(monthly) == set(arts) | {synd, topic},
       "the month sitemaps also list the syndicated copy and the topic page, nothing else")
    sec = xml_of(MAIN + "/sitemaps/sections.xml", False)
    ok([x.findtext(SM + "loc") for x in sec.findall(SM + "url")]
       == [MAIN + "/"] + ["%s/%s/" % (MAIN, s) for s in SECTIONS], "sections.xml: home and the 3 section pages")
    for path in ("/sitemap.xml", "/sitemap_index.xml", "/sitemaps/news.xml"):
        st, _, _ = request(HOST, path)
        ok(st == 404, "%s is 404" % path)


def test_feed(truth: dict) -> None:
    st, _, home = request(HOST, "/")
    page = Page(home)
    rss = [a for a in page.alternates if a.get("type") == "application/rss+xml"]
    ok(st == 200 and rss == [{"rel": "alternate", "type": "application/rss+xml", "title": "Tin mới", "href": FEED}],
       "home page head: <link rel=alternate type=application/rss+xml title='Tin mới' href=%s>" % FEED)
    st, h, body = request(HOST, FEED)
    items = ET.fromstring(body).findall("./channel/item")
    newest = truth["articles"][:10]
    good = st == 200 and h["Content-Type"] == "application/rss+xml; charset=utf-8" and len(items) == 10
    for it, a in zip(items, newest):
        pub = it.findtext("pubDate")
        good &= (it.findtext("link") == a["url"] and it.findtext("title") == a["title"]
                 and it.findtext("guid") == a["url"] and pub.endswith("+0700")
                 and email.utils.parsedate_to_datetime(pub) == when(a["published"]))
    ok(good, "%s: RSS 2.0 of the newest 10 articles, RFC 822 pubDates = truth" % FEED)
    for path in ("/rss", "/feed", "/rss.xml", "/feed.xml", "/atom.xml", "/rss/", "/feed/", "/rss_feed/"):
        st, _, _ = request(HOST, path)
        ok(st == 404, "guessed feed path %s is 404" % path)


def check_copy(url: str, of: dict, canonical: str) -> tuple[bool, Page | None, bytes]:
    """A duplicate's page: 200 HTML, the canonical given, the article's h1
    and, after its lead, its first paragraph."""
    st, h, body = get(url.split("#")[0])
    if st != 200 or h["Content-Type"] != "text/html; charset=utf-8":
        return False, None, body
    p = Page(body)
    good = (p.canonical == canonical and p.h1 == [of["title"]] and p.after_lead(of["lead"]) == of["first_line"]
            and p.meta.get("og:type") == "article")
    return good, p, body


def test_articles(truth: dict) -> None:
    arts = {a["url"]: a for a in truth["articles"]}
    amps = {d["of"]: d["url"] for d in truth["duplicates"] if d["why"] == "amp" and "/amp" in d["url"][-4:]}
    dup_urls = {d["url"] for d in truth["duplicates"]}
    bodies = {}
    n_good = 0
    for url, a in arts.items():
        st, h, body = get(url)
        bodies[url] = body
        p = Page(body)
        ld = p.news_article()
        good = (st == 200 and p.canonical == url and p.meta.get("og:type") == "article" and p.h1 == [a["title"]]
                and p.after_lead(a["lead"]) == a["first_line"] and ld.get("headline") == a["title"]
                and when(ld.get("datePublished")) == when(a["published"])
                and ld.get("author", {}).get("name") == a["author"]
                and p.amphtml == amps.get(url, "http://amp.%s%s" % (HOST, urlsplit(url).path))
                and p.amphtml in dup_urls
                and p.classes.get("news-body") == 1 and p.classes.get("related-news") == 1
                and p.classes.get("most-read") == 1 and p.classes.get("site-footer") == 1
                and p.classes.get("breaking-ticker") == 1)
        n_good += good
        if not good:
            ok(False, "article %s: canonical, og:type, h1, lead, first paragraph, JSON-LD, template" % url)
    ok(n_good == len(arts), "%d articles: canonical, og:type article, h1, lead then the truth's first paragraph, "
       "JSON-LD NewsArticle headline/datePublished/author, rel=amphtml, the template's boxes" % n_good)
    counts: dict[str, list[int]] = {}
    for d in truth["duplicates"]:
        of = arts[d["of"]]
        syndicated = d["why"] == "syndicated"
        good, p, body = check_copy(d["url"], of, d["url"] if syndicated else d["of"])
        if syndicated and p is not None:
            orig = Page(bodies[d["of"]])
            credit = ("article-credit", "Theo TTXVN")
            good &= (credit in p.ps and credit not in orig.ps and p.links != orig.links
                     and urlsplit(d["url"]).path.split("/")[1] != urlsplit(d["of"]).path.split("/")[1]
                     and ARTICLE_URL_RE.fullmatch(d["url"]) is not None)
        elif d["why"] in ("amp", "mobile") and p is not None:
            good &= body != bodies[d["of"]] and "news-body" not in p.classes  # another template
        else:
            good &= body == bodies[d["of"]]  # the page itself (a query or a fragment)
        counts.setdefault(d["why"], [0, 0])[good] += 1
        if not good:
            ok(False, "%s duplicate %s of %s" % (d["why"], d["url"], d["of"]))
    what = {"amp": "an AMP template, canonical to the main URL",
            "mobile": "the mobile template, canonical to the main URL",
            "tracking": "the main page, tracking parameters ignored", "fragment": "the main page",
            "syndicated": "its own canonical, a credit line 'Theo TTXVN', another related box, section and id"}
    for why, (bad, good) in sorted(counts.items()):
        ok(bad == 0, "%d %s duplicate(s): same h1, lead and first paragraph; %s" % (good, why, what[why]))
    mobile = [d for d in truth["duplicates"] if d["why"] == "mobile"]
    for d in mobile:
        links = Page(get(d["url"])[2]).abs_links(d["url"])
        ok(all(not x.startswith(("http://m.", "http://amp.")) for x in links), "mobile page links to main URLs only")
    other = next(x for x in arts if x not in amps)
    st, _, _ = request("amp." + HOST, "/")
    st2, _, _ = request(HOST, urlsplit(other).path[:-len(".html")] + "/amp")
    st3, _, _ = request("m." + HOST, urlsplit(next(iter(amps.values()))).path)
    ok(len(amps) == 1 and st == 404 and st2 == 404 and st3 == 404,
       "the /amp suffix form for one article only (%s); no home on amp.; m. serves no AMP path"
       % next(iter(amps.values())))


def test_listings(truth: dict) -> None:
    arts = {a["url"]: a for a in truth["articles"]}
    st, _, body = request(HOST, "/")
    home = Page(body)
    links = set(home.abs_links(MAIN + "/"))
    homed = [d["url"] for d in truth["duplicates"] if d["why"] in ("mobile", "tracking", "fragment")]
    amp_linked = [d["url"] for d in truth["duplicates"] if d["why"] == "amp" and d["url"] in links]
    ok(set(arts) <= links and set(homed) <= links and len(amp_linked) == 1
       and amp_linked[0].startswith("http://amp.%s/" % HOST) and set(truth["listings"]) - {MAIN + "/"} <= links,
       "home links every article, one AMP, the mobile, tracking and fragment URLs, the sections and the topic page")
    ok(home.classes.get("teaser") == len(arts), "home: a teaser for each of the %d articles" % len(arts))
    st, _, www = request("www." + HOST + ":80", "/")
    ok(www == body, "Host www.tinnhanh.example:80 serves the same home")
    for s in SECTIONS:
        st, _, b = request(HOST, "/%s/" % s)
        p = Page(b)
        teasers = [urljoin(MAIN, h.decode()) for h in re.findall(rb'<h3 class="teaser-title"><a href="([^"]+)"', b)]
        ok(st == 200 and teasers == [x for x, a in arts.items() if a["section"] == s]
           and p.classes.get("teaser") == len(teasers),
           "/%s/ lists the section's %d articles, newest first" % (s, len(teasers)))
    topic = next(x for x in truth["listings"] if "/chuyen-de/" in x)
    st, _, b = get(topic)
    p = Page(b)
    cards = p.classes.get("topic-card", 0)
    ok(st == 200 and ARTICLE_URL_RE.fullmatch(topic.replace("/chuyen-de/", "/thoi-su/")) is not None
       and p.meta.get("og:type") == "article" and p.canonical == topic and len(p.h1) == 1 and cards >= 12
       and len(p.times) == cards and len([x for x in p.abs_links(topic) if x in arts]) >= cards
       and p.classes.get("card-summary") == cards and "news-body" not in p.classes and not p.news_article(),
       "topic page %s: og:type article, an h1 and %d teaser cards, no article body" % (topic, cards))


def test_conditional(truth: dict) -> None:
    urls = [truth["articles"][0]["url"], MAIN + "/", MAIN + FEED, truth["sitemaps"][0], truth["sitemaps"][1],
            MAIN + "/robots.txt", MAIN + "/thoi-su/", next(x for x in truth["listings"] if "/chuyen-de/" in x)]
    urls += [d["url"] for d in truth["duplicates"] if d["why"] in ("mobile", "syndicated")]
    amps = [d["url"] for d in truth["duplicates"] if d["why"] == "amp"]
    urls += amps[:1] + [x for x in amps if x.endswith("/amp")] + [truth["sitemaps"][2]]
    for url in urls:
        st, h, body = get(url)
        etag, lm = h.get("ETag"), h.get("Last-Modified")
        st1, _, b1 = get(url, {"If-None-Match": etag})
        st2, _, b2 = get(url, {"If-Modified-Since": lm})
        st3, _, _ = get(url, {"If-None-Match": '"stale"'})
        st4, _, _ = get(url, {"If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"})
        sth, hh, bh = get(url, method="HEAD")
        ok(st == 200 and etag and lm and st1 == 304 and b1 == b"" and st2 == 304 and b2 == b"" and st3 == 200
           and st4 == 200 and sth == 200 and bh == b"" and hh["Content-Length"] == str(len(body)),
           "%s: ETag and Last-Modified, 304 on a match, 200 when stale, HEAD" % url)


def test_hosts() -> None:
    st, _, body = request("x." + HOST, "/")
    ok(st == 404 and b"unknown host" in body, "x.tinnhanh.example is an unknown host")
    st, _, _ = request(HOST, "/private/bai-viet.html")
    ok(st == 404, "/private/ path is 404")


def run(fixtures: str) -> None:
    truth = test_truth(fixtures)
    test_robots(truth)
    test_sitemaps(truth)
    test_feed(truth)
    test_articles(truth)
    test_listings(truth)
    test_conditional(truth)
    test_hosts()
    u.request("127.0.0.1", "/__reset")
