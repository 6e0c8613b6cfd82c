#!/usr/bin/env bash
# The reference pages' expected files in fixtures/ must be the seeds in
# ../shared/seeds byte for byte, and every seed must have its fixture page.
set -u
seeds=$1 fixtures=$2
if [ ! -d "$seeds" ]; then
  echo "seeds: $seeds: not found (the shared reference pages must sit beside the project)" >&2
  exit 1
fi
fail=0 n=0
for f in "$seeds"/*/*.dump.txt "$seeds"/*/*.clean.txt "$seeds"/*/*.meta.json; do
  site=$(basename "$(dirname "$f")")
  copy="$fixtures/$site/$(basename "$f")"
  n=$((n + 1))
  if ! cmp -s "$f" "$copy"; then
    echo "not ok - $copy differs from $f"; fail=1
  fi
done
for f in "$seeds"/*/*.dump.txt; do
  site=$(basename "$(dirname "$f")")
  page="$fixtures/$site/$(basename "$f" .dump.txt).html"
  if [ ! -f "$page" ]; then echo "not ok - no fixture page $page"; fail=1; fi
done
[ $fail -eq 0 ] && echo "ok - $n reference files identical to the seeds"
exit $fail
