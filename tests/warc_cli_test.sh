#!/usr/bin/env bash
# `winnow clean --warc FILE|-`: WARC files written here with Python's
# standard library after ISO 28500 (plain, gzip per record as Common Crawl
# writes it, gzip whole) and one written by wget: each HTML response is one
# JSON line, `url`, `warc_record_id` and `warc_date` first, then exactly
# what `winnow clean --format json --url URL PAGE` prints for the page; the
# other records are skipped and counted; -j N and stdin give the same lines;
# a file cut mid-record gives the lines before it, one error line with the
# byte offset and exit 5; no WARC at all is exit 3; --format text is exit 2.
#
#   tests/warc_cli_test.sh WINNOW_BINARY SOURCE_DIR
set -u
export LC_ALL=C

if [ $# -ne 2 ]; then
  echo "usage: $0 WINNOW_BINARY SOURCE_DIR" >&2
  exit 2
fi
BIN=$1
SRC=$2
RULES=$SRC/rules
FIX=$SRC/fixtures

TMP=$(mktemp -d "${TMPDIR:-/tmp}/winnow-warc-cli.XXXXXX") || exit 1
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

source "$(dirname "$0")/tap.sh"
expect_same() {
  if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1" "$(diff "$2" "$3" | head -c 1500)"; fi
}
expect_rc() {
  if [ "$RC" -eq "$2" ]; then ok "$1: exit $2"; else not_ok "$1: exit $2" "got $RC: $(head -3 "$TMP/err")"; fi
}
run() {
  "$@" >"$TMP/out" 2>"$TMP/err"
  RC=$?
}
w() { run "$BIN" --rules "$RULES" "$@"; }

# Four fixture pages with the URLs they were served at (their canonicals).
PAGES=(
  "$FIX/vnexpress.net/cach-cac-nuoc-doi-pho-cu-soc-nang-luong.html"
  "$FIX/cafef.vn/tang-ho-tro-tien-su-dung-dat.html"
  "$FIX/dantri.com.vn/gia-vang-giam-van-cao-hon-the-gioi.html"
  "$FIX/znews.vn/apple-huy-bo-du-an-quan-trong.html"
)
URLS=(
  "https://vnexpress.net/cach-cac-nuoc-doi-pho-cu-soc-nang-luong-tu-trung-dong-5047363.html"
  "https://cafef.vn/tang-ho-tro-giam-ap-luc-tai-chinh-khi-chuyen-muc-dich-su-dung-dat-188260307071033787.chn"
  "https://dantri.com.vn/kinh-doanh/gia-vang-giam-van-cao-hon-the-gioi-gan-20-trieu-dongluong-20260307080054340.htm"
  "https://znews.vn/apple-huy-bo-du-an-quan-trong-post1528657.html"
)
for p in "${PAGES[@]}"; do
  if [ ! -f "$p" ]; then
    not_ok "fixture page $p exists"
    exit 1
  fi
done

# The WARC files: warcinfo; per page a request and its response (one plain
# with a charset, one chunked, one gzip-encoded, one without a charset);
# a metadata record, a revisit, a PNG, a truncated response and a redirect.
# 14 records, 7 responses, 4 HTML pages. Also what each page's line must
# carry (expected.json) and where the third response starts (cut.json).
cat >"$TMP/mkwarc.py" <<'EOF'
import gzip, json, sys, uuid

out = sys.argv[1]
pairs = list(zip(sys.argv[2::2], sys.argv[3::2]))  # (page, url)
records, expected = [], []
n = 0

def record(kind, uri, block, ctype, extra=(), version="WARC/1.0"):
    global n
    n += 1
    rid = "<urn:uuid:%s>" % uuid.UUID(int=0x1000 + n)
    date = "2026-03-07T00:%02d:00Z" % n
    head = [version, "WARC-Type: " + kind, "WARC-Record-ID: " + rid, "WARC-Date: " + date]
    if uri:
        head.append("WARC-Target-URI: " + uri)
    head += list(extra)
    head += ["Content-Type: " + ctype, "Content-Length: %d" % len(block)]
    records.append(("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n")
    return rid, date

def http(status, headers, body):
    return ("HTTP/1.1 %s\r\n" % status + "".join(h + "\r\n" for h in headers) + "\r\n").encode() + body

def chunked(body, size=1000):
    parts = [b"%x\r\n%s\r\n" % (len(body[i:i + size]), body[i:i + size]) for i in range(0, len(body), size)]
    return b"".join(parts) + b"0\r\n\r\n"

RESP = "application/http; msgtype=response"
REQ = "application/http; msgtype=request"
record("warcinfo", "", b"software: warc_cli_test\r\nformat: WARC File Format 1.1\r\n",
       "application/warc-fields", version="WARC/1.1")
starts = []
for i, (page, url) in enumerate(pairs):
    body = open(page, "rb").read()
    host = url.split("/")[2]
    record("request", url, ("GET /%s HTTP/1.1\r\nHost: %s\r\n\r\n" % (url.split("/", 3)[3], host)).encode(), REQ)
    if i == 0:
        block = http("200 OK", ["Content-Type: text/html; charset=utf-8", "Content-Length: %d" % len(body)], body)
    elif i == 1:
        block = http("200 OK", ["Content-Type: text/html; charset=UTF-8", "Transfer-Encoding: chunked"], chunked(body))
    elif i == 2:
        z = gzip.compress(body)
        block = http("200 OK", ["Content-Type: text/html; charset=utf-8", "Content-Encoding: gzip",
                                "Content-Length: %d" % len(z)], z)
    else:
        block = http("200 OK", ["Content-Type: text/html"], body)
    starts.append(sum(len(r) for r in records))
    rid, date = record("response", url, block, RESP, version="WARC/1.1" if i % 2 else "WARC/1.0")
    expected.append({"page": page, "url": url, "warc_record_id": rid, "warc_date": date})
    if i == 0:
        record("metadata", url, b"fetchTimeMs: 42\r\n", "application/warc-fields", ["WARC-Concurrent-To: " + rid])
        record("revisit", url, http("200 OK", ["Content-Type: text/html"], b""), RESP,
               ["WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest",
                "WARC-Refers-To: " + rid])
        record("response", "https://vnexpress.net/logo.png",
               http("200 OK", ["Content-Type: image/png"], b"\x89PNG\r\n\x1a\n" + bytes(200)), RESP)
    if i == 1:
        cut = open(pairs[0][0], "rb").read()[:3000]
        record("response", pairs[0][1] + "?cut", http("200 OK", ["Content-Type: text/html"], cut), RESP,
               ["WARC-Truncated: length"])
        record("response", "https://cafef.vn/old", http("301 Moved Permanently", ["Location: " + url], b""), RESP)

plain = b"".join(records)
open(out + "/plain.warc", "wb").write(plain)
open(out + "/per-record.warc.gz", "wb").write(b"".join(gzip.compress(r) for r in records))
open(out + "/whole.warc.gz", "wb").write(gzip.compress(plain))
json.dump(expected, open(out + "/expected.json", "w"))
# A cut 500 bytes into the third page's response: its offset, and the file.
open(out + "/cut.warc", "wb").write(plain[:starts[2] + 500])
json.dump({"offset": starts[2], "records": n}, open(out + "/cut.json", "w"))
EOF

ARGS=()
for i in "${!PAGES[@]}"; do ARGS+=("${PAGES[$i]}" "${URLS[$i]}"); done
if ! python3 "$TMP/mkwarc.py" "$TMP" "${ARGS[@]}" 2>"$TMP/err"; then
  not_ok "the WARC files are written" "$(cat "$TMP/err")"
  exit 1
fi

# What the single-page command prints for each page, by its URL.
mkdir -p "$TMP/single"
for i in "${!PAGES[@]}"; do
  "$BIN" --rules "$RULES" clean --format json --url "${URLS[$i]}" "${PAGES[$i]}" >"$TMP/single/$i.json" 2>/dev/null
done

# check_lines NAME OUT EXPECTED_JSON SINGLE_DIR: one line per expected page,
# in order; url, warc_record_id, warc_date first and right; then exactly the
# single-page object's keys and values.
cat >"$TMP/check_lines.py" <<'EOF'
import json, sys
out, expected, single = sys.argv[1], json.load(open(sys.argv[2])), sys.argv[3]
lines = open(out, encoding="utf-8").read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
problems = []
if len(lines) != len(expected):
    problems.append("%d lines, expected %d" % (len(lines), len(expected)))
for i, (line, want) in enumerate(zip(lines, expected)):
    got = json.loads(line, object_pairs_hook=list)
    keys = [k for k, _ in got]
    if keys[:3] != ["url", "warc_record_id", "warc_date"]:
        problems.append("line %d: first keys %s" % (i, keys[:3]))
    head = dict(got[:3])
    for k in ("url", "warc_record_id", "warc_date"):
        if head.get(k) != want[k]:
            problems.append("line %d: %s is %r, expected %r" % (i, k, head.get(k), want[k]))
    one = json.load(open("%s/%d.json" % (single, i)), object_pairs_hook=list)
    # The single page's "url" is the one --url gave, the record's: it leads.
    if one[0] != ("url", want["url"]) and one[0] != ["url", want["url"]]:
        problems.append("line %d: the single page's url is %r" % (i, one[0]))
    rest = [list(kv) for kv in got[3:]]
    if rest != [list(kv) for kv in one[1:]]:
        a, b = dict(rest), dict((k, v) for k, v in one[1:])
        diff = [k for k in set(a) | set(b) if a.get(k) != b.get(k)]
        problems.append("line %d (%s): differs from clean --format json --url in %s" % (i, want["url"], sorted(diff)))
    if not dict(rest).get("text"):
        problems.append("line %d: no text" % i)
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
check_lines() {
  local why
  if why=$(python3 "$TMP/check_lines.py" "$2" "$3" "$4" 2>&1); then ok "$1"; else not_ok "$1" "$why"; fi
}

SUMMARY="14 records: 4 HTML pages, 4 cleaned, 0 failed; skipped 4 request, 1 metadata, 1 revisit, 1 warcinfo, 0 other, 1 not HTML, 1 truncated, 0 too large, 0 bad HTTP, 1 not 2xx"

echo "# plain, gzip per record, gzip whole"
w clean --warc "$TMP/plain.warc"
expect_rc "plain WARC" 0
cp "$TMP/out" "$TMP/plain.jsonl"
check_lines "plain WARC: each HTML response one line, as clean --format json --url URL PAGE plus the record's keys" \
  "$TMP/plain.jsonl" "$TMP/expected.json" "$TMP/single"
if [ "$(cat "$TMP/err")" = "winnow: $TMP/plain.warc: $SUMMARY" ]; then
  ok "plain WARC: stderr is the one summary line, every record counted by kind"
else
  not_ok "plain WARC: the summary line" "got: $(cat "$TMP/err")" "want: winnow: $TMP/plain.warc: $SUMMARY"
fi
for f in per-record.warc.gz whole.warc.gz; do
  w clean --warc "$TMP/$f"
  expect_rc "$f" 0
  expect_same "$f: the same lines as the plain WARC" "$TMP/plain.jsonl" "$TMP/out"
  if [ "$(cat "$TMP/err")" = "winnow: $TMP/$f: $SUMMARY" ]; then ok "$f: the same counts"; else
    not_ok "$f: the same counts" "$(cat "$TMP/err")"
  fi
done
w clean --warc "$TMP/plain.warc" --format json
expect_rc "--format json --warc" 0
expect_same "--format json --warc: the same lines" "$TMP/plain.jsonl" "$TMP/out"

echo "# -j N, standard input"
for j in 2 4; do
  w clean -j "$j" --warc "$TMP/per-record.warc.gz"
  expect_rc "-j $j" 0
  expect_same "-j $j: the same lines, in file order" "$TMP/plain.jsonl" "$TMP/out"
done
run sh -c '"$1" --rules "$2" clean --warc - -j 2 <"$3"' sh "$BIN" "$RULES" "$TMP/per-record.warc.gz"
expect_rc "stdin (-)" 0
expect_same "stdin (-): the same lines" "$TMP/plain.jsonl" "$TMP/out"
if [ "$(cat "$TMP/err")" = "winnow: stdin: $SUMMARY" ]; then ok "stdin: the summary names stdin"; else
  not_ok "stdin: the summary names stdin" "$(cat "$TMP/err")"
fi

echo "# --lang: the language told from the text (CLD2); other languages left out, counted"
if python3 -c 'import json,sys; sys.exit(any(json.loads(l)["language"] != "vi" for l in open(sys.argv[1])))' "$TMP/plain.jsonl"; then
  ok "every page's language is vi, from its text"
else
  not_ok "every page's language is vi" "$(grep -o '"language":[^,]*' "$TMP/plain.jsonl")"
fi
w clean --warc "$TMP/per-record.warc.gz" --lang vi,en
expect_rc "--lang vi,en" 0
expect_same "--lang vi,en: every page kept" "$TMP/plain.jsonl" "$TMP/out"
if [ "$(cat "$TMP/err")" = "winnow: $TMP/per-record.warc.gz: $SUMMARY; 0 left out by --lang vi,en" ]; then
  ok "--lang vi,en: the summary counts none left out"
else
  not_ok "--lang vi,en: the summary" "$(cat "$TMP/err")"
fi
w clean -j 2 --warc "$TMP/per-record.warc.gz" --lang en
expect_rc "--lang en" 0
if [ ! -s "$TMP/out" ] && [ "$(cat "$TMP/err")" = "winnow: $TMP/per-record.warc.gz: $SUMMARY; 4 left out by --lang en" ]; then
  ok "--lang en: no line; the four Vietnamese pages counted as left out"
else
  not_ok "--lang en: no line, four left out" "$(cat "$TMP/err")"
fi
w clean --lang en "${PAGES[0]}"
expect_rc "clean --lang en of one Vietnamese page" 0
if [ ! -s "$TMP/out" ] && [ "$(cat "$TMP/err")" = "winnow: ${PAGES[0]}: language vi is not one of --lang en: left out" ]; then
  ok "clean --lang en of one page: nothing printed, one line saying why"
else
  not_ok "clean --lang en of one page" "$(cat "$TMP/err")"
fi
w clean --lang en "${PAGES[@]}"
if [ "$RC" -eq 0 ] && [ ! -s "$TMP/out" ] && grep -qx "winnow: 4 of 4 pages left out by --lang en" "$TMP/err"; then
  ok "clean --lang en of four pages: none printed, the count on stderr"
else
  not_ok "clean --lang en of four pages" "rc $RC: $(cat "$TMP/err")"
fi
w clean --lang EN "${PAGES[0]}"
expect_rc "--lang EN (not a lower-case code)" 2

echo "# broken and wrong files"
OFFSET=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["offset"])' "$TMP/cut.json")
for j in 1 2; do
  w clean -j "$j" --warc "$TMP/cut.warc"
  expect_rc "a file cut mid-record (-j $j)" 5
  head -n 2 "$TMP/plain.jsonl" >"$TMP/want"
  expect_same "a file cut mid-record (-j $j): the two pages before the cut" "$TMP/want" "$TMP/out"
  mapfile -t ERRS <"$TMP/err"
  if [ "${#ERRS[@]}" -eq 2 ] && [[ ${ERRS[0]} == "winnow: $TMP/cut.warc: "*"byte $OFFSET:"* ]] &&
    [[ ${ERRS[1]} == "winnow: $TMP/cut.warc: "*" records: 2 HTML pages, 2 cleaned, 0 failed;"* ]]; then
    ok "a file cut mid-record (-j $j): one error line naming the file and the record's byte offset, then the summary"
  else
    not_ok "a file cut mid-record (-j $j): one error line with byte $OFFSET, then the summary" "${ERRS[@]}"
  fi
done

w clean --warc "${PAGES[0]}"
expect_rc "an HTML page given as a WARC file" 3
if [ "$(wc -l <"$TMP/err")" -eq 1 ] && grep -q "^winnow: ${PAGES[0]}: " "$TMP/err" && [ ! -s "$TMP/out" ]; then
  ok "not a WARC file: one line naming it, no output"
else
  not_ok "not a WARC file: one line naming it, no output" "$(cat "$TMP/err")"
fi
w clean --warc "$TMP/missing.warc"
expect_rc "a missing WARC file" 3
if [ "$(wc -l <"$TMP/err")" -eq 1 ] && grep -q "^winnow: $TMP/missing.warc: " "$TMP/err"; then
  ok "a missing WARC file: one line naming it"
else
  not_ok "a missing WARC file: one line naming it" "$(cat "$TMP/err")"
fi
: >"$TMP/empty.warc"
w clean --warc "$TMP/empty.warc"
expect_rc "an empty file" 3

echo "# usage"
w clean --format text --warc "$TMP/plain.warc"
expect_rc "--format text --warc" 2
if [ "$(wc -l <"$TMP/err")" -eq 1 ] && grep -q "^winnow: clean: --warc .*JSON Lines" "$TMP/err" && [ ! -s "$TMP/out" ]; then
  ok "--format text --warc: one line"
else
  not_ok "--format text --warc: one line" "$(cat "$TMP/err")"
fi
echo "# several WARC files (a crawl's rotated archive): read in turn"
w clean -j 2 --warc "$TMP/plain.warc" "$TMP/per-record.warc.gz" "$TMP/whole.warc.gz"
expect_rc "--warc A B C" 0
cat "$TMP/plain.jsonl" "$TMP/plain.jsonl" "$TMP/plain.jsonl" >"$TMP/want3"
expect_same "--warc A B C: each file's lines, in file order" "$TMP/want3" "$TMP/out"
printf 'winnow: %s: %s\n' "$TMP/plain.warc" "$SUMMARY" "$TMP/per-record.warc.gz" "$SUMMARY" "$TMP/whole.warc.gz" "$SUMMARY" >"$TMP/want3err"
expect_same "--warc A B C: one summary line a file" "$TMP/want3err" "$TMP/err"
w clean --warc "$TMP/plain.warc" "${PAGES[0]}" "$TMP/cut.warc" "$TMP/per-record.warc.gz"
expect_rc "--warc with an HTML page and a cut file among the WARC files" 5
cat "$TMP/plain.jsonl" >"$TMP/want4"
head -n 2 "$TMP/plain.jsonl" >>"$TMP/want4"
cat "$TMP/plain.jsonl" >>"$TMP/want4"
expect_same "the files around the bad ones read whole, the cut one up to its cut" "$TMP/want4" "$TMP/out"
if grep -q "^winnow: ${PAGES[0]}: not a WARC record at byte 0" "$TMP/err" && grep -q "^winnow: $TMP/cut.warc: .*byte $OFFSET:" "$TMP/err" &&
  [ "$(grep -c ' records: ' "$TMP/err")" -eq 3 ]; then
  ok "each bad file its one error line; a summary for each file that held records"
else
  not_ok "each bad file its one error line, three summaries" "$(cat "$TMP/err")"
fi
w clean
expect_rc "clean with neither FILE nor --warc" 2

echo "# a WARC written by wget"
if ! command -v wget >/dev/null; then
  not_ok "wget is installed (Debian's wget writes WARC files)"
else
  WWW=$TMP/www
  mkdir -p "$WWW"
  cp "${PAGES[0]}" "$WWW/one.html"
  cp "${PAGES[3]}" "$WWW/two.html"
  python3 "$(dirname "$0")/static_server.py" "$WWW" "$TMP/port" >"$TMP/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
  PORT=$(cat "$TMP/port" 2>/dev/null)
  if [ -z "$PORT" ]; then not_ok "the local HTTP server started" "$(cat "$TMP/server.log")"; fi
  U1=http://127.0.0.1:$PORT/one.html
  U2=http://127.0.0.1:$PORT/two.html
  (cd "$TMP" && wget -q --no-proxy --tries=1 --timeout=10 -e robots=off -O /dev/null \
    --warc-file="$TMP/wget" "$U1" "$U2") 2>"$TMP/wget.err"
  if [ ! -s "$TMP/wget.warc.gz" ]; then
    not_ok "wget wrote a WARC file" "$(cat "$TMP/wget.err")"
  else
    ok "wget wrote a WARC file"
    mkdir -p "$TMP/wget-single"
    "$BIN" --rules "$RULES" clean --format json --url "$U1" "$WWW/one.html" >"$TMP/wget-single/0.json" 2>/dev/null
    "$BIN" --rules "$RULES" clean --format json --url "$U2" "$WWW/two.html" >"$TMP/wget-single/1.json" 2>/dev/null
    # wget's record ids and dates are its own: read them from its file.
    python3 - "$TMP/wget.warc.gz" "$U1" "$U2" >"$TMP/wget-expected.json" <<'EOF'
import gzip, json, sys
data = gzip.open(sys.argv[1]).read()
want, pos = {}, 0
while pos < len(data):
    end = data.index(b"\r\n\r\n", pos)
    fields = dict(l.split(": ", 1) for l in data[pos:end].decode().split("\r\n")[1:])
    length = int(fields["Content-Length"])
    if fields["WARC-Type"] == "response":
        want[fields["WARC-Target-URI"].strip("<>")] = (fields["WARC-Record-ID"], fields["WARC-Date"])
    pos = end + 4 + length + 4
print(json.dumps([{"url": u, "warc_record_id": want[u][0], "warc_date": want[u][1]} for u in sys.argv[2:]]))
EOF
    w clean --warc "$TMP/wget.warc.gz" -j 2
    expect_rc "wget's WARC" 0
    check_lines "wget's WARC: its two responses cleaned as clean --format json --url URL PAGE" "$TMP/out" \
      "$TMP/wget-expected.json" "$TMP/wget-single"
    # warcinfo first; a request and a response per URL; wget's closing
    # metadata and resource records (its log and arguments).
    if grep -Eq "^winnow: $TMP/wget.warc.gz: [0-9]+ records: 2 HTML pages, 2 cleaned, 0 failed; skipped 2 request, [1-9][0-9]* metadata, 0 revisit, 1 warcinfo, [0-9]+ other, 0 not HTML, 0 truncated, 0 too large, 0 bad HTTP, 0 not 2xx$" "$TMP/err"; then
      ok "wget's WARC: its warcinfo, requests and metadata skipped and counted"
    else
      not_ok "wget's WARC: its warcinfo, requests and metadata skipped and counted" "$(cat "$TMP/err")"
    fi
  fi
fi

echo "$((checks - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
