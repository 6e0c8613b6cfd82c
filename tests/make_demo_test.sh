#!/usr/bin/env bash
# `make demo` builds the winnow binary alone, not the tests and fuzz replays
# (issue 17): its recipe, as `make -n` prints it, builds the target winnow
# and nothing else, then runs the demo script on that binary.
#   tests/make_demo_test.sh SOURCE_DIR
set -u
SRC=$1
source "$(dirname "$0")/tap.sh"
plan=$(make -n -C "$SRC" demo BUILD=/nonexistent/build JOBS=2 2>&1)
builds=$(printf '%s\n' "$plan" | grep -c 'cmake --build')
if printf '%s\n' "$plan" | grep -q 'cmake --build /nonexistent/build -j 2 --target winnow' && [ "$builds" -eq 1 ]; then
  ok "make demo builds one target, winnow"
else
  not_ok "make demo builds one target, winnow" "$plan"
fi
if printf '%s\n' "$plan" | grep -q 'scripts/demo.sh /nonexistent/build/winnow'; then
  ok "make demo then runs the demo on that binary"
else
  not_ok "make demo runs scripts/demo.sh on the binary" "$plan"
fi
if printf '%s\n' "$plan" | grep -Eq 'unit_tests|integration_tests|fuzz_|tests_(fast|asan|tsan)'; then
  not_ok "make demo builds no test or fuzz target" "$plan"
else
  ok "make demo builds no test or fuzz target"
fi
echo "# $checks checks, $failed failed"
[ "$failed" -eq 0 ]
