#!/usr/bin/env python3
"""The fault suite's own helpers (tests/crawl/faults_test.sh), beside
helper.py: read the state on a copy, damage it as a disk would, plant temp
entries."""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import helper  # noqa: E402


def cmd_sql(a):
    """Each row of a query on a copy of the state, tab-separated."""
    good, detail, res = helper.inspect(a.state, [a.query], schema_optional=True)
    if res is None:
        sys.exit("cannot read %s: %s" % (a.state, detail))
    for row in res[0]:
        print("\t".join("" if v is None else str(v) for v in row))


def cmd_damage(a):
    """Overwrites every page after the first with garbage: the header (and
    so `sqlite3_open`) stays intact, the tables do not."""
    size = os.path.getsize(a.state)
    if size <= 4096:
        sys.exit("%s has one page only" % a.state)
    with open(a.state, "r+b") as fh:
        fh.seek(4096)
        fh.write(bytes((i * 37 + 11) & 0xFF for i in range(size - 4096)))
    for extra in ("-wal", "-shm"):
        if os.path.exists(a.state + extra):
            os.remove(a.state + extra)


def cmd_plant(a):
    """Temp entries of every kind where a killed run, or an attacker, could
    leave them: a symlink to a file outside (which must survive), a dangling
    symlink, a FIFO, a directory, a plain file."""
    sub = os.path.join(a.out, a.host)
    os.makedirs(sub, exist_ok=True)
    p = helper.TMP_PREFIX
    os.symlink(a.victim, os.path.join(a.out, p + "link-outside"))
    os.symlink(a.victim, os.path.join(sub, p + str(os.getpid()) + "-0"))  # the old predictable name
    os.symlink("/nonexistent/winnow-test", os.path.join(sub, p + "dangling"))
    os.mkfifo(os.path.join(sub, p + "fifo"))
    os.makedirs(os.path.join(sub, p + "dir", "inner"))
    with open(os.path.join(sub, p + "dir", "inner", "f"), "w") as fh:
        fh.write("x")
    with open(os.path.join(sub, p + "file"), "w") as fh:
        fh.write("half an article")


def cmd_quiet_log(a):
    """The mirror saw no request since the last reset."""
    status, body = helper.http_get(a.port, "127.0.0.1", "/__log")
    log = json.loads(body)
    helper.report(status == 200 and not log, "%s: the mirror saw no request" % a.label,
                  ["%s %s -> %s" % (e["host"], e["path"], e["status"]) for e in log])


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("sql")
    p.add_argument("--state", required=True)
    p.add_argument("--query", required=True)
    p.set_defaults(f=cmd_sql)
    p = sub.add_parser("damage")
    p.add_argument("--state", required=True)
    p.set_defaults(f=cmd_damage)
    p = sub.add_parser("quiet-log")
    p.add_argument("--port", required=True)
    p.add_argument("--label", required=True)
    p.set_defaults(f=cmd_quiet_log)
    p = sub.add_parser("plant")
    p.add_argument("--out", required=True)
    p.add_argument("--host", required=True)
    p.add_argument("--victim", required=True)
    p.set_defaults(f=cmd_plant)
    a = ap.parse_args()
    a.f(a)


if __name__ == "__main__":
    main()
