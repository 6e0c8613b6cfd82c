#!/usr/bin/env bash
# The demo (for now): clean every bundled fixture page and print one line for
# each: lines and words of article text, title, date, and whether it matches
# the expected text. The crawl issue turns this into a real crawl job.
set -euo pipefail
winnow=${1:-build/winnow}
cd "$(dirname "$0")/.."
pass=0 fail=0
for page in fixtures/*/*.html; do
  expected=${page%.html}.clean.txt
  name=${page#fixtures/}; name=${name%.html}
  text=$("$winnow" clean "$page" 2>/dev/null)
  json=$("$winnow" clean --format json "$page" 2>/dev/null)
  summary=$(printf '%s' "$json" | python3 -c '
import json, sys
a = json.load(sys.stdin)
t = a["title"] or "(no title)"
t = t if len(t) <= 60 else t[:59] + "…"
d = a["published"] or "undated"
print("%-25s  \"%s\"" % (d, t))')
  lines=$(printf '%s\n' "$text" | grep -c . || true)
  words=$(printf '%s\n' "$text" | wc -w)
  verdict="no expected text"
  if [ -f "$expected" ]; then
    if [ "$text" == "$(cat "$expected")" ]; then verdict="= expected"; pass=$((pass+1))
    else verdict="DIFFERS from expected"; fail=$((fail+1)); fi
  fi
  printf '%-50s %3d lines %5d words  %s  %s\n' "$name" "$lines" "$words" "$summary" "$verdict"
done
echo "demo: $((pass+fail)) pages with expected text, $pass identical, $fail different"
