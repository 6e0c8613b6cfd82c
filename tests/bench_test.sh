#!/usr/bin/env bash
# `winnow bench`: it runs and reports every figure it promises (never their
# values: a benchmark, not a timed test); a bad directory is bad input.
#
#   tests/bench_test.sh WINNOW_BINARY SOURCE_DIR
set -u
export LC_ALL=C
BIN=$1
SRC=$2
TMP=$(mktemp -d "${TMPDIR:-/tmp}/winnow-bench-test.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

failed=0
checks=0
expect() {  # expect NAME PATTERN: stdout of the last run has a line matching PATTERN
  checks=$((checks + 1))
  if grep -Eq -- "$2" "$TMP/out"; then echo "ok - $1"; else
    failed=$((failed + 1))
    echo "not ok - $1"
    sed 's/^/#   /' "$TMP/out" | head -40
  fi
}

mkdir "$TMP/tmp"
TMPDIR="$TMP/tmp" "$BIN" --rules "$SRC/rules" bench --repeat 1 -j 1 -j 2 "$SRC/fixtures" >"$TMP/out" 2>"$TMP/err"
rc=$?
checks=$((checks + 1))
if [ $rc -eq 0 ] && [ ! -s "$TMP/err" ]; then echo "ok - bench on the fixtures: exit 0, nothing on stderr"; else
  failed=$((failed + 1))
  echo "not ok - bench on the fixtures: exit 0, nothing on stderr (exit $rc: $(head -3 "$TMP/err"))"
fi
n=$(find "$SRC/fixtures" -name '*.html' | wc -l)
expect "the set: pages and bytes" "^== .*fixtures: $n pages, [0-9.]+ MB of HTML"
expect "winnow's pipeline: pages/s and MB/s" "winnow clean, whole pipeline .* pages/s .* MB/s"
expect "Gumbo parse-only on the pages as served" "Gumbo parse-only, pages as served .* pages/s"
expect "Gumbo parse-only on the pruned pages" "Gumbo parse-only, pages after winnow's prune step .* pages/s"
expect "ratio to Gumbo, as served" "winnow total / Gumbo parse-only of the pages as served: [0-9.]+x"
expect "ratio to Gumbo, pruned" "winnow total / Gumbo parse-only of the pruned pages: +[0-9.]+x"
for stage in "charset decode" "prune never-text" "Gumbo parse" "flat tree" "page metadata" \
  "selection and drops, or generic extraction" "rendering" "output" "other"; do
  expect "stage: $stage" "^    $stage.* ms +[0-9.]+%"
done
expect "-j 1" "^  -j 1 .* pages/s"
expect "-j 2 against -j 1" "^  -j 2 .* pages/s .* [0-9.]+x -j 1"
expect "the set packed into a WARC" "^clean --warc beside clean DIR, the same $n pages \\(1 WARC of [0-9.]+ MB, gzip per record"
for j in 1 2; do
  expect "clean --warc beside clean DIR, -j $j" "^  clean --warc -j $j: +[0-9.]+ pages/s  vs clean DIR -j $j: +[0-9.]+ pages/s  ratio [0-9.]+x"
done
checks=$((checks + 1))
if [ -z "$(ls -A "$TMP/tmp")" ]; then echo "ok - the WARC's temporary directory removed"; else
  failed=$((failed + 1))
  echo "not ok - the WARC's temporary directory removed ($(ls -A "$TMP/tmp"))"
fi
expect "peak RSS of a sequential clean" "^peak RSS, the set cleaned sequentially: [0-9.]+ MB .*over the $n files"
expect "the page set's own size" "^this process: page set in memory [0-9.]+ MB"

"$BIN" --rules "$SRC/rules" bench "$TMP/no-such-dir" >"$TMP/out" 2>"$TMP/err"
rc=$?
checks=$((checks + 1))
if [ $rc -eq 3 ] && grep -q "^winnow: bench: .*no-such-dir" "$TMP/err"; then echo "ok - a missing directory: exit 3, named"; else
  failed=$((failed + 1))
  echo "not ok - a missing directory: exit 3, named (exit $rc: $(head -3 "$TMP/err"))"
fi

echo "$((checks - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
