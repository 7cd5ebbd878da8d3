// What a user must be able to rely on: a Windows-1258 CSV reads as Vietnamese (never as a
// legacy font), and a bad file is explained in the user's language, with the low-level cause
// folded away behind "Chi tiết".
import { test, expect } from './guard.mjs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name) => resolve(here, '../fixtures', name);
const shots = resolve(here, 'artifacts');

const DISTRICTS = [
  'Thành phố Bến Tre', 'Châu Thành', 'Chợ Lách', 'Mỏ Cày Nam', 'Mỏ Cày Bắc',
  'Giồng Trôm', 'Bình Đại', 'Ba Tri', 'Thạnh Phú',
];

test('a short comma-separated Windows-1258 CSV keeps its Vietnamese names, on screen and in the export', async ({ page }) => {
  await page.goto('./?lang=vi');
  await page.locator('.page').drop({ files: fixture('ben-tre-cp1258-comma.csv') });
  await expect(page.getByTestId('file-name')).toHaveText('ben-tre-cp1258-comma.csv');
  const rows = page.locator('[data-testid="results-table"] tbody tr');
  await expect(rows).toHaveCount(9);
  for (const name of DISTRICTS) {
    await expect(page.locator(`[data-testid="results-table"] tr[data-unit="${name}"]`), name).toHaveCount(1);
  }
  await expect(page.getByTestId('results-table')).not.toContainText('ThaÌnh');
  await expect(page.locator('[data-testid="total-row"] td[data-col="rate"]')).toContainText('88,33%');
  // Read as Windows-1258; nothing converted from a legacy font.
  await expect(page.getByTestId('encoding-select').locator('option:checked')).toContainText('windows-1258');
  await expect(page.getByTestId('legacy-notice')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/trust-cp1258-vi.png`, fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.slice(1).trimEnd().split('\r\n');
  const units = lines.slice(1).map((l) => l.split(',')).filter((r) => r[0] === 'unit');
  expect(units.filter((r) => r[3] === 'Thu nhận').map((r) => r[1]).sort()).toEqual([...DISTRICTS].sort());
  expect(new Set(units.map((r) => r[3]))).toEqual(new Set(['Thu nhận', 'Kích hoạt']));
});

test('bad files are explained in Vietnamese, the cause kept behind "Chi tiết"', async ({ page }) => {
  await page.goto('./?lang=vi');
  const input = page.getByTestId('file-input');
  const alert = page.getByTestId('read-error');

  // A workbook cut short (a download that stopped).
  await input.setInputFiles(fixture('hostile/truncated.xlsx'));
  await expect(alert).toContainText(
    'Không đọc được tệp “truncated.xlsx”: gói nén của sổ làm việc bị hỏng (có thể tệp chưa được tải về hoặc chép hết); hãy mở tệp bằng Excel và lưu lại.',
  );
  const detail = alert.getByTestId('error-detail');
  await expect(detail.locator('summary')).toHaveText('Chi tiết');
  await expect(detail.locator('code')).not.toBeVisible();
  await detail.locator('summary').click();
  await expect(detail.locator('code')).toBeVisible();
  await expect(detail.locator('code')).toContainText('EOCD');
  await page.screenshot({ path: `${shots}/trust-truncated-vi.png`, fullPage: true });
  // The sentence itself holds none of the library's English.
  expect(await alert.locator('span').first().textContent()).not.toMatch(/Zip|EOCD|invalid|archive/);

  // A PDF renamed .xlsx.
  await input.setInputFiles({
    name: 'bao-cao.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: readFileSync(fixture('bao-cao.pdf')),
  });
  await expect(alert).toHaveText(
    /^Không đọc được tệp “bao-cao\.xlsx”: đây là tài liệu PDF, không phải bảng tính; hãy mở báo cáo bằng Excel và lưu thành \.xlsx hoặc \.csv\./,
  );
  await expect(alert.getByTestId('error-detail')).toHaveCount(0);

  // A workbook protected by a password.
  await input.setInputFiles(fixture('hostile/xls-encrypted.xls'));
  await expect(alert).toContainText(
    'Không đọc được tệp “xls-encrypted.xls”: sổ làm việc được bảo vệ bằng mật khẩu; hãy mở bằng Excel, gỡ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu một bản sao.',
  );
  await page.screenshot({ path: `${shots}/trust-encrypted-vi.png`, fullPage: true });
});

test('the same files are explained in English with ?lang=en', async ({ page }) => {
  await page.goto('./?lang=en');
  const input = page.getByTestId('file-input');
  const alert = page.getByTestId('read-error');
  await input.setInputFiles(fixture('hostile/truncated.xlsx'));
  await expect(alert).toContainText(
    "Could not read “truncated.xlsx”: the workbook's compressed package is broken",
  );
  await expect(alert.getByTestId('error-detail').locator('summary')).toHaveText('Details');
  await input.setInputFiles(fixture('hostile/xls-encrypted.xls'));
  await expect(alert).toContainText('the workbook is protected by a password');
});
