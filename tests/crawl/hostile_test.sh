#!/usr/bin/env bash
# Hostile servers in the middle of a crawl (the mirror's /rss_feed/hostile,
# tests/mirror/README.md): redirects to file://, to another host, to loopback,
# private and link-local addresses; a body that never ends, fast and slow; a
# server that accepts and never answers; a stall, a gzip bomb, a reset, a
# 500, a redirect loop, a 1 MiB header line; and a seed URL on a loopback
# address. The crawl ends (the bound is only "never hangs"), each bad URL
# has its one error line, and every real article of the same crawl is
# written. Then the switches that
# allow private addresses, from the command line.
#   tests/crawl/hostile_test.sh WINNOW_BINARY SOURCE_DIR
source "$(dirname "$0")/lib.sh"

echo "# 1. the mirror"
start_mirror hostile
py_checks expected --fixtures "$FIXTURES" --port "$PORT" --out "$T/plain.json" --variants 0 --label "(fixtures)"
N_HOSTILE=$(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import mirror; print(len(mirror.HOSTILE))' \
  "$SRC/tests/mirror")

echo "# 2. one crawl: the real articles, the hostile ones, a seed on a loopback address"
H=$T/hostile
write_job "$H/job.toml" /rss_feed/ /tin-moi/ 0 2 500
# Every site's feeds gain the hostile feed; short timeouts (what cuts the
# endless slow body and the silent server), a 1 MiB body cap (the endless
# fast body, the gzip bomb); the default address policy (private refused:
# the mirror is reached through connect-to, whose target is exempt); the
# first site gets a listing on the mirror's loopback address as a seed.
sed -i -e 's|^feeds = \["/rss_feed/"\]|feeds = ["/rss_feed/", "/rss_feed/hostile"]|' \
  -e 's|^timeout_s = .*|timeout_s = 3|' -e 's|^retries = .*|retries = 1\nmax_bytes = 1048576|' "$H/job.toml"
SEED="http://127.0.0.1:$PORT/tin-moi/"
sed -i "0,/^listings = \[\"\/tin-moi\/\"\]/s||listings = [\"/tin-moi/\", \"$SEED\"]|" "$H/job.toml"
if grep -q "rss_feed/hostile" "$H/job.toml" && grep -qF "$SEED" "$H/job.toml" && ! grep -q allow_private "$H/job.toml"; then
  ok "job: hostile feeds, a loopback seed, private addresses refused (the default)"
else
  not_ok "job: hostile feeds, a loopback seed, private addresses refused (the default)" "$(cat "$H/job.toml")"
fi
run_crawl 180 "$H/job.toml" -q
expect_rc "crawl with hostile servers (some pages failed, never a hang: 124 would be the time limit)" 5

# expect_line URL TEXT: the crawl's stderr has "URL: ...TEXT..." on one line.
expect_line() {
  if grep -F -- "$1: " "$ERR" | grep -qF -- "$2"; then
    ok "error line for $1 says: $2"
  else
    not_ok "error line for $1 says: $2" "lines for it: $(grep -F -- "$1" "$ERR" | head -n 3)"
  fi
}
for site in "${SITES[@]}"; do
  u="http://$site"
  expect_line "$u/hostile-redirect-file-990001.html" "redirect to a non-http(s) URL refused: file:///etc/passwd"
  expect_line "$u/hostile-redirect-other-host-990002.html" \
    "redirect to another host refused: http://other.example/bai-viet-1.html"
  expect_line "$u/hostile-redirect-loopback-990003.html" \
    "redirect to a loopback address refused: http://127.0.0.1:$PORT/rss_feed/ (allow_private_addresses = false)"
  expect_line "$u/hostile-redirect-ipv6-loopback-990004.html" \
    "redirect to a loopback address refused: http://[::1]:$PORT/ (allow_private_addresses = false)"
  expect_line "$u/hostile-redirect-private-990005.html" \
    "redirect to a private address refused: http://10.0.0.1/bai-viet-1.html (allow_private_addresses = false)"
  expect_line "$u/hostile-redirect-metadata-990006.html" \
    "redirect to a link-local address refused: http://169.254.169.254/latest/meta-data/"
  expect_line "$u/hostile-redirect-loop-990007.html" "more than 5 redirects"
  expect_line "$u/hostile-endless-body-990008.html" "body over 1048576 bytes (after decompression): cut off"
  expect_line "$u/hostile-endless-slow-body-990009.html" "curl error 28: "
  expect_line "$u/hostile-no-answer-990010.html" "curl error 28: "
  expect_line "$u/hostile-stall-990011.html" "curl error 28: "
  expect_line "$u/hostile-gzip-bomb-990012.html" "body over 1048576 bytes (after decompression): cut off"
  expect_line "$u/hostile-reset-990013.html" "curl error "
  expect_line "$u/hostile-server-error-990014.html" "HTTP 500 after 2 attempts"
  expect_line "$u/hostile-big-header-990015.html" "response header too large"
done
expect_line "$SEED" "listing: refused: 127.0.0.1 is a loopback address (allow_private_addresses = false)"
n_err=$(grep -c "error: " "$ERR")
if [ "$n_err" -eq $((N_HOSTILE * ${#SITES[@]} + 1)) ] && ! grep -v "error: " "$ERR" | grep -q .; then
  ok "stderr: exactly one error line per bad URL ($n_err), nothing else (--quiet)"
else
  not_ok "stderr: exactly one error line per bad URL ($((N_HOSTILE * ${#SITES[@]} + 1)) expected)" "$n_err lines:" \
    "$(head -c 3000 "$ERR")"
fi

echo "# 3. the rest of the crawl went on"
py_checks final --expected "$T/plain.json" --root "$H" --out "$H/out/articles" --manifest "$H/out/manifest.jsonl" \
  --state "$H/out/state.sqlite" --label "crawl with hostile servers" --status new --hostile-ok
py_checks hostile --state "$H/out/state.sqlite" --out "$H/out/articles" --manifest "$H/out/manifest.jsonl" \
  --label "crawl with hostile servers" --n $((N_HOSTILE * ${#SITES[@]}))
# Nothing was asked of any host but the three sites: no redirect to the
# mirror's own address, to other.example, and no refused seed was followed.
hosts=$(python3 -c '
import json, sys, urllib.request
log = json.load(urllib.request.urlopen("http://127.0.0.1:%s/__log" % sys.argv[1], timeout=10))
print(" ".join(sorted({e["host"] for e in log})))' "$PORT")
if [ "$hosts" = "$(printf '%s\n' "${SITES[@]}" | sort | tr '\n' ' ' | sed 's/ $//')" ]; then
  ok "mirror log: requests for the three sites only ($hosts)"
else
  not_ok "mirror log: requests for the three sites only" "hosts: $hosts"
fi
echo "# 4. the switches: --allow-private-addresses (fetch, crawl), the job key's type"
LIT="http://127.0.0.1:$PORT/fault/status?code=200"
(cd "$T/cwd" && timeout -k 5 60 "$BIN" --rules "$RULES" fetch --retries 0 "$LIT") >"$T/stdout" 2>"$ERR"
RC=$?
expect_rc "fetch of a loopback literal" 6
expect_line "$LIT" "refused: 127.0.0.1 is a loopback address (allow_private_addresses = false)"
reset_log
(cd "$T/cwd" && timeout -k 5 60 "$BIN" --rules "$RULES" fetch --retries 0 --allow-private-addresses "$LIT") \
  >"$T/stdout" 2>"$ERR"
n=$(python3 -c '
import json, sys, urllib.request
log = json.load(urllib.request.urlopen("http://127.0.0.1:%s/__log" % sys.argv[1], timeout=10))
print(sum(1 for e in log if e["host"] == "127.0.0.1" and e["path"].startswith("/fault/status")))' "$PORT")
if [ "$n" = 1 ] && ! grep -q "refused" "$ERR"; then
  ok "fetch --allow-private-addresses: the loopback literal is fetched"
else
  not_ok "fetch --allow-private-addresses: the loopback literal is fetched" "$n requests; $(head -c 500 "$ERR")"
fi
run_crawl 180 "$H/job.toml" -q --allow-private-addresses
expect_rc "crawl --allow-private-addresses (the failed hostile articles fail again)" 5
expect_line "$SEED" "listing: HTTP 404"
cp "$H/job.toml" "$T/typed.toml"
sed -i 's|^retries = .*|&\nallow_private_addresses = "yes"|' "$T/typed.toml"
run_crawl 60 "$T/typed.toml" -q
expect_rc "a job with allow_private_addresses = \"yes\"" 3
if grep -q "fetch.allow_private_addresses has the wrong type" "$ERR"; then
  ok "the job error names fetch.allow_private_addresses"
else
  not_ok "the job error names fetch.allow_private_addresses" "$(head -c 500 "$ERR")"
fi

mirror_check "at the end"
stop_mirror
echo "# $checks checks, $failed failed ($((SECONDS - START)) s)"
[ $failed -eq 0 ]
