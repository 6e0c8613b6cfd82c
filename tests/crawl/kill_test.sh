#!/usr/bin/env bash
# A crawl killed with SIGKILL at exactly KILLS random moments (default 50;
# WINNOW_KILLS sets it), restarted after each, then run to its end. The
# delays are drawn over the life of a whole crawl (measured first), so kills
# land in recovery, discovery, fetching and committing alike; a run that
# finishes before its kill ends the round, which is checked as finished, and
# the next round starts afresh. After every kill: PRAGMA integrity_check,
# no article twice in the manifest, the manifest and the state agree, every
# article file present is whole (byte-identical to its expected text). At
# the end: every article exactly once, byte-identical, no temp file left.
#   tests/crawl/kill_test.sh WINNOW_BINARY SOURCE_DIR
#   scripts/kill-restart.sh [KILLS] runs it from the build tree.
source "$(dirname "$0")/lib.sh"

KILLS=${WINNOW_KILLS:-50}
echo "# 5. SIGKILL at $KILLS random moments"
VARIANTS=300
start_mirror variants --variants $VARIANTS
py_checks expected --fixtures "$FIXTURES" --port "$PORT" --out "$T/variants.json" --variants $VARIANTS \
  --label "(variants)"

# final_round DIR LABEL: a finished crawl of the variants job in DIR.
final_round() {
  py_checks final --expected "$T/variants.json" --root "$1" --out "$1/out/articles" --manifest "$1/out/manifest.jsonl" \
    --state "$1/out/state.sqlite" --label "$2" --status "new|updated"
}

kills=0 held=0 rounds=0 early=0 runs=0
STATS=$T/kill-stats
: >"$STATS"
new_round() {
  rounds=$((rounds + 1))
  R=$T/kill/r$rounds
  write_job "$R/job.toml" /rss_feed/all "" 0 4 100000
}

# The life of one whole crawl, uninterrupted: the range the kill delays are
# drawn from (at least 500 ms).
new_round
t0=$(date +%s%N)
run_crawl 120 "$R/job.toml" -q
LIFE_MS=$((($(date +%s%N) - t0) / 1000000))
expect_rc "round $rounds: an uninterrupted crawl ($LIFE_MS ms)" 0
final_round "$R" "round $rounds (uninterrupted)"
[ $LIFE_MS -ge 500 ] || LIFE_MS=500
new_round

deadline=$((SECONDS + 60 + KILLS * 10))
while [ $kills -lt "$KILLS" ] && [ $SECONDS -lt $deadline ]; do
  runs=$((runs + 1))
  (cd "$T/cwd" && exec "$BIN" --rules "$RULES" crawl -q "$R/job.toml" "${CT[@]}") >>"$R/runs.log" 2>&1 &
  pid=$!
  BG_PIDS+=("$pid")
  ms=$((10 + (RANDOM * 32768 + RANDOM) % LIFE_MS))
  sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
  {
    kill -9 "$pid"
    wait_bounded "$pid" 10
  } 2>/dev/null  # no "Killed" notices
  rc=$?
  if [ $rc -eq 137 ]; then
    kills=$((kills + 1))
    before=$failed
    py_checks invariants --expected "$T/variants.json" --root "$R" --out "$R/out/articles" \
      --manifest "$R/out/manifest.jsonl" --state "$R/out/state.sqlite" --stats "$STATS" \
      --label "kill $kills (round $rounds, run $runs, SIGKILL after $ms ms)"
    [ $failed -eq $before ] && held=$((held + 1))
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
if [ $kills -eq "$KILLS" ]; then
  ok "$kills SIGKILLs landed mid-run ($runs runs in $rounds rounds; $early runs finished first; delays 10..$LIFE_MS ms)"
else
  not_ok "$KILLS SIGKILLs landed mid-run" "only $kills in $runs runs before the time limit"
fi
py_checks log --port "$PORT" --expected "$T/variants.json" --label "all kill rounds, mirror log" --only-private
read -r partials tmps < <(awk '{p += $2; t += ($3 > 0)} END {print p + 0, t + 0}' "$STATS")
echo "# kills that left a partial manifest line: $partials; that left temp files: $tmps"
# The last round: run to completion.
before=$failed
run_crawl 120 "$R/job.toml" -q
expect_rc "round $rounds: the run after the last kill" 0
final_round "$R" "round $rounds (after the last kill)"
finished=$([ $failed -eq $before ] && echo "the crawl finished whole" || echo "the finished crawl FAILED its checks")

mirror_check "at the end"
stop_mirror
echo "$held/$KILLS kills: invariants held; $finished ($runs runs, $rounds rounds, $((SECONDS - START)) s)"
echo "# $checks checks, $failed failed ($((SECONDS - START)) s)"
[ $failed -eq 0 ]
