#!/usr/bin/env python3
"""Hostile pages: each is written to a scratch folder and cleaned by
`winnow clean` (with a site's rules, with --generic, as JSON) and rendered.
Every run must end within the time bound and under the memory bound (peak
RSS of the process, from wait4) and give output or a clear error: exit 0
with output, or a documented exit code with one line on stderr naming the
file. Bounds are generous (they catch a hang or a blow-up, not a slowdown).

  tests/hostile_pages.py WINNOW_BINARY [--memory-factor F]
"""
import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

MB = 1024 * 1024
HEAD = '<!doctype html><html><head><meta charset="utf-8"><title>Hostile</title></head><body>'
TAIL = '</body></html>'
ARTICLE = ('<p>The council voted on Tuesday to widen the river path, a plan that has waited, in one form or '
           'another, for eleven years.</p>')


def page(body):
    return (HEAD + body + TAIL).encode()


def hostile_line(unit, size=200_000):
    """A line of `unit` repeated: what makes a backtracking engine go
    quadratic or exponential (nested quantifiers, near-misses at the end)."""
    return (unit * (size // len(unit) + 1))[:size]


def cases(big_mb=50):
    rnd = random.Random(20261126)
    yield 'nesting-100000', page('<div>' * 100_000 + ARTICLE + '</div>' * 100_000), 20
    yield 'nesting-unclosed-100000', page('<span><b><i>' * 34_000 + ARTICLE), 20
    para = ARTICLE * 40
    yield f'page-{big_mb}MB', page('<article>' + para * (big_mb * MB // len(para)) + '</article>'), 25
    yield 'text-node-20MB-words', page('<p>' + 'word, ' * (20 * MB // 6) + '</p>'), 15
    yield 'text-node-20MB-one-word', page('<p>' + 'x' * (20 * MB) + '</p>'), 15
    attrs = ''.join(f' a{i}="v{i}"' for i in range(100_000))
    yield 'attributes-100000', page(f'<div{attrs} class="content">' + ARTICLE + '</div>'), 20
    yield 'binary-1MB', bytes(rnd.getrandbits(8) for _ in range(MB)), 15
    bad = b''.join(rnd.choice([b'\xff', b'\xc3', b'\xe1\x80', b'\xf0\x9f\x98', b'\xed\xa0\x80', b'\xc0\xaf',
                               b'ok ', b'<p>', b'</p>', b', ']) for _ in range(400_000))
    yield 'invalid-utf8', HEAD.encode() + bad + TAIL.encode(), 15
    viet = 'Việt Nam, Hà Nội và Quảng Châu hợp tác trong nhiều lĩnh vực. ' * 2000
    yield 'charset-declared-wrong-1', (HEAD.replace('utf-8', 'windows-1258') + '<p>' + viet + '</p>' + TAIL).encode(), 15
    yield 'charset-declared-wrong-2', (HEAD.replace('utf-8', 'shift_jis') + '<p>' + viet + '</p>' + TAIL).encode(), 15
    yield 'charset-declared-unknown', (HEAD.replace('utf-8', 'x-no-such-charset') + ARTICLE + TAIL).encode(), 15
    yield 'nul-bytes', page('<p>' + ('a\0b, ' * 100_000) + '</p><di\0v class="\0">' + ARTICLE + '</div>'), 15
    yield 'nul-only', b'\0' * MB, 15
    yield 'empty-tags-million', page('<b></b>' * 1_000_000), 20
    yield 'comment-unclosed', page('<!--' + 'x' * (5 * MB)), 15
    yield 'script-unclosed', page('<script>' + 'var x = 1;' * 500_000), 15
    yield 'table-10000-rows', page('<table>' + '<tr><td>a</td><td>b, c.</td></tr>' * 10_000 + '</table>'), 15
    yield 'entities-million', page('<p>' + '&amp;&#x1F600;&#0;&bogus;' * 250_000 + '</p>'), 15
    # A regex-hostile line for every text pattern: long near-misses of the
    # chrome, credit, date, notice, meta and box-title lines, the sites'
    # drop patterns, and class names for the hint patterns.
    units = {
        'chrome': 'share share ', 'credit': '(photo: (photo: ', 'getty': 'getty images ',
        'reporting': 'additional reporting by ', 'contributed': ' contributed reporting contributed ',
        'date': '12:12/12/12 november ', 'date-words': 'updated on monday at ', 'notice': 'this site uses cookie ',
        'meta': 'posted by posted by ', 'tags': 'tags: - tags: ', 'box': 'you may also like you may ',
        'vietnamese': 'Tin liên quan Xem thêm (Ảnh: ', 'iso': '2024-04-02T14:30:00+07:00 ', 'spaces': ' \t \u00a0 ',
        'digits': '0123456789', 'byline': 'By By By ', 'copyright': '© all rights reserved ',
    }
    for name, unit in units.items():
        line = hostile_line(unit)
        yield f'regex-{name}', page(f'<p>{line}</p><div class="{hostile_line(unit.replace(" ", "-"), 50_000)}">'
                                     f'{ARTICLE}<p>{line[:300]}</p></div>'), 15
    yield 'regex-class-hints', page(''.join(f'<div class="{hostile_line(u, 20_000)}">' + ARTICLE + '</div>'
                                            for u in ['related-', 'post-comments ', 'has-', 'a-', 'share-bar '])), 15


def run(cmd, seconds, scratch):
    """Runs cmd; returns (problem, (rc, bytes out, stderr, seconds taken, peak
    RSS MB)). Output goes to a file, never through this process: a parent
    that grew would lend its memory to every later fork and spoil the RSS
    figures (ru_maxrss counts the child from fork, before exec)."""
    start = time.monotonic()
    out_path, err_path = os.path.join(scratch, 'out'), os.path.join(scratch, 'err')
    with open(out_path, 'wb') as out, open(err_path, 'wb') as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, start_new_session=True)
    # wait4 gives this child's own peak RSS (RUSAGE_CHILDREN is the maximum
    # over all children so far).
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > seconds:
            os.killpg(proc.pid, signal.SIGKILL)
            os.wait4(proc.pid, 0)
            return f'no answer within {seconds:.0f}s', None
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    with open(err_path, 'rb') as f:
        err_text = f.read(100_000)
    return None, (proc.returncode, os.path.getsize(out_path), err_text, time.monotonic() - start,
                  usage.ru_maxrss / 1024)


def write_pages(folder, big_mb):
    with open(os.path.join(folder, 'index'), 'w') as index:
        for name, data, seconds in cases(big_mb):
            with open(os.path.join(folder, name + '.html'), 'wb') as f:
                f.write(data)
            index.write(f'{name} {len(data)} {seconds}\n')


def main():
    if len(sys.argv) == 4 and sys.argv[1] == '--write-pages':
        write_pages(sys.argv[2], int(sys.argv[3]))
        return 0
    ap = argparse.ArgumentParser()
    ap.add_argument('winnow')
    ap.add_argument('--memory-factor', type=float, default=1.0, help='sanitizer builds take more')
    ap.add_argument('--time-factor', type=float, default=1.0)
    # A sanitizer tree checks memory errors, which a 20 MB page meets as a
    # 50 MB one does; the 50 MB page's bounds are the plain build's to hold.
    ap.add_argument('--big-page-mb', type=int, default=50)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix='winnow-hostile-')
    failures = 0
    try:
        # The pages are written by a child process: a parent that held them
        # would lend its memory to every fork and spoil the RSS figures.
        subprocess.run([sys.executable, __file__, '--write-pages', tmp, str(args.big_page_mb)], check=True)
        with open(os.path.join(tmp, 'index')) as f:
            index = [line.split() for line in f]
        for name, size, base_seconds in index:
            path = os.path.join(tmp, name + '.html')
            data_len = int(size)
            base_seconds = float(base_seconds)
            # Memory bound: a fixed allowance plus 25 times the page (bytes,
            # decoded text, Gumbo's tree and ours, the layout, the output;
            # a million empty elements cost about 40 bytes of input each and
            # some 300 bytes of memory).
            memory_mb = int((250 + 25 * data_len / MB) * args.memory_factor)
            seconds = base_seconds * args.time_factor
            runs = [
                ['clean', '--url', 'https://thoidai.com.vn/a-1.html', path],
                ['clean', '--generic', '--format', 'json', '--url', 'https://example.com/a', path],
                ['render', path],
            ]
            for extra in runs:
                cmd = [args.winnow] + extra
                problem, result = run(cmd, seconds, tmp)
                label = f'{name} ({" ".join(extra[:-1])})'
                if problem is None:
                    rc, out, err, took, peak_mb = result
                    err_lines = [l for l in err.decode(errors='replace').splitlines() if l.strip()]
                    if rc < 0:
                        problem = f'killed by signal {-rc}: {err_lines[-1] if err_lines else ""}'
                    elif rc == 0 and out == 0 and not err_lines:
                        problem = 'exit 0 with no output and no warning'
                    elif rc not in (0, 3):
                        problem = f'exit {rc}: {err_lines[:2]}'
                    elif rc == 3 and not (len(err_lines) == 1 and path in err_lines[0]):
                        problem = f'exit 3 without one error line naming the file: {err_lines[:3]}'
                    elif peak_mb > memory_mb:
                        problem = f'peak RSS {peak_mb:.0f} MB over the bound {memory_mb} MB'
                    else:
                        print(f'ok   {label}: exit {rc}, {took:.1f}s, {peak_mb:.0f} MB peak '
                              f'(bound {memory_mb}), {data_len / MB:.1f} MB in, {out} bytes out')
                        continue
                failures += 1
                print(f'FAIL {label}: {problem}')
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print(f'hostile pages: {failures} run(s) failed')
        return 1
    print('hostile pages: every run gave output or a clear error, within its bounds')
    return 0


if __name__ == '__main__':
    sys.exit(main())
