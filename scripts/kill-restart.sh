#!/usr/bin/env bash
# Crash safety, issue 6: a crawl killed with SIGKILL at KILLS random moments
# (default 50), restarted after each, then run to its end; the invariants are
# checked after every kill and at the end (tests/crawl/kill_test.sh says
# which). The last line reads "50/50 kills: invariants held; ..." or names
# the failures. ctest runs the same test with fewer kills (crawl_kill).
#   scripts/kill-restart.sh [KILLS] [WINNOW_BINARY]     (default: build/winnow)
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
kills=${1:-50}
bin=${2:-$here/build/winnow}
case $kills in '' | *[!0-9]*) echo "usage: $0 [KILLS] [WINNOW_BINARY]" >&2; exit 2 ;; esac
if [ ! -x "$bin" ]; then
  echo "kill-restart: $bin is not built (make build)" >&2
  exit 2
fi
WINNOW_KILLS=$kills exec "$here/tests/crawl/kill_test.sh" "$bin" "$here"
