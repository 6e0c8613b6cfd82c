#!/usr/bin/env bash
# scripts/winnow-dask.py on a LocalCluster of two worker processes: four WARC
# shards (two with the same file name in two folders) of the fixture pages,
# written here with Python's standard library (gzip per record, as Common
# Crawl writes them). Their parts, concatenated in shard order, are byte for
# byte what one `winnow clean --warc` prints for the four files concatenated;
# a rerun skips all four and rewrites none (inode and mtime); a deleted part
# is the only one redone; a file that is no WARC and a shard cut mid-record
# fail, each named in one line, exit 5, with no part (the cut one's lines
# kept as PART.partial) while the other parts stay complete; other clean
# options into the same --out are refused. The same contract with WARC paths
# as lines on stdin (Spark's RDD.pipe, Hadoop Streaming):
# scripts/winnow-warc-paths.sh and xargs give the one-machine run too, and
# the script stops at a broken WARC, naming it. Skipped (exit 77) when the system
# python3 has no dask.distributed (Debian: python3-distributed,
# scripts/install-deps.sh installs it).
#
#   tests/dask_driver_test.sh WINNOW_BINARY SOURCE_DIR
set -u
export LC_ALL=C

if [ $# -ne 2 ]; then
  echo "usage: $0 WINNOW_BINARY SOURCE_DIR" >&2
  exit 2
fi
BIN=$1
SRC=$2
RULES=$SRC/rules
DRIVER=$SRC/scripts/winnow-dask.py
# Debian's dask is importable by Debian's python3 only (not a pyenv one).
PY=${WINNOW_DASK_PYTHON:-/usr/bin/python3}

if ! "$PY" -c 'import distributed' 2>/dev/null; then
  echo "ok - # SKIP $PY cannot import distributed (apt-get install python3-distributed; scripts/install-deps.sh does)"
  exit 77
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/winnow-dask.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

source "$(dirname "$0")/tap.sh"
# driver ARGS...: the driver on a LocalCluster of two workers; stdout, stderr, RC.
driver() {
  "$PY" "$DRIVER" --workers 2 --winnow "$BIN" --rules "$RULES" --out "$TMP/out" "$@" >"$TMP/stdout" 2>"$TMP/stderr"
  RC=$?
}
expect_rc() {
  if [ "$RC" -eq "$2" ]; then ok "$1: exit $2"; else not_ok "$1: exit $2" "got $RC" "$(tail -5 "$TMP/stderr")"; fi
}
expect_summary() {
  if [ "$(tail -n 1 "$TMP/stderr")" = "winnow-dask: $2" ]; then ok "$1: $2"; else
    not_ok "$1: $2" "$(cat "$TMP/stderr")"
  fi
}
# The parts' inode and mtime (nanoseconds), by name.
stamps() { (cd "$TMP/out" && stat -c '%n %i %.9Y' -- *.jsonl); }

# Four shards of six fixture pages each, the pages in sorted order dealt out
# in turn; each page's URL is its .url file's or https://HOST/NAME.html.
mkdir -p "$TMP/shards/a" "$TMP/shards/b"
if ! "$PY" - "$SRC/fixtures" "$TMP/shards" >"$TMP/mk.err" 2>&1 <<'EOF'; then
import glob, gzip, os, sys, uuid
fixtures, out = sys.argv[1], sys.argv[2]
pages = sorted(glob.glob(os.path.join(fixtures, "*", "*.html")))
assert len(pages) >= 8, "too few fixture pages: %d" % len(pages)
names = ["a/crawl.warc.gz", "b/crawl.warc.gz", "c-00002.warc.gz", "d-00003.warc.gz"]
n = 0

def record(kind, uri, block, ctype):
    global n
    n += 1
    head = ["WARC/1.0", "WARC-Type: " + kind, "WARC-Record-ID: <urn:uuid:%s>" % uuid.UUID(int=0x2000 + n),
            "WARC-Date: 2026-03-07T01:%02d:%02dZ" % (n // 60, n % 60)]
    if uri:
        head.append("WARC-Target-URI: " + uri)
    head += ["Content-Type: " + ctype, "Content-Length: %d" % len(block)]
    return gzip.compress(("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n")

for s, name in enumerate(names):
    recs = [record("warcinfo", "", b"software: dask_driver_test\r\n", "application/warc-fields")]
    for page in pages[s::len(names)]:
        body = open(page, "rb").read()
        url_file = page[:-len(".html")] + ".url"
        host = os.path.basename(os.path.dirname(page))
        url = open(url_file).read().strip() if os.path.exists(url_file) else \
            "https://%s/%s" % (host, os.path.basename(page))
        recs.append(record("request", url, b"GET / HTTP/1.1\r\nHost: " + host.encode() + b"\r\n\r\n",
                           "application/http; msgtype=request"))
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(body)
        recs.append(record("response", url, http + body, "application/http; msgtype=response"))
    open(os.path.join(out, name), "wb").write(b"".join(recs))
# A shard cut in its last record (for exit 5), and an HTML page as a "WARC".
plain = gzip.decompress(open(os.path.join(out, names[0]), "rb").read())
open(os.path.join(out, "cut.warc"), "wb").write(plain[:len(plain) - 2000])
open(os.path.join(out, "page.warc"), "wb").write(open(pages[0], "rb").read())
EOF
  not_ok "the WARC shards are written" "$(cat "$TMP/mk.err")"
  exit 1
fi
SHARDS=("$TMP/shards/a/crawl.warc.gz" "$TMP/shards/b/crawl.warc.gz" "$TMP/shards/c-00002.warc.gz"
  "$TMP/shards/d-00003.warc.gz")

# One machine, one run: the four shards concatenated (a valid WARC file).
cat "${SHARDS[@]}" >"$TMP/all.warc.gz"
"$BIN" --rules "$RULES" clean --warc "$TMP/all.warc.gz" >"$TMP/single.jsonl" 2>"$TMP/single.err"
if [ $? -eq 0 ] && [ "$(wc -l <"$TMP/single.jsonl")" -ge 8 ]; then
  ok "one machine: clean --warc of the four shards concatenated ($(wc -l <"$TMP/single.jsonl") lines)"
else
  not_ok "one machine: clean --warc of the four shards concatenated" "$(cat "$TMP/single.err")"
fi

echo "# first run: two shards by path, two by a glob"
driver "${SHARDS[0]}" "${SHARDS[1]}" "$TMP/shards/[cd]-*.warc.gz"
expect_rc "first run" 0
expect_summary "first run" "4 shards: 4 done, 0 skipped, 0 failed"
mapfile -t PARTS <"$TMP/stdout"
if [ "${#PARTS[@]}" -eq 4 ] && [ "${PARTS[0]}" != "${PARTS[1]}" ] &&
  [[ ${PARTS[0]} == "$TMP/out/crawl-"????????.jsonl ]] && [[ ${PARTS[1]} == "$TMP/out/crawl-"????????.jsonl ]] &&
  [[ ${PARTS[2]} == "$TMP/out/c-00002-"????????.jsonl ]] && [[ ${PARTS[3]} == "$TMP/out/d-00003-"????????.jsonl ]]; then
  ok "stdout: the four parts in shard order; a/crawl and b/crawl get two names (NAME-HASH8.jsonl)"
else
  not_ok "stdout: the four parts in shard order, two distinct crawl-HASH8.jsonl" "$(cat "$TMP/stdout")"
fi
cat "${PARTS[@]}" >"$TMP/parts.jsonl" 2>/dev/null
if [ -s "$TMP/parts.jsonl" ] && cmp -s "$TMP/single.jsonl" "$TMP/parts.jsonl"; then
  ok "the parts concatenated in shard order are the one-machine run, byte for byte"
else
  not_ok "the parts concatenated in shard order are the one-machine run, byte for byte" \
    "$(diff "$TMP/single.jsonl" "$TMP/parts.jsonl" | head -c 1500)"
fi
if [ "$(find "$TMP/out" -name '.*' -type f | wc -l)" -eq 0 ] && [ "$(find "$TMP/out" -name '*.partial' | wc -l)" -eq 0 ]; then
  ok "no temporary or partial file left"
else
  not_ok "no temporary or partial file left" "$(ls -A "$TMP/out")"
fi
if grep -q "^winnow-dask: ${SHARDS[2]}: done, [0-9]* lines: c-00002-" "$TMP/stderr"; then
  ok "stderr: a line per shard done, naming it and its part"
else
  not_ok "stderr: a line per shard done" "$(cat "$TMP/stderr")"
fi
stamps >"$TMP/stamps1"

echo "# the same contract with lines in (Spark's RDD.pipe, Hadoop Streaming): WARC paths on stdin"
printf '#!/bin/sh\nexec "%s" --rules "%s" "$@"\n' "$BIN" "$RULES" >"$TMP/winnow"
chmod +x "$TMP/winnow"
printf '%s\n' "${SHARDS[@]}" | WINNOW=$TMP/winnow sh "$SRC/scripts/winnow-warc-paths.sh" >"$TMP/paths.jsonl" 2>"$TMP/paths.err"
RC=$?
if [ "$RC" -eq 0 ] && cmp -s "$TMP/single.jsonl" "$TMP/paths.jsonl"; then
  ok "scripts/winnow-warc-paths.sh: the four paths on stdin give the one-machine run, byte for byte"
else
  not_ok "scripts/winnow-warc-paths.sh: the four paths on stdin give the one-machine run" "exit $RC" "$(cat "$TMP/paths.err")"
fi
printf '%s\n' "${SHARDS[@]}" | xargs -d '\n' -n1 "$TMP/winnow" clean --warc >"$TMP/xargs.jsonl" 2>/dev/null
RC=$?
if [ "$RC" -eq 0 ] && cmp -s "$TMP/single.jsonl" "$TMP/xargs.jsonl"; then
  ok "xargs -d '\\n' -n1 winnow clean --warc: the same"
else
  not_ok "xargs -d '\\n' -n1 winnow clean --warc: the same" "exit $RC"
fi
printf '%s\n' "${SHARDS[0]}" "$TMP/shards/page.warc" "${SHARDS[1]}" |
  WINNOW=$TMP/winnow sh "$SRC/scripts/winnow-warc-paths.sh" >"$TMP/paths.jsonl" 2>"$TMP/paths.err"
RC=$?
if [ "$RC" -eq 3 ] && cmp -s "${PARTS[0]}" "$TMP/paths.jsonl" &&
  [ "$(tail -n 1 "$TMP/paths.err")" = "winnow-warc-paths: $TMP/shards/page.warc: winnow exited 3" ]; then
  ok "scripts/winnow-warc-paths.sh: stops at a file that is no WARC, exit 3, naming it, after the lines before"
else
  not_ok "scripts/winnow-warc-paths.sh: stops at a file that is no WARC, exit 3" "exit $RC" "$(cat "$TMP/paths.err")"
fi

echo "# rerun: nothing to do"
driver "${SHARDS[@]}"
expect_rc "rerun" 0
expect_summary "rerun" "4 shards: 0 done, 4 skipped, 0 failed"
stamps >"$TMP/stamps2"
if cmp -s "$TMP/stamps1" "$TMP/stamps2"; then ok "rerun: no part rewritten (inodes and mtimes alike)"; else
  not_ok "rerun: no part rewritten" "$(diff "$TMP/stamps1" "$TMP/stamps2")"
fi
if cmp -s <(printf '%s\n' "${PARTS[@]}") "$TMP/stdout"; then ok "rerun: stdout lists the same four parts"; else
  not_ok "rerun: stdout lists the same four parts" "$(cat "$TMP/stdout")"
fi

echo "# one part deleted: only it is redone"
rm -f "${PARTS[2]}"
driver "${SHARDS[@]}"
expect_rc "a part deleted" 0
expect_summary "a part deleted" "4 shards: 1 done, 3 skipped, 0 failed"
stamps >"$TMP/stamps3"
if diff <(grep -v "^$(basename "${PARTS[2]}") " "$TMP/stamps1") <(grep -v "^$(basename "${PARTS[2]}") " "$TMP/stamps3") >/dev/null &&
  grep -q "^$(basename "${PARTS[2]}") " "$TMP/stamps3" && ! cmp -s "$TMP/stamps1" "$TMP/stamps3"; then
  ok "a part deleted: it alone is written again, the other three untouched"
else
  not_ok "a part deleted: it alone is written again" "$(diff "$TMP/stamps1" "$TMP/stamps3")"
fi
cat "${PARTS[@]}" >"$TMP/parts.jsonl" 2>/dev/null
if cmp -s "$TMP/single.jsonl" "$TMP/parts.jsonl"; then ok "a part deleted: the parts still equal the one-machine run"; else
  not_ok "a part deleted: the parts still equal the one-machine run"
fi

echo "# broken shards"
driver "${SHARDS[@]}" "$TMP/shards/page.warc" "$TMP/shards/cut.warc"
expect_rc "a file that is no WARC and a cut one" 5
expect_summary "a file that is no WARC and a cut one" "6 shards: 0 done, 4 skipped, 2 failed"
if grep -q "^winnow-dask: $TMP/shards/page.warc: failed (exit 3): winnow: $TMP/shards/page.warc: " "$TMP/stderr" &&
  [ "$(grep -c "page.warc" "$TMP/stderr")" -eq 1 ]; then
  ok "no WARC: one line naming the shard, winnow's exit 3 and its reason"
else
  not_ok "no WARC: one line naming the shard, exit 3" "$(cat "$TMP/stderr")"
fi
if grep -q "^winnow-dask: $TMP/shards/cut.warc: failed (exit 5, [1-9][0-9]* lines kept in cut-[0-9a-f]*.jsonl.partial): winnow: $TMP/shards/cut.warc: .*byte [0-9]*" "$TMP/stderr"; then
  ok "a cut shard: one line naming it, exit 5, the lines kept as PART.partial, winnow's error with the byte offset"
else
  not_ok "a cut shard: one line naming it, exit 5, the .partial" "$(cat "$TMP/stderr")"
fi
if [ -z "$(find "$TMP/out" -name 'page-*')" ] && [ -z "$(find "$TMP/out" -name 'cut-*.jsonl')" ] &&
  [ "$(find "$TMP/out" -name 'cut-*.jsonl.partial' | wc -l)" -eq 1 ] &&
  [ "$(find "$TMP/out" -name '.*' -type f | wc -l)" -eq 0 ]; then
  ok "broken shards: no part for either, no temporary file; the cut one's .partial only"
else
  not_ok "broken shards: no part for either" "$(ls -A "$TMP/out")"
fi
PARTIAL=$(find "$TMP/out" -name 'cut-*.jsonl.partial')
if [ -n "$PARTIAL" ] && [ "$(wc -l <"$PARTIAL")" -ge 1 ] && cmp -s "$PARTIAL" <(head -n "$(wc -l <"$PARTIAL")" "${PARTS[0]}"); then
  ok "the cut shard's .partial holds the lines before the cut (those of the whole shard's first lines)"
else
  not_ok "the cut shard's .partial holds the lines before the cut"
fi
stamps >"$TMP/stamps4"
cat "${PARTS[@]}" >"$TMP/parts.jsonl" 2>/dev/null
if cmp -s "$TMP/stamps3" "$TMP/stamps4" && cmp -s "$TMP/single.jsonl" "$TMP/parts.jsonl" &&
  cmp -s <(printf '%s\n' "${PARTS[@]}") "$TMP/stdout"; then
  ok "broken shards: the four good parts complete and untouched; stdout lists only them"
else
  not_ok "broken shards: the four good parts complete and untouched" "$(diff "$TMP/stamps3" "$TMP/stamps4")" "$(cat "$TMP/stdout")"
fi

echo "# other clean options into the same --out"
driver "${SHARDS[@]}" -- --generic
expect_rc "other clean options, same --out" 2
if [ "$(wc -l <"$TMP/stderr")" -eq 1 ] && grep -q "^winnow-dask: $TMP/out: its parts were made with" "$TMP/stderr"; then
  ok "other clean options, same --out: refused in one line"
else
  not_ok "other clean options, same --out: refused in one line" "$(cat "$TMP/stderr")"
fi
driver "$TMP/shards/nothing-*.warc.gz"
expect_rc "a glob that matches nothing" 2

echo "$((checks - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
