"""Checks of a crawl of the mirror's site with no rule file (tinnhanh.example,
tests/mirror/README.md) against the truth the mirror gives of it (/__truth)
and its request log (/__log). Used by tests/crawl/discover_test.sh.

    discover_check.py truth --port P --out FILE
    discover_check.py final --truth FILE --out DIR --manifest FILE --state DB --label L [--since ISO]
    discover_check.py log --truth FILE --port P --label L [--since ISO] [--rerun]

Each check prints "ok - ..." or "not ok - ..." (with "#" lines saying why).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import sqlite3
import sys
from datetime import datetime, timezone
from urllib.parse import urlsplit

HOST = "tinnhanh.example"


def report(good: bool, name: str, details=()) -> None:
    print(("ok - " if good else "not ok - ") + name)
    if not good:
        for d in list(details)[:10]:
            print("#   " + str(d))
        if len(details) > 10:
            print("#   ... and %d more" % (len(details) - 10))


def get(port: int, host: str, path: str) -> bytes:
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", path, headers={"Host": host})
    r = c.getresponse()
    body = r.read()
    c.close()
    return body


def instant(iso: str) -> datetime:
    d = datetime.fromisoformat(iso)
    return d if d.tzinfo else d.replace(tzinfo=timezone.utc)


def since_of(a) -> datetime | None:
    return instant(a.since) if a.since else None


def wanted(truth, since):
    """The truth's articles a crawl (from `since`, if given) must write."""
    return [x for x in truth["articles"] if since is None or instant(x["published"]) >= since]


def cmd_truth(a):
    body = get(a.port, HOST, "/__truth")
    truth = json.loads(body)
    with open(a.out, "w") as f:
        json.dump(truth, f)
    report(len(truth["articles"]) >= 10 and truth["duplicates"] and truth["listings"],
           "mirror: %s serves %d articles, %d duplicate URLs, %d listing pages" % (
               HOST, len(truth["articles"]), len(truth["duplicates"]), len(truth["listings"])))


def read_manifest(path):
    lines = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            lines.append(json.loads(line))
    return lines


def cmd_final(a):
    truth = json.load(open(a.truth))
    since = since_of(a)
    want = wanted(truth, since)
    L = a.label
    lines = read_manifest(a.manifest)
    by_url = {}
    for m in lines:
        by_url.setdefault(m["url"], []).append(m)
    # Every article written once, its file its text.
    bad = []
    for x in want:
        ms = [m for m in by_url.get(x["url"], []) if m["status"] == "new"]
        if len(ms) != 1:
            bad.append("%s: %d 'new' lines" % (x["url"], len(ms)))
            continue
        m = ms[0]
        f = os.path.join(a.out, m["path"] or "")
        if not m["path"] or not os.path.isfile(f):
            bad.append("%s: no file %s" % (x["url"], m["path"]))
            continue
        text = open(f, encoding="utf-8").read()
        for key in ("title", "first_line"):
            if x[key] not in text:
                bad.append("%s: its %s is not in %s: %r" % (x["url"], key, m["path"], x[key][:80]))
        if m.get("extractor") != "generic" or m.get("rules") is not None:
            bad.append("%s: extractor %r, rules %r (no rule file: generic, null)" % (
                x["url"], m.get("extractor"), m.get("rules")))
    report(not bad, "%s: each of the %d articles written once, its title and first paragraph in its file, "
                    "extractor generic" % (L, len(want)), bad)
    # Nothing before `since`.
    if since is not None:
        early = [x["url"] for x in truth["articles"] if instant(x["published"]) < since and x["url"] in by_url]
        report(not early, "%s: no article published before %s in the manifest (%d such on the site)" % (
            L, a.since, sum(1 for x in truth["articles"] if instant(x["published"]) < since)), early)
    # No listing page written.
    listed = [u for u in truth["listings"] if u in by_url]
    report(not listed, "%s: no listing page in the manifest (%d on the site, one article-shaped)" % (
        L, len(truth["listings"])), listed)
    # Duplicates: a URL variant is never a second article; a copy under its
    # own URL is recorded (duplicate_of), not written.
    wrong = []
    recorded = 0
    for d in truth["duplicates"]:
        of_wanted = any(x["url"] == d["of"] for x in want) or since is None
        if d["why"] == "syndicated":
            ms = by_url.get(d["url"], [])
            if not of_wanted and not ms:
                continue
            if len(ms) != 1 or ms[0]["status"] != "duplicate" or ms[0].get("path") is not None:
                wrong.append("%s: expected one 'duplicate' line without a path, got %r" % (d["url"], ms))
            elif ms[0].get("duplicate_of") != d["of"]:
                wrong.append("%s: duplicate_of %r, expected %r" % (d["url"], ms[0].get("duplicate_of"), d["of"]))
            else:
                recorded += 1
        elif d["url"] in by_url:
            wrong.append("%s (%s of %s) has a manifest line of its own" % (d["url"], d["why"], d["of"]))
    report(not wrong, "%s: URL variants (AMP, mobile, tracking, fragment) never a second article; %d copies "
                      "recorded as duplicate_of, not written" % (L, recorded), wrong)
    # Nothing else in the manifest or the output.
    known = {x["url"] for x in truth["articles"]} | {d["url"] for d in truth["duplicates"]}
    strangers = [u for u in by_url if u not in known]
    report(not strangers, "%s: no other URL in the manifest" % L, strangers)
    files = []
    for d, _, fs in os.walk(a.out):
        files += [os.path.relpath(os.path.join(d, f), a.out) for f in fs]
    paths = {m["path"] for m in lines if m.get("path")}
    # The job's state and manifest sit in the output directory by default.
    files = [f for f in files if not f.startswith(("state.sqlite", "manifest.jsonl"))]
    extra = [f for f in files if f not in paths]
    report(not extra and len(files) == len(want), "%s: %d files in the output, each an article's" % (L, len(files)),
           extra or ["%d files for %d articles" % (len(files), len(want))])
    # The state agrees: the topic page skipped as a listing.
    db = sqlite3.connect(a.state)
    rows = dict(((u, (s, e)) for u, s, e in db.execute("SELECT url, status, error FROM pages WHERE kind='article'")))
    topic = [u for u in truth["listings"] if u.endswith(".html")]
    odd = ["%s: %r" % (u, rows.get(u)) for u in topic
           if u in rows and not (rows[u][0] == "skipped" and "listing page" in rows[u][1])]
    fetched_topic = [u for u in topic if u in rows and rows[u][0] == "skipped"]
    report(not odd, "%s: the article-shaped listing page, when fetched, is skipped as a listing (%d fetched)" % (
        L, len(fetched_topic)), odd)
    kinds = dict(db.execute("SELECT kind, COUNT(*) FROM pages GROUP BY kind"))
    report(kinds.get("sitemap", 0) >= 1 and kinds.get("feed", 0) >= 1,
           "%s: the state remembers the feed and the sitemaps it found (%r)" % (L, kinds))


def cmd_log(a):
    truth = json.load(open(a.truth))
    since = since_of(a)
    log = json.loads(get(a.port, "127.0.0.1", "/__log"))
    L = a.label
    ours = [e for e in log if e["host"].endswith(HOST)]
    article_paths = {urlsplit(x["url"]).path for x in truth["articles"]}
    got = [e for e in ours if e["path"] in article_paths]
    if a.rerun:
        report(not got, "%s: no article fetched again (%d requests, all discovery)" % (L, len(ours)),
               ["%s %s" % (e["path"], e["status"]) for e in got])
        if a.discovery_refetched:
            return  # a rebuilt state has no validators: the sources are read whole
        changed = [e for e in ours if e["status"] == 200 and e["path"] != "/robots.txt"]
        report(not changed, "%s: feeds, sitemaps and the home page answered 304 (only robots.txt read whole)" % L,
               ["%s %s" % (e["path"], e["status"]) for e in changed])
        return
    want = {urlsplit(x["url"]).path for x in wanted(truth, since)}
    counts = {}
    for e in got:
        counts[e["path"]] = counts.get(e["path"], 0) + 1
    missing = sorted(want - set(counts))
    extra = sorted(set(counts) - want)
    twice = sorted(p for p, n in counts.items() if n > 1)
    report(not missing and not extra and not twice,
           "%s: exactly the %d articles%s fetched, each once" % (
               L, len(want), " published since %s" % a.since if since else ""),
           ["not fetched: " + p for p in missing] + ["fetched: " + p for p in extra] +
           ["fetched twice: " + p for p in twice])
    variants = [e["host"] + e["path"] for e in ours
                if e["host"] != HOST or "?" in e["path"] or e["path"].endswith("/amp")]
    report(not variants, "%s: no AMP, mobile or tracking-parameter URL requested" % L, variants)
    probes = [e["path"] for e in ours if e["path"] in ("/rss", "/feed", "/rss.xml", "/feed.xml", "/atom.xml",
                                                         "/sitemap.xml")]
    report(not probes, "%s: the usual paths not tried (robots.txt and the home page named the sources)" % L, probes)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("cmd", choices=["truth", "final", "log"])
    p.add_argument("--port", type=int)
    p.add_argument("--out")
    p.add_argument("--truth")
    p.add_argument("--manifest")
    p.add_argument("--state")
    p.add_argument("--label", default="")
    p.add_argument("--since")
    p.add_argument("--rerun", action="store_true")
    p.add_argument("--discovery-refetched", action="store_true")
    a = p.parse_args()
    {"truth": cmd_truth, "final": cmd_final, "log": cmd_log}[a.cmd](a)
    return 0


if __name__ == "__main__":
    sys.exit(main())
