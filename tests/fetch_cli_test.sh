#!/usr/bin/env bash
# `winnow fetch` against the local mirror (tests/mirror/mirror.py): --out writes
# one file per URL even when two URLs share their last path segment; a PDF,
# a JPEG served as text/html and a ZIP at article URLs fail with their
# reason; an unreachable robots.txt defers its site's URLs (a failure of
# each, with its line), a 50 MB one is read up to 500 KiB; a 1 MiB header
# line fails. Exit codes: 0 all done, 5 some failed, 6 all failed.
#   tests/fetch_cli_test.sh WINNOW_BINARY SOURCE_DIR
source "$(dirname "$0")/crawl/lib.sh"

echo "# 1. the mirror"
start_mirror fetch-cli
T1=thoidai.com.vn
OUT=$T/stdout
# fetch ARGS...: winnow fetch against the mirror, no politeness delay,
# $RETRIES retries (1) and a $TIMEOUT s timeout (5); stdout in $OUT, stderr
# in $ERR, exit code in $RC. ARGS first: --connect-to takes many values.
fetch() {
  (cd "$T/cwd" && timeout -k 5 60 "$BIN" --rules "$RULES" fetch "$@" --delay-ms 0 --retries "${RETRIES:-1}" \
    --timeout "${TIMEOUT:-5}" "${CT[@]}" --connect-to "other.test:80:127.0.0.1:$PORT") >"$OUT" 2>"$ERR"
  RC=$?
}
expect_err() {  # expect_err LINE: stderr has exactly this line
  if grep -qxF -- "$1" "$ERR"; then ok "stderr: $1"; else not_ok "stderr: $1" "$(head -c 1500 "$ERR")"; fi
}
set_robots() { python3 -c 'import sys,urllib.request; urllib.request.urlopen("http://127.0.0.1:%s/__set?robots=%s" % (sys.argv[1], sys.argv[2]), timeout=10).read()' "$PORT" "$1"; }
# log_paths HOST: the paths the mirror was asked for on HOST since the last reset.
log_paths() {
  python3 -c '
import json, sys, urllib.request
log = json.load(urllib.request.urlopen("http://127.0.0.1:%s/__log" % sys.argv[1], timeout=10))
print(" ".join(e["path"] for e in log if e["host"] == sys.argv[2]))' "$PORT" "$1"
}
# fnv8 URL: the first 8 hex digits of output::hex64(output::fnv1a64(URL)),
# whose offset basis is 1469598103934665603 (src/output/files.cc).
fnv8() {
  python3 -c '
import sys
h = 1469598103934665603
for b in sys.argv[1].encode():
    h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
print("%016x" % h)' "$1" | cut -c1-8
}
# expected_of FILE: the fixture whose expected clean text FILE is, or nothing.
expected_of() {
  local f
  for f in "$FIXTURES/$T1"/*.clean.txt; do cmp -s "$f" "$1" && basename "$f" .clean.txt; done
}

echo "# 2. --out: two URLs with one last path segment get two files"
S1=http://$T1/sec1/trung-ten-990201.html
S2=http://$T1/sec2/trung-ten-990201.html
D=$T/out
fetch --out "$D" "$S1" "$S2" "$S1"
expect_rc "fetch --out of /sec1/ and /sec2/trung-ten-990201.html (and the first again)" 0
P1=$D/$T1/trung-ten-990201.txt
P2=$D/$T1/trung-ten-990201-$(fnv8 "$S2").txt
if [ "$(cat "$OUT")" = "$(printf '%s\n' "$P1" "$P2" "$P1")" ]; then
  ok "paths printed in order: the first URL's plain name, the second's with -$(fnv8 "$S2"), the first again"
else
  not_ok "paths printed in order: plain name, then -HASH, then the plain name again" "got: $(cat "$OUT")"
fi
F1=$(expected_of "$P1")
F2=$(expected_of "$P2")
if [ -n "$F1" ] && [ -n "$F2" ] && [ "$F1" != "$F2" ] && [ "$(ls "$D/$T1" | wc -l)" -eq 2 ]; then
  ok "two files, each the expected text of a different fixture ($F1, $F2), nothing overwritten"
else
  not_ok "two files, each the expected text of a different fixture" "$(ls -l "$D/$T1")" "fixtures: '$F1' '$F2'"
fi
fetch --out "$D" --format json "$S2" "$S1"
if [ "$(cat "$OUT")" = "$(printf '%s\n' "$D/$T1/trung-ten-990201.json" "$D/$T1/trung-ten-990201-$(fnv8 "$S1").json")" ] &&
  [ "$RC" -eq 0 ]; then
  ok "--format json: the same rule, in the order given (exit 0)"
else
  not_ok "--format json: the same rule, in the order given" "exit $RC" "$(cat "$OUT")"
fi

echo "# 2b. URLs from a list: -i FILE and - (standard input), one a line"
printf '%s\r\n\n# a comment\n  %s  \n' "$S1" "$S2" >"$T/urls.txt"
fetch --out "$T/list" -i "$T/urls.txt"
WANT=$(printf '%s\n' "$T/list/$T1/trung-ten-990201.txt" "$T/list/$T1/trung-ten-990201-$(fnv8 "$S2").txt")
if [ "$RC" -eq 0 ] && [ "$(cat "$OUT")" = "$WANT" ] && cmp -s "$P1" "$T/list/$T1/trung-ten-990201.txt"; then
  ok "-i FILE: its two URLs (CRLF, blank line, comment, spaces around) fetched in order, as on the command line"
else
  not_ok "-i FILE: the two URLs in order" "exit $RC" "$(cat "$OUT")" "$(head -3 "$ERR")"
fi
fetch --out "$T/stdin" --format markdown - <"$T/urls.txt"
if [ "$RC" -eq 0 ] && [ "$(cat "$OUT")" = "$(printf '%s\n' "$T/stdin/$T1/trung-ten-990201.md" "$T/stdin/$T1/trung-ten-990201-$(fnv8 "$S2").md")" ] &&
  head -n 3 "$T/stdin/$T1/trung-ten-990201.md" | grep -q '^# '; then
  ok "- reads the URLs from standard input; --format markdown writes .md files, the title a # heading"
else
  not_ok "- from standard input, .md files" "exit $RC" "$(cat "$OUT")" "$(head -3 "$ERR")"
fi
printf '# nothing but a comment\n' >"$T/none.txt"
fetch -i "$T/none.txt"
expect_rc "-i FILE holding no URL" 2
expect_err "winnow: fetch: no URL (give URL..., - or -i FILE; the list given holds none)"
fetch -i "$T/missing.txt"
expect_rc "-i FILE that does not exist" 3

echo "# 2c. clean URL and the bare winnow URL: fetch's work, fetch's settings"
fetch "$S1"
cp "$OUT" "$T/fetched.txt"
for form in "clean" ""; do
  (cd "$T/cwd" && timeout -k 5 60 "$BIN" $form "$S1" --rules "$RULES" --delay-ms 0 --retries 1 --timeout 5 "${CT[@]}") \
    >"$OUT" 2>"$ERR"
  RC=$?
  if [ "$RC" -eq 0 ] && [ -s "$OUT" ] && cmp -s "$OUT" "$T/fetched.txt"; then
    ok "winnow ${form:+$form }URL: the article fetch prints, exit 0"
  else
    not_ok "winnow ${form:+$form }URL: the article fetch prints" "exit $RC" "$(head -3 "$ERR")"
  fi
done
(cd "$T/cwd" && timeout -k 5 60 "$BIN" clean --format markdown --lang en "$S1" --rules "$RULES" --delay-ms 0 "${CT[@]}") \
  >"$OUT" 2>"$ERR"
if [ $? -eq 0 ] && [ ! -s "$OUT" ] && grep -q "^winnow: $S1: language vi is not one of --lang en: left out$" "$ERR"; then
  ok "clean URL --lang en of a Vietnamese article: left out, one line saying why"
else
  not_ok "clean URL --lang en: left out" "$(head -3 "$ERR")"
fi

echo "# 3. non-HTML bodies at article URLs fail, with their reason"
A=http://$T1$(grep -o '<link rel="canonical" href="https://[^"]*"' "$FIXTURES/$T1/ha-noi-quang-chau.html" |
  sed 's|.*https://[^/]*||; s|"$||')
PDF=http://$T1/binary-pdf-990101.html
JPG=http://$T1/binary-jpeg-990102.html
ZIP=http://$T1/binary-zip-990103.html
D=$T/bin
fetch --out "$D" "$PDF" "$A" "$JPG" "$ZIP"
expect_rc "fetch of a PDF, an article, a JPEG, a ZIP" 5
expect_err "winnow: fetch $PDF: not an HTML page: application/pdf"
expect_err "winnow: fetch $JPG: not an HTML page: JPEG image (sniffed; served as text/html)"
expect_err "winnow: fetch $ZIP: not an HTML page: ZIP archive (sniffed; served as application/octet-stream)"
if [ "$(find "$D" -type f | wc -l)" -eq 1 ] && [ "$(wc -l <"$OUT")" -eq 1 ]; then
  ok "only the article is written and printed"
else
  not_ok "only the article is written and printed" "$(find "$D" -type f)" "$(cat "$OUT")"
fi
fetch "$PDF" "$JPG" "$ZIP"
expect_rc "fetch of the three non-HTML URLs alone (all failed)" 6
if [ ! -s "$OUT" ] && [ "$(grep -c "not an HTML page" "$ERR")" -eq 3 ]; then
  ok "nothing on stdout, one line each on stderr"
else
  not_ok "nothing on stdout, one line each on stderr" "$(cat "$OUT" "$ERR" | head -c 1500)"
fi

echo "# 4. robots.txt unreachable: the site's URLs are deferred, never requested"
OTHER="http://other.test/fault/status?code=200"
reset_log
set_robots 503
fetch "$A" "http://$T1/private/bai-viet-rieng-123456.html" "$OTHER"
expect_rc "robots.txt 503: two URLs of the site deferred, one of another site fetched" 5
NOTE="robots.txt of http://$T1:80 unreachable (HTTP 503 after 2 attempts): deferred to the next run"
expect_err "winnow: fetch $A: $NOTE"
expect_err "winnow: fetch http://$T1/private/bai-viet-rieng-123456.html: $NOTE"
if [ "$(log_paths "$T1")" = "/robots.txt /robots.txt" ] && [ "$(log_paths other.test)" = "/robots.txt /fault/status?code=200" ]; then
  ok "the mirror saw robots.txt twice on $T1 and nothing else there"
else
  not_ok "the mirror saw robots.txt twice on $T1 and nothing else there" "$T1: $(log_paths "$T1")" \
    "other.test: $(log_paths other.test)"
fi
fetch "$A"
expect_rc "robots.txt 503, the only URL deferred (all failed)" 6
reset_log
set_robots no-answer
RETRIES=0 TIMEOUT=2 fetch "$A"
expect_rc "robots.txt never answers (a timeout): deferred" 6
if grep -F "winnow: fetch $A: robots.txt of http://$T1:80 unreachable (curl error 28: " "$ERR" |
  grep -qF ", after 1 attempt): deferred to the next run"; then
  ok "the timeout's line names curl error 28 and the deferral"
else
  not_ok "the timeout's line names curl error 28 and the deferral" "$(head -c 1000 "$ERR")"
fi
reset_log
set_robots huge
fetch "$A" "http://$T1/private/bai-viet-rieng-123456.html"
expect_rc "robots.txt of 50 MB: the article fetched, the private page disallowed by its first lines" 5
expect_err "winnow: fetch http://$T1/private/bai-viet-rieng-123456.html: disallowed by http://$T1:80/robots.txt"
if [ "$(grep -c "winnow: fetch" "$ERR")" -eq 1 ] && [ -s "$OUT" ]; then
  ok "the article is printed; the Disallow: / after 50 MB is ignored"
else
  not_ok "the article is printed; the Disallow: / after 50 MB is ignored" "$(head -c 1000 "$ERR")"
fi
reset_log  # robots.txt back to ok

echo "# 5. a 1 MiB response header line"
BIG=http://$T1/hostile-big-header-990015.html
fetch "$BIG"
expect_rc "fetch of a page with a 1 MiB header line" 6
if grep -qF "winnow: fetch $BIG: response header too large" "$ERR"; then
  ok "its line says: response header too large"
else
  not_ok "its line says: response header too large" "$(head -c 1000 "$ERR")"
fi

mirror_check "at the end"
stop_mirror
echo "# $checks checks, $failed failed ($((SECONDS - START)) s)"
[ $failed -eq 0 ]
