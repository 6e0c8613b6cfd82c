#!/usr/bin/env python3
"""The python side of the crawl tests: feeds, manifest, state, mirror log.
Each subcommand prints "ok - ..." / "not ok - ..." lines."""
import argparse, glob, http.client, json, os, re, shutil, sqlite3, subprocess, sys, tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

# The sites the local mirror serves (fixtures of other hosts are not crawled).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "mirror"))
from mirror_pages import SITES as MIRROR_SITES  # noqa: E402

VARIANT_ID_BASE = 900000
TMP_PREFIX = ".winnow-tmp-"


def report(good, msg, diags=()):
    print(("ok - " if good else "not ok - ") + msg)
    if not good:
        diags = list(diags)
        for d in diags[:10]:
            print("#   " + str(d))
        if len(diags) > 10:
            print("#   ... and %d more" % (len(diags) - 10))
    return good


def http_get(port, host, path):
    c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
    c.request("GET", path, headers={"Host": host})
    r = c.getresponse()
    body = r.read()
    c.close()
    return r.status, body


class Canon(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.canonical = None
        self.og_url = None

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "link" and a.get("rel", "").lower() == "canonical" and self.canonical is None:
            self.canonical = a.get("href", "").strip()
        elif tag == "meta" and a.get("property") == "og:url" and self.og_url is None:
            self.og_url = a.get("content", "").strip()


def fnv1a64(data):
    h = 1469598103934665603
    for b in data:
        h ^= b
        h = (h * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


def inspect(db, queries=(), schema_optional=False):
    """PRAGMA integrity_check (the sqlite3 CLI if installed, else python's
    module), then `queries`, on a copy of the database and its WAL: the
    crawler's own files stay as a kill left them, for its next run to
    recover. Returns (integrity ok, detail, [rows of each query]).
    schema_optional: a database without the pages table (a kill before the
    crawler's first commit created it) answers every query with no rows."""
    if not os.path.exists(db):
        return False, "no such file", None
    d = tempfile.mkdtemp(prefix="winnow-state-copy-")
    try:
        copy = os.path.join(d, "state.sqlite")
        shutil.copyfile(db, copy)
        if os.path.exists(db + "-wal"):
            shutil.copyfile(db + "-wal", copy + "-wal")
        if shutil.which("sqlite3"):
            p = subprocess.run(["sqlite3", copy, "PRAGMA integrity_check;"], capture_output=True, text=True,
                               timeout=60)
            out = (p.stdout + p.stderr).strip()
            good, detail = p.returncode == 0 and out == "ok", "sqlite3 CLI: " + out
        else:
            con = sqlite3.connect(copy)
            rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
            con.close()
            good, detail = rows == ["ok"], "python sqlite3: " + "; ".join(map(str, rows))
        results = None
        if good and queries:
            con = sqlite3.connect(copy)
            schema = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pages'").fetchone()
            if schema is None and schema_optional:
                results = [[] for _ in queries]
            else:
                results = [con.execute(q).fetchall() for q in queries]
            con.close()
        return good, detail, results
    except Exception as e:  # noqa: BLE001 - a broken file is a failed check
        return False, "%s: %s" % (type(e).__name__, e), None
    finally:
        shutil.rmtree(d, ignore_errors=True)


def query(db, sql, params=()):
    """On the crawler's own database (to set up a case, never to check)."""
    con = sqlite3.connect(db, timeout=10)
    try:
        cur = con.execute(sql, params)
        rows = cur.fetchall()
        con.commit()
        return rows
    finally:
        con.close()


def read_manifest(path):
    """(lines parsed, errors, partial_tail): a last line without '\n' is the
    partial tail a kill may leave (the next run cuts it)."""
    if not os.path.exists(path):
        return [], [], None
    data = open(path, "rb").read()
    partial = None
    if data and not data.endswith(b"\n"):
        cut = data.rfind(b"\n") + 1
        partial = data[cut:]
        data = data[:cut]
    lines, errors = [], []
    for n, raw in enumerate(data.split(b"\n")[:-1] if data else [], 1):
        try:
            obj = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            errors.append("line %d is not JSON (%s): %r" % (n, e, raw[:120]))
            continue
        if not isinstance(obj, dict):
            errors.append("line %d is not an object" % n)
            continue
        missing = [k for k in ("url", "path", "hash", "status") if not isinstance(obj.get(k), str)]
        if missing:
            errors.append("line %d lacks %s: %r" % (n, ", ".join(missing), raw[:120]))
            continue
        lines.append(obj)
    return lines, errors, partial


def temp_files(root):
    found = []
    for d, _, files in os.walk(root):
        found += [os.path.join(d, f) for f in files if f.startswith(TMP_PREFIX)]
    return found


# -------------------------------------------------------------- subcommands

def cmd_expected(a):
    """Map every article the mirror's /rss_feed/all lists to its fixture."""
    fixtures = sorted(f for site in MIRROR_SITES for f in glob.glob(os.path.join(a.fixtures, site, "*.html")))
    by_path, by_slug, problems = {}, {}, []
    for f in fixtures:
        site = os.path.basename(os.path.dirname(f))
        p = Canon()
        p.feed(open(f, encoding="utf-8", errors="replace").read())
        canonical = p.canonical or p.og_url or ""
        path = urlsplit(canonical).path
        m = re.fullmatch(r"/(.+)-(\d+)\.html", path)
        if not m:
            problems.append("%s: canonical %r is not /slug-id.html" % (f, canonical))
            continue
        info = {"fixture": f, "clean": f[:-len(".html")] + ".clean.txt", "site": site, "canonical": canonical}
        by_path[(site, path)] = info
        by_slug[(site, m.group(1))] = info
    articles, private, unknown, seen_fixture = [], [], [], {}
    for site in sorted({os.path.basename(os.path.dirname(f)) for f in fixtures}):
        status, body = http_get(a.port, site, "/rss_feed/all")
        if status != 200:
            problems.append("%s /rss_feed/all: HTTP %d" % (site, status))
            continue
        for item in ET.fromstring(body).iter("item"):
            link = (item.findtext("link") or "").strip()
            u = urlsplit(link)
            host, path = (u.hostname or ""), u.path
            if path.startswith("/private/"):
                private.append(link)
                continue
            info, kind = by_path.get((host, path)), "fixture"
            if info is None:
                m = re.fullmatch(r"/(.+)-v(\d+)-(\d+)\.html", path)
                if m and int(m.group(3)) == VARIANT_ID_BASE + int(m.group(2)):
                    info, kind = by_slug.get((host, m.group(1))), "variant"
            if info is None:
                unknown.append(link)
                continue
            stem = path.rsplit("/", 1)[-1]
            stem = stem[:-len(".html")] if stem.endswith(".html") else stem
            if kind == "fixture":
                seen_fixture[info["fixture"]] = seen_fixture.get(info["fixture"], 0) + 1
                # The file is named after the canonical URL's last segment
                # (served on the site's own host, whatever the canonical host).
                if urlsplit(info["canonical"]).path.rsplit("/", 1)[-1] != path.rsplit("/", 1)[-1]:
                    problems.append("%s served at %s, not its canonical %s" % (info["fixture"], link,
                                                                               info["canonical"]))
            articles.append({"url": link, "host": host, "path": path, "kind": kind, "fixture": info["fixture"],
                             "clean": info["clean"], "out": "%s/%s.txt" % (host, stem),
                             "canonical_host": urlsplit(info["canonical"]).hostname})
    missing = [f for f in fixtures if seen_fixture.get(f, 0) != 1]
    variants = sum(1 for x in articles if x["kind"] == "variant")
    report(not problems and not unknown and not missing,
           "mirror %s: /rss_feed/all lists each of the %d fixtures once on its site's host, %d variants map back "
           "to their fixtures" % (a.label, len(fixtures), variants),
           problems + ["feed item of no fixture: " + u for u in unknown] +
           ["fixture not listed exactly once: " + f for f in missing])
    report(variants == a.variants, "mirror %s: %d variants listed (expected %d)" % (a.label, variants, a.variants))
    report(len(private) == len({x["host"] for x in articles}),
           "mirror %s: one /private/ article per site in /rss_feed/all" % a.label, private)
    cleans = [x["clean"] for x in articles if not os.path.isfile(x["clean"])]
    report(not cleans, "mirror %s: every fixture has its NAME.clean.txt" % a.label, cleans)
    json.dump({"articles": articles, "private": private, "fixtures": len(fixtures)}, open(a.out, "w"), indent=1)


def cmd_final(a):
    """The state of a finished crawl: every expected article exactly once."""
    exp = json.load(open(a.expected))
    arts = exp["articles"]
    L = a.label
    # Files.
    bad = []
    for x in arts:
        f = os.path.join(a.out, x["out"])
        if not os.path.isfile(f):
            bad.append("missing %s (%s)" % (x["out"], x["url"]))
        elif open(f, "rb").read() != open(x["clean"], "rb").read():
            bad.append("%s differs from %s" % (x["out"], x["clean"]))
    report(not bad, "%s: all %d articles written, each byte-identical to its fixture's clean text" % (L, len(arts)),
           bad)
    wanted = {x["out"] for x in arts}
    extra = []
    for d, _, files in os.walk(a.out):
        for f in files:
            rel = os.path.relpath(os.path.join(d, f), a.out)
            if rel not in wanted:
                extra.append(rel)
    report(not extra, "%s: no other files in the output directory" % L, extra)
    tmp = temp_files(a.root)
    report(not tmp, "%s: no %s* files left" % (L, TMP_PREFIX), tmp)
    # Manifest.
    lines, errors, partial = read_manifest(a.manifest)
    if partial is not None:
        errors.append("a partial last line: %r" % partial[:120])
    report(not errors and lines, "%s: manifest: %d lines, each JSON with url, path, hash, status" % (L, len(lines)),
           errors or ["empty or missing"])
    by_url = {}
    for m in lines:
        by_url.setdefault(m["url"], []).append(m)
    # --repeats-ok: articles written again (after a change) have a line per write.
    dups = ["%s: %d lines" % (u, len(v)) for u, v in by_url.items() if len(v) > 1 and not a.repeats_ok]
    strangers = [u for u in by_url if u not in {x["url"] for x in arts}]
    absent = [x["url"] for x in arts if x["url"] not in by_url]
    report(not dups and not strangers and not absent,
           "%s: manifest: %s per article, no other URL" % (
               L, "a line (or more: written again)" if a.repeats_ok else "exactly one line"),
           dups + ["not an expected article: " + u for u in strangers] + ["no line: " + u for u in absent])
    statuses = set(a.status.split("|"))
    wrong = []
    exp_out = {x["url"]: x["out"] for x in arts}
    for m in lines:
        f = os.path.join(a.out, m["path"])
        if m["status"] not in statuses:
            wrong.append("%s: status %r, expected %s" % (m["url"], m["status"], a.status))
        if m["url"] in exp_out and m["path"] != exp_out[m["url"]]:
            wrong.append("%s: path %s, expected %s" % (m["url"], m["path"], exp_out[m["url"]]))
        if not os.path.isfile(f):
            wrong.append("%s: path %s does not exist" % (m["url"], m["path"]))
        elif fnv1a64(open(f, "rb").read()) != m["hash"]:
            wrong.append("%s: hash %s is not the file's" % (m["url"], m["hash"]))
    report(not wrong, "%s: manifest: paths exist, hashes match the files, status %s" % (L, a.status), wrong)
    # The line's metadata is the article's: title and published as the
    # fixture's expected meta states them (read off the page by hand), and a
    # "modified" key on every line (null when the page states none).
    meta_wrong, compared = [], 0
    exp_meta = {x["url"]: x["fixture"][:-len(".html")] + ".meta.json" for x in arts if x["kind"] == "fixture"}
    for m in lines:
        if "modified" not in m or not (m["modified"] is None or isinstance(m["modified"], str)):
            meta_wrong.append("%s: no modified key (string or null)" % m["url"])
        f = exp_meta.get(m["url"])
        if f and os.path.isfile(f):
            want = json.load(open(f, encoding="utf-8"))
            for k in ("title", "published", "modified"):
                if k in want:
                    compared += 1
                    if m.get(k) != want[k]:
                        meta_wrong.append("%s: %s %r, the fixture says %r" % (m["url"], k, m.get(k), want[k]))
    report(not meta_wrong and compared > 0,
           "%s: manifest: title, published and modified as the fixtures' meta (%d values)" % (L, compared),
           meta_wrong)
    # State.
    good, detail, res = inspect(a.state, [
        "SELECT COUNT(*) FROM pages WHERE kind = 'article' AND status = 'done'",
        "SELECT url, status, error FROM pages WHERE kind = 'article' AND status NOT IN ('done', 'skipped')"
        + (" AND url NOT LIKE '%/hostile-%'" if a.hostile_ok else ""),
        "SELECT url FROM pages WHERE kind = 'article' AND status = 'done' AND manifested = 0",
        "SELECT url, status FROM pages WHERE url LIKE '%/private/%' AND status = 'done'"])
    report(good, "%s: state DB passes PRAGMA integrity_check" % L, [detail])
    if res is None:
        return
    done, left, unman, priv = res[0][0][0], res[1], res[2], res[3]
    report(done == len(arts) and not left and not unman and not priv,
           "%s: state DB: %d article rows done (expected %d), none queued or failed, all manifested" % (
               L, done, len(arts)),
           ["left: %r" % (r,) for r in left] + ["unmanifested: %s" % r for r in unman] +
           ["private row done: %r" % (r,) for r in priv])


def cmd_hostile(a):
    """Every hostile article (tests/mirror/mirror.py HOSTILE) of the crawl: a state
    row that failed or was skipped with its error, no file, no manifest line."""
    good, detail, res = inspect(a.state, [
        "SELECT url, status, error FROM pages WHERE kind = 'article' AND url LIKE '%/hostile-%'"])
    if not report(good, "%s: state DB passes PRAGMA integrity_check" % a.label, [detail]):
        return
    rows = {r[0]: r for r in res[0]}
    bad = ["%s: status %r, error %r" % r for r in rows.values() if r[1] not in ("failed", "skipped") or not r[2]]
    report(len(rows) == a.n and not bad,
           "%s: %d hostile articles in the state, each failed or skipped with its error (expected %d)" % (
               a.label, len(rows), a.n), bad)
    files = []
    for d, _, fs in os.walk(a.out):
        files += [os.path.join(d, f) for f in fs if "hostile-" in f]
    lines, _, _ = read_manifest(a.manifest)
    files += ["manifest line: " + m["url"] for m in lines if "/hostile-" in m["url"]]
    report(not files, "%s: no file and no manifest line for any hostile article" % a.label, files)


def cmd_invariants(a):
    """What must hold at any moment, e.g. right after a SIGKILL."""
    problems = []
    lines, errors, partial = read_manifest(a.manifest)
    problems += errors
    seen = {}
    for m in lines:
        seen[m["url"]] = seen.get(m["url"], 0) + 1
    problems += ["%s appears %d times in the manifest" % (u, n) for u, n in seen.items() if n > 1]
    for m in lines:
        if not os.path.isfile(os.path.join(a.out, m["path"])):
            problems.append("manifest path %s (%s) does not exist" % (m["path"], m["url"]))
    if os.path.exists(a.state):
        good, detail, res = inspect(a.state, [
            "SELECT url FROM pages WHERE kind = 'article' AND status = 'done' AND manifested = 1",
            "SELECT url, status, content_hash FROM pages WHERE kind = 'article'"], schema_optional=True)
        if not good:
            problems.append("integrity_check: " + detail)
        else:
            # The commit order: state row (done) before its manifest line,
            # the line (fsynced) before the row is marked manifested.
            in_manifest = {m["url"] for m in lines}
            problems += ["%s is marked manifested but has no manifest line" % r[0] for r in res[0]
                         if r[0] not in in_manifest]
            rows = {r[0]: r for r in res[1]}
            for m in lines:
                r = rows.get(m["url"])
                if r is None or r[1] != "done":
                    problems.append("%s is in the manifest but its state row is %r" % (m["url"], r))
                elif r[2] != m["hash"]:
                    problems.append("%s: manifest hash %s, state hash %s" % (m["url"], m["hash"], r[2]))
    if a.expected:
        # No partial article: every file in the output (temp files aside, the
        # next run sweeps them) is whole, byte-identical to its expected text.
        want = {x["out"]: x["clean"] for x in json.load(open(a.expected))["articles"]}
        for d, _, files in os.walk(a.out):
            for f in files:
                if f.startswith(TMP_PREFIX):
                    continue
                rel = os.path.relpath(os.path.join(d, f), a.out)
                if rel not in want:
                    problems.append("%s is no expected article's file" % rel)
                elif open(os.path.join(d, f), "rb").read() != open(want[rel], "rb").read():
                    problems.append("%s is not its expected text (partial?)" % rel)
    tmp = temp_files(a.root)
    notes = "%d manifest lines%s, %d temp files" % (len(lines), ", a partial last line" if partial else "",
                                                    len(tmp))
    report(not problems, "%s: invariants hold (%s)" % (a.label, notes), problems)
    if a.stats:
        with open(a.stats, "a") as fh:
            fh.write("%d %d %d\n" % (len(lines), 1 if partial else 0, len(tmp)))


def cmd_log(a):
    """Checks on the mirror's request log."""
    status, body = http_get(a.port, "127.0.0.1", "/__log")
    log = json.loads(body)
    exp = json.load(open(a.expected)) if a.expected else {"articles": []}
    article_paths = {(x["host"], x["path"]) for x in exp["articles"]}

    def kind(e):
        p = e["path"]
        if p == "/robots.txt":
            return "robots"
        if p.startswith("/rss_feed"):
            return "feed"
        if p.startswith("/tin-moi/"):
            return "listing"
        if p.startswith("/private/"):
            return "private"
        if (e["host"], p) in article_paths:
            return "article"
        return "other"

    L = a.label
    private = ["%s %s -> %s" % (e["host"], e["path"], e["status"]) for e in log if kind(e) == "private"]
    report(not private, "%s: no /private/ page requested (robots.txt obeyed; %d requests)" % (L, len(log)),
           private)
    if a.only_private:
        return
    other = ["%s %s -> %s" % (e["host"], e["path"], e["status"]) for e in log if kind(e) == "other"]
    report(not other, "%s: no request outside robots.txt, feeds, listings and listed articles" % L, other)
    hosts = sorted({x["host"] for x in exp["articles"]})
    robots = {h: sum(1 for e in log if e["host"] == h and kind(e) == "robots") for h in hosts}
    report(all(n == 1 for n in robots.values()), "%s: robots.txt fetched once per host" % L,
           ["%s: %d times" % kv for kv in robots.items()])
    arts = [e for e in log if kind(e) == "article"]
    if a.articles is not None:
        n = len({(e["host"], e["path"]) for e in arts})
        report(n == a.articles and len(arts) == a.articles,
               "%s: %d article pages requested, each once (expected %d)" % (L, len(arts), a.articles),
               ["%s %s -> %s" % (e["host"], e["path"], e["status"]) for e in arts])
    if a.only:
        want = urlsplit(a.only)
        wrong = ["%s %s -> %s" % (e["host"], e["path"], e["status"]) for e in arts
                 if (e["host"], e["path"]) != (want.hostname, want.path) or e["status"] != a.only_status]
        report(len(arts) == 1 and not wrong,
               "%s: the one article requested is %s, answered %d" % (L, want.path, a.only_status),
               wrong or ["%d article requests" % len(arts)])
    if a.discovery_304:
        disc = [e for e in log if kind(e) in ("feed", "listing")]
        not304 = ["%s %s -> %s" % (e["host"], e["path"], e["status"]) for e in disc if e["status"] != 304]
        report(disc and not not304, "%s: every feed and listing request (%d) answered 304" % (L, len(disc)),
               not304 or ["none"])


def cmd_pick(a):
    """An article of the expected set: the one whose canonical is on another
    host (the old tuoitrethudo domain) if any, else the n-th fixture."""
    exp = json.load(open(a.expected))
    fx = [x for x in exp["articles"] if x["kind"] == "fixture"]
    odd = [x for x in fx if x["canonical_host"] != x["host"]]
    x = odd[0] if odd and a.n == 0 else fx[a.n % len(fx)]
    print("%s %s" % (x["url"], x["out"]))


def cmd_forget(a):
    """The state forgets an article, and its site's feed and listing
    validators (so discovery reads them again): it looks new."""
    site = query(a.state, "SELECT site FROM pages WHERE url = ?", (a.url,))
    if not site:
        sys.exit("no row for " + a.url)
    query(a.state, "DELETE FROM pages WHERE url = ?", (a.url,))
    query(a.state, "UPDATE pages SET etag = '', last_modified = '' WHERE kind IN ('feed', 'listing') AND site = ?",
          (site[0][0],))


def cmd_stale(a):
    """An article whose stored hash no longer matches: queued again, no
    validators (a full fetch), so the new text is written as "updated"."""
    query(a.state, "UPDATE pages SET status = 'queued', etag = '', last_modified = '', "
                   "content_hash = '0123456789abcdef' WHERE url = ?", (a.url,))


def cmd_feed_moved(a):
    """The feed gives the article another date (its change signal); the
    page itself is unchanged on the server (its ETag still matches)."""
    site = query(a.state, "SELECT site FROM pages WHERE url = ?", (a.url,))[0][0]
    query(a.state, "UPDATE pages SET feed_date = 'Mon, 01 Jan 2001 00:00:00 +0700' WHERE url = ?", (a.url,))
    query(a.state, "UPDATE pages SET etag = '', last_modified = '' WHERE kind = 'feed' AND site = ?", (site,))


def cmd_crash_windows(a):
    """Leaves the files as kills in the crash windows would: the last
    manifest line half-written, its row done but not manifested (killed in
    step 3 of the commit); with --lines 2 also the line before it whole but
    its row not marked (killed before step 4); with --temp-files, temp files
    beside the articles (killed in step 1)."""
    data = open(a.manifest, "rb").read()
    lines = data.split(b"\n")[:-1]
    last = lines[-1]
    with open(a.manifest, "wb") as fh:
        fh.write(b"\n".join(lines[:-1]) + b"\n" + last[:len(last) // 2])
    for line in lines[-a.lines:]:
        url = json.loads(line)["url"]
        if query(a.state, "SELECT COUNT(*) FROM pages WHERE url = ? AND status = 'done'", (url,))[0][0] != 1:
            sys.exit("no done state row for " + url)
        query(a.state, "UPDATE pages SET manifested = 0, manifest_line = ? WHERE url = ?", (line.decode(), url))
    if a.temp_files:
        sub = os.path.dirname(os.path.join(a.out, json.loads(last)["path"]))
        for d in (a.out, sub):
            with open(os.path.join(d, TMP_PREFIX + "killed123"), "wb") as fh:
                fh.write(b"half an article")


def cmd_count(a):
    lines, errors, partial = read_manifest(a.manifest)
    print(len(lines))


def cmd_status_of(a):
    lines, _, _ = read_manifest(a.manifest)
    print(" ".join(m["status"] for m in lines if m["url"] == a.url))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("expected")
    p.add_argument("--fixtures", required=True)
    p.add_argument("--port", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--variants", type=int, default=0)
    p.add_argument("--label", default="")
    p.set_defaults(f=cmd_expected)
    for name, f in (("final", cmd_final), ("invariants", cmd_invariants)):
        p = sub.add_parser(name)
        p.add_argument("--expected")
        p.add_argument("--root", required=True)
        p.add_argument("--out", required=True)
        p.add_argument("--manifest", required=True)
        p.add_argument("--state", required=True)
        p.add_argument("--label", required=True)
        p.add_argument("--status", default="new")
        p.add_argument("--stats")
        p.add_argument("--repeats-ok", action="store_true")
        p.add_argument("--hostile-ok", action="store_true")  # hostile articles may be left failed
        p.set_defaults(f=f)
    p = sub.add_parser("hostile")
    p.add_argument("--state", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--manifest", required=True)
    p.add_argument("--label", required=True)
    p.add_argument("--n", type=int, required=True)
    p.set_defaults(f=cmd_hostile)
    p = sub.add_parser("log")
    p.add_argument("--port", required=True)
    p.add_argument("--expected")
    p.add_argument("--label", required=True)
    p.add_argument("--articles", type=int)
    p.add_argument("--only")
    p.add_argument("--only-status", type=int, default=200)
    p.add_argument("--discovery-304", action="store_true")
    p.add_argument("--only-private", action="store_true")
    p.set_defaults(f=cmd_log)
    p = sub.add_parser("pick")
    p.add_argument("--expected", required=True)
    p.add_argument("--n", type=int, default=0)
    p.set_defaults(f=cmd_pick)
    for name, f in (("forget", cmd_forget), ("stale", cmd_stale), ("feed-moved", cmd_feed_moved)):
        p = sub.add_parser(name)
        p.add_argument("--state", required=True)
        p.add_argument("--url", required=True)
        p.set_defaults(f=f)
    p = sub.add_parser("crash-windows")
    p.add_argument("--state", required=True)
    p.add_argument("--manifest", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--lines", type=int, default=1)
    p.add_argument("--temp-files", action="store_true")
    p.set_defaults(f=cmd_crash_windows)
    p = sub.add_parser("count")
    p.add_argument("--manifest", required=True)
    p.set_defaults(f=cmd_count)
    p = sub.add_parser("status-of")
    p.add_argument("--manifest", required=True)
    p.add_argument("--url", required=True)
    p.set_defaults(f=cmd_status_of)
    a = ap.parse_args()
    a.f(a)


if __name__ == "__main__":
    main()
