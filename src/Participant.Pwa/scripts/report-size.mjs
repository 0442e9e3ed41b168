// Prints the gzipped size of what the first visit downloads (index.html and every JS and CSS
// file the build emitted, lazy chunks included) and fails the build over budget.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150 * 1024;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const base = '/app/';

const referenced = new Set();
for (const match of html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)) {
  referenced.add(match[1].startsWith(base) ? match[1].slice(base.length) : match[1].replace(/^\.?\//, ''));
}
for (const file of readdirSync(join(dist, 'assets'))) {
  if (/\.(js|css)$/.test(file)) referenced.add(`assets/${file}`);
}

const rows = [['index.html', html.length, gzipSync(html, { level: 9 }).length]];
for (const file of referenced) {
  const bytes = readFileSync(join(dist, file));
  rows.push([file, bytes.length, gzipSync(bytes, { level: 9 }).length]);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let raw = 0;
let gz = 0;
console.log('\nFirst load (gzipped):');
for (const [name, size, zipped] of rows) {
  raw += size;
  gz += zipped;
  console.log(`  ${name.padEnd(44)} ${kb(size).padStart(10)}  gz ${kb(zipped).padStart(9)}`);
}
console.log(`  ${'total'.padEnd(44)} ${kb(raw).padStart(10)}  gz ${kb(gz).padStart(9)}  (budget ${kb(BUDGET_BYTES)})`);
let worker = 0;
for (const file of readdirSync(dist).filter((f) => f === 'sw.js' || /^workbox-.*\.js$/.test(f))) {
  worker += gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
}
console.log(`  service worker (installed after load)               gz ${kb(worker).padStart(9)}`);
if (gz > BUDGET_BYTES) {
  console.error(`First load is ${kb(gz)} gzipped, over the ${kb(BUDGET_BYTES)} budget.`);
  process.exit(1);
}
