#!/usr/bin/env bash
# make-man.sh WINNOW OUT: the man page winnow.1, generated from the help by
# Debian's help2man: `winnow --help` and `--version` for the page's head, and
# every command's own --help (with its examples) as a COMMANDS section.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: make-man.sh WINNOW OUT" >&2; exit 2; }
winnow=$1 out=$2
include=$(mktemp)
trap 'rm -f "$include"' EXIT
{
  echo "[COMMANDS]"
  for cmd in $("$winnow" --help | awk '/^Subcommands:/ {on=1; next} on && /^$/ {exit} on && /^  [a-z]/ {print $1}'); do
    echo ".SS \"winnow $cmd\""
    echo ".nf"
    # roff: backslashes escaped; a line starting with . or ' is no request.
    "$winnow" "$cmd" --help | sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
    echo ".fi"
  done
  echo "[SEE ALSO]"
  echo "The README of the source tree: the rules, crawl jobs, exit codes, and every key of a job file."
} >"$include"
help2man --no-info --no-discard-stderr --section 1 \
  --name "a news page in, the article's own text out" --include "$include" --output "$out" "$winnow"
