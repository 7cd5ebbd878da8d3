// Prints the size of what a browser loads: each file of the hosted bundle's first load (raw
// and gzipped), their total, and the single file attain.html. `node scripts/sizes.mjs [DIR]`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
// The first load: the page and what it references; icons and the manifest only when installed,
// the export module on the first export, the register of units when a first report opens.
const firstLoad = (f) => !/^(attain\.html|sw\.js|assets\/|writer-|register-)/.test(f);
const rows = walk(dir)
  .map((f) => {
    const bytes = readFileSync(f);
    return { name: relative(dir, f), raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
  })
  .sort((a, b) => b.raw - a.raw);
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KiB';
const line = (name, raw, gz) => console.log(`${name.padEnd(40)} ${kb(raw)} ${kb(gz)}`);
console.log(`${'file'.padEnd(40)} ${'raw'.padStart(12)} ${'gzip -9'.padStart(12)}`);
for (const r of rows) line(r.name + (firstLoad(r.name) ? '' : ' *'), r.raw, r.gz);
const first = rows.filter((r) => firstLoad(r.name));
line('first load of the hosted page', first.reduce((s, r) => s + r.raw, 0), first.reduce((s, r) => s + r.gz, 0));
const single = rows.find((r) => r.name === 'attain.html');
if (single) line('attain.html (single file)', single.raw, single.gz);
console.log('* not part of the first load (service worker, install assets, export module, register of units, single file; the service');
console.log('  worker downloads the bundle, export module included, after the first visit, for offline use)');
