#!/usr/bin/python3
"""winnow-dask: `winnow clean --warc` over many WARC shards on a Dask cluster.

    winnow-dask.py --out DIR [--workers N | --scheduler tcp://HOST:8786]
                   [--winnow PATH] [--rules DIR] SHARD|GLOB... [-- CLEAN_OPTION...]

Each shard (a WARC file; a glob is expanded here, sorted) is one task: a
worker runs `winnow [--rules DIR] clean --warc SHARD [CLEAN_OPTION...]` and
writes its JSON Lines to DIR/PART, where PART is the shard's file name
without .warc/.warc.gz, a dash, 8 hex digits of the SHA-256 of its absolute
path, and .jsonl (a/crawl.warc.gz and b/crawl.warc.gz get two parts; the
same shard always the same part). Without --scheduler, a LocalCluster of N
worker processes (one thread each) runs here; with it, the workers of that
scheduler do, and they must see the shards, DIR and the winnow binary at the
same absolute paths (a shared filesystem).

Idempotent: DIR/PART exists if and only if winnow exited 0 on the shard. The
lines go to a hidden temporary file in DIR (.PART.XXXX.tmp), which is renamed
to PART only on exit 0; a rerun skips every shard whose part exists, so a
rerun after a failure (or a lost worker) redoes only what is missing.
winnow's exit 5 (the WARC broke off after some records, or a page failed:
the lines before are all there) is a failure: the lines are kept as
DIR/PART.partial (not matched by DIR/*.jsonl) for whoever wants them, no part
is written, and the next run tries the shard again (a shard cut by a failed
download is fixed by fetching it again). To accept a partial shard as it is,
rename PART.partial to PART. Any other exit (3: no WARC, unreadable; 2, 4:
the command line or rules) writes nothing.

The clean options (--rules and those after --) are recorded in
DIR/winnow-dask.json; a rerun with other options into the same DIR is
refused (exit 2), so parts made two ways never mix.

Output: on stderr one line per shard (done, skipped, or failed with
winnow's exit code and error line) and a summary; on stdout the path of
every shard's part that exists, in shard order (`| xargs cat > all.jsonl`
for one file). Exit 0: every shard has its part; 5: some shards failed (each named
on stderr), the others are done; 2: bad command line (a glob matching
nothing, other options than DIR's); 6: the cluster could not be started or
reached; 130: stopped by SIGINT or SIGTERM (a LocalCluster shut down, its
winnow processes with it; on a scheduler's workers, shards already running
finish and keep their parts). Python's standard library and dask.distributed
only (Debian: python3-distributed).
"""

import argparse
import glob
import hashlib
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile

PROG = "winnow-dask"
SETTINGS = "winnow-dask.json"


def die(code, message):
    print("%s: %s" % (PROG, message), file=sys.stderr)
    sys.exit(code)


def part_name(shard):
    """The part's file name: the shard's name without .warc[.gz], a dash, 8
    hex digits of the SHA-256 of its absolute path, .jsonl."""
    base = os.path.basename(shard)
    for ext in (".warc.gz", ".warc", ".gz"):
        if base.endswith(ext) and len(base) > len(ext):
            base = base[: -len(ext)]
            break
    digest = hashlib.sha256(os.fsencode(shard)).hexdigest()[:8]
    return "%s-%s.jsonl" % (base, digest)


def expand_shards(patterns):
    """Shards in command-line order, globs sorted, as absolute paths, each
    once. A glob that matches nothing is a usage error; a plain path is kept
    as given (a missing file is that shard's failure, named by winnow)."""
    shards, seen = [], set()
    for pattern in patterns:
        if glob.has_magic(pattern):
            found = sorted(glob.glob(pattern))
            if not found:
                die(2, "%s: no shard matches" % pattern)
        else:
            found = [pattern]
        for path in found:
            path = os.path.abspath(path)
            if path not in seen:
                seen.add(path)
                shards.append(path)
    return shards


def count_lines(path):
    n = 0
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            n += block.count(b"\n")
    return n


def fsync_dir(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def error_line(stderr):
    """winnow's reason: its first line that is not the closing summary
    ("N records: ..."), else its last line."""
    lines = [l for l in stderr.decode("utf-8", "replace").splitlines() if l.strip()]
    for line in lines:
        if " records: " not in line:
            return line
    return lines[-1] if lines else "(nothing on stderr)"


def run_shard(command, shard, out_dir, part):
    """One task, on a worker: winnow on the shard into a temporary file in
    out_dir, renamed to the part on exit 0 (to PART.partial on exit 5).
    Returns a plain dict (what happened), never raises for winnow's failures."""
    final = os.path.join(out_dir, part)
    result = {"shard": shard, "part": final, "rc": None, "lines": 0, "error": ""}
    if os.path.exists(final):  # another run did it since the driver looked
        result["status"] = "skipped"
        return result
    # winnow dies with its worker (a LocalCluster shut down by SIGTERM, a
    # worker lost) instead of running on, orphaned: setpriv (util-linux,
    # always in Debian) asks for SIGTERM when the task's thread goes away.
    setpriv = shutil.which("setpriv")
    prefix = [setpriv, "--pdeathsig", "TERM", "--"] if setpriv else []
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix="." + part + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            proc = subprocess.run(prefix + command + [shard], stdout=out, stderr=subprocess.PIPE,
                                  stdin=subprocess.DEVNULL)
            out.flush()
            os.fsync(out.fileno())
        result["rc"] = proc.returncode
        if proc.returncode == 0:
            result["lines"] = count_lines(tmp)
            os.replace(tmp, final)
            partial = final + ".partial"
            if os.path.exists(partial):
                os.unlink(partial)
            fsync_dir(out_dir)
            result["status"] = "done"
            return result
        result["error"] = error_line(proc.stderr)
        result["status"] = "failed"
        if proc.returncode == 5:
            result["lines"] = count_lines(tmp)
            os.replace(tmp, final + ".partial")
            fsync_dir(out_dir)
        return result
    except OSError as e:
        result["status"] = "failed"
        result["error"] = "%s: %s" % (getattr(e, "filename", None) or shard, e.strerror or e)
        return result
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def check_settings(out_dir, settings):
    """DIR keeps the clean options its parts were made with; other options
    into the same DIR are refused."""
    path = os.path.join(out_dir, SETTINGS)
    try:
        with open(path, encoding="utf-8") as f:
            old = json.load(f)
    except FileNotFoundError:
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(settings, f)
            f.write("\n")
        os.replace(tmp, path)
        return
    except (OSError, ValueError) as e:
        die(2, "%s: unreadable (%s); remove it if DIR's parts are to be kept" % (path, e))
    if old != settings:
        die(2, "%s: its parts were made with %s, not %s: use another --out, or empty it"
            % (out_dir, json.dumps(old), json.dumps(settings)))


def parse_args(argv):
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    p = argparse.ArgumentParser(
        prog="winnow-dask.py",
        description=__doc__.split("\n\n", 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Options after -- go to `winnow clean` (e.g. -- -j 2 --generic).")
    p.add_argument("shards", nargs="+", metavar="SHARD", help="WARC files or globs (quoted)")
    p.add_argument("--out", required=True, metavar="DIR", help="where the parts go (created)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="tcp://HOST:8786", help="an existing Dask scheduler")
    where.add_argument("--workers", type=int, default=2, metavar="N",
                       help="without --scheduler: worker processes of a LocalCluster (default 2)")
    p.add_argument("--winnow", default="winnow", metavar="PATH",
                   help="the winnow binary as the workers see it (default: winnow on PATH)")
    p.add_argument("--rules", metavar="DIR", help="winnow's --rules (default: its bundled rules)")
    args = p.parse_args(argv)
    if args.workers < 1:
        p.error("--workers: at least 1")
    args.extra = extra
    return args


def run_cluster(args, todo, command, report):
    """Runs the shards of todo on the cluster; report(result) for each as
    it ends. A LocalCluster is shut down on every way out of here."""
    import distributed  # here, so that --help works without it

    def on_term(signum, frame):  # SIGTERM: leave through the finally below
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    try:
        if args.scheduler:
            client = distributed.Client(args.scheduler, timeout="20s")
            cluster = None
        else:
            cluster = distributed.LocalCluster(
                n_workers=args.workers, threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=logging.ERROR)
            client = distributed.Client(cluster)
    except (OSError, TimeoutError) as e:
        die(6, "%s: cannot reach the cluster: %s" % (args.scheduler or "LocalCluster", e))
    try:
        keys = ["winnow-" + part for _, part in todo]
        futures = client.map(run_shard, [command] * len(todo), [s for s, _ in todo],
                             [args.out] * len(todo), [p for _, p in todo], key=keys, retries=0)
        which = dict(zip(keys, todo))
        for future in distributed.as_completed(futures):
            try:
                report(future.result())
            except Exception as e:  # a lost worker, a task that could not run
                shard, part = which[future.key]
                report({"shard": shard, "part": os.path.join(args.out, part), "status": "failed",
                        "rc": None, "lines": 0, "error": "%s: %s" % (type(e).__name__, e)})
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def main(argv):
    args = parse_args(argv)
    shards = expand_shards(args.shards)
    args.out = os.path.abspath(args.out)
    try:
        os.makedirs(args.out, exist_ok=True)
    except OSError as e:
        die(2, "--out %s: %s" % (args.out, e.strerror))
    rules = os.path.abspath(args.rules) if args.rules else None
    command = [args.winnow] + (["--rules", rules] if rules else []) + ["clean"] + args.extra + ["--warc"]
    check_settings(args.out, {"rules": rules, "clean": args.extra})

    parts = {s: part_name(s) for s in shards}
    counts = {"done": 0, "skipped": 0, "failed": 0}

    def report(r):
        counts[r["status"]] += 1
        name = os.path.basename(r["part"])
        if r["status"] == "done":
            msg = "done, %d lines: %s" % (r["lines"], name)
        elif r["status"] == "skipped":
            msg = "skipped: %s exists" % name
        else:
            rc = r["rc"]
            how = "not run" if rc is None else "killed by signal %d" % -rc if rc < 0 else "exit %d" % rc
            if rc == 5:
                how += ", %d lines kept in %s.partial" % (r["lines"], name)
            msg = "failed (%s): %s" % (how, r["error"])
        print("%s: %s: %s" % (PROG, r["shard"], msg), file=sys.stderr, flush=True)

    todo = []
    for s in shards:
        if os.path.exists(os.path.join(args.out, parts[s])):
            report({"shard": s, "part": os.path.join(args.out, parts[s]), "status": "skipped"})
        else:
            todo.append((s, parts[s]))
    if todo:
        try:
            run_cluster(args, todo, command, report)
        except KeyboardInterrupt:
            die(130, "stopped: %d shards done, %d skipped, %d failed before; a rerun does the rest"
                % (counts["done"], counts["skipped"], counts["failed"]))

    print("%s: %d shards: %d done, %d skipped, %d failed" % (
        PROG, len(shards), counts["done"], counts["skipped"], counts["failed"]), file=sys.stderr)
    for s in shards:
        path = os.path.join(args.out, parts[s])
        if os.path.exists(path):
            print(path)
    return 5 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
