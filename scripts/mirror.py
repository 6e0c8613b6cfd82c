#!/usr/bin/env python3
"""Local test mirror of thoidai.com.vn, tuoitrethudo.vn and baoquocte.vn.

A test tool, not a web server for anything else. It serves the saved fixture
pages under ``fixtures/<site>/*.html`` as the three MasterCMS news sites, over
plain HTTP on 127.0.0.1, together with MasterCMS-style RSS feeds, listing
pages, robots.txt, and a set of fault endpoints for the fetcher's tests. The
crawler reaches it through curl's connect-to mapping
(``thoidai.com.vn:80:127.0.0.1:PORT``), so requests arrive as
``GET /path HTTP/1.1`` with ``Host: thoidai.com.vn``; the mirror routes by the
Host header (port stripped, a leading ``www.`` accepted). Python 3.11 standard
library only.

Command line::

    python3 scripts/mirror.py --fixtures DIR --port-file FILE
                              [--port 0] [--bind 127.0.0.1]
                              [--variants N] [--quiet | --verbose]

``--port 0`` (the default) takes an ephemeral port. Once listening, the port
number (decimal, newline-terminated) is written to FILE atomically (FILE.tmp,
then rename). SIGTERM or SIGINT closes the listener and exits 0 within a
fraction of a second, whatever connections are still held open. Requests are
not logged to stderr unless ``--verbose`` (``--quiet``, the default, also
silences the start-up line).

Site content (only for Host thoidai.com.vn, tuoitrethudo.vn, baoquocte.vn,
optionally with ``www.`` and a port; any other Host gets 404 "unknown host"):

* every ``fixtures/<site>/*.html``, byte for byte, at the path of its
  ``<link rel="canonical">`` (``text/html; charset=utf-8``; ETag = quoted
  SHA-256 prefix of the bytes; Last-Modified = the page's publish date, or
  the fixed date ``Mon, 01 Jan 2024 00:00:00 +0700`` =
  ``Sun, 31 Dec 2023 17:00:00 GMT`` for an undated page; If-None-Match and
  If-Modified-Since answer 304);
* ``--variants N``: N more articles spread round-robin over the three sites
  (thoidai, tuoitrethudo, baoquocte, thoidai, ...), variant i (1..N) being a
  copy of the site's fixtures in turn (newest first, cycling) at
  ``/<original-slug>-v<i>-<900000+i>.html``; every occurrence of the
  fixture's canonical URL in the page (canonical link, og:url, JSON-LD, share
  links) is replaced by the same scheme and host with the variant's path, and
  nothing else changes. Bodies are built per request from one stored copy of
  each fixture;
* ``/private/bai-viet-rieng-123456.html``: a copy of the site's newest fixture
  (canonical rewritten the same way) under a path robots.txt disallows;
  listed only in ``/rss_feed/all``;
* ``/rss_feed/`` (newest 25) and ``/rss_feed/all`` (every article, the
  private one last): RSS 2.0, ``application/rss+xml; charset=utf-8``, items
  with title, ``<link>http://HOST/path</link>``, escaped description
  (og:description), RFC 822 pubDate in +0700 (the fixed date above for an
  undated page), ``<guid isPermaLink="true">``, and ``<content:encoded>``
  with a CDATA excerpt. ETag / If-None-Match supported;
* ``/tin-moi/`` and ``/tin-moi/&s_cond=&BRSR=<15*k>`` (literal path, no
  ``?``): the site's articles, 15 a page, in feed order, as MasterCMS listing
  markup (``div.bx-listing div.article``, pager ``div.__MB_ARTICLE_PAGING``
  with ``a.next`` "Sau" while there is a next page);
* ``/robots.txt``: ``User-agent: *`` with Disallow ``/apiservice@/``,
  ``/apicenter@/``, ``/widgets@/``, ``/article/``, ``/tag/``, ``/private/``.

The site's article order (feeds and listings) is: its fixtures by publish
date, newest first (undated ones count as the fixed date), then its variants
by i. A variant carries its fixture's publish date.

Fault endpoints (``/fault/...``) and control endpoints (``/__log``,
``/__reset``) answer on any Host, the three sites included. Parameters are in
the query string (percent-encode values that contain ``&``, ``?``, ``#``).
See scripts/README.md for the list; in short: slow-body, stall, no-answer,
reset, status, flaky, redirect-loop, redirect-chain, redirect-to, big,
gzip-bomb, endless, charset, etag, echo-headers. ``/rss_feed/hostile`` lists,
on each site, article-shaped pages that misbehave through them (HOSTILE).
``/__log`` returns every request
(control paths excluded) since start or the last ``/__reset`` as
``{"t": monotonic seconds when the request line was read, "host": Host
without port, "path": request target, "status": int or null, "method"}``,
sorted by t; ``/__reset`` clears the log and the per-key counters.

The charset endpoint's page text is the sentence
"Tiếng Việt có dấu: Hà Nội, Quảng Châu, đường sắt." encoded in the first
form of it the codec can encode strictly: NFC, NFD, or the Windows-1258 form
(base letters with their vowel marks precomposed, tone marks as combining
characters, which cp1258 needs), else NFC with HTML character references; the
form used is in the ``X-Mirror-Text-Form`` header. Decoded and NFC-normalised
it is always the sentence (after resolving character references).
"""

from __future__ import annotations

import argparse
import codecs
import email.utils
import hashlib
import html
import json
import os
import re
import select
import signal
import socket
import socketserver
import struct
import sys
import threading
import time
import traceback
import unicodedata
import zlib
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit
from xml.sax.saxutils import escape as xml_escape

SITES = ("thoidai.com.vn", "tuoitrethudo.vn", "baoquocte.vn")
SITE_NAMES = {
    "thoidai.com.vn": "Thời Đại",
    "tuoitrethudo.vn": "Báo Tuổi trẻ Thủ đô",
    "baoquocte.vn": "Báo Quốc Tế",
}
VN_TZ = timezone(timedelta(hours=7))
FIXED_DATE = datetime(2024, 1, 1, 0, 0, 0, tzinfo=VN_TZ)
VARIANT_ID_BASE = 900000
PRIVATE_PATH = "/private/bai-viet-rieng-123456.html"
PAGE_SIZE = 15
FEED_SIZE = 25
LISTING_PATH = "/tin-moi/"
LISTING_PAGE_RE = re.compile(r"/tin-moi/&s_cond=&BRSR=(\d+)")
ARTICLE_PATH_RE = re.compile(r"^/[a-z0-9-]+-\d+\.html$")
HOLD_SECONDS = 600
HOSTILE_FEED = "/rss_feed/hostile"
# Hostile articles: article-shaped paths on every site (so a crawl job takes
# them for articles) that misbehave through a fault endpoint. {port} is the
# mirror's own port: a redirect there would reach the mirror if followed.
HOSTILE = (
    ("hostile-redirect-file-990001", "redirect-to", "location=file%3A%2F%2F%2Fetc%2Fpasswd"),
    ("hostile-redirect-other-host-990002", "redirect-to", "location=http%3A%2F%2Fother.example%2Fbai-viet-1.html"),
    ("hostile-redirect-loopback-990003", "redirect-to", "location=http%3A%2F%2F127.0.0.1%3A{port}%2Frss_feed%2F"),
    ("hostile-redirect-ipv6-loopback-990004", "redirect-to", "location=http%3A%2F%2F%5B%3A%3A1%5D%3A{port}%2F"),
    ("hostile-redirect-private-990005", "redirect-to", "location=http%3A%2F%2F10.0.0.1%2Fbai-viet-1.html"),
    ("hostile-redirect-metadata-990006", "redirect-to",
     "location=http%3A%2F%2F169.254.169.254%2Flatest%2Fmeta-data%2F"),
    ("hostile-redirect-loop-990007", "redirect-loop", "key=hostile-loop"),
    ("hostile-endless-body-990008", "endless", "delay_ms=0"),
    ("hostile-endless-slow-body-990009", "endless", "delay_ms=50&chunk=512"),
    ("hostile-no-answer-990010", "no-answer", ""),
    ("hostile-stall-990011", "stall", ""),
    ("hostile-gzip-bomb-990012", "gzip-bomb", "mb=64"),
    ("hostile-reset-990013", "reset", ""),
    ("hostile-server-error-990014", "status", "code=500"),
)
MAX_GZIP_MB = 1024

CHARSET_SENTENCE = "Tiếng Việt có dấu: Hà Nội, Quảng Châu, đường sắt."
FLAKY_OK_PAGE = b"<html><head><title>ok</title></head><body><p>flaky ok</p></body></html>"
ETAG_FAULT_VALUE = '"v1"'
ETAG_FAULT_DATE = "Tue, 02 Apr 2024 07:30:00 GMT"

ROBOTS_TXT = (
    "User-agent: *\n"
    "Disallow: /apiservice@/\n"
    "Disallow: /apicenter@/\n"
    "Disallow: /widgets@/\n"
    "Disallow: /article/\n"
    "Disallow: /tag/\n"
    "Disallow: /private/\n"
).encode()


def etag_of(data: bytes) -> str:
    return '"' + hashlib.sha256(data).hexdigest()[:32] + '"'


def http_date(dt: datetime) -> str:
    return email.utils.format_datetime(dt.astimezone(timezone.utc), usegmt=True)


def rfc822(dt: datetime) -> str:
    return email.utils.format_datetime(dt.astimezone(VN_TZ))


def small_page(title: str, text: str) -> bytes:
    return (
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title></head>"
        "<body><p>%s</p></body></html>\n" % (html.escape(title), html.escape(text))
    ).encode()


# ---------------------------------------------------------------------------
# Fixtures


class _MetaParser(HTMLParser):
    """Collects the few head fields the mirror needs from a fixture page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.canonical = None
        self.meta: dict[str, str] = {}
        self.title = ""
        self.ld_json: list[str] = []
        self._in_title = False
        self._in_ld = False
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "link" and a.get("rel", "").lower() == "canonical" and self.canonical is None:
            self.canonical = a.get("href", "").strip()
        elif tag == "meta":
            key = a.get("property") or a.get("name") or a.get("itemprop")
            if key and "content" in a and key not in self.meta:
                self.meta[key] = a["content"].strip()
        elif tag == "title" and not self.title:
            self._in_title, self._buf = True, []
        elif tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._in_ld, self._buf = True, []

    def handle_endtag(self, tag):
        if tag == "title" and self._in_title:
            self._in_title = False
            self.title = "".join(self._buf).strip()
        elif tag == "script" and self._in_ld:
            self._in_ld = False
            self.ld_json.append("".join(self._buf))

    def handle_data(self, data):
        if self._in_title or self._in_ld:
            self._buf.append(data)


def _ld_date(blocks: list[str]) -> str | None:
    def walk(node):
        if isinstance(node, dict):
            v = node.get("datePublished")
            if isinstance(v, str):
                return v
            for x in node.values():
                r = walk(x)
                if r:
                    return r
        elif isinstance(node, list):
            for x in node:
                r = walk(x)
                if r:
                    return r
        return None

    for text in blocks:
        try:
            r = walk(json.loads(text))
        except ValueError:
            m = re.search(r'"datePublished"\s*:\s*"([^"]+)"', text)
            r = m.group(1) if m else None
        if r:
            return r
    return None


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=VN_TZ)
    return dt.astimezone(VN_TZ)


class Fixture:
    def __init__(self, site: str, file: str, body: bytes) -> None:
        p = _MetaParser()
        p.feed(body.decode("utf-8", "replace"))
        p.close()
        self.site = site
        self.file = file
        self.body = body
        self.etag = etag_of(body)
        self.canonical = p.canonical or p.meta.get("og:url") or ""
        self.path = urlsplit(self.canonical).path if self.canonical else ""
        m = re.fullmatch(r"/(.+)-(\d+)\.html", self.path)
        self.slug = m.group(1) if m else os.path.splitext(os.path.basename(file))[0]
        self.title = p.meta.get("og:title") or p.title
        self.description = p.meta.get("og:description") or p.meta.get("description", "")
        self.image = p.meta.get("og:image", "")
        self.date = _parse_date(p.meta.get("article:published_time")) or _parse_date(
            _ld_date(p.ld_json)) or _parse_date(p.meta.get("datePublished"))
        self.pub = self.date or FIXED_DATE
        self.last_modified = http_date(self.pub)
        # The page split at each occurrence of its canonical URL: a variant is
        # these parts joined with the variant's URL.
        self.parts = body.split(self.canonical.encode()) if self.canonical else [body]

    def url_with_path(self, path: str) -> str:
        u = urlsplit(self.canonical)
        return "%s://%s%s" % (u.scheme or "https", u.netloc, path)


class Article:
    """One servable article: a fixture as-is, a variant, or the private copy."""

    __slots__ = ("site", "path", "fixture", "kind", "page_url", "_etag")

    def __init__(self, site: str, path: str, fixture: Fixture, kind: str) -> None:
        self.site = site
        self.path = path
        self.fixture = fixture
        self.kind = kind
        self.page_url = fixture.canonical if kind == "fixture" else fixture.url_with_path(path)
        self._etag = fixture.etag if kind == "fixture" else None

    def body(self) -> bytes:
        if self.kind == "fixture":
            return self.fixture.body
        return self.page_url.encode().join(self.fixture.parts)

    def etag(self, body: bytes | None = None) -> str:
        if self._etag is None:
            self._etag = etag_of(body if body is not None else self.body())
        return self._etag

    @property
    def link(self) -> str:
        return "http://%s%s" % (self.site, self.path)


# ---------------------------------------------------------------------------
# Feeds and listings


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def build_feed(host: str, articles: list[Article], self_path: str) -> bytes:
    name = SITE_NAMES.get(host, host)
    newest = max((a.fixture.pub for a in articles), default=FIXED_DATE)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n',
        "<title>%s</title>\n" % xml_escape(name),
        "<link>http://%s/</link>\n" % host,
        "<description>Tin mới &amp; nổi bật - %s</description>\n" % xml_escape(name),
        "<language>vi</language>\n",
        '<atom:link href="http://%s%s" rel="self" type="application/rss+xml"/>\n'
        % (host, self_path),
        "<lastBuildDate>%s</lastBuildDate>\n" % rfc822(newest),
        "<generator>MasterCMS Ultimate Edition v2.9</generator>\n",
        "<!-- Gen by masterCMS superCached (winnow test mirror) -->\n",
    ]
    for a in articles:
        f = a.fixture
        excerpt = '<p><img src="%s" alt="%s"/></p><p>%s</p>' % (
            html.escape(f.image), html.escape(f.title), html.escape(f.description))
        out.append(
            "<item>\n"
            "<title>%s</title>\n"
            "<link>%s</link>\n"
            "<description>%s</description>\n"
            "<pubDate>%s</pubDate>\n"
            '<guid isPermaLink="true">%s</guid>\n'
            "<content:encoded>%s</content:encoded>\n"
            "</item>\n"
            % (xml_escape(f.title), xml_escape(a.link), xml_escape(f.description),
               rfc822(f.pub), xml_escape(a.link), _cdata(excerpt)))
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode()


HOSTILE_BY_PATH = {"/%s.html" % slug: (name, query) for slug, name, query in HOSTILE}


def build_hostile_feed(host: str) -> bytes:
    """RSS listing the hostile articles on `host`, nothing else."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n',
           "<title>hostile</title>\n<link>http://%s/</link>\n<description>hostile</description>\n" % host]
    for slug, _, _ in HOSTILE:
        link = "http://%s/%s.html" % (host, slug)
        out.append("<item>\n<title>%s</title>\n<link>%s</link>\n<pubDate>%s</pubDate>\n</item>\n"
                   % (slug, link, rfc822(FIXED_DATE)))
    out.append("</channel>\n</rss>\n")
    return "".join(out).encode()


def listing_path(k: int) -> str:
    return LISTING_PATH if k == 0 else "%s&s_cond=&BRSR=%d" % (LISTING_PATH, PAGE_SIZE * k)


def build_listing(host: str, articles: list[Article], k: int, pages: int) -> bytes:
    name = SITE_NAMES.get(host, host)
    e = html.escape
    out = [
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<title>Tin mới%s | %s</title>\n" % (" - Trang %d" % (k + 1) if k else "", e(name)),
        '<link rel="alternate" type="application/rss+xml" href="http://%s/rss_feed/">\n' % host,
        "</head>\n<body>\n<a name=\"top\"></a>\n",
        '<header class="header"><nav id="nav"><ul class="main-menu">'
        '<li class="cat"><a href="/tag/ha-noi-1.tag">Hà Nội</a></li>'
        '<li class="cat"><a href="/chu-de/hop-tac-quoc-te.topic">Hợp tác quốc tế</a></li>'
        '<li class="cat"><a href="/rss_feed/">RSS</a></li>'
        '<li class="cat"><a href="javascript:void(0)" class="search-btn">Tìm kiếm</a></li>'
        "</ul></nav></header>\n",
        '<div class="bx-listing">\n',
    ]
    for i, a in enumerate(articles[k * PAGE_SIZE:(k + 1) * PAGE_SIZE]):
        f = a.fixture
        href = a.link if i % 2 == 0 else a.path
        out.append(
            '<div class="article">'
            '<a class="article-image" href="%s"><img alt="%s" src="%s"></a>'
            '<h3 class="article-title"><a href="%s">%s</a></h3>'
            '<div class="article-desc">%s</div>'
            "</div>\n" % (e(href), e(f.title), e(f.image), e(href), e(f.title), e(f.description)))
    out.append("</div>\n")
    # Pager hrefs carry a raw "&" as in the brief ("&s_cond=" and "&BRSR=" are
    # no character references, so HTML parsers keep them literally).
    pager = ['<div class="__MB_ARTICLE_PAGING">']
    if k > 0:
        pager.append('<a class="prev" href="%s">Trước</a>' % listing_path(k - 1))
    shown = sorted({0, pages - 1} | set(range(max(0, k - 3), min(pages, k + 4))))
    last = -1
    for p in shown:
        if p > last + 1:
            pager.append("<span>...</span>")
        if p == k:
            pager.append('<span class="active">%d</span>' % (p + 1))
        else:
            pager.append('<a href="%s">%d</a>' % (listing_path(p), p + 1))
        last = p
    if k + 1 < pages:
        pager.append('<a class="next" href="%s">Sau</a>' % listing_path(k + 1))
    pager.append("</div>\n")
    out.extend(pager)
    out.append(
        '<footer class="footer"><a href="#top">Lên đầu trang</a> '
        '<a href="mailto:toasoan@%s">Liên hệ tòa soạn</a> '
        '<a href="javascript:void(0)" onclick="window.print()">In trang</a></footer>\n'
        "</body>\n</html>\n<!-- Gen by masterCMS superCached (winnow test mirror) -->\n" % host)
    return "".join(out).encode()


class Site:
    def __init__(self, host: str, fixtures: list[Fixture]) -> None:
        self.host = host
        self.fixtures = sorted(fixtures, key=lambda f: (-f.pub.timestamp(), f.path))
        self.articles: list[Article] = []
        self.by_path: dict[str, Article] = {}
        for f in self.fixtures:
            if not f.path:
                print("mirror: %s has no canonical URL, not served" % f.file, file=sys.stderr)
                continue
            if f.path in self.by_path:
                print("mirror: %s: path %s already served, skipped" % (f.file, f.path), file=sys.stderr)
                continue
            if not ARTICLE_PATH_RE.match(f.path):
                print("mirror: %s: path %s is not /slug-id.html" % (f.file, f.path), file=sys.stderr)
            self._add(Article(host, f.path, f, "fixture"))
        self.private = None

    def _add(self, a: Article) -> None:
        self.articles.append(a)
        self.by_path[a.path] = a

    def add_variant(self, i: int, j: int) -> Article:
        f = self.fixtures[j % len(self.fixtures)]
        a = Article(self.host, "/%s-v%d-%d.html" % (f.slug, i, VARIANT_ID_BASE + i), f, "variant")
        self._add(a)
        return a

    def finish(self) -> None:
        if self.fixtures:
            self.private = Article(self.host, PRIVATE_PATH, self.fixtures[0], "private")
            self.by_path[PRIVATE_PATH] = self.private
        self.feed = build_feed(self.host, self.articles[:FEED_SIZE], "/rss_feed/")
        self.feed_etag = etag_of(self.feed)
        everything = self.articles + ([self.private] if self.private else [])
        self.feed_all = build_feed(self.host, everything, "/rss_feed/all")
        self.feed_all_etag = etag_of(self.feed_all)
        pages = max(1, -(-len(self.articles) // PAGE_SIZE))
        self.listings = [build_listing(self.host, self.articles, k, pages) for k in range(pages)]
        self.listing_etags = [etag_of(b) for b in self.listings]


def load_sites(fixtures_dir: str, variants: int) -> dict[str, Site]:
    sites: dict[str, Site] = {}
    for host in SITES:
        d = os.path.join(fixtures_dir, host)
        fixtures = []
        if os.path.isdir(d):
            for name in sorted(os.listdir(d)):
                if name.endswith(".html"):
                    with open(os.path.join(d, name), "rb") as fh:
                        fixtures.append(Fixture(host, os.path.join(d, name), fh.read()))
        sites[host] = Site(host, fixtures)
    with_pages = [sites[h] for h in SITES if sites[h].fixtures]
    if variants and not with_pages:
        raise SystemExit("mirror: --variants given but no fixtures found under %s" % fixtures_dir)
    counts = {h: 0 for h in SITES}
    for i in range(1, variants + 1):
        s = with_pages[(i - 1) % len(with_pages)]
        s.add_variant(i, counts[s.host])
        counts[s.host] += 1
    for s in sites.values():
        s.finish()
    return sites


# ---------------------------------------------------------------------------
# Shared state: request log, per-key counters, gzip bombs


class State:
    def __init__(self, sites: dict[str, Site], verbose: bool) -> None:
        self.sites = sites
        self.verbose = verbose
        self.lock = threading.Lock()
        self.log: list[dict] = []
        self.counters: dict[str, int] = {}
        self.gzip_lock = threading.Lock()
        self.gzip_cache: dict[int, bytes] = {}
        self.gzip_locks: dict[int, threading.Lock] = {}

    def record(self, entry: dict) -> None:
        with self.lock:
            self.log.append(entry)

    def log_json(self) -> bytes:
        with self.lock:
            entries = [dict(e) for e in self.log]
        entries.sort(key=lambda e: e["t"])
        return json.dumps(entries, ensure_ascii=False).encode()

    def reset(self) -> None:
        with self.lock:
            self.log.clear()
            self.counters.clear()

    def bump(self, key: str) -> int:
        with self.lock:
            n = self.counters.get(key, 0) + 1
            self.counters[key] = n
            return n

    def gzip_bomb(self, mb: int) -> bytes:
        with self.gzip_lock:
            lock = self.gzip_locks.setdefault(mb, threading.Lock())
        with lock:
            data = self.gzip_cache.get(mb)
            if data is None:
                data = make_gzip_bomb(mb)
                self.gzip_cache[mb] = data
            return data


def make_gzip_bomb(mb: int) -> bytes:
    """A one-member gzip stream inflating to `mb` MiB of spaces, built in well
    under a second even for 1 GiB: each MiB is deflated after a full flush, so
    every MiB compresses to the same bytes, which are repeated."""
    block = b" " * (1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate
    piece = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = comp.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(mb):
        crc = zlib.crc32(block, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # gzip, deflate, no mtime
    return header + piece * mb + tail + struct.pack("<II", crc, (mb << 20) & 0xFFFFFFFF)


def _filler(n: int, chunk: int = 1 << 16):
    """n bytes of an HTML-looking page, in pieces of at most `chunk` bytes."""
    head = b"<!DOCTYPE html><html><head><title>big</title></head><body><p>"
    unit = b"Lorem ipsum dolor sit amet, consectetur adipiscing elit. "
    block = (unit * (chunk // len(unit) + 1))[:chunk]
    first = head[:n]
    if first:
        yield first
    n -= len(first)
    while n > 0:
        piece = block[:n]
        yield piece
        n -= len(piece)


def encode_sentence(text: str, codec: str) -> tuple[bytes, str]:
    nfc = unicodedata.normalize("NFC", text)
    forms = [("nfc", nfc), ("nfd", unicodedata.normalize("NFD", text))]
    # Windows-1258 style: precomposed vowel letters, combining tone marks.
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    vn = []
    for ch in nfc:
        d = unicodedata.normalize("NFD", ch)
        base = "".join(c for c in d if c not in tones)
        marks = "".join(c for c in d if c in tones)
        vn.append(unicodedata.normalize("NFC", base) + marks)
    forms.append(("vn-tones", "".join(vn)))
    for label, s in forms:
        try:
            return s.encode(codec, errors="strict"), label
        except UnicodeEncodeError:
            continue
    return nfc.encode(codec, errors="xmlcharrefreplace"), "charref"


# ---------------------------------------------------------------------------
# HTTP


class BadParam(Exception):
    pass


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "winnow-mirror/1.0"
    sys_version = ""
    disable_nagle_algorithm = True
    timeout = 300  # idle keep-alive connections are dropped after this

    # -- plumbing ----------------------------------------------------------

    def version_string(self):
        return self.server_version

    def parse_request(self):
        self._t0 = time.monotonic()
        self._entry = None
        return super().parse_request()

    def send_response(self, code, message=None):
        entry = getattr(self, "_entry", None)
        if entry is not None:
            entry["status"] = code
        super().send_response(code, message)

    def log_message(self, format, *args):
        if self.server.state.verbose:
            sys.stderr.write("mirror: %s %s\n" % (self.headers.get("Host", "-") if hasattr(self, "headers") else "-",
                                                  format % args))

    def do_GET(self):
        self._dispatch()

    do_HEAD = do_GET

    def _send(self, code: int, body: bytes = b"", ctype: str | None = "text/html; charset=utf-8",
              headers=(), close: bool = False) -> None:
        no_body = code in (204, 304) or code < 200
        self.send_response(code)
        if ctype and not no_body:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        if not no_body:
            self.send_header("Content-Length", str(len(body)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self._headers_buffer.append(b"\r\n")
        if body and not no_body and self.command != "HEAD":
            self._headers_buffer.append(body)  # one write: headers and body together
        self.flush_headers()

    def _send_headers_only(self, code: int, headers) -> None:
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()

    def _not_found(self, text: str = "not found") -> None:
        self._send(404, small_page("404", text))

    def _not_modified(self, etag: str | None, last_modified: str | None = None) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            if etag is None:
                return False
            for tag in inm.split(","):
                tag = tag.strip()
                if tag.startswith("W/"):
                    tag = tag[2:]
                if tag == "*" or tag == etag:
                    return True
            return False
        ims = self.headers.get("If-Modified-Since")
        if ims and last_modified:
            try:
                since = email.utils.parsedate_to_datetime(ims)
                lm = email.utils.parsedate_to_datetime(last_modified)
            except (TypeError, ValueError):
                return False
            if since.tzinfo is None:
                since = since.replace(tzinfo=timezone.utc)
            return since >= lm
        return False

    def _conditional(self, body: bytes, ctype: str, etag: str, last_modified: str | None = None) -> None:
        headers = [("ETag", etag)]
        if last_modified:
            headers.append(("Last-Modified", last_modified))
        if self._not_modified(etag, last_modified):
            self._send(304, headers=headers)
        else:
            self._send(200, body, ctype, headers)

    # -- routing -----------------------------------------------------------

    def _dispatch(self) -> None:
        state: State = self.server.state
        target = self.path
        path, _, query = target.partition("?")
        host_header = self.headers.get("Host", "")
        host = host_header.strip().lower()
        if host.startswith("["):
            host = host[1:].split("]", 1)[0]
        else:
            host = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        host = host.rstrip(".")
        if path == "/__log":
            self._send(200, state.log_json(), "application/json", [("Cache-Control", "no-store")])
            return
        if path == "/__reset":
            state.reset()
            self._send(200, b'{"ok": true}', "application/json", [("Cache-Control", "no-store")])
            return
        self._entry = {"t": self._t0, "host": host, "path": target, "status": None,
                       "method": self.command}
        state.record(self._entry)
        try:
            if path.startswith("/fault/"):
                try:
                    self._fault(path[len("/fault/"):], query, host_header)
                except BadParam as e:
                    self._send(400, small_page("400", "bad parameter: %s" % e))
                return
            site = state.sites.get(host[4:] if host.startswith("www.") else host)
            if site is None:
                self._send(404, small_page("404", "unknown host"))
                return
            self._site(site, path)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError):
            self.close_connection = True

    def _site(self, site: Site, path: str) -> None:
        if path == "/robots.txt":
            self._send(200, ROBOTS_TXT, "text/plain; charset=utf-8")
            return
        if path in ("/rss_feed/", "/rss_feed"):
            self._conditional(site.feed, "application/rss+xml; charset=utf-8", site.feed_etag)
            return
        if path == HOSTILE_FEED:
            self._send(200, build_hostile_feed(site.host), "application/rss+xml; charset=utf-8")
            return
        hostile = HOSTILE_BY_PATH.get(path)
        if hostile is not None:
            name, query = hostile
            self._fault(name, query.format(port=self.server.server_address[1]), self.headers.get("Host", ""))
            return
        if path in ("/rss_feed/all", "/rss_feed/all/"):
            self._conditional(site.feed_all, "application/rss+xml; charset=utf-8", site.feed_all_etag)
            return
        k = None
        if path == LISTING_PATH:
            k = 0
        else:
            m = LISTING_PAGE_RE.fullmatch(path)
            if m:
                off = int(m.group(1))
                if off % PAGE_SIZE == 0 and off // PAGE_SIZE < len(site.listings):
                    k = off // PAGE_SIZE
        if k is not None:
            self._conditional(site.listings[k], "text/html; charset=utf-8", site.listing_etags[k])
            return
        art = site.by_path.get(path)
        if art is None:
            self._not_found()
            return
        body = art.body()
        self._conditional(body, "text/html; charset=utf-8", art.etag(body), art.fixture.last_modified)

    # -- fault endpoints ---------------------------------------------------

    def _fault(self, name: str, query: str, host_header: str) -> None:
        q = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}

        def num(key, default=None, lo=0, hi=1 << 40):
            v = q.get(key)
            if v is None or v == "":
                if default is None:
                    raise BadParam("%s is required" % key)
                return default
            try:
                n = int(v)
            except ValueError:
                raise BadParam("%s=%r is not an integer" % (key, v)) from None
            if not lo <= n <= hi:
                raise BadParam("%s=%d out of range %d..%d" % (key, n, lo, hi))
            return n

        state: State = self.server.state
        key = q.get("key") or self.path
        state.bump(key)
        handler = getattr(self, "_fault_" + name.replace("-", "_"), None)
        if handler is None or not re.fullmatch(r"[a-z-]+", name):
            self._not_found("no such fault endpoint")
            return
        handler(q, num, key, host_header)

    def _hold(self) -> None:
        """Keep the connection open, reading nothing useful, until the client
        closes it or HOLD_SECONDS pass."""
        self.close_connection = True
        sock = self.connection
        deadline = time.monotonic() + HOLD_SECONDS
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            try:
                r, _, _ = select.select([sock], [], [], min(left, 5.0))
                if r and not sock.recv(65536):
                    return
            except (OSError, ValueError):
                return

    def _fault_slow_body(self, q, num, key, host_header):
        n = num("bytes", 100)
        delay = num("delay_ms", 100, 0, 3_600_000) / 1000.0
        self._send_headers_only(200, [("Content-Type", "text/html; charset=utf-8"),
                                      ("Content-Length", str(n))])
        if self.command == "HEAD":
            return
        for piece in _filler(n):
            for i in range(len(piece)):
                self.wfile.write(piece[i:i + 1])
                time.sleep(delay)

    def _fault_stall(self, q, num, key, host_header):
        self._send_headers_only(200, [("Content-Type", "text/html; charset=utf-8"),
                                      ("Content-Length", "1000")])
        self._hold()

    def _fault_no_answer(self, q, num, key, host_header):
        self._hold()

    def _fault_reset(self, q, num, key, host_header):
        sock = self.connection
        self.close_connection = True
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        try:
            self.rfile.close()  # drops the makefile reference so close() is real
        except OSError:
            pass
        sock.close()  # linger 0: the kernel sends RST, not FIN

    def _fault_status(self, q, num, key, host_header):
        code = num("code", 500, 200, 599)
        headers = []
        if q.get("retry_after"):
            headers.append(("Retry-After", self._header_value(q["retry_after"])))
        self._send(code, small_page(str(code), "status %d" % code), headers=headers)

    def _fault_flaky(self, q, num, key, host_header):
        fail = num("fail", 1)
        code = num("code", 503, 200, 599)
        with self.server.state.lock:
            n = self.server.state.counters.get(key, 0)
        if n <= fail:
            headers = []
            if q.get("retry_after"):
                headers.append(("Retry-After", self._header_value(q["retry_after"])))
            self._send(code, small_page(str(code), "flaky failure %d of %d" % (n, fail)), headers=headers)
        else:
            self._send(200, FLAKY_OK_PAGE)

    def _fault_redirect_loop(self, q, num, key, host_header):
        nxt = "2" if q.get("n") == "1" else "1"
        params = {"key": q["key"]} if "key" in q else {}
        params["n"] = nxt
        target = "/fault/redirect-loop?" + urlencode(params)
        if host_header:
            target = "http://%s%s" % (self._header_value(host_header), target)
        self._send(302, small_page("302", "loop"), headers=[("Location", target)])

    def _fault_redirect_chain(self, q, num, key, host_header):
        n = num("n", 3, 0, 100000)
        if n == 0:
            self._send(200, small_page("chain end", "redirect chain ended"))
            return
        target = "/fault/redirect-chain?n=%d" % (n - 1)
        if q.get("abs") == "1":
            target += "&abs=1"
            if host_header:
                target = "http://%s%s" % (self._header_value(host_header), target)
        self._send(302, small_page("302", "chain %d" % n), headers=[("Location", target)])

    def _fault_redirect_to(self, q, num, key, host_header):
        if "location" not in q:
            raise BadParam("location is required")
        loc = self._header_value(q["location"])
        self._send(302, small_page("302", "redirect"), headers=[("Location", loc)])

    def _fault_big(self, q, num, key, host_header):
        n = num("bytes", 1 << 20)
        chunked = q.get("chunked") == "1"
        headers = [("Content-Type", "text/html; charset=utf-8")]
        headers.append(("Transfer-Encoding", "chunked") if chunked else ("Content-Length", str(n)))
        self._send_headers_only(200, headers)
        if self.command == "HEAD":
            return
        for piece in _filler(n):
            if chunked:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            else:
                self.wfile.write(piece)
        if chunked:
            self.wfile.write(b"0\r\n\r\n")

    def _fault_endless(self, q, num, key, host_header):
        delay = num("delay_ms", 0, 0, 60_000) / 1000.0
        chunk = num("chunk", 1 << 16, 1, 1 << 20)
        self._send_headers_only(200, [("Content-Type", "text/html; charset=utf-8"),
                                      ("Transfer-Encoding", "chunked")])
        self.close_connection = True
        if self.command == "HEAD":
            return
        deadline = time.monotonic() + HOLD_SECONDS
        for piece in _filler(1 << 62, chunk):
            if time.monotonic() > deadline:
                return
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            if delay:
                time.sleep(delay)

    def _fault_gzip_bomb(self, q, num, key, host_header):
        mb = num("mb", 1, 0, MAX_GZIP_MB)
        accepted = False
        for item in self.headers.get("Accept-Encoding", "").split(","):
            token, _, params = item.strip().partition(";")
            if token.strip().lower() in ("gzip", "x-gzip", "*"):
                m = re.search(r"q\s*=\s*([0-9.]+)", params)
                accepted = not (m and float(m.group(1) or 0) == 0)
                if accepted:
                    break
        if not accepted:
            self._send(406, small_page("406", "gzip not accepted"), headers=[("Vary", "Accept-Encoding")])
            return
        data = self.server.state.gzip_bomb(mb)
        self._send(200, data, "text/html; charset=utf-8",
                   [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding"),
                    ("X-Mirror-Inflated-Bytes", str(mb << 20))])

    def _fault_charset(self, q, num, key, host_header):
        declared = q.get("declared", "utf-8")
        actual = q.get("actual", "utf-8")
        if declared and not re.fullmatch(r"[A-Za-z0-9._:-]+", declared):
            raise BadParam("declared=%r" % declared)
        try:
            codecs.lookup(actual)
        except LookupError:
            raise BadParam("actual=%r is not a Python codec" % actual) from None
        body, form = encode_sentence(CHARSET_SENTENCE, actual)
        page = b"<html><head><title>t</title></head><body><p>" + body + b"</p></body></html>"
        ctype = "text/html; charset=%s" % declared if declared else "text/html"
        self._send(200, page, ctype, [("X-Mirror-Text-Form", form)])

    def _fault_etag(self, q, num, key, host_header):
        headers = [("ETag", ETAG_FAULT_VALUE), ("Last-Modified", ETAG_FAULT_DATE)]
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if (inm is not None and ETAG_FAULT_VALUE in [t.strip() for t in inm.split(",")]) or \
                (inm is None and ims is not None and ims.strip() == ETAG_FAULT_DATE):
            self._send(304, headers=headers)
        else:
            self._send(200, small_page("etag", "etag v1"), headers=headers)

    def _fault_echo_headers(self, q, num, key, host_header):
        out: dict[str, str] = {}
        for k, v in self.headers.items():
            out[k] = out[k] + ", " + v if k in out else v
        self._send(200, json.dumps(out, ensure_ascii=False).encode(), "application/json")

    @staticmethod
    def _header_value(v: str) -> str:
        if "\r" in v or "\n" in v:
            raise BadParam("header value contains CR/LF")
        return v


class MirrorServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024
    allow_reuse_address = True

    def server_bind(self):
        # Skip HTTPServer.server_bind's getfqdn(), a possible DNS wait.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = host
        self.server_port = port

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        traceback.print_exc(file=sys.stderr)


def write_port_file(path: str, port: int) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w") as fh:
        fh.write("%d\n" % port)
    os.replace(tmp, path)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Local HTTP mirror of the three MasterCMS sites "
                                             "(test tool; see the module docstring).")
    ap.add_argument("--fixtures", required=True, help="fixtures directory (with <site>/*.html)")
    ap.add_argument("--port-file", required=True, help="file to write the port number to")
    ap.add_argument("--port", type=int, default=0, help="port to listen on (0: ephemeral)")
    ap.add_argument("--bind", default="127.0.0.1", help="address to listen on")
    ap.add_argument("--variants", type=int, default=0, help="extra article copies in total")
    ap.add_argument("--quiet", action="store_true", help="no output at all (the default)")
    ap.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = ap.parse_args(argv)
    if args.variants < 0:
        ap.error("--variants must be >= 0")

    sites = load_sites(args.fixtures, args.variants)
    state = State(sites, verbose=args.verbose and not args.quiet)

    stop = threading.Event()

    def on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    server = MirrorServer((args.bind, args.port), Handler)
    server.state = state
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                     name="mirror-accept", daemon=True).start()
    write_port_file(args.port_file, port)
    if not args.quiet and args.verbose:
        n = sum(len(s.articles) for s in sites.values())
        print("mirror: %d articles on %s:%d" % (n, args.bind, port), file=sys.stderr)

    while not stop.wait(0.2):
        pass
    server.shutdown()
    server.server_close()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # held connections live on daemon threads; do not wait for them


if __name__ == "__main__":
    sys.exit(main())
