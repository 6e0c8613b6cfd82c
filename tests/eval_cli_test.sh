#!/usr/bin/env bash
# `winnow eval` on a tiny benchmark written here: figures, determinism with
# threads, predictions written and read back, floors, and the exit codes.
#
#   tests/eval_cli_test.sh WINNOW_BINARY SOURCE_DIR
set -u
export LC_ALL=C
BIN=$1 RULES=$2/rules
TMP=$(mktemp -d "${TMPDIR:-/tmp}/winnow-eval-test.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
failed=0
check() {  # check NAME WANT GOT
  if [ "$2" = "$3" ]; then echo "ok - $1"; else
    echo "not ok - $1"; printf '#   want: %s\n#   got:  %s\n' "$2" "$3"; failed=1
  fi
}
w() { "$BIN" --rules "$RULES" "$@"; }

B=$TMP/bench
mkdir -p "$B/html"
page() {  # page ID PARAGRAPH...
  local id=$1; shift
  { echo "<html><head><title>t</title></head><body><nav>Home News Sport Weather Login</nav><article>"
    for p in "$@"; do echo "<p>$p</p>"; done
    echo "</article></body></html>"; } | gzip -c > "$B/html/$id.html.gz"
}
page a "The council met on Monday to approve the new budget for the coming year." \
       "Members voted eight to three after a long debate about school funding."
page b "Heavy rain closed two roads in the north of the county overnight." \
       "Crews expect to reopen them by noon once the water has gone down."
cat > "$B/ground-truth.json" <<'JSON'
{"a": {"articleBody": "The council met on Monday to approve the new budget for the coming year.\nMembers voted eight to three after a long debate about school funding.", "url": "https://a.example/news/1"},
 "b": {"articleBody": "Heavy rain closed two roads in the north of the county overnight.\nCrews expect to reopen them by noon once the water has gone down.", "url": "https://b.example/news/2"}}
JSON

first() { head -n 1; }
check "the ground truth as predictions scores 1" "pages 2  F1 1.000  precision 1.000  recall 1.000  accuracy 1.000" \
  "$(w eval "$B" --predictions "$B/ground-truth.json" | first)"

w eval "$B" --generic --write-predictions "$TMP/p1.json" > "$TMP/o1" 2>&1; rc=$?
check "running winnow: exit 0" 0 $rc
check "running winnow: two pages scored" "pages 2" "$(first < "$TMP/o1" | cut -c1-7)"
w eval "$B" --generic -j 2 --write-predictions "$TMP/p2.json" > "$TMP/o2" 2>&1
check "-j 2: the same figures and list" "$(grep -v '^time' "$TMP/o1")" "$(grep -v '^time' "$TMP/o2")"
check "-j 2: the same predictions" "$(cat "$TMP/p1.json")" "$(cat "$TMP/p2.json")"
check "written predictions score as the run did" "$(first < "$TMP/o1")" \
  "$(w eval "$B" --predictions "$TMP/p1.json" | first)"

echo '{"output": {"a": {"articleBody": "Home News Sport Weather Login"}}}' > "$TMP/bad.json"
out=$(w eval "$B" --predictions "$TMP/bad.json" --worst 1 --min-f1 0.5 2>&1); rc=$?
check "below --min-f1: exit 1" 1 $rc
check "below --min-f1: says so" "winnow: eval: F1 0.000 is below the floor 0.5 (--min-f1)" "$(grep floor <<< "$out")"
check "a page missing from the predictions: a warning" \
  "winnow: warning: $TMP/bad.json: no prediction for 1 of 2 pages (scored as empty)" "$(grep 'no prediction' <<< "$out")"
check "the worst page is listed with its URL" \
  "  a  F1 0.000  P 0.000  R 0.000  https://a.example/news/1" "$(grep '^  ' <<< "$out")"
w eval "$B" --predictions "$B/ground-truth.json" --min-f1 1 --min-precision 1 > /dev/null 2>&1
check "floors met: exit 0" 0 $?

echo '{"a": ' > "$TMP/broken.json"
err=$(w eval "$B" --predictions "$TMP/broken.json" 2>&1 >/dev/null); rc=$?
check "broken predictions: exit 3" 3 $rc
check "broken predictions: one line naming the file" "1 $TMP/broken.json: not valid JSON" \
  "$(wc -l <<< "$err") $(cut -d: -f3-4 <<< "$err" | sed 's/^ //')"
printf 'not gzip' > "$B/html/b.html.gz"
err=$(w eval "$B" 2>&1 >/dev/null); rc=$?
check "a broken page: exit 3" 3 $rc
check "a broken page: named" "winnow: eval: $B/html/b.html.gz: not gzip data (no gzip header)" "$(head -n 1 <<< "$err")"
w eval "$TMP/nowhere" > /dev/null 2>&1
check "no such directory: exit 3" 3 $?
w eval "$B" --predictions "$B/ground-truth.json" --generic > /dev/null 2>&1
check "--generic with --predictions: exit 2" 2 $?
w eval "$B" --favor sideways > /dev/null 2>&1
check "--favor sideways: exit 2" 2 $?
w eval "$B" --predictions "$B/ground-truth.json" --write-predictions "$TMP/no/dir/p.json" > /dev/null 2>&1
check "--write-predictions into no directory: exit 6" 6 $?
exit $failed
