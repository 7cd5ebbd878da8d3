// Units that know the country: a district's report before the 2025 reform and its province's
// after it, dropped together, compared unit by unit in the new communes (the split ones flagged);
// the codes in the table; who has not reported by the register; the map (dots for communes, a
// tile per province for a report of provinces) linked to the table, with the keyboard, and
// exported.
import { test, expect } from './guard.mjs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name) => resolve(here, '../fixtures/reform', name);
const shots = resolve(here, 'artifacts');
const table = (page) => page.getByTestId('results-table');
const showChart = (page, code) => page.getByTestId('chart-tabs').locator(`[data-chart="${code}"]`).click();
const cell = (page, unit, col) => table(page).locator(`tr[data-unit="${unit}"] td[data-col="${col}"]`);

test('two reports across the reform: changes in the new communes, the approximate flag, the map', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./?lang=vi');
  await page.getByTestId('file-input').setInputFiles([
    fixture('u-minh-2025-05-15.csv'),
    fixture('ca-mau-2025-09-15.csv'),
  ]);
  // The latest report, found in the register.
  await expect(page.getByTestId('places-line')).toHaveText(
    'Sổ đơn vị hành chính hiệu lực 01-07-2025: nhận ra 63/63 đơn vị, cấp xã, sau sắp xếp 01-07-2025 · Tỉnh Cà Mau');
  await expect(page.getByTestId('places-missing')).toHaveText(
    'Theo sổ, chưa có trong báo cáo (1): Xã Đất Mũi (Tỉnh Cà Mau).');
  // Each unit's code; 32044 was Thị trấn U Minh before the reform and is Xã Nguyễn Phích now.
  const code = table(page).locator('tr[data-unit="Xã Nguyễn Phích"] [data-testid="unit-code"]');
  await expect(code).toHaveText('32044');
  await expect(code).toHaveAttribute('title', 'Mã đơn vị hành chính, cấp xã, theo sổ hiệu lực 01-07-2025');
  // The change of each new commune: its figure minus the sum of the old units it absorbed.
  await expect(cell(page, 'Xã Nguyễn Phích', 'change')).toHaveAttribute('data-value', '1549');
  await expect(cell(page, 'Xã U Minh', 'change')).toHaveAttribute('data-value', '3470');
  await expect(cell(page, 'Xã Khánh An', 'change')).toHaveAttribute('data-value', '4631');
  await expect(cell(page, 'Xã Khánh Lâm', 'change')).toHaveAttribute('data-value', '2032');
  // The comparison says how it was made, and that it is approximate.
  const reform = page.getByTestId('reform');
  await expect(reform).toContainText('So sánh qua đợt sắp xếp đơn vị 01-07-2025: số liệu ngày 15-05-2025');
  await expect(page.getByTestId('reform-approximate')).toHaveText(
    'Xấp xỉ: 3 đơn vị cũ bị chia cho nhiều đơn vị mới; toàn bộ số liệu của mỗi đơn vị được tính vào đơn vị mới mặc định.');
  await expect(reform.locator('li')).toHaveText([
    'Xã Khánh Thuận → Xã Nguyễn Phích (một phần sang Xã U Minh)',
    'Xã Nguyễn Phích → Xã Nguyễn Phích (một phần sang Xã Khánh An, Xã Khánh Lâm)',
    'Xã Khánh Lâm → Xã Khánh Lâm (một phần sang Xã U Minh)',
  ]);
  await reform.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: `${shots}/70-reform-vi.png` });

  // The map: 63 dots, one per commune found.
  await showChart(page, 'map');
  const map = page.getByTestId('map-chart');
  await expect(map.locator('g.dot')).toHaveCount(63);
  await expect(map.locator('figcaption')).toHaveText('Số tài khoản đã kích hoạt: theo vị trí đơn vị');
  await map.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: `${shots}/71-map-vi.png` });
  // A dot and the table are linked: a click highlights the unit's row.
  await map.locator('g.dot[data-unit="Xã Khánh An"]').click();
  await expect(table(page).locator('tr.highlight')).toHaveAttribute('data-unit', 'Xã Khánh An');
  await expect(map.locator('g.dot.highlight')).toHaveAttribute('data-code', '32059');
  // With the keyboard: focus shows the tooltip, Enter highlights.
  await page.mouse.move(0, 0);
  const dot = map.locator('g.dot[data-unit="Xã Nguyễn Phích"]');
  await dot.focus();
  await expect(map.getByTestId('chart-tooltip')).toHaveText('Xã Nguyễn Phích (32044): đã đạt 7.189 / 9.073 (79,24%)');
  await page.keyboard.press('Enter');
  await expect(table(page).locator('tr.highlight')).toHaveAttribute('data-unit', 'Xã Nguyễn Phích');
  // The same figures as a table.
  const data = map.getByTestId('chart-data');
  await data.locator('summary').click();
  await expect(data.locator('tbody tr')).toHaveCount(63);
  await expect(data.locator('tbody tr', { hasText: 'Xã Nguyễn Phích' })).toContainText('32044');
  // Exported as SVG and PNG like every chart.
  const [svgFile] = await Promise.all([page.waitForEvent('download'), map.getByTestId('export-svg').click()]);
  expect(svgFile.suggestedFilename()).toBe('attain-map.svg');
  const svg = readFileSync(await svgFile.path(), 'utf8');
  expect(svg.match(/<circle /g)).toHaveLength(63);
  expect(svg).toContain('.dot.low circle');
  const [pngFile] = await Promise.all([page.waitForEvent('download'), map.getByTestId('export-png').click()]);
  expect(readFileSync(await pngFile.path()).subarray(1, 4).toString()).toBe('PNG');
  await pngFile.saveAs(`${shots}/72-map-export.png`);
  // And in the HTML report.
  const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
  const html = readFileSync(await report.path(), 'utf8');
  expect(html).toContain('Số tài khoản đã kích hoạt: theo vị trí đơn vị');
  expect(html.match(/class="dot /g)?.length).toBeGreaterThanOrEqual(63);
});

test('a report of provinces is a tile grid of the 34; the earlier district report in English', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('./?lang=en');
  const csv = [
    'STT,Tỉnh/thành phố,Chỉ tiêu,Số tài khoản đã kích hoạt',
    '1,Thành phố Hà Nội,6000000,5400000',
    '2,Thành phố Hồ Chí Minh,9000000,7200000',
    '3,Tỉnh Cà Mau,1800000,1900000',
    '4,Thành phố Huế,1000000,450000',
    '5,Tỉnh Đồng Nai,3000000,2400000',
  ].join('\n');
  await page.getByTestId('file-input').setInputFiles({
    name: 'tinh-2025-10-01.csv', mimeType: 'text/csv', buffer: Buffer.from(csv),
  });
  await expect(page.getByTestId('places-line')).toHaveText(
    'Register of units in force from 1 Jul 2025: 5 of 5 units found, provinces, after the reform of 1 July 2025');
  await showChart(page, 'map');
  const map = page.getByTestId('map-chart');
  await expect(map.locator('g.tile')).toHaveCount(34);
  await expect(map.locator('g.tile:not(.absent)')).toHaveCount(5);
  // Above its target: shown as it is, not clipped.
  await expect(map.locator('g.tile[data-unit="Tỉnh Cà Mau"] .tile-rate')).toHaveText('105.56%');
  await expect(map.locator('g.tile[data-unit="Tỉnh Cà Mau"]')).toHaveClass(/reached/);
  await expect(map.locator('g.tile[data-unit="Thành phố Huế"]')).toHaveClass(/low/);
  await map.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: `${shots}/73-tiles-en.png` });
  await map.locator('g.tile[data-unit="Thành phố Huế"]').focus();
  await page.keyboard.press('Enter');
  await expect(table(page).locator('tr.highlight')).toHaveAttribute('data-unit', 'Thành phố Huế');

  // A district's report before the reform, alone: its communes in the register, in English.
  await page.getByTestId('file-input').setInputFiles(fixture('u-minh-2025-05-15.csv'));
  await expect(page.getByTestId('places-line')).toHaveText(
    'Register of units in force from 1 Jul 2025: 8 of 8 units found, communes, before the reform of 1 July 2025 · Huyện U Minh');
  await expect(page.getByTestId('places-missing')).toHaveCount(0);
  await showChart(page, 'map');
  await expect(page.getByTestId('map-chart').locator('g.dot')).toHaveCount(8);
});
