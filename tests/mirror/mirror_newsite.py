"""tinnhanh.example: the mirror's news site with NO rule file, for the crawl
of sites without rules (issue 15): feed autodiscovery, sitemaps from
robots.txt (an index, gzip files, a Google News sitemap), article URLs told
by the shapes of feed and sitemap items, listing pages told apart (one of
them at an article-shaped path), and duplicates (AMP, mobile, tracking
parameters, a fragment, a syndicated copy) to write once.

Its articles are the repository's fixtures that have a NAME.clean.txt and a
NAME.meta.json with a title (every fixtures/<host>/ folder, sorted by host,
then NAME), one article each, in the template of mirror_newsite_pages.py.
Dates are assigned, not taken from the fixtures: from 2026-10-20 to
2026-11-28, most of them on or after 2026-11-01. GET /__truth (Host
tinnhanh.example) says what is served; tests/mirror/README.md has the table.

Part of tests/mirror/mirror.py (see its docstring and tests/mirror/README.md).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import unicodedata
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape as xml_escape

from mirror_newsite_pages import (FEED_PATH, FEED_TITLE, HOST, MAIN, SECTIONS, SITE_NAME, SYNDICATION_CREDIT,
                                  VN_TZ, Story, amp_page, article_page, home_page, iso, mobile_page,
                                  section_page, topic_page)
from mirror_pages import etag_of, http_date, rfc822, small_page
from mirror_sites import Static, static

AMP_HOST = "amp." + HOST
MOBILE_HOST = "m." + HOST
# Host (lower-cased, port stripped) -> which face of the site it serves.
HOST_KINDS = {HOST: "main", "www." + HOST: "main", AMP_HOST: "amp", MOBILE_HOST: "mobile"}
TRUTH_PATH = "/__truth"
ID_BASE = 184201  # the first article's id; ids go up in fixture order
SYNDICATED_ID = 185001
TOPIC_PATH = "/chuyen-de/toan-canh-kinh-te-xa-hoi-cuoi-nam-a185100.html"
TOPIC_CARDS = 14
FEED_SIZE = 10
MIN_ARTICLES = 12  # fewer usable fixtures: the site is not served (unknown host)
FIRST_DAY = datetime(2026, 10, 20, tzinfo=timezone.utc)
SPAN_DAYS = 39  # the last article is on 2026-11-28
TRACKING_QUERY = "?utm_source=facebook&utm_medium=social&fbclid=abc123"
SITEMAP_INDEX = "/sitemap-index.xml"
NEWS_SITEMAP = "/sitemaps/news.xml.gz"
SECTIONS_SITEMAP = "/sitemaps/sections.xml"
GZIP = "application/x-gzip"
XML = "application/xml; charset=utf-8"
HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
ROBOTS = ("User-agent: *\n"
          "Disallow: /private/\n"
          "Allow: /\n"
          "\n"
          "Sitemap: %s%s\n" % (MAIN, SITEMAP_INDEX)).encode()
ROBOTS_DATE = datetime(2026, 10, 1, tzinfo=timezone.utc)

# Section of an article: the first whose words its fixture's sections or
# title hold (lower-cased), else thoi-su.
SECTION_WORDS = (
    ("the-gioi", ("trung quốc", "nhật bản", "hàn quốc", "trung đông", "thượng hải", "bắc kinh", "quảng châu",
                  "quảng đông", "việt - trung", "quốc tế", "hữu nghị", "người việt", "apple")),
    ("kinh-te", ("kinh tế", "kinh doanh", "chứng khoán", "cổ phiếu", "bất động sản", "tài chính", "giá vàng",
                 "xuất khẩu", "thuế", "đất")),
)
DATE_RE = re.compile(r"\d{1,2}[/-]\d{1,2}[/-]\d{4}")


def is_date_line(line: str) -> bool:
    """A short line that is a date ("01/03/2026 09:51", "Tin tức 13/11/2023
    11:24"): a dateline the page showed, not body text."""
    return len(line) < 60 and DATE_RE.search(line) is not None and sum(c.isalpha() for c in line) <= 16


def ascii_slug(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "bai-viet"


def _section_of(meta: dict) -> str:
    sections = meta.get("section") or []
    if isinstance(sections, str):
        sections = [sections]
    text = (" ".join(sections) + " " + meta["title"]).lower()
    for slug, words in SECTION_WORDS:
        if any(w in text for w in words):
            return slug
    return "thoi-su"


def _blocks(groups: list[list[str]]) -> list:
    """Body lines as blocks, a group being the lines the clean.txt sets
    apart with blank lines: tab-separated lines a table ("table", rows),
    three lines or more a list ("list", lines), else a paragraph ("p",
    lines): one line, or two joined by a <br> (a caption and its credit)."""
    out: list = []
    for lines in groups:
        if all("\t" in line for line in lines):
            out.append(("table", [line.split("\t") for line in lines]))
        elif len(lines) >= 3:
            out.append(("list", lines))
        else:
            out.append(("p", lines))
    return out


def load_story(source: str) -> Story | None:
    """fixtures/<host>/NAME (without extension) as a story, or None when it
    has no clean.txt, meta.json or title, or no body line."""
    try:
        with open(source + ".meta.json", encoding="utf-8") as fh:
            meta = json.load(fh)
        with open(source + ".clean.txt", encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, ValueError):
        return None
    title = (meta.get("title") or "").strip() if isinstance(meta, dict) else ""
    if not title:
        return None
    lead = (meta.get("lead") or "").strip()
    byline = (meta.get("byline") or "").strip()
    # (group, line) for every line of the clean.txt, groups split at blank lines.
    lines = [(g, line.strip()) for g, chunk in enumerate(re.split(r"\n\s*\n", text))
             for line in chunk.split("\n") if line.strip()]
    texts = [t for _, t in lines]
    # The body: the lines after the lead (else after the title), less the
    # title, lead and byline lines and the date lines before the first.
    start = texts.index(lead) + 1 if lead in texts else (texts.index(title) + 1 if title in texts else 0)
    body = [(g, t) for g, t in lines[start:] if t not in (title, lead, byline)]
    while body and is_date_line(body[0][1]):
        body.pop(0)
    if not body:
        return None
    if not lead:
        lead = body.pop(0)[1]
        if not body:
            return None
    groups: list[list[str]] = []
    last = None
    for g, t in body:
        if g != last:
            groups.append([])
            last = g
        groups[-1].append(t)
    name = os.path.basename(source)
    return Story(name=name, source=source, slug=ascii_slug(name), id=0, section=_section_of(meta), title=title,
                 lead=lead, author=byline or "Nhóm phóng viên", blocks=_blocks(groups))


def load_stories(fixtures_dir: str) -> list[Story]:
    stories: list[Story] = []
    slugs: set[str] = set()
    for host in sorted(os.listdir(fixtures_dir)) if os.path.isdir(fixtures_dir) else []:
        d = os.path.join(fixtures_dir, host)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if not name.endswith(".clean.txt"):
                continue
            s = load_story(os.path.join(d, name[:-len(".clean.txt")]))
            if s is None:
                continue
            base, n = s.slug, 2
            while s.slug in slugs:
                s.slug, n = "%s-%d" % (base, n), n + 1
            slugs.add(s.slug)
            s.id = ID_BASE + len(stories)
            stories.append(s)
    # Dates: ranked by a hash of the name (not the fixture order), the
    # oldest on FIRST_DAY, the newest SPAN_DAYS later, between 08:00 and
    # 17:59 in +07:00 (so no article is near a day's or a month's edge).
    ranked = sorted(stories, key=lambda s: hashlib.sha256(s.name.encode()).hexdigest())
    last = max(1, len(ranked) - 1)
    for rank, s in enumerate(ranked):
        day = (rank * SPAN_DAYS * 2 + last) // (2 * last)
        t = FIRST_DAY + timedelta(days=day, hours=1 + (rank * 7) % 10, minutes=(rank * 17 + 3) % 60)
        s.published = t.astimezone(VN_TZ)
        s.modified = (t + timedelta(minutes=20 + 10 * (rank % 4))).astimezone(VN_TZ)
    return stories


class NewSite:
    """Every response of the site, built once: {kind: {path: Static}}."""

    def __init__(self, stories: list[Story]) -> None:
        self.stories = stories
        self.by_date = sorted(stories, key=lambda s: (-s.published.timestamp(), s.path))
        self.topic_path = TOPIC_PATH
        self.most_read = [self.by_date[i] for i in (7, 2, 11, 0, 9) if i < len(self.by_date)]
        for s in stories:
            same = [o for o in self.by_date if o is not s and o.section == s.section]
            other = [o for o in self.by_date if o is not s and o.section != s.section]
            s.related = (same + other)[:4]
        d = self.by_date
        # The duplicates, each of another of the newest articles (all in the feed).
        self.special = {
            "amp": ("http://%s%s" % (AMP_HOST, d[1].path), d[1]),
            "mobile": ("http://%s%s" % (MOBILE_HOST, d[2].path), d[2]),
            "tracking": (d[3].url + TRACKING_QUERY, d[3]),
            "fragment": (d[4].url + "#comments", d[4]),
        }
        self.amp_suffix = d[5]
        orig = d[6]
        words = orig.slug.split("-")
        self.syndicated = Story(
            name=orig.name, source=orig.source, slug="-".join(words[:4]) + "-ban-tin-ttxvn", id=SYNDICATED_ID,
            section="the-gioi" if orig.section != "the-gioi" else "thoi-su", title=orig.title, lead=orig.lead,
            author=orig.author, blocks=orig.blocks, published=orig.published + timedelta(hours=2, minutes=10),
            modified=orig.modified + timedelta(hours=2, minutes=10), credit=SYNDICATION_CREDIT, copy_of=orig)
        self.syndicated.related = [o for o in reversed(self.by_date) if o is not orig][:4]
        self.pages: dict[str, dict[str, Static]] = {"main": {}, "amp": {}, "mobile": {}}
        self._build()

    def amphtml(self, s: Story) -> str:
        if s is self.amp_suffix:
            return MAIN + s.amp_suffix_path
        return "http://%s%s" % (AMP_HOST, s.path)

    # -- building ------------------------------------------------------------

    def _put(self, kind: str, path: str, body: bytes, ctype: str, lm: datetime | None) -> None:
        self.pages[kind][path] = static(body, ctype, http_date(lm) if lm else None)

    def _build(self) -> None:
        main = "main"
        newest = max(s.modified for s in self.stories)
        for s in self.stories:
            self._put(main, s.path, article_page(self, s, self.amphtml(s)), HTML, s.modified)
            self._put("amp", s.path, amp_page(s), HTML, s.modified)
            self._put("mobile", s.path, mobile_page(s), HTML, s.modified)
        a = self.amp_suffix
        self._put(main, a.amp_suffix_path, amp_page(a), HTML, a.modified)
        c = self.syndicated
        self._put(main, c.path, article_page(self, c, None), HTML, c.modified)
        self._put(main, "/", home_page(self), HTML, newest)
        for slug, _ in SECTIONS:
            mine = [s.modified for s in self.stories if s.section == slug] or [newest]
            self._put(main, "/%s/" % slug, section_page(self, slug), HTML, max(mine))
        self.topic_stories = self.by_date[:TOPIC_CARDS]
        self._put(main, TOPIC_PATH, topic_page(self, self.topic_stories), HTML, self.by_date[0].published)
        self._put(main, FEED_PATH, self._feed(self.by_date[:FEED_SIZE]), RSS, self.by_date[0].published)
        for kind in self.pages:
            self._put(kind, "/robots.txt", ROBOTS, "text/plain; charset=utf-8", ROBOTS_DATE)
        self._build_sitemaps(newest)
        self.truth = self._truth()
        self.truth_body = json.dumps(self.truth, ensure_ascii=False, indent=1).encode()

    def _feed(self, stories: list[Story]) -> bytes:
        out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
               'xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n',
               "<title>%s - %s</title>\n<link>%s/</link>\n" % (SITE_NAME, FEED_TITLE, MAIN),
               "<description>Tin mới nhất của %s</description>\n<language>vi</language>\n" % SITE_NAME,
               '<atom:link href="%s%s" rel="self" type="application/rss+xml"/>\n' % (MAIN, FEED_PATH),
               "<lastBuildDate>%s</lastBuildDate>\n" % rfc822(stories[0].published)]
        for s in stories:
            out.append("<item>\n<title>%s</title>\n<link>%s</link>\n<description>%s</description>\n"
                       "<category>%s</category>\n<pubDate>%s</pubDate>\n"
                       '<guid isPermaLink="true">%s</guid>\n</item>\n'
                       % (xml_escape(s.title), s.url, xml_escape(s.lead), dict(SECTIONS)[s.section],
                          rfc822(s.published), s.url))
        out.append("</channel>\n</rss>\n")
        return "".join(out).encode()

    def _build_sitemaps(self, newest: datetime) -> None:
        urlset = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"%s>\n%s</urlset>\n')
        news_ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
        news = "".join(
            "<url><loc>%s</loc><lastmod>%s</lastmod><news:news><news:publication><news:name>%s</news:name>"
            "<news:language>vi</news:language></news:publication>"
            "<news:publication_date>%s</news:publication_date><news:title>%s</news:title></news:news></url>\n"
            % (s.url, iso(s.modified), SITE_NAME, iso(s.published), xml_escape(s.title)) for s in self.by_date)
        # Month sitemaps: the articles, the syndicated copy and the topic page
        # by the month of their date in +07:00.
        monthly: dict[str, list[tuple[str, datetime]]] = {}
        entries = [(s.url, s.modified, s.published) for s in self.by_date]
        entries.append((self.syndicated.url, self.syndicated.modified, self.syndicated.published))
        topic_date = self.by_date[0].published
        entries.append((MAIN + TOPIC_PATH, topic_date, topic_date))
        for url, lastmod, pub in sorted(entries, key=lambda x: (-x[2].timestamp(), x[0])):
            monthly.setdefault(pub.astimezone(VN_TZ).strftime("%Y-%m"), []).append((url, lastmod))
        index = [(NEWS_SITEMAP, newest)]
        self._put("main", NEWS_SITEMAP, gzip.compress((urlset % (news_ns, news)).encode(), mtime=0), GZIP, newest)
        for month in sorted(monthly):
            path = "/sitemaps/articles-%s.xml.gz" % month
            body = "".join("<url><loc>%s</loc><lastmod>%s</lastmod></url>\n" % (u, iso(lm))
                           for u, lm in monthly[month])
            lm = max(x[1] for x in monthly[month])
            self._put("main", path, gzip.compress((urlset % ("", body)).encode(), mtime=0), GZIP, lm)
            index.append((path, lm))
        sections = "".join("<url><loc>%s</loc><lastmod>%s</lastmod><changefreq>hourly</changefreq></url>\n"
                           % (u, iso(newest)) for u in self.section_urls())
        self._put("main", SECTIONS_SITEMAP, (urlset % ("", sections)).encode(), XML, newest)
        index.append((SECTIONS_SITEMAP, newest))
        self.sitemap_paths = [SITEMAP_INDEX] + [p for p, _ in index]
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n%s</sitemapindex>\n'
                % "".join("<sitemap><loc>%s%s</loc><lastmod>%s</lastmod></sitemap>\n" % (MAIN, p, iso(lm))
                          for p, lm in index))
        self._put("main", SITEMAP_INDEX, body.encode(), XML, newest)

    def section_urls(self) -> list[str]:
        return [MAIN + "/"] + ["%s/%s/" % (MAIN, slug) for slug, _ in SECTIONS]

    def _truth(self) -> dict:
        articles = [{"url": s.url, "published": iso(s.published), "title": s.title, "first_line": s.first_line,
                     "section": s.section, "lead": s.lead, "author": s.author, "fixture": s.source_name}
                    for s in self.by_date]
        dups = [{"url": self.amphtml(s), "of": s.url, "why": "amp"} for s in self.stories]
        for why in ("amp", "mobile", "tracking", "fragment"):
            url, s = self.special[why]
            dups.append({"url": url, "of": s.url, "why": why})
        dups.append({"url": self.syndicated.url, "of": self.syndicated.copy_of.url, "why": "syndicated"})
        dups = sorted({d["url"]: d for d in dups}.values(), key=lambda d: (d["why"], d["url"]))
        return {
            "host": HOST,
            "articles": articles,
            "duplicates": dups,
            "listings": sorted(self.section_urls() + [MAIN + TOPIC_PATH]),
            "sitemaps": [MAIN + p for p in self.sitemap_paths],
            "feed": FEED_PATH,
        }


def load_newsite(fixtures_dir: str) -> NewSite | None:
    stories = load_stories(fixtures_dir)
    return NewSite(stories) if len(stories) >= MIN_ARTICLES else None


class NewsiteHandler:
    """Serves tinnhanh.example and its m. and amp. hosts; mixed into the
    request handler (uses its _send, _conditional, _robots_txt)."""

    def _newsite(self, site: NewSite, kind: str, path: str) -> None:
        if path == "/robots.txt" and self.server.state.switch("robots") != "ok":
            self._robots_txt()  # the robots.txt switch holds for this site too
            return
        built = site.pages[kind].get(path)
        if built is None:
            self._send(404, small_page("404", "not found"))
            return
        self._conditional(built.body, built.ctype, built.etag, built.last_modified)

    def _newsite_truth(self, site: NewSite) -> None:
        self._send(200, site.truth_body, "application/json; charset=utf-8",
                   [("Cache-Control", "no-store"), ("ETag", etag_of(site.truth_body))])
