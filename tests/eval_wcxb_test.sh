#!/usr/bin/env bash
# `winnow eval` on the WCXB dev split (../shared/datasets/wcxb-dev): its
# figures held at floors a little below what the extractor reaches
# (docs/evaluation.md, "WCXB"), then every page's scores checked against
# Python's own computation of the benchmark's metric
# (scripts/wcxb-crosscheck.py).
#
#   tests/eval_wcxb_test.sh WINNOW_BINARY SOURCE_DIR
set -u
BIN=$1 SRC=$2
SET=$SRC/../shared/datasets/wcxb-dev
TMP=$(mktemp -d "${TMPDIR:-/tmp}/winnow-wcxb-test.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
"$BIN" --rules "$SRC/rules" eval -j 2 --worst 0 "$SET" \
  --min-f1 0.840 --min-precision 0.840 --min-title 0.87 --min-authors 0.79 --min-date 0.87 \
  --write-predictions "$TMP/predictions.json" --write-scores "$TMP/scores.json" || exit 1
python3 "$SRC/scripts/wcxb-crosscheck.py" "$SET" "$TMP/predictions.json" "$TMP/scores.json"
