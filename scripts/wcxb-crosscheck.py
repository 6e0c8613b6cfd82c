#!/usr/bin/env python3
"""Checks winnow's WCXB metric against Python, page by page.

    winnow eval DIR --write-predictions P.json --write-scores S.json
    scripts/wcxb-crosscheck.py DIR P.json S.json

Recomputes every page's precision, recall, F1 and snippet rates from the
ground truth (DIR/ground-truth/*.json) and the predicted texts with the
benchmark's definitions as its README states them (tokens are
re.findall(r'\\w+', text.lower()), bags of words; snippets found as
lowercase substrings, a page with none scoring 1), and compares them with
winnow's (S.json). Exits 1 on the first page that differs by more than 1e-9,
naming it and its tokens that differ; else prints the overall means.
"""
import ast
import json
import re
import sys
from collections import Counter
from pathlib import Path


def tokens(text):
    return re.findall(r"\w+", text.lower()) if text else []


def word_scores(predicted, reference):
    p, r = tokens(predicted), tokens(reference)
    if not r:
        return (1.0, 1.0, 1.0) if not p else (0.0, 0.0, 0.0)
    if not p:
        return (0.0, 0.0, 0.0)
    overlap = sum((Counter(p) & Counter(r)).values())
    prec, rec = overlap / len(p), overlap / len(r)
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def snippets(text, found_in):
    if not found_in:
        return 1.0
    low = text.lower()
    return sum(1 for s in found_in if s.lower() in low) / len(found_in)


def truth_of(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    gt = data.get("ground_truth") or {}
    if isinstance(gt, str):
        gt = ast.literal_eval(gt)
    return gt


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    root, predictions, scores = Path(sys.argv[1]), json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
    sums = Counter()
    for path in sorted((root / "ground-truth").glob("*.json")):
        pid = path.stem
        gt = truth_of(path)
        entry = predictions.get(pid, "")
        text = entry if isinstance(entry, str) else (entry.get("articleBody") or "")
        reference = gt.get("main_content") or ""
        want = word_scores(text, reference) + (snippets(text, gt.get("with") or []),
                                               snippets(text, gt.get("without") or []))
        got = scores[pid]
        got = (got["precision"], got["recall"], got["f1"], got["with"], got["without"])
        if any(abs(a - b) > 1e-9 for a, b in zip(want, got)):
            diff = (Counter(tokens(text)) | Counter(tokens(reference)))
            print(f"{pid}: Python {want} winnow {got}", file=sys.stderr)
            print(f"  tokens: {len(tokens(text))} predicted, {len(tokens(reference))} reference, "
                  f"{len(diff)} distinct", file=sys.stderr)
            sys.exit(1)
        for name, v in zip(("precision", "recall", "f1", "with", "without"), want):
            sums[name] += v
        sums["pages"] += 1
    n = sums.pop("pages")
    print(f"{n} pages agree with Python to 1e-9: " +
          "  ".join(f"{k} {v / n:.4f}" for k, v in sums.items()))


if __name__ == "__main__":
    main()
