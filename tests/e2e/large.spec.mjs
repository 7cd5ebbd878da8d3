// A large report read off the UI thread: the page stays responsive (the longest main-thread
// task is printed, not asserted), the read can be cancelled, and the reader is a real worker.
import { test, expect, watchLongTasks } from './guard.mjs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Waits for a selector without `expect`'s retries: each retry of a waiting `expect` has
 * Playwright walk the page's accessibility tree on the main thread (half a second on a big
 * page), which the long-task figures would count as the page's own. */
async function waitFor(page, selector, timeout) {
  await page.waitForSelector(selector, { state: 'attached', timeout });
}

/** Prints what a read cost: the worker's time and memory, the time to the results, the
 * longest main-thread task. Figures, never assertions. */
async function printFigures(page, tasks, what, elapsed) {
  const longest = await tasks.longest();
  const name = page.getByTestId('file-name');
  const workerMs = Number(await name.getAttribute('data-read-ms'));
  const workerMb = Number(await name.getAttribute('data-worker-memory')) / 2 ** 20;
  console.log(
    `${what}: read in the worker in ${workerMs} ms (worker memory ${workerMb.toFixed(0)} MB); ` +
      `results on screen after ${elapsed} ms; longest main-thread task ${longest.toFixed(0)} ms`,
  );
}

/** A report-shaped CSV of `n` communes in the Vietnamese style, `;`-separated. */
function bigReport(n) {
  const lines = [
    'UBND TỈNH MẪU;;;;;',
    'BÁO CÁO KẾT QUẢ THU NHẬN THEO XÃ;;;;;',
    '(Số liệu tính đến ngày 14/11/2023);;;;;',
    ';;;;;',
    'STT;Xã;Huyện;Chỉ tiêu;Thu nhận;Tỷ lệ',
  ];
  let target = 0;
  let done = 0;
  const vi = (x) => x.toLocaleString('de-DE');
  for (let i = 1; i <= n; i++) {
    const t = 1000 + ((i * 7919) % 9000);
    const d = Math.round(t * (0.4 + ((i * 104729) % 900) / 1000));
    target += t;
    done += d;
    lines.push(`${i};Xã Số ${i};Huyện ${1 + (i % 97)};${vi(t)};${vi(d)};${(d / t * 100).toFixed(2).replace('.', ',')}%`);
  }
  lines.push(`;Tổng cộng;;${vi(target)};${vi(done)};`);
  return { csv: lines.join('\r\n') + '\r\n', target, done };
}

test('a 100,000-row report is read off the UI thread', async ({ page }) => {
  test.setTimeout(120_000);
  const tasks = await watchLongTasks(page);
  await page.goto('./?lang=en');
  const { csv, target, done } = bigReport(100_000);
  await page.waitForTimeout(500);
  // From a file on disk, as a user picks it (a buffer would be decoded by Playwright on the
  // page's thread, a cost no user's pick has).
  const path = join(mkdtempSync(join(tmpdir(), 'attain-')), 'communes-100k.csv');
  writeFileSync(path, csv);
  await tasks.reset();
  const start = Date.now();
  await page.getByTestId('file-input').setInputFiles(path);
  const total = page.locator('[data-testid="total-row"] td[data-col="achieved"]');
  await waitFor(page, `[data-testid="total-row"] td[data-col="achieved"][data-value="${done}"]`, 90_000);
  await expect(total).toHaveAttribute('data-value', String(done));
  const elapsed = Date.now() - start;
  await expect(page.locator('[data-testid="total-row"] td[data-col="target"]')).toHaveAttribute('data-value', String(target));
  expect(page.workers().length).toBeGreaterThan(0);
  await printFigures(page, tasks, `large report: ${(csv.length / 1e6).toFixed(1)} MB, 100,000 rows`, elapsed);
});

/** A list-shaped CSV as the peer benchmark's: province, district, commune and four counts per
 * row, `,`-separated, English numbers, no title block. */
function peerShaped(n, more = 0) {
  const lines = ['province,district,commune,target,received,activated,sim,smartphone'];
  let target = 0;
  let received = 0;
  for (let i = 0; i < n; i++) {
    const t = 500 + ((i * 7919) % 4500);
    const r = Math.floor((t * (50 + ((i * 104729) % 60))) / 100) + more;
    const a = Math.floor((r * (40 + ((i * 31) % 50))) / 100);
    target += t;
    received += r;
    lines.push(`Tỉnh ${1 + (i % 34)},Huyện ${1 + (i % 700)},Xã ${i},${t},${r},${a},${(i * 13) % 900},${(i * 17) % 800}`);
  }
  return { csv: lines.join('\n') + '\n', target, received };
}

test('a 1,000,000-row list is read and its figures printed', async ({ page }) => {
  test.setTimeout(300_000);
  const tasks = await watchLongTasks(page);
  await page.goto('./?lang=en');
  const { csv, target, received } = peerShaped(1_000_000);
  const path = join(mkdtempSync(join(tmpdir(), 'attain-')), 'rows-1m.csv');
  writeFileSync(path, csv);
  await page.waitForTimeout(500);
  await tasks.reset();
  const start = Date.now();
  await page.getByTestId('file-input').setInputFiles(path);
  const total = page.locator('[data-testid="total-row"] td[data-col="achieved"]');
  await waitFor(page, `[data-testid="total-row"] td[data-col="achieved"][data-value="${received}"]`, 240_000);
  await expect(total).toHaveAttribute('data-value', String(received));
  const elapsed = Date.now() - start;
  await expect(page.locator('[data-testid="total-row"] td[data-col="target"]')).toHaveAttribute('data-value', String(target));
  await printFigures(page, tasks, `1M-row list: ${(csv.length / 1e6).toFixed(1)} MB`, elapsed);
});

test('two dates of 200,000 communes are compared, and a search among them answers at once', async ({ page }) => {
  test.setTimeout(240_000);
  const tasks = await watchLongTasks(page);
  await page.goto('./?lang=en');
  // A month apart; every commune received 7 more at the later date. The districts change on
  // every row, as in a list sorted by commune: twelve thousand groups to compare.
  const n = 200_000;
  const dir = mkdtempSync(join(tmpdir(), 'attain-'));
  const earlier = join(dir, 'communes-2024-01-01.csv');
  const later = join(dir, 'communes-2024-02-01.csv');
  writeFileSync(earlier, peerShaped(n).csv);
  const now = peerShaped(n, 7);
  writeFileSync(later, now.csv);
  await page.getByTestId('file-input').setInputFiles(earlier);
  await expect(page.getByTestId('total-row')).toBeVisible({ timeout: 120_000 });
  // The first date's other charts are drawn after its table: they are not the comparison's.
  await page.waitForTimeout(1500);
  await tasks.reset();
  const start = Date.now();
  await page.getByTestId('add-date-input').setInputFiles(later);
  const change = page.locator('[data-testid="total-row"] td[data-col="change"]');
  await waitFor(page, `[data-testid="total-row"] td[data-col="change"][data-value="${7 * n}"]`, 180_000);
  await expect(change).toHaveAttribute('data-value', String(7 * n));
  const compared = Date.now() - start;
  await expect(page.locator('[data-testid="total-row"] td[data-col="achieved"]')).toHaveAttribute('data-value', String(now.received));
  // A search is a window of the comparison the worker keeps: one commune found.
  const searchStart = Date.now();
  await page.getByTestId('search').fill('Xã 123457');
  const found = page.locator('[data-testid="results-table"] tbody tr[data-unit]');
  await waitFor(page, '[data-testid="results-table"] tbody tr[data-unit="Xã 123457"]', 60_000);
  await expect(found).toHaveCount(1);
  const searched = Date.now() - searchStart;
  await expect(found).toHaveAttribute('data-unit', 'Xã 123457');
  await expect(found.locator('td[data-col="change"]')).toHaveAttribute('data-value', '7');
  console.log(
    `two dates of ${n.toLocaleString('en')} communes: compared and shown in ${compared} ms; a search answered in ${searched} ms; ` +
      `longest main-thread task ${(await tasks.longest()).toFixed(0)} ms`,
  );
});

test('reading can be cancelled, and the next file is read', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('./?lang=en');
  const { csv } = bigReport(60_000);
  await page.getByTestId('file-input').setInputFiles({
    name: 'communes-60k.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await expect(page.getByTestId('loading')).toBeVisible();
  await page.getByTestId('cancel-loading').click();
  await expect(page.getByTestId('loading')).toHaveCount(0);
  await expect(page.getByTestId('results-table')).toHaveCount(0);
  await page.getByTestId('load-sample').click();
  await expect(page.locator('[data-testid="results-table"] tbody tr')).toHaveCount(9);
});

test('10,000 communes: sorting and scrolling are measured, every row reachable page by page', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('./?lang=en');
  const { csv } = bigReport(10_000);
  await page.getByTestId('file-input').setInputFiles({ name: 'communes-10k.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  const rows = page.locator('[data-testid="results-table"] tbody tr[data-unit]');
  await expect(rows).toHaveCount(200, { timeout: 60_000 });
  await expect(page.getByTestId('rows-shown')).toHaveText('Rows 1–200 of 10,000 in the current order.');
  // A sort: from the click to the first row changing.
  const before = await rows.first().getAttribute('data-unit');
  const sortMs = await page.evaluate(async (first) => {
    const t0 = performance.now();
    document.querySelectorAll('[data-testid="results-table"] thead button.sort')[3].click();
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      const now = document.querySelector('[data-testid="results-table"] tbody tr[data-unit]')?.dataset.unit;
      if (now !== first) return performance.now() - t0;
    }
  }, before);
  // A scroll of the table: the time to the next frame.
  const frameMs = await page.evaluate(async () => {
    const wrap = document.querySelector('.table-wrap');
    const t0 = performance.now();
    wrap.scrollTop = wrap.scrollHeight / 2;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t0;
  });
  await page.getByTestId('next-page').click();
  await expect(page.getByTestId('rows-shown')).toHaveText('Rows 201–400 of 10,000 in the current order.');
  await expect(rows).toHaveCount(200);
  console.log(`10,000 units: sort by rate ${sortMs.toFixed(0)} ms to the first redrawn frame; scroll ${frameMs.toFixed(0)} ms for two frames`);
});

test('a reader that dies costs only its worker: the user is told, the report is rebuilt, the next file reads', async ({ page }) => {
  await page.goto('./?lang=en');
  const fixture = (name) => new URL(`../fixtures/analysis/${name}`, import.meta.url).pathname;
  await page.getByTestId('file-input').setInputFiles(fixture('ben-tre-2023-11-14.xlsx'));
  await expect(page.getByTestId('total-rate')).toHaveText('88.33%');
  // The results table has its rows from the worker (it asks for them after the answer), and
  // the register and the map theirs: the worker has nothing left to do.
  await expect(page.getByTestId('total-row')).toBeVisible();
  await expect(page.getByTestId('places-line')).toBeVisible();
  await expect(page.getByTestId('map-chart')).toHaveCount(1);
  // The reading worker now throws on its next job, as an abort inside a reader would.
  const workers = page.workers();
  expect(workers.length).toBeGreaterThan(0);
  for (const w of workers) {
    await w.evaluate(() => {
      self.onmessage = () => {
        throw new Error('a reader aborted');
      };
    });
  }
  await page.getByTestId('file-input').setInputFiles(fixture('binh-phuoc-2024-07-03.xlsx'));
  await expect(page.getByRole('alert')).toContainText('binh-phuoc-2024-07-03.xlsx');
  await expect(page.getByRole('alert')).toContainText('the reader stopped');
  // The page is still the last report's, rebuilt in a new worker: a change to it is answered.
  await expect(page.getByTestId('total-rate')).toHaveText('88.33%');
  await expect(page.getByTestId('as-of-source')).not.toHaveText('');
  await page.getByTestId('as-of').fill('2023-11-20');
  await expect(page.getByTestId('as-of-source')).toHaveText('');
  await expect(page.getByTestId('as-of')).toHaveValue('2023-11-20');
  await expect(page.getByRole('alert')).not.toContainText('no data');
  // And the next file reads.
  await page.getByTestId('file-input').setInputFiles(fixture('binh-phuoc-2024-07-03.xlsx'));
  await expect(page.getByTestId('indicator-tab')).toHaveCount(4);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
