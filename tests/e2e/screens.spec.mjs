// Every screen in both languages, on a 1366×768 laptop and at 200% zoom (the same page in half
// the CSS pixels), saved as artifacts to look at; and the main flow done with the keyboard alone.
import { test, expect } from './guard.mjs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const shots = resolve(here, 'artifacts');
const fixture = (name) => resolve(here, '../fixtures', name);

/** Presses Tab until the focused element matches `selector`; how many presses it took. */
async function tabTo(page, selector, { back = false, max = 400 } = {}) {
  for (let i = 1; i <= max; i += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return i;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The page never scrolls sideways: whatever is wide scrolls inside its own box. */
async function noSidewaysScroll(page) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll).toBeLessThanOrEqual(width);
}

for (const [size, viewport] of [['laptop', { width: 1366, height: 768 }], ['zoom200', { width: 683, height: 384 }]]) {
  for (const lang of ['vi', 'en']) {
    test(`every screen in ${lang}, ${size}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      const shot = (name) => page.screenshot({ path: `${shots}/screens/${size}-${lang}-${name}.png`, fullPage: true });
      await page.goto(`./?lang=${lang}`);
      await expect(page.getByTestId('load-sample')).toBeVisible();
      await noSidewaysScroll(page);
      await shot('1-start');

      await page.getByTestId('file-input').setInputFiles(fixture('broken.xlsx'));
      await expect(page.getByRole('alert')).toContainText('broken.xlsx');
      await noSidewaysScroll(page);
      await shot('2-error');

      await page.getByTestId('file-input').setInputFiles(fixture('analysis/binh-phuoc-2024-07-03.xlsx'));
      await expect(page.getByTestId('total-rate')).toBeVisible();
      await noSidewaysScroll(page);
      await shot('3-results');

      await page.getByTestId('mapping-panel').locator('summary').click();
      await page.getByTestId('table-check').locator('summary').click();
      await noSidewaysScroll(page);
      await shot('4-mapping-and-table-check');

      await page.getByTestId('add-date-input').setInputFiles(fixture('analysis/binh-phuoc-2024-07-03.xlsx'));
      await page.emulateMedia({ media: 'print' });
      await shot('5-print');
      await page.emulateMedia({ media: 'screen' });
    });
  }
}

test('the main flow with the keyboard alone', async ({ page }) => {
  // Listen for the file chooser before the page loads: Playwright turns on its interception
  // when the first listener is added, and a key pressed before that opens a real dialog.
  const chosen = new Promise((resolve) => page.once('filechooser', resolve));
  await page.goto('./?lang=en');
  await expect(page.getByTestId('load-sample')).toBeVisible();
  // Open a file: Tab to the file picker, Space opens the browser's chooser.
  await tabTo(page, '[data-testid="file-input"]');
  await page.keyboard.press('Space');
  const chooser = await chosen;
  await chooser.setFiles(fixture('analysis/binh-phuoc-2024-07-03.xlsx'));
  await expect(page.getByTestId('total-rate')).toBeVisible();

  // The table check: open it, choose "header ends here", and move the header with Enter.
  await tabTo(page, '[data-testid="table-check"] summary');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('table-check')).toHaveAttribute('open', '');
  // The mapping panel opens from the keyboard too.
  await tabTo(page, '[data-testid="mapping-panel"] summary', { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('mapping-panel')).toHaveAttribute('open', '');

  // Another indicator: Tab to the third tab, Enter.
  await tabTo(page, '[data-testid="indicator-tab"]:nth-child(3)');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('total-rate')).toHaveText('101.70%');

  // A threshold typed from the keyboard redraws at once.
  await tabTo(page, '[data-testid="threshold-high"]');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('102');
  await page.keyboard.press('Tab');
  await expect(page.locator('[data-testid="rank-chart"] g.bar[data-unit="Bù Đăng"]')).toHaveClass(/reached/);

  // A bar of the ranked chart: its tooltip on focus, Enter highlights the unit in the table.
  const presses = await tabTo(page, '[data-testid="rank-chart"] g.bar');
  expect(presses).toBeGreaterThan(0);
  await expect(page.getByTestId('rank-chart').getByTestId('chart-tooltip')).toBeVisible();
  const unit = await page.evaluate(() => document.activeElement.getAttribute('data-unit'));
  await page.keyboard.press('Enter');
  await expect(page.locator(`[data-testid="results-table"] tr[data-unit="${unit}"]`)).toHaveClass(/highlight/);

  // Sort the table by a column header, then export the CSV, all with Enter.
  await tabTo(page, '[data-testid="results-table"] th button');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid="results-table"] thead th').first()).toHaveAttribute('aria-sort', /ascending|descending/);
  await tabTo(page, '[data-testid="export-csv"]', { back: true });
  const [csv] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(readFileSync(await csv.path(), 'utf8')).toContain('Bù Đăng');
  // Focus is always visible: the focused control draws an outline.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  expect(outline).not.toBe('none');
});
