#!/usr/bin/env bash
# `winnow eval --predictions` on every peer's published output must print the
# figures of the benchmark's README table, to three decimals: the metric is
# reimplemented exactly (tokens, shingles, edge cases, means), not nearly.
set -u
winnow=$1 bench=$2
if [ ! -f "$bench/ground-truth.json" ]; then
  echo "eval_peers: $bench: no benchmark there (the shared datasets must sit beside the project)" >&2
  exit 1
fi
# peers/<file>.json  F1 precision recall accuracy   (README, "Published results")
expected="
AutoExtract     0.970 0.984 0.956 0.470
rs_trafilatura  0.970 0.951 0.990 0.287
go_trafilatura  0.960 0.940 0.980 0.287
trafilatura     0.958 0.938 0.978 0.293
Diffbot         0.951 0.958 0.944 0.348
newspaper       0.949 0.964 0.934 0.326
readability_js  0.947 0.914 0.982 0.166
readability     0.922 0.913 0.931 0.315
goose3          0.896 0.940 0.856 0.232
justext         0.804 0.858 0.756 0.088
html-text       0.665 0.500 0.994 0.000
"
fail=0 n=0
while read -r peer f1 p r acc; do
  [ -z "$peer" ] && continue
  n=$((n + 1))
  file="$bench/peers/$peer.json"
  if [ ! -f "$file" ]; then echo "not ok - $file: missing"; fail=1; continue; fi
  want="pages 181  F1 $f1  precision $p  recall $r  accuracy $acc"
  got=$("$winnow" eval "$bench" --predictions "$file" --worst 0 2>&1 | head -n 1)
  if [ "$got" = "$want" ]; then
    echo "ok - $peer: $got"
  else
    echo "not ok - $peer"; echo "  want: $want"; echo "  got:  $got"; fail=1
  fi
done <<< "$expected"
[ $fail -eq 0 ] && echo "ok - all $n peers reproduce the published figures"
exit $fail
