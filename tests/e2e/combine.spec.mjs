// Many files, one report: three district reports of one date picked at once (two templates of
// Excel and a `;` CSV, no targets), the province's target assignment added, a name it did not
// match fixed by hand, the commune that has not reported named, and the exports read back.
import { test, expect } from './guard.mjs';
import { readFileSync } from 'node:fs';
import { unzipEntry } from './unzip.mjs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name) => resolve(here, '../fixtures/combine', name);
const shots = resolve(here, 'artifacts');
const table = (page) => page.getByTestId('results-table');
const value = async (locator) => Number(await locator.getAttribute('data-value'));
const groupCell = (page, name, col) => table(page).locator(`tr[data-group="${name}"] td[data-col="${col}"]`);
const totalCell = (page, col) => page.locator(`[data-testid="total-row"] td[data-col="${col}"]`);

test('three district reports picked at once are one report; targets from the assignment; who has not reported', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./?lang=vi');
  await page.getByTestId('file-input').setInputFiles([
    fixture('chau-thanh-2023-11-14.xlsx'),
    fixture('cho-lach-2023-11-14.csv'),
    fixture('mo-cay-nam-2023-11-14.xlsx'),
  ]);
  // The grouping: three files of one date, their offices from the title blocks.
  await expect(page.getByTestId('group-line')).toHaveText(
    '3 tệp · 14-11-2023 · gộp 47 đơn vị của Châu Thành, Chợ Lách, Mỏ Cày Nam');
  await expect(page.getByTestId('group-file')).toHaveCount(3);
  await expect(groupCell(page, 'Chợ Lách', 'achieved')).toHaveAttribute('data-value', '66565');
  // Each unit's file, on its name.
  await expect(table(page).locator('tr[data-unit="Xã Sơn Định"] .unit-name'))
    .toHaveAttribute('data-file', 'cho-lach-2023-11-14.csv');
  // No target in any report: no rate yet, and the received count is not taken as a target.
  await expect(totalCell(page, 'target')).toHaveAttribute('data-value', '0');
  await expect(totalCell(page, 'rate')).not.toHaveAttribute('data-value', /./);

  await page.getByTestId('targets-input').setInputFiles(fixture('giao-chi-tieu-2023.xlsx'));
  await expect(page.getByTestId('targets-line')).toContainText('Chỉ tiêu từ tệp “giao-chi-tieu-2023.xlsx”: 46 đơn vị khớp tên');
  await expect(page.getByTestId('not-reported')).toHaveText(
    'Chưa báo cáo (2): Xã Hòa Nghĩa (Chợ Lách), Xã Tân Thiền (Chợ Lách).');
  await page.screenshot({ path: `${shots}/40-combined-targets-vi.png` });
  // The one name no key matched, fixed with one choice.
  const fix = page.locator('[data-testid="target-fix"][data-unit="Xã Tân Thiềng"]');
  await fix.selectOption({ label: 'Xã Tân Thiền (Chợ Lách)' });
  await expect(page.getByTestId('not-reported')).toHaveText('Chưa báo cáo (1): Xã Hòa Nghĩa (Chợ Lách).');
  await expect(page.getByTestId('target-fix')).toHaveCount(0);
  await expect(page.locator('[data-testid="target-fixed"][data-unit="Xã Tân Thiềng"] option:checked'))
    .toHaveText('Xã Tân Thiền (Chợ Lách)');
  // Each district's Σ/Σ and the whole.
  await expect(groupCell(page, 'Chợ Lách', 'target')).toHaveAttribute('data-value', '72218');
  expect(await value(groupCell(page, 'Mỏ Cày Nam', 'rate'))).toBeCloseTo(91465 / 102424, 9);
  await expect(totalCell(page, 'achieved')).toHaveAttribute('data-value', '263753');
  await expect(totalCell(page, 'target')).toHaveAttribute('data-value', '291982');
  expect(await value(totalCell(page, 'rate'))).toBeCloseTo(263753 / 291982, 9);
  await expect(page.getByTestId('summary-text')).toContainText(
    'Chưa báo cáo (1): Xã Hòa Nghĩa (Chợ Lách). Số liệu trên chỉ tính các đơn vị đã báo cáo.');
  await page.screenshot({ path: `${shots}/41-combined-fixed-vi.png`, fullPage: true });
  await page.getByTestId('group').evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: `${shots}/43-combined-group-vi.png` });

  // The CSV names each unit's file and the commune that has not reported.
  const [csvFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const lines = readFileSync(await csvFile.path(), 'utf8').slice(1).trimEnd().split('\r\n');
  expect(lines[0]).toBe('level,unit,parent,indicator,achieved,target,rate,gap,file');
  const rows = lines.slice(1).map((l) => l.split(','));
  const choLach = rows.find((r) => r[0] === 'Huyện' && r[1] === 'Chợ Lách' && r[3] === 'Thu nhận');
  expect(choLach.slice(4, 6)).toEqual(['66565', '72218']);
  const tanThieng = rows.find((r) => r[1] === 'Xã Tân Thiềng' && r[3] === 'Thu nhận');
  expect(tanThieng[8]).toBe('cho-lach-2023-11-14.csv');
  expect(rows.at(-1)).toEqual(['not_reported', 'Xã Hòa Nghĩa', 'Chợ Lách', '', '', '', '', '', '']);

  // The Excel export: the same figures and the file column.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  const zip = readFileSync(await xlsx.path());
  const sheet = unzipEntry(zip, 'xl/worksheets/sheet1.xml');
  expect(sheet).toContain('<v>291982</v>');
  expect(sheet).toContain('<v>72218</v>');
  const strings = unzipEntry(zip, 'xl/sharedStrings.xml');
  expect(strings).toContain('mo-cay-nam-2023-11-14.xlsx');
  expect(strings).toContain('not_reported');

  // A file left out leaves the report; taken back, it returns.
  await page.locator('[data-testid="group-file"][data-source="1"] [data-testid="group-leave-out"]').click();
  await expect(page.getByTestId('group-line')).toHaveText(
    '2 tệp · 14-11-2023 · gộp 37 đơn vị của Châu Thành, Mỏ Cày Nam');
  await expect(table(page).locator('tr[data-group="Chợ Lách"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="group-file"][data-source="1"]')).toHaveClass(/left-out/);
  await page.locator('[data-testid="group-file"][data-source="1"] [data-testid="group-leave-out"]').click();
  await expect(page.getByTestId('group-line')).toHaveText(
    '3 tệp · 14-11-2023 · gộp 47 đơn vị của Châu Thành, Chợ Lách, Mỏ Cày Nam');
  // An indicator counted under another file's name, confirmed or kept apart by the user.
  const apart = page.locator('[data-testid="group-file"][data-source="2"] [data-testid="indicator-apart"][data-name="Kích hoạt tài khoản"]');
  await expect(apart).not.toBeChecked();
  await apart.click();
  await expect(page.getByTestId('summary-text')).toContainText('Kích hoạt tài khoản 74.770/102.424');
  await expect(apart).toBeChecked();
  await apart.click();
  await expect(page.getByTestId('summary-text')).not.toContainText('Kích hoạt tài khoản');
  // The office's name as the user writes it becomes the parent's.
  await page.locator('[data-testid="group-file"][data-source="2"] [data-testid="group-office"]').fill('Mỏ Cày Nam (CA huyện)');
  await page.locator('[data-testid="group-file"][data-source="2"] [data-testid="group-office"]').press('Enter');
  await expect(groupCell(page, 'Mỏ Cày Nam (CA huyện)', 'achieved')).toHaveAttribute('data-value', '91465');
});

test('in English, two files dropped at once, and a targets file with nothing in common', async ({ page }) => {
  await page.goto('./?lang=en');
  // Dropped on the page together, as a user drags them from a folder.
  const files = ['chau-thanh-2023-11-14.xlsx', 'mo-cay-nam-2023-11-14.xlsx']
    .map((name) => [name, readFileSync(fixture(name)).toString('base64')]);
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const [name, b64] of list) {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], name));
    }
    return dt;
  }, files);
  await page.dispatchEvent('.page', 'drop', { dataTransfer });
  await expect(page.getByTestId('group-line')).toHaveText(
    '2 files · 14 Nov 2023 · 37 units combined from Châu Thành, Mỏ Cày Nam');
  await page.getByTestId('targets-input').setInputFiles(resolve(here, '../fixtures/binh-phuoc-4g-2024-07-03.csv'));
  await expect(page.getByTestId('targets-error')).toContainText(
    'The targets file “binh-phuoc-4g-2024-07-03.csv” has no unit in common with the report');
  await expect(page.getByTestId('targets-line')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/42-combined-en.png`, fullPage: true });
});

test('a list of citizens is counted per hamlet and gives the commune report’s figures', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('file-input').setInputFiles(fixture('hoa-nghia-danh-sach-2023-11-14.csv'));
  await expect(page.getByTestId('list-notice')).toHaveText(
    'Tệp là danh sách 1.847 dòng (mỗi dòng một người hoặc một hồ sơ), đã đếm theo “Ấp”: 6 đơn vị. ' +
      'Mỗi giá trị của “Trạng thái” là một cột số: “Đã kích hoạt”, “Chưa kích hoạt”, “Đang xử lý”. ' +
      '“Đã kích hoạt” được lấy làm số đạt.');
  await expect(table(page).locator('tbody tr[data-unit]')).toHaveCount(6);
  // Ấp Hòa Khánh: 271 activated of 356 dossiers, as the commune's own report says.
  const cell = (unit, col) => table(page).locator(`tr[data-unit="${unit}"] td[data-col="${col}"]`);
  await expect(cell('Ấp Hòa Khánh', 'achieved')).toHaveAttribute('data-value', '271');
  await expect(totalCell(page, 'achieved')).toHaveAttribute('data-value', '1412');
  await expect(page.getByTestId('summary-text')).toContainText('Đã kích hoạt 1.412 (chưa có chỉ tiêu)');
  // The rows' count is one choice away as the target.
  await page.getByTestId('target-select').selectOption({ label: 'B · Tổng số dòng' });
  await expect(totalCell(page, 'target')).toHaveAttribute('data-value', '1847');
  expect(await value(totalCell(page, 'rate'))).toBeCloseTo(1412 / 1847, 9);
  await page.screenshot({ path: `${shots}/44-list-vi.png` });
});

test('a targets file remembered with the user’s consent gives the next week’s reports their targets', async ({ page }) => {
  const three = [
    fixture('chau-thanh-2023-11-14.xlsx'),
    fixture('cho-lach-2023-11-14.csv'),
    fixture('mo-cay-nam-2023-11-14.xlsx'),
  ];
  await page.goto('./?lang=vi');
  await page.getByTestId('file-input').setInputFiles(three);
  await expect(page.getByTestId('group-file')).toHaveCount(3);
  await page.getByTestId('targets-input').setInputFiles(fixture('giao-chi-tieu-2023.xlsx'));
  await expect(page.getByTestId('targets-line')).toContainText('46 đơn vị khớp tên');
  await page.getByTestId('remember-targets').click();
  await expect(page.getByTestId('targets-remembered')).toBeVisible();
  // Next time: the files alone bring the targets.
  await page.reload();
  await page.getByTestId('file-input').setInputFiles(three);
  await expect(page.getByTestId('targets-line')).toContainText('Chỉ tiêu từ tệp “giao-chi-tieu-2023.xlsx”: 46 đơn vị khớp tên');
  await expect(totalCell(page, 'target')).toHaveAttribute('data-value', '282916');
  await page.getByTestId('forget-targets').click();
  await expect(page.getByTestId('remember-targets')).toHaveCount(0);
  await page.reload();
  await page.getByTestId('file-input').setInputFiles(three);
  await expect(page.getByTestId('group-file')).toHaveCount(3);
  await expect(page.getByTestId('targets-line')).toHaveCount(0);
});

test('a batch with a file that is no report and a file of another date: the message, the others combined, the date in the series', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('file-input').setInputFiles([
    resolve(here, '../fixtures/bao-cao.pdf'),
    fixture('chau-thanh-2023-11-14.xlsx'),
    resolve(here, '../fixtures/analysis/ben-tre-2023-11-07.xlsx'),
    fixture('cho-lach-2023-11-14.csv'),
  ]);
  await expect(page.getByTestId('group-line')).toHaveText(
    '2 tệp · 14-11-2023 · gộp 31 đơn vị của Châu Thành, Chợ Lách');
  await expect(page.getByTestId('group-other-dates')).toHaveText(
    'Tệp của ngày khác, đưa vào so sánh theo thời gian: ben-tre-2023-11-07.xlsx (07-11-2023)');
  await expect(page.getByRole('alert')).toContainText('bao-cao.pdf');
});
