// Understanding the report in a real browser: the suggested mapping applied at once, several
// indicators, rollup rows of a three-level report that expand and collapse, the sheet's own
// totals checked (a warning names the cell), two reporting dates, the deadline, and the
// summary paragraph.
import { test, expect } from './guard.mjs';
import { readFileSync } from 'node:fs';
import { unzipEntry } from './unzip.mjs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name) => resolve(here, '../fixtures/analysis', name);
const shots = resolve(here, 'artifacts');
const table = (page) => page.getByTestId('results-table');
const value = async (locator) => Number(await locator.getAttribute('data-value'));
const unitCell = (page, unit, col) => table(page).locator(`tr[data-unit="${unit}"] td[data-col="${col}"]`);
const groupCell = (page, name, col) => table(page).locator(`tr[data-group="${name}"] td[data-col="${col}"]`);
const totalCell = (page, col) => page.locator(`[data-testid="total-row"] td[data-col="${col}"]`);

// The charts are one tab at a time on the screen: a chart is picked before it is acted on.
const showChart = (page, code) => page.getByTestId('chart-tabs').locator(`[data-chart="${code}"]`).click();

test('a three-level report: rollups per district, collapse, and the sheet’s own subtotal checked', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('file-input').setInputFiles(fixture('ca-mau-2024-03-20.xlsx'));
  // Applied at once: 3 district rows and 22 communes, no click needed.
  await expect(table(page).locator('tr.group')).toHaveCount(3);
  await expect(table(page).locator('tbody tr[data-unit]')).toHaveCount(22);
  await expect(page.getByTestId('mapping-panel')).not.toHaveAttribute('open', '');
  await expect(page.getByTestId('role-B')).toHaveValue('parent');
  await expect(page.getByTestId('role-C')).toHaveValue('unit');
  // Thới Bình: 40.000 / 73.000 = 54,79% (published "over 54%"), Σ/Σ of its communes.
  expect(await value(groupCell(page, 'Thới Bình', 'achieved'))).toBe(40000);
  expect(await value(groupCell(page, 'Thới Bình', 'target'))).toBe(73000);
  await expect(groupCell(page, 'Thới Bình', 'rate')).toContainText('54,79%');
  await expect(table(page).locator('tr[data-group="Thới Bình"]')).toHaveAttribute('data-level', 'Huyện');
  await expect(totalCell(page, 'rate')).toContainText('54,28%');
  // The subtotal row of Trần Văn Thời states 100 more than its communes.
  await page.getByTestId('row-account').locator('summary').click();
  await expect(page.getByTestId('warnings')).toContainText('Ô E34 (“Cộng huyện Trần Văn Thời”, cột “Kết quả › Tài khoản mức 1 và 2”) ghi 28.450, nhưng các đơn vị cộng lại được 28.350 (lệch 100).');
  await expect(page.getByTestId('warnings')).toContainText('Ô F25 (Khánh Lâm) ghi tỷ lệ 55,87%');
  await page.screenshot({ path: `${shots}/20-hierarchy-vi.png`, fullPage: true });

  // Collapse Thới Bình: its 12 communes leave the table, the district row stays.
  const toggle = table(page).locator('tr[data-group="Thới Bình"] [data-testid="toggle-group"]');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(table(page).locator('tbody tr[data-unit]')).toHaveCount(10);
  await toggle.click();
  await expect(table(page).locator('tbody tr[data-unit]')).toHaveCount(22);

  // The export has a row per district with level = the grouping column's name.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const lines = readFileSync(await download.path(), 'utf8').slice(1).trimEnd().split('\r\n');
  expect(lines).toHaveLength(1 + 3 + 22 + 1);
  expect(lines[1]).toBe(`Huyện,Thới Bình,,Tài khoản mức 1 và 2,40000,73000,${40000 / 73000},33000`);
  expect(lines[2].startsWith('unit,Thị trấn Thới Bình,Thới Bình,')).toBe(true);
});

test('several indicators with their own targets: switch between them', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByTestId('file-input').setInputFiles(fixture('binh-phuoc-2024-07-03.xlsx'));
  const tabs = page.getByTestId('indicator-tab');
  await expect(tabs).toHaveCount(4);
  await expect(tabs.nth(0)).toHaveAttribute('aria-selected', 'true');
  // Phước Long, CCCD: 579 / 837 = 69.18%.
  await expect(unitCell(page, 'Phước Long', 'rate')).toContainText('69.18%');
  await tabs.nth(1).click();
  await expect(unitCell(page, 'Chơn Thành', 'rate')).toContainText('60.80%');
  await tabs.nth(2).click();
  await expect(unitCell(page, 'Bù Đăng', 'rate')).toContainText('191.03%');
  await expect(unitCell(page, 'Bù Đăng', 'rank')).toHaveText('1');
  await expect(totalCell(page, 'rate')).toContainText('101.70%');
  await expect(page.getByTestId('total-rate')).toHaveText('101.70%');
  await tabs.nth(3).click();
  expect((await value(totalCell(page, 'rate'))).toFixed(3)).toBe('0.672');
  // The totals row above the units agrees with them: no warning.
  await expect(page.getByTestId('warnings')).toHaveCount(0);
  // Thresholds are editable: at 70% and 95%, Chơn Thành's SIM rate (65,41%) is low.
  await page.getByTestId('threshold-low').fill('70');
  await page.getByTestId('threshold-low').press('Enter');
  await expect(unitCell(page, 'Chơn Thành', 'status')).toHaveText('Low');
  await page.screenshot({ path: `${shots}/21-indicators-en.png`, fullPage: true });
});

test('two reporting dates: matched names, change since the last date, deadline, summary', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('file-input').setInputFiles(fixture('ben-tre-2023-11-07.xlsx'));
  await expect(table(page).locator('tbody tr[data-unit]')).toHaveCount(8);
  // The later report added as another date becomes the report shown.
  await page.getByTestId('add-date-input').setInputFiles(fixture('ben-tre-2023-11-14.xlsx'));
  await expect(page.getByTestId('as-of')).toHaveValue('2023-11-14');
  await expect(table(page).locator('tbody tr[data-unit]')).toHaveCount(9);
  await expect(page.getByTestId('date-other')).toContainText('07-11-2023 · ben-tre-2023-11-07.xlsx');
  // "TP. Bến Tre", "CHÂU THÀNH", NFD "Mỏ Cày Nam" matched; Bình Đại is new.
  expect(await value(unitCell(page, 'Châu Thành', 'change'))).toBe(4738);
  expect(await value(unitCell(page, 'Thành phố Bến Tre', 'change'))).toBe(3814);
  expect(await value(unitCell(page, 'Mỏ Cày Nam', 'change'))).toBe(3293);
  await expect(unitCell(page, 'Bình Đại', 'change')).toHaveText('—');
  await expect(page.getByTestId('date-warnings')).toContainText('“Bình Đại” có trong báo cáo ngày 14-11-2023 nhưng không có trong báo cáo ngày 07-11-2023.');
  expect(await value(totalCell(page, 'change'))).toBe(30287);

  // The deadline: for activation, 267.153 remain over 31 days, about 8.618 a day.
  await page.getByTestId('deadline').fill('2023-12-15');
  await page.getByTestId('deadline').dispatchEvent('change');
  const summary = page.getByTestId('summary-text');
  await expect(summary).toContainText('Tính đến ngày 14-11-2023, tổng cộng: Thu nhận 822.139/930.767, đạt tỷ lệ 88,33%; Kích hoạt 663.614/930.767, đạt tỷ lệ 71,30%.');
  await expect(summary).toContainText('So với ngày 07-11-2023, Thu nhận tăng 30.287 (+3,63 điểm %)');
  await expect(summary).toContainText('Để Kích hoạt đạt chỉ tiêu trước ngày 15-12-2023, còn 267.153, cần khoảng 8.618 mỗi ngày trong 31 ngày còn lại');
  await page.getByTestId('indicator-tab').nth(1).click();
  await expect(totalCell(page, 'needed')).toHaveText('8.618');
  await expect(totalCell(page, 'outlook')).toContainText('Có nguy cơ trễ');
  await page.getByTestId('copy-summary').click();
  await expect(page.locator('.summary-text .copy-status')).not.toHaveText('');
  await page.screenshot({ path: `${shots}/22-dates-deadline-vi.png`, fullPage: true });

  // A unit without a match can be matched by hand with the earlier date's unmatched names:
  // none are left here, so no choice is offered.
  await expect(page.getByTestId('match-fix')).toHaveCount(0);
});

test('two dates of many communes: the dumbbell draws 40, the first 100 unmatched are listed and the rest counted', async ({ page }) => {
  // 500 communes at each date; 150 only in the earlier report, 150 only in the later one.
  const report = (from, shift) => {
    const lines = ['Huyện,Xã,Chỉ tiêu,Đã kích hoạt'];
    for (let i = from; i < from + 500; i++) {
      const target = 500 + ((i * 7919) % 4000);
      lines.push(`Huyện ${Math.floor(i / 50)},Xã ${String(i).padStart(4, '0')},${target},${Math.floor((target * (40 + ((i * 31 + shift) % 75))) / 100)}`);
    }
    return Buffer.from(lines.join('\n') + '\n');
  };
  await page.goto('./?lang=en');
  await page.getByTestId('file-input').setInputFiles({ name: 'xa-2024-02-01.csv', mimeType: 'text/csv', buffer: report(150, 9) });
  await expect(page.getByTestId('total-rate')).toBeVisible();
  await page.getByTestId('add-date-input').setInputFiles({ name: 'xa-2024-01-01.csv', mimeType: 'text/csv', buffer: report(0, 0) });
  await expect(page.getByTestId('date-other')).toContainText('xa-2024-01-01.csv');
  await expect(page.getByTestId('date-warnings').locator('li')).toHaveCount(101);
  await expect(page.getByTestId('missing-more')).toHaveText('… and 200 more units in one of the two reports only.');
  // Half of those listed from each date: 50 to match by hand, each offered every one of the
  // 150 names left over from the earlier date (not only the 50 listed), and "none".
  await expect(page.getByTestId('match-fix')).toHaveCount(50);
  await expect(page.getByTestId('match-fix').first().locator('option')).toHaveCount(151);
  const bells = page.locator('[data-testid="dumbbell-chart"] g.bell');
  await expect(bells).toHaveCount(40);
  // 350 communes have a rate at both dates: 310 are not drawn, and the chart says so.
  await expect(page.getByTestId('dumbbell-more')).toHaveText('310 more units not drawn (the 40 with the highest rates now are).');
  // The table's change comes from the worker's whole comparison (the page
  // holds only the dumbbell's 40): Xã 0151, target 4.269, activated 3.030 then 3.415.
  await page.getByTestId('search').fill('Xã 0151');
  const change = page.locator('[data-testid="results-table"] tr[data-unit="Xã 0151"] td[data-col="change"]');
  await expect(change).toHaveAttribute('data-value', '385');
});

test('the mapping panel: a column dropped, a fixed target typed, results update at once', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('indicator-tab')).toHaveCount(2);
  await page.getByTestId('mapping-panel').locator('summary').click();
  // Column E (Kích hoạt) not used: one indicator left.
  await page.getByTestId('role-E').selectOption('ignored');
  await expect(page.getByTestId('indicator-tab')).toHaveCount(0);
  // A fixed target of 100,000 per district: 822,139 / 900,000.
  await page.getByTestId('indicator-target-0').selectOption('fixed');
  await page.getByTestId('indicator-fixed-0').fill('100000');
  await page.getByTestId('indicator-fixed-0').press('Enter');
  // The worker answers the change: the figure is read once it has arrived.
  await expect
    .poll(async () => (await value(totalCell(page, 'rate'))).toFixed(6))
    .toBe((822139 / 900000).toFixed(6));
  // A text column is never offered as a target.
  await expect(page.getByTestId('role-B').locator('option[value="target"]')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/23-mapping-panel-en.png`, fullPage: true });
  // No achieved column left: the page says so, and where to fix it.
  await page.getByTestId('role-D').selectOption('ignored');
  await expect(page.getByRole('status').filter({ hasText: 'No indicator is mapped' })).toHaveText(
    'No indicator is mapped: choose an achieved column under “Column mapping”.',
  );
});

test('the long layout: one row per unit and indicator', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByTestId('file-input').setInputFiles(fixture('binh-thuan-2023-06-19-long.csv'));
  await expect(page.getByTestId('indicator-tab')).toHaveCount(2);
  await expect(page.getByTestId('role-C')).toHaveValue('indicator-name');
  await expect(totalCell(page, 'rate')).toContainText('109.73%');
  await expect(table(page).locator('tbody tr[data-unit]')).toHaveCount(10);
});

test('districts written as heading rows (STT I, II, III) are parents, not units', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('file-input').setInputFiles(fixture('ca-mau-headings-2024-03-20.csv'));
  await expect(table(page).locator('tr.group')).toHaveCount(3);
  await expect(table(page).locator('tbody tr[data-unit]')).toHaveCount(22);
  await expect(groupCell(page, 'Huyện Thới Bình', 'rate')).toContainText('54,79%');
  await expect(totalCell(page, 'achieved')).toHaveAttribute('data-value', '87607');
  // The user can say the lettered rows are units after all: they are counted again.
  await page.getByTestId('mapping-panel').locator('summary').click();
  await page.getByTestId('headings-toggle').uncheck();
  await expect(table(page).locator('tbody tr[data-unit]')).toHaveCount(25);
  await page.getByTestId('headings-toggle').check();
  await expect(table(page).locator('tbody tr[data-unit]')).toHaveCount(22);
});

test('the table sorts names the Vietnamese way, finds units without marks, filters by status', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('load-sample').click();
  const rows = table(page).locator('tbody tr[data-unit]');
  await expect(rows).toHaveCount(9);
  await table(page).locator('thead button.sort').first().click();
  // The sorted rows come from the worker (busy a moment with the register after a new report):
  // their names are read once they have come.
  await expect(rows).toHaveCount(9);
  await expect(rows.first()).toHaveAttribute('data-unit', 'Ba Tri');
  const names = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.unit));
  expect(names).toEqual(['Ba Tri', 'Bình Đại', 'Châu Thành', 'Chợ Lách', 'Giồng Trôm', 'Mỏ Cày Bắc', 'Mỏ Cày Nam', 'Thành phố Bến Tre', 'Thạnh Phú']);
  await page.getByTestId('search').fill('thanh phu');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-unit', 'Thạnh Phú');
  // Marks and case ignored both ways: "THẠNH" finds Châu Thành, Thành phố Bến Tre, Thạnh Phú.
  await page.getByTestId('search').fill('THẠNH');
  await expect(rows).toHaveCount(3);
  await page.getByTestId('search').fill('');
  await expect(rows).toHaveCount(9);
  // With "good" from 88%: Thành phố Bến Tre, Châu Thành, Mỏ Cày Nam, Giồng Trôm are good,
  // the other five medium.
  await page.getByTestId('threshold-high').fill('88');
  await page.getByTestId('threshold-high').press('Enter');
  await page.getByTestId('status-filter').selectOption('medium');
  await expect(rows).toHaveCount(5);
  await expect(page.getByTestId('rows-found')).toHaveText('5 đơn vị');
  await page.getByTestId('status-filter').selectOption('high');
  await expect(rows).toHaveCount(4);
});

test('another file starts without the search, status filter and page of the last one', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByTestId('load-sample').click();
  const rows = table(page).locator('tbody tr[data-unit]');
  await expect(rows).toHaveCount(9);
  await page.getByTestId('search').fill('thanh phu');
  await page.getByTestId('status-filter').selectOption('high');
  await expect(rows).toHaveCount(1);
  // Cà Mau's 22 communes: every one shown, the search box empty, every status.
  await page.getByTestId('file-input').setInputFiles(fixture('ca-mau-2024-03-20.xlsx'));
  await expect(rows).toHaveCount(22);
  await expect(page.getByTestId('search')).toHaveValue('');
  await expect(page.getByTestId('status-filter')).toHaveValue('');
  // And the new file is searched as the last one was: Khánh An, Lâm, Thuận, Bình Đông, Hải.
  await page.getByTestId('search').fill('Khánh');
  await expect(rows).toHaveCount(5);
});

test('printing gives the report without controls', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('load-sample').click();
  await expect(table(page).locator('tbody tr[data-unit]')).toHaveCount(9);
  // On the screen the main chart only, the others behind their tabs.
  await expect(page.getByTestId('gap-chart')).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  for (const id of ['export-csv', 'export-xlsx', 'search', 'threshold-low', 'mapping-panel', 'unit-select', 'add-date-input',
    'chart-tabs', 'chart-data', 'export-svg']) {
    await expect(page.getByTestId(id).first()).toBeHidden();
  }
  // Every chart is printed.
  for (const id of ['summary-text', 'rank-chart', 'gap-chart', 'bullet-chart', 'scatter-chart', 'results-table', 'as-of']) {
    await expect(page.getByTestId(id)).toBeVisible();
  }
  await page.screenshot({ path: `${shots}/24-print-vi.png`, fullPage: true });
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.length).toBeGreaterThan(10_000);
});

test('the HTML report is one file with the summary, every chart and the table, and no script', async ({ page, browser }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('load-sample').click();
  await expect(table(page).locator('tbody tr[data-unit]')).toHaveCount(9);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-html').click()]);
  expect(download.suggestedFilename()).toBe('attain-report.html');
  const html = readFileSync(await download.path(), 'utf8');
  expect(html.toLowerCase()).not.toContain('<script');
  expect(html).not.toMatch(/(src|href)=/);
  expect(html).toContain('<title>Báo cáo tỷ lệ đạt: Thu nhận</title>');
  expect(html).toContain('Tính đến ngày 14-11-2023, tổng cộng: Thu nhận 822.139/930.767, đạt tỷ lệ 88,33%');
  expect(html).toContain('<svg');
  // Opened on its own, with JavaScript off: every chart of the page, the main one first with
  // its 9 bars, and the table's 9 units.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const report = await context.newPage();
  await report.setContent(html);
  const captions = await report.locator('figure figcaption').allTextContents();
  expect(captions.slice(0, 4)).toEqual([
    'Xếp hạng tỷ lệ đạt: Thu nhận',
    'Còn lại theo đơn vị: Thu nhận',
    'Đã đạt so với chỉ tiêu của từng đơn vị: Thu nhận',
    'Quy mô chỉ tiêu và tỷ lệ đạt: Thu nhận',
  ]);
  await expect(report.locator('figure').first().locator('g.bar')).toHaveCount(9);
  await expect(report.locator('g.tooltip')).toHaveCount(0);
  await expect(report.locator('tbody tr:not(.total)')).toHaveCount(9);
  await expect(report.locator('tr.total td').nth(2)).toHaveText('88,33%');
  await report.screenshot({ path: `${shots}/25-html-report-vi.png`, fullPage: true });
  await context.close();
});

test('a remembered mapping maps next month’s file by itself, until it is forgotten', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByTestId('file-input').setInputFiles(fixture('ben-tre-2023-11-07.xlsx'));
  await expect(page.getByTestId('indicator-tab')).toHaveCount(2);
  await page.getByTestId('mapping-panel').locator('summary').click();
  // Only the received accounts matter to this office: activation (F) is not used.
  await page.getByTestId('role-F').selectOption('ignored');
  await expect(page.getByTestId('indicator-tab')).toHaveCount(0);
  await page.getByTestId('remember-mapping').click();
  await expect(page.getByTestId('template')).toHaveCount(1);
  // A new visit, the next report: mapped the same way at once.
  await page.reload();
  await page.getByTestId('file-input').setInputFiles(fixture('ben-tre-2023-11-14.xlsx'));
  await expect(page.getByTestId('file-name')).toHaveText('ben-tre-2023-11-14.xlsx');
  await expect(page.getByTestId('indicator-tab')).toHaveCount(0);
  await expect(page.getByTestId('template-used')).toHaveCount(1);
  await expect(page.getByTestId('total-rate')).toHaveText('88.33%');
  // Forgotten: the suggestion again.
  await page.getByTestId('mapping-panel').locator('summary').click();
  await page.getByTestId('forget-template').click();
  await page.reload();
  await page.getByTestId('file-input').setInputFiles(fixture('ben-tre-2023-11-14.xlsx'));
  await expect(page.getByTestId('indicator-tab')).toHaveCount(2);
});

test('a link carries the view (indicator, thresholds, sort, main chart, language) and never the data', async ({ page }) => {
  await page.goto('./#i=1&lo=40&hi=90&sort=rate-desc&chart=gap&lang=en');
  await expect(page.getByTestId('load-sample')).toHaveText('Try the sample (Bến Tre, 14 Nov 2023)');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('indicator-tab').nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('threshold-low')).toHaveValue('40');
  await expect(page.getByTestId('threshold-high')).toHaveValue('90');
  const rows = table(page).locator('tbody tr[data-unit]');
  await expect(rows.first()).toHaveAttribute('data-unit', 'Thành phố Bến Tre');
  await expect(rows.first().locator('td[data-col="rate"]')).toContainText('80.10%');
  await expect(rows.last()).toHaveAttribute('data-unit', 'Thạnh Phú');
  // The gap chart's tab is picked and the gap chart shown, the others a click away; printed,
  // the gap chart comes first and the others follow.
  await expect(page.getByTestId('chart-tabs').locator('[aria-selected="true"]')).toHaveAttribute('data-chart', 'gap');
  await expect(page.locator('[data-testid="charts"] figure').first()).toHaveAttribute('data-testid', 'gap-chart');
  await expect(page.getByTestId('gap-chart')).toBeVisible();
  await expect(page.getByTestId('rank-chart')).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('gap-chart')).toBeVisible();
  await expect(page.getByTestId('rank-chart')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  // The view follows the user; the URL holds no name or figure.
  await page.getByTestId('indicator-tab').nth(0).click();
  await showChart(page, 'scatter');
  await expect(page.locator('[data-testid="charts"] figure').first()).toHaveAttribute('data-testid', 'scatter-chart');
  await expect(page.getByTestId('scatter-chart')).toBeVisible();
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#i=0&lo=40&hi=90&sort=rate-desc&chart=scatter&lang=en');
  const url = page.url();
  expect(decodeURIComponent(url)).not.toMatch(/Bến|Thạnh|822/);
});

test('clicking a unit highlights it in the chart and the table; again clears it; keyboard too', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('load-sample').click();
  const bar = page.locator('[data-testid="rank-chart"] g.bar[data-unit="Ba Tri"]');
  const row = table(page).locator('tr[data-unit="Ba Tri"]');
  await bar.click();
  await expect(bar).toHaveClass(/highlight/);
  await expect(row).toHaveClass(/highlight/);
  await expect(page.locator('[data-testid="rank-chart"] svg')).toHaveClass(/dimmed/);
  await row.locator('button.unit-name').click();
  await expect(bar).not.toHaveClass(/highlight/);
  await expect(row).not.toHaveClass(/highlight/);
  // From the keyboard: focus a bar, press Enter.
  await page.locator('[data-testid="rank-chart"] g.bar[data-unit="Chợ Lách"]').focus();
  await page.keyboard.press('Enter');
  await expect(table(page).locator('tr[data-unit="Chợ Lách"]')).toHaveClass(/highlight/);
  await page.screenshot({ path: `${shots}/26-highlight-vi.png`, fullPage: true });
});

test('the gap chart shows what remains per unit, largest first, with each unit’s share', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('load-sample').click();
  const bars = page.locator('[data-testid="gap-chart"] g.bar');
  await expect(bars).toHaveCount(9);
  await expect(bars.first()).toHaveAttribute('data-unit', 'Thạnh Phú');
  await expect(bars.first().locator('text.value')).toHaveText('15.869 (14,61%)');
  await expect(page.getByTestId('gap-chart').locator('.legend')).toContainText('Tổng còn lại 108.628');
  await showChart(page, 'gap');
  // Linked: a click on a gap bar highlights the unit in the ranked chart and the table.
  await bars.nth(1).click();
  await expect(page.locator('[data-testid="rank-chart"] g.bar[data-unit="Ba Tri"]')).toHaveClass(/highlight/);
  await expect(table(page).locator('tr[data-unit="Ba Tri"]')).toHaveClass(/highlight/);
});

test('the scatter names the big units that lag behind the whole', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('file-input').setInputFiles(fixture('ca-mau-2024-03-20.xlsx'));
  const dots = page.locator('[data-testid="scatter-chart"] g.dot');
  await expect(dots).toHaveCount(22);
  const named = await page.locator('[data-testid="scatter-chart"] g.dot text.label').allTextContents();
  expect(named.sort()).toEqual(['Khánh Bình Đông', 'Khánh Hải', 'Khánh Lâm', 'Nguyễn Phích', 'Trần Hợi']);
  await showChart(page, 'scatter');
  await dots.and(page.locator('[data-unit="Thị trấn Sông Đốc"]')).click();
  await expect(table(page).locator('tr[data-unit="Thị trấn Sông Đốc"]')).toHaveClass(/highlight/);
  await page.getByTestId('scatter-chart').screenshot({ path: `${shots}/27-scatter-vi.png` });
});

test('with two dates, the dumbbell shows each unit’s rate then and now', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('file-input').setInputFiles(fixture('ben-tre-2023-11-07.xlsx'));
  await expect(page.getByTestId('dumbbell-chart')).toHaveCount(0);
  await page.getByTestId('add-date-input').setInputFiles(fixture('ben-tre-2023-11-14.xlsx'));
  const bells = page.locator('[data-testid="dumbbell-chart"] g.bell');
  // The 8 units found at both dates; Bình Đại is new.
  await expect(bells).toHaveCount(8);
  await expect(page.getByTestId('dumbbell-chart').locator('figcaption')).toHaveText('Tỷ lệ đạt ngày 07-11-2023 và 14-11-2023: Thu nhận');
  await expect(bells.and(page.locator('[data-unit="Chợ Lách"]')).locator('text.value')).toHaveText('+4,51');
  await showChart(page, 'dumbbell');
  await page.getByTestId('dumbbell-chart').screenshot({ path: `${shots}/28-dumbbell-vi.png` });
});

test('where parts are mapped, each unit’s target is one bar split into its parts', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('file-input').setInputFiles(fixture('ben-tre-composition-2023-11-14.xlsx'));
  const stacks = page.locator('[data-testid="stack-chart"] g.stack');
  await expect(stacks).toHaveCount(9);
  await expect(stacks.first().locator('rect.part')).toHaveCount(3);
  // Province: 46,00% activated, 28,58% in processing, 25,42% not in need.
  const legend = page.getByTestId('stack-chart').locator('.legend');
  await expect(legend).toContainText('Đã kích hoạt 46,00%');
  await expect(legend).toContainText('Đang xử lý 28,58%');
  await expect(legend).toContainText('Không có nhu cầu 25,42%');
  // The three parts fill each bar: their widths add up to the full length.
  const widths = await stacks.first().locator('rect.part').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('width'))));
  expect(Math.abs(widths.reduce((a, b) => a + b, 0) - (760 - 60 - 180))).toBeLessThan(0.05);
  await showChart(page, 'stack');
  await page.getByTestId('stack-chart').screenshot({ path: `${shots}/29-stack-vi.png` });
});

test('small multiples: one ranked chart per indicator, a click shows it in full', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByTestId('file-input').setInputFiles(fixture('binh-phuoc-2024-07-03.xlsx'));
  const small = page.getByTestId('multiple');
  await expect(small).toHaveCount(4);
  await showChart(page, 'multiples');
  await expect(small.nth(2).locator('figcaption')).toHaveText('Điện thoại thông minh 4G · 101.70%');
  await expect(small.nth(2).locator('g.bar').first()).toHaveAttribute('data-unit', 'Bù Đăng');
  await small.nth(2).locator('figcaption button').click();
  await expect(page.getByTestId('indicator-tab').nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('total-rate')).toHaveText('101.70%');
  await page.getByTestId('multiples').screenshot({ path: `${shots}/30-multiples-en.png` });
});

test('each chart downloads as SVG and as a PNG drawn by the browser', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('load-sample').click();
  const chart = page.getByTestId('rank-chart');
  const [svgFile] = await Promise.all([page.waitForEvent('download'), chart.getByTestId('export-svg').click()]);
  expect(svgFile.suggestedFilename()).toBe('attain-rank.svg');
  const svg = readFileSync(await svgFile.path(), 'utf8');
  expect(svg.startsWith('<?xml')).toBe(true);
  expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(svg).toContain('<style>');
  expect(svg.match(/class="bar /g)).toHaveLength(9);
  expect(svg.toLowerCase()).not.toContain('<script');
  const [pngFile] = await Promise.all([page.waitForEvent('download'), chart.getByTestId('export-png').click()]);
  expect(pngFile.suggestedFilename()).toBe('attain-rank.png');
  const png = readFileSync(await pngFile.path());
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.length).toBeGreaterThan(5_000);
  await pngFile.saveAs(`${shots}/31-rank-chart-export.png`);
  await showChart(page, 'gap');
  const [gapPng] = await Promise.all([page.waitForEvent('download'), page.getByTestId('gap-chart').getByTestId('export-png').click()]);
  expect(gapPng.suggestedFilename()).toBe('attain-gap.png');
});

test('hovering or focusing a bar shows its exact figures in the UI language', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('load-sample').click();
  // The page has settled: the register's answer has come.
  await expect(page.getByTestId('places-line')).toBeVisible();
  const chart = page.getByTestId('rank-chart');
  // The pointer away from the chart, so that only the keyboard speaks.
  await page.mouse.move(0, 0);
  await chart.locator('g.bar[data-unit="Ba Tri"]').focus();
  await expect(chart.getByTestId('chart-tooltip')).toHaveText('Ba Tri: 87,90% (111.883 / 127.284; còn lại 15.401)');
  await page.keyboard.press('Tab');
  await expect(chart.getByTestId('chart-tooltip')).toHaveText(/^Chợ Lách: 87,40%/);
  await page.getByRole('button', { name: 'English' }).click();
  await chart.locator('g.bar[data-unit="Thạnh Phú"] rect').hover();
  await expect(chart.getByTestId('chart-tooltip')).toHaveText('Thạnh Phú: 83.88% (82,578 / 98,447; gap 15,869)');
});

test('a bullet per unit: achieved over its own target, what remains or the surplus beside it', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('file-input').setInputFiles(fixture('binh-phuoc-2024-07-03.xlsx'));
  await page.getByTestId('indicator-tab').nth(2).click();
  const bullets = page.locator('[data-testid="bullet-chart"] g.bullet');
  await expect(bullets).toHaveCount(11);
  // Rank order: Bù Đăng first, 1.076 over its target, its bar past its own mark.
  await expect(bullets.first()).toHaveAttribute('data-unit', 'Bù Đăng');
  await expect(bullets.first().locator('text.value')).toHaveText('vượt 1.076');
  const done = Number(await bullets.first().locator('rect.done').getAttribute('width'));
  const target = Number(await bullets.first().locator('rect.track').getAttribute('width'));
  expect(done / target).toBeCloseTo(2258 / 1182, 3);
  await expect(bullets.and(page.locator('[data-unit="Phú Riềng"]')).locator('text.value')).toHaveText('còn 151');
  await showChart(page, 'bullet');
  await page.getByTestId('bullet-chart').screenshot({ path: `${shots}/32-bullet-vi.png` });
});

test('every chart: a tooltip on focus, its figures as a table, SVG and PNG downloads', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('load-sample').click();
  await page.mouse.move(0, 0);
  const tips = {
    'gap-chart': 'Thạnh Phú: còn lại 15.869 (14,61% của tổng còn lại); tỷ lệ 83,88%',
    'bullet-chart': 'Thạnh Phú: 82.578 / 98.447 (83,88%); còn 15.869',
    'scatter-chart': 'Thạnh Phú: chỉ tiêu 98.447, tỷ lệ 83,88%',
  };
  for (const [id, text] of Object.entries(tips)) {
    await showChart(page, id.replace('-chart', ''));
    const chart = page.getByTestId(id);
    await chart.locator('g[data-unit="Thạnh Phú"]').focus();
    await expect(chart.getByTestId('chart-tooltip')).toHaveText(text);
    // The same figures in the chart's table, folded until asked for.
    const data = chart.getByTestId('chart-data');
    await expect(data.locator('table')).toBeHidden();
    await data.locator('summary').click();
    await expect(data.locator('tbody tr')).toHaveCount(9);
    await expect(data.locator('tbody tr', { hasText: 'Thạnh Phú' })).toContainText('83,88%');
    const name = id.replace('-chart', '');
    const [svg] = await Promise.all([page.waitForEvent('download'), chart.getByTestId('export-svg').click()]);
    expect(svg.suggestedFilename()).toBe(`attain-${name}.svg`);
    const body = readFileSync(await svg.path(), 'utf8');
    expect(body).toContain('Thạnh Phú');
    expect(body).not.toContain('chart-tooltip');
    const [png] = await Promise.all([page.waitForEvent('download'), chart.getByTestId('export-png').click()]);
    expect(png.suggestedFilename()).toBe(`attain-${name}.png`);
    expect(readFileSync(await png.path()).subarray(1, 4).toString()).toBe('PNG');
  }
  // The ranked chart's table has the exact figures of each bar.
  await showChart(page, 'rank');
  const rank = page.getByTestId('rank-chart').getByTestId('chart-data');
  await rank.locator('summary').click();
  await expect(rank.locator('thead th')).toHaveText(['Đơn vị', 'Tỷ lệ', 'Đã đạt', 'Chỉ tiêu', 'Còn lại']);
  await expect(rank.locator('tbody tr', { hasText: 'Ba Tri' }).locator('td')).toHaveText(['87,90%', '111.883', '127.284', '15.401']);
  await page.getByTestId('rank-chart').screenshot({ path: `${shots}/32-rank-chart-table-vi.png` });
});

test('the dumbbell, the stacked parts and the small multiples speak on hover too', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByTestId('file-input').setInputFiles(fixture('ben-tre-2023-11-07.xlsx'));
  await page.getByTestId('add-date-input').setInputFiles(fixture('ben-tre-2023-11-14.xlsx'));
  const bell = page.locator('[data-testid="dumbbell-chart"] g.bell[data-unit="Chợ Lách"]');
  await showChart(page, 'dumbbell');
  await bell.locator('circle.now').hover();
  await expect(page.getByTestId('dumbbell-chart').getByTestId('chart-tooltip')).toHaveText(/^Chợ Lách: \d+\.\d\d% → 87\.40% \(\+4\.51 points\)$/);
  await expect(page.getByTestId('dumbbell-chart').getByTestId('chart-data').locator('thead th')).toHaveText(['Unit', '7 Nov 2023', '14 Nov 2023', 'Change (points)']);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dumbbell-chart').getByTestId('export-svg').click()]);
  expect(svg.suggestedFilename()).toBe('attain-dumbbell.svg');

  await page.getByTestId('file-input').setInputFiles(fixture('ben-tre-composition-2023-11-14.xlsx'));
  const stack = page.getByTestId('stack-chart');
  await showChart(page, 'stack');
  await stack.locator('g.stack').first().locator('rect.part').first().hover();
  await expect(stack.getByTestId('chart-tooltip')).toHaveText(/^[^:]+: .+ \d+\.\d\d%; .+ \d+\.\d\d%; .+ \d+\.\d\d%$/);
  await expect(stack.getByTestId('chart-data').locator('thead th')).toHaveCount(5);
  const [png] = await Promise.all([page.waitForEvent('download'), stack.getByTestId('export-png').click()]);
  expect(png.suggestedFilename()).toBe('attain-stack.png');

  await page.getByTestId('file-input').setInputFiles(fixture('binh-phuoc-2024-07-03.xlsx'));
  const small = page.getByTestId('multiple').nth(2);
  await showChart(page, 'multiples');
  await small.locator('g.bar[data-unit="Bù Đăng"] rect').hover();
  await expect(small.getByTestId('chart-tooltip')).toHaveText('Bù Đăng: 191.03%');
  const [multi] = await Promise.all([page.waitForEvent('download'), small.getByTestId('export-svg').click()]);
  expect(multi.suggestedFilename()).toBe('attain-multiple-2.svg');
});

test('the Excel export has the computed columns as numbers in Excel formats, and reads back', async ({ page, guard }) => {
  await page.goto('./?lang=vi');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('total-rate')).toHaveText('88,33%');
  // The writer is a module of its own, fetched on the first export, not with the page.
  const writer = () => guard.requests.filter((u) => /\/writer-[0-9a-f]{16}(_bg\.wasm|\.js)$/.test(u));
  expect(writer()).toEqual([]);
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(writer()).toHaveLength(2);
  expect(file.suggestedFilename()).toBe('attain-results.xlsx');
  const path = `${shots}/attain-results.xlsx`;
  await file.saveAs(path);
  const zip = readFileSync(path);
  expect(unzipEntry(zip, 'xl/workbook.xml')).toMatch(/name="Kết quả".*name="Cảnh báo".*name="Tóm tắt"/s);
  const styles = unzipEntry(zip, 'xl/styles.xml');
  expect(styles).toContain('formatCode="0.00%"');
  expect(styles).toContain('formatCode="#,##0"');
  const sheet = unzipEntry(zip, 'xl/worksheets/sheet1.xml');
  // The whole: 822.139 of 930.767 as numbers, the rate as the fraction Excel shows as 88,33%.
  expect(sheet).toContain('<v>822139</v>');
  expect(sheet).toContain('<v>930767</v>');
  const rates = [...sheet.matchAll(/<v>(0\.88\d+)<\/v>/g)].map((m) => Number(m[1]));
  expect(rates.some((r) => Math.abs(r - 822139 / 930767) < 1e-12)).toBe(true);
  expect(unzipEntry(zip, 'xl/sharedStrings.xml')).toContain('Thạnh Phú');
  // Read back by the app itself (calamine, in the reading worker): the results sheet's rows.
  await page.getByTestId('file-input').setInputFiles(path);
  await expect(page.getByTestId('sheet-select')).toContainText('Kết quả');
  // Its rows, analysed again, give the published total: 822.139 / 930.767 = 88,33%.
  await expect(page.getByTestId('total-rate')).toHaveText('88,33%');
  await page.screenshot({ path: `${shots}/33-xlsx-read-back-vi.png`, fullPage: true });
});
