#!/usr/bin/env python3
"""The generic extractor's outputs, page by page, against tests/golden/generic.sha256.

    tests/golden_generic.py WINNOW_BINARY SOURCE_DIR [--update] [--dump DIR]

Runs `winnow clean -j 2 --generic --format json --favor MODE` in each mode
over three sets of pages (the benchmark's html/, the fixtures, the five
reference pages of scripts/reference-pages.sh), hashes each page's JSON object
(the single-page object: JSON Lines' "file" taken out, the rules directory's
path written as RULES) and compares with the golden file, naming every page
whose output changed. --update writes the file anew (its header kept);
--dump DIR also writes each page's JSON to DIR/MODE/SET/PATH.json, to read
what changed (dump before and after, then diff -r).
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile

MODES = ("balanced", "precision", "recall")
GOLDEN = os.path.join("tests", "golden", "generic.sha256")


def page_sets(src, tmp):
    """(set name, directory, [paths relative to it]) for each set of pages."""
    bench = os.path.join(src, "..", "shared", "datasets", "article-extraction-benchmark", "html")
    if not os.path.isdir(bench):
        sys.exit("golden: %s: not found (the benchmark must sit beside the project)" % bench)
    ref = os.path.join(tmp, "reference")
    subprocess.run([os.path.join(src, "scripts", "reference-pages.sh"), ref], check=True)
    fixtures = os.path.join(src, "fixtures")
    sets = []
    for name, root in (("benchmark", bench), ("fixtures", fixtures), ("reference", ref)):
        pages = []
        for dirpath, _, files in os.walk(root):
            for f in files:
                if f.endswith((".html", ".html.gz")):
                    pages.append(os.path.relpath(os.path.join(dirpath, f), root))
        sets.append((name, root, sorted(pages)))
    return sets


def single_page_object(line):
    """A JSON Lines object of `clean -j` less its leading "file" entry: the
    bytes `clean --format json PAGE` prints for that page."""
    prefix = '{"file":'
    if not line.startswith(prefix):
        raise ValueError("unexpected line: " + line[:80])
    name, end = json.JSONDecoder().raw_decode(line, len(prefix))
    if line[end] != ",":
        raise ValueError("unexpected line: " + line[:80])
    return name, "{" + line[end + 1:]


def digests(binary, src, tmp, dump):
    rules = os.path.join(src, "rules")
    out = {}
    for set_name, root, pages in page_sets(src, tmp):
        paths = [os.path.join(root, p) for p in pages]
        for mode in MODES:
            run = subprocess.run(
                [binary, "--rules", rules, "clean", "-j", "2", "--generic", "--format", "json", "--favor", mode]
                + paths, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
            if run.returncode != 0:
                sys.exit("golden: winnow exited %d on %s (%s): %s"
                         % (run.returncode, set_name, mode, run.stderr.decode(errors="replace")[:400]))
            by_path = dict(zip(paths, pages))
            for line in run.stdout.decode("utf-8").splitlines():
                name, obj = single_page_object(line)
                obj = obj.replace(rules, "RULES")
                key = (mode, set_name + "/" + by_path[name])
                out[key] = hashlib.sha256(obj.encode("utf-8")).hexdigest()
                if dump:
                    target = os.path.join(dump, mode, set_name, by_path[name] + ".json")
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with open(target, "w", encoding="utf-8") as f:
                        json.dump(json.loads(obj), f, ensure_ascii=False, indent=1)
                        f.write("\n")
            for p in pages:
                if (mode, set_name + "/" + p) not in out:
                    sys.exit("golden: no output for %s/%s (%s)" % (set_name, p, mode))
    return out


def read_golden(path):
    header, want = [], {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                if not want:
                    header.append(line)
                continue
            digest, mode, page = line.split()
            want[(mode, page)] = digest
    return header, want


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    update = "--update" in argv
    dump = None
    if "--dump" in argv:
        dump = os.path.abspath(argv[argv.index("--dump") + 1])
        args.remove(argv[argv.index("--dump") + 1])
    if len(args) != 2:
        sys.exit(__doc__)
    binary, src = os.path.abspath(args[0]), os.path.abspath(args[1])
    golden = os.path.join(src, GOLDEN)
    header, want = read_golden(golden)
    with tempfile.TemporaryDirectory(prefix="winnow-golden-") as tmp:
        got = digests(binary, src, tmp, dump)
    if update:
        with open(golden, "w", encoding="utf-8") as f:
            f.writelines(header)
            for (mode, page), digest in sorted(got.items(), key=lambda kv: (kv[0][1], MODES.index(kv[0][0]))):
                f.write("%s  %s  %s\n" % (digest, mode, page))
        changed = sorted(k for k in got if want.get(k) != got[k])
        print("golden: %s written; %d of %d outputs changed" % (GOLDEN, len(changed), len(got)))
        for mode, page in changed:
            print("  %s  %s" % (mode, page))
        return 0
    changed = sorted((page, mode) for (mode, page) in got if (mode, page) in want and want[(mode, page)] != got[(mode, page)])
    new = sorted((page, mode) for (mode, page) in got if (mode, page) not in want)
    gone = sorted((page, mode) for (mode, page) in want if (mode, page) not in got)
    for page, mode in changed:
        print("not ok - %s (%s): output changed" % (page, mode))
    for page, mode in new:
        print("not ok - %s (%s): not in the golden file" % (page, mode))
    for page, mode in gone:
        print("not ok - %s (%s): in the golden file, not among the pages" % (page, mode))
    if changed or new or gone:
        print("# %d of %d outputs differ from %s; if the change is meant, see its header" %
              (len(changed) + len(new) + len(gone), len(want), GOLDEN))
        return 1
    print("ok - %d outputs (%d pages x %d modes) identical to %s" % (len(got), len(got) // len(MODES), len(MODES), GOLDEN))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
