// Browser benchmark (figures, not assertions about time): run by scripts/bench, which writes
// the files with the native bench first. Skipped unless BENCH_DIR names that folder.
import { test, expect, watchLongTasks } from './guard.mjs';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BENCH_DIR;
const files = dir
  ? readdirSync(dir)
      .filter((f) => /\.(xlsx|csv)$/.test(f))
      .sort((a, b) => statSync(join(dir, a)).size - statSync(join(dir, b)).size)
  : [];

test.describe('browser benchmark', () => {
  test.skip(!dir, 'set BENCH_DIR (scripts/bench does)');
  for (const name of files) {
    test(name, async ({ page }) => {
      test.setTimeout(300_000);
      const tasks = await watchLongTasks(page);
      await page.goto('./?lang=en');
      await page.waitForTimeout(300);
      await tasks.reset();
      const path = join(dir, name);
      const size = statSync(path).size;
      const start = Date.now();
      await page.getByTestId('file-input').setInputFiles(path);
      // A selector, not a waiting expect: each retry of one has Playwright walk the page's
      // accessibility tree on its main thread, which the long-task figure would count.
      await page.waitForSelector('[data-testid="loading"]', { state: 'detached', timeout: 280_000 });
      const elapsed = Date.now() - start;
      const failed = await page.getByRole('alert').count();
      // A refused file leaves no report on the page: nothing else to read.
      const file = page.getByTestId('file-name');
      const attr = (locator, name) => (failed ? Promise.resolve('0') : locator.getAttribute(name, { timeout: 5_000 }).catch(() => '?'));
      const workerMs = Number(await attr(file, 'data-read-ms'));
      const workerMb = Number(await attr(file, 'data-worker-memory')) / 2 ** 20;
      const units = await attr(page.locator('[data-testid="row-account"] [data-bucket="data"]'), 'data-count');
      const longest = await tasks.longest();
      const mb = size / 2 ** 20;
      console.log(
        `bench ${name.padEnd(28)} ${mb.toFixed(1).padStart(6)} MB  ` +
          (failed
            ? `FAILED: ${(await page.getByRole('alert').textContent()).slice(0, 160)}`
            : `worker ${String(workerMs).padStart(6)} ms (${(mb / (workerMs / 1000)).toFixed(1)} MB/s), ` +
              `results ${String(elapsed).padStart(6)} ms, body rows ${units}, worker memory ${workerMb.toFixed(0)} MB, ` +
              `longest main-thread task ${longest.toFixed(0)} ms`),
      );
    });
  }
});
