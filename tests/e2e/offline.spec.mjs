// The three situations of offices: the hosted page, which keeps working with the network off
// after one visit (also under a sub-path); a new release replacing the cached one cleanly; and
// the single file attain.html opened from disk with no network at all.
import { test, expect } from './guard.mjs';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unzipEntry } from './unzip.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const dist = resolve(root, 'dist');
const fixture = (name) => resolve(here, '../fixtures', name);
const shots = resolve(here, 'artifacts');

/** Serves a copy of the bundle at http://127.0.0.1:PORT/BASE; returns its folder and a stop(). */
async function serveCopy(port, base) {
  const folder = mkdtempSync(join(tmpdir(), 'attain-bundle-'));
  cpSync(dist, folder, { recursive: true });
  const server = spawn('node', [resolve(root, 'scripts/serve.mjs'), folder, String(port), base], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}${base}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { folder, url, stop: () => server.kill() };
}

const controlled = (page) => page.evaluate(() => navigator.serviceWorker?.controller != null);
const cacheNames = (page) => page.evaluate(() => caches.keys());
const totalRate = async (page) =>
  Number(await page.locator('[data-testid="total-row"] td[data-col="rate"]').getAttribute('data-value'));

function csp(html) {
  const m = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
  expect(m, 'a Content-Security-Policy meta').not.toBeNull();
  return m[1];
}

test('both builds carry a strict Content-Security-Policy', async () => {
  for (const name of ['index.html', 'attain.html']) {
    const html = readFileSync(join(dist, name), 'utf8');
    const policy = csp(html);
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).not.toContain("'unsafe-inline'");
    expect(policy).toContain("'wasm-unsafe-eval'");
    expect(policy).toContain("object-src 'none'");
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  }
  // The hosted page has no inline script at all; the single file's one script is hashed.
  const index = readFileSync(join(dist, 'index.html'), 'utf8');
  expect(index).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>\s*\S/);
  expect(csp(readFileSync(join(dist, 'attain.html'), 'utf8'))).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'/);
});

test('after one visit the hosted page works with the network off, under a sub-path', async ({ page, context }) => {
  const site = await serveCopy(8093, '/tools/attain/');
  try {
    await page.goto(`${site.url}?lang=en`);
    await expect(page.getByRole('heading', { name: 'Drop a report file here' })).toBeVisible();
    await expect.poll(() => controlled(page), { timeout: 15_000 }).toBe(true);
    const [cache] = await cacheNames(page);
    expect(cache).toMatch(/^attain-[0-9a-f]{16}$/);
  } finally {
    site.stop();
  }
  // The server is gone and the browser is offline: everything comes from the cache.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Drop a report file here' })).toBeVisible();
  await page.getByTestId('file-input').setInputFiles(fixture('ben-tre-2023-11-14.xlsx'));
  await expect(page.locator('[data-testid="results-table"] tbody tr')).toHaveCount(9);
  expect((await totalRate(page)).toFixed(4)).toBe('0.8833');
  // The register of units, fetched on the first report, comes from the cache too.
  await expect(page.getByTestId('places-line')).toHaveText(
    'Register of units in force from 1 Jul 2025: 9 of 9 units found, districts, before the reform of 1 July 2025 · Tỉnh Bến Tre');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.slice(1).split('\r\n')[0]).toBe('level,unit,parent,indicator,achieved,target,rate,gap');
  // The export module, never fetched while online, comes from the cache too.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(unzipEntry(readFileSync(await xlsx.path()), 'xl/worksheets/sheet1.xml')).toContain('<v>822139</v>');
  // A fresh navigation, with a query string, offline.
  await page.goto(`${site.url}?lang=vi`);
  await expect(page.getByRole('heading', { name: 'Kéo thả tệp báo cáo vào đây' })).toBeVisible();
  await page.screenshot({ path: `${shots}/06-offline-subpath-vi.png`, fullPage: true });
});

test('a new release replaces the cached one whole, after the page says so', async ({ page }) => {
  const site = await serveCopy(8094, '/');
  try {
    await page.goto(`${site.url}?lang=en`);
    await expect.poll(() => controlled(page), { timeout: 15_000 }).toBe(true);
    const [before] = await cacheNames(page);
    // The next release: its service worker names a new cache.
    const swPath = join(site.folder, 'sw.js');
    const next = 'feedfacefeedface';
    writeFileSync(swPath, readFileSync(swPath, 'utf8').replace(/const VERSION = '[0-9a-f]+';/, `const VERSION = '${next}';`));
    await page.reload();
    await expect(page.getByTestId('update-ready')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('update-ready')).toContainText('A new version of Attain is ready.');
    await page.screenshot({ path: `${shots}/07-update-ready-en.png` });
    // Until the user says so, the old release still serves the page.
    expect(await cacheNames(page)).toContain(before);
    await Promise.all([page.waitForEvent('load'), page.getByTestId('update-reload').click()]);
    await expect.poll(() => cacheNames(page), { timeout: 15_000 }).toEqual([`attain-${next}`]);
    await expect(page.getByTestId('update-ready')).toHaveCount(0);
    await page.getByTestId('load-sample').click();
    expect((await totalRate(page)).toFixed(4)).toBe('0.8833');
  } finally {
    site.stop();
  }
});

test('the hosted page offers the single file, identical to the build', async ({ page }) => {
  await page.goto('./?lang=en');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('single-file-link').click()]);
  expect(download.suggestedFilename()).toBe('attain.html');
  expect(readFileSync(await download.path()).equals(readFileSync(join(dist, 'attain.html')))).toBe(true);
});

test('the single file works opened from disk, with every network request blocked', async ({ page, context, guard }) => {
  const folder = mkdtempSync(join(tmpdir(), 'attain-office-'));
  cpSync(join(dist, 'attain.html'), join(folder, 'attain.html'));
  await context.setOffline(true);
  await context.route(/^(https?|wss?):/, (route) => route.abort());
  const url = pathToFileURL(join(folder, 'attain.html')).href;
  await page.goto(`${url}?lang=vi`);
  await expect(page.getByRole('heading', { name: 'Kéo thả tệp báo cáo vào đây' })).toBeVisible();
  expect(await controlled(page)).toBe(false);
  await expect(page.getByTestId('single-file-link')).toHaveCount(0);

  await page.getByTestId('load-sample').click();
  expect((await totalRate(page)).toFixed(4)).toBe('0.8833');
  await page.getByTestId('file-input').setInputFiles(fixture('binh-phuoc-4g-2024-07-03.csv'));
  const buDang = page.locator('[data-testid="results-table"] tr[data-unit="Bù Đăng"] td[data-col="rate"]');
  expect(Number(await buDang.getAttribute('data-value')).toFixed(4)).toBe('1.9103');
  await expect(buDang).toContainText('191,03%');
  // The register of units is inlined: the districts are found in it.
  await expect(page.getByTestId('places-line')).toHaveText(
    'Sổ đơn vị hành chính hiệu lực 01-07-2025: nhận ra 11/11 đơn vị, cấp huyện, trước sắp xếp 01-07-2025 · Tỉnh Bình Phước');
  await page.getByTestId('file-input').setInputFiles(fixture('broken.xlsx'));
  await expect(page.getByRole('alert')).toContainText('Không đọc được tệp “broken.xlsx”');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const lines = readFileSync(await download.path(), 'utf8').slice(1).trimEnd().split('\r\n');
  expect(lines).toHaveLength(1 + 11 + 1);
  expect(lines.find((l) => l.startsWith('unit,Bù Đăng,'))).toMatch(/^unit,Bù Đăng,,Đã bàn giao,2258,1182,1\.910/);
  // The Excel writer is inlined too: its module runs in the reading worker from the file.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  const zip = readFileSync(await xlsx.path());
  expect(unzipEntry(zip, 'xl/sharedStrings.xml')).toContain('Bù Đăng');
  expect(unzipEntry(zip, 'xl/worksheets/sheet1.xml')).toContain('<v>2258</v>');
  await page.screenshot({ path: `${shots}/08-single-file-vi.png`, fullPage: true });
  // Only the file itself was ever requested.
  expect(guard.requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:')).map((u) => u.split('?')[0])).toEqual([url]);
});
