"""The mirror's pages: the three sites' fixtures as articles (as-is, variants,
copies at other paths), and the constants they share with the feeds.

Part of tests/mirror/mirror.py (see its docstring and tests/mirror/README.md).
"""

from __future__ import annotations

import email.utils
import hashlib
import html
import json
import os
import re
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from urllib.parse import urlsplit

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
HOSTILE_FEED = "/rss_feed/hostile"

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

