// The thin path in a real browser: open the page, load a report (picker, drop, sample), read
// the rates, export them, survive bad files, and never send a request elsewhere.
import { test, expect } from './guard.mjs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name) => resolve(here, '../fixtures', name);
const shots = resolve(here, 'artifacts');

const value = async (locator) => Number(await locator.getAttribute('data-value'));
const unitCell = (page, unit, col) =>
  page.locator(`[data-testid="results-table"] tr[data-unit="${unit}"] td[data-col="${col}"]`);
const totalCell = (page, col) => page.locator(`[data-testid="total-row"] td[data-col="${col}"]`);

test('start screen offers the sample, with the published Bến Tre total', async ({ page }) => {
  await page.goto('./?lang=vi');
  await expect(page.getByRole('heading', { name: 'Kéo thả tệp báo cáo vào đây' })).toBeVisible();
  await expect(page.getByTestId('file-input')).toHaveCount(1);
  await page.screenshot({ path: `${shots}/01-start-vi.png`, fullPage: true });

  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('sample-badge')).toContainText('Dữ liệu mẫu');
  await expect(page.locator('[data-testid="results-table"] tbody tr')).toHaveCount(9);
  expect((await value(totalCell(page, 'rate'))).toFixed(4)).toBe((822139 / 930767).toFixed(4));
  await expect(totalCell(page, 'rate')).toContainText('88,33%');
  await expect(totalCell(page, 'achieved')).toHaveText('822.139');
  await expect(page.getByTestId('total-rate')).toHaveText('88,33%');
  // Every row of the sample accounted for; its totals row is kept aside, not counted.
  await page.getByTestId('row-account').locator('summary').click();
  const account = page.getByTestId('row-account');
  await expect(account.locator('[data-bucket="data"]')).toHaveAttribute('data-count', '9');
  await expect(account.locator('[data-bucket="total"]')).toHaveAttribute('data-count', '1');
  await expect(account.locator('[data-bucket="total"]')).toContainText('dòng 15');
  await expect(page.getByTestId('as-of')).toHaveValue('2023-11-14');
  await page.screenshot({ path: `${shots}/02-sample-vi.png`, fullPage: true });
});

test('an XLSX report through the file input: choose columns, read rates, export CSV', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByTestId('file-input').setInputFiles(fixture('ben-tre-2023-11-14.xlsx'));
  await expect(page.getByTestId('file-name')).toHaveText('ben-tre-2023-11-14.xlsx');
  await expect(page.locator('[data-testid="results-table"] tbody tr')).toHaveCount(9);
  // The guess: unit B, target C, received D.
  await expect(page.getByTestId('achieved-select')).toHaveValue('3');
  await expect(page.getByTestId('target-select')).toHaveValue('2');
  expect((await value(totalCell(page, 'rate'))).toFixed(4)).toBe('0.8833');

  // Choose the activated column instead: same target, 663.614 / 930.767 = 71,30%.
  await page.getByTestId('achieved-select').selectOption('5');
  expect((await value(totalCell(page, 'rate'))).toFixed(4)).toBe((663614 / 930767).toFixed(4));
  await expect(totalCell(page, 'rate')).toContainText('71.30%');
  expect((await value(unitCell(page, 'Thạnh Phú', 'rate'))).toFixed(4)).toBe((63632 / 98447).toFixed(4));
  expect(await value(unitCell(page, 'Thạnh Phú', 'gap'))).toBe(98447 - 63632);
  await expect(page.getByTestId('rank-chart').locator('g.bar')).toHaveCount(9);
  await page.screenshot({ path: `${shots}/03-xlsx-activated-en.png`, fullPage: true });

  // Back to received, then export.
  await page.getByTestId('achieved-select').selectOption('3');
  expect((await value(unitCell(page, 'Thạnh Phú', 'rate'))).toFixed(4)).toBe((82578 / 98447).toFixed(4));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click(),
  ]);
  expect(download.suggestedFilename()).toBe('attain-results.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).trimEnd().split('\r\n');
  expect(lines[0]).toBe('level,unit,parent,indicator,achieved,target,rate,gap');
  // Both indicators (received, activated), each with its 9 units and the whole.
  expect(lines).toHaveLength(1 + 2 * (9 + 1));
  const rows = lines.slice(1).map((l) => l.split(','));
  const thanhPhu = rows.find((r) => r[1] === 'Thạnh Phú');
  expect(thanhPhu.slice(0, 6)).toEqual(['unit', 'Thạnh Phú', '', 'Thu nhận', '82578', '98447']);
  expect(Number(thanhPhu[6]).toFixed(6)).toBe((82578 / 98447).toFixed(6));
  expect(thanhPhu[7]).toBe('15869');
  const total = rows.find((r) => r[0] === 'total');
  expect(total.slice(3, 6)).toEqual(['Thu nhận', '822139', '930767']);
  expect(Number(total[6]).toFixed(5)).toBe('0.88329');
  expect(total[7]).toBe('108628');
  expect(rows.filter((r) => r[0] === 'unit')).toHaveLength(18);
});

test('bad files say what is wrong, and a good file after them still works', async ({ page }) => {
  await page.goto('./?lang=en');
  const input = page.getByTestId('file-input');
  await input.setInputFiles(fixture('broken.xlsx'));
  await expect(page.getByRole('alert')).toContainText('Could not read “broken.xlsx”');
  await expect(page.getByRole('alert')).toContainText('not an Excel or OpenDocument workbook');
  await page.screenshot({ path: `${shots}/04-broken-en.png`, fullPage: true });

  await input.setInputFiles(fixture('empty.csv'));
  await expect(page.getByRole('alert')).toContainText('Could not read “empty.csv”: the file is empty.');

  await input.setInputFiles(fixture('bao-cao.pdf'));
  await expect(page.getByRole('alert')).toContainText('“bao-cao.pdf”: this is a PDF document');

  // A Windows-1258 CSV with over-achievement: Bù Đăng 2.258 / 1.182 = 191,03%.
  await input.setInputFiles(fixture('binh-phuoc-4g-2024-07-03.csv'));
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('[data-testid="results-table"] tbody tr')).toHaveCount(11);
  expect((await value(unitCell(page, 'Bù Đăng', 'rate'))).toFixed(4)).toBe('1.9103');
  await expect(unitCell(page, 'Bù Đăng', 'rate')).toContainText('191.03%');
  expect(await value(unitCell(page, 'Bù Đăng', 'gap'))).toBe(-1076);
  expect((await value(totalCell(page, 'rate'))).toFixed(4)).toBe((22471 / 22095).toFixed(4));
  // The over-achieving bar runs past the 100% line, not clipped at it.
  const bar = page.locator('[data-testid="rank-chart"] g.bar[data-unit="Bù Đăng"] rect');
  const line = page.locator('[data-testid="rank-chart"] .target-line line');
  const barEnd = (await bar.boundingBox()).x + (await bar.boundingBox()).width;
  expect(barEnd).toBeGreaterThan((await line.boundingBox()).x + 10);

  // A bad file while a report is open: the message shows, the report stays.
  await input.setInputFiles(fixture('broken.xlsx'));
  await expect(page.getByRole('alert')).toContainText('broken.xlsx');
  await expect(page.locator('[data-testid="results-table"] tbody tr')).toHaveCount(11);
  await page.screenshot({ path: `${shots}/05-over-100-en.png`, fullPage: true });
});

test('a file dropped on the page is read', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.locator('.page').drop({ files: fixture('binh-thuan-2023-06-19.csv') });
  await expect(page.getByTestId('file-name')).toHaveText('binh-thuan-2023-06-19.csv');
  await expect(page.locator('[data-testid="results-table"] tbody tr')).toHaveCount(10);
  expect((await value(totalCell(page, 'rate'))).toFixed(4)).toBe((699634 / 637607).toFixed(4));
  await expect(totalCell(page, 'rate')).toContainText('109,73%');
});

test('the language is chosen by ?lang= and remembered', async ({ page }) => {
  await page.goto('./?lang=en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Drop a report file here' })).toBeVisible();
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(page.getByRole('heading', { name: 'Kéo thả tệp báo cáo vào đây' })).toBeVisible();
  await page.goto('./');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { name: 'Kéo thả tệp báo cáo vào đây' })).toBeVisible();
});
