# Shared by the crawl tests (tests/crawl/*_test.sh): arguments, the temp
# directory, check tallies, the mirror, job files, running the crawler.
# Sourced; the including script sets TEST_NAME first.
# Prints "ok - ..." / "not ok - ..." per check; exits 1 if any failed.
set -u
export LC_ALL=C

if [ $# -ne 2 ]; then
  echo "usage: $0 WINNOW_BINARY SOURCE_DIR" >&2
  exit 2
fi
BIN=$(readlink -f "$1")
SRC=$(readlink -f "$2")
RULES=$SRC/rules
FIXTURES=$SRC/fixtures
if [ ! -x "$BIN" ]; then
  echo "not ok - $1 is not an executable"
  exit 1
fi
if ! command -v python3 >/dev/null; then
  echo "not ok - python3 is needed (the mirror and the checks)"
  exit 1
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/winnow-crawl-test.XXXXXX") || exit 1
# A private copy: the binary cannot change under a running test.
cp "$BIN" "$T/winnow" || exit 1
BIN=$T/winnow
MIRROR_PID=""
BG_PIDS=()
cleanup() {
  local p
  for p in "${BG_PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
  if [ -n "$MIRROR_PID" ]; then kill -TERM "$MIRROR_PID" 2>/dev/null; fi
  if [ -n "${WINNOW_TEST_KEEP:-}" ]; then echo "# kept $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

source "$(dirname "${BASH_SOURCE[0]}")/../tap.sh"
check() {  # check NAME CMD...: ok if CMD succeeds
  local name=$1
  shift
  if "$@"; then ok "$name"; else not_ok "$name"; fi
}
START=$SECONDS

# ---------------------------------------------------------------------------
# The python side: feeds, manifest, state, mirror log. Each subcommand prints
# "ok - ..." / "not ok - ..." lines (and "#" notes); py_checks tallies them.
PY=$(dirname "${BASH_SOURCE[0]}")/helper.py

# py_checks ARGS...: runs the helper, tallies its ok / not ok lines.
py_checks() {
  local line got=0
  while IFS= read -r line; do
    case $line in
      "ok - "*) checks=$((checks + 1)); got=1; echo "$line" ;;
      "not ok - "*) checks=$((checks + 1)); failed=$((failed + 1)); got=1; echo "$line" ;;
      "helper-failed "*) not_ok "helper $1: exit ${line#helper-failed }"; got=1 ;;
      *) echo "$line" ;;
    esac
  done < <(timeout 120 python3 "$PY" "$@" 2>&1 || echo "helper-failed $?")
  if [ $got -eq 0 ]; then not_ok "helper $1 reported nothing"; fi
}
# py ARGS...: a helper command that prints a value or sets up a case.
py() { timeout 120 python3 "$PY" "$@"; }
setup() {  # setup ARGS...: a py command whose failure is a failed check
  local out
  if ! out=$(py "$@" 2>&1); then not_ok "setting up: $1" "$out"; fi
}

# ---------------------------------------------------------------------------
# The mirror

# The sites the local mirror serves (tests/mirror/mirror_pages.py: SITES):
# fixtures of other hosts are not on it.
read -r -a SITES <<<"$(cd "$(dirname "${BASH_SOURCE[0]}")/../mirror" && python3 -c 'from mirror_pages import SITES; print(" ".join(SITES))')"
N_FIXTURES=0
for site in "${SITES[@]}"; do
  for f in "$FIXTURES/$site"/*.html; do [ -e "$f" ] && N_FIXTURES=$((N_FIXTURES + 1)); done
done

PORT=""
CT=()
start_mirror() {  # start_mirror NAME [mirror options]: sets PORT and CT
  local name=$1
  shift
  local pf=$T/$name.port
  rm -f "$pf"
  python3 "$SRC/tests/mirror/mirror.py" --fixtures "$FIXTURES" --port-file "$pf" "$@" 2>"$T/$name.mirror.err" &
  MIRROR_PID=$!
  if timeout 30 bash -c 'until [ -s "$0" ]; do sleep 0.05; done' "$pf"; then
    PORT=$(<"$pf")
    CT=()
    local h
    for h in "${SITES[@]}"; do CT+=(--connect-to "$h:80:127.0.0.1:$PORT"); done
    ok "mirror ($name${*:+ $*}) listening on port $PORT"
  else
    not_ok "mirror ($name${*:+ $*}) did not start within 30 s" "$(cat "$T/$name.mirror.err")"
    echo "# $checks checks, $failed failed"
    exit 1
  fi
}
stop_mirror() {
  [ -n "$MIRROR_PID" ] || return 0
  kill -TERM "$MIRROR_PID" 2>/dev/null
  local i
  for i in $(seq 100); do kill -0 "$MIRROR_PID" 2>/dev/null || break; sleep 0.05; done
  kill -9 "$MIRROR_PID" 2>/dev/null
  wait "$MIRROR_PID" 2>/dev/null
  MIRROR_PID=""
}
# mirror_check WHEN: the mirror is still up (else its exit status and stderr).
mirror_check() {
  if [ -n "$MIRROR_PID" ] && kill -0 "$MIRROR_PID" 2>/dev/null; then
    ok "the mirror is still running ($1)"
  else
    local st=none
    [ -n "$MIRROR_PID" ] && { wait "$MIRROR_PID" 2>/dev/null; st=$?; }
    not_ok "the mirror is still running ($1)" "it exited with status $st" "$(cat "$T"/*.mirror.err 2>/dev/null)"
  fi
}
reset_log() { python3 -c 'import sys,urllib.request; urllib.request.urlopen("http://127.0.0.1:%s/__reset" % sys.argv[1], timeout=10).read()' "$PORT"; }

# write_job FILE FEED LISTING DELAY_MS PER_HOST MAX_PAGES [OUTPUT]: a job like
# jobs/demo.toml against the mirror, its paths relative to the job file.
write_job() {
  local file=$1 feed=$2 listing=$3 delay=$4 per_host=$5 max_pages=$6 output=${7:-out/articles}
  mkdir -p "$(dirname "$file")"
  {
    echo "name = \"$(basename "$file" .toml)\""
    printf 'sites = ['
    local i
    for i in "${!SITES[@]}"; do printf '%s"%s"' "$([ "$i" -gt 0 ] && echo ', ')" "${SITES[$i]}"; done
    echo ']'
    echo "output = \"$output\""
    echo 'state = "out/state.sqlite"'
    echo 'manifest = "out/manifest.jsonl"'
    echo 'format = "text"'
    echo
    echo '[limits]'
    echo "max_pages = $max_pages"
    echo 'listing_depth = 3'
    echo 'max_age_days = 0'
    echo
    echo '# The mirror'"'"'s variants are copies of its fixtures by design: each is'
    echo '# an article of its own here (URLs are still normalised).'
    echo '[dedup]'
    echo 'texts = false'
    echo
    echo '[fetch]'
    echo 'user_agent = "winnow-crawl-test/0.1 (+mailto:ops@example.com)"'
    echo 'concurrency = 8'
    echo "per_host = $per_host"
    echo "delay_ms = $delay"
    echo 'timeout_s = 30'
    echo 'connect_timeout_s = 5'
    echo 'retries = 1'
    for i in "${SITES[@]}"; do
      echo
      echo "[site.\"$i\"]"
      echo "base_url = \"http://$i\""
      echo "feeds = [\"$feed\"]"
      if [ -n "$listing" ]; then echo "listings = [\"$listing\"]"; else echo "listings = []"; fi
    done
  } >"$file"
}

# run_crawl LIMIT_S JOB [options]: one run in the foreground, from an
# unrelated directory; stderr in $ERR, exit code in $RC.
ERR=$T/stderr
mkdir -p "$T/cwd"
run_crawl() {
  local limit=$1
  shift
  (cd "$T/cwd" && timeout -k 5 "$limit" "$BIN" --rules "$RULES" crawl "$@" "${CT[@]}") >"$T/stdout" 2>"$ERR"
  RC=$?
}
expect_rc() {  # expect_rc NAME CODE
  if [ "$RC" -eq "$2" ]; then
    ok "$1: exit $2"
  else
    not_ok "$1: exit $2" "got exit $RC" "stderr: $(head -c 2000 "$ERR")"
  fi
}

# wait_bounded PID SECONDS: the child's exit code, or 124 (and SIGKILL) if
# it is still running after SECONDS.
wait_bounded() {
  local pid=$1 limit=$2 i
  for i in $(seq $((limit * 20))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return 124
  fi
  wait "$pid" 2>/dev/null
}

tree_sums() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum); }

# ---------------------------------------------------------------------------
