# TAP-style check helpers shared by the shell tests (source it):
#   ok "what held";  not_ok "what failed" "detail line" ...
# Counts go to $checks and $failed; each detail (multi-line too) is printed
# as "#   " comment lines.
checks=0
failed=0
ok() { checks=$((checks + 1)); echo "ok - $1"; }
not_ok() {
  checks=$((checks + 1))
  failed=$((failed + 1))
  echo "not ok - $1"
  shift
  local d
  for d in "$@"; do printf '%s\n' "$d" | sed 's/^/#   /'; done
}
