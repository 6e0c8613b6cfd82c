#!/usr/bin/env bash
# A crawl job with `warc = DIR` against the local mirror (crawl/archive.h):
#   tests/crawl/warc_test.sh WINNOW_BINARY SOURCE_DIR
#  1. the job file's warc keys refused out of range or on a file;
#  2. the crawl SIGKILLed twice mid-crawl and resumed: after each kill, every
#     article the manifest names already has its response record in the
#     archive, and every file but the newest is whole; a record cut in half
#     (as a kill leaves one) is cut off by the next run, which says so;
#  3. at the end: every file well formed (each gzip member one whole record,
#     digests right, warcinfo first, rotated at warc_max_bytes), `clean
#     --warc` gives every article the crawl wrote byte for byte, and
#     Webrecorder's warcio.js (npm, installed under the build tree) reads
#     every record, its digests and the counts as python does.
BUILD_DIR=$(dirname "$(readlink -f "$1")")
source "$(dirname "$0")/lib.sh"
CHECK=$(readlink -f "$(dirname "$0")/warc_check.py")
WARCIO_JS=$(readlink -f "$(dirname "$0")/warcio_check.mjs")
WARCIO_VERSION=2.4.11

echo "# 1. the job's warc keys"
start_mirror warc --variants 240
W=$T/warc
J=$W/job.toml
MAX=262144
write_job "$J" /rss_feed/all "" 0 4 100000
# JSON articles: the whole object compares with clean --warc's line.
sed -i -e 's/^format = "text"$/format = "json"/' "$J"
sed -i -e "/^format = /a warc = \"out/warc\"\nwarc_max_bytes = $MAX" "$J"
for bad in 'warc_max_bytes = 1000|warc_max_bytes must be between 65536 and' 'warc = "job.toml"|is not a directory' \
  'warc = "out/articles"|is the output directory' 'warc = ""|name a directory'; do
  key=${bad%%|*}
  want=${bad#*|}
  sed -e "/^warc/d" -e "/^format = /a $key" "$J" >"$W/bad.toml"
  run_crawl 30 "$W/bad.toml"
  if [ "$RC" -eq 3 ] && grep -q "$want" "$ERR"; then
    ok "$key: refused, exit 3 ($want)"
  else
    not_ok "$key: refused, exit 3 ($want)" "exit $RC" "$(head -c 500 "$ERR")"
  fi
done
rm -rf "$W/out"

tally() {  # tally CMD...: runs a checker, counts its ok / not ok lines
  local line got=0
  while IFS= read -r line; do
    case $line in
      "ok - "*) checks=$((checks + 1)); got=1; echo "$line" ;;
      "not ok - "*) checks=$((checks + 1)); failed=$((failed + 1)); got=1; echo "$line" ;;
      *) echo "$line" ;;
    esac
  done < <(timeout 120 "$@" 2>&1)
  if [ $got -eq 0 ]; then not_ok "$* reported nothing"; fi
}

# ---------------------------------------------------------------------------
echo "# 2. SIGKILL mid-crawl, twice, and resume"
manifest_lines() { if [ -f "$W/out/manifest.jsonl" ]; then wc -l <"$W/out/manifest.jsonl"; else echo 0; fi; }
# kill_at LINES LABEL: a run SIGKILLed as soon as the manifest has LINES lines.
kill_at() {
  (cd "$T/cwd" && exec "$BIN" --rules "$RULES" crawl -q "$J" "${CT[@]}") >>"$W/runs.log" 2>&1 &
  local pid=$! i
  BG_PIDS+=("$pid")
  for i in $(seq 1200); do
    [ "$(manifest_lines)" -ge "$1" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.02
  done
  {
    kill -9 "$pid"
    wait_bounded "$pid" 10
  } 2>/dev/null
  local rc=$?
  if [ $rc -eq 137 ]; then
    ok "$2: SIGKILL mid-crawl, with $(manifest_lines) manifest lines"
  else
    not_ok "$2: SIGKILL mid-crawl" "the run ended first (exit $rc)" "$(tail -n 5 "$W/runs.log")"
  fi
  tally python3 "$CHECK" files "$W/out/warc" --summary "$W/summary.json" --cut-tail-ok --label "$2"
  tally python3 "$CHECK" covered --summary "$W/summary.json" --manifest "$W/out/manifest.jsonl" --label "$2"
}
kill_at 40 "kill 1"
kill_at 150 "kill 2"

# A kill inside a record, made sure of: half a gzip member of a response
# record at the end of the newest file, as a kill in the middle of write()
# leaves one. The next run must cut it off and say so.
# The files in the order they were begun: their names sort so (UTC time, serial).
warc_files() { (cd "$W/out/warc" && ls winnow-job-*.warc.gz | sort | sed "s|^|$W/out/warc/|"); }
newest=$(warc_files | tail -n 1)
python3 - "$newest" <<'EOF'
import gzip, sys
rec = (b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\n" + bytes(range(256)) * 20)[:4000]
member = gzip.compress(rec)
open(sys.argv[1], "ab").write(member[: len(member) // 2])
EOF
size_cut=$(stat -c %s "$newest")

# ---------------------------------------------------------------------------
echo "# 3. the run to the end, and the archive read back"
run_crawl 60 "$J"
expect_rc "the run after the kills" 0
if grep -q "$(basename "$newest"): cut [0-9]* bytes after its last whole record" "$ERR" &&
  [ "$(stat -c %s "$newest")" -lt "$size_cut" ]; then
  ok "the record cut in half was cut off, and the run said so"
else
  not_ok "the record cut in half was cut off, and the run said so" "$(grep -i warc "$ERR" | head -n 3)"
fi
tally python3 "$CHECK" files "$W/out/warc" --summary "$W/summary.json" --label "at the end"
tally python3 "$CHECK" covered --summary "$W/summary.json" --manifest "$W/out/manifest.jsonl" --label "at the end"
mapfile -t FILES < <(warc_files)
n_files=${#FILES[@]}
small=0
for f in "${FILES[@]:0:$((n_files - 1))}"; do [ "$(stat -c %s "$f")" -ge $MAX ] || small=$((small + 1)); done
# Rotation: several files, each but a run's last at warc_max_bytes or more
# (each run starts a file of its own: 3 runs, so up to 3 end short).
if [ "$n_files" -ge 4 ] && [ $small -le 2 ]; then
  ok "rotation: $n_files files, all but the runs' last ones past warc_max_bytes ($MAX)"
else
  not_ok "rotation: several files past warc_max_bytes ($MAX)" "$n_files files, $small short" "$(ls -l "$W/out/warc")"
fi

# clean --warc reads the archive back: the files one after another (gzip
# members concatenate) and each file alone.
cat "${FILES[@]}" | "$BIN" --rules "$RULES" clean --warc - -j 2 >"$W/lines.jsonl" 2>"$W/clean.err"
rc=$?
if [ $rc -eq 0 ]; then ok "clean --warc - of all the files: exit 0"; else not_ok "clean --warc of all the files: exit 0" "exit $rc" "$(tail -n 3 "$W/clean.err")"; fi
tally python3 "$CHECK" roundtrip --manifest "$W/out/manifest.jsonl" --out "$W/out/articles" --lines "$W/lines.jsonl"
bad=0
: >"$W/each.jsonl"
for f in "${FILES[@]}"; do "$BIN" --rules "$RULES" clean --warc "$f" >>"$W/each.jsonl" 2>/dev/null || bad=$((bad + 1)); done
if [ $bad -eq 0 ] && cmp -s "$W/lines.jsonl" "$W/each.jsonl"; then
  ok "clean --warc FILE of each file alone: exit 0, the same lines"
else
  not_ok "clean --warc FILE of each file alone: exit 0, the same lines" "$bad files failed"
fi

# warcio.js, an independent reader.
if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  ok "# SKIP warcio.js: npm or node is not installed (scripts/install-deps.sh installs them)"
else
  NPM_DIR=$BUILD_DIR/npm
  if ! grep -qs "\"version\": \"$WARCIO_VERSION\"" "$NPM_DIR/node_modules/warcio/package.json"; then
    timeout 300 npm install --prefix "$NPM_DIR" --no-audit --no-fund --loglevel=error "warcio@$WARCIO_VERSION" \
      >"$T/npm.log" 2>&1 || not_ok "npm install warcio@$WARCIO_VERSION" "$(tail -n 5 "$T/npm.log")"
  fi
  if [ -f "$NPM_DIR/node_modules/warcio/package.json" ]; then
    timeout 120 node "$WARCIO_JS" "$NPM_DIR/node_modules" "${FILES[@]}" >"$W/warcio.out" 2>&1
    tally cat "$W/warcio.out"
    tally python3 "$CHECK" counts --summary "$W/summary.json" --warcio "$(grep '^counts ' "$W/warcio.out")"
  fi
fi

mirror_check "at the end"
stop_mirror
echo "# $checks checks, $failed failed ($((SECONDS - START)) s)"
[ $failed -eq 0 ]
