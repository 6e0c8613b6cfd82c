#!/usr/bin/env bash
# `winnow clean [-j N] FILE...|DIR`: pages in input order, each one exactly
# what `winnow clean FILE` prints; gzipped pages; a bad file named on stderr
# while the rest go on; exit codes 0, 5 (some failed), 3 (all failed).
#
#   tests/clean_many_test.sh WINNOW_BINARY SOURCE_DIR
set -u
export LC_ALL=C

if [ $# -ne 2 ]; then
  echo "usage: $0 WINNOW_BINARY SOURCE_DIR" >&2
  exit 2
fi
BIN=$1
SRC=$2
RULES=$SRC/rules
FIX=$SRC/fixtures

TMP=$(mktemp -d "${TMPDIR:-/tmp}/winnow-clean-many.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

source "$(dirname "$0")/tap.sh"
# expect_same NAME EXPECTED_FILE ACTUAL_FILE
expect_same() {
  if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1" "$(diff "$2" "$3" | head -10)"; fi
}
expect_rc() {
  if [ "$RC" -eq "$2" ]; then ok "$1: exit $2"; else not_ok "$1: exit $2" "got $RC: $(head -3 "$TMP/err")"; fi
}
run() {
  "$@" >"$TMP/out" 2>"$TMP/err"
  RC=$?
}

# Every fixture page, in the order a directory lists them (sorted paths).
mapfile -t PAGES < <(find "$FIX" -name '*.html' | sort)
if [ "${#PAGES[@]}" -lt 3 ]; then
  not_ok "fixtures found under $FIX" "only ${#PAGES[@]}"
  exit 1
fi

# What the single-page command prints, page by page, in both formats.
: >"$TMP/want.txt"
: >"$TMP/want.jsonl"
for p in "${PAGES[@]}"; do
  { echo "==> $p <=="; "$BIN" --rules "$RULES" clean "$p" 2>/dev/null; echo; } >>"$TMP/want.txt"
  "$BIN" --rules "$RULES" clean --format json "$p" 2>/dev/null >"$TMP/one.json"
  # The many-page line is the single-page object with "file" first.
  printf '{"file":"%s",%s\n' "$p" "$(tail -c +2 "$TMP/one.json")" >>"$TMP/want.jsonl"
done

for j in 1 2 4; do
  run "$BIN" --rules "$RULES" clean -j "$j" "${PAGES[@]}"
  expect_rc "text, files, -j $j" 0
  expect_same "text, files, -j $j: input order, each page as clean FILE prints it" "$TMP/want.txt" "$TMP/out"
  run "$BIN" --rules "$RULES" clean -j "$j" --format json "${PAGES[@]}"
  expect_rc "json, files, -j $j" 0
  expect_same "json, files, -j $j: one line per page, \"file\" first, the rest as clean FILE" "$TMP/want.jsonl" \
    "$TMP/out"
done

# A directory: its pages, recursively, sorted by path.
run "$BIN" --rules "$RULES" clean -j 2 "$FIX"
expect_rc "text, directory" 0
mapfile -t HEADERS < <(grep '^==> .* <==$' "$TMP/out" | sed 's/^==> \(.*\) <==$/\1/')
if [ "${#HEADERS[@]}" -eq "${#PAGES[@]}" ] && [ "$(printf '%s\n' "${HEADERS[@]}" | sort -c 2>&1)" = "" ]; then
  ok "directory: ${#HEADERS[@]} pages, sorted by path"
else
  not_ok "directory: every page once, sorted" "headers: ${HEADERS[*]:0:5}"
fi

# Order holds when pages take very different times: a large page first.
BIG=$TMP/big.html
{
  echo '<html><body><article><h1>Big</h1>'
  for i in $(seq 1 20000); do echo "<p>Paragraph $i of a long article, with commas, and sentences.</p>"; done
  echo '</article></body></html>'
} >"$BIG"
run "$BIN" --rules "$RULES" clean -j 2 "$BIG" "${PAGES[@]:0:3}"
mapfile -t HEADERS < <(grep '^==> .* <==$' "$TMP/out")
if [ "${HEADERS[0]}" = "==> $BIG <==" ] && [ "${HEADERS[1]}" = "==> ${PAGES[0]} <==" ] &&
  [ "${HEADERS[3]}" = "==> ${PAGES[2]} <==" ]; then
  ok "a slow first page still comes first (-j 2)"
else
  not_ok "a slow first page still comes first (-j 2)" "headers: ${HEADERS[*]}"
fi

# Gzipped pages read as the page itself.
gzip -c "${PAGES[0]}" >"$TMP/page.html.gz"
"$BIN" --rules "$RULES" clean "${PAGES[0]}" >"$TMP/plain.txt" 2>/dev/null
run "$BIN" --rules "$RULES" clean "$TMP/page.html.gz"
expect_rc "gzipped page" 0
expect_same "gzipped page: the same text as the page" "$TMP/plain.txt" "$TMP/out"

# A bad file in the middle: one line naming it, the rest printed, exit 5.
MISSING=$TMP/missing.html
: >"$TMP/empty.html"
run "$BIN" --rules "$RULES" clean -j 2 "${PAGES[0]}" "$MISSING" "${PAGES[1]}" "$TMP/empty.html"
expect_rc "some pages unreadable" 5
if [ "$(grep -c '^==> ' "$TMP/out")" -eq 2 ] && grep -q "^==> ${PAGES[1]} <==" "$TMP/out"; then
  ok "some pages unreadable: the others are printed"
else
  not_ok "some pages unreadable: the others are printed" "$(grep '^==> ' "$TMP/out")"
fi
mapfile -t ERRS < <(grep -v '^winnow: warning: ' "$TMP/err")
if [ "${#ERRS[@]}" -eq 2 ] && [[ ${ERRS[0]} == "winnow: $MISSING: cannot open"* ]] &&
  [[ ${ERRS[1]} == "winnow: $TMP/empty.html: empty input"* ]]; then
  ok "some pages unreadable: one line each, in input order, naming the file"
else
  not_ok "some pages unreadable: one line each, naming the file" "${ERRS[@]}"
fi

# All bad: exit 3.
run "$BIN" --rules "$RULES" clean "$MISSING" "$TMP/empty.html"
expect_rc "every page unreadable" 3

# A directory without pages among good files: named, the rest go on.
mkdir -p "$TMP/nothing-here"
run "$BIN" --rules "$RULES" clean "${PAGES[0]}" "$TMP/nothing-here"
expect_rc "a directory without pages among files" 5
if grep -q "^winnow: $TMP/nothing-here: no pages" "$TMP/err"; then ok "a directory without pages is named"; else
  not_ok "a directory without pages is named" "$(<"$TMP/err")"
fi

# Bad -j: a usage error.
run "$BIN" --rules "$RULES" clean -j 0 "${PAGES[0]}"
expect_rc "clean -j 0" 2

echo "$((checks - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
