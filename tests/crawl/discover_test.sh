#!/usr/bin/env bash
# A crawl job naming only a host with no rule file (issue 15), against the
# mirror's tinnhanh.example (tests/mirror/README.md): feeds found by
# autodiscovery, sitemaps through robots.txt (an index, gzip, a Google News
# sitemap), articles told by their URL shapes, the article-shaped listing
# page not written, URL variants never a second article, a syndicated copy
# recorded as a duplicate; a second run fetches nothing new; a backfill by
# `since` fetches exactly the articles published since.
#   tests/crawl/discover_test.sh WINNOW_BINARY SOURCE_DIR
source "$(dirname "$0")/lib.sh"
DPY=$(dirname "$0")/discover_check.py
# dpy ARGS...: discover_check.py's checks, tallied like py_checks'.
dpy() { PY=$DPY py_checks "$@"; }

echo "# 1. the mirror and its truth"
start_mirror discover
for h in tinnhanh.example m.tinnhanh.example amp.tinnhanh.example; do CT+=(--connect-to "$h:80:127.0.0.1:$PORT"); done
dpy truth --port "$PORT" --out "$T/truth.json"

# one_line_job FILE [SINCE]: the job a user writes for a site with no rule
# file. The base_url line is the mirror's (plain HTTP); a real site needs
# none (https://HOST is the default).
one_line_job() {
  mkdir -p "$(dirname "$1")"
  {
    echo 'sites = ["tinnhanh.example"]'
    echo 'output = "out/articles"'
    [ -n "${2:-}" ] && echo "since = \"$2\""
    echo '[fetch]'
    echo 'delay_ms = 0'
    echo 'per_host = 4'
    echo '[site."tinnhanh.example"]'
    echo 'base_url = "http://tinnhanh.example"'
  } >"$1"
}

# ---------------------------------------------------------------------------
echo "# 2. the first run"
D=$T/site
one_line_job "$D/job.toml"
reset_log
run_crawl 60 "$D/job.toml"
expect_rc "first run" 0
if grep -q "crawl job: 24 new, 0 updated, 0 unchanged, 0 failed, 1 skipped (0 not HTML, 1 typed listings), 1 duplicates not written" "$ERR"; then
  ok "first run: the summary says 24 new, the listing skipped, 1 duplicate not written"
else
  not_ok "first run: the summary" "$(tail -n 3 "$ERR")"
fi
if grep -q "no rule file serves" "$ERR"; then
  not_ok "first run: no warning per article that no rule file serves the site" "$(grep -m 3 "no rule file" "$ERR")"
else
  ok "first run: no warning per article that no rule file serves the site (the job chose it)"
fi
dpy final --truth "$T/truth.json" --out "$D/out/articles" --manifest "$D/out/articles/manifest.jsonl" \
  --state "$D/out/articles/state.sqlite" --label "first run"
dpy log --truth "$T/truth.json" --port "$PORT" --label "first run log"

# ---------------------------------------------------------------------------
echo "# 3. the second run: nothing new"
cp "$D/out/articles/manifest.jsonl" "$T/manifest.1"
reset_log
run_crawl 60 "$D/job.toml"
expect_rc "second run" 0
if grep -q "crawl job: 0 new, 0 updated, 0 unchanged, 0 failed, 0 skipped" "$ERR"; then
  ok "second run: the summary says nothing new, nothing fetched again"
else
  not_ok "second run: the summary says nothing new" "$(tail -n 3 "$ERR")"
fi
check "second run: the manifest did not change" cmp -s "$T/manifest.1" "$D/out/articles/manifest.jsonl"
dpy log --truth "$T/truth.json" --port "$PORT" --label "second run log" --rerun

# ---------------------------------------------------------------------------
echo "# 3b. the state lost: rebuilt from the manifest, the duplicate's line included"
rm -f "$D"/out/articles/state.sqlite*
reset_log
run_crawl 60 "$D/job.toml"
expect_rc "state lost" 0
# (The topic page, skipped as a listing, has no manifest line: the rebuilt
# state does not know it, so it is fetched and skipped once more.)
if grep -q "crawl job: 0 new, 0 updated, 0 unchanged, 0 failed, 1 skipped (0 not HTML, 1 typed listings)," "$ERR" &&
  grep -q "rebuilding it from the manifest" "$ERR"; then
  ok "state lost: rebuilt from the manifest; nothing new, nothing written again, the duplicate not fetched"
else
  not_ok "state lost: rebuilt, nothing new" "$(tail -n 4 "$ERR")"
fi
check "state lost: the manifest did not change" cmp -s "$T/manifest.1" "$D/out/articles/manifest.jsonl"
dpy log --truth "$T/truth.json" --port "$PORT" --label "state lost log" --rerun --discovery-refetched

# ---------------------------------------------------------------------------
echo "# 4. a backfill from a date"
B=$T/backfill
one_line_job "$B/job.toml" 2026-11-01
reset_log
run_crawl 60 "$B/job.toml"
expect_rc "backfill" 0
dpy log --truth "$T/truth.json" --port "$PORT" --label "backfill log" --since 2026-11-01T00:00:00+00:00
dpy final --truth "$T/truth.json" --out "$B/out/articles" --manifest "$B/out/articles/manifest.jsonl" \
  --state "$B/out/articles/state.sqlite" --label "backfill" --since 2026-11-01T00:00:00+00:00

# ---------------------------------------------------------------------------
echo "# 5. sources found only at a usual path"
# baoquocte.vn on the mirror: its robots.txt names no sitemap and it has no
# home page (404); its feed is at /rss_feed/, one of this job's usual paths.
U=$T/usual
mkdir -p "$U"
cat >"$U/job.toml" <<'JOB'
sites = ["baoquocte.vn"]
output = "out/articles"
[discover]
feed_paths = ["/rss", "/rss_feed/"]
sitemap_paths = ["/sitemap.xml"]
[fetch]
delay_ms = 0
[site."baoquocte.vn"]
base_url = "http://baoquocte.vn"
feeds = []
listings = []
discover = true
JOB
reset_log
run_crawl 60 "$U/job.toml"
expect_rc "usual paths (the home page's 404 is the one discovery error)" 5
n_bqt=$(ls "$FIXTURES"/baoquocte.vn/*.html | wc -l)
if grep -q "crawl job: $n_bqt new, 0 updated, 0 unchanged, 0 failed" "$ERR" && grep -q "1 discovery errors" "$ERR" &&
  grep -q "http://baoquocte.vn/: listing: HTTP 404" "$ERR"; then
  ok "usual paths: the feed found at /rss_feed/, its $n_bqt articles written; /rss and /sitemap.xml missing are no error"
else
  not_ok "usual paths: the feed found at /rss_feed/" "$(tail -n 4 "$ERR")"
fi
probes=$(python3 -c 'import json,sys,urllib.request
log=json.load(urllib.request.urlopen("http://127.0.0.1:%s/__log" % sys.argv[1]))
print(" ".join(sorted({e["path"] for e in log if e["path"] in ("/rss", "/rss_feed/", "/sitemap.xml")})))' "$PORT")
check "usual paths: /rss, /rss_feed/ and /sitemap.xml tried (got: $probes)" [ "$probes" = "/rss /rss_feed/ /sitemap.xml" ]

# ---------------------------------------------------------------------------
echo "# 6. languages: only articles in the job's languages are written"
for langs in '"en"' '"vi", "en"'; do
  L=$T/lang-${#langs}
  one_line_job "$L/job.toml"
  sed -i "1i languages = [$langs]" "$L/job.toml"
  run_crawl 60 "$L/job.toml"
  expect_rc "languages = [$langs]" 0
  files=$(find "$L/out/articles" -name '*.txt' | wc -l)
  if [ "$langs" = '"en"' ]; then
    rows=$(sqlite3 "$L/out/articles/state.sqlite" "select count(*) from pages where error like 'language vi, not one of the job''s (en)'" 2>&1)
    if [ "$files" -eq 0 ] && grep -q "crawl job: 0 new, .* in other languages" "$ERR" && [ "$rows" -ge 24 ]; then
      ok "languages = [\"en\"]: no article of the Vietnamese site written; $rows skipped rows say why; the summary counts them"
    else
      not_ok "languages = [\"en\"]: nothing written, each skipped with its language" "files $files, rows $rows" "$(tail -n 2 "$ERR")"
    fi
  else
    check "languages = [$langs]: the 24 articles written as without the key ($files files)" [ "$files" -eq 24 ]
  fi
done

mirror_check "at the end"
echo "# $checks checks, $failed failed ($((SECONDS - START)) s)"
[ "$failed" -eq 0 ]
