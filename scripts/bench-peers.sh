#!/usr/bin/env bash
# winnow beside the tools people would pick instead, on the same pages, on
# this machine, in one run: Readability.js on jsdom (npm) and readability-lxml
# (Debian's python3-readability). Optional: not part of `make test`.
#
#   scripts/bench-peers.sh [BENCHMARK_DIR]      (default ../shared/datasets/article-extraction-benchmark)
#
# Environment: WINNOW (the binary, default build/winnow), PASSES (per tool,
# default 3; the median pass is used), PEERS_DIR (scratch folder for npm,
# default build/peers).
#
# Each tool reads and gunzips the pages once, then times whole passes over
# them, one thread: bytes decoded, parsed, the article extracted, its text
# taken (scripts/peers/*). winnow's figure is `winnow bench`'s one-thread
# pipeline (bytes in, JSON out) on the same pages in this run.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SET=${1:-$ROOT/../shared/datasets/article-extraction-benchmark}
BIN=${WINNOW:-$ROOT/build/winnow}
PASSES=${PASSES:-3}
SCRATCH=${PEERS_DIR:-$ROOT/build/peers}
# The versions measured in the README; change them here to measure others.
READABILITY_JS=@mozilla/readability@0.6.0
JSDOM=jsdom@29.1.1

say() { echo "bench-peers: $*" >&2; }
SET=$(cd "$SET" 2>/dev/null && pwd -P || echo "$SET")
[ -f "$SET/ground-truth.json" ] || { say "$SET: not a benchmark (no ground-truth.json)"; exit 3; }
[ -x "$BIN" ] || { say "$BIN: not built (make build)"; exit 3; }

# Debian packages: node and npm, readability-lxml. Only what is missing.
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
need=()
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
/usr/bin/python3 -c 'import readability, lxml' 2>/dev/null || need+=(python3-readability)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]} (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null || true
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm packages into the scratch folder, once.
mkdir -p "$SCRATCH"
if [ ! -d "$SCRATCH/node_modules/jsdom" ] || [ ! -d "$SCRATCH/node_modules/@mozilla/readability" ]; then
  say "npm install $READABILITY_JS $JSDOM into $SCRATCH"
  [ -f "$SCRATCH/package.json" ] || echo '{"private": true}' >"$SCRATCH/package.json"
  (cd "$SCRATCH" && npm install --silent --no-audit --no-fund "$READABILITY_JS" "$JSDOM" >/dev/null)
fi
versions=$(cd "$SCRATCH" && node -e "console.log('Readability.js ' + require('@mozilla/readability/package.json').version +
  ', jsdom ' + require('jsdom/package.json').version)")
lxml_version=$(dpkg-query -W -f='${Version}' python3-readability 2>/dev/null || echo '?')

# field NAME LINE: the value after NAME in a "name value name value" line.
field() { awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }' <<<"$2"; }

say "winnow bench (one thread, $PASSES passes)"
winnow_out=$("$BIN" bench --repeat "$PASSES" --no-rss -j 1 "$SET")
winnow_rate=$(awk '/winnow clean, whole pipeline/ { for (i = 1; i < NF; i++) if ($(i + 1) == "pages/s") { print $i; exit } }' \
  <<<"$winnow_out")
say "readability-lxml ($PASSES passes)"
lxml=$(/usr/bin/python3 "$ROOT/scripts/peers/readability_lxml.py" "$SET" "$PASSES")
say "Readability.js + jsdom ($PASSES passes; about 30 s each)"
js=$(NODE_PATH="$SCRATCH/node_modules" node "$ROOT/scripts/peers/readability_js.js" "$SET" "$PASSES")

pages=$(field pages "$lxml")
mbytes=$(awk -v b="$(field bytes "$lxml")" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "Peers on $SET: $pages pages, $mbytes MB of HTML, one thread, median of $PASSES passes, same machine, same run"
printf '  %-44s %9s  %s\n' "tool" "pages/s" "winnow is"
printf '  %-44s %9.1f  %s\n' "winnow (whole pipeline, JSON out)" "$winnow_rate" "-"
row() {
  local name=$1 line=$2 rate
  rate=$(field pages_per_s "$line")
  printf '  %-44s %9.1f  %.1fx faster   (%s pages failed)\n' "$name" "$rate" \
    "$(awk -v w="$winnow_rate" -v r="$rate" 'BEGIN { print w / r }')" "$(field failed "$line")"
}
row "readability-lxml $lxml_version (Debian)" "$lxml"
row "$versions" "$js"
echo "  (issue 5 asks: >= 20x Readability.js+jsdom, >= 5x readability-lxml)"
