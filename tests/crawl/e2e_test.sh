#!/usr/bin/env bash
# Crawl jobs end to end against the local mirror (tests/mirror/mirror.py):
#   tests/crawl/e2e_test.sh WINNOW_BINARY SOURCE_DIR
#  1. the mirror; 2. a demo-like job collects every fixture, each file
#  byte-identical to its NAME.clean.txt, one manifest line each, robots.txt
#  obeyed, state OK; 3. a re-run: nothing new, only 304s; 4. changes and
#  simulated kills in each crash window.
source "$(dirname "$0")/lib.sh"

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
echo "# $checks checks, $failed failed ($((SECONDS - START)) s)"
[ $failed -eq 0 ]
