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

    python3 tests/mirror/mirror.py --fixtures DIR --port-file FILE
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
  ``/apicenter@/``, ``/widgets@/``, ``/article/``, ``/tag/``, ``/private/``;
  ``GET /__set?robots=MODE`` switches it for all three sites to ``503``,
  ``no-answer``, ``huge`` (the rules, 50 MiB of comment lines, then
  ``Disallow: /``) or ``disallow-all``, and back to ``ok`` (mirror_robots);
* pages only some tests use, each in its own feed: non-HTML files at
  article-shaped paths (``/rss_feed/binary``: a PDF, a JPEG served as
  text/html, a ZIP), two articles whose paths share their last segment
  (``/rss_feed/collide``: ``/sec1/`` and ``/sec2/trung-ten-990201.html``),
  and ``/tin-moi-ngoai/``, a listing whose links and pager lead to
  other.example and evil.example.

tinnhanh.example (``www.``, and its ``m.`` and ``amp.`` hosts) is a news site
with no rule file, built from the fixtures' clean.txt and meta.json in a
template of its own (mirror_newsite, mirror_newsite_pages): a feed found
only by autodiscovery, robots.txt with a Sitemap line, a sitemap index with
gzip and Google News sitemaps, section pages, a topic page at an
article-shaped path, AMP, mobile, tracking, fragment and syndicated
duplicates, and ``GET /__truth`` (JSON of all that; never logged).

The site's article order (feeds and listings) is: its fixtures by publish
date, newest first (undated ones count as the fixed date), then its variants
by i. A variant carries its fixture's publish date.

Fault endpoints (``/fault/...``) and control endpoints (``/__log``,
``/__reset``) answer on any Host, the three sites included. Parameters are in
the query string (percent-encode values that contain ``&``, ``?``, ``#``).
See tests/mirror/README.md for the list; in short: slow-body, stall, no-answer,
reset, status, flaky, redirect-loop, redirect-chain, redirect-to, big,
gzip-bomb, endless, charset, etag, echo-headers, big-header.
``/rss_feed/hostile`` lists,
on each site, article-shaped pages that misbehave through them (HOSTILE).
``/__log`` returns every request
(control paths excluded) since start or the last ``/__reset`` as
``{"t": monotonic seconds when the request line was read, "host": Host
without port, "path": request target, "status": int or null, "method"}``,
sorted by t; ``/__reset`` clears the log and the per-key counters and
restores every switch; ``/__set?NAME=VALUE`` sets a switch (never logged).

The charset endpoint's page text is the sentence
"Tiếng Việt có dấu: Hà Nội, Quảng Châu, đường sắt." encoded in the first
form of it the codec can encode strictly: NFC, NFD, or the Windows-1258 form
(base letters with their vowel marks precomposed, tone marks as combining
characters, which cp1258 needs), else NFC with HTML character references; the
form used is in the ``X-Mirror-Text-Form`` header. Decoded and NFC-normalised
it is always the sentence (after resolving character references).

The code lives in modules beside this file: mirror_pages (fixtures and
articles), mirror_feeds (RSS and listing markup), mirror_sites (each site's
articles, feeds and listings), mirror_binary (the non-HTML files),
mirror_robots (robots.txt and its modes), mirror_faults (the fault
endpoints, the hostile articles), mirror_newsite and mirror_newsite_pages
(tinnhanh.example), mirror_http (state, switches, routing, server).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading

# The parts, beside this file (importable as `import mirror` with tests/mirror/ on
# sys.path, and when run as python3 tests/mirror/mirror.py).
from mirror_faults import HOSTILE
from mirror_http import Handler, MirrorServer, State
from mirror_newsite import load_newsite
from mirror_pages import SITES
from mirror_sites import load_sites

# What other scripts read from `import mirror` (tests/crawl: mirror.HOSTILE).
__all__ = ["HOSTILE", "SITES", "main"]


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
    state = State(sites, verbose=args.verbose and not args.quiet, newsite=load_newsite(args.fixtures))

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
