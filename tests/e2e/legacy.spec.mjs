// Reports typed in the legacy TCVN3 and VNI fonts: proper Vietnamese names on screen and in the
// export, the conversion shown and reversible per column, and dates that match across fonts.
import { test, expect } from './guard.mjs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name) => resolve(here, '../fixtures', name);
const shots = resolve(here, 'artifacts');
const table = (page) => page.getByTestId('results-table');
const units = (page) => table(page).locator('tbody tr[data-unit]');

test('a TCVN3 report shows proper Vietnamese names, in the table and the export', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.locator('.page').drop({ files: fixture('legacy/ben-tre-tcvn3-2023-11-07.xlsx') });
  await expect(units(page)).toHaveCount(8);
  await expect(table(page).locator('tr[data-unit="Thạnh Phú"]')).toHaveCount(1);
  await expect(table(page).locator('tr[data-unit="Thành phố Bến Tre"]')).toHaveCount(1);
  await expect(page.getByTestId('indicator-tab').first()).toHaveText('Thu nhận');
  const notice = page.getByTestId('legacy-notice');
  await expect(notice.locator('summary')).toHaveText('Phông chữ cũ (TCVN3, VNI): đã chuyển 8 cột từ TCVN3 sang Unicode (28 ô)');
  await notice.locator('summary').click();
  await expect(notice.locator('[data-column="B"]')).toContainText('Cột B (Đơn vị): đã chuyển từ TCVN3, 9 ô.');
  await expect(notice.locator('[data-column="B"] .after').first()).toHaveText('Đơn vị');
  await expect(page.getByTestId('as-of')).toHaveValue('2023-11-07');
  await page.screenshot({ path: `${shots}/30-tcvn3-vi.png`, fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv).toContain('unit,Thạnh Phú,,Thu nhận,');
  expect(csv).toContain('unit,Giồng Trôm,,Kích hoạt,');
  expect(csv).not.toContain('¹');

  // The user switches the unit column's conversion off: the file's text comes back.
  await page.getByTestId('legacy-B').selectOption('off');
  await expect(table(page).locator('tr[data-unit="Th¹nh Phó"]')).toHaveCount(1);
  await page.getByTestId('legacy-B').selectOption('auto');
  await expect(table(page).locator('tr[data-unit="Thạnh Phú"]')).toHaveCount(1);
});

test('a TCVN3 report and the Unicode report of a later date match across fonts; a VNI report reads too', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByTestId('file-input').setInputFiles(fixture('legacy/ben-tre-tcvn3-2023-11-07.xlsx'));
  await expect(units(page)).toHaveCount(8);
  await page.getByTestId('add-date-input').setInputFiles(fixture('analysis/ben-tre-2023-11-14.xlsx'));
  await expect(units(page)).toHaveCount(9);
  const change = (unit) => table(page).locator(`tr[data-unit="${unit}"] td[data-col="change"]`);
  await expect(change('Châu Thành')).toHaveAttribute('data-value', '4738');
  await expect(change('Thạnh Phú')).toHaveAttribute('data-value', '4294');
  await expect(page.locator('[data-testid="total-row"] td[data-col="change"]')).toHaveAttribute('data-value', '30287');

  await page.getByTestId('file-input').setInputFiles(fixture('legacy/ben-tre-vni-2023-11-14.xlsx'));
  await expect(units(page)).toHaveCount(9);
  await expect(table(page).locator('tr[data-unit="Mỏ Cày Bắc"]')).toHaveCount(1);
  await expect(page.getByTestId('legacy-notice').locator('[data-column="B"]')).toContainText('Column B (Đơn vị): converted from VNI, 10 cells.');
  await expect(page.getByTestId('total-rate')).toHaveText('88.33%');
});
