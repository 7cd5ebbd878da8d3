// The trend to the deadline (three reporting dates at uneven spacing: the burn-up of the whole
// and of a clicked unit, a sparkline per row) and the results screen on a 1366×768 laptop:
// the figures, the main chart and the top of the table without the other charts between them,
// the others one tab away. Screenshots in both languages, and at 200%.
import { test, expect } from './guard.mjs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const shots = resolve(here, 'artifacts');

const report = (rows) => Buffer.from(
  `Huyện,Xã,Chỉ tiêu,Kích hoạt\n${rows.map((r) => r.join(',')).join('\n')}\n`, 'utf8');
const files = [
  { name: 'xa-2024-01-05.csv', mimeType: 'text/csv', buffer: report([['A', 'Xã Một', 100, 40], ['A', 'Xã Hai', 200, 50], ['B', 'Xã Ba', 300, 90]]) },
  { name: 'xa-2024-01-12.csv', mimeType: 'text/csv', buffer: report([['A', 'Xã Một', 100, 60], ['A', 'Xã Hai', 200, 80], ['B', 'Xã Ba', 300, 120]]) },
  { name: 'xa-2024-02-14.csv', mimeType: 'text/csv', buffer: report([['A', 'Xã Một', 100, 75], ['A', 'Xã Hai', 200, 110], ['B', 'Xã Ba', 300, 145]]) },
];

for (const lang of ['vi', 'en']) {
  test(`three reporting dates: the burn-up to the deadline, a unit's, and the sparklines (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`./?lang=${lang}`);
    await page.getByTestId('file-input').setInputFiles(files);
    await expect(page.getByTestId('total-rate')).toHaveText(lang === 'vi' ? '55,00%' : '55.00%');
    await page.getByTestId('deadline').fill('2024-03-15');
    await page.getByTestId('deadline').dispatchEvent('change');
    // A sparkline of each row's rate over the three dates.
    const mot = page.locator('[data-testid="results-table"] tr[data-unit="Xã Một"] [data-testid="sparkline"]');
    await expect(mot).toHaveAttribute('aria-label', lang === 'vi'
      ? 'Tỷ lệ qua các kỳ: 40,00% → 60,00% → 75,00%'
      : 'Rate over the reporting dates: 40.00% → 60.00% → 75.00%');

    await page.getByTestId('chart-tabs').locator('[data-chart="trend"]').click();
    const chart = page.getByTestId('burnup-chart');
    await expect(chart).toBeVisible();
    await expect(chart.locator('circle.mark')).toHaveCount(3);
    await expect(chart.locator('circle.mark').last()).toHaveAttribute('data-value', '330');
    // 270 left in 30 days: 9 a day; the recent pace, 70 in 33 days, reaches about 394.
    await expect(chart.locator('.legend')).toContainText(lang === 'vi' ? 'Nhịp cần: 9/ngày' : 'Needed: 9 a day');
    expect(Number(await chart.getByTestId('burnup-projection').getAttribute('data-value'))).toBeCloseTo(330 + 70 / 33 * 30, 6);
    // Its figures as a table: one row per date, then the pace needed and the projection.
    await chart.getByTestId('chart-data').locator('summary').click();
    await expect(chart.getByTestId('chart-data').locator('tbody tr')).toHaveCount(5);
    await page.screenshot({ path: `${shots}/60-trend-${lang}.png` });

    // A unit clicked in the table: its own burn-up under the whole's.
    await page.locator('[data-testid="results-table"] tr[data-unit="Xã Hai"] .unit-name').click();
    const unit = page.getByTestId('burnup-unit-chart');
    await expect(unit.locator('figcaption')).toContainText('Xã Hai');
    await expect(unit.locator('circle.mark')).toHaveCount(3);
    await expect(unit.locator('circle.mark').last()).toHaveAttribute('data-value', '110');
    await unit.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/61-trend-unit-${lang}.png` });
  });

  test(`a 1366×768 laptop: the figures, the main chart and the top of the table, the other charts a tab away (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`./?lang=${lang}`);
    await page.getByTestId('load-sample').click();
    await expect(page.getByTestId('results-table').locator('tbody tr[data-unit]')).toHaveCount(9);
    // One chart on the screen; the tabs name the others.
    await expect(page.locator('[data-testid="charts"] figure.chart:visible')).toHaveCount(1);
    await expect(page.getByTestId('chart-tabs').locator('[role="tab"]')).toHaveText(lang === 'vi'
      ? ['Xếp hạng tỷ lệ', 'Phần còn lại', 'Đã đạt so với chỉ tiêu', 'Quy mô và tỷ lệ', 'Theo chỉ tiêu', 'Bản đồ']
      : ['Ranked rates', 'What remains', 'Achieved against target', 'Target size and rate', 'By indicator', 'Map']);
    // Scrolled to the figures, one screen holds them, the main chart and the table's head
    // and first rows: the other charts are not between them.
    await page.getByTestId('kpis').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    const kpis = await page.getByTestId('kpis').boundingBox();
    const chart = await page.getByTestId('rank-chart').boundingBox();
    const firstRow = await page.locator('[data-testid="results-table"] tbody tr').first().boundingBox();
    expect(chart.y).toBeGreaterThan(kpis.y);
    expect(firstRow.y + firstRow.height).toBeLessThan(768);
    await page.screenshot({ path: `${shots}/62-laptop-${lang}.png` });
    await page.getByTestId('results-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/63-laptop-table-${lang}.png` });
    // Keyboard: the arrow keys move between the tabs.
    await page.getByTestId('chart-tabs').locator('[aria-selected="true"]').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('chart-tabs').locator('[aria-selected="true"]')).toHaveAttribute('data-chart', 'gap');
    await expect(page.getByTestId('gap-chart')).toBeVisible();
    await expect(page.getByTestId('rank-chart')).toBeHidden();
  });
}

// 200% zoom on a 1366×768 screen is a 683×384 viewport of CSS pixels.
for (const lang of ['vi', 'en']) {
  test(`at 200% zoom the tabs wrap, the trend draws, the report buttons and the letterhead fit (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 683, height: 384 });
    await page.goto(`./?lang=${lang}`);
    await page.getByTestId('file-input').setInputFiles(files);
    await page.getByTestId('chart-tabs').locator('[data-chart="trend"]').click();
    await expect(page.getByTestId('burnup-chart')).toBeVisible();
    await page.getByTestId('burnup-chart').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/64-trend-zoom-${lang}.png` });
    await page.getByTestId('results-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/65-table-zoom-${lang}.png` });
    await page.getByTestId('letterhead').locator('summary').click();
    await page.getByTestId('export-official').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/66-report-buttons-zoom-${lang}.png` });
    // Nothing wider than the window but the table, which scrolls in its own frame.
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide).toBeLessThanOrEqual(683);
  });
}
