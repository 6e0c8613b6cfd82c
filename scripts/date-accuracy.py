#!/usr/bin/env python3
"""Publication-date accuracy of `winnow clean` on a WCXB-layout dataset.

    scripts/date-accuracy.py [--winnow build/winnow] [--rules DIR] [--dataset DIR]
                             [-j 2] [--type article] [--failures N]

Cleans every page of DIR/html (`winnow clean -j N --format json DIR/html`,
JSON Lines with "file") and compares `published` with the ground truth's
`publish_date` (DIR/ground-truth/ID.json; `ground_truth` is a dict or the
string repr of one). A page is right when the date part (YYYY-MM-DD, or
YYYY-MM where the truth gives no day) is equal, as `winnow eval` judges
it. Reports, over pages of the type (default: article):
  - accuracy over pages whose truth has a date (none given counts as wrong),
  - how many of those got no date, and how many a wrong one,
  - how often published or modified is on the true date (WCXB's
    publish_date is often the date the page shows, its last update),
  - how many dates winnow gives where the truth has none.
`--failures N` lists up to N wrong pages (id, truth, ours, url): failure
classes to read, not pages to tune on. Standard library only.
"""
import argparse
import ast
import json
import os
import re
import subprocess
import sys


def ground_truth(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    gt = doc.get("ground_truth") or {}
    if isinstance(gt, str):
        try:
            gt = ast.literal_eval(gt)
        except (ValueError, SyntaxError):
            try:
                gt = json.loads(gt)
            except ValueError:
                gt = {}
    if not isinstance(gt, dict):
        gt = {}
    page_type = (((doc.get("_internal") or {}).get("page_type") or {}).get("primary")) or ""
    return doc.get("url", ""), page_type, gt.get("publish_date")


def date_part(s, month_only=False):
    """YYYY-MM-DD (YYYY-MM with month_only, or for a truth that gives no day)."""
    if not s or not isinstance(s, str):
        return None
    m = re.match(r"\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", s)
    if not m:
        return None
    if month_only or m.group(3) is None:
        return "%s-%02d" % (m.group(1), int(m.group(2)))
    return "%s-%02d-%02d" % (m.group(1), int(m.group(2)), int(m.group(3)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--winnow", default=os.path.join(here, "..", "build", "winnow"))
    ap.add_argument("--dataset", default=os.path.join(here, "..", "..", "shared", "datasets", "wcxb-dev"))
    ap.add_argument("--rules", help="rules directory (default: the binary's own)")
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--type", default="article", help="page type to score ('' for all)")
    ap.add_argument("--failures", type=int, default=0)
    args = ap.parse_args()

    html_dir = os.path.join(args.dataset, "html")
    cmd = [args.winnow] + (["--rules", args.rules] if args.rules else [])
    proc = subprocess.run(cmd + ["clean", "-j", str(args.j), "--format", "json", html_dir],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode not in (0, 5):
        sys.exit("winnow clean failed (exit %d): %s" % (proc.returncode, proc.stderr.strip()[:500]))
    ours = {}
    for line in proc.stdout.split("\n"):  # not splitlines(): U+2028 stands in text
        if not line.strip():
            continue
        obj = json.loads(line)
        page_id = os.path.basename(obj.get("file", "")).split(".")[0]
        ours[page_id] = (obj.get("published"), obj.get("modified"))

    with_truth = right = missing = wrong = extra = no_truth = either = 0
    failures = []
    for name in sorted(os.listdir(os.path.join(args.dataset, "ground-truth"))):
        if not name.endswith(".json"):
            continue
        page_id = name[:-5]
        url, page_type, truth = ground_truth(os.path.join(args.dataset, "ground-truth", name))
        if args.type and page_type != args.type:
            continue
        published, modified = ours.get(page_id, (None, None))
        want = date_part(truth) if truth else None
        month_only = want is not None and len(want) == 7  # two truths give only YYYY-MM
        got = date_part(published, month_only)
        modified = date_part(modified, month_only)
        if not want:
            no_truth += 1
            extra += got is not None
            continue
        with_truth += 1
        either += want in (got, modified)
        if got == want:
            right += 1
        else:
            if got is None:
                missing += 1
            else:
                wrong += 1
            failures.append((page_id, want, published, modified, url))

    label = args.type or "all"
    acc = right / with_truth if with_truth else 0.0
    print("date accuracy (%s pages with a true date): %.4f  (%d/%d; %d none given, %d wrong)"
          % (label, acc, right, with_truth, missing, wrong))
    print("  published or modified on the true date: %.4f  (%d/%d)"
          % (either / with_truth if with_truth else 0.0, either, with_truth))
    print("%s pages without a true date: %d, of which we give a date: %d" % (label, no_truth, extra))
    for f in failures[: args.failures]:
        print("  %s  truth %s  published %s  modified %s  %s" % f)


if __name__ == "__main__":
    main()
