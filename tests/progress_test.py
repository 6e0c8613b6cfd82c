#!/usr/bin/env python3
"""progress_test.py WINNOW ROOT: the progress line of the long runs
(src/cli/progress.h) under a pseudo-terminal (tests/pty_run.py).

For `clean DIR` (the fixtures, and the benchmark's pages when
../shared/datasets is there), `clean --warc FILE` and `--warc -` (a WARC
of the fixture pages written here) and `eval fixtures`:
  - with stderr on a terminal, the line is drawn ("\\r\\x1b[K" then
    "clean: 3 / 24 pages  ..."), each draw is followed by another draw or by
    the clear ("\\r\\x1b[K") -- so it never runs into a warning, a page's
    text or the summary, and the run ends with it cleared -- and with the
    draws and clears taken out, stderr is byte for byte what it is without
    a terminal;
  - stdout is byte-identical to a run without a terminal (eval's "time"
    line aside) and the exit code is the same;
  - without a terminal, stderr holds no "\\r" and no escape;
  - with --quiet, or WINNOW_PROGRESS=0, on a terminal: no line at all.
And `clean DIR` with stdout on the same terminal: the pages' text and the
warnings, with the draws taken out, are what one file receives for both.

Exit 0 all held, 1 a check failed (each printed), 2 usage.
"""
import gzip
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pty_run  # noqa: E402

CLEAR = b"\r\x1b[K"
DRAW = re.compile(rb"\r\x1b\[K(clean|eval): ([\d,]+)( / ([\d,]+))? pages[^\r\n\x1b]*")

checks = failed = 0


def check(name, held, *detail):
    global checks, failed
    checks += 1
    if held:
        print("ok - " + name)
        return
    failed += 1
    print("not ok - " + name)
    for d in detail:
        for line in str(d).splitlines()[:20]:
            print("#   " + line)


def env_with(**extra):
    env = {k: v for k, v in os.environ.items() if k != "WINNOW_PROGRESS"}
    env.update(extra)
    return env


def plain_run(args, stdin_path=None):
    """Without a terminal: (exit code, stdout, stderr)."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        p = subprocess.run(args, env=env_with(), stdin=stdin, capture_output=True, timeout=300)
    finally:
        if stdin_path:
            stdin.close()
    return p.returncode, p.stdout, p.stderr


def tty_run(args, stdin_path=None, **env):
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        return pty_run.run(args, env=env_with(**env), stdin=stdin)
    finally:
        if stdin_path:
            stdin.close()


def without_progress(term):
    """The terminal's bytes with every draw and clear taken out."""
    return DRAW.sub(b"", term).replace(CLEAR, b"")


def strip_time(out):
    """eval's stdout without its "time ... s" line (it differs run to run)."""
    return b"".join(l for l in out.splitlines(keepends=True) if not l.startswith(b"time "))


def check_run(name, args, label, total=None, extra=None, stdin_path=None, same_stdout=lambda o: o):
    """`extra`: a regex the draws must match (the WARC's bytes)."""
    rc, out, err = plain_run(args, stdin_path)
    check(f"{name}: without a terminal, no \\r or escape on stderr", b"\r" not in err and b"\x1b" not in err,
          repr(err[:300]))
    trc, tout, term = tty_run(args, stdin_path)
    check(f"{name}: on a terminal, exit {rc} as without", trc == rc, f"got {trc}")
    check(f"{name}: on a terminal, stdout byte-identical", same_stdout(tout) == same_stdout(out),
          f"{len(tout)} bytes against {len(out)}")
    draws = list(DRAW.finditer(term))
    check(f"{name}: on a terminal, the progress line is drawn", len(draws) > 0 and all(
        d.group(1).decode() == label for d in draws), repr(term[-400:]))
    if total is not None:
        check(f"{name}: the line counts pages out of {total}",
              draws and all(d.group(4) and int(d.group(4).replace(b",", b"")) == total for d in draws),
              *[repr(d.group(0)) for d in draws[:3]])
    counts = [int(d.group(2).replace(b",", b"")) for d in draws]
    check(f"{name}: the count only grows", counts == sorted(counts), counts)
    if extra is not None:
        check(f"{name}: the line says {extra.pattern.decode()}", draws and all(extra.search(d.group(0)) for d in draws),
              *[repr(d.group(0)) for d in draws[:3]])
    # Each draw is followed by the next draw or a clear: nothing is written
    # over it, and the run does not end with it on the screen.
    followed = [term[d.end():d.end() + len(CLEAR)] == CLEAR for d in draws]
    check(f"{name}: every draw is cleared before anything else is written, the last one too", all(followed),
          *[repr(term[d.start():d.end() + 60]) for d, f in zip(draws, followed) if not f][:3])
    check(f"{name}: on a terminal, stderr without the line is stderr without a terminal",
          without_progress(term) == err, "terminal: " + repr(without_progress(term)[-300:]), "plain: " + repr(err[-300:]))
    for how, env in (("--quiet", {}), ("WINNOW_PROGRESS=0", {"WINNOW_PROGRESS": "0"})):
        q_args = args + ["--quiet"] if how == "--quiet" else args
        qrc, qout, qterm = tty_run(q_args, stdin_path, **env)
        check(f"{name}: {how} on a terminal: no progress line, stderr and stdout as without a terminal",
              qrc == rc and b"\r" not in qterm and b"\x1b" not in qterm and qterm == err and
              same_stdout(qout) == same_stdout(out), repr(qterm[:300]))
    return draws


def page_count(d):
    n = 0
    for _, _, files in os.walk(d):
        n += sum(f.endswith((".html", ".htm", ".html.gz", ".htm.gz")) for f in files)
    return n


def write_warc(path, pages):
    """One gzip member a record, as Common Crawl writes them: a response
    (HTTP 200, text/html) per page at https://HOST/NAME."""
    with open(path, "wb") as f:
        for i, (url, body) in enumerate(pages):
            http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body)) + body
            head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{i:012d}>\r\n"
                    f"WARC-Date: 2024-05-17T16:07:00Z\r\nWARC-Target-URI: {url}\r\n"
                    f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
            f.write(gzip.compress(head + http + b"\r\n\r\n"))


def main():
    # --quick (a sanitizer tree): the fixtures and WARCs only, not the
    # benchmark's 181 pages, which add nothing a thread checker needs.
    quick = "--quick" in sys.argv[3:]
    args = [a for a in sys.argv[1:] if a != "--quick"]
    if len(args) != 2:
        sys.stderr.write(__doc__)
        return 2
    winnow, root = args
    w = [winnow, "--rules", os.path.join(root, "rules")]
    fixtures = os.path.join(root, "fixtures")
    n = page_count(fixtures)

    print("# clean DIR")
    check_run("clean fixtures", w + ["clean", fixtures], "clean", total=n)
    check_run("clean -j 2 fixtures --format json", w + ["clean", "-j", "2", "--format", "json", fixtures], "clean",
              total=n)
    bench = os.path.join(root, "..", "shared", "datasets", "article-extraction-benchmark", "html")
    if quick:
        print("# --quick: the benchmark's pages skipped")
    elif os.path.isdir(bench):
        check_run("clean -j 2 benchmark", w + ["clean", "-j", "2", bench], "clean", total=page_count(bench))
    else:
        print(f"# no {bench}: the benchmark's pages skipped")

    print("# clean DIR, stdout on the same terminal")
    with tempfile.TemporaryFile() as both:
        subprocess.run(w + ["clean", fixtures], env=env_with(), stdin=subprocess.DEVNULL, stdout=both,
                       stderr=subprocess.STDOUT, timeout=300)
        both.seek(0)
        expected = both.read()
    _, _, term = pty_run.run(w + ["clean", fixtures], env=env_with(), stdout_on_tty=True)
    draws = list(DRAW.finditer(term))
    check("clean fixtures, stdout on the terminal: drawn, and each draw cleared before the next text",
          draws and all(term[d.end():d.end() + len(CLEAR)] == CLEAR for d in draws), repr(term[-300:]))
    check("clean fixtures, stdout on the terminal: the text and warnings, without the line, as one file gets them",
          without_progress(term) == expected, f"{len(without_progress(term))} bytes against {len(expected)}")

    print("# clean --warc")
    with tempfile.TemporaryDirectory() as tmp:
        pages = []
        for dirpath, _, files in sorted(os.walk(fixtures)):
            for f in sorted(files):
                if f.endswith(".html"):
                    with open(os.path.join(dirpath, f), "rb") as fh:
                        pages.append((f"https://{os.path.basename(dirpath)}/{f}", fh.read()))
        warc = os.path.join(tmp, "fixtures.warc.gz")
        write_warc(warc, pages)
        size = os.path.getsize(warc) / 1e6
        check_run("clean --warc FILE", w + ["clean", "--warc", warc], "clean",
                  extra=re.compile(rb"[\d.]+ / %.1f MB" % size))
        check_run("clean --warc FILE FILE -j 2", w + ["clean", "-j", "2", "--warc", warc, warc], "clean",
                  extra=re.compile(rb"[\d.]+ / %.1f MB" % (2 * size)))
        check_run("clean --warc - (a pipe: bytes read, no time left)", w + ["clean", "--warc", "-"], "clean",
                  extra=re.compile(rb"^\r\x1b\[Kclean: [\d,]+ pages(  [\d.,]+/s)?  [\d.]+ MB read$"), stdin_path=warc)

    print("# eval")
    draws = check_run("eval fixtures", w + ["eval", fixtures], "eval", total=n, same_stdout=strip_time)
    check_run("eval -j 2 fixtures", w + ["eval", "-j", "2", fixtures], "eval", total=n, same_stdout=strip_time)

    print(f"# {checks} checks, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
