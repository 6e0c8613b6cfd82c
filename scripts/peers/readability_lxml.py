"""readability-lxml (Debian's python3-readability) over a benchmark's pages,
for scripts/bench-peers.sh. The pages are read and gunzipped once, before any
timing; a pass times, for every page, what a user of it runs: the bytes
decoded as UTF-8 (as requests' .text gives them; handing readability the bytes
instead makes it detect the charset itself, which takes longer: 32 pages/s
against 52 here), Document(text, url=url).summary(), then the summary's text.

    /usr/bin/python3 readability_lxml.py BENCHMARK_DIR PASSES
prints: pages N bytes B passes P median_s S pages_per_s R chars C failed F
"""
import gzip
import json
import logging
import os
import statistics
import sys
import time

import lxml.html
from readability import Document


def main():
    folder, passes = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
    logging.disable(logging.CRITICAL)  # readability logs every page it struggles with
    with open(os.path.join(folder, "ground-truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    pages = []
    for page_id in sorted(truth):
        gz = os.path.join(folder, "html", page_id + ".html.gz")
        if os.path.exists(gz):
            with gzip.open(gz, "rb") as f:
                data = f.read()
        else:
            with open(os.path.join(folder, "html", page_id + ".html"), "rb") as f:
                data = f.read()
        pages.append((truth[page_id].get("url") or "https://example.com/", data))
    size = sum(len(b) for _, b in pages)
    chars = failed = 0
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        for url, data in pages:
            try:
                summary = Document(data.decode("utf-8", "replace"), url=url).summary()
                chars += len(lxml.html.fromstring(summary).text_content()) if summary else 0
            except Exception:  # a page it cannot handle counts, its time too
                failed += 1 if not times else 0
        times.append(time.perf_counter() - start)
    median = sorted(times)[(len(times) - 1) // 2]
    print(f"pages {len(pages)} bytes {size} passes {passes} median_s {median:.3f} "
          f"pages_per_s {len(pages) / median:.2f} chars {chars} failed {failed}")


if __name__ == "__main__":
    main()
