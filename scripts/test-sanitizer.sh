#!/usr/bin/env bash
# test-sanitizer.sh address|thread BUILD_DIR [JOBS]: the sanitizer pass of
# `make test`. Configures BUILD_DIR with WINNOW_SANITIZE=KIND (address: ASan +
# UBSan; thread: ThreadSanitizer), builds only the targets its tests need
# (tests_asan or tests_tsan), runs the tests labelled asan or tsan, then
# prints every sanitizer report the processes left in
# BUILD_DIR/sanitizer-reports/ (one file per reporting process, written
# whatever a test made of the process's exit code) and fails if there is one.
# ThreadSanitizer suppressions: tests/tsan.supp (third-party code only).
# Exit: 0 all passed and no report; 1 a test failed or a report; 2 usage;
# 3 configure or build failed.
set -uo pipefail
case ${1:-} in
  address) label=asan ;;
  thread) label=tsan ;;
  *) echo "usage: test-sanitizer.sh address|thread BUILD_DIR [JOBS]" >&2; exit 2 ;;
esac
[ $# -ge 2 ] || { echo "usage: test-sanitizer.sh address|thread BUILD_DIR [JOBS]" >&2; exit 2; }
kind=$1 dir=$2 jobs=${3:-$(nproc 2>/dev/null || echo 2)}
root=$(cd "$(dirname "$0")/.." && pwd)

echo "== $label: WINNOW_SANITIZE=$kind in $dir (target tests_$label)"
start=$SECONDS
cmake -S "$root" -B "$dir" -DWINNOW_SANITIZE="$kind" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" >/dev/null || exit 3
cmake --build "$dir" -j "$jobs" --target "tests_$label" -- --no-print-directory || exit 3
built=$((SECONDS - start))

reports=$dir/sanitizer-reports
rm -rf "$reports"
mkdir -p "$reports"
(cd "$dir" && ctest --output-on-failure -j "$jobs" -L "$label")
rc=$?

shopt -s nullglob
files=("$reports"/*)
if [ ${#files[@]} -gt 0 ]; then
  for f in "${files[@]}"; do
    echo "==> $f <=="
    head -n 150 "$f"
  done
  echo "== $label: ${#files[@]} process(es) left a sanitizer report; the distinct ones:"
  cat "${files[@]}" | grep -h '^SUMMARY:' | sort | uniq -c | sort -rn
  rc=1
fi
echo "== $label: build ${built} s, tests $((SECONDS - start - built)) s: $([ $rc -eq 0 ] && echo passed, no report || echo FAILED)"
exit $rc
