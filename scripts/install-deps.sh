#!/usr/bin/env bash
# Installs, from Debian's archive, only the build and test dependencies that
# are missing. Safe to run again: a machine that has everything does nothing.
#   install-deps.sh          build and test
#   install-deps.sh --fuzz   and clang with libFuzzer (make fuzz)
set -euo pipefail

PACKAGES=(
  cmake g++ make pkg-config
  libgumbo-dev libre2-dev libspdlog-dev libfmt-dev doctest-dev
  libcurl4-openssl-dev libtomlplusplus-dev nlohmann-json3-dev libcli11-dev
  libsqlite3-dev libxml2-dev zlib1g-dev sqlite3 python3
  wget  # tests/warc_cli_test.sh: an independent WARC writer
  python3-distributed  # scripts/winnow-dask.py (Dask) and tests/dask_driver_test.sh
  libcld2-dev  # the text's language (CLD2)
  help2man  # the man page, from the help (scripts/make-man.sh)
  cmark-gfm  # tests/markup_test.py: a real CommonMark (+ GFM tables) parser reads the Markdown
)
if [ "${1:-}" = "--fuzz" ]; then PACKAGES+=(clang libclang-rt-14-dev); fi
# tests/crawl/warc_test.sh reads a crawl's WARC archive back with Webrecorder's
# warcio.js, which it installs with npm under the build tree: Debian's node
# and npm, unless a node with its npm is installed already (NodeSource's
# nodejs bundles npm and conflicts with Debian's npm package).
if ! command -v npm >/dev/null 2>&1; then PACKAGES+=(nodejs npm); fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
# A stale package index makes apt-get install fail with 404s; refresh it once.
$SUDO apt-get update -qq >/dev/null || true
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
