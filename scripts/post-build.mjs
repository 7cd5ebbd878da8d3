// Trunk post_build hook: moves the inline loader script(s) Trunk writes into index.html into
// files of their own, so the page runs under a Content-Security-Policy without inline scripts.
// Trunk runs this with TRUNK_STAGING_DIR set to the folder about to become dist/.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('post-build: TRUNK_STAGING_DIR is not set; run through trunk');
  process.exit(1);
}
const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');
let moved = 0;
html = html.replace(/<script([^>]*)>([\s\S]*?)<\/script>/g, (tag, attrs, body) => {
  if (/\ssrc=/.test(attrs) || body.trim() === '') return tag;
  const code = body.trim() + '\n';
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const name = `init-${hash}.js`;
  writeFileSync(join(dir, name), code);
  moved += 1;
  const keep = attrs.replace(/\snonce="[^"]*"/g, '');
  return `<script${keep} src="./${name}"></script>`;
});
// Nonces baked into a static file protect nothing; drop them.
html = html.replace(/\snonce="[^"]*"/g, '');
if (/<script(?![^>]*\ssrc=)[^>]*>\s*\S/.test(html)) {
  console.error('post-build: an inline script is left in index.html');
  process.exit(1);
}
writeFileSync(indexPath, html);
console.log(`post-build: moved ${moved} inline script(s) out of index.html`);
