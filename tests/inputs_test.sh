#!/usr/bin/env bash
# Inputs that never end or do not fit: /dev/zero, a file past the cap, a FIFO
# nobody writes to, a gzip bomb, a page that needs more memory than the
# process may have. Each is one line naming the page, exit 3 alone or 5 in a
# list whose other pages are cleaned; nothing hangs (every run is bounded by
# `timeout`, so a hang fails instead of hanging); pipes (`<(cat page)`) and
# stdin still read.
#
#   tests/inputs_test.sh WINNOW_BINARY SOURCE_DIR
set -u
export LC_ALL=C

if [ $# -ne 2 ]; then
  echo "usage: $0 WINNOW_BINARY SOURCE_DIR" >&2
  exit 2
fi
BIN=$1
SRC=$2
RULES=$SRC/rules
P1=$SRC/fixtures/baoquocte.vn/viet-nam-quang-dong.html
P2=$SRC/fixtures/thoidai.com.vn/ha-noi-quang-chau.html

TMP=$(mktemp -d "${TMPDIR:-/tmp}/winnow-inputs-test.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

source "$(dirname "$0")/tap.sh"

OUT=$TMP/stdout
ERR=$TMP/stderr
# run CMD...: bounded by 20 s; stdout to $OUT, stderr to $ERR, exit code in $RC.
run() {
  timeout 20 "$@" >"$OUT" 2>"$ERR"
  RC=$?
}
# winnow with the project's rules, bounded.
w() { run "$BIN" --rules "$RULES" "$@"; }

expect_rc() {
  if [ "$RC" -eq "$2" ]; then ok "$1: exit $2"; else not_ok "$1: exit $2" "got $RC" "stderr: $(head -c 400 "$ERR")"; fi
}
# expect_error_lines NAME LINE...: stderr, warnings aside, is exactly these lines.
expect_error_lines() {
  local name=$1
  shift
  local -a got=()
  mapfile -t got < <(grep -v '^winnow: warning: ' "$ERR")
  if [ "${got[*]}" = "$*" ] && [ "${#got[@]}" -eq $# ]; then
    ok "$name: $*"
  else
    not_ok "$name: stderr lines" "want: $*" "got:  ${got[*]}"
  fi
}
# expect_pages NAME FILE...: stdout holds exactly these pages, in this order,
# each as the single-page `clean FILE` prints it.
expect_pages() {
  local name=$1 f
  shift
  : >"$TMP/want"
  for f in "$@"; do
    { echo "==> $f <=="; "$BIN" --rules "$RULES" clean "$f" 2>/dev/null; echo; } >>"$TMP/want"
  done
  if cmp -s "$TMP/want" "$OUT"; then ok "$name: the other pages cleaned, in order"; else
    not_ok "$name: the other pages cleaned, in order" "$(diff "$TMP/want" "$OUT" | head -5)"
  fi
}

# expect_one_failed NAME LINE PAGE...: a run of many pages where one failed
# with stderr LINE: exit 5, and the other PAGEs cleaned.
expect_one_failed() {
  local name=$1 line=$2
  shift 2
  expect_rc "$name" 5
  expect_error_lines "$name" "$line"
  expect_pages "$name" "$@"
}

# ---------------------------------------------------------------------------
# The cap: 64 MiB unless --max-bytes says otherwise; never read past it.

CAP64="larger than 64 MiB (67108864 bytes); --max-bytes raises the limit"
w clean /dev/zero
expect_rc "clean /dev/zero" 3
expect_error_lines "clean /dev/zero" "winnow: /dev/zero: $CAP64"
for cmd in render explain; do
  w "$cmd" /dev/zero
  expect_rc "$cmd /dev/zero" 3
  expect_error_lines "$cmd /dev/zero" "winnow: /dev/zero: $CAP64"
done

# 64 MiB and one byte, sparse: refused by its size before any read.
truncate -s $((64 * 1024 * 1024 + 1)) "$TMP/huge.html"
w clean "$TMP/huge.html"
expect_rc "clean a file of 64 MiB + 1 byte" 3
expect_error_lines "clean a file of 64 MiB + 1 byte" "winnow: $TMP/huge.html: $CAP64"

# A small cap: exactly the cap is a page, one byte more is not.
{
  printf '<html><body><p>'
  head -c 1000 /dev/zero | tr '\0' 'a'
  printf '</p></body></html>\n'
} | head -c 1024 >"$TMP/exact.html"
cp "$TMP/exact.html" "$TMP/over.html"
printf 'x' >>"$TMP/over.html"
w clean --max-bytes 1024 "$TMP/exact.html"
expect_rc "clean --max-bytes 1024, a page of 1024 bytes" 0
CAP1K="larger than 1 KiB (1024 bytes); --max-bytes raises the limit"
for cmd in clean render explain; do
  w "$cmd" --max-bytes 1024 "$TMP/over.html"
  expect_rc "$cmd --max-bytes 1024, a page of 1025 bytes" 3
  expect_error_lines "$cmd --max-bytes 1024, a page of 1025 bytes" "winnow: $TMP/over.html: $CAP1K"
done
w clean --max-bytes 1025 "$TMP/over.html"
expect_rc "clean --max-bytes 1025 raises the limit" 0

head -c 2048 /dev/zero | { timeout 20 "$BIN" --rules "$RULES" clean --max-bytes 1024 - >"$OUT" 2>"$ERR"; }
RC=$?
expect_rc "clean - (stdin) past the cap" 3
expect_error_lines "clean - (stdin) past the cap" "winnow: stdin: $CAP1K"

# check reads each fixture under the cap too.
mkdir -p "$TMP/fx"
cp "$SRC/fixtures/baoquocte.vn/viet-nam-quang-dong."{html,clean.txt} "$TMP/fx/"
w check --max-bytes 1024 "$TMP/fx"
if [ "$RC" -eq 1 ] && grep -q "^  $TMP/fx/viet-nam-quang-dong.html: $CAP1K\$" "$OUT"; then
  ok "check --max-bytes 1024: the fixture fails, named with the cap"
else
  not_ok "check --max-bytes 1024: the fixture fails, named with the cap" "exit $RC" "$(head -5 "$OUT")"
fi

for bad in 1023 1073741825 -1 99999999999999999999; do
  w clean --max-bytes "$bad" "$P1"
  expect_rc "clean --max-bytes $bad" 2
  if head -1 "$ERR" | grep -q -- "--max-bytes: Value $bad not in range 1024 to 1073741824"; then
    ok "clean --max-bytes $bad: the range named"
  else
    not_ok "clean --max-bytes $bad: the range named" "$(<"$ERR")"
  fi
done

# Gzip: the inflated page obeys the same cap (a gzip bomb stops there).
head -c 5000 /dev/zero | tr '\0' 'a' | gzip -c >"$TMP/bomb.html.gz"
w clean --max-bytes 1024 "$TMP/bomb.html.gz"
expect_rc "clean --max-bytes 1024, gzip inflating to 5000 bytes" 3
expect_error_lines "clean --max-bytes 1024, gzip inflating to 5000 bytes" \
  "winnow: $TMP/bomb.html.gz: inflates to more than 1 KiB (1024 bytes); --max-bytes raises the limit"
head -c $((65 * 1024 * 1024)) /dev/zero | gzip -c >"$TMP/bomb64.html.gz"
w clean "$TMP/bomb64.html.gz"
expect_rc "clean, gzip inflating to 65 MiB" 3
expect_error_lines "clean, gzip inflating to 65 MiB" \
  "winnow: $TMP/bomb64.html.gz: inflates to more than 64 MiB (67108864 bytes); --max-bytes raises the limit"

# Many pages: the ones past the cap are their lines, in their places.
w clean -j 2 "$P1" /dev/zero "$TMP/bomb64.html.gz" "$P2"
expect_rc "clean -j 2 with /dev/zero and a gzip bomb among pages" 5
expect_error_lines "clean -j 2 with /dev/zero and a gzip bomb among pages" "winnow: /dev/zero: $CAP64" \
  "winnow: $TMP/bomb64.html.gz: inflates to more than 64 MiB (67108864 bytes); --max-bytes raises the limit"
expect_pages "clean -j 2 with /dev/zero and a gzip bomb among pages" "$P1" "$P2"
w clean --max-bytes 1024 "$TMP/over.html" /dev/zero
expect_rc "clean of many pages, all past the cap" 3

# ---------------------------------------------------------------------------
# FIFOs and pipes: open() never waits for a writer; a pipe's writer is read.

FIFO=$TMP/fifo.html
mkfifo "$FIFO"
for j in 1 2; do
  w clean -j "$j" "$P1" "$FIFO" "$P2"
  expect_one_failed "clean -j $j with a FIFO nobody writes to" "winnow: $FIFO: empty input, no page to read" "$P1" "$P2"
done
for cmd in clean render explain; do
  w "$cmd" "$FIFO"
  expect_rc "$cmd of a FIFO nobody writes to" 3
  expect_error_lines "$cmd of a FIFO nobody writes to" "winnow: $FIFO: empty input, no page to read"
done

"$BIN" --rules "$RULES" clean "$P1" >"$TMP/p1.txt" 2>/dev/null
w clean <(cat "$P1")
expect_rc "clean <(cat page)" 0
if cmp -s "$TMP/p1.txt" "$OUT"; then ok "clean <(cat page): the page's text"; else not_ok "clean <(cat page): the page's text"; fi
"$BIN" --rules "$RULES" render "$P1" >"$TMP/p1.render" 2>/dev/null
w render <(cat "$P1")
if [ "$RC" -eq 0 ] && cmp -s "$TMP/p1.render" "$OUT"; then ok "render <(cat page)"; else not_ok "render <(cat page)" "exit $RC"; fi
w clean -j 2 <(cat "$P1") <(gzip -c "$P2")
if [ "$RC" -eq 0 ] && [ "$(grep -c '^==> /dev/fd/' "$OUT")" -eq 2 ]; then
  ok "clean -j 2 <(cat page) <(gzip -c page): both cleaned"
else
  not_ok "clean -j 2 <(cat page) <(gzip -c page): both cleaned" "exit $RC" "$(head -3 "$ERR")"
fi
w clean - <"$P1"
if [ "$RC" -eq 0 ] && cmp -s "$TMP/p1.txt" "$OUT"; then ok "clean - <page"; else not_ok "clean - <page" "exit $RC"; fi

# ---------------------------------------------------------------------------
# Out of memory: the page fails, the run goes on. A page of 3 million tiny
# elements needs well over 1 GB to parse; the process gets 512 MB of address
# space, about five times what the ordinary pages need.

# ThreadSanitizer (build-tsan) maps terabytes of shadow memory at start, so
# no instrumented process starts under ulimit -v: that part is skipped there.
if ldd "$BIN" 2>/dev/null | grep -q libtsan; then
  echo "# skipped: out of memory under ulimit -v (a ThreadSanitizer build cannot start under it)"
  echo "# $checks checks, $failed failed"
  [ "$failed" -eq 0 ]
  exit
fi

BIG=$TMP/big.html
yes '<b>x</b>' | head -n 3000000 | tr -d '\n' >"$BIG"
limited() { run bash -c 'ulimit -v "$1" && shift && exec "$@"' _ $((512 * 1024)) "$BIN" --rules "$RULES" "$@"; }
limited clean -j 2 "$P1" "$P2"
expect_rc "under 512 MB, ordinary pages" 0
for j in 1 2; do
  limited clean -j "$j" "$P1" "$BIG" "$P2"
  expect_one_failed "under 512 MB, -j $j, one page too big to parse" "winnow: $BIG: out of memory while cleaning" \
    "$P1" "$P2"
done
for cmd in clean:cleaning render:rendering explain:explaining; do
  limited "${cmd%%:*}" "$BIG"
  expect_rc "under 512 MB, ${cmd%%:*} of the page too big to parse" 3
  expect_error_lines "under 512 MB, ${cmd%%:*} of the page too big to parse" \
    "winnow: $BIG: out of memory while ${cmd#*:}"
done

echo "# $checks checks, $failed failed"
[ "$failed" -eq 0 ]
