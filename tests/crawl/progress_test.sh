#!/usr/bin/env bash
# A crawl's live line on a terminal (tests/pty_run.py puts stderr on a
# pseudo-terminal) against the local mirror:
#   tests/crawl/progress_test.sh WINNOW_BINARY SOURCE_DIR
#  1. stderr a terminal: the line is drawn ("\r\x1b[K12 articles (12 new),
#     ..."), every draw and every log line begins by clearing the line, the
#     last draw is cleared before the summary, and with the draws and clears
#     taken out no line holds a "\r" or an escape;
#  2. --quiet on a terminal: nothing but errors (here: nothing at all);
#  3. WINNOW_PROGRESS=0 on a terminal: no live line, the summary as without
#     a terminal.
source "$(dirname "$0")/lib.sh"
PTY=$SRC/tests/pty_run.py

# run_pty NAME [options]: a new job against the mirror, its stderr on a
# terminal (the bytes in $ERR), exit code in $RC.
run_pty() {
  local name=$1 feed=$2
  shift 2
  write_job "$T/$name/job.toml" "$feed" /tin-moi/ 50 2 500
  (cd "$T/cwd" && timeout -k 5 90 python3 "$PTY" "$T/stdout" "$ERR" \
    "$BIN" --rules "$RULES" crawl "$T/$name/job.toml" "$@" "${CT[@]}")
  RC=$?
}
# pycheck NAME CODE: CODE (Python, `err` the terminal's bytes) prints
# nothing when the check holds, else what went wrong.
pycheck() {
  local out
  out=$(python3 -c "import re, sys
err = open(sys.argv[1], 'rb').read()
CLEAR = b'\r\x1b[K'
DRAW = re.compile(rb'\r\x1b\[K\d+ articles \(\d+ new\), [^\r\n\x1b]*pages/s')
$2" "$ERR" 2>&1)
  if [ -z "$out" ]; then ok "$1"; else not_ok "$1" "$out"; fi
}

start_mirror plain

echo "# 1. stderr a terminal"
run_pty live /no-such-feed/  # each site: an error line (404) among the draws
expect_rc "crawl on a terminal (a feed missing: exit 5)" 5
pycheck "the live line is drawn" 'if not DRAW.search(err): print(repr(err[-400:]))'
pycheck "each draw is followed by the next draw or a clear, the last one too" '
for d in DRAW.finditer(err):
    if err[d.end():d.end() + len(CLEAR)] != CLEAR: print(repr(err[d.start():d.end() + 80])); break'
pycheck "every log line begins by clearing the line" '
lines = list(re.finditer(rb"winnow: (\x1b\[[\d;]*m)*(info|warning|error)", err))
for m in lines:
    if err[m.start() - len(CLEAR):m.start()] != CLEAR: print(repr(err[max(0, m.start() - 80):m.end() + 40])); break
if not lines: print("no log line: " + repr(err[-400:]))'
pycheck "the summary follows the cleared line, and no line is left with a \\r or an escape" '
rest = DRAW.sub(b"", err).replace(CLEAR, b"")
if b"\r" in rest or b"\x1b" in re.sub(rb"\x1b\[[\d;]*m", b"", rest):  # colours aside
    print(repr(rest[:400]))
if not re.search(rb"\nwinnow: crawl job: \d+ new", b"\n" + rest): print(repr(rest[-400:]))'

echo "# 2. --quiet on a terminal"
run_pty quiet /rss_feed/ --quiet
expect_rc "crawl --quiet on a terminal" 0
pycheck "--quiet: nothing on stderr" 'if err: print(repr(err[:400]))'

echo "# 3. WINNOW_PROGRESS=0 on a terminal"
export WINNOW_PROGRESS=0
run_pty off /rss_feed/
unset WINNOW_PROGRESS
expect_rc "crawl, WINNOW_PROGRESS=0, on a terminal" 0
pycheck "WINNOW_PROGRESS=0: no live line, no clear; the summary" '
if b"\r" in err or b"\x1b[K" in err: print(repr(err[:400]))
if not re.search(rb"(^|\n)winnow: crawl job: \d+ new", err): print(repr(err[-400:]))'

echo "# $checks checks, $failed failed"
[ "$failed" -eq 0 ]
