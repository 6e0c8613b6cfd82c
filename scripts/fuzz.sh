#!/usr/bin/env bash
# fuzz.sh SECONDS [TARGET...]: builds the libFuzzer targets (fuzz/, clang,
# ASan + UBSan, LeakSanitizer on) in build-fuzz/ and runs each for SECONDS,
# two at a time. Corpora grow in build-fuzz/corpus/TARGET/, seeded from
# fuzz/seeds/, the fixtures and the public benchmark's pages. A crash, leak
# or sanitizer report leaves its input in build-fuzz/crashes/TARGET/; copy it
# to fuzz/regressions/TARGET/ and ctest replays it from then on.
# Exit: 0 no finding, 1 findings, 2 usage, 3 build failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] && [[ $1 =~ ^[0-9]+$ ]] || { echo "usage: fuzz.sh SECONDS [TARGET...]" >&2; exit 2; }
seconds=$1; shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(render selector rules clean generic date feed sitemap charset)
out=$root/build-fuzz
parallel=${FUZZ_PARALLEL:-2}

command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (scripts/install-deps.sh --fuzz installs it)" >&2; exit 3; }
CXX=clang++ cmake -S "$root" -B "$out" -DWINNOW_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 3
cmake --build "$out" -j 2 -- --no-print-directory >"$out/build.log" 2>&1 || { tail -20 "$out/build.log"; exit 3; }

# Seed corpora: pages for the page targets, rule files, selectors of the rules.
pages=$out/seed-pages
if [ ! -d "$pages" ]; then
  mkdir -p "$pages"
  find "$root/fixtures" -name '*.html' -exec cp {} "$pages/" \;
  bench=$root/../shared/datasets/article-extraction-benchmark/html
  if [ -d "$bench" ]; then
    for f in "$bench"/*.html.gz; do zcat "$f" >"$pages/$(basename "$f" .gz)"; done
  fi
fi
extra_seeds() {
  case $1 in
    render|clean|generic) echo "$pages" ;;
    rules) echo "$root/rules" ;;
  esac
}
max_len() {
  case $1 in
    # Pages are cut to 64 KB: mutations on whole 200 KB pages run a few
    # times a second under ASan; the structure is all in the first 64 KB.
    render|clean|generic|selector|rules|feed|charset) echo 65536 ;;
    *) echo 4096 ;;
  esac
}

run_one() {
  local t=$1
  mkdir -p "$out/corpus/$t" "$out/crashes/$t"
  local seeds=("$root/fuzz/seeds/$t")
  local more; more=$(extra_seeds "$t")
  [ -n "$more" ] && seeds+=("$more")
  [ -d "$root/fuzz/regressions/$t" ] && seeds+=("$root/fuzz/regressions/$t")
  "$out/fuzz/${t}_fuzz" "$out/corpus/$t" "${seeds[@]}" -max_total_time="$seconds" -timeout=30 \
    -rss_limit_mb=2048 -max_len="$(max_len "$t")" -print_final_stats=1 \
    -artifact_prefix="$out/crashes/$t/" >"$out/logs/$t.log" 2>&1
  echo $? >"$out/logs/$t.rc"
}
export -f run_one extra_seeds max_len
export out root seconds pages
mkdir -p "$out/logs"
echo "fuzzing ${targets[*]}: ${seconds}s each, $parallel at a time (logs in build-fuzz/logs/)"
printf '%s\n' "${targets[@]}" | xargs -P "$parallel" -I{} bash -c 'run_one {}'

findings=0
printf '%-10s %12s %10s %8s  %s\n' target runs exec/s corpus result
for t in "${targets[@]}"; do
  log=$out/logs/$t.log
  runs=$(grep 'stat::number_of_executed_units:' "$log" | awk '{print $2}')
  speed=$(grep 'stat::average_exec_per_sec:' "$log" | awk '{print $2}')
  corpus=$(ls "$out/corpus/$t" | wc -l)
  rc=$(cat "$out/logs/$t.rc" 2>/dev/null || echo 1)
  if [ "$rc" = 0 ] && ! grep -qE '^==[0-9]+==ERROR|runtime error:|ERROR: libFuzzer' "$log"; then
    result=ok
  else
    result="FINDING (rc $rc): $(grep -m1 -E 'ERROR|runtime error' "$log" | cut -c1-100); input: $(ls "$out/crashes/$t" | head -1)"
    findings=$((findings + 1))
  fi
  printf '%-10s %12s %10s %8s  %s\n' "$t" "${runs:-?}" "${speed:-?}" "$corpus" "$result"
done
[ $findings -eq 0 ] && echo "fuzz: ${#targets[@]} targets, ${seconds}s each: no crash, leak or sanitizer report" && exit 0
echo "fuzz: $findings of ${#targets[@]} targets found something (inputs in build-fuzz/crashes/)" >&2
exit 1
