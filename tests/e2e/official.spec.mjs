// What an office sends upward: the report in the official layout as Excel (read back in the
// app with the same figures) and as Word (with the main chart's picture), the letterhead
// written once and remembered on this computer.
import { test, expect } from './guard.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { unzipEntry } from './unzip.mjs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name) => resolve(here, '../fixtures/combine', name);
const shots = resolve(here, 'artifacts');
const totalCell = (page, col) => page.locator(`[data-testid="total-row"] td[data-col="${col}"]`);

test('the official Excel and Word reports, with the letterhead remembered, and the Excel read back', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./?lang=vi');
  await page.getByTestId('file-input').setInputFiles([
    fixture('chau-thanh-2023-11-14.xlsx'),
    fixture('cho-lach-2023-11-14.csv'),
    fixture('mo-cay-nam-2023-11-14.xlsx'),
  ]);
  await expect(page.getByTestId('group-file')).toHaveCount(3);
  await page.getByTestId('targets-input').setInputFiles(fixture('giao-chi-tieu-2023.xlsx'));
  await expect(totalCell(page, 'target')).toHaveAttribute('data-value', '282916');

  // The letterhead, written once and remembered.
  await page.getByTestId('letterhead').locator('summary').click();
  await page.getByTestId('lh-agency-above').fill('UBND tỉnh Bến Tre');
  await page.getByTestId('lh-agency').fill('Công an tỉnh');
  await page.getByTestId('lh-place').fill('Bến Tre');
  await page.getByTestId('lh-signer').fill('Trần Thị B');
  await page.getByTestId('lh-remember').click();
  await expect(page.getByTestId('letterhead')).toContainText('Đã ghi nhớ trên máy này.');
  await page.getByTestId('letterhead').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/50-letterhead-vi.png` });

  // The official Excel: the motto, the agency, formulas over the cells, the signature block.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-official').click()]);
  expect(xlsx.suggestedFilename()).toBe('attain-bao-cao.xlsx');
  const zip = readFileSync(await xlsx.path());
  const sheet = unzipEntry(zip, 'xl/worksheets/sheet1.xml');
  expect(sheet).toContain('<f>SUM(C13:C33)</f>');
  expect(sheet).toContain('orientation="landscape"');
  const strings = unzipEntry(zip, 'xl/sharedStrings.xml');
  for (const t of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'UBND TỈNH BẾN TRE', 'CÔNG AN TỈNH',
    '(Số liệu tính đến ngày 14/11/2023)', 'Tổng cộng', 'Huyện Chợ Lách', 'NGƯỜI LẬP BIỂU', 'Trần Thị B']) {
    expect(strings).toContain(t);
  }

  // The Word report: the motto, the signer, the summary's figures and the main chart's picture.
  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-word').click()]);
  expect(docx.suggestedFilename()).toBe('attain-bao-cao.docx');
  const word = readFileSync(await docx.path());
  const body = unzipEntry(word, 'word/document.xml');
  for (const t of ['Độc lập - Tự do - Hạnh phúc', 'Trần Thị B', 'Thu nhận 263.753/282.916', '<pic:pic']) {
    expect(body).toContain(t);
  }
  const png = unzipEntry(word, 'word/media/rIdImage1.png');
  expect(png.length).toBeGreaterThan(1000);

  // Remembered: a new visit finds the letterhead filled in.
  await page.reload();
  await page.getByTestId('file-input').setInputFiles(fixture('chau-thanh-2023-11-14.xlsx'));
  await page.getByTestId('letterhead').locator('summary').click();
  await expect(page.getByTestId('lh-agency')).toHaveValue('Công an tỉnh');
  await expect(page.getByTestId('lh-signer')).toHaveValue('Trần Thị B');

  // The official Excel dropped back into Attain gives the same figures.
  const path = resolve(shots, 'attain-bao-cao.xlsx');
  writeFileSync(path, zip);
  await page.getByTestId('file-input').setInputFiles(path);
  await expect(totalCell(page, 'achieved')).toHaveAttribute('data-value', '263753');
  await expect(totalCell(page, 'target')).toHaveAttribute('data-value', '282916');
  await expect(page.locator('[data-testid="results-table"] tr[data-group="Huyện Chợ Lách"] td[data-col="achieved"]'))
    .toHaveAttribute('data-value', '66565');
});

test('in English, the report buttons and the letterhead', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./?lang=en');
  await page.getByTestId('file-input').setInputFiles(resolve(here, '../fixtures/reports/ben-tre-report.xlsx'));
  await expect(page.getByTestId('export-official')).toHaveText('Official report (Excel)');
  await expect(page.getByTestId('export-word')).toHaveText('Report (Word)');
  await page.getByTestId('letterhead').locator('summary').click();
  await page.getByTestId('letterhead').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/51-letterhead-en.png` });
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-official').click()]);
  const strings = unzipEntry(readFileSync(await xlsx.path()), 'xl/sharedStrings.xml');
  expect(strings).toContain('SOCIALIST REPUBLIC OF VIETNAM');
  expect(strings).toContain('(Figures as of 14 Nov 2023)');
});

test('copy: the table as HTML and tab-separated text, a chart as a PNG picture', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./?lang=vi');
  await page.getByTestId('file-input').setInputFiles(resolve(here, '../fixtures/reports/ben-tre-report.xlsx'));
  const clipboard = () => page.evaluate(async () => {
    const out = {};
    for (const item of await navigator.clipboard.read()) {
      for (const type of item.types) {
        const blob = await item.getType(type);
        out[type] = type.startsWith('image/') ? blob.size : await blob.text();
      }
    }
    return out;
  });
  await page.getByTestId('copy-table').click();
  await expect(page.getByTestId('copy-table-status')).toHaveText('Đã chép bảng: dán vào Excel, Word hoặc nhóm chat.');
  const table = await clipboard();
  expect(table['text/plain']).toContain('\tTổng cộng\t930.767\t822.139\t88,33%\t108.628');
  expect(table['text/plain'].split('\n')[0]).toMatch(/^STT\tĐơn vị\t.+ – Chỉ tiêu\t/);
  expect(table['text/html']).toContain('<th colspan="4">');
  expect(table['text/html']).toContain('<b>88,33%</b>');

  await page.getByTestId('copy-chart').first().click();
  await expect(page.getByTestId('copy-chart-status').first()).toHaveText('Đã chép hình biểu đồ: dán vào Word hoặc nhóm chat.');
  const chart = await clipboard();
  expect(chart['image/png']).toBeGreaterThan(1000);
});
