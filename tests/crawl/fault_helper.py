#!/usr/bin/env python3
"""The fault suite's own helpers (tests/crawl/faults_test.sh), beside
helper.py: read the state on a copy, damage it as a disk would, plant temp
entries."""
import argparse
import glob
import json
import os
import re
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


def cmd_collisions(a):
    """Two URLs of a site with one last segment: two files, each a
    different fixture's expected text, each with its own manifest line
    whose hash is its file's."""
    lines, errors, partial = helper.read_manifest(a.manifest)
    by_site = {}
    for m in lines:
        by_site.setdefault(m["site"], []).append(m)
    problems = list(errors)
    for site, ms in sorted(by_site.items()):
        cleans = {open(f, "rb").read() for f in glob.glob(os.path.join(a.fixtures, site, "*.clean.txt"))}
        paths = sorted(m["path"] for m in ms)
        urls = sorted(m["url"] for m in ms)
        if len(ms) != 2 or len(set(paths)) != 2:
            problems.append("%s: lines %r" % (site, [(m["url"], m["path"]) for m in ms]))
            continue
        want = ["http://%s/sec%d/trung-ten-990201.html" % (site, i) for i in (1, 2)]
        if urls != want:
            problems.append("%s: urls %r, expected %r" % (site, urls, want))
        texts = []
        for m in ms:
            f = os.path.join(a.out, m["path"])
            if not os.path.isfile(f):
                problems.append("%s: no file %s" % (m["url"], m["path"]))
                continue
            data = open(f, "rb").read()
            texts.append(data)
            if helper.fnv1a64(data) != m["hash"]:
                problems.append("%s: hash %s is not its file's" % (m["url"], m["hash"]))
            if data not in cleans:
                problems.append("%s: %s is no fixture's expected text of %s" % (m["url"], m["path"], site))
        if len(texts) == 2 and texts[0] == texts[1]:
            problems.append("%s: both files hold the same text" % site)
        if not any(p.endswith("/trung-ten-990201.txt") for p in paths) or not any(
                re.fullmatch(r".*/trung-ten-990201-[0-9a-f]{8}\.txt", p) for p in paths):
            problems.append("%s: names %r, expected trung-ten-990201.txt and trung-ten-990201-XXXXXXXX.txt" % (site, paths))
    helper.report(not problems and len(by_site) >= 1,
                  "%s: each site's two URLs have two files, two lines, two fixtures' texts (%d sites)" % (
                      a.label, len(by_site)), problems)
    all_files = []
    for d, _, fs in os.walk(a.out):
        all_files += fs
    helper.report(len(all_files) == 2 * len(by_site), "%s: no other file (%d files)" % (a.label, len(all_files)),
                  all_files)


def cmd_hosts_requested(a):
    """The mirror's log since the last reset names no Host but these."""
    status, body = helper.http_get(a.port, "127.0.0.1", "/__log")
    log = json.loads(body)
    strangers = sorted({e["host"] for e in log if e["host"] not in a.only})
    helper.report(status == 200 and log and not strangers,
                  "%s: every request was for the job's own sites (%d requests)" % (a.label, len(log)),
                  ["requested host: %s" % h for h in strangers])


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
    p = sub.add_parser("collisions")
    p.add_argument("--out", required=True)
    p.add_argument("--manifest", required=True)
    p.add_argument("--fixtures", required=True)
    p.add_argument("--label", required=True)
    p.set_defaults(f=cmd_collisions)
    p = sub.add_parser("hosts-requested")
    p.add_argument("--port", required=True)
    p.add_argument("--label", required=True)
    p.add_argument("--only", nargs="+", required=True)
    p.set_defaults(f=cmd_hosts_requested)
    p = sub.add_parser("plant")
    p.add_argument("--out", required=True)
    p.add_argument("--host", required=True)
    p.add_argument("--victim", required=True)
    p.set_defaults(f=cmd_plant)
    a = ap.parse_args()
    a.f(a)


if __name__ == "__main__":
    main()
