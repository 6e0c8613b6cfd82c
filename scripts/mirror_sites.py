"""The mirror's sites: each site's articles in order, with its feeds,
listings and the pages only some tests use.

Part of scripts/mirror.py (see its docstring and scripts/README.md).
"""

from __future__ import annotations

import os
import sys

from mirror_feeds import build_feed, build_hostile_feed, build_listing
from mirror_pages import (ARTICLE_PATH_RE, FEED_SIZE, PAGE_SIZE, PRIVATE_PATH, SITES, VARIANT_ID_BASE, Article,
                          Fixture, etag_of)

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
        self.hostile_feed = build_hostile_feed(self.host)
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

