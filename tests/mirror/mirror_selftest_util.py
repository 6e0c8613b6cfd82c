"""What the mirror's self-tests share: the check tally, requests to the
mirror (its port is set by mirror_selftest.main), page and listing parsing.

Part of tests/mirror/mirror_selftest.py.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
from html.parser import HTMLParser
from urllib.parse import urlsplit

SITES = ("thoidai.com.vn", "tuoitrethudo.vn", "baoquocte.vn")
failures: list[str] = []
PORT = 0


def ok(cond: bool, msg: str) -> bool:
    if cond:
        print("ok - " + msg)
    else:
        print("not ok - " + msg)
        failures.append(msg)
    return cond


def request(host: str | None, path: str, headers: dict | None = None, method: str = "GET",
            conn: http.client.HTTPConnection | None = None, timeout: float = 10):
    own = conn is None
    if own:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    h = dict(headers or {})
    if host is not None:
        h["Host"] = host
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for k, v in h.items():
            conn.putheader(k, v)
        conn.endheaders()
        r = conn.getresponse()
        body = r.read()
        return r.status, r.headers, body
    finally:
        if own:
            conn.close()


def canonical_of(data: bytes) -> str:
    m = re.search(rb'<link rel="canonical" href="([^"]+)"', data)
    return m.group(1).decode() if m else ""


def og_url_of(data: bytes) -> str:
    m = re.search(rb'<meta property="og:url" content="([^"]+)"', data)
    return m.group(1).decode() if m else ""


def load_fixtures(fixtures: str) -> dict[str, dict[str, bytes]]:
    out: dict[str, dict[str, bytes]] = {}
    for site in SITES:
        out[site] = {}
        d = os.path.join(fixtures, site)
        for name in sorted(os.listdir(d)):
            if name.endswith(".html"):
                with open(os.path.join(d, name), "rb") as fh:
                    data = fh.read()
                out[site][urlsplit(canonical_of(data)).path] = data
    return out


class ListingParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[str] = []  # class of each open div
        self.items: list[dict] = []
        self.pager_links: list[str] = []
        self.next_link: str | None = None
        self.other_links: list[str] = []
        self._in_h3 = False

    def _inside(self, cls: str) -> bool:
        return any(cls in c.split() for c in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class") or ""
        if tag == "div":
            self.stack.append(cls)
            if "article" in cls.split() and self._inside("bx-listing"):
                self.items.append({"image": None, "title": None})
        elif tag == "h3" and "article-title" in cls.split():
            self._in_h3 = True
        elif tag == "a":
            href = a.get("href")
            if self._inside("bx-listing") and self.items:
                if "article-image" in cls.split():
                    self.items[-1]["image"] = href
                elif self._in_h3:
                    self.items[-1]["title"] = href
            elif self._inside("__MB_ARTICLE_PAGING"):
                self.pager_links.append(href)
                if "next" in cls.split():
                    self.next_link = href
            elif href is not None:
                self.other_links.append(href)

    def handle_endtag(self, tag):
        if tag == "div" and self.stack:
            self.stack.pop()
        elif tag == "h3":
            self._in_h3 = False


def raw_exchange(path: str, host: str = "thoidai.com.vn") -> socket.socket:
    s = socket.create_connection(("127.0.0.1", PORT), timeout=5)
    s.sendall(("GET %s HTTP/1.1\r\nHost: %s\r\n\r\n" % (path, host)).encode())
    return s


def read_head(s: socket.socket, timeout: float) -> bytes:
    s.settimeout(timeout)
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = s.recv(4096)
        if not chunk:
            break
        buf += chunk
    return buf


# ---------------------------------------------------------------------------

