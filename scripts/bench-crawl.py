#!/usr/bin/env python3
"""Crawl throughput and memory against the local mirror, politeness off.

Starts tests/mirror/mirror.py with N generated article variants, runs
`winnow crawl` over the three sites with no per-host delay (8 transfers, 8 per
host), discovering the articles through the sites' paged listings (15 a page,
as on the real MasterCMS sites), and reports articles fetched+cleaned+written
per second and the crawler's peak RSS. Several sizes in one run show whether
memory stays flat as the crawl grows.

    scripts/bench-crawl.py [--winnow build/winnow] [--sizes 1000,10000] [--repeat 3]

The mirror runs on the same machine and takes its share of the CPU; the
figure is end to end: HTTP, decoding, parsing, cleaning, files, state,
manifest. Prints the median of the repetitions.
"""

import argparse
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SITES = ["thoidai.com.vn", "tuoitrethudo.vn", "baoquocte.vn"]


def job_text(out):
    lines = [
        'name = "bench"',
        "sites = [%s]" % ", ".join('"%s"' % s for s in SITES),
        'output = "%s/articles"' % out,
        'state = "%s/state.sqlite"' % out,
        'manifest = "%s/manifest.jsonl"' % out,
        "[limits]",
        "max_pages = 1000000",
        "listing_depth = 1000",  # the most a job may follow: 15,000 articles a site
        # The variants are copies of the fixtures by design: each is written as
        # an article of its own, as distinct articles are (their fingerprints
        # still taken and kept; only the index lookup is left out).
        "[dedup]",
        "texts = false",
        "[fetch]",
        "concurrency = 8",
        "per_host = 8",
        "delay_ms = 0",
    ]
    for s in SITES:
        lines += ['[site."%s"]' % s, 'base_url = "http://%s"' % s, "feeds = []", 'listings = ["/tin-moi/"]']
    return "\n".join(lines) + "\n"


def start_mirror(variants, tmp):
    port_file = os.path.join(tmp, "port")
    proc = subprocess.Popen([sys.executable, os.path.join(ROOT, "tests", "mirror", "mirror.py"),
                             "--fixtures", os.path.join(ROOT, "fixtures"), "--port-file", port_file,
                             "--variants", str(variants)])
    for _ in range(300):
        if os.path.exists(port_file) and os.path.getsize(port_file) > 0:
            return proc, int(open(port_file).read())
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("bench-crawl: the mirror did not start")


def peak_rss_of(cmd):
    """Runs cmd in a child process (fork + exec) and returns (seconds, peak RSS MB, stderr)."""
    r, w = os.pipe()
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.dup2(w, 2)
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        os.execv(cmd[0], cmd)
    os.close(w)
    err = b""
    while True:
        chunk = os.read(r, 65536)
        if not chunk:
            break
        err += chunk
    _, status, usage = os.wait4(pid, 0)
    secs = time.monotonic() - t0
    code = os.waitstatus_to_exitcode(status)
    return secs, usage.ru_maxrss / 1024.0, code, err.decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--winnow", default=os.path.join(ROOT, "build", "winnow"))
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    winnow = os.path.abspath(args.winnow)
    print("bench-crawl: %s, %d cores, politeness off (delay 0, 8 transfers, 8 per host)"
          % (winnow, os.cpu_count()))
    for size in [int(s) for s in args.sizes.split(",")]:
        tmp = tempfile.mkdtemp(prefix="winnow-bench-")
        mirror, port = start_mirror(size, tmp)
        try:
            rates, rss, articles = [], [], 0
            for rep in range(args.repeat):
                out = os.path.join(tmp, "run%d" % rep)
                os.makedirs(out)
                job = os.path.join(tmp, "job%d.toml" % rep)
                open(job, "w").write(job_text(out))
                cmd = [winnow, "crawl", job, "-q"]
                for s in SITES:
                    cmd += ["--connect-to", "%s:80:127.0.0.1:%d" % (s, port)]
                secs, peak, code, err = peak_rss_of(cmd)
                if code != 0:
                    raise SystemExit("bench-crawl: winnow crawl exited %d:\n%s" % (code, err))
                articles = sum(1 for _ in open(os.path.join(out, "manifest.jsonl")))
                rates.append(articles / secs)
                rss.append(peak)
                # Output stays until the size is done: deleting thousands of
                # files makes ext4 slow to allocate inodes for a while after
                # (recently_deleted), which a real crawl never meets.
            print("  %6d articles: %6.1f pages/s (median of %d: %s), peak RSS %.1f MB (max of %d)"
                  % (articles, statistics.median(rates), len(rates),
                     ", ".join("%.0f" % r for r in rates), max(rss), len(rss)))
        finally:
            mirror.send_signal(signal.SIGTERM)
            mirror.wait()
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
