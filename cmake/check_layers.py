#!/usr/bin/env python3
"""Checks that every #include in src/ goes down the layers, never up.

    check_layers.py SRC_DIR

The layers, bottom to top (docs/architecture.md, "Layers"). A file may include a
header of its own layer or of a layer with a lower rank; layers of one rank
may not include each other.

  rank  layer     what
  0     types     public plain data (src/winnow/{article,clean_request,exit_code,
                  ranges,rule_error,source_ref}): every layer may use it
  0     base      dates, the stage clock
  1     io        reading inputs up to a cap, gunzip; winnow/input.h
  2     html      charset, page (Gumbo), select, render
  3     rules     rule files to rule sets
  4     extract   clean, generic, metadata
  5     api       the public core calls (src/winnow/: rules, document, clean, json)
  6     output    crash-safe files, the output directory
  6     fetch     the fetcher, robots.txt, URLs
  7     eval      page sets and their loop, the metric, bench; winnow/{page_set,eval,bench}.h
  7     crawl     jobs, state, discovery, the run; winnow/{fetch,crawl}.h
  8     umbrella  src/winnow.h
  9     cli       the command line

Two more rules:
  - a public header (src/winnow.h, src/winnow/*.h but internal.h) includes
    only public headers and the C++ standard library: nothing of Gumbo or
    of the library's own layers is reachable from it;
  - the command line includes only public headers and its own (cli/).

Every file under SRC_DIR must belong to a layer, and every quoted include
must name a file under SRC_DIR, so a new folder or a stray include is
reported rather than passed over.
"""

import os
import re
import sys

TYPES = {"article", "clean_request", "exit_code", "ranges", "rule_error", "source_ref"}

# (layer, rank): the first match wins.
def layer_of(path):
    """The layer of a path relative to src/, or None."""
    parts = path.split("/")
    if path == "winnow.h":
        return ("umbrella", 8)
    if parts[0] == "winnow" and len(parts) == 2:
        stem = parts[1].rsplit(".", 1)[0]
        if stem in TYPES:
            return ("types", 0)
        if stem == "input":
            return ("io", 1)
        if stem in ("page_set", "eval", "bench"):
            return ("eval", 7)
        if stem in ("fetch", "crawl"):
            return ("crawl", 7)
        return ("api", 5)
    folders = {"base": 0, "io": 1, "html": 2, "rules": 3, "extract": 4,
               "output": 6, "fetch": 6, "eval": 7, "crawl": 7, "cli": 9}
    if len(parts) >= 2 and parts[0] in folders:
        return (parts[0], folders[parts[0]])
    return None


def is_public(path):
    return path == "winnow.h" or (path.startswith("winnow/") and path.endswith(".h") and
                                  path != "winnow/internal.h")


# The C++ standard library's headers (and the C ones it carries), which a
# public header may include.
STANDARD = set("""
algorithm any array atomic bitset cassert cctype cerrno cfloat charconv chrono cinttypes climits
cmath compare complex concepts condition_variable cstddef cstdint cstdio cstdlib cstring ctime deque
exception filesystem forward_list fstream functional initializer_list iomanip ios iosfwd iostream
istream iterator limits list map memory mutex new numeric optional ostream queue random ratio
set shared_mutex source_location span sstream stack stdexcept string string_view system_error
thread tuple type_traits typeinfo unordered_map unordered_set utility variant vector version
""".split())

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    src = sys.argv[1]
    problems = []
    for root, _, files in os.walk(src):
        for name in sorted(files):
            if not name.endswith((".h", ".cc")):
                continue
            full = os.path.join(root, name)
            path = os.path.relpath(full, src)
            mine = layer_of(path)
            if mine is None:
                problems.append(f"{path}: in no layer (add its folder to cmake/check_layers.py)")
                continue
            with open(full, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    quoted, target = m.group(1) == '"', m.group(2)
                    where = f"{path}:{number}: #include {line.strip().split(None, 1)[-1]}"
                    if not quoted:
                        if is_public(path) and target not in STANDARD:
                            problems.append(f"{where}: a public header includes only public and standard headers")
                        continue
                    if not os.path.isfile(os.path.join(src, target)):
                        problems.append(f"{where}: no such file under src/")
                        continue
                    theirs = layer_of(target)
                    if is_public(path) and not is_public(target):
                        problems.append(f"{where}: a public header includes only public and standard headers")
                    elif mine[0] == "cli" and not (is_public(target) or theirs[0] == "cli"):
                        problems.append(f"{where}: the command line includes only public headers and cli/")
                    elif theirs != mine and theirs[1] >= mine[1]:
                        problems.append(f"{where}: {mine[0]} (rank {mine[1]}) may not include "
                                        f"{theirs[0]} (rank {theirs[1]})")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} include(s) against the layers (cmake/check_layers.py says which way they run)")
        return 1
    print("layers: every include goes down")
    return 0


if __name__ == "__main__":
    sys.exit(main())
