// Reports as staff really have them: a title block, merged two-level headers, a row of column
// numbers, totals and footer; several sheets; legacy encodings; a range pasted from Excel;
// and the user's corrections of what was detected.
import { test, expect } from './guard.mjs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const report = (name) => resolve(here, '../fixtures/reports', name);
const shots = resolve(here, 'artifacts');
const rows = (page) => page.locator('[data-testid="results-table"] tbody tr');
const totalRate = async (page) =>
  Number(await page.locator('[data-testid="total-row"] td[data-col="rate"]').getAttribute('data-value'));
const bucket = (page, id) => page.locator(`[data-testid="row-account"] [data-bucket="${id}"]`);

test('a report sheet with a title block and merged headers gives its results at once', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.locator('.page').drop({ files: report('ben-tre-report.xlsx') });
  await expect(rows(page)).toHaveCount(9);
  // The flattened header paths, the guessed mapping, and the published total.
  await expect(page.getByTestId('achieved-select').locator('option:checked')).toHaveText('D · Thu nhận › Số lượng');
  await expect(page.getByTestId('target-select').locator('option:checked')).toHaveText('C · Chỉ tiêu được giao');
  expect((await totalRate(page)).toFixed(4)).toBe('0.8833');
  await expect(page.getByTestId('as-of')).toHaveValue('2023-11-14');
  await expect(page.getByTestId('as-of-source')).toHaveText('lấy từ dòng 5');
  // Every row in one bucket: 9 data, 1 total, 3 header, 8 title/footer, 5 empty = 26.
  await page.getByTestId('row-account').locator('summary').click();
  for (const [id, n] of [['data', 9], ['total', 1], ['header', 3], ['title-footer', 8], ['empty', 5]]) {
    await expect(bucket(page, id)).toHaveAttribute('data-count', String(n));
  }
  await page.getByTestId('table-check').locator('summary').click();
  await expect(page.locator('.preview tr[data-row="19"]')).toHaveAttribute('data-kind', 'k-total');
  await expect(page.locator('.preview tr[data-row="9"]')).toHaveAttribute('data-kind', 'k-colnum');
  await page.screenshot({ path: `${shots}/09-report-detected-vi.png`, fullPage: true });

  // Correct the end of the table: the last district becomes a footer row.
  await page.getByTestId('mark-body-end').check();
  await page.locator('.preview tr[data-row="17"] .row-number').click();
  await expect(rows(page)).toHaveCount(8);
  await expect(page.locator('[data-testid="results-table"] tr[data-unit="Thạnh Phú"]')).toHaveCount(0);
  // The chosen columns survive the correction.
  await expect(page.getByTestId('achieved-select')).toHaveValue('3');
});

test('the report sheet is preselected; hidden sheets are marked; switching is one click', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByTestId('file-input').setInputFiles(report('ben-tre-multi.xlsx'));
  const select = page.getByTestId('sheet-select');
  await expect(select.locator('option:checked')).toHaveText('BC 14-11 (26 × 8)');
  await expect(select.locator('option')).toHaveText(['Hướng dẫn (6 × 1)', 'Số liệu cũ (4 × 3, hidden)', 'BC 14-11 (26 × 8)']);
  await expect(rows(page)).toHaveCount(9);
  await select.selectOption({ index: 0 });
  await expect(rows(page)).toHaveCount(0);
  await select.selectOption({ index: 2 });
  await expect(rows(page)).toHaveCount(9);
});

test('every format of the report reads the same in the browser', async ({ page }) => {
  await page.goto('./?lang=en');
  for (const name of [
    'ben-tre-report.xls',
    'ben-tre-report.ods',
    'ben-tre-report-biff5.xls',
    'ben-tre-report.xlsb',
    'ben-tre-report-text-numbers.xlsx',
    'ben-tre-report-utf16.txt',
    'ben-tre-report-cp1258.csv',
    'ben-tre-report-en.csv',
    'ben-tre-report-utf8bom-semicolon.csv',
  ]) {
    await page.getByTestId('file-input').setInputFiles(report(name));
    await expect(page.getByTestId('file-name')).toHaveText(name);
    await expect(rows(page)).toHaveCount(9);
    expect((await totalRate(page)).toFixed(4), name).toBe('0.8833');
    await expect(page.locator('[data-testid="results-table"] tr[data-unit="Thạnh Phú"]'), name).toHaveCount(1);
  }
});

test('the encoding of a text file can be overridden and the effect is immediate', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByTestId('file-input').setInputFiles(report('ben-tre-report-cp1258.csv'));
  await expect(page.getByTestId('encoding-select').locator('option:checked')).toHaveText('Detect (windows-1258)');
  await expect(page.locator('tr[data-unit="Thạnh Phú"]')).toHaveCount(1);
  await page.getByTestId('encoding-select').selectOption('windows-1252');
  await expect(page.locator('tr[data-unit="Thạnh Phú"]')).toHaveCount(0);
  await page.getByTestId('encoding-select').selectOption('');
  await expect(page.locator('tr[data-unit="Thạnh Phú"]')).toHaveCount(1);
  await expect(page.getByTestId('delimiter-select').locator('option:checked')).toHaveText('Detect (“;”)');
});

test('a range pasted from Excel loads like a file', async ({ page }) => {
  await page.goto('./?lang=vi');
  // A paste needs the page drawn (its listener comes with the start screen), as a person sees.
  await expect(page.locator('.paste-hint')).toBeVisible();
  const tsv = [
    'Đơn vị\tChỉ tiêu\tĐã bàn giao',
    'Bù Đăng\t1.182\t2.258',
    'Phước Long\t837\t579',
  ].join('\r\n');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, tsv);
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByTestId('file-name')).toHaveText('du-lieu-dan.tsv');
  // After a switch of language, a paste is named in the new one.
  await page.getByRole('button', { name: 'English' }).click();
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, tsv);
  await expect(page.getByTestId('file-name')).toHaveText('pasted-data.tsv');
  const buDang = page.locator('tr[data-unit="Bù Đăng"] td[data-col="rate"]');
  expect(Number(await buDang.getAttribute('data-value')).toFixed(4)).toBe('1.9103');
  const phuocLong = page.locator('tr[data-unit="Phước Long"] td[data-col="rate"]');
  await expect(phuocLong).toContainText('69.18%');
});

test('the header rows are corrected with a click, and the column names follow', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('file-input').setInputFiles(report('ben-tre-report.xlsx'));
  await expect(rows(page)).toHaveCount(9);
  await page.getByTestId('table-check').locator('summary').click();
  await expect(page.locator('.preview tr[data-row="7"]')).toHaveAttribute('data-kind', 'k-header');
  // The header said to start at row 8: row 7 becomes title, the paths lose their group.
  await page.getByTestId('mark-header-start').check();
  await page.locator('.preview tr[data-row="8"] .row-number').click();
  await expect(page.locator('.preview tr[data-row="7"]')).toHaveAttribute('data-kind', 'k-title');
  await expect(page.locator('.preview tr[data-row="8"]')).toHaveAttribute('data-kind', 'k-header');
  await expect(page.getByTestId('achieved-select').locator('option[value="3"]')).toHaveText('D · Số lượng');
  // And back: the two-level paths return, with the same figures.
  await page.locator('.preview tr[data-row="7"] .row-number').click();
  await expect(page.getByTestId('achieved-select').locator('option[value="3"]')).toHaveText('D · Thu nhận › Số lượng');
  await expect(rows(page)).toHaveCount(9);
  expect((await totalRate(page)).toFixed(4)).toBe('0.8833');
});

test('the quoting of a text file can be chosen: single quotes keep a comma inside a name', async ({ page }) => {
  await page.goto('./?lang=en');
  const csv = "Đơn vị,Chỉ tiêu,Thu nhận\n'Ba Tri, Bến Tre',100,50\n'Chợ Lách',200,150\n'Thạnh Phú',300,330\n";
  await page.getByTestId('file-input').setInputFiles({ name: 'xa-2023-11-14.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(page.getByTestId('quote-select')).toHaveValue('double');
  await page.getByTestId('quote-select').selectOption('single');
  await expect(page.locator('tr[data-unit="Ba Tri, Bến Tre"]')).toHaveCount(1);
  await expect(page.locator('tr[data-unit="Thạnh Phú"] td[data-col="rate"]')).toContainText('110.00%');
  // 530 of 600 in all: the whole's rate is Σ/Σ, not the mean of the rates.
  expect((await totalRate(page)).toFixed(6)).toBe((530 / 600).toFixed(6));
});
