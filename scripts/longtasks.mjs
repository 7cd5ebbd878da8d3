// Prints the longest main-thread tasks while a report loads, and what each was (a timer, a
// message from the worker, layout…), from Chromium's own trace: where to look when the peer
// bench's "longest main-thread task" is over 200 ms; and how long the main thread and the worker
// were busy in all. Figures, never assertions.
//
//   node scripts/longtasks.mjs dist FILE [--top 8] [--profile]
//
// With --profile, V8's sampling profiler runs too, and under each of the three longest tasks
// the functions it was in most are listed (self time): build the bundle with names kept (in
// index.html `data-wasm-opt="0" data-keep-debug="true"`, and `debug = 1`, `strip = false` in
// Cargo.toml's release profile) to see the Rust functions by name.
//
// Serves DIST on a free local port, opens it in Debian's Chromium (headless), waits for the
// worker, picks FILE and records until the results table's total row is drawn.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const [dist, file] = process.argv.slice(2);
const topAt = process.argv.indexOf('--top');
const top = topAt > 0 ? Number(process.argv[topAt + 1]) : 8;
const profile = process.argv.includes('--profile');
if (!dist || !file) {
  console.error('usage: node scripts/longtasks.mjs DIST FILE [--top N]');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const port = 8000 + Math.floor(Math.random() * 900);
const server = spawn('node', [resolve(here, 'serve.mjs'), resolve(dist), String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(`http://127.0.0.1:${port}/?lang=en`);
  await page.waitForSelector('[data-testid="file-input"]', { state: 'attached' });
  await page.waitForTimeout(1500);
  await browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'disabled-by-default-devtools.timeline',
      ...(profile ? ['disabled-by-default-v8.cpu_profiler'] : []),
    ],
  });
  const t0 = Date.now();
  await page.setInputFiles('[data-testid="file-input"]', resolve(file));
  await page.waitForSelector('[data-testid="total-row"]', { timeout: 300_000 });
  const shown = Date.now() - t0;
  await page.waitForTimeout(1500);
  const trace = JSON.parse((await browser.stopTracing()).toString());
  const events = trace.traceEvents ?? trace;
  const main = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const onMain = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  // The worker's share: its threads' tasks, beside the main thread's.
  const workers = new Set(
    events
      .filter((e) => e.name === 'thread_name' && /Worker/.test(e.args?.name ?? ''))
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const busy = (xs) => xs.filter((e) => e.name === 'RunTask').reduce((sum, e) => sum + e.dur, 0) / 1000;
  const onWorker = events.filter((e) => e.ph === 'X' && workers.has(`${e.pid}:${e.tid}`));
  console.log(`busy: main thread ${busy(onMain).toFixed(0)} ms, worker ${busy(onWorker).toFixed(0)} ms`);
  const tasks = onMain.filter((e) => e.name === 'RunTask').sort((a, b) => b.dur - a.dur).slice(0, top);
  const first = Math.min(...onMain.map((e) => e.ts));
  console.log(`${file}: the total row drawn ${shown} ms after the pick; the ${tasks.length} longest tasks:`);
  for (const t of tasks.sort((a, b) => a.ts - b.ts)) {
    const inside = {};
    for (const e of onMain) {
      if (e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && (e.dur ?? 0) > t.dur * 0.05) {
        inside[e.name] = (inside[e.name] ?? 0) + e.dur;
      }
    }
    const what = Object.entries(inside)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([n, d]) => `${n} ${(d / 1000).toFixed(0)} ms`)
      .join(', ');
    console.log(`  ${(t.dur / 1000).toFixed(0).padStart(5)} ms at ${((t.ts - first) / 1000).toFixed(0).padStart(6)} ms: ${what}`);
  }
  if (profile) {
    // The main thread's samples: each chunk adds nodes and samples with time deltas.
    const nodes = new Map();
    const samples = [];
    const starts = new Map();
    for (const e of events) {
      if (e.name === 'Profile' && main.has(`${e.pid}:${e.tid}`)) starts.set(e.id, e.args.data.startTime);
    }
    const clock = new Map();
    for (const e of events) {
      if (e.name !== 'ProfileChunk' || !starts.has(e.id)) continue;
      const data = e.args.data;
      for (const n of data.cpuProfile?.nodes ?? []) nodes.set(`${e.id}:${n.id}`, n.callFrame);
      let ts = clock.get(e.id) ?? starts.get(e.id);
      const deltas = data.timeDeltas ?? [];
      (data.cpuProfile?.samples ?? []).forEach((id, i) => {
        ts += deltas[i] ?? 0;
        samples.push([ts, `${e.id}:${id}`]);
      });
      clock.set(e.id, ts);
    }
    for (const t of tasks.sort((a, b) => b.dur - a.dur).slice(0, 3)) {
      const self = {};
      let n = 0;
      for (const [ts, id] of samples) {
        if (ts < t.ts || ts > t.ts + t.dur) continue;
        const f = nodes.get(id);
        const name = f ? f.functionName || `(${f.url.split('/').pop() || 'program'})` : '?';
        self[name] = (self[name] ?? 0) + 1;
        n += 1;
      }
      const most = Object.entries(self)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([name, k]) => `${name.slice(0, 90)} ${((100 * k) / Math.max(1, n)).toFixed(0)}%`);
      console.log(`the ${(t.dur / 1000).toFixed(0)} ms task, ${n} samples:\n    ${most.join('\n    ')}`);
    }
  }
} finally {
  await browser.close();
  server.kill();
}
