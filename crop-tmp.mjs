import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
const [src, out, x, y, w, h] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const p = await b.newPage({ viewport: { width: Number(w), height: Number(h) } });
await p.setContent(`<body style="margin:0"><img id=i src="data:image/png;base64,${readFileSync(src).toString('base64')}"></body>`);
await p.screenshot({ path: out, clip: { x: Number(x), y: Number(y), width: Number(w), height: Number(h) }, fullPage: true });
await b.close();
