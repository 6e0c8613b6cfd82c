"""The mirror's HTTP side: shared state (request log, counters), the request
handler (routing by Host, control endpoints) and the server.

Part of tests/mirror/mirror.py (see its docstring and tests/mirror/README.md).
"""

from __future__ import annotations

import email.utils
import json
import socketserver
import sys
import threading
import time
import traceback
from datetime import timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from mirror_faults import HOSTILE_BY_PATH, BadParam, FaultHandlers, make_gzip_bomb
from mirror_newsite import HOST_KINDS, TRUTH_PATH, NewSite, NewsiteHandler
from mirror_pages import LISTING_PAGE_RE, LISTING_PATH, PAGE_SIZE, small_page
from mirror_robots import ROBOTS_MODES, RobotsHandler
from mirror_sites import Site

# Run-time switches (GET /__set?NAME=VALUE): their values, the first the
# default that /__reset restores.
SWITCHES = {"robots": ROBOTS_MODES}


class State:
    def __init__(self, sites: dict[str, Site], verbose: bool, newsite: NewSite | None = None) -> None:
        self.sites = sites
        self.newsite = newsite  # tinnhanh.example (mirror_newsite), None when not served
        self.verbose = verbose
        self.lock = threading.Lock()
        self.log: list[dict] = []
        self.counters: dict[str, int] = {}
        self.switches = {name: values[0] for name, values in SWITCHES.items()}
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
            self.switches = {name: values[0] for name, values in SWITCHES.items()}

    def set_switches(self, query: str) -> str | None:
        """Sets every NAME=VALUE of the query at once; the error, if any
        (then nothing is set)."""
        wanted = parse_qs(query, keep_blank_values=True)
        if not wanted:
            return "nothing to set: /__set?robots=MODE"
        for name, values in wanted.items():
            if name not in SWITCHES:
                return "no switch %r (there is %s)" % (name, ", ".join(SWITCHES))
            if len(values) != 1 or values[0] not in SWITCHES[name]:
                return "%s=%s: not one of %s" % (name, ",".join(values), ", ".join(SWITCHES[name]))
        with self.lock:
            for name, values in wanted.items():
                self.switches[name] = values[0]
        return None

    def switch(self, name: str) -> str:
        with self.lock:
            return self.switches[name]

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


class Handler(FaultHandlers, RobotsHandler, NewsiteHandler, BaseHTTPRequestHandler):
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
        if path == "/__set":
            error = state.set_switches(query)
            body = json.dumps({"ok": True} if error is None else {"ok": False, "error": error}).encode()
            self._send(200 if error is None else 400, body, "application/json", [("Cache-Control", "no-store")])
            return
        newsite_kind = HOST_KINDS.get(host) if state.newsite is not None else None
        if path == TRUTH_PATH and newsite_kind == "main":
            self._newsite_truth(state.newsite)  # never logged, like the control endpoints
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
            if newsite_kind is not None:
                self._newsite(state.newsite, newsite_kind, path)
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
            self._robots_txt()
            return
        hostile = HOSTILE_BY_PATH.get(path)
        if hostile is not None:
            name, query = hostile
            self._fault(name, query.format(port=self.server.server_address[1]), self.headers.get("Host", ""))
            return
        built = site.static.get(path)
        if built is not None:
            self._conditional(built.body, built.ctype, built.etag, built.last_modified)
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
            listing = site.listings[k]
            self._conditional(listing.body, listing.ctype, listing.etag)
            return
        art = site.by_path.get(path)
        if art is None:
            self._not_found()
            return
        body = art.body()
        self._conditional(body, "text/html; charset=utf-8", art.etag(body), art.fixture.last_modified)

    # -- fault endpoints ---------------------------------------------------


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

