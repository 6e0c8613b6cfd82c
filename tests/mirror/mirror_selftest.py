#!/usr/bin/env python3
"""Self-test of tests/mirror/mirror.py (Python 3.11 standard library only).

    python3 tests/mirror/mirror_selftest.py [--fixtures DIR]

Starts the mirror on an ephemeral port with --variants 30, checks what it
serves (articles, variants, feeds, listings, robots.txt, conditional GETs),
every fault endpoint, /__log and /__reset, the modes of
mirror_selftest_modes.py (robots.txt switch, non-HTML, colliding and
off-site pages, big header) and of mirror_selftest_newsite.py
(tinnhanh.example, the site with no rule file), measures keep-alive throughput
(1000 article GETs over 8 persistent connections), and that SIGTERM stops it
within 2 s. Prints one "ok - ..." line per check, "not ok - ..." on failure,
and exits non-zero if anything failed.
"""

from __future__ import annotations

import argparse
import email.utils
import html
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import xml.etree.ElementTree as ET
import zlib
from datetime import datetime
from urllib.parse import quote, urlsplit

import mirror_selftest_util as u
import mirror_selftest_modes
import mirror_selftest_newsite
from mirror_selftest_util import (SITES, ListingParser, canonical_of, load_fixtures, ok, og_url_of, raw_exchange,
                                  read_head, request)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))  # the project: tests/mirror/../..
VARIANTS = 30
PRIVATE = "/private/bai-viet-rieng-123456.html"
FIXED_PUBDATE = "Mon, 01 Jan 2024 00:00:00 +0700"
SENTENCE = "Tiếng Việt có dấu: Hà Nội, Quảng Châu, đường sắt."
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"



def test_articles(fx):
    n = 0
    for site, pages in fx.items():
        for path, data in pages.items():
            st, h, body = request(site, path)
            good = (st == 200 and body == data and h["Content-Type"] == "text/html; charset=utf-8"
                    and re.fullmatch(r'"[0-9a-f]+"', h.get("ETag", "")) is not None
                    and email.utils.parsedate_to_datetime(h["Last-Modified"]) is not None)
            ok(good, "fixture %s%s served byte-identical (status %d, %d bytes)" % (site, path, st, len(body)))
            n += 1
    ok(n >= 3, "%d fixtures served" % n)
    site = SITES[0]
    path, data = next(iter(fx[site].items()))
    st, _, body = request("www.%s:80" % site, path)
    ok(st == 200 and body == data, "Host www.%s:80 routes to %s" % (site, site))
    st, _, body = request(site.upper(), path)
    ok(st == 200 and body == data, "Host header is case-insensitive")
    st, _, body = request(SITES[1], path)
    ok(st == 404, "%s article path on %s is 404" % (site, SITES[1]))
    st, _, body = request("example.org", path)
    ok(st == 404 and b"unknown host" in body, "unknown Host is 404 'unknown host'")
    st, _, _ = request(site, "/khong-ton-tai-123.html")
    ok(st == 404, "unknown article path is 404")
    st, _, _ = request(site, "/sitemap.xml")
    ok(st == 404, "/sitemap.xml is 404")
    st, h, body = request(site, path, method="HEAD")
    ok(st == 200 and body == b"" and h["Content-Length"] == str(len(data)), "HEAD gives headers only")


def test_conditional(fx):
    site = SITES[0]
    path, data = next(iter(fx[site].items()))
    _, h, _ = request(site, path)
    etag, lm = h["ETag"], h["Last-Modified"]
    st, h2, body = request(site, path, {"If-None-Match": etag})
    ok(st == 304 and body == b"" and h2["ETag"] == etag, "article If-None-Match -> 304")
    st, _, body = request(site, path, {"If-None-Match": '"nope"'})
    ok(st == 200 and body == data, "article stale If-None-Match -> 200")
    st, _, body = request(site, path, {"If-Modified-Since": lm})
    ok(st == 304 and body == b"", "article If-Modified-Since = Last-Modified -> 304")
    st, _, _ = request(site, path, {"If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"})
    ok(st == 200, "article older If-Modified-Since -> 200")
    for s in SITES:
        for p, d in fx[s].items():
            if b"datePublished" not in d and b"article:published_time" not in d:
                _, h, _ = request(s, p)
                ok(h["Last-Modified"] == "Sun, 31 Dec 2023 17:00:00 GMT",
                   "undated %s%s has the fixed Last-Modified %s" % (s, p, h["Last-Modified"]))


def parse_feed(site: str, path: str):
    st, h, body = request(site, path)
    ok(st == 200 and h["Content-Type"] == "application/rss+xml; charset=utf-8",
       "%s%s is served as RSS (status %d)" % (site, path, st))
    ok(b"<![CDATA[" in body and b"&amp;" in body and b"<!--" in body,
       "%s%s has CDATA, &amp; and a comment" % (site, path))
    root = ET.fromstring(body)
    items = root.findall("./channel/item")
    good = True
    for it in items:
        link = it.findtext("link")
        guid = it.find("guid")
        pub = email.utils.parsedate_to_datetime(it.findtext("pubDate"))
        good &= (link.startswith("http://%s/" % site) and guid is not None and guid.text == link
                 and guid.get("isPermaLink") == "true" and bool(it.findtext("title"))
                 and bool(it.findtext("description")) and pub.tzinfo is not None
                 and it.findtext("pubDate").endswith("+0700")
                 and bool(it.findtext(CONTENT_NS)))
    ok(good, "%s%s: %d items, each with title, absolute http link, guid, +0700 pubDate, "
       "description, content:encoded" % (site, path, len(items)))
    return items, h, body


def test_feeds(fx):
    all_links: dict[str, list[str]] = {}
    for site in SITES:
        latest, h, _ = parse_feed(site, "/rss_feed/")
        ok(len(latest) <= 25, "%s /rss_feed/ has %d <= 25 items" % (site, len(latest)))
        st, _, body = request(site, "/rss_feed/", {"If-None-Match": h["ETag"]})
        ok(st == 304 and body == b"", "%s /rss_feed/ If-None-Match -> 304" % site)
        items, h, _ = parse_feed(site, "/rss_feed/all")
        st, _, _ = request(site, "/rss_feed/all", {"If-None-Match": h["ETag"]})
        ok(st == 304, "%s /rss_feed/all If-None-Match -> 304" % site)
        links = [it.findtext("link") for it in items]
        paths = [urlsplit(u).path for u in links]
        all_links[site] = paths
        ok([it.findtext("link") for it in latest] == links[:len(latest)],
           "%s /rss_feed/ is the head of /rss_feed/all" % site)
        ok(set(fx[site]) <= set(paths), "%s /rss_feed/all lists every fixture" % site)
        ok(paths[-1] == PRIVATE, "%s /rss_feed/all lists %s last" % (site, PRIVATE))
        ok(PRIVATE not in [urlsplit(it.findtext("link")).path for it in latest],
           "%s /rss_feed/ does not list the private page" % site)
        pubs = {urlsplit(it.findtext("link")).path: it.findtext("pubDate") for it in items}
        for p, d in fx[site].items():
            m = re.search(rb'<meta property="article:published_time" content="([^"]+)"', d)
            if m:
                want = email.utils.format_datetime(datetime.fromisoformat(m.group(1).decode()))
            else:
                want = FIXED_PUBDATE
            if pubs.get(p) != want:
                ok(False, "%s%s pubDate %s, want %s" % (site, p, pubs.get(p), want))
        ok(True, "%s feed pubDates match the pages (fixed %s when undated)" % (site, FIXED_PUBDATE))
    return all_links


def test_variants(fx, all_links):
    rx = re.compile(r"^/([a-z0-9-]+)-v(\d+)-(\d+)\.html$")
    seen = {}
    for site in SITES:
        for p in all_links[site]:
            m = rx.match(p)
            if m:
                i = int(m.group(2))
                seen[i] = (site, p, m.group(1), int(m.group(3)))
    ok(sorted(seen) == list(range(1, VARIANTS + 1)), "variants v1..v%d, %d in all" % (VARIANTS, len(seen)))
    ok(all(seen[i][0] == SITES[(i - 1) % 3] for i in seen), "variants spread round-robin over the sites")
    ok(all(seen[i][3] == 900000 + i for i in seen), "variant ids are 900000+i")
    ok(all(re.fullmatch(r"/[a-z0-9-]+-\d+\.html", seen[i][1]) for i in seen),
       "variant paths match ^/[a-z0-9-]+-\\d+\\.html$")
    used = {s: set() for s in SITES}
    good = True
    for i, (site, path, slug, _) in sorted(seen.items()):
        st, h, body = request(site, path)
        canon = canonical_of(body)
        if st != 200 or urlsplit(canon).path != path or urlsplit(og_url_of(body)).path != path:
            good = False
            print("# variant %s%s: status %d canonical %s" % (site, path, st, canon))
            continue
        # Put the original URL back: the page must be its fixture, byte for byte.
        match = None
        for fpath, data in fx[site].items():
            orig = canonical_of(data)
            if fpath.startswith("/" + slug + "-") and body.replace(canon.encode(), orig.encode()) == data:
                match = fpath
        if match is None:
            good = False
            print("# variant %s%s matches no fixture" % (site, path))
        else:
            used[site].add(match)
        st, _, b2 = request(site, path, {"If-None-Match": h["ETag"]})
        good &= st == 304
    ok(good, "each variant: canonical and og:url rewritten, otherwise its fixture byte for byte; 304 works")
    ok(all(used[s] == set(fx[s]) for s in SITES), "variants cycle through all of each site's fixtures")
    for site in SITES:
        st, _, body = request(site, PRIVATE)
        ok(st == 200 and urlsplit(canonical_of(body)).path == PRIVATE and b"articleBody" in body,
           "%s serves the private article %s" % (site, PRIVATE))


def test_listings(all_links):
    for site in SITES:
        expect = [p for p in all_links[site] if p != PRIVATE]
        url = "/tin-moi/"
        k = 0
        got: list[str] = []
        absolute = relative = 0
        pages_ok = True
        other: set[str] = set()
        numbered = set()
        while url is not None:
            st, h, body = request(site, url)
            if k == 0 and len(expect) > 15:
                ok(b'<a class="next" href="/tin-moi/&s_cond=&BRSR=15">Sau</a>' in body,
                   "%s pager href is the literal /tin-moi/&s_cond=&BRSR=15" % site)
            if st != 200:
                ok(False, "%s%s status %d" % (site, url, st))
                break
            lp = ListingParser()
            lp.feed(body.decode("utf-8"))
            other.update(lp.other_links)
            numbered.update(x for x in lp.pager_links if x and "BRSR" in x)
            for it in lp.items:
                if it["image"] != it["title"]:
                    pages_ok = False
                href = it["title"]
                if href.startswith("http://%s/" % site):
                    absolute += 1
                elif href.startswith("/"):
                    relative += 1
                got.append(urlsplit(href).path)
            nxt = lp.next_link
            is_last = (k + 1) * 15 >= len(expect)
            if not is_last:
                pages_ok &= len(lp.items) == 15 and nxt == "/tin-moi/&s_cond=&BRSR=%d" % (15 * (k + 1))
            else:
                pages_ok &= 1 <= len(lp.items) <= 15 and nxt is None
            url = nxt
            k += 1
            if k > 1000:
                break
        ok(pages_ok, "%s listing: %d pages, 15 items a page, next links /tin-moi/&s_cond=&BRSR=15k, "
           "none on the last" % (site, k))
        ok(got == expect, "%s listing holds every article (%d) in feed order" % (site, len(got)))
        ok(absolute > 0 and relative > 0, "%s listing hrefs: %d absolute, %d root-relative"
           % (site, absolute, relative))
        wanted = ["/tag/", "/chu-de/", "/rss_feed/", "#top", "javascript:", "mailto:"]
        ok(all(any(o.startswith(w) for o in other) for w in wanted),
           "%s listing has non-article links %s" % (site, ", ".join(wanted)))
        if k > 1:
            ok(bool(numbered), "%s pager has numbered links" % site)
        st, _, _ = request(site, "/tin-moi/&s_cond=&BRSR=%d" % (15 * (k + 5)))
        ok(st == 404, "%s listing page past the end is 404" % site)


def test_robots():
    want = ["User-agent: *", "Disallow: /apiservice@/", "Disallow: /apicenter@/", "Disallow: /widgets@/",
            "Disallow: /article/", "Disallow: /tag/", "Disallow: /private/"]
    for site in SITES:
        st, h, body = request(site, "/robots.txt")
        lines = body.decode().splitlines()
        ok(st == 200 and h["Content-Type"].startswith("text/plain") and all(w in lines for w in want),
           "%s /robots.txt disallows the MasterCMS paths and /private/" % site)


def test_faults():
    H = "thoidai.com.vn"
    # slow-body
    t0 = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", u.PORT, timeout=10)
    conn.request("GET", "/fault/slow-body?bytes=20&delay_ms=50", headers={"Host": H})
    r = conn.getresponse()
    t_head = time.monotonic() - t0
    body = r.read()
    t_all = time.monotonic() - t0
    conn.close()
    ok(r.status == 200 and r.headers["Content-Length"] == "20" and len(body) == 20
       and t_head < 0.5 and 0.8 <= t_all < 3,
       "slow-body: headers after %.2fs, 20 bytes after %.2fs" % (t_head, t_all))
    # stall
    s = raw_exchange("/fault/stall")
    head = read_head(s, 3)
    try:
        s.settimeout(1.0)
        more = s.recv(10)
        stalled = False
    except socket.timeout:
        stalled, more = True, b""
    s.close()
    ok(head.startswith(b"HTTP/1.1 200") and b"Content-Length: 1000" in head and stalled,
       "stall: status and Content-Length 1000, then nothing for 1 s")
    # no-answer
    s = raw_exchange("/fault/no-answer")
    try:
        s.settimeout(1.0)
        got = s.recv(10)
        silent = False
    except socket.timeout:
        silent, got = True, b""
    s.close()
    ok(silent, "no-answer: nothing at all for 1 s")
    # reset
    try:
        request(H, "/fault/reset")
        outcome = "answered"
    except ConnectionResetError:
        outcome = "ConnectionResetError"
    except Exception as e:  # noqa: BLE001
        outcome = type(e).__name__
    ok(outcome == "ConnectionResetError", "reset: client sees %s" % outcome)
    # status
    for code in (500, 503, 404, 410, 429):
        st, h, body = request(H, "/fault/status?code=%d&retry_after=7" % code)
        ok(st == code and h["Retry-After"] == "7" and body, "status?code=%d -> %d with Retry-After 7" % (code, st))
    st, h, _ = request(H, "/fault/status?code=500")
    ok(st == 500 and "Retry-After" not in h, "status without retry_after has no Retry-After")
    # flaky
    key = "flaky-%d" % os.getpid()
    seq = []
    for _ in range(4):
        st, h, body = request(H, "/fault/flaky?key=%s&fail=2&code=503&retry_after=1" % key)
        seq.append((st, h.get("Retry-After"), body))
    ok([x[0] for x in seq] == [503, 503, 200, 200] and seq[0][1] == "1"
       and seq[2][2] == b"<html><head><title>ok</title></head><body><p>flaky ok</p></body></html>",
       "flaky fail=2: 503, 503 (Retry-After 1), then 200 'flaky ok'")
    st, _, _ = request(H, "/fault/flaky?key=%s-b&fail=1&code=429" % key)
    ok(st == 429, "flaky code=429 honoured")
    # redirect-loop
    st, h, _ = request(H, "/fault/redirect-loop?key=L")
    loc1 = h["Location"]
    st2, h2, _ = request(H, urlsplit(loc1).path + "?" + urlsplit(loc1).query)
    loc2 = h2["Location"]
    ok(st == 302 and st2 == 302 and loc1 == "http://%s/fault/redirect-loop?key=L&n=1" % H
       and loc2 == "http://%s/fault/redirect-loop?key=L&n=2" % H,
       "redirect-loop: 302 to ...&n=1, then ...&n=2")
    # redirect-chain
    path = "/fault/redirect-chain?n=3"
    hops = 0
    while True:
        st, h, body = request(H, path)
        if st != 302:
            break
        hops += 1
        path = h["Location"]
    ok(hops == 3 and st == 200 and path == "/fault/redirect-chain?n=0", "redirect-chain n=3: 3 hops then 200")
    st, h, _ = request(H, "/fault/redirect-chain?n=2&abs=1")
    ok(st == 302 and h["Location"] == "http://%s/fault/redirect-chain?n=1&abs=1" % H,
       "redirect-chain abs=1 gives absolute Location")
    # redirect-to
    for loc in ("ftp://example.com/x", "file:///etc/passwd", "http://other.example/x", "http://127.0.0.1:1/x"):
        st, h, _ = request(H, "/fault/redirect-to?location=" + quote(loc, safe=""))
        ok(st == 302 and h["Location"] == loc, "redirect-to %s" % loc)
    # big
    st, h, body = request(H, "/fault/big?bytes=1000000&chunked=0")
    ok(st == 200 and h["Content-Length"] == "1000000" and len(body) == 1000000
       and body.startswith(b"<!DOCTYPE html>"), "big 1000000 bytes with Content-Length")
    st, h, body = request(H, "/fault/big?bytes=1000000&chunked=1")
    ok(st == 200 and h.get("Transfer-Encoding") == "chunked" and "Content-Length" not in h
       and len(body) == 1000000, "big 1000000 bytes chunked")
    # gzip-bomb
    st, h, body = request(H, "/fault/gzip-bomb?mb=64", {"Accept-Encoding": "gzip, deflate"})
    d = zlib.decompressobj(31)
    total = 0
    only_spaces = True
    view = memoryview(body)
    for i in range(0, len(body), 4096):
        out = d.decompress(view[i:i + 4096])
        total += len(out)
        only_spaces &= out.strip(b" ") == b""
    total += len(d.flush())
    ok(st == 200 and h["Content-Encoding"] == "gzip" and h["Content-Type"].startswith("text/html")
       and len(body) < 200_000 and total == 64 << 20 and only_spaces,
       "gzip-bomb mb=64: %d bytes compressed, inflates to %d" % (len(body), total))
    st, _, _ = request(H, "/fault/gzip-bomb?mb=64")
    ok(st == 406, "gzip-bomb without Accept-Encoding: gzip -> 406")
    st, _, _ = request(H, "/fault/gzip-bomb?mb=1", {"Accept-Encoding": "gzip;q=0"})
    ok(st == 406, "gzip-bomb with gzip;q=0 -> 406")
    # charset
    st, h, body = request(H, "/fault/charset?declared=utf-8&actual=utf-8")
    ok(st == 200 and h["Content-Type"] == "text/html; charset=utf-8" and SENTENCE.encode() in body
       and b"<meta" not in body, "charset utf-8/utf-8")
    st, h, body = request(H, "/fault/charset?declared=utf-8&actual=cp1258")
    text = body.decode("cp1258")
    ok(st == 200 and h["Content-Type"] == "text/html; charset=utf-8"
       and SENTENCE in unicodedata.normalize("NFC", text) and SENTENCE.encode() not in body,
       "charset declared utf-8, actual cp1258 (%s form): decodes as cp1258 to the sentence"
       % h["X-Mirror-Text-Form"])
    st, h, body = request(H, "/fault/charset?declared=windows-1258&actual=cp1258")
    ok(h["Content-Type"] == "text/html; charset=windows-1258", "charset declared windows-1258")
    st, h, body = request(H, "/fault/charset?declared=iso-8859-1&actual=utf-8")
    ok(h["Content-Type"] == "text/html; charset=iso-8859-1" and SENTENCE.encode() in body,
       "charset declared iso-8859-1, actual utf-8")
    st, h, body = request(H, "/fault/charset?declared=iso-8859-1&actual=latin-1")
    ok(h["X-Mirror-Text-Form"] == "charref" and SENTENCE in html.unescape(body.decode("latin-1")),
       "charset actual latin-1: character references")
    st, h, body = request(H, "/fault/charset?declared=&actual=utf-8")
    ok(h["Content-Type"] == "text/html", "charset declared= (empty): no charset parameter")
    # etag
    st, h, body = request(H, "/fault/etag?key=E")
    ok(st == 200 and h["ETag"] == '"v1"' and h["Last-Modified"] == "Tue, 02 Apr 2024 07:30:00 GMT" and body,
       "etag: 200 with ETag \"v1\" and Last-Modified")
    st, h, body = request(H, "/fault/etag?key=E", {"If-None-Match": '"v1"'})
    ok(st == 304 and body == b"" and h["ETag"] == '"v1"', "etag: If-None-Match \"v1\" -> 304")
    st, h, body = request(H, "/fault/etag?key=E", {"If-Modified-Since": "Tue, 02 Apr 2024 07:30:00 GMT"})
    ok(st == 304 and body == b"", "etag: If-Modified-Since -> 304")
    st, _, _ = request(H, "/fault/etag?key=E", {"If-None-Match": '"v0"'})
    ok(st == 200, "etag: other If-None-Match -> 200")
    # echo-headers
    st, h, body = request(H, "/fault/echo-headers", {"X-Selftest": "abc", "User-Agent": "selftest/1"})
    j = json.loads(body)
    ok(st == 200 and h["Content-Type"] == "application/json" and j.get("X-Selftest") == "abc"
       and j.get("Host") == H and j.get("User-Agent") == "selftest/1", "echo-headers returns the request headers")
    # any host, errors
    st, _, _ = request("127.0.0.1:%d" % u.PORT, "/fault/status?code=503")
    ok(st == 503, "fault endpoints answer on any Host")
    st, _, _ = request(H, "/fault/nope")
    ok(st == 404, "unknown fault endpoint -> 404")
    st, _, _ = request(H, "/fault/big?bytes=x")
    ok(st == 400, "bad parameter -> 400")
    # keep-alive survives a fault response
    conn = http.client.HTTPConnection("127.0.0.1", u.PORT, timeout=5)
    a = request(H, "/fault/status?code=503", conn=conn)[0]
    b = request(H, "/robots.txt", conn=conn)[0]
    conn.close()
    ok(a == 503 and b == 200, "a connection stays usable after an error status")


def test_log(fx):
    st, _, body = request(None, "/__reset", {"Host": "127.0.0.1"})
    ok(st == 200, "/__reset answers 200")
    site = SITES[1]
    path = next(iter(fx[site]))
    t0 = time.monotonic()
    request(site, path)
    request(site, "/robots.txt")
    request("thoidai.com.vn", "/fault/status?code=500")
    request("nowhere.example", "/x")
    t1 = time.monotonic()
    st, h, body = request("127.0.0.1", "/__log")
    log = json.loads(body)
    want = [(site, path, 200), (site, "/robots.txt", 200), ("thoidai.com.vn", "/fault/status?code=500", 500),
            ("nowhere.example", "/x", 404)]
    ok(st == 200 and [(e["host"], e["path"], e["status"]) for e in log] == want,
       "/__log lists the 4 requests since /__reset with host, path, status")
    ok(all(t0 <= e["t"] <= t1 for e in log) and [e["t"] for e in log] == sorted(e["t"] for e in log),
       "/__log times are this machine's monotonic clock, in order")
    st, _, body = request("127.0.0.1", "/__log")
    ok(len(json.loads(body)) == 4, "control paths are not logged")
    key = "reset-%d" % os.getpid()
    a = request("thoidai.com.vn", "/fault/flaky?key=%s&fail=1" % key)[0]
    b = request("thoidai.com.vn", "/fault/flaky?key=%s&fail=1" % key)[0]
    request("127.0.0.1", "/__reset")
    c = request("thoidai.com.vn", "/fault/flaky?key=%s&fail=1" % key)[0]
    st, _, body = request("127.0.0.1", "/__log")
    ok((a, b, c) == (503, 200, 503) and len(json.loads(body)) == 1, "/__reset clears counters and the log")


def test_throughput(fx, all_links):
    paths = []
    for site in SITES:
        for p in all_links[site]:
            paths.append((site, p))
    lock = threading.Lock()
    errors = []
    sizes = []

    def worker(n: int, offset: int):
        conn = http.client.HTTPConnection("127.0.0.1", u.PORT, timeout=30)
        total = 0
        try:
            for i in range(n):
                site, p = paths[(offset + i) % len(paths)]
                st, h, body = request(site, p, conn=conn)
                if st != 200 or len(body) != int(h["Content-Length"]):
                    errors.append((site, p, st))
                total += len(body)
        except Exception as e:  # noqa: BLE001
            errors.append(repr(e))
        finally:
            conn.close()
        with lock:
            sizes.append(total)

    threads = [threading.Thread(target=worker, args=(125, k * 37)) for k in range(8)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    dt = time.monotonic() - t0
    rate = 1000 / dt
    mb = sum(sizes) / 1e6
    print("# keep-alive throughput: 1000 article GETs over 8 connections in %.2fs = %.0f requests/s, %.1f MB/s"
          % (dt, rate, mb / dt))
    ok(not errors, "throughput run had no errors %s" % (errors[:3] if errors else ""))
    ok(rate >= 100, "keep-alive throughput %.0f requests/s (>= 100)" % rate)
    return rate


def test_big_gzip():
    t0 = time.monotonic()
    st, h, body = request("thoidai.com.vn", "/fault/gzip-bomb?mb=1024", {"Accept-Encoding": "gzip"}, timeout=120)
    dt = time.monotonic() - t0
    d = zlib.decompressobj(31)
    total = 0
    view = memoryview(body)
    for i in range(0, len(body), 1024):
        total += len(d.decompress(view[i:i + 1024]))
    total += len(d.flush())
    ok(st == 200 and len(body) < 2_000_000 and total == 1 << 30 and d.eof,
       "gzip-bomb mb=1024: %d bytes compressed, inflates to 1 GiB, first request %.2fs" % (len(body), dt))
    ok(dt < 5, "gzip-bomb mb=1024 built in under 5 s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fixtures", default=os.path.join(ROOT, "fixtures"))
    args = ap.parse_args()
    fx = load_fixtures(args.fixtures)
    tmp = tempfile.mkdtemp(prefix="mirror-selftest-")
    port_file = os.path.join(tmp, "port")
    proc = subprocess.Popen([sys.executable, os.path.join(HERE, "mirror.py"), "--fixtures", args.fixtures,
                             "--port-file", port_file, "--port", "0", "--variants", str(VARIANTS), "--quiet"])
    try:
        deadline = time.monotonic() + 15
        while not os.path.exists(port_file) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        if not ok(os.path.exists(port_file), "mirror wrote its port file"):
            return 1
        with open(port_file) as fh:
            u.PORT = int(fh.read().strip())
        ok(0 < u.PORT < 65536 and not os.path.exists(port_file + ".tmp"), "port %d, no .tmp left" % u.PORT)
        test_articles(fx)
        test_conditional(fx)
        all_links = test_feeds(fx)
        test_variants(fx, all_links)
        test_listings(all_links)
        test_robots()
        test_faults()
        test_log(fx)
        mirror_selftest_modes.run(fx, all_links)
        mirror_selftest_newsite.run(args.fixtures)
        test_throughput(fx, all_links)
        test_big_gzip()
        # SIGTERM with a stalled and an idle keep-alive connection open.
        held = raw_exchange("/fault/stall")
        read_head(held, 3)
        idle = http.client.HTTPConnection("127.0.0.1", u.PORT, timeout=5)
        request("thoidai.com.vn", "/robots.txt", conn=idle)
        t0 = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            rc = None
        dt = time.monotonic() - t0
        ok(rc == 0, "SIGTERM: exit status %s after %.2fs (with open connections)" % (rc, dt))
        try:
            socket.create_connection(("127.0.0.1", u.PORT), timeout=1).close()
            closed = False
        except OSError:
            closed = True
        ok(closed, "listener closed after SIGTERM")
        held.close()
        idle.close()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for name in os.listdir(tmp):
            os.unlink(os.path.join(tmp, name))
        os.rmdir(tmp)
    if u.failures:
        print("# %d check(s) failed" % len(u.failures))
        return 1
    print("# all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
