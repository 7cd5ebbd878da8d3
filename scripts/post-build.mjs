// Trunk post_build hook. Trunk runs it with TRUNK_STAGING_DIR set to the folder about to
// become dist/. It:
//  1. moves the inline loader script(s) Trunk writes into index.html into files of their own,
//     so the hosted page runs under a Content-Security-Policy without inline scripts;
//  2. writes attain.html: the whole app in one file (CSS, JavaScript and the WebAssembly
//     modules gzipped as base64 inlined, hashed in its own CSP), which works opened from disk
//     (file://);
//  3. gives the export module (crates/attain-writer, built as writer.js + writer_bg.wasm) names
//     that change with its content, and writes the loader that fetches it on the first export
//     (`attainWriter`, for the worker and for a page that runs without one);
//  4. writes sw.js: the service worker, whose precache list is the bundle's real file names
//     and whose cache name changes with their content.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('post-build: TRUNK_STAGING_DIR is not set; run through trunk');
  process.exit(1);
}
const sha256 = (data, enc = 'hex') => createHash('sha256').update(data).digest(enc);
const indexPath = join(dir, 'index.html');

// 1. Inline loader → file.
let html = readFileSync(indexPath, 'utf8');
let moved = 0;
html = html.replace(/<script([^>]*)>([\s\S]*?)<\/script>/g, (tag, attrs, body) => {
  if (/\ssrc=/.test(attrs) || body.trim() === '') return tag;
  const code = body.trim() + '\n';
  const name = `init-${sha256(code).slice(0, 16)}.js`;
  writeFileSync(join(dir, name), code);
  moved += 1;
  return `<script${attrs.replace(/\snonce="[^"]*"/g, '')} src="./${name}"></script>`;
});
// Nonces baked into a static file protect nothing; drop them.
html = html.replace(/\snonce="[^"]*"/g, '');
if (/<script(?![^>]*\ssrc=)[^>]*>\s*\S/.test(html)) {
  console.error('post-build: an inline script is left in index.html');
  process.exit(1);
}

// The export module: hashed names, and its loader.
if (!readdirSync(dir).includes('writer.js') || !readdirSync(dir).includes('writer_bg.wasm')) {
  console.error('post-build: the export module (writer.js, writer_bg.wasm) is missing');
  process.exit(1);
}
const writerGlueText = readFileSync(join(dir, 'writer.js'), 'utf8');
const writerWasmBytes = readFileSync(join(dir, 'writer_bg.wasm'));
const writerHash = sha256(Buffer.concat([Buffer.from(writerGlueText), writerWasmBytes])).slice(0, 16);
const writerJs = `writer-${writerHash}.js`;
const writerWasm = `writer-${writerHash}_bg.wasm`;
renameSync(join(dir, 'writer.js'), join(dir, writerJs));
renameSync(join(dir, 'writer_bg.wasm'), join(dir, writerWasm));
// The register of units: named by its content, fetched when a first report opens.
const registerFile = readdirSync(dir).find((f) => /^register-\d{4}-\d{2}-\d{2}\.tsv$/.test(f));
if (!registerFile) {
  console.error('post-build: the register of units (register-*.tsv) is missing');
  process.exit(1);
}
const registerBytes = readFileSync(join(dir, registerFile));
const registerName = registerFile.replace(/\.tsv$/, `-${sha256(registerBytes).slice(0, 16)}.tsv`);
renameSync(join(dir, registerFile), join(dir, registerName));
const loaderCode = `// Attain's export module, fetched on the first export, and the register of units, fetched
// when a first report opens (written by scripts/post-build.mjs).
globalThis.attainRegister ??= async () => {
  const response = await fetch(new URL('./${registerName}', import.meta.url));
  if (!response.ok) throw new Error('the register of units: ' + response.status);
  return response.text();
};
let ready;
globalThis.attainWriter = async (plan) => {
  ready ??= import('./${writerJs}')
    .then(async (m) => {
      await m.default({ module_or_path: new URL('./${writerWasm}', import.meta.url) });
      return m;
    })
    .catch((e) => {
      ready = undefined;
      throw e;
    });
  return (await ready).attain_write(plan);
};
`;
const loaderName = `export-${sha256(loaderCode).slice(0, 16)}.js`;
writeFileSync(join(dir, loaderName), loaderCode);
html = html.replace('</head>', `  <script type="module" src="./${loaderName}"></script>\n</head>`);
writeFileSync(indexPath, html);

// 2. The single file.
const files = readdirSync(dir);
const appJs = files.find((f) => /^app-[0-9a-f]+\.js$/.test(f));
const appWasm = files.find((f) => /^app-[0-9a-f]+_bg\.wasm$/.test(f));
if (!appJs || !appWasm) {
  console.error('post-build: the app bundle (app-*.js, app-*_bg.wasm) is missing');
  process.exit(1);
}
const css = [...html.matchAll(/<link rel="stylesheet" href="\.\/([^"]+\.css)"[^>]*>/g)]
  .map((m) => readFileSync(join(dir, m[1]), 'utf8'))
  .join('\n');
let js = readFileSync(join(dir, appJs), 'utf8');
const exportLine = /^export \{[^}]*\};?\s*$/m;
if (!exportLine.test(js)) {
  console.error('post-build: the wasm-bindgen output no longer ends with its export list');
  process.exit(1);
}
js = js.replace(exportLine, '');
// The reading worker of the single file: the same glue as a classic script in a blob worker,
// given the compiled module by the page. A page opened from disk may start neither a worker
// from a file nor a module worker from a blob, so the glue loses its module syntax.
// wasm-bindgen's glue as a classic script: without its module syntax, the page's address for
// its own.
const classic = (glue, what) => {
  const out = glue
    .replace(exportLine, '')
    .replace(/^export (?=(async )?function |class |const |let )/gm, '')
    .replace(/import\.meta\.url/g, 'self.location.href');
  if (/^\s*(export|import)\b/m.test(out)) {
    console.error(`post-build: ${what} has module syntax a classic script cannot run`);
    process.exit(1);
  }
  return out;
};
const classicGlue = classic(js, 'the wasm-bindgen glue');
// The export module of the single file: its glue in a scope of its own (beside the app's), the
// WebAssembly as base64 in a text element, decoded on the first export.
const writerClassic = classic(writerGlueText, "the export module's glue");
if (!writerClassic.includes('function attain_write')) {
  console.error('post-build: the export module\'s glue has no attain_write');
  process.exit(1);
}
const writerScoped = `// The modules are inlined gzipped, as base64: the browser inflates them (DecompressionStream).
const attainInflate = async (base64) => {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};
const attainWriterGlue = (() => {
${writerClassic}
return { init: __wbg_init, write: attain_write };
})();
const attainWriterOf = (base64) => {
  let ready;
  return async (plan) => {
    ready ??= (async () => {
      await attainWriterGlue.init({ module_or_path: await attainInflate(base64()) });
    })().catch((e) => {
      ready = undefined;
      throw e;
    });
    await ready;
    return attainWriterGlue.write(plan);
  };
};
`;
const workerGlue = `${classicGlue}
${writerScoped}
self.attainWriter = attainWriterOf(() => self.attainWriterBase64);
self.onmessage = async (event) => {
  self.onmessage = null;
  self.attainWriterBase64 = event.data.writer;
  await __wbg_init({ module_or_path: event.data.module });
  attain_worker_start();
};
`;
if (workerGlue.includes('</script')) {
  console.error('post-build: the glue contains </script and cannot be embedded as text');
  process.exit(1);
}
// Gzipped before base64: the file is a third of the size, and gzips no further.
const inlined = (bytes) => gzipSync(bytes, { level: 9 }).toString('base64');
const wasm = inlined(readFileSync(join(dir, appWasm)));
js += `
${writerScoped}
globalThis.attainWriter = attainWriterOf(() => document.getElementById('attain-writer-wasm').textContent);
// The register of units, inlined like the modules.
globalThis.attainRegister = async () =>
  new TextDecoder().decode(await attainInflate(document.getElementById('attain-register').textContent));
// The WebAssembly, inlined: a page opened from disk may not fetch files.
const attainModule = await WebAssembly.compile(await attainInflate("${wasm}"));
window.__attainWasmModule = attainModule;
await __wbg_init({ module_or_path: attainModule });
`;
const icon = readFileSync(join(dir, 'assets', 'icon.svg')).toString('base64');
const csp = [
  "default-src 'none'",
  `script-src 'sha256-${sha256(js, 'base64')}' 'wasm-unsafe-eval'`,
  `style-src 'sha256-${sha256(css, 'base64')}'`,
  'img-src data: blob:',
  'worker-src blob:',
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
let single = html
  .replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
  .replace(/\s*<link rel="(stylesheet|modulepreload|preload|manifest)"[^>]*>/g, '')
  .replace(/\s*<script[^>]*src=[^>]*><\/script>/g, '')
  .replace(/<link rel="icon" href="[^"]*"/, `<link rel="icon" href="data:image/svg+xml;base64,${icon}"`);
if (!single.includes("content=\"default-src 'none'")) {
  console.error('post-build: index.html has no Content-Security-Policy meta to replace');
  process.exit(1);
}
single = single.replace(
  '</head>',
  () =>
    `<style>${css}</style>\n<script type="text/plain" id="attain-worker-glue">${workerGlue}</script>\n<script type="text/plain" id="attain-writer-wasm">${inlined(writerWasmBytes)}</script>\n<script type="text/plain" id="attain-register">${inlined(registerBytes)}</script>\n<script type="module">${js}</script>\n</head>`,
);
if (/(src|href)="(?!data:|#)[^"]*"/.test(single.replace(/<a href="">/, ''))) {
  console.error('post-build: attain.html still refers to another file');
  process.exit(1);
}
writeFileSync(join(dir, 'attain.html'), single);

// The hosted reading worker: loads the same module as the page and starts its worker entry.
writeFileSync(
  join(dir, 'worker.js'),
  `// Attain's reading worker (written by scripts/post-build.mjs).
import './${loaderName}';
import init, { attain_worker_start } from './${appJs}';
await init({ module_or_path: './${appWasm}' });
attain_worker_start();
`,
);

// 4. The service worker.
const walk = (d) =>
  readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const bundle = walk(dir)
  .map((f) => relative(dir, f).split(sep).join('/'))
  .filter((f) => f !== 'sw.js' && f !== 'attain.html')
  .sort();
const version = sha256(bundle.map((f) => f + ':' + sha256(readFileSync(join(dir, f)))).join('\n')).slice(0, 16);
const sw = readFileSync(new URL('./sw.template.js', import.meta.url), 'utf8')
  .replace('__VERSION__', version)
  .replace('__FILES__', JSON.stringify(['./', ...bundle.map((f) => './' + f)], null, 2));
writeFileSync(join(dir, 'sw.js'), sw);

console.log(`post-build: moved ${moved} inline script(s); wrote attain.html (${single.length} bytes) and sw.js (version ${version}, ${bundle.length} files)`);
