#!/usr/bin/env python3
"""Title and author accuracy of `winnow clean` on the WCXB dev split's articles.

A development tool for the metadata (`winnow eval` scores the same figures
for acceptance): it cleans every article page of the set in one
`winnow clean -j N --format json` run (JSON Lines, one object a page with
its "file") and compares with ground-truth/ID.json:

  title exact   whitespace collapsed, Unicode NFC, case-sensitive (and
                case-insensitive, and with typographic quotes as ASCII,
                reported beside it)
  authors       the sets of normalized names equal, case-insensitive; the
                truth's author string is split on "," ";" " and " " & "; an
                empty truth is right only if we give no author

Usage:
  scripts/meta-accuracy.py [--winnow build/winnow] [--dataset DIR] [-j 2]
                           [--failures title|authors] [--limit N]

Standard library only.
"""
import argparse
import ast
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata


def norm(s):
    s = unicodedata.normalize("NFC", s or "")
    return " ".join(s.split())


QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})


def fold_quotes(s):
    """Typographic quotes as ASCII: the truth often types ' where the page has a curly one."""
    return s.translate(QUOTES)


def truth_of(path):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    gt = d.get("ground_truth") or {}
    if isinstance(gt, str):
        try:
            gt = ast.literal_eval(gt)
        except (ValueError, SyntaxError):
            gt = json.loads(gt)
    page_type = (d.get("_internal") or {}).get("page_type") or {}
    return d.get("url", ""), page_type.get("primary", ""), gt


SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*", re.IGNORECASE)


def author_set(value):
    if value is None:
        return set()
    if isinstance(value, list):
        parts = [p for v in value for p in SPLIT.split(str(v))]
    else:
        parts = SPLIT.split(str(value))
    return {norm(p).casefold() for p in parts if norm(p)}


def run_winnow(winnow, files, jobs):
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        # One directory of links: `clean DIR` cleans every page under it.
        for src in files:
            os.symlink(os.path.abspath(src), os.path.join(tmp, os.path.basename(src)))
        proc = subprocess.run([winnow, "clean", "-j", str(jobs), "--format", "json", tmp],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
    for line in proc.stdout.decode("utf-8", "replace").split("\n"):  # not splitlines: U+2028 is text
        if not line.strip():
            continue
        obj = json.loads(line)
        page_id = os.path.basename(obj["file"]).split(".")[0]
        out[page_id] = obj
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--winnow", default=os.path.join(here, "..", "build", "winnow"))
    ap.add_argument("--dataset", default=os.path.join(here, "..", "..", "shared", "datasets", "wcxb-dev"))
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--failures", choices=["title", "authors"], help="list the pages that fail")
    ap.add_argument("--limit", type=int, default=0, help="only the first N article pages")
    args = ap.parse_args()

    gt_dir = os.path.join(args.dataset, "ground-truth")
    truths = {}
    for name in sorted(os.listdir(gt_dir)):
        if not name.endswith(".json"):
            continue
        url, kind, gt = truth_of(os.path.join(gt_dir, name))
        if kind == "article":
            truths[name[:-5]] = (url, gt)
    ids = sorted(truths)
    if args.limit:
        ids = ids[: args.limit]
    files = [os.path.join(args.dataset, "html", i + ".html.gz") for i in ids]
    files = [f for f in files if os.path.exists(f)]
    got = run_winnow(args.winnow, files, args.j)

    title_ok = title_ci = title_quotes = author_ok = 0
    failures = []
    for i in ids:
        url, gt = truths[i]
        art = got.get(i, {})
        t_true, t_got = norm(gt.get("title")), norm(art.get("title"))
        if t_true == t_got:
            title_ok += 1
        if fold_quotes(t_true) == fold_quotes(t_got):
            title_quotes += 1
        if t_true.casefold() == t_got.casefold():
            title_ci += 1
        elif args.failures == "title":
            failures.append((i, url, t_true, t_got))
        a_true = author_set(gt.get("author"))
        a_got = author_set(art["authors"] if "authors" in art else art.get("byline"))
        if a_true == a_got:
            author_ok += 1
        elif args.failures == "authors":
            failures.append((i, url, sorted(a_true), sorted(a_got)))
    n = len(ids)
    print(f"article pages: {n} (cleaned {len(got)})")
    print(f"title exact:            {title_ok / n:.3f} ({title_ok})")
    print(f"title case-insensitive: {title_ci / n:.3f} ({title_ci})")
    print(f"title, quotes folded:   {title_quotes / n:.3f} ({title_quotes})")
    print(f"authors:                {author_ok / n:.3f} ({author_ok})")
    for f in failures:
        print("\t".join(str(x) for x in f))


if __name__ == "__main__":
    sys.exit(main())
