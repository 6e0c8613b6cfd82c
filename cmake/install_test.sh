#!/bin/sh
# The installed library, used as a program outside this tree would use it:
# `cmake --install` into a temporary prefix, a small program built against
# it with pkg-config alone (PKG_CONFIG_PATH at the prefix), run on a fixture;
# its output must be `winnow clean`'s, text then JSON. No header of Gumbo,
# of the other dependencies or of the source tree may be reachable from the
# public headers.
#   install_test.sh BUILD_DIR SOURCE_DIR WINNOW CXX
set -eu
build=$1 src=$2 winnow=$3 cxx=$4
tmp=$(mktemp -d "${TMPDIR:-/tmp}/winnow-install-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
export PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig"
unset PKG_CONFIG_LIBDIR || true
# --static: libwinnow is an archive, so its dependencies (Requires.private,
# Libs.private) are linked too.
flags=$(pkg-config --static --cflags --libs winnow)
"$cxx" -std=c++20 -o "$tmp/clean" "$src/cmake/install_test_main.cc" $flags

"$cxx" -std=c++20 -M $(pkg-config --cflags winnow) "$src/cmake/install_test_main.cc" |
  tr ' \\' '\n\n' | grep -E '\.(h|hpp)$' > "$tmp/headers" || true
if grep -E -i "^$src/|gumbo|re2|curl|libxml|sqlite|spdlog|toml|nlohmann|/fmt/" "$tmp/headers"; then
  echo "not ok - the public headers reach the source tree or a dependency's header (above)"
  exit 1
fi
echo "ok - built against the installed headers alone"

page="$src/fixtures/thoidai.com.vn/ha-noi-quang-chau.html"
"$tmp/clean" "$src/rules" "$page" > "$tmp/got"
{ "$winnow" --rules "$src/rules" clean "$page" && "$winnow" --rules "$src/rules" clean --format json "$page"; } > "$tmp/want"
if ! cmp -s "$tmp/want" "$tmp/got"; then
  echo "not ok - the installed library's output differs from winnow clean's"
  diff "$tmp/want" "$tmp/got" | head -20
  exit 1
fi
echo "ok - the installed library cleans $page as winnow clean does"

# The program installed beside its rules and man page: it finds the rules
# from its own place, and the man page holds every command's help.
rules_used=$("$tmp/prefix/bin/winnow" clean --format json "$page" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["rules"])')
case $rules_used in
  "$tmp/prefix/share/winnow/rules/"*) echo "ok - the installed winnow cleans with the installed rules ($rules_used)" ;;
  *) echo "not ok - the installed winnow used $rules_used, not PREFIX/share/winnow/rules"; exit 1 ;;
esac
man1=$tmp/prefix/share/man/man1/winnow.1
if [ ! -f "$man1" ]; then
  echo "not ok - the man page is installed (PREFIX/share/man/man1/winnow.1; needs help2man)"
  exit 1
fi
for cmd in render clean explain check fixture crawl fetch eval bench; do
  if ! grep -q "^\.SS \"winnow $cmd\"" "$man1"; then echo "not ok - the man page has no section for $cmd"; exit 1; fi
done
if [ "$(grep -c '^Examples:' "$man1")" -lt 9 ]; then
  echo "not ok - the man page shows each command's examples"
  exit 1
fi
echo "ok - the man page is installed, every command's help and examples in it"
