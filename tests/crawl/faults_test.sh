#!/usr/bin/env bash
# A crawl job's promise under faults: every article the sites offered ends
# up on disk once, with one manifest line whose hash is its file's. Each
# fault below is made, the run's answer checked (exit code, the one line
# that says why, nothing lost or counted against the articles), then the
# fault is cleared and the job run again: the promise must hold.
#   1. the output: a full or read-only disk (injected, and a real small
#      filesystem when this machine lets the test mount one)
#   3. a damaged state database, and --rebuild-state
#   4. a state truncated or deleted beside its manifest
#   6. temp entries of every kind and a symlinked subdirectory
#   2. robots.txt answering 503 or nothing; a Disallow lifted
#  11. a robots.txt of 50 MiB
#  12. a PDF, a JPEG and a ZIP at article URLs
#   5. two article URLs with the same last segment
#   7. a listing whose links and next page lead to other hosts
#  10. the output directory deleted during a run, or between runs
#   tests/crawl/faults_test.sh WINNOW_BINARY SOURCE_DIR
source "$(dirname "$0")/lib.sh"
FH=$(dirname "$0")/fault_helper.py
sql() { timeout 60 python3 "$FH" sql --state "$1" --query "$2"; }
fh_checks() { local PY=$FH; py_checks "$@"; }  # py_checks on fault_helper.py

MNT=""
trap '[ -n "$MNT" ] && umount "$MNT" 2>/dev/null; cleanup' EXIT

start_mirror faults
py_checks expected --fixtures "$FIXTURES" --port "$PORT" --out "$T/plain.json" --variants 0 --label "(fixtures)"

# promise DIR LABEL [OUT] [MANIFEST] [STATE]: the job in DIR (out/articles,
# out/manifest.jsonl, out/state.sqlite unless given) holds every fixture
# once, each with exactly one manifest line whose hash matches its file.
promise() {
  local d=$1 label=$2
  py_checks final --expected "$T/plain.json" --root "$d" --out "${3:-$d/out/articles}" \
    --manifest "${4:-$d/out/manifest.jsonl}" --state "${5:-$d/out/state.sqlite}" --label "$label" --status new
}
# nothing_counted LABEL STATE: every article discovered is still queued
# (none marked failed, skipped or done), none had an attempt counted.
nothing_counted() {
  local bad n
  bad=$(sql "$2" "SELECT url, status, attempts FROM pages WHERE kind = 'article' AND (status != 'queued' OR attempts > 0)")
  n=$(sql "$2" "SELECT COUNT(*) FROM pages WHERE kind = 'article'")
  if [ -z "$bad" ] && [ "${n:-0}" -gt 0 ]; then
    ok "$1: the $n articles discovered are still queued, no attempt counted"
  else
    not_ok "$1: the articles discovered are still queued, no attempt counted" "$n rows" "$bad"
  fi
}
expect_err() {  # expect_err LABEL TEXT: stderr has TEXT
  if grep -qF -- "$2" "$ERR"; then ok "$1: says \"$2\""; else not_ok "$1: says \"$2\"" "$(head -c 1500 "$ERR")"; fi
}
one_line() {  # one_line LABEL TEXT: exactly one stderr line has TEXT
  local n
  n=$(grep -cF -- "$2" "$ERR")
  if [ "$n" -eq 1 ]; then ok "$1: one line says \"$2\""; else not_ok "$1: one line says \"$2\"" "$n lines" "$(head -c 1500 "$ERR")"; fi
}

# ---------------------------------------------------------------------------
echo "# 1. the output cannot be written: fatal, nothing lost, nothing counted"
F=$T/full
write_job "$F/job.toml" /rss_feed/ /tin-moi/ 0 2 500
for fault in ENOSPC EROFS EIO EDQUOT EACCES; do
  rm -rf "$F/out"
  export WINNOW_WRITE_FAULT=$fault
  run_crawl 60 "$F/job.toml"
  unset WINNOW_WRITE_FAULT
  expect_rc "$fault on every write" 6
  one_line "$fault on every write" "($fault); the run stops, its articles stay queued for the next run"
  expect_err "$fault on every write: the line names the output directory" "$F/out/articles/"
  nothing_counted "$fault on every write" "$F/out/state.sqlite"
done
# Three writes succeed, then the disk fills: what was committed stays, the
# rest waits; a second faulty run changes nothing; the healthy run finishes.
export WINNOW_WRITE_FAULT=ENOSPC:after=3
run_crawl 60 "$F/job.toml"
expect_rc "ENOSPC after 3 writes" 6
run_crawl 60 "$F/job.toml"
expect_rc "ENOSPC after 3 writes, run again" 6
unset WINNOW_WRITE_FAULT
bad=$(sql "$F/out/state.sqlite" "SELECT url FROM pages WHERE kind = 'article' AND (attempts > 0 OR status NOT IN ('queued', 'done'))")
check "ENOSPC after 3 writes: no article failed or counted an attempt" test -z "$bad"
run_crawl 60 "$F/job.toml"
expect_rc "the disk has room again" 0
promise "$F" "the disk has room again"

# The same with a real filesystem: a 48 KiB tmpfs for the articles (the
# state and the manifest elsewhere), full, then read-only.
MNT=$T/mnt
mkdir -p "$MNT"
if mount -t tmpfs -o size=48k,mode=0755 winnow-faults "$MNT" 2>/dev/null; then
  R=$T/realfs
  write_job "$R/job.toml" /rss_feed/ /tin-moi/ 0 2 500 "$MNT/articles"
  run_crawl 60 "$R/job.toml"
  expect_rc "a real 48 KiB filesystem fills up" 6
  expect_err "a real 48 KiB filesystem fills up" "No space left on device (ENOSPC)"
  bad=$(sql "$R/out/state.sqlite" "SELECT url FROM pages WHERE kind = 'article' AND (attempts > 0 OR status NOT IN ('queued', 'done'))")
  check "a real full filesystem: no article failed or counted an attempt" test -z "$bad"
  mount -o remount,size=8m "$MNT"
  run_crawl 60 "$R/job.toml"
  expect_rc "the real filesystem grown" 0
  promise "$R" "the real filesystem grown" "$MNT/articles"
  # Read-only: a fresh job on it (the directory exists, nothing can go in).
  rm -rf "$MNT/articles" "$R/out" && mkdir -p "$MNT/articles"
  mount -o remount,ro "$MNT"
  run_crawl 60 "$R/job.toml"
  expect_rc "a real read-only filesystem" 6
  one_line "a real read-only filesystem" "Read-only file system (EROFS); the run stops"
  nothing_counted "a real read-only filesystem" "$R/out/state.sqlite"
  mount -o remount,rw "$MNT"
  run_crawl 60 "$R/job.toml"
  expect_rc "the real filesystem writable again" 0
  promise "$R" "the real filesystem writable again" "$MNT/articles"
  umount "$MNT"
else
  echo "# (this machine does not let the test mount a tmpfs: the injected faults above stand for it)"
fi
MNT=""

# ---------------------------------------------------------------------------
echo "# 3. a damaged state database"
D=$T/damaged
write_job "$D/job.toml" /rss_feed/ /tin-moi/ 0 2 500
run_crawl 60 "$D/job.toml"
expect_rc "first crawl" 0
cp "$D/out/manifest.jsonl" "$T/manifest.d"
tree_sums "$D/out/articles" >"$T/sums.d"
damaged_run() {  # damaged_run LABEL: the state is damaged now
  reset_log
  run_crawl 60 "$D/job.toml"
  expect_rc "$1" 6
  expect_err "$1" "the state database is damaged"
  expect_err "$1: the way to recover" "winnow crawl $D/job.toml --rebuild-state"
  fh_checks quiet-log --port "$PORT" --label "$1: nothing fetched"
  reset_log
  run_crawl 60 "$D/job.toml" --rebuild-state
  expect_rc "$1, --rebuild-state" 0
  expect_err "$1, --rebuild-state: the old file kept" "set aside as $D/out/state.sqlite.replaced-"
  expect_err "$1, --rebuild-state: the summary" "crawl job: 0 new, 0 updated"
  py_checks log --port "$PORT" --expected "$T/plain.json" --label "$1, --rebuild-state: no article fetched" --articles 0
  check "$1, --rebuild-state: the manifest unchanged" cmp -s "$T/manifest.d" "$D/out/manifest.jsonl"
  tree_sums "$D/out/articles" >"$T/sums.d2"
  check "$1, --rebuild-state: the article files unchanged" cmp -s "$T/sums.d" "$T/sums.d2"
  promise "$D" "$1, rebuilt"
}
python3 "$FH" damage --state "$D/out/state.sqlite"
damaged_run "pages overwritten, header intact"
echo "this is not a database, only text where one should be" >"$D/out/state.sqlite"
damaged_run "a text file where the state should be"

# ---------------------------------------------------------------------------
echo "# 4. a state truncated or deleted beside its manifest: rebuilt, nothing fetched twice"
for how in truncated deleted; do
  if [ $how = truncated ]; then : >"$D/out/state.sqlite"; else rm -f "$D/out/state.sqlite"*; fi
  reset_log
  run_crawl 60 "$D/job.toml"
  expect_rc "state $how" 0
  expect_err "state $how" "holds no articles but $D/out/manifest.jsonl does"
  expect_err "state $how: the summary" "crawl job: 0 new, 0 updated"
  py_checks log --port "$PORT" --expected "$T/plain.json" --label "state $how: no article fetched" --articles 0
  check "state $how: the manifest unchanged (no second line for any article)" cmp -s "$T/manifest.d" "$D/out/manifest.jsonl"
  promise "$D" "state $how, rebuilt"
done

# ---------------------------------------------------------------------------
echo "# 6. temp entries of every kind, a symlinked subdirectory"
echo "keep me" >"$T/victim.txt"
python3 "$FH" plant --out "$D/out/articles" --host thoidai.com.vn --victim "$T/victim.txt"
run_crawl 60 "$D/job.toml"
expect_rc "planted temp entries" 0
left=$(find "$D/out" -name '.winnow-tmp-*' | head -n 5)
check "planted temp entries: all swept (symlinks, a FIFO, a directory, a file)" test -z "$left"
check "planted temp entries: the file a symlink pointed to is untouched" test "$(cat "$T/victim.txt")" = "keep me"
promise "$D" "after the sweep"
S=$T/symlinked
write_job "$S/job.toml" /rss_feed/ /tin-moi/ 0 2 500
mkdir -p "$S/out/articles" "$T/elsewhere"
ln -s "$T/elsewhere" "$S/out/articles/thoidai.com.vn"
run_crawl 60 "$S/job.toml"
expect_rc "a site's directory is a symlink" 6
expect_err "a site's directory is a symlink" "thoidai.com.vn: a symbolic link or not a directory, refused"
check "a site's directory is a symlink: nothing written through it" test -z "$(ls -A "$T/elsewhere")"
rm "$S/out/articles/thoidai.com.vn"
run_crawl 60 "$S/job.toml"
expect_rc "the symlink removed" 0
promise "$S" "the symlink removed"

# ---------------------------------------------------------------------------
echo "# 10. the output directory deleted between runs, then during one"
cp "$D/out/manifest.jsonl" "$T/manifest.10"
rm -rf "$D/out/articles"
reset_log
run_crawl 60 "$D/job.toml"
expect_rc "articles deleted between runs" 0
expect_err "articles deleted between runs" "$N_FIXTURES article file(s) missing"
check "articles deleted between runs: written back under their manifest lines (none added)" \
  cmp -s "$T/manifest.10" "$D/out/manifest.jsonl"
promise "$D" "articles deleted between runs"

# ---------------------------------------------------------------------------
echo "# 2. robots.txt unreachable: deferred, not skipped; a Disallow lifted brings the articles back"
mirror_set() { python3 -c 'import sys,urllib.request; urllib.request.urlopen("http://127.0.0.1:%s/__set?%s" % (sys.argv[1], sys.argv[2]), timeout=10).read()' "$PORT" "$1"; }
# discover_only DIR: a job whose first run only reads the feeds (max_pages
# 0): every article queued, none fetched.
discover_only() {
  write_job "$1/job.toml" /rss_feed/ "" 0 2 0
  sed -i -e 's|^timeout_s = .*|timeout_s = 2|' "$1/job.toml"
  run_crawl 60 "$1/job.toml"
  expect_rc "$(basename "$1"): discovery only" 0
  sed -i -e 's|^max_pages = .*|max_pages = 500|' "$1/job.toml"
}
for mode in 503 no-answer; do
  B=$T/robots-$mode
  discover_only "$B"
  mirror_set robots=$mode
  run_crawl 90 "$B/job.toml"
  mirror_set robots=ok
  expect_rc "robots.txt $mode" 5
  expect_err "robots.txt $mode" "unreachable"
  expect_err "robots.txt $mode" "deferred to the next run"
  nothing_counted "robots.txt $mode" "$B/out/state.sqlite"
  expect_err "robots.txt $mode: the summary" " $N_FIXTURES deferred;"
  check "robots.txt $mode: no article file" test -z "$(find "$B/out/articles" -type f 2>/dev/null)"
  run_crawl 60 "$B/job.toml"
  expect_rc "robots.txt readable again" 0
  promise "$B" "robots.txt $mode, then readable again"
done
B=$T/robots-disallow
discover_only "$B"
mirror_set robots=disallow-all
run_crawl 60 "$B/job.toml"
mirror_set robots=ok
expect_rc "robots.txt disallows everything (the feeds too: discovery errors)" 5
bad=$(sql "$B/out/state.sqlite" "SELECT url, status, attempts FROM pages WHERE kind = 'article' AND (status != 'disallowed' OR attempts > 0)")
check "robots.txt disallows everything: every article disallowed, no attempt counted" test -z "$bad"
run_crawl 60 "$B/job.toml"
expect_rc "robots.txt allows them again" 0
promise "$B" "robots.txt allows them again"

echo "# 11. robots.txt of 50 MiB: its first 500 KiB obeyed, the rest ignored"
B=$T/robots-huge
write_job "$B/job.toml" /rss_feed/ /tin-moi/ 0 2 500
reset_log  # (before the switch: a reset restores robots=ok)
mirror_set robots=huge
run_crawl 90 "$B/job.toml"
mirror_set robots=ok
expect_rc "a 50 MiB robots.txt" 0
promise "$B" "a 50 MiB robots.txt"
py_checks log --port "$PORT" --expected "$T/plain.json" --label "a 50 MiB robots.txt" --articles "$N_FIXTURES"

# ---------------------------------------------------------------------------
echo "# 12. a PDF, a JPEG and a ZIP at article URLs: skipped as not HTML, not written, not retried"
N=$T/binary
write_job "$N/job.toml" /rss_feed/binary "" 0 2 500
run_crawl 60 "$N/job.toml"
expect_rc "non-HTML articles" 0
n_sites=${#SITES[@]}
expect_err "non-HTML articles: the summary" "skipped ($((3 * n_sites)) not HTML)"
for site in "${SITES[@]}"; do
  for what in binary-pdf-990101 binary-jpeg-990102 binary-zip-990103; do
    if grep -F "http://$site/$what.html: " "$ERR" | grep -q "not an HTML page"; then ok "$site/$what: its line says not an HTML page"
    else not_ok "$site/$what: its line says not an HTML page" "$(grep -F "$what" "$ERR" | head -n 2)"; fi
  done
done
check "non-HTML articles: no file written" test -z "$(find "$N/out/articles" -type f 2>/dev/null)"
check "non-HTML articles: no manifest line" test ! -s "$N/out/manifest.jsonl"
bad=$(sql "$N/out/state.sqlite" "SELECT url, status FROM pages WHERE kind = 'article' AND (status != 'skipped' OR error NOT LIKE '%not an HTML page%')")
check "non-HTML articles: each row skipped with its reason" test -z "$bad"
reset_log
run_crawl 60 "$N/job.toml"
expect_rc "non-HTML articles, run again" 0
py_checks log --port "$PORT" --expected "$T/plain.json" --label "non-HTML articles, run again: not retried" --articles 0

# ---------------------------------------------------------------------------
echo "# 5. two article URLs with the same last segment: two files, never one over the other"
mkdir -p "$T/rules" && cp "$RULES"/*.toml "$T/rules/"
# The test's rules let an article URL have one directory level.
sed -i -e 's|/\[a-z0-9-\]+-\\d+\\.html\$|/([a-z0-9-]+/)?[a-z0-9-]+-\\d+\\.html$|' "$T"/rules/*.toml
check "collisions: the test's rules allow /sec1/...html" grep -q '(\[a-z0-9-\]+/)?' "$T/rules/thoidai.com.vn.toml"
C=$T/collide
write_job "$C/job.toml" /rss_feed/collide "" 0 2 500
RULES_SAVED=$RULES
RULES=$T/rules
run_crawl 60 "$C/job.toml"
expect_rc "colliding URLs" 0
fh_checks collisions --out "$C/out/articles" --manifest "$C/out/manifest.jsonl" --fixtures "$FIXTURES" \
  --label "colliding URLs"
cp "$C/out/manifest.jsonl" "$T/manifest.c"
tree_sums "$C/out/articles" >"$T/sums.c"
run_crawl 60 "$C/job.toml"
expect_rc "colliding URLs, run again" 0
check "colliding URLs, run again: the manifest unchanged" cmp -s "$T/manifest.c" "$C/out/manifest.jsonl"
tree_sums "$C/out/articles" >"$T/sums.c2"
check "colliding URLs, run again: the files unchanged" cmp -s "$T/sums.c" "$T/sums.c2"
RULES=$RULES_SAVED

# ---------------------------------------------------------------------------
echo "# 7. a listing whose links and next page lead to other hosts"
O=$T/offsite
write_job "$O/job.toml" /rss_feed/collide /tin-moi-ngoai/ 0 2 500
sed -i -e 's|^feeds = .*|feeds = []|' "$O/job.toml"
CT_SAVED=("${CT[@]}")
# Were winnow to follow them, the mirror would see these hosts.
CT+=(--connect-to "other.example:80:127.0.0.1:$PORT" --connect-to "evil.example:443:127.0.0.1:$PORT")
reset_log
run_crawl 60 "$O/job.toml"
CT=("${CT_SAVED[@]}")
expect_rc "off-site listing" 0
fh_checks hosts-requested --port "$PORT" --label "off-site listing" --only "${SITES[@]}"
bad=$(sql "$O/out/state.sqlite" "SELECT url FROM pages WHERE url LIKE '%other.example%' OR url LIKE '%evil.example%'")
check "off-site listing: no state row for another host" test -z "$bad"
expect_err "off-site listing: the pager's next page" "its next page is on another site, not followed: http://other.example/tin-moi/"
n=$(find "$O/out/articles" -type f | wc -l)
check "off-site listing: its own articles written (3 a site: $n files)" test "$n" -eq $((3 * n_sites))

stop_mirror
VARIANTS=300
start_mirror variants --variants $VARIANTS
py_checks expected --fixtures "$FIXTURES" --port "$PORT" --out "$T/variants.json" --variants $VARIANTS \
  --label "(variants)"
V=$T/deleted
write_job "$V/job.toml" /rss_feed/all "" 0 2 100000
# The state beside the job, the articles and the manifest under out/, and
# out/ removed while the crawl writes.
sed -i -e 's|^state = .*|state = "state/state.sqlite"|' "$V/job.toml"
(cd "$T/cwd" && exec "$BIN" --rules "$RULES" crawl "$V/job.toml" --delay-ms 10 "${CT[@]}") >"$V.out" 2>"$V.err" &
pid=$!
BG_PIDS+=("$pid")
timeout 30 bash -c 'until [ "$(find "$0" -name "*.txt" 2>/dev/null | wc -l)" -ge 30 ]; do sleep 0.02; done' "$V/out/articles"
# (rm races the crawler's writes: again until out/ is gone)
for i in $(seq 50); do rm -rf "$V/out" 2>/dev/null && break; done
wait_bounded "$pid" 60
rc=$?
if [ $rc -eq 6 ] && grep -q "removed or replaced during the run\|deleted during the run" "$V.err"; then
  ok "out/ deleted during the run: exit 6, the line says so"
else
  not_ok "out/ deleted during the run: exit 6, the line says so" "exit $rc" "$(tail -n 5 "$V.err")"
fi
run_crawl 120 "$V/job.toml"
expect_rc "the run after the deletion" 0
py_checks final --expected "$T/variants.json" --root "$V" --out "$V/out/articles" --manifest "$V/out/manifest.jsonl" \
  --state "$V/state/state.sqlite" --label "out/ deleted during the run, then run again" --status new

mirror_check "at the end"
stop_mirror
echo "# $checks checks, $failed failed ($((SECONDS - START)) s)"
[ $failed -eq 0 ]
