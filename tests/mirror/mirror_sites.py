"""The mirror's sites: each site's articles in order, with its feeds,
listings and the pages only some tests use (hostile, binary, colliding,
off-site).

Part of tests/mirror/mirror.py (see its docstring and tests/mirror/README.md).
"""

from __future__ import annotations

import os
import sys
from typing import NamedTuple

from mirror_binary import BINARY, BINARY_FEED
from mirror_faults import HOSTILE
from mirror_feeds import (OFFSITE_ARTICLES, OFFSITE_LISTING, build_feed, build_link_feed, build_listing,
                          build_offsite_listing)
from mirror_pages import (ARTICLE_PATH_RE, FEED_SIZE, FIXED_DATE, HOSTILE_FEED, PAGE_SIZE, PRIVATE_PATH, SITES,
                          VARIANT_ID_BASE, Article, Fixture, etag_of, http_date)

RSS = "application/rss+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"

# Two articles whose paths share their last segment: a writer that names
# files by it must not let one overwrite the other. Listed only here.
COLLIDE_FEED = "/rss_feed/collide"
COLLIDE_PATHS = ("/sec1/trung-ten-990201.html", "/sec2/trung-ten-990201.html")


class Static(NamedTuple):
    """A response built once: feeds, listings, the binary articles."""

    body: bytes
    ctype: str
    etag: str
    last_modified: str | None = None


def static(body: bytes, ctype: str, last_modified: str | None = None) -> Static:
    return Static(body, ctype, etag_of(body), last_modified)


class Site:
    def __init__(self, host: str, fixtures: list[Fixture]) -> None:
        self.host = host
        self.fixtures = sorted(fixtures, key=lambda f: (-f.pub.timestamp(), f.path))
        self.articles: list[Article] = []  # in feed and listing order
        self.by_path: dict[str, Article] = {}  # every article served, listed or not
        self.static: dict[str, Static] = {}
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
        """Builds the feeds and listings once every article is added."""
        if self.fixtures:
            self.private = Article(self.host, PRIVATE_PATH, self.fixtures[0], "private")
            self.by_path[PRIVATE_PATH] = self.private
        feed = static(build_feed(self.host, self.articles[:FEED_SIZE], "/rss_feed/"), RSS)
        everything = self.articles + ([self.private] if self.private else [])
        feed_all = static(build_feed(self.host, everything, "/rss_feed/all"), RSS)
        self.static.update({"/rss_feed/": feed, "/rss_feed": feed, "/rss_feed/all": feed_all,
                            "/rss_feed/all/": feed_all})
        pages = max(1, -(-len(self.articles) // PAGE_SIZE))
        self.listings = [static(build_listing(self.host, self.articles, k, pages), HTML) for k in range(pages)]
        self._add_test_pages()

    def _add_test_pages(self) -> None:
        """Pages in no feed or listing above, each with its own feed."""
        link = "http://%s/%s.html"
        self.static[HOSTILE_FEED] = static(build_link_feed(
            self.host, "hostile", HOSTILE_FEED, [(slug, link % (self.host, slug)) for slug, _, _ in HOSTILE]), RSS)
        self.static[BINARY_FEED] = static(build_link_feed(
            self.host, "binary", BINARY_FEED, [(slug, link % (self.host, slug)) for slug, _, _ in BINARY]), RSS)
        for slug, ctype, body in BINARY:
            self.static["/%s.html" % slug] = static(body, ctype, http_date(FIXED_DATE))
        collide = [Article(self.host, path, f, "copy") for path, f in zip(COLLIDE_PATHS, self.fixtures)]
        for a in collide:
            self.by_path[a.path] = a
        self.static[COLLIDE_FEED] = static(build_feed(self.host, collide, COLLIDE_FEED), RSS)
        self.static[OFFSITE_LISTING] = static(
            build_offsite_listing(self.host, self.articles[:OFFSITE_ARTICLES]), HTML)


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
