#!/bin/sh
# reference-pages.sh DIR: DIR gets the five reference pages of ../shared/seeds
# (their fixtures: NAME.html and NAME.clean.txt, as symlinks), so that
# `winnow eval --generic DIR` scores the generic extractor on them alone.
set -eu
[ $# -eq 1 ] || { echo "usage: reference-pages.sh DIR" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$1"
mkdir -p "$1"
for page in thoidai.com.vn/ha-noi-quang-chau thoidai.com.vn/ha-noi-bac-kinh thoidai.com.vn/viet-nam-thuong-hai \
            tuoitrethudo.vn/hanh-lang-kinh-te-viet-trung baoquocte.vn/viet-nam-quang-dong; do
  for ext in html clean.txt; do
    [ -f "$root/fixtures/$page.$ext" ] || { echo "reference-pages.sh: missing fixtures/$page.$ext" >&2; exit 3; }
    ln -s "$root/fixtures/$page.$ext" "$1/$(basename "$page").$ext"
  done
done
