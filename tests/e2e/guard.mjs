// The `test` every spec uses: Playwright's, with a guard around each test that fails it when
// the page makes a request to any origin but its own (data: and blob: URLs stay in the page),
// throws an uncaught error, shows the panic message, or violates its Content-Security-Policy.
import { test as base, expect } from '@playwright/test';

export { expect };

const pageKey = (u) => {
  const url = new URL(u);
  return url.protocol === 'file:' ? url.href.split(/[?#]/)[0] : url.origin;
};

export const test = base.extend({
  guard: [
    async ({ page }, use) => {
      const requests = [];
      const allowed = new Set();
      const errors = [];
      const cspConsole = [];
      await page.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame() && frame.url() !== 'about:blank') allowed.add(pageKey(frame.url()));
      });
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content.Security.Policy/i.test(m.text())) cspConsole.push(m.text());
      });
      await use({ requests });
      expect(errors, 'uncaught errors in the page').toEqual([]);
      expect(cspConsole, 'Content-Security-Policy errors').toEqual([]);
      const foreign = requests.filter(
        (u) => !u.startsWith('data:') && !u.startsWith('blob:') && !allowed.has(pageKey(u)),
      );
      expect(foreign, 'requests to anywhere but the page itself').toEqual([]);
      if (!page.isClosed()) {
        const violations = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
        expect(violations, 'Content-Security-Policy violations').toEqual([]);
        await expect(page.locator('#fatal')).toBeHidden();
      }
    },
    { auto: true },
  ],
});

/**
 * Watches the page's main thread (Chromium's long-task observer). Call before the first `goto`.
 * `reset()` starts counting; `longest()` gives the longest task that started since, in ms.
 * Reset right after `setInputFiles` to leave out Playwright's own work of handing the file to
 * the page (it decodes the whole file on the page's thread, which a user's file pick does not).
 */
export async function watchLongTasks(page) {
  await page.addInitScript(() => {
    window.__tasks = [];
    window.__since = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  return {
    reset: () => page.evaluate(() => (window.__since = performance.now())),
    longest: () =>
      page.evaluate(() => Math.max(0, ...window.__tasks.filter(([t]) => t >= window.__since).map(([, d]) => d))),
  };
}
