// An independent reader of a crawl's archive: Webrecorder's warcio.js
// (the npm package `warcio`, installed by tests/crawl/warc_test.sh) reads
// every record of every file, and each record's digests are computed again
// twice, by warcio's own serializer (its digest code, SHA-1 in base32) and
// by node's crypto over the raw block; then the counts are printed for the
// test to compare with its own reading.
//   node warcio_check.mjs NODE_MODULES FILE.warc.gz...
// Prints "ok - ..." / "not ok - ..." lines and a last line
// "counts {json}": records by type, responses by status.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, ...files] = process.argv.slice(2);
const warcio = await import(pathToFileURL(join(modules, "warcio", "dist", "index.js")).href);
const { WARCParser, WARCSerializer } = warcio;

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
function base32(bytes) {
  let out = "", acc = 0, bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= 0xff;  // only the bits not yet written matter
  }
  if (bits > 0) out += B32[(acc << (5 - bits)) & 31];
  while (out.length % 8) out += "=";
  return out;
}
const sha1 = (bytes) => "sha1:" + base32(createHash("sha1").update(bytes).digest());

function payloadStart(block) {
  for (let i = 0; i + 3 < block.length; i++)
    if (block[i] === 13 && block[i + 1] === 10 && block[i + 2] === 13 && block[i + 3] === 10) return i + 4;
  return block.length;
}

let failed = 0;
function check(good, what, detail) {
  console.log((good ? "ok - " : "not ok - ") + what);
  if (!good) {
    failed++;
    if (detail) console.log("#   " + detail);
  }
}

const counts = { files: files.length, records: 0, types: {}, statuses: {} };
const problems = [];
function problem(file, rec, what) {
  if (problems.length < 10) problems.push(`${basename(file)} ${rec?.warcType} ${rec?.warcTargetURI ?? ""}: ${what}`);
}

for (const file of files) {
  // Pass 1: the raw blocks, digested by node's crypto.
  const ids = new Map();  // record id -> type
  const concurrent = [];
  let n = 0;
  for await (const rec of new WARCParser(createReadStream(file), { parseHttp: false, keepHeadersCase: true })) {
    n++;
    const type = rec.warcType;
    if (n === 1 && type !== "warcinfo") problem(file, rec, "the first record is no warcinfo");
    const block = await rec.readFully(false);
    if (block.length !== Number(rec.warcHeaders.headers.get("Content-Length")))
      problem(file, rec, "block length is not Content-Length");
    ids.set(rec.warcHeaders.headers.get("WARC-Record-ID"), type);
    if (type === "request" || type === "response") {
      if (!rec.warcTargetURI?.startsWith("http://")) problem(file, rec, "no http WARC-Target-URI");
      if (rec.warcHeaders.headers.get("Content-Type") !== `application/http;msgtype=${type}`)
        problem(file, rec, "Content-Type " + rec.warcHeaders.headers.get("Content-Type"));
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(rec.warcDate ?? "")) problem(file, rec, "WARC-Date " + rec.warcDate);
      if (!/^<urn:uuid:[0-9a-f-]{36}>$/.test(rec.warcHeaders.headers.get("WARC-Record-ID") ?? ""))
        problem(file, rec, "WARC-Record-ID");
      if (!rec.warcHeaders.headers.get("WARC-IP-Address")) problem(file, rec, "no WARC-IP-Address");
      if (sha1(block) !== rec.warcBlockDigest) problem(file, rec, `block digest ${rec.warcBlockDigest} != ${sha1(block)}`);
      if (type === "response" && sha1(block.subarray(payloadStart(block))) !== rec.warcPayloadDigest)
        problem(file, rec, "payload digest");
      const to = rec.warcHeaders.headers.get("WARC-Concurrent-To");
      if (type === "response" && !to) problem(file, rec, "a response without WARC-Concurrent-To");
      if (to) concurrent.push([type, to]);
    }
  }
  for (const [type, to] of concurrent)
    if (ids.get(to) !== (type === "request" ? "response" : "request"))
      problem(file, null, `a ${type}'s WARC-Concurrent-To ${to} names no ${type === "request" ? "response" : "request"} of the file`);

  // Pass 2: the HTTP heads parsed by warcio, digests by its serializer.
  let m = 0;
  for await (const rec of new WARCParser(createReadStream(file), { parseHttp: true, keepHeadersCase: true })) {
    m++;
    const type = rec.warcType;
    counts.records++;
    counts.types[type] = (counts.types[type] ?? 0) + 1;
    if (type !== "request" && type !== "response") continue;
    if (!rec.httpHeaders) {
      problem(file, rec, "warcio found no HTTP head");
      continue;
    }
    if (type === "response") {
      const status = String(rec.httpHeaders.statusCode);
      counts.statuses[status] = (counts.statuses[status] ?? 0) + 1;
    } else if (rec.httpHeaders.method !== "GET") {
      problem(file, rec, "request method " + rec.httpHeaders.method);
    }
    const block = rec.warcBlockDigest, payload = rec.warcPayloadDigest;
    const s = new WARCSerializer(rec, { digest: { algo: "sha-1", prefix: "sha1:", base32: true } });
    await s.digestRecord({ recompute: true });
    if (rec.warcBlockDigest !== block) problem(file, rec, `warcio's block digest ${rec.warcBlockDigest} != ${block}`);
    if (type === "response" && rec.warcPayloadDigest !== payload)
      problem(file, rec, `warcio's payload digest ${rec.warcPayloadDigest} != ${payload}`);
  }
  if (m !== n) problem(file, null, `${n} records in one pass, ${m} in the other`);
}

check(problems.length === 0, `warcio read ${counts.records} records in ${files.length} files: types, URIs, ` +
      "dates, ids, Concurrent-To pairs and both digests (node's SHA-1 and warcio's serializer) as written",
      problems.join("\n#   "));
console.log("counts " + JSON.stringify(counts));
process.exit(failed ? 1 : 0);
