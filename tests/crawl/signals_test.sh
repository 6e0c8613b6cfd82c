#!/usr/bin/env bash
# SIGTERM / SIGINT (and a second signal): exit 7, resume to completion;
# exit codes: broken job (3), unknown site (3), unreachable mirror (5),
# output not writable (6), a second run of a running job (6).
#   tests/crawl/signals_test.sh WINNOW_BINARY SOURCE_DIR
source "$(dirname "$0")/lib.sh"

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


echo "# 6. SIGTERM and SIGINT"
# signal_run NAME SIGNAL... : start a slowed crawl, send the signals, expect
# exit 7 within 10 s and "interrupted"; then resume to the end.
signal_run() {
  local name=$1
  shift
  local D=$T/sig-${name// /-}
  write_job "$D/job.toml" /rss_feed/all "" 0 4 100000
  # A second signal ends the process at once, its threads not joined, by
  # design: no thread leak for a ThreadSanitizer build (build-tsan) to report.
  local env=()
  [ $# -gt 1 ] && env=(env "TSAN_OPTIONS=${TSAN_OPTIONS:-}:report_thread_leaks=0")
  (cd "$T/cwd" && exec "${env[@]}" "$BIN" --rules "$RULES" crawl "$D/job.toml" --delay-ms 20 "${CT[@]}") >"$D.out" 2>"$D.err" &
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
# A host with no rule file is a site to discover (issue 15); a name that is
# neither a rule file nor a host is the mistake.
printf 'sites = ["no such site"]\noutput = "out"\n' >"$X/unknown.toml"
run_crawl 30 "$X/unknown.toml"
expect_rc "unknown site" 3
if [ "$(wc -l <"$ERR")" -eq 1 ] && grep -q '"no such site" is neither a site rule file' "$ERR"; then
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
