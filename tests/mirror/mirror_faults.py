"""The mirror's fault endpoints (/fault/...) and the hostile articles that
answer through them.

Part of tests/mirror/mirror.py (see its docstring and tests/mirror/README.md).
"""

from __future__ import annotations

import codecs
import json
import re
import select
import socket
import struct
import time
import unicodedata
import zlib
from urllib.parse import parse_qs, urlencode

from mirror_pages import small_page

HOLD_SECONDS = 600
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
    ("hostile-big-header-990015", "big-header", "bytes=1048576"),
)
MAX_GZIP_MB = 1024
BIG_HEADER_NAME = "X-Mirror-Padding"
MAX_HEADER_BYTES = 64 << 20

CHARSET_SENTENCE = "Tiếng Việt có dấu: Hà Nội, Quảng Châu, đường sắt."
FLAKY_OK_PAGE = b"<html><head><title>ok</title></head><body><p>flaky ok</p></body></html>"
ETAG_FAULT_VALUE = '"v1"'
ETAG_FAULT_DATE = "Tue, 02 Apr 2024 07:30:00 GMT"


HOSTILE_BY_PATH = {"/%s.html" % slug: (name, query) for slug, name, query in HOSTILE}


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


class BadParam(Exception):
    """A fault endpoint's parameter is missing or wrong: answered 400."""


class FaultHandlers:
    """The /fault/ endpoints, mixed into the request handler."""

    def _fault(self, name: str, query: str, host_header: str) -> None:
        """Answers /fault/NAME?QUERY through its _fault_NAME method."""
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

        state = self.server.state
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

    def _fault_big_header(self, q, num, key, host_header):
        # `lines` header lines of exactly N bytes each, CRLF not counted:
        # "X-Mirror-Padding: VALUE" (with lines > 1, "X-Mirror-Padding-<i>").
        lines = num("lines", 1, 1, 1000)
        names = [BIG_HEADER_NAME] if lines == 1 else ["%s-%d" % (BIG_HEADER_NAME, i) for i in range(1, lines + 1)]
        n = num("bytes", 1 << 20, max(len(x) for x in names) + 3, MAX_HEADER_BYTES // lines)
        pattern = "0123456789abcdef" * (n // 16 + 1)
        self._send(200, small_page("big header", "%d header line(s) of %d bytes" % (lines, n)),
                   headers=[(x, pattern[:n - len(x) - 2]) for x in names])

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
