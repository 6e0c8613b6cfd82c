#!/usr/bin/env python3
"""The python side of tests/crawl/warc_test.sh: a crawl's WARC archive read
with nothing but the standard library (zlib, hashlib, base64), its framing
and digests checked, and the crawl's articles compared with it. Each
subcommand prints "ok - ..." / "not ok - ..." lines (and "#" notes).

  files DIR --summary OUT [--cut-tail-ok]   every file well formed
  covered --summary S --manifest M          every article written has its response
  roundtrip --manifest M --out DIR --lines L  clean --warc gives each article
  counts --summary S --warcio LINE          warcio counted what we counted
"""
import argparse, base64, hashlib, json, os, re, sys, zlib

NAME = re.compile(r"^winnow-.+-\d{8}T\d{6}Z-(\d{5,})\.warc\.gz$")
DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
UUID = re.compile(r"^<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}>$")


def report(good, msg, diags=()):
    print(("ok - " if good else "not ok - ") + msg)
    if not good:
        for d in list(diags)[:10]:
            print("#   " + str(d))
    return good


def sha1(b):
    return "sha1:" + base64.b32encode(hashlib.sha1(b).digest()).decode()


def warc_files(d):
    found = []
    for n in os.listdir(d):
        m = NAME.match(n)
        if m:
            found.append((int(m.group(1)), n))
    return [os.path.join(d, n) for _, n in sorted(found)]


def parse_record(raw):
    """(headers dict, block) of one whole record, or raise ValueError."""
    end = raw.find(b"\r\n\r\n")
    if not raw.startswith(b"WARC/1.1\r\n") or end < 0:
        raise ValueError("no WARC/1.1 header")
    headers = {}
    for line in raw[:end].split(b"\r\n")[1:]:
        k, sep, v = line.partition(b":")
        if not sep:
            raise ValueError("bad header line %r" % line[:60])
        headers[k.decode().strip().lower()] = v.decode("utf-8").strip()
    n = int(headers["content-length"])
    block = raw[end + 4:end + 4 + n]
    if len(block) != n or raw[end + 4 + n:] != b"\r\n\r\n":
        raise ValueError("block is not Content-Length bytes and CRLF CRLF")
    return headers, block


def read_file(path):
    """([(headers, block)], problem or None, cut_tail bytes): each gzip member
    must hold one whole record. The cut tail is what follows the last whole
    group: a member cut short, a member holding a record cut short, or whole
    records naming (WARC-Concurrent-To) one that never came (a request whose
    response a kill kept from being written)."""
    data = open(path, "rb").read()
    records, pos = [], 0
    kept, kept_pos, awaited, seen = 0, 0, set(), set()
    while pos < len(data):
        d = zlib.decompressobj(31)
        try:
            raw = d.decompress(data[pos:])
        except zlib.error:
            break
        if not d.eof:
            break
        used = len(data) - pos - len(d.unused_data)
        try:
            h, block = parse_record(raw)
        except (ValueError, KeyError, UnicodeDecodeError) as e:
            if pos + used == len(data):  # a whole member holding a cut record: still a cut tail
                break
            return records[:kept], "member at byte %d: %s" % (pos, e), 0
        records.append((h, block))
        pos += used
        awaited.discard(h.get("warc-record-id"))
        seen.add(h.get("warc-record-id"))
        to = h.get("warc-concurrent-to")
        if to and to not in seen:
            awaited.add(to)
        if not awaited:
            kept, kept_pos = len(records), pos
    return records[:kept], None, len(data) - kept_pos


def payload_of(block):
    i = block.find(b"\r\n\r\n")
    return block[i + 4:] if i >= 0 else b""


def cmd_files(a):
    paths = warc_files(a.dir)
    problems, notes = [], []
    summary = {"files": len(paths), "records": 0, "types": {}, "statuses": {}, "responses": {}}
    for i, path in enumerate(paths):
        name = os.path.basename(path)
        records, problem, cut = read_file(path)
        if problem:
            problems.append("%s: %s" % (name, problem))
        if cut:
            if a.cut_tail_ok and i == len(paths) - 1:
                notes.append("%s ends in %d bytes of a record a kill cut (the next run cuts them)" % (name, cut))
            else:
                problems.append("%s: %d bytes at its end are no whole record" % (name, cut))
        if not records:
            if not cut:
                problems.append("%s: no record" % name)
            continue
        if records[0][0].get("warc-type") != "warcinfo" or records[0][0].get("warc-filename") != name:
            problems.append("%s: the first record is not its warcinfo" % name)
        ids = {h.get("warc-record-id"): h.get("warc-type") for h, _ in records}
        if len(ids) != len(records):
            problems.append("%s: a WARC-Record-ID twice" % name)
        for h, block in records:
            t = h.get("warc-type")
            summary["records"] += 1
            summary["types"][t] = summary["types"].get(t, 0) + 1
            where = "%s %s %s" % (name, t, h.get("warc-target-uri", ""))
            if not DATE.match(h.get("warc-date", "")) or not UUID.match(h.get("warc-record-id", "")):
                problems.append(where + ": WARC-Date or WARC-Record-ID malformed")
            if t not in ("request", "response"):
                continue
            if h.get("warc-warcinfo-id") != records[0][0].get("warc-record-id"):
                problems.append(where + ": WARC-Warcinfo-ID is not the file's warcinfo")
            if h.get("content-type") != "application/http;msgtype=" + t:
                problems.append(where + ": Content-Type " + h.get("content-type", ""))
            if h.get("warc-block-digest") != sha1(block):
                problems.append(where + ": WARC-Block-Digest")
            other = "request" if t == "response" else "response"
            to = h.get("warc-concurrent-to")
            if (t == "response" or to) and ids.get(to) != other:
                problems.append(where + ": WARC-Concurrent-To names no %s of the file" % other)
            if t == "response":
                if h.get("warc-payload-digest") != sha1(payload_of(block)):
                    problems.append(where + ": WARC-Payload-Digest")
                status = block.split(b"\r\n", 1)[0].split(b" ")[1].decode()
                summary["statuses"][status] = summary["statuses"].get(status, 0) + 1
                if "warc-truncated" not in h:
                    summary["responses"].setdefault(h["warc-target-uri"], []).append(status)
    for n in notes:
        print("# " + n)
    report(not problems and paths != [],
           "%s: %d files, %d records, every gzip member one whole WARC/1.1 record; warcinfo first; ids, dates, "
           "Concurrent-To pairs, Content-Types and SHA-1 digests as written" % (a.label, len(paths), summary["records"]),
           problems or ["no WARC file in " + a.dir])
    with open(a.summary, "w") as f:
        json.dump(summary, f)


def manifest_articles(path):
    """{url: path} of the articles the manifest says were written."""
    out = {}
    for line in open(path, "rb").read().split(b"\n"):
        try:
            m = json.loads(line)
        except ValueError:
            continue  # a partial last line a kill left
        if isinstance(m, dict) and m.get("path") and m.get("status") in ("new", "updated"):
            out[m["url"]] = m["path"]
    return out


def cmd_covered(a):
    s = json.load(open(a.summary))
    arts = manifest_articles(a.manifest)
    missing = [u for u in arts if "200" not in s["responses"].get(u, [])]
    report(not missing and arts != {} or (a.allow_none and not arts),
           "%s: each of the %d articles in the manifest has a whole 200 response record in the archive"
           % (a.label, len(arts)), missing or ["no article in the manifest"])


STRIP = re.compile(rb'^\{"url":("(?:[^"\\]|\\.)*"|null),"warc_record_id":"(?:[^"\\]|\\.)*","warc_date":"(?:[^"\\]|\\.)*"')


def cmd_roundtrip(a):
    by_url = {}
    bad = []
    for line in open(a.lines, "rb").read().split(b"\n"):
        if not line:
            continue
        stripped, n = STRIP.subn(rb'{"url":\1', line, count=1)
        if n != 1:
            bad.append("a line without url, warc_record_id, warc_date first: %r" % line[:100])
            continue
        by_url.setdefault(json.loads(line)["url"], set()).add(stripped + b"\n")
    arts = manifest_articles(a.manifest)
    differ = []
    for url, rel in sorted(arts.items()):
        content = open(os.path.join(a.out, rel), "rb").read()
        if content not in by_url.get(url, ()):
            differ.append("%s: %s" % (url, "no line of clean --warc" if url not in by_url else "differs from its line"))
    report(not bad and not differ and arts != {},
           "%s: clean --warc gives each of the %d articles the crawl wrote byte for byte (%d lines, %d URLs)"
           % (a.label, len(arts), sum(len(v) for v in by_url.values()), len(by_url)), bad + differ)


def cmd_counts(a):
    s = json.load(open(a.summary))
    w = json.loads(a.warcio.split(" ", 1)[1])
    ours = {"files": s["files"], "records": s["records"], "types": s["types"], "statuses": s["statuses"]}
    report(ours == w, "%s: warcio counted what python did: %s" % (a.label, json.dumps(ours, sort_keys=True)),
           ["warcio: " + json.dumps(w, sort_keys=True)])


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("files")
    p.add_argument("dir")
    p.add_argument("--summary", required=True)
    p.add_argument("--cut-tail-ok", action="store_true")
    p.add_argument("--label", default="archive")
    p = sub.add_parser("covered")
    p.add_argument("--summary", required=True)
    p.add_argument("--manifest", required=True)
    p.add_argument("--allow-none", action="store_true")
    p.add_argument("--label", default="archive")
    p = sub.add_parser("roundtrip")
    p.add_argument("--manifest", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--lines", required=True)
    p.add_argument("--label", default="round trip")
    p = sub.add_parser("counts")
    p.add_argument("--summary", required=True)
    p.add_argument("--warcio", required=True)
    p.add_argument("--label", default="warcio")
    a = ap.parse_args()
    {"files": cmd_files, "covered": cmd_covered, "roundtrip": cmd_roundtrip, "counts": cmd_counts}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
