"""The mirror's robots.txt, and the modes a test switches it to at run time
(GET /__set?robots=MODE, for all three sites; /__reset restores "ok"):

    ok            the normal rules (ROBOTS_TXT)
    503           503 every time
    no-answer     reads the request and never answers
    huge          the normal rules, about 50 MB of comment lines sent as a
                  stream, then "User-agent: *" / "Disallow: /" at the very end
    disallow-all  "User-agent: *" / "Disallow: /"

Part of tests/mirror/mirror.py (see its docstring and tests/mirror/README.md).
"""

from __future__ import annotations

from mirror_pages import small_page

ROBOTS_TXT = (
    "User-agent: *\n"
    "Disallow: /apiservice@/\n"
    "Disallow: /apicenter@/\n"
    "Disallow: /widgets@/\n"
    "Disallow: /article/\n"
    "Disallow: /tag/\n"
    "Disallow: /private/\n"
).encode()
DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"
ROBOTS_MODES = ("ok", "503", "no-answer", "huge", "disallow-all")

# The huge file's padding: 64-byte comment lines, 50 MiB of them, written
# 64 KiB at a time (never held whole in memory).
PADDING_LINE = b"# padding: a comment line, nothing to obey. winnow test mirror.\n"
PADDING_BYTES = 50 << 20
PADDING_CHUNK = PADDING_LINE * (65536 // len(PADDING_LINE))
HUGE_LENGTH = len(ROBOTS_TXT) + PADDING_BYTES + len(DISALLOW_ALL)
assert len(PADDING_LINE) == 64 and PADDING_BYTES % len(PADDING_CHUNK) == 0


class RobotsHandler:
    """Serves /robots.txt in the mode the switch says; mixed into the
    request handler (uses its _send, _send_headers_only and _hold)."""

    def _robots_txt(self) -> None:
        mode = self.server.state.switch("robots")
        if mode == "503":
            self._send(503, small_page("503", "robots.txt unavailable"))
        elif mode == "no-answer":
            self._hold()
        elif mode == "huge":
            self._huge_robots_txt()
        elif mode == "disallow-all":
            self._send(200, DISALLOW_ALL, "text/plain; charset=utf-8")
        else:
            self._send(200, ROBOTS_TXT, "text/plain; charset=utf-8")

    def _huge_robots_txt(self) -> None:
        self._send_headers_only(200, [("Content-Type", "text/plain; charset=utf-8"),
                                      ("Content-Length", str(HUGE_LENGTH))])
        if self.command == "HEAD":
            return
        self.wfile.write(ROBOTS_TXT)
        for _ in range(PADDING_BYTES // len(PADDING_CHUNK)):
            self.wfile.write(PADDING_CHUNK)  # a client that stops reading ends this with a broken pipe
        self.wfile.write(DISALLOW_ALL)
