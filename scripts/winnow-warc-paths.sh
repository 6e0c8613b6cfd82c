#!/bin/sh
# winnow-warc-paths.sh [CLEAN_OPTION...]: for engines that pipe lines (Spark's
# RDD.pipe, Hadoop Streaming): each line of stdin names one WARC file, a path
# (as this machine sees it), an hdfs:// path (hdfs dfs -cat) or an http(s) URL
# (curl), the last two read from a pipe; its HTML pages are cleaned into JSON
# Lines on stdout, one WARC after the other, in the order given (`winnow
# clean --warc`; CLEAN_OPTIONs go to `winnow clean`, e.g. -j 2). A WARC's bytes cannot be piped through these
# engines themselves: they hand a program text lines, not files.
#
# Stops at the first WARC winnow fails on (a missing or broken file, exit 3;
# one cut off, exit 5: its lines before the cut are already out) with
# winnow's exit code and its one-line error on stderr, so that the engine
# fails the task and retries it; a retried task's output replaces the
# failed attempt's. The winnow binary: $WINNOW, else winnow on PATH.
set -u
winnow=${WINNOW:-winnow}
while IFS= read -r warc || [ -n "$warc" ]; do
  case $warc in
    '') continue ;;
    http://* | https://*)
      # curl's (or hdfs's) failure shows as a cut or empty WARC: exit 5 or 3.
      curl -sSfL --retry 3 -- "$warc" </dev/null | "$winnow" clean "$@" --warc - ;;
    hdfs://*) hdfs dfs -cat "$warc" </dev/null | "$winnow" clean "$@" --warc - ;;
    *) "$winnow" clean "$@" --warc "$warc" </dev/null ;;
  esac
  rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "winnow-warc-paths: $warc: winnow exited $rc" >&2
    exit "$rc"
  fi
done
