// Readability.js on jsdom over a benchmark's pages, for scripts/bench-peers.sh.
// The pages are read and gunzipped once, before any timing; a pass times, for
// every page, what a user of the pair runs: the bytes decoded as UTF-8, new
// JSDOM(text, {url}), new Readability(document).parse() (its textContent is
// the article's text), window.close().
//
//   node readability_js.js BENCHMARK_DIR PASSES
// prints: pages N bytes B passes P median_s S pages_per_s R chars C failed F
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');

const [dir, passesArg] = process.argv.slice(2);
const passes = Number(passesArg || 3);
const truth = JSON.parse(fs.readFileSync(path.join(dir, 'ground-truth.json'), 'utf8'));
const pages = Object.keys(truth).sort().map((id) => {
  const gz = path.join(dir, 'html', id + '.html.gz');
  const raw = fs.existsSync(gz) ? zlib.gunzipSync(fs.readFileSync(gz)) : fs.readFileSync(path.join(dir, 'html', id + '.html'));
  return { url: truth[id].url || 'https://example.com/', bytes: raw };
});
const bytes = pages.reduce((n, p) => n + p.bytes.length, 0);
// Pages' own console output and CSS errors are noise here.
const quiet = new VirtualConsole();
const decoder = new TextDecoder('utf-8');

let chars = 0;
let failed = 0;
const times = [];
for (let r = 0; r < passes; ++r) {
  const start = process.hrtime.bigint();
  for (const p of pages) {
    let dom = null;
    try {
      dom = new JSDOM(decoder.decode(p.bytes), { url: p.url, virtualConsole: quiet });
      const article = new Readability(dom.window.document).parse();
      chars += article && article.textContent ? article.textContent.length : 0;
    } catch (e) {
      // jsdom's CSS parser throws on some pages' styles (SCSS variables left
      // in a calc()); the page counts, and so does its time.
      if (r === 0) ++failed;
    }
    if (dom) dom.window.close();
  }
  times.push(Number(process.hrtime.bigint() - start) / 1e9);
}
times.sort((a, b) => a - b);
const median = times[Math.floor((times.length - 1) / 2)];
console.log(`pages ${pages.length} bytes ${bytes} passes ${passes} median_s ${median.toFixed(3)} ` +
            `pages_per_s ${(pages.length / median).toFixed(2)} chars ${chars} failed ${failed}`);
