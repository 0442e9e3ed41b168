// Prints the gzipped size of what the first visit downloads (index.html, the CSS and JS it
// references and every chunk those import statically) and of the chunks fetched only on demand
// (the QR scanner and its decoder, the service-worker registration), and fails the build when
// the first load is over budget.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150 * 1024;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const base = '/app/';

const firstLoad = new Set();
const pending = [];
for (const match of html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)) {
  pending.push(match[1].startsWith(base) ? match[1].slice(base.length) : match[1].replace(/^\.?\//, ''));
}
// Follow static imports (`import … from "./x.js"`, `import "./x.js"`); `import("./x.js")` is lazy.
const staticImport = /(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+\s*from\s*)?["']\.\/([^"']+\.js)["']/g;
while (pending.length > 0) {
  const file = pending.pop();
  if (firstLoad.has(file)) continue;
  firstLoad.add(file);
  if (!file.endsWith('.js')) continue;
  const code = readFileSync(join(dist, file), 'utf8');
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  for (const match of code.matchAll(staticImport)) pending.push(dir + match[1]);
}
const lazy = readdirSync(join(dist, 'assets'))
  .filter((f) => /\.(js|css)$/.test(f))
  .map((f) => `assets/${f}`)
  .filter((f) => !firstLoad.has(f));

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const measure = (file) => {
  const bytes = file === 'index.html' ? Buffer.from(html) : readFileSync(join(dist, file));
  return [file, bytes.length, gzipSync(bytes, { level: 9 }).length];
};
const table = (title, files) => {
  let raw = 0;
  let gz = 0;
  console.log(`\n${title}:`);
  for (const [name, size, zipped] of files.map(measure)) {
    raw += size;
    gz += zipped;
    console.log(`  ${name.padEnd(44)} ${kb(size).padStart(10)}  gz ${kb(zipped).padStart(9)}`);
  }
  console.log(`  ${'total'.padEnd(44)} ${kb(raw).padStart(10)}  gz ${kb(gz).padStart(9)}`);
  return gz;
};

const first = table('First load (gzipped)', ['index.html', ...firstLoad]);
console.log(`  budget ${kb(BUDGET_BYTES)}`);
table(
  'Fetched later (gzipped): QR scanner and decoder on the first scan, service-worker registration after start',
  lazy,
);
let worker = 0;
for (const file of readdirSync(dist).filter((f) => f === 'sw.js' || /^workbox-.*\.js$/.test(f))) {
  worker += gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
}
console.log(`\n  service worker (installed after load)               gz ${kb(worker).padStart(9)}`);
if (first > BUDGET_BYTES) {
  console.error(`First load is ${kb(first)} gzipped, over the ${kb(BUDGET_BYTES)} budget.`);
  process.exit(1);
}
