#!/usr/bin/env bash
# `winnow fixture add URL|FILE --site DIR` round-trips: a saved page (a
# generic one, baodautu.vn, and a ruled one, baoquocte.vn) becomes a fixture
# whose expected text is the repository's hand-written one; `winnow check`
# passes on it; a second add is refused without --force; with a copy of the
# rules that drops the ruled page's subheads, `check` fails and its diff
# shows the removed lines. From a URL (a tiny local HTTP server): the page
# saved byte for byte as served, NAME.url where the URL is not the page's
# own. An unreachable URL, a refused private address, a non-HTML body, an
# HTTP error and a missing file are one line each with their exit code, and
# write nothing.
#
#   tests/fixture_add_test.sh WINNOW_BINARY SOURCE_DIR
set -u
export LC_ALL=C

if [ $# -ne 2 ]; then
  echo "usage: $0 WINNOW_BINARY SOURCE_DIR" >&2
  exit 2
fi
BIN=$1
SRC=$2
RULES=$SRC/rules
G_PAGE=$(ls "$SRC"/fixtures/baodautu.vn/*.html)
G_EXPECTED=${G_PAGE%.html}.clean.txt
R_PAGE=$SRC/fixtures/baoquocte.vn/xuat-khau-rau-qua-bang-so-lieu.html
R_EXPECTED=${R_PAGE%.html}.clean.txt
R_CANONICAL=https://baoquocte.vn/xuat-khau-rau-qua-nam-2025-buc-tranh-thi-truong-va-nhung-du-dia-moi-365214.html
COMMIT=a10a806b36ecc1be09ae1a47c0e06f880eed9e77

TMP=$(mktemp -d "${TMPDIR:-/tmp}/winnow-fixture-add-test.XXXXXX") || exit 1
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

source "$(dirname "$0")/tap.sh"

OUT=$TMP/stdout
ERR=$TMP/stderr
# w ARGS...: winnow with the project's rules, bounded; stdout in $OUT,
# stderr in $ERR, exit code in $RC.
w() {
  timeout 60 "$BIN" --rules "$RULES" "$@" >"$OUT" 2>"$ERR"
  RC=$?
}
expect_rc() {
  if [ "$RC" -eq "$2" ]; then ok "$1: exit $2"; else not_ok "$1: exit $2" "got $RC" "stderr: $(head -c 600 "$ERR")"; fi
}
# expect_one_error NAME LINE: stderr is exactly this one line.
expect_one_error() {
  if [ "$(wc -l <"$ERR")" -eq 1 ] && grep -qxF -- "$2" "$ERR"; then
    ok "$1: one line: $2"
  else
    not_ok "$1: one line: $2" "got: $(head -c 600 "$ERR")"
  fi
}
expect_file_same() {  # expect_file_same NAME WANT GOT
  if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1" "$(diff "$2" "$3" 2>&1 | head -n 10)"; fi
}
expect_grep() {  # expect_grep NAME FILE FIXED-LINE: FILE has the line
  if grep -qxF -- "$3" "$2"; then ok "$1"; else not_ok "$1" "no line: $3" "in: $(head -c 800 "$2")"; fi
}
expect_nothing_at() {  # expect_nothing_at NAME PATH: PATH does not exist
  if [ ! -e "$2" ]; then ok "$1: nothing written"; else not_ok "$1: nothing written" "$(find "$2" | head)"; fi
}
# meta_agrees NAME WRITTEN REFERENCE: every key of the written NAME.meta.json
# that the repository's hand-written one also lists has its value.
meta_agrees() {
  local why
  if why=$(python3 - "$2" "$3" <<'EOF'
import json, sys
got, want = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
shared = [k for k in want if k in got]
bad = [k for k in shared if got[k] != want[k]]
if bad or len(shared) < 5:
    sys.exit("keys differing: %s; shared: %s" % (bad, shared))
EOF
  ); then ok "$1"; else not_ok "$1" "$why"; fi
}

mkdir -p "$TMP/saved"
cp "$G_PAGE" "$TMP/saved/baodautu_article.html"
cp "$R_PAGE" "$TMP/saved/"
FX=$TMP/fixtures

echo "# 1. from saved files"
w fixture add "$TMP/saved/baodautu_article.html" --site "$FX/baodautu.vn" --name xu-phat \
  --repo meth04/tracking_news-mcp --repo-path tests/fixtures/baodautu_article.html --commit "$COMMIT"
expect_rc "add a generic page from a file, with --name and its repository" 0
G=$FX/baodautu.vn/xu-phat
expect_file_same "NAME.html is the file, byte for byte" "$G_PAGE" "$G.html"
expect_file_same "NAME.clean.txt is the page's hand-written expected text" "$G_EXPECTED" "$G.clean.txt"
meta_agrees "NAME.meta.json agrees with the hand-written one" "$G.meta.json" "${G_PAGE%.html}.meta.json"
if [ ! -e "$G.url" ]; then ok "no NAME.url: the page's canonical is its URL"; else not_ok "no NAME.url" "$(cat "$G.url")"; fi
expect_grep "README.md created with a title" "$FX/baodautu.vn/README.md" "# baodautu.vn fixtures"
ROW="| \`xu-phat.html\` | $(stat -c %s "$G_PAGE") | $(grep -o 'https://baodautu.vn/[^"]*-d538952.html' "$G_PAGE" | head -n 1)"
ROW="$ROW | saved file: \`$TMP/saved/baodautu_article.html\` | [meth04/tracking_news-mcp](https://github.com/meth04/tracking_news-mcp)"
ROW="$ROW | \`tests/fixtures/baodautu_article.html\` | \`$COMMIT\` | **no**: check \`xu-phat.clean.txt\` against the page |"
expect_grep "README.md row: name, bytes, URL, saved file, repository, path, commit, not yet checked" \
  "$FX/baodautu.vn/README.md" "$ROW"
expect_grep "prints the next step" "$OUT" \
  "next: review $G.clean.txt against the page (winnow render $G.html), then \`winnow check $FX/baodautu.vn\`"

w fixture add "$TMP/saved/xuat-khau-rau-qua-bang-so-lieu.html" --site "$FX/baoquocte.vn" --url "$R_CANONICAL"
expect_rc "add a ruled page from a file, its URL the canonical" 0
R=$FX/baoquocte.vn/xuat-khau-rau-qua-bang-so-lieu
expect_file_same "NAME (the file's stem).html is the file" "$R_PAGE" "$R.html"
expect_file_same "NAME.clean.txt is the ruled page's hand-written expected text" "$R_EXPECTED" "$R.clean.txt"
meta_agrees "NAME.meta.json agrees with the hand-written one" "$R.meta.json" "${R_PAGE%.html}.meta.json"
if [ ! -e "$R.url" ]; then ok "no NAME.url: --url is the page's canonical"; else not_ok "no NAME.url" "$(cat "$R.url")"; fi

echo "# 2. winnow check passes on them"
w check "$FX"
expect_rc "check of the added fixtures" 0
expect_grep "both pass" "$OUT" "2 passed, 0 failed"

echo "# 3. no overwrite without --force"
BEFORE=$(cd "$FX" && find . -type f -exec md5sum {} + | sort)
w fixture add "$TMP/saved/baodautu_article.html" --site "$FX/baodautu.vn" --name xu-phat
expect_rc "adding xu-phat again" 3
expect_one_error "adding xu-phat again" \
  "winnow: fixture add: $G.html: already a fixture (--force replaces it, --name picks another)"
if [ "$(cd "$FX" && find . -type f -exec md5sum {} + | sort)" = "$BEFORE" ]; then
  ok "the refused add changed no file and left no temp file"
else
  not_ok "the refused add changed no file and left no temp file" "$(cd "$FX" && find . -type f)"
fi
echo "https://baodautu.vn/an-older-page-d1.html" >"$G.url"
w fixture add "$TMP/saved/baodautu_article.html" --site "$FX/baodautu.vn" --name xu-phat --force
expect_rc "adding xu-phat again with --force" 0
expect_nothing_at "--force: the old page's NAME.url removed" "$G.url"
if [ "$(grep -c '^| `xu-phat.html` |' "$FX/baodautu.vn/README.md")" -eq 1 ]; then
  ok "--force: the README keeps one row for xu-phat.html"
else
  not_ok "--force: the README keeps one row for xu-phat.html" "$(cat "$FX/baodautu.vn/README.md")"
fi

echo "# 4. the rules change: check fails and shows the diff"
cp -r "$RULES" "$TMP/rules"
printf '\n[drop.fixture_add_test]\nselectors = ["#__MB_MASTERCMS_EL_3 h2"]\n' >>"$TMP/rules/baoquocte.vn.toml"
timeout 60 "$BIN" --rules "$TMP/rules" check "$FX" >"$OUT" 2>"$ERR"
RC=$?
expect_rc "check with the subheads of baoquocte.vn dropped" 1
expect_grep "the ruled page fails on its text" "$OUT" "FAIL $R.html (text)"
expect_grep "the generic page still passes" "$OUT" "PASS $G.html"
expect_grep "the diff names the expected file" "$OUT" "--- $R.clean.txt"
expect_grep "the diff shows the dropped subhead" "$OUT" "-Trung Quốc vẫn dẫn đầu, nhiều thị trường tăng tốc"
if ! grep -q '^+' <(grep -v '^+++ ' "$OUT"); then ok "the diff adds no line"; else
  not_ok "the diff adds no line" "$(grep '^+' "$OUT" | head -n 5)"; fi
expect_grep "the tally" "$OUT" "1 passed, 1 failed"

echo "# 5. from a URL"
WWW=$TMP/www
mkdir -p "$WWW/baodautu"
R_PATH=${R_CANONICAL#https://baoquocte.vn}
cp "$R_PAGE" "$WWW$R_PATH"
cp "$G_PAGE" "$WWW/baodautu/page.html"
printf '%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n' >"$WWW/report.pdf"
python3 "$(dirname "$0")/static_server.py" "$WWW" "$TMP/port" >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
PORT=$(cat "$TMP/port" 2>/dev/null)
if [ -z "$PORT" ]; then not_ok "the local HTTP server started" "$(cat "$TMP/server.log")"; fi
FETCH=(--delay-ms 0 --retries 0 --timeout 10)
U=http://baoquocte.vn$R_PATH
w fixture add "$U" --site "$TMP/fetched/baoquocte.vn" --connect-to "baoquocte.vn:80:127.0.0.1:$PORT" "${FETCH[@]}"
expect_rc "add $U, connected to the local server" 0
F=$TMP/fetched/baoquocte.vn/$(basename "$R_PATH" .html)
expect_file_same "NAME (the URL's last segment).html is the body as served, byte for byte" "$WWW$R_PATH" "$F.html"
if [ "$(cat "$F.url" 2>/dev/null)" = "$U" ]; then ok "NAME.url holds the URL (not the page's https canonical)"; else
  not_ok "NAME.url holds the URL" "got: $(cat "$F.url" 2>&1)"; fi
expect_file_same "NAME.clean.txt is the hand-written expected text" "$R_EXPECTED" "$F.clean.txt"
expect_grep "the README row has the URL and today's date (UTC)" "$TMP/fetched/baoquocte.vn/README.md" \
  "| \`$(basename "$F").html\` | $(stat -c %s "$R_PAGE") | $U | $(date -u +%F) |  |  |  | **no**: check \`$(basename "$F").clean.txt\` against the page |"
w check "$TMP/fetched"
expect_rc "check of the fetched fixture" 0

L=http://127.0.0.1:$PORT/baodautu/page.html
w fixture add "$L" --site "$TMP/private" "${FETCH[@]}"
expect_rc "a loopback URL without --allow-private-addresses" 6
if [ "$(wc -l <"$ERR")" -eq 1 ] && grep -q "^winnow: fixture add: $L: .*private" "$ERR"; then
  ok "a loopback URL: one line naming it and the address policy"
else
  not_ok "a loopback URL: one line naming it and the address policy" "$(cat "$ERR")"
fi
expect_nothing_at "a loopback URL refused" "$TMP/private"
w fixture add "$L" --site "$TMP/private" --allow-private-addresses "${FETCH[@]}"
expect_rc "the loopback URL with --allow-private-addresses" 0
expect_file_same "page.html is the body as served" "$G_PAGE" "$TMP/private/page.html"
if [ "$(cat "$TMP/private/page.url" 2>/dev/null)" = "$L" ]; then ok "page.url holds the loopback URL"; else
  not_ok "page.url holds the loopback URL" "got: $(cat "$TMP/private/page.url" 2>&1)"; fi
w check "$TMP/private"
expect_rc "check of the loopback fixture" 0

echo "# 6. errors: one line, an exit code, nothing written"
w fixture add "http://127.0.0.1:$PORT/report.pdf" --site "$TMP/none" --allow-private-addresses "${FETCH[@]}"
expect_rc "a PDF at the URL" 6
expect_one_error "a PDF at the URL" "winnow: fixture add: http://127.0.0.1:$PORT/report.pdf: not an HTML page: application/pdf"
w fixture add "http://127.0.0.1:$PORT/missing.html" --site "$TMP/none" --allow-private-addresses "${FETCH[@]}"
expect_rc "a 404" 6
expect_one_error "a 404" "winnow: fixture add: http://127.0.0.1:$PORT/missing.html: HTTP 404"
CLOSED=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
w fixture add "http://127.0.0.1:$CLOSED/page.html" --site "$TMP/none" --allow-private-addresses "${FETCH[@]}"
expect_rc "an unreachable URL" 6
if [ "$(wc -l <"$ERR")" -eq 1 ] && grep -q "^winnow: fixture add: http://127.0.0.1:$CLOSED/page.html: .*[Cc]onnect" "$ERR"; then
  ok "an unreachable URL: one line naming it and the connection error"
else
  not_ok "an unreachable URL: one line naming it and the connection error" "$(cat "$ERR")"
fi
w fixture add "$TMP/saved/no-such-page.html" --site "$TMP/none"
expect_rc "a missing file" 3
expect_one_error "a missing file" \
  "winnow: fixture add: $TMP/saved/no-such-page.html: cannot open: No such file or directory"
expect_nothing_at "after four failed adds" "$TMP/none"
w fixture add "$TMP/saved/baodautu_article.html"
expect_rc "no --site" 2

echo "# 7. help"
w fixture add --help
expect_rc "fixture add --help" 0
if grep -q '^Examples:' "$OUT" && [ "$(grep -c '^ *winnow fixture add ' "$OUT")" -eq 2 ]; then
  ok "--help shows two examples"
else
  not_ok "--help shows two examples" "$(cat "$OUT")"
fi

echo "# $checks checks, $failed failed"
[ $failed -eq 0 ]
