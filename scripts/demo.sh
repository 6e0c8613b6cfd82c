#!/usr/bin/env bash
# The demo: the main crawl job (jobs/demo.toml) against the local mirror of
# the three sites (tests/mirror/mirror.py serves the fixtures as them), then each
# article checked against its expected clean text, then the job run again to
# show that nothing is fetched twice; then a site with no rule file crawled
# from a one-line job (jobs/any-site.toml), twice.
set -euo pipefail
winnow=$(realpath "${1:-build/winnow}")
cd "$(dirname "$0")/.."
out=out/demo
tmp=$(mktemp -d)
mirror_pid=""
cleanup() {
  [ -n "$mirror_pid" ] && kill "$mirror_pid" 2>/dev/null && wait "$mirror_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

python3 tests/mirror/mirror.py --fixtures fixtures --port-file "$tmp/port" &
mirror_pid=$!
for _ in $(seq 1 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
[ -s "$tmp/port" ] || { echo "demo: the mirror did not start" >&2; exit 1; }
port=$(cat "$tmp/port")
connect=()
for host in thoidai.com.vn tuoitrethudo.vn baoquocte.vn tinnhanh.example m.tinnhanh.example amp.tinnhanh.example; do
  connect+=(--connect-to "$host:80:127.0.0.1:$port")
done
echo "demo: mirror of thoidai.com.vn, tuoitrethudo.vn, baoquocte.vn on 127.0.0.1:$port"

rm -rf "$out"  # start from nothing, so the first run collects everything
echo; echo "demo: first run"
"$winnow" crawl jobs/demo.toml "${connect[@]}"

# Every fixture page's article, byte for byte against its expected text.
same=0 total=0
for page in fixtures/{thoidai.com.vn,tuoitrethudo.vn,baoquocte.vn}/*.html; do  # the mirrored sites
  total=$((total + 1))
  site=$(basename "$(dirname "$page")")
  url=$(grep -o '<link rel="canonical" href="[^"]*"' "$page" | head -1 | sed 's/.*href="//; s/"$//')
  stem=$(basename "${url%.html}")
  if cmp -s "$out/articles/$site/$stem.txt" "${page%.html}.clean.txt"; then
    same=$((same + 1))
  else
    echo "demo: DIFFERS: $out/articles/$site/$stem.txt vs ${page%.html}.clean.txt" >&2
  fi
done
echo "demo: $same of $total articles identical to their expected clean text"
echo "demo: articles in $out/articles/, manifest $out/manifest.jsonl ($(wc -l < "$out/manifest.jsonl") lines), state $out/state.sqlite"

echo; echo "demo: second run (nothing new to fetch)"
"$winnow" crawl jobs/demo.toml "${connect[@]}"

# A site no rule file serves, from one line: sites = ["tinnhanh.example"].
any=out/any-site
rm -rf "$any"
echo; echo "demo: a site with no rule file (jobs/any-site.toml), first run"
"$winnow" crawl jobs/any-site.toml "${connect[@]}"
dups=$(grep -c '"status":"duplicate"' "$any/articles/manifest.jsonl" || true)
written=$(grep -c '"status":"new"' "$any/articles/manifest.jsonl" || true)
echo "demo: $written articles written, $dups duplicate(s) recorded, not written:"
grep '"status":"duplicate"' "$any/articles/manifest.jsonl" | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    print("  %s\n    = %s" % (m["url"], m["duplicate_of"]))'
echo; echo "demo: a site with no rule file, second run (nothing new to fetch)"
"$winnow" crawl jobs/any-site.toml "${connect[@]}"
[ "$same" -eq "$total" ]
