"""A quiet static HTTP server for the CLI tests: serves DIR on 127.0.0.1 at
an ephemeral port and writes the port to PORT_FILE (atomically: PORT_FILE.tmp,
then rename) once it listens. Used by fixture_add_test.sh and
warc_cli_test.sh.

    python3 tests/static_server.py DIR PORT_FILE
"""
import functools
import http.server
import os
import sys


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=sys.argv[1]))
with open(sys.argv[2] + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(sys.argv[2] + ".tmp", sys.argv[2])
server.serve_forever()
