#!/usr/bin/env bash
# Crawl jobs end to end against the local mirror (scripts/mirror.py):
#
#   tests/crawl_test.sh WINNOW_BINARY SOURCE_DIR
#
#  1. the mirror on an ephemeral port (its three sites reached through
#     --connect-to HOST:80:127.0.0.1:PORT);
#  2. a demo-like job: every fixture collected, each file byte-identical to
#     its NAME.clean.txt, one manifest line each, robots.txt obeyed, state OK;
#  3. a re-run: nothing new, only 304s, nothing rewritten;
#  4. changes: a forgotten article comes back (exactly it, one manifest line),
#     a stale hash is rewritten as "updated", a moved feed date with a 304
#     answer stays unchanged; simulated kills in each crash window;
#  5. SIGKILL at random moments (20+ kills that land mid-run, with
#     --variants 300): the invariants hold after each kill, and the finished
#     crawl has every article exactly once;
#  6. SIGTERM / SIGINT (and a second signal): exit 7, resume to completion;
#  7. exit codes: broken job (3), unknown site (3), unreachable mirror (5),
#     output not writable (6), a second run of a running job (6).
#
# Needs python3 (the mirror, JSON and feed checks). The state database is
# checked with the sqlite3 CLI when installed, else python3's sqlite3 module.
# Prints "ok - ..." / "not ok - ..." per check; exits 1 if any failed.
set -u
export LC_ALL=C

if [ $# -ne 2 ]; then
  echo "usage: $0 WINNOW_BINARY SOURCE_DIR" >&2
  exit 2
fi
BIN=$(readlink -f "$1")
SRC=$(readlink -f "$2")
RULES=$SRC/rules
FIXTURES=$SRC/fixtures
if [ ! -x "$BIN" ]; then
  echo "not ok - $1 is not an executable"
  exit 1
fi
if ! command -v python3 >/dev/null; then
  echo "not ok - python3 is needed (the mirror and the checks)"
  exit 1
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/winnow-crawl-test.XXXXXX") || exit 1
# A private copy: the binary cannot change under a running test.
cp "$BIN" "$T/winnow" || exit 1
BIN=$T/winnow
MIRROR_PID=""
BG_PIDS=()
cleanup() {
  local p
  for p in "${BG_PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
  if [ -n "$MIRROR_PID" ]; then kill -TERM "$MIRROR_PID" 2>/dev/null; fi
  if [ -n "${WINNOW_TEST_KEEP:-}" ]; then echo "# kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

checks=0
failed=0
ok() { checks=$((checks + 1)); echo "ok - $1"; }
not_ok() {
  checks=$((checks + 1))
  failed=$((failed + 1))
  echo "not ok - $1"
  shift
  local d
  for d in "$@"; do printf '%s\n' "$d" | sed 's/^/#   /'; done
}
check() {  # check NAME CMD...: ok if CMD succeeds
  local name=$1
  shift
  if "$@"; then ok "$name"; else not_ok "$name"; fi
}
START=$SECONDS

# ---------------------------------------------------------------------------
# The python side: feeds, manifest, state, mirror log. Each subcommand prints
# "ok - ..." / "not ok - ..." lines (and "#" notes); py_checks tallies them.
PY=$T/helper.py
cat >"$PY" <<'PYEOF'
import argparse, glob, http.client, json, os, re, shutil, sqlite3, subprocess, sys, tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

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


def inspect(db, queries=()):
    """PRAGMA integrity_check (the sqlite3 CLI if installed, else python's
    module), then `queries`, on a copy of the database and its WAL: the
    crawler's own files stay as a kill left them, for its next run to
    recover. Returns (integrity ok, detail, [rows of each query])."""
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
    fixtures = sorted(glob.glob(os.path.join(a.fixtures, "*", "*.html")))
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
    # State.
    good, detail, res = inspect(a.state, [
        "SELECT COUNT(*) FROM pages WHERE kind = 'article' AND status = 'done'",
        "SELECT url, status, error FROM pages WHERE kind = 'article' AND status NOT IN ('done', 'skipped')",
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
            "SELECT url, status, content_hash FROM pages WHERE kind = 'article'"])
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
        p.set_defaults(f=f)
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
PYEOF

# py_checks ARGS...: runs the helper, tallies its ok / not ok lines.
py_checks() {
  local line got=0
  while IFS= read -r line; do
    case $line in
      "ok - "*) checks=$((checks + 1)); got=1; echo "$line" ;;
      "not ok - "*) checks=$((checks + 1)); failed=$((failed + 1)); got=1; echo "$line" ;;
      "helper-failed "*) not_ok "helper $1: exit ${line#helper-failed }"; got=1 ;;
      *) echo "$line" ;;
    esac
  done < <(timeout 120 python3 "$PY" "$@" 2>&1 || echo "helper-failed $?")
  if [ $got -eq 0 ]; then not_ok "helper $1 reported nothing"; fi
}
# py ARGS...: a helper command that prints a value or sets up a case.
py() { timeout 120 python3 "$PY" "$@"; }
setup() {  # setup ARGS...: a py command whose failure is a failed check
  local out
  if ! out=$(py "$@" 2>&1); then not_ok "setting up: $1" "$out"; fi
}

# ---------------------------------------------------------------------------
# The mirror

SITES=()
for d in "$FIXTURES"/*/; do
  set -- "$d"*.html
  [ -e "$1" ] && SITES+=("$(basename "$d")")
done
N_FIXTURES=$(ls "$FIXTURES"/*/*.html | wc -l)

PORT=""
CT=()
start_mirror() {  # start_mirror NAME [mirror options]: sets PORT and CT
  local name=$1
  shift
  local pf=$T/$name.port
  rm -f "$pf"
  python3 "$SRC/scripts/mirror.py" --fixtures "$FIXTURES" --port-file "$pf" "$@" 2>"$T/$name.mirror.err" &
  MIRROR_PID=$!
  if timeout 30 bash -c 'until [ -s "$0" ]; do sleep 0.05; done' "$pf"; then
    PORT=$(<"$pf")
    CT=()
    local h
    for h in "${SITES[@]}"; do CT+=(--connect-to "$h:80:127.0.0.1:$PORT"); done
    ok "mirror ($name${*:+ $*}) listening on port $PORT"
  else
    not_ok "mirror ($name${*:+ $*}) did not start within 30 s" "$(cat "$T/$name.mirror.err")"
    echo "# $checks checks, $failed failed"
    exit 1
  fi
}
stop_mirror() {
  [ -n "$MIRROR_PID" ] || return 0
  kill -TERM "$MIRROR_PID" 2>/dev/null
  local i
  for i in $(seq 100); do kill -0 "$MIRROR_PID" 2>/dev/null || break; sleep 0.05; done
  kill -9 "$MIRROR_PID" 2>/dev/null
  wait "$MIRROR_PID" 2>/dev/null
  MIRROR_PID=""
}
# mirror_check WHEN: the mirror is still up (else its exit status and stderr).
mirror_check() {
  if [ -n "$MIRROR_PID" ] && kill -0 "$MIRROR_PID" 2>/dev/null; then
    ok "the mirror is still running ($1)"
  else
    local st=none
    [ -n "$MIRROR_PID" ] && { wait "$MIRROR_PID" 2>/dev/null; st=$?; }
    not_ok "the mirror is still running ($1)" "it exited with status $st" "$(cat "$T"/*.mirror.err 2>/dev/null)"
  fi
}
reset_log() { python3 -c 'import sys,urllib.request; urllib.request.urlopen("http://127.0.0.1:%s/__reset" % sys.argv[1], timeout=10).read()' "$PORT"; }

# write_job FILE FEED LISTING DELAY_MS PER_HOST MAX_PAGES [OUTPUT]: a job like
# jobs/demo.toml against the mirror, its paths relative to the job file.
write_job() {
  local file=$1 feed=$2 listing=$3 delay=$4 per_host=$5 max_pages=$6 output=${7:-out/articles}
  mkdir -p "$(dirname "$file")"
  {
    echo "name = \"$(basename "$file" .toml)\""
    printf 'sites = ['
    local i
    for i in "${!SITES[@]}"; do printf '%s"%s"' "$([ "$i" -gt 0 ] && echo ', ')" "${SITES[$i]}"; done
    echo ']'
    echo "output = \"$output\""
    echo 'state = "out/state.sqlite"'
    echo 'manifest = "out/manifest.jsonl"'
    echo 'format = "text"'
    echo
    echo '[limits]'
    echo "max_pages = $max_pages"
    echo 'listing_depth = 3'
    echo 'max_age_days = 0'
    echo
    echo '[fetch]'
    echo 'user_agent = "winnow-crawl-test/0.1 (+mailto:ops@example.com)"'
    echo 'concurrency = 8'
    echo "per_host = $per_host"
    echo "delay_ms = $delay"
    echo 'timeout_s = 30'
    echo 'connect_timeout_s = 5'
    echo 'retries = 1'
    for i in "${SITES[@]}"; do
      echo
      echo "[site.\"$i\"]"
      echo "base_url = \"http://$i\""
      echo "feeds = [\"$feed\"]"
      if [ -n "$listing" ]; then echo "listings = [\"$listing\"]"; else echo "listings = []"; fi
    done
  } >"$file"
}

# run_crawl LIMIT_S JOB [options]: one run in the foreground, from an
# unrelated directory; stderr in $ERR, exit code in $RC.
ERR=$T/stderr
mkdir -p "$T/cwd"
run_crawl() {
  local limit=$1
  shift
  (cd "$T/cwd" && timeout -k 5 "$limit" "$BIN" --rules "$RULES" crawl "$@" "${CT[@]}") >"$T/stdout" 2>"$ERR"
  RC=$?
}
expect_rc() {  # expect_rc NAME CODE
  if [ "$RC" -eq "$2" ]; then
    ok "$1: exit $2"
  else
    not_ok "$1: exit $2" "got exit $RC" "stderr: $(head -c 2000 "$ERR")"
  fi
}

# wait_bounded PID SECONDS: the child's exit code, or 124 (and SIGKILL) if
# it is still running after SECONDS.
wait_bounded() {
  local pid=$1 limit=$2 i
  for i in $(seq $((limit * 20))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return 124
  fi
  wait "$pid" 2>/dev/null
}

tree_sums() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum); }

# ---------------------------------------------------------------------------
echo "# 1. the mirror"
start_mirror plain
py_checks expected --fixtures "$FIXTURES" --port "$PORT" --out "$T/plain.json" --variants 0 --label "(fixtures)"

# ---------------------------------------------------------------------------
echo "# 2. end to end: a demo-like job collects every fixture"
E=$T/e2e
write_job "$E/job.toml" /rss_feed/ /tin-moi/ 50 2 500
run_crawl 60 "$E/job.toml"
expect_rc "e2e crawl" 0
if grep -q "crawl job: $N_FIXTURES new, 0 updated, 0 unchanged, 0 failed" "$ERR"; then
  ok "e2e crawl: the summary says $N_FIXTURES new, 0 failed"
else
  not_ok "e2e crawl: the summary says $N_FIXTURES new, 0 failed" "$(tail -n 3 "$ERR")"
fi
if [ -z "$(ls -A "$T/cwd")" ] && [ -d "$E/out/articles" ]; then
  ok "e2e crawl: relative paths resolved against the job file's directory, not the working directory"
else
  not_ok "e2e crawl: relative paths resolved against the job file's directory" "cwd has: $(ls -A "$T/cwd")"
fi
py_checks final --expected "$T/plain.json" --root "$E" --out "$E/out/articles" --manifest "$E/out/manifest.jsonl" \
  --state "$E/out/state.sqlite" --label "e2e" --status new
py_checks log --port "$PORT" --expected "$T/plain.json" --label "e2e log" --articles "$N_FIXTURES"

# ---------------------------------------------------------------------------
echo "# 3. re-run: nothing new, nothing rewritten"
tree_sums "$E/out/articles" >"$T/sums.1"
cp "$E/out/manifest.jsonl" "$T/manifest.1"
reset_log
run_crawl 60 "$E/job.toml"
expect_rc "re-run" 0
if grep -q "crawl job: 0 new, 0 updated" "$ERR"; then
  ok "re-run: the summary says 0 new, 0 updated"
else
  not_ok "re-run: the summary says 0 new, 0 updated" "$(tail -n 3 "$ERR")"
fi
py_checks log --port "$PORT" --expected "$T/plain.json" --label "re-run log" --articles 0 --discovery-304
check "re-run: the manifest did not change" cmp -s "$T/manifest.1" "$E/out/manifest.jsonl"
tree_sums "$E/out/articles" >"$T/sums.2"
check "re-run: article files unchanged (checksums)" cmp -s "$T/sums.1" "$T/sums.2"

# ---------------------------------------------------------------------------
echo "# 4. crash windows and changes"
# manifest_same NAME BEFORE: the manifest is byte-identical to BEFORE.
manifest_same() {
  if cmp -s "$2" "$E/out/manifest.jsonl"; then
    ok "$1"
  else
    not_ok "$1" "diff (first 150 columns):" \
      "$(diff <(cut -c1-150 "$2") <(cut -c1-150 "$E/out/manifest.jsonl") | head -n 8)"
  fi
}

# 4a. Crash windows, set up by hand as a SIGKILL would leave them: the last
# manifest line half-written, its row done but not manifested (killed in
# step 3); the line before it whole but its row not marked (killed before
# step 4); temp files beside the articles. The next run cuts the partial
# line, appends the missing one once, appends nothing twice, sweeps.
cp "$E/out/manifest.jsonl" "$T/manifest.a"
setup crash-windows --state "$E/out/state.sqlite" --manifest "$E/out/manifest.jsonl" --out "$E/out/articles" --lines 2 \
  --temp-files
reset_log
run_crawl 60 "$E/job.toml"
expect_rc "crash windows (new articles)" 0
manifest_same "crash windows (new articles): the manifest is whole again, no line lost or doubled" "$T/manifest.a"
py_checks log --port "$PORT" --expected "$T/plain.json" --label "crash windows log" --articles 0
py_checks final --expected "$T/plain.json" --root "$E" --out "$E/out/articles" --manifest "$E/out/manifest.jsonl" \
  --state "$E/out/state.sqlite" --label "after the crash windows" --status new

# 4b. An article the state forgot (its file gone too) comes back, alone.
tree_sums "$E/out/articles" >"$T/sums.1"
cp "$E/out/manifest.jsonl" "$T/manifest.b"
read -r URL OUT < <(py pick --expected "$T/plain.json" --n 0)
echo "# forgetting $URL"
rm -f "$E/out/articles/$OUT"
setup forget --state "$E/out/state.sqlite" --url "$URL"
reset_log
run_crawl 60 "$E/job.toml"
expect_rc "forgotten article" 0
py_checks log --port "$PORT" --expected "$T/plain.json" --label "forgotten article log" --only "$URL"
n=$(py count --manifest "$E/out/manifest.jsonl")
st=$(py status-of --manifest "$E/out/manifest.jsonl" --url "$URL")
if [ "$n" -eq $((N_FIXTURES + 1)) ] && { [ "$st" = "new new" ] || [ "$st" = "new updated" ]; } &&
   [ "$(head -n "$N_FIXTURES" "$E/out/manifest.jsonl" | sha256sum)" = "$(sha256sum <"$T/manifest.b")" ]; then
  ok "forgotten article: the manifest gained exactly one line, for it ($st)"
else
  not_ok "forgotten article: the manifest gained exactly one line, for it" "$n lines; its statuses: $st"
fi
tree_sums "$E/out/articles" >"$T/sums.2"
check "forgotten article: written back byte-identical, the other files untouched" cmp -s "$T/sums.1" "$T/sums.2"

# 4c. A stale stored hash: fetched in full, rewritten, manifested "updated".
read -r URL2 _ < <(py pick --expected "$T/plain.json" --n 1)
echo "# making $URL2 look changed"
cp "$E/out/manifest.jsonl" "$T/manifest.c"
setup stale --state "$E/out/state.sqlite" --url "$URL2"
reset_log
run_crawl 60 "$E/job.toml"
expect_rc "changed article" 0
if grep -q "crawl job: 0 new, 1 updated" "$ERR"; then
  ok "changed article: the summary says 0 new, 1 updated"
else
  not_ok "changed article: the summary says 0 new, 1 updated" "$(tail -n 3 "$ERR")"
fi
py_checks log --port "$PORT" --expected "$T/plain.json" --label "changed article log" --only "$URL2"
n=$(py count --manifest "$E/out/manifest.jsonl")
last=$(tail -n 1 "$E/out/manifest.jsonl")
if [ "$n" -eq $((N_FIXTURES + 2)) ] && [[ $last == *"\"url\":\"$URL2\""* && $last == *'"status":"updated"'* ]] &&
   [ "$(head -n $((N_FIXTURES + 1)) "$E/out/manifest.jsonl" | sha256sum)" = "$(sha256sum <"$T/manifest.c")" ]; then
  ok "changed article: one more manifest line, status updated"
else
  not_ok "changed article: one more manifest line, status updated" "$n lines; last: $last"
fi
tree_sums "$E/out/articles" >"$T/sums.3"
check "changed article: its file rewritten byte-identical, the others untouched" cmp -s "$T/sums.1" "$T/sums.3"

# 4d. The same crash window for that update: killed while its "updated"
# line was being appended (half of it written, the row done but not
# manifested). The article's older "new" line is earlier in the manifest;
# the next run must still append the "updated" line, once.
cp "$E/out/manifest.jsonl" "$T/manifest.d"
setup crash-windows --state "$E/out/state.sqlite" --manifest "$E/out/manifest.jsonl" --out "$E/out/articles" --lines 1
reset_log
run_crawl 60 "$E/job.toml"
expect_rc "crash window (updated article)" 0
manifest_same "crash window (updated article): its \"updated\" line is appended again, once" "$T/manifest.d"

# 4e. The feed moves an article's date but the server still has it (304).
read -r URL3 _ < <(py pick --expected "$T/plain.json" --n 2)
cp "$E/out/manifest.jsonl" "$T/manifest.e"
setup feed-moved --state "$E/out/state.sqlite" --url "$URL3"
reset_log
run_crawl 60 "$E/job.toml"
expect_rc "feed date moved" 0
if grep -q "crawl job: 0 new, 0 updated, 1 unchanged" "$ERR"; then
  ok "feed date moved: re-checked, the summary says 1 unchanged"
else
  not_ok "feed date moved: re-checked, the summary says 1 unchanged" "$(tail -n 3 "$ERR")"
fi
py_checks log --port "$PORT" --expected "$T/plain.json" --label "feed date moved log" --only "$URL3" --only-status 304
manifest_same "feed date moved: the manifest did not change" "$T/manifest.e"
py_checks final --expected "$T/plain.json" --root "$E" --out "$E/out/articles" --manifest "$E/out/manifest.jsonl" \
  --state "$E/out/state.sqlite" --label "after the changes" --status "new|updated" --repeats-ok
mirror_check "after the fixture runs"
stop_mirror

# ---------------------------------------------------------------------------
echo "# 5. SIGKILL at random moments"
VARIANTS=300
start_mirror variants --variants $VARIANTS
py_checks expected --fixtures "$FIXTURES" --port "$PORT" --out "$T/variants.json" --variants $VARIANTS \
  --label "(variants)"
N_ALL=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["articles"]))' "$T/variants.json")

# final_round DIR LABEL: a finished crawl of the variants job in DIR.
final_round() {
  py_checks final --expected "$T/variants.json" --root "$1" --out "$1/out/articles" --manifest "$1/out/manifest.jsonl" \
    --state "$1/out/state.sqlite" --label "$2" --status "new|updated"
}

kills=0 rounds=0 early=0 runs=0
STATS=$T/kill-stats
: >"$STATS"
new_round() {
  rounds=$((rounds + 1))
  R=$T/kill/r$rounds
  write_job "$R/job.toml" /rss_feed/all "" 0 4 100000
}
new_round
deadline=$((SECONDS + 150))
while [ $kills -lt 20 ] && [ $SECONDS -lt $deadline ]; do
  runs=$((runs + 1))
  (cd "$T/cwd" && exec "$BIN" --rules "$RULES" crawl -q "$R/job.toml" "${CT[@]}") >>"$R/runs.log" 2>&1 &
  pid=$!
  BG_PIDS+=("$pid")
  ms=$((50 + RANDOM % 1451))
  sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
  {
    kill -9 "$pid"
    wait_bounded "$pid" 10
  } 2>/dev/null  # no "Killed" notices
  rc=$?
  if [ $rc -eq 137 ]; then
    kills=$((kills + 1))
    py_checks invariants --root "$R" --out "$R/out/articles" --manifest "$R/out/manifest.jsonl" \
      --state "$R/out/state.sqlite" --label "kill $kills (round $rounds, run $runs, SIGKILL after $ms ms)" \
      --stats "$STATS"
  elif [ $rc -eq 0 ]; then
    early=$((early + 1))
    echo "# round $rounds: run $runs finished (exit 0) before the SIGKILL at $ms ms"
    final_round "$R" "round $rounds finished after kills"
    new_round
  else
    not_ok "run $runs (round $rounds): exit $rc before the SIGKILL at $ms ms (0 or 137 expected)" \
      "$(tail -n 5 "$R/runs.log")"
  fi
done
if [ $kills -ge 20 ]; then
  ok "$kills SIGKILLs landed mid-run ($runs runs in $rounds rounds; $early runs finished first)"
else
  not_ok "20 SIGKILLs landed mid-run" "only $kills in $runs runs before the time limit"
fi
py_checks log --port "$PORT" --expected "$T/variants.json" --label "all kill rounds, mirror log" --only-private
read -r partials tmps < <(awk '{p += $2; t += ($3 > 0)} END {print p + 0, t + 0}' "$STATS")
echo "# kills that left a partial manifest line: $partials; that left temp files: $tmps"
# The last round: run to completion.
run_crawl 120 "$R/job.toml" -q
expect_rc "round $rounds: the run after the last kill" 0
final_round "$R" "round $rounds (after the last kill)"

# ---------------------------------------------------------------------------
echo "# 6. SIGTERM and SIGINT"
# signal_run NAME SIGNAL... : start a slowed crawl, send the signals, expect
# exit 7 within 10 s and "interrupted"; then resume to the end.
signal_run() {
  local name=$1
  shift
  local D=$T/sig-${name// /-}
  write_job "$D/job.toml" /rss_feed/all "" 0 4 100000
  (cd "$T/cwd" && exec "$BIN" --rules "$RULES" crawl "$D/job.toml" --delay-ms 20 "${CT[@]}") >"$D.out" 2>"$D.err" &
  local pid=$!
  BG_PIDS+=("$pid")
  # Once it has written an article (at most 20 s), a moment more.
  timeout 20 bash -c 'until [ -s "$0" ]; do sleep 0.02; done' "$D/out/manifest.jsonl"
  sleep 0.2
  local s
  for s in "$@"; do kill "-$s" "$pid" 2>/dev/null; sleep 0.01; done
  local t0=$SECONDS
  wait_bounded "$pid" 10
  local rc=$?
  if [ $rc -eq 7 ]; then
    ok "$name: exit 7 within 10 s (took about $((SECONDS - t0)) s)"
  else
    not_ok "$name: exit 7 within 10 s" "got $rc (124: still running after 10 s)" "$(tail -n 5 "$D.err")"
  fi
  local n
  n=$(py count --manifest "$D/out/manifest.jsonl" 2>/dev/null || echo 0)
  if [ $# -eq 1 ]; then
    if grep -q "interrupted" "$D.err"; then
      ok "$name: the summary says interrupted"
    else
      not_ok "$name: the summary says interrupted" "$(tail -n 5 "$D.err")"
    fi
    if [ "$n" -gt 0 ] && [ "$n" -lt "$N_ALL" ]; then
      ok "$name: stopped part-way ($n of $N_ALL articles)"
    else
      not_ok "$name: stopped part-way" "$n of $N_ALL articles in the manifest"
    fi
  fi
  py_checks invariants --root "$D" --out "$D/out/articles" --manifest "$D/out/manifest.jsonl" \
    --state "$D/out/state.sqlite" --label "$name: after the stop"
  run_crawl 120 "$D/job.toml"
  expect_rc "$name: the next run resumes" 0
  if grep -q "crawl job: $((N_ALL - n)) new" "$ERR" 2>/dev/null || [ $# -gt 1 ]; then
    ok "$name: the next run fetched only what was left"
  else
    not_ok "$name: the next run fetched only what was left ($((N_ALL - n)) new)" "$(tail -n 2 "$ERR")"
  fi
  final_round "$D" "$name: resumed"
}
signal_run SIGTERM TERM
signal_run SIGINT INT
signal_run "second SIGINT" INT INT

# ---------------------------------------------------------------------------
echo "# 7. exit codes and errors"
X=$T/errors
mkdir -p "$X"
printf 'name = "broken"\nsites = ["%s"]\noutput = "out" "oops"\n' "${SITES[0]}" >"$X/broken.toml"
run_crawl 30 "$X/broken.toml"
expect_rc "broken TOML" 3
if [ "$(wc -l <"$ERR")" -eq 1 ] && grep -Eq "^winnow: job: $X/broken\.toml:3:[0-9]+: " "$ERR"; then
  ok "broken TOML: one line naming file:line:col"
else
  not_ok "broken TOML: one line naming file:line:col" "$(head -c 1000 "$ERR")"
fi
printf 'sites = ["no-such-site.example"]\noutput = "out"\n' >"$X/unknown.toml"
run_crawl 30 "$X/unknown.toml"
expect_rc "unknown site" 3
if [ "$(wc -l <"$ERR")" -eq 1 ] && grep -q "no-such-site.example" "$ERR"; then
  ok "unknown site: one line naming it"
else
  not_ok "unknown site: one line naming it" "$(head -c 1000 "$ERR")"
fi

write_job "$X/unreachable/job.toml" /rss_feed/ /tin-moi/ 0 2 500
CT_SAVED=("${CT[@]}")
CT=()
for h in "${SITES[@]}"; do CT+=(--connect-to "$h:80:127.0.0.1:1"); done
t0=$SECONDS
run_crawl 60 "$X/unreachable/job.toml"
CT=("${CT_SAVED[@]}")
expect_rc "unreachable mirror (discovery failed)" 5
missing=()
for h in "${SITES[@]}"; do
  grep -q "^winnow: error: http://$h/rss_feed/" "$ERR" || missing+=("http://$h/rss_feed/")
  grep -q "^winnow: error: http://$h/tin-moi/" "$ERR" || missing+=("http://$h/tin-moi/")
done
if [ ${#missing[@]} -eq 0 ]; then
  ok "unreachable mirror: an error line names each feed and listing URL ($((SECONDS - t0)) s)"
else
  not_ok "unreachable mirror: an error line names each feed and listing URL" "no line for: ${missing[*]}" \
    "$(head -c 2000 "$ERR")"
fi

write_job "$X/notdir/job.toml" /rss_feed/ /tin-moi/ 0 2 500 "blocker/articles"
mkdir -p "$X/notdir"
echo "a regular file" >"$X/notdir/blocker"
run_crawl 30 "$X/notdir/job.toml"
expect_rc "output directory not writable (a file in the way)" 6
if grep -q "blocker" "$ERR"; then ok "output not writable: the error names the path"
else not_ok "output not writable: the error names the path" "$(head -c 1000 "$ERR")"; fi

mirror_check "before the lock test"
L=$T/lock
write_job "$L/job.toml" /rss_feed/all "" 200 1 100000
(cd "$T/cwd" && exec "$BIN" --rules "$RULES" crawl -q "$L/job.toml" "${CT[@]}") >"$L.out" 2>"$L.err" &
first=$!
BG_PIDS+=("$first")
timeout 20 bash -c 'until [ -s "$0" ]; do sleep 0.05; done' "$L/out/manifest.jsonl"
run_crawl 30 "$L/job.toml"
if kill -0 "$first" 2>/dev/null; then
  expect_rc "a second run of a running job" 6
  if grep -q "another run" "$ERR"; then ok "second run: says another run holds the lock"
  else not_ok "second run: says another run holds the lock" "$(head -c 1000 "$ERR")"; fi
else
  not_ok "a second run of a running job: the first run was still running" "it ended first: $(tail -n 3 "$L.err")"
fi
kill -TERM "$first" 2>/dev/null
wait_bounded "$first" 10
rc=$?
if [ $rc -eq 7 ]; then ok "the first run, stopped with SIGTERM: exit 7"; else not_ok "the first run, stopped with SIGTERM: exit 7" "got $rc"; fi
py_checks invariants --root "$L" --out "$L/out/articles" --manifest "$L/out/manifest.jsonl" \
  --state "$L/out/state.sqlite" --label "lock: the first run's output after the second run's attempt"

mirror_check "at the end"
stop_mirror
echo "# $checks checks, $failed failed ($((SECONDS - START)) s)"
[ $failed -eq 0 ]
