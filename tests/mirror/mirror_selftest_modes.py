"""Self-tests of the mirror's modes for the crawl's no-lost-article tests:
the robots.txt switch (/__set), the non-HTML articles, the colliding
articles, the off-site listing, the big header, the hostile feed.

Part of tests/mirror/mirror_selftest.py (run it; it calls run() below).
"""

from __future__ import annotations

import http.client
import io
import json
import re
import socket
import time
import xml.etree.ElementTree as ET
import zipfile
from urllib.parse import urlsplit

import mirror_selftest_util as u
from mirror_selftest_util import SITES, ListingParser, canonical_of, ok, raw_exchange, read_head, request

ROBOTS_START = b"User-agent: *\nDisallow: /apiservice@/\n"
DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"
BINARY = {"/binary-pdf-990101.html": ("application/pdf", b"%PDF-"),
          "/binary-jpeg-990102.html": ("text/html; charset=utf-8", b"\xff\xd8\xff"),
          "/binary-zip-990103.html": ("application/octet-stream", b"PK\x03\x04")}
COLLIDE = ["/sec1/trung-ten-990201.html", "/sec2/trung-ten-990201.html"]
OFFSITE = ["http://other.example/tin-ngoai-trang-990301.html", "https://evil.example/tin-tu-trang-la-990302.html"]
OFFSITE_NEXT = "http://other.example/tin-moi/&s_cond=&BRSR=15"
HOSTILE_COUNT = 15


def control(path: str) -> tuple[int, dict]:
    st, _, body = request("127.0.0.1", path)
    return st, json.loads(body)


def feed_links(site: str, path: str) -> list[str]:
    st, h, body = request(site, path)
    if not ok(st == 200 and h["Content-Type"] == "application/rss+xml; charset=utf-8",
              "%s%s is served as RSS (status %d)" % (site, path, st)):
        return []
    items = ET.fromstring(body).findall("./channel/item")
    good = all(it.findtext("title") and it.findtext("pubDate") and it.findtext("guid") == it.findtext("link")
               for it in items)
    ok(good, "%s%s: each item has a title, a pubDate and its link as guid" % (site, path))
    return [it.findtext("link") for it in items]


def logged(host: str, path: str) -> list[dict]:
    _, log = control("/__log")
    return [e for e in log if e["host"] == host and e["path"] == path]


# ---------------------------------------------------------------------------
# robots.txt switch


def test_robots_switch() -> None:
    control("/__reset")
    st, j = control("/__set?robots=503")
    ok(st == 200 and j == {"ok": True}, "/__set?robots=503 answers {\"ok\": true}")
    codes = [request(s, "/robots.txt")[0] for s in SITES for _ in range(2)]
    ok(codes == [503] * 6, "robots=503: robots.txt of all three sites answers 503, every time (%s)" % codes)
    _, log = control("/__log")
    ok(all(not e["path"].startswith("/__") for e in log) and len(log) == 6, "/__set is not logged")
    st, j = control("/__set?robots=nope")
    ok(st == 400 and j.get("ok") is False and "robots=nope" in j.get("error", ""),
       "/__set?robots=nope: 400 naming the bad value")
    st, j = control("/__set?colour=red")
    ok(st == 400 and j.get("ok") is False, "/__set of an unknown switch: 400")
    ok(request(SITES[1], "/robots.txt")[0] == 503, "a refused /__set changes nothing (still 503)")

    control("/__set?robots=disallow-all")
    st, _, body = request(SITES[2], "/robots.txt")
    ok(st == 200 and body == DISALLOW_ALL, "robots=disallow-all: User-agent: * / Disallow: /")

    control("/__set?robots=no-answer")
    control("/__reset")  # clears the log; the switch goes back to ok...
    ok(request(SITES[0], "/robots.txt")[2].startswith(ROBOTS_START), "/__reset restores robots=ok")
    control("/__set?robots=no-answer")  # ...so set it again
    s = raw_exchange("/robots.txt", SITES[1])
    try:
        s.settimeout(1.0)
        s.recv(10)
        silent = False
    except socket.timeout:
        silent = True
    s.close()
    ok(silent, "robots=no-answer: nothing at all for 1 s")
    time.sleep(0.05)
    entries = logged(SITES[1], "/robots.txt")
    ok(len(entries) == 1 and entries[0]["status"] is None, "robots=no-answer is logged with status null")
    test_robots_huge()
    control("/__reset")
    ok(request(SITES[2], "/robots.txt")[2].startswith(ROBOTS_START), "after /__reset robots.txt is normal again")


def test_robots_huge() -> None:
    control("/__set?robots=huge")
    t0 = time.monotonic()
    st, h, body = request(SITES[0], "/robots.txt", timeout=60)
    dt = time.monotonic() - t0
    ok(st == 200 and int(h["Content-Length"]) == len(body) and len(body) > 50_000_000
       and body.startswith(ROBOTS_START) and b"Disallow: /private/\n" in body[:400]
       and body.endswith(b"\n" + DISALLOW_ALL),
       "robots=huge: the normal rules, %d bytes in all (%.2fs), User-agent: * / Disallow: / at the very end"
       % (len(body), dt))
    lines = body[:-len(DISALLOW_ALL)].split(b"\n")
    rules_end = lines.index(b"Disallow: /private/") + 1
    ok(len(lines) > 800_000 and all(line.startswith(b"# ") for line in lines[rules_end:-1]),
       "robots=huge: between the rules and the last two lines, comment lines only")
    # A client that stops reading early: the mirror goes on serving.
    s = raw_exchange("/robots.txt", SITES[1])
    head = read_head(s, 5)
    s.recv(65536)
    s.close()
    ok(head.startswith(b"HTTP/1.1 200") and request(SITES[1], "/rss_feed/")[0] == 200,
       "robots=huge: a client closing after 64 KiB leaves the mirror serving")


# ---------------------------------------------------------------------------
# Non-HTML articles, colliding articles, the off-site listing


def check_pdf(data: bytes) -> bool:
    """Every xref offset points at its "N 0 obj", startxref at the xref."""
    m = re.search(rb"startxref\n(\d+)\n%%EOF\n$", data)
    if not data.startswith(b"%PDF-1.4\n") or not m or not data[int(m.group(1)):].startswith(b"xref\n"):
        return False
    offsets = [int(x) for x in re.findall(rb"(\d{10}) 00000 n \n", data)]
    return len(offsets) == 5 and all(data[o:].startswith(b"%d 0 obj\n" % (n + 1)) for n, o in enumerate(offsets))


def test_binary(all_links: dict[str, list[str]]) -> None:
    for site in SITES:
        links = feed_links(site, "/rss_feed/binary")
        paths = [urlsplit(x).path for x in links]
        ok(paths == list(BINARY) and all(x.startswith("http://%s/" % site) for x in links),
           "%s /rss_feed/binary lists the PDF, JPEG and ZIP articles" % site)
        ok(not set(paths) & set(all_links[site]), "%s: the binary articles are in no other feed" % site)
        for path, (ctype, magic) in BINARY.items():
            st, h, body = request(site, path)
            ok(st == 200 and h["Content-Type"] == ctype and body.startswith(magic) and h.get("ETag"),
               "%s%s: %s, %d bytes starting %r" % (site, path, ctype, len(body), magic))
            st, _, _ = request(site, path, {"If-None-Match": h["ETag"]})
            ok(st == 304, "%s%s: If-None-Match -> 304" % (site, path))
    pdf = request(SITES[0], "/binary-pdf-990101.html")[2]
    ok(check_pdf(pdf) and b"/Type /Page " in pdf, "the PDF is whole: xref offsets point at their objects")
    jpeg = request(SITES[0], "/binary-jpeg-990102.html")[2]
    ok(jpeg.startswith(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00") and jpeg.endswith(b"\xff\xd9")
       and b"\xff\xc0" in jpeg and b"\xff\xda" in jpeg, "the JPEG is JFIF baseline: SOI, SOF0, SOS, EOI")
    z = zipfile.ZipFile(io.BytesIO(request(SITES[0], "/binary-zip-990103.html")[2]))
    ok(z.testzip() is None and z.namelist() == ["bai-viet.txt"], "the ZIP is whole (CRC checked)")


def test_collide(fx: dict[str, dict[str, bytes]], all_links: dict[str, list[str]]) -> None:
    for site in SITES:
        links = feed_links(site, "/rss_feed/collide")
        paths = [urlsplit(x).path for x in links]
        ok(paths == COLLIDE and all(x.startswith("http://%s/" % site) for x in links),
           "%s /rss_feed/collide lists %s" % (site, " and ".join(COLLIDE)))
        ok(not set(COLLIDE) & set(all_links[site]), "%s: the colliding articles are in no other feed" % site)
        sources = []
        for path in COLLIDE:
            st, _, body = request(site, path)
            canon = canonical_of(body)
            back = [p for p, data in fx[site].items()
                    if body.replace(canon.encode(), canonical_of(data).encode()) == data]
            ok(st == 200 and urlsplit(canon).path == path and len(back) == 1,
               "%s%s: a fixture with its canonical URL rewritten to this path" % (site, path))
            sources += back
        ok(len(set(sources)) == 2, "%s: the two colliding articles copy different fixtures %s" % (site, sources))


def test_offsite() -> None:
    for site in SITES:
        st, h, body = request(site, "/tin-moi-ngoai/")
        lp = ListingParser()
        lp.feed(body.decode("utf-8"))
        hrefs = [it["title"] for it in lp.items]
        own = [x for x in hrefs if x.startswith("/") or x.startswith("http://%s/" % site)]
        ok(st == 200 and h["Content-Type"] == "text/html; charset=utf-8" and len(own) == 3
           and hrefs[3:] == OFFSITE, "%s /tin-moi-ngoai/: 3 of its articles, then %s" % (site, ", ".join(OFFSITE)))
        ok(all(request(site, urlsplit(x).path)[0] == 200 for x in own), "%s: its listed articles are served" % site)
        ok(lp.next_link == OFFSITE_NEXT, "%s /tin-moi-ngoai/: the pager's next link is %s" % (site, OFFSITE_NEXT))
    control("/__reset")
    request("other.example", "/tin-moi/&s_cond=&BRSR=15")
    request("evil.example:443", "/tin-tu-trang-la-990302.html")
    _, log = control("/__log")
    ok([(e["host"], e["status"]) for e in log] == [("other.example", 404), ("evil.example", 404)],
       "requests for other.example and evil.example are answered 404 and logged")


# ---------------------------------------------------------------------------
# The big header, the hostile feed


def header_line(head: bytes, name: bytes) -> bytes | None:
    for line in head.split(b"\r\n"):
        if line.lower().startswith(name.lower() + b":"):
            return line
    return None


def test_big_header() -> None:
    H = SITES[0]
    st, h, body = request(H, "/fault/big-header?bytes=300")
    s = raw_exchange("/fault/big-header?bytes=300", H)
    line = header_line(read_head(s, 5), b"X-Mirror-Padding")
    s.close()
    ok(st == 200 and b"<html" in body and line is not None and len(line) == 300,
       "big-header bytes=300: one header line of 300 bytes, a small HTML body")
    for path in ("/fault/big-header?bytes=1048576", "/hostile-big-header-990015.html"):
        s = raw_exchange(path, H)
        head = read_head(s, 10)
        s.close()
        line = header_line(head, b"X-Mirror-Padding")
        ok(head.startswith(b"HTTP/1.1 200") and line is not None and len(line) == 1 << 20,
           "%s: 200 with a header line of 1 MiB" % path)
    ok(request(H, "/fault/big-header?bytes=5")[0] == 400, "big-header bytes=5 (shorter than the name): 400")
    s = raw_exchange("/fault/big-header?bytes=60000&lines=5", H)
    head = read_head(s, 10)
    s.close()
    lines = [header_line(head, b"X-Mirror-Padding-%d" % i) for i in range(1, 6)]
    ok(all(x is not None and len(x) == 60000 for x in lines) and header_line(head, b"X-Mirror-Padding-6") is None,
       "big-header bytes=60000&lines=5: five header lines of 60000 bytes")
    conn = http.client.HTTPConnection("127.0.0.1", u.PORT, timeout=10)
    conn.putrequest("GET", "/fault/big-header?bytes=200000", skip_host=True)
    conn.putheader("Host", H)
    conn.endheaders()
    try:
        conn.getresponse().read()
        parsed = "read"
    except http.client.HTTPException as e:
        parsed = type(e).__name__  # Python's client refuses lines over 64 KiB, as it should
    conn.close()
    ok(parsed in ("read", "LineTooLong"), "big-header bytes=200000 reaches a client (%s)" % parsed)


def test_hostile_feed() -> None:
    for site in SITES:
        paths = [urlsplit(x).path for x in feed_links(site, "/rss_feed/hostile")]
        ok(len(paths) == HOSTILE_COUNT and "/hostile-big-header-990015.html" in paths
           and all(re.fullmatch(r"/hostile-[a-z0-9-]+-9900\d\d\.html", p) for p in paths),
           "%s /rss_feed/hostile lists the %d hostile articles, the big header included" % (site, HOSTILE_COUNT))


def run(fx: dict[str, dict[str, bytes]], all_links: dict[str, list[str]]) -> None:
    test_robots_switch()
    test_binary(all_links)
    test_collide(fx, all_links)
    test_offsite()
    test_big_header()
    test_hostile_feed()
    control("/__reset")
