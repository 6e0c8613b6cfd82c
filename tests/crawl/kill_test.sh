#!/usr/bin/env bash
# A crawl killed with SIGKILL at 20+ random moments (--variants 300): the
# invariants hold after each kill, and the finished crawl has every article
# exactly once, byte-identical to its expected text.
#   tests/crawl/kill_test.sh WINNOW_BINARY SOURCE_DIR
source "$(dirname "$0")/lib.sh"

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

mirror_check "at the end"
stop_mirror
echo "# $checks checks, $failed failed ($((SECONDS - START)) s)"
[ $failed -eq 0 ]
