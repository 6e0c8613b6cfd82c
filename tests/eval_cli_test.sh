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
# A WCXB set (ground-truth/ID.json, html/ID.html.gz): WCXB's metric, per type,
# the articles' metadata, its floors, predictions with metadata round trip.
X=$TMP/wcxb
mkdir -p "$X/ground-truth" "$X/html"
{ echo '<html><head><title>Budget approved | Example News</title>'
  echo '<meta property="article:published_time" content="2025-03-12T08:30:00+07:00">'
  echo '<meta name="author" content="Jane Roe"></head><body><nav>Home News Sport Weather Login</nav><article>'
  echo '<h1>Budget approved</h1><p>The council met on Monday to approve the new budget for the coming year.</p>'
  echo '<p>Members voted eight to three after a long debate about school funding.</p></article></body></html>'; } |
  gzip -c > "$X/html/0001.html.gz"
cat > "$X/ground-truth/0001.json" <<'JSON'
{"url": "https://a.example/news/1", "_internal": {"page_type": {"primary": "article"}},
 "ground_truth": {"title": "Budget approved", "author": "Jane Roe", "publish_date": "2025-03-12",
  "main_content": "The council met on Monday to approve the new budget for the coming year.\n\nMembers voted eight to three after a long debate about school funding.",
  "with": ["approve the new budget"], "without": ["Weather Login"]}}
JSON
{ echo '<html><body><div class="post"><p>First post: my router drops the connection every night at two.</p></div>'
  echo '<div class="post"><p>Reply: update the firmware, it fixed the same thing for me.</p></div></body></html>'; } |
  gzip -c > "$X/html/0002.html.gz"
cat > "$X/ground-truth/0002.json" <<'JSON'
{"url": "https://forum.example/t/2", "_internal": {"page_type": {"primary": "forum"}},
 "ground_truth": "{'title': 'Router drops', 'author': None, 'publish_date': None, 'main_content': 'First post: my router drops the connection every night at two.\\n\\nReply: update the firmware, it fixed the same thing for me.', 'with': ['update the firmware'], 'without': []}"}
JSON
out=$(w eval "$X" --generic --write-predictions "$TMP/wp.json" --write-scores "$TMP/ws.json" 2>&1); rc=$?
check "wcxb: exit 0" 0 $rc
check "wcxb: all pages, WCXB's figures" "all 2  F1" "$(grep '^all ' <<< "$out" | cut -c1-9)"
check "wcxb: per page type" "  article 1;  forum 1" "$(grep -E '^  (article|forum) ' <<< "$out" | cut -d' ' -f1-4 | paste -sd';')"
check "wcxb: the articles' metadata" "articles 1: title exact" "$(grep '^articles' <<< "$out" | cut -c1-23)"
check "wcxb: the page types told, against the truth's" "page types told 1.000 (2/2)" \
  "$(grep '^page types' <<< "$out" | cut -c1-27)"
# A predictions file gives no page types: that line aside, the same output.
check "wcxb: the written predictions score as the run did" "$(grep -v -e '^time' -e '^page types' <<< "$out")" \
  "$(w eval "$X" --predictions "$TMP/wp.json" 2>&1 | grep -v '^time')"
check "wcxb: predictions carry the metadata" '"publish_date": "2025-03-12T08:30:00+07:00"' \
  "$(grep -o '"publish_date": "2025[^"]*"' "$TMP/wp.json")"
check "wcxb: scores give each verdict" '"verdict": "right"' "$(grep -m1 -o '"verdict": "[a-z ]*"' "$TMP/ws.json")"
# The truth as predictions, in evaluate.py's {id: text} shape: every figure 1,
# but `without` 0.5: a page with no `without` snippets counts 1 (the script's rule).
cat > "$TMP/wtruth.json" <<'JSON'
{"0001": "The council met on Monday to approve the new budget for the coming year.\n\nMembers voted eight to three after a long debate about school funding.",
 "0002": "First post: my router drops the connection every night at two.\n\nReply: update the firmware, it fixed the same thing for me."}
JSON
out=$(w eval "$X" --predictions "$TMP/wtruth.json" 2>&1)
check "wcxb: the truth scores 1, without 0.5" "all 2  F1 1.000  precision 1.000  recall 1.000  with 1.000  without 0.500" \
  "$(grep '^all ' <<< "$out")"
check "wcxb: no metadata given: title, author and date all missed" \
  "articles 1: title exact 0.000 (0/1), authors 0.000 (0/1) (named in the truth 0.000 (0/1)), date 0.000 (0/1), published or modified 0.000 (0/1)" \
  "$(grep '^articles' <<< "$out")"
# The truth's date as the page's modified one, published another day.
echo '{"0001": {"articleBody": "x", "publish_date": "2024-01-05T10:00:00", "modified": "2025-03-12T09:00:00+07:00"}}' > "$TMP/wmod.json"
check "wcxb: published or modified" "date 0.000 (0/1), published or modified 1.000 (1/1)" \
  "$(w eval "$X" --predictions "$TMP/wmod.json" 2>&1 | grep '^articles' | grep -o 'date .*')"
echo '{"0001": {"articleBody": "The council met.", "title": "Budget approved | Example News"}}' > "$TMP/wbad.json"
out=$(w eval "$X" --predictions "$TMP/wbad.json" --min-title 0.5 --min-date 0.5 2>&1); rc=$?
check "wcxb: below --min-title: exit 1" 1 $rc
check "wcxb: each floor missed is said" \
  "winnow: eval: title exact 0.000 is below the floor 0.5 (--min-title);winnow: eval: date 0.000 is below the floor 0.5 (--min-date)" \
  "$(grep floor <<< "$out" | paste -sd';')"
w eval "$B" --predictions "$B/ground-truth.json" --min-title 0.5 > /dev/null 2>&1
check "--min-title on a set with no metadata truth: exit 2" 2 $?
echo '{"ground_truth": {"main_content": 7}}' > "$X/ground-truth/0003.json"
err=$(w eval "$X" 2>&1 >/dev/null); rc=$?
check "wcxb: a broken ground truth: exit 3" 3 $rc
check "wcxb: one line naming the file" \
  "winnow: eval: $X/ground-truth/0003.json: ground_truth.main_content is a number, not a string" "$err"
exit $failed
