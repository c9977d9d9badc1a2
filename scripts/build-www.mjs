#!/usr/bin/env node
// Build the web page from the npm package (js/ over pkg/):
//   www/dist/                    the static site (index.html, app.js, worker.js, style.css, qinglian.wasm, demo/,
//                                and bench.html: the benchmark's browser runner, bench/browser.mjs, over
//                                qinglian-bench.wasm, the verifier with the bench hooks from pkg-bench/)
//   dist/qinglian-offline.html   one file that works from file://: scripts, styles and wasm inlined
//                                (wasm as base64), demo root and bundle embedded, CSP in a meta tag
//                                with the hashes of the inline script and style.
//
//   node scripts/build-www.mjs            build (pkg/ and pkg-bench/ first if missing or older than the Rust
//                                         sources; the demo federation with the CLI, cargo run --release)
//   node scripts/build-www.mjs --wasm     rebuild pkg/ and pkg-bench/ (scripts/build-wasm.mjs [--bench]) first
//   node scripts/build-www.mjs --keep-wasm  use pkg/ and pkg-bench/ as they are, even if older than the sources
//   node scripts/build-www.mjs --no-check skip the TypeScript type check
//   node scripts/build-www.mjs --no-demo  keep the demo from the last build (target/qinglian-demo)
//   node scripts/build-www.mjs --allow-no-wasm  build without pkg/ or pkg-bench/ (page shows an error; UI work only)
//   node scripts/build-www.mjs --dev-report  also write www/dist/dev/report.json (hand-made, for UI work)
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { dataBlock, offlineCsp as inlineCsp, safeScript, sha256b64 } from './inline-html.mjs';
import { newest } from './newest.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const www = join(root, 'www');
const out = join(www, 'dist');
const offlineOut = join(root, 'dist', 'qinglian-offline.html');
const wasmFile = join(root, 'pkg', 'qinglian_wasm_bg.wasm');
const benchWasmFile = join(root, 'pkg-bench', 'qinglian_wasm_bg.wasm');
const demoCache = join(root, 'target', 'qinglian-demo');
const t0 = performance.now();

function log(m) {
  console.log(`build-www: ${m}`);
}

function run(cmd, argv, opts = {}) {
  log(`${cmd} ${argv.join(' ')}`);
  execFileSync(cmd, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, CARGO_BUILD_JOBS: process.env.CARGO_BUILD_JOBS ?? '2' }, ...opts });
}

/** The Content-Security-Policy: nothing external, wasm allowed to compile. serve.mjs sends the
 * same policy as a header (it reads it from the meta tag of the built index.html). */
function servedCsp() {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

// The offline file's CSP, hashes and inlining are shared with scripts/build-offline.mjs.
const offlineCsp = (scriptHash, styleHash) => inlineCsp({ scriptHash, styleHash, workers: true });

// ---- 1. the package's wasm --------------------------------------------------------------------
const noWasm = args.has('--allow-no-wasm');
const wasmStale = !args.has('--keep-wasm') && existsSync(wasmFile) && Math.max(newest(join(root, 'crate', 'core', 'src')), newest(join(root, 'crate', 'wasm', 'src'))) > statSync(wasmFile).mtimeMs;
if (wasmStale && !noWasm) log('pkg/ is older than the Rust sources: rebuilding it');
if (args.has('--wasm') || wasmStale || (!existsSync(wasmFile) && !noWasm)) {
  run(process.execPath, [join(root, 'scripts', 'build-wasm.mjs')]);
}
if (!existsSync(wasmFile) && !noWasm) {
  console.error('build-www: pkg/qinglian_wasm_bg.wasm is missing; run node scripts/build-wasm.mjs');
  process.exit(1);
}
// The bench page's module: the same verifier with the bench hooks (cargo feature `bench`), which the
// shipped pkg/ does not have. build-wasm --if-stale does nothing when pkg-bench/ is current.
if (args.has('--wasm')) {
  run(process.execPath, [join(root, 'scripts', 'build-wasm.mjs'), '--bench']);
} else if (!existsSync(benchWasmFile) ? !noWasm : !args.has('--keep-wasm')) {
  run(process.execPath, [join(root, 'scripts', 'build-wasm.mjs'), '--bench', '--if-stale']);
}

// ---- 2. the demo federation (CLI) -----------------------------------------------------------
// Regenerated on every build (a second when the CLI is up to date) so that it always matches the
// format of the core the page is built from.
if (!args.has('--no-demo')) {
  try {
    run('cargo', ['run', '--release', '-q', '-p', 'qinglian-cli', '--', 'demo', '--out', demoCache]);
  } catch {
    log('warning: the CLI could not generate the demo; the page is built without it');
  }
}
const haveDemo = existsSync(join(demoCache, 'bundle.qlb')) && existsSync(join(demoCache, 'root.json'));

// ---- 3. type check -----------------------------------------------------------------------------
if (!args.has('--no-check')) {
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(www, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
  } catch {
    console.error('build-www: TypeScript errors (run with --no-check to build anyway)');
    process.exit(1);
  }
}

// ---- 4. bundles --------------------------------------------------------------------------------
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const common = {
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2022', 'chrome110'],
  minify: !args.has('--no-minify'),
  legalComments: 'none',
  logLevel: 'warning',
  alias: { 'qinglian/slim': join(root, 'js', 'slim.js'), 'qinglian/import': join(root, 'js', 'import.js') },
  write: false,
  charset: 'utf8',
  // js/wasm.js names the packaged .wasm with import.meta.url for its default entry; the page always
  // passes the module to init() itself, so that URL is never used here.
  define: { 'import.meta.url': 'self.location.href' },
  plugins: existsSync(wasmFile) ? [] : [missingGlue()],
};

/** Without pkg/ or pkg-bench/ (UI work only): the wasm glue resolves to a stub whose init() fails. */
function missingGlue() {
  return {
    name: 'missing-glue',
    setup(b) {
      b.onResolve({ filter: /pkg(-bench)?\/qinglian_wasm\.js$/ }, () => ({ path: 'glue', namespace: 'missing-glue' }));
      b.onLoad({ filter: /.*/, namespace: 'missing-glue' }, () => ({
        contents: 'export default async function init() { throw Object.assign(new Error("pkg/ was not built: run node scripts/build-wasm.mjs"), { code: "NO_WASM" }); }\nexport function initSync() { throw new Error("no wasm"); }\nexport function version() { return "none"; }\nexport function canonicalize() { throw new Error("no wasm"); }',
        loader: 'js',
      }));
    },
  };
}

async function bundle(entry, define) {
  const r = await esbuild.build({ ...common, entryPoints: [join(www, 'src', entry)], define: { ...common.define, ...define } });
  return r.outputFiles[0].text;
}

const workerJs = await bundle('worker.ts', {});
const appJs = await bundle('app.ts', { QL_OFFLINE: 'false', QL_DEMO: String(haveDemo), QL_WORKER_SOURCE: '""' });
const offlineAppJs = await bundle('app.ts', { QL_OFFLINE: 'true', QL_DEMO: String(haveDemo), QL_WORKER_SOURCE: JSON.stringify(workerJs) });
const css = readFileSync(join(www, 'style.css'), 'utf8');
const html = readFileSync(join(www, 'index.html'), 'utf8');

// ---- 5. the static site ------------------------------------------------------------------------
writeFileSync(join(out, 'app.js'), appJs);
writeFileSync(join(out, 'worker.js'), workerJs);
writeFileSync(join(out, 'style.css'), css);
if (existsSync(wasmFile)) copyFileSync(wasmFile, join(out, 'qinglian.wasm'));
copyFileSync(join(www, 'favicon.svg'), join(out, 'favicon.svg'));
const served = html
  .replace('<!--QL:CSP-->', `<meta http-equiv="Content-Security-Policy" content="${servedCsp()}">`)
  .replace('<!--QL:HEAD-->', '<link rel="icon" href="favicon.svg" type="image/svg+xml">\n<link rel="stylesheet" href="style.css">')
  .replace('<!--QL:DATA-->', '')
  .replace('<!--QL:SCRIPT-->', '<script src="app.js"></script>');
writeFileSync(join(out, 'index.html'), served);
if (haveDemo) {
  mkdirSync(join(out, 'demo'), { recursive: true });
  for (const f of ['root.json', 'bundle.qlb', 'answer-key.json']) if (existsSync(join(demoCache, f))) copyFileSync(join(demoCache, f), join(out, 'demo', f));
}
// The benchmark page (bench/README.md): the bench's browser runner over the bench module
// (qinglian-bench.wasm) and the same demo; it also reads qinglian.wasm for the shipped size.
{
  const plugins = existsSync(benchWasmFile) ? [] : [missingGlue()];
  const benchBundle = async (entry) =>
    (await esbuild.build({ ...common, plugins, entryPoints: [join(root, 'bench', entry)] })).outputFiles[0].text;
  writeFileSync(join(out, 'bench.js'), await benchBundle('page.mjs'));
  writeFileSync(join(out, 'bench-worker.js'), await benchBundle('browser-worker.mjs'));
  if (existsSync(benchWasmFile)) copyFileSync(benchWasmFile, join(out, 'qinglian-bench.wasm'));
  const benchHtml = readFileSync(join(www, 'bench.html'), 'utf8')
    .replace('<!--QL:CSP-->', `<meta http-equiv="Content-Security-Policy" content="${servedCsp()}">`)
    .replace('<!--QL:HEAD-->', '<link rel="icon" href="favicon.svg" type="image/svg+xml">\n<link rel="stylesheet" href="style.css">')
    .replace('<!--QL:SCRIPT-->', '<script src="bench.js"></script>');
  writeFileSync(join(out, 'bench.html'), benchHtml);
}
// The import page (import.html): its own bundle and the import module, fetched only by that page.
{
  const importWasm = join(root, 'pkg', 'qinglian_wasm_import_bg.wasm');
  if (existsSync(importWasm)) copyFileSync(importWasm, join(out, 'qinglian-import.wasm'));
  const importJs = (await esbuild.build({ ...common, plugins: [], entryPoints: [join(www, 'src', 'import-page.ts')] })).outputFiles[0].text;
  writeFileSync(join(out, 'import.js'), importJs);
  const importHtml = readFileSync(join(www, 'import.html'), 'utf8')
    .replace('<!--QL:CSP-->', `<meta http-equiv="Content-Security-Policy" content="${servedCsp()}">`)
    .replace('<!--QL:HEAD-->', '<link rel="icon" href="favicon.svg" type="image/svg+xml">\n<link rel="stylesheet" href="style.css">')
    .replace('<!--QL:SCRIPT-->', '<script src="import.js"></script>');
  writeFileSync(join(out, 'import.html'), importHtml);
}
if (args.has('--dev-report')) run(process.execPath, [join(root, 'tests', 'e2e', 'dev-report.mjs'), join(out, 'dev', 'report.json')]);

// ---- 6. the offline single file ------------------------------------------------------------------
// Inline <script> content must not contain "</script" (esbuild escapes it in strings, check anyway).
const safeJs = safeScript(offlineAppJs);
const wasmB64 = existsSync(wasmFile) ? readFileSync(wasmFile).toString('base64') : '';
const data = [`<script type="application/octet-stream" id="ql-wasm">${wasmB64}</script>`];
// The import module too (its wasm, base64): the supervision bulletins (周调度/月通报) are generated by it.
const importWasmFile = join(root, 'pkg', 'qinglian_wasm_import_bg.wasm');
if (existsSync(importWasmFile)) data.push(`<script type="application/octet-stream" id="ql-import-wasm">${readFileSync(importWasmFile).toString('base64')}</script>`);
if (haveDemo) {
  data.push(dataBlock('ql-demo-root', readFileSync(join(demoCache, 'root.json'))));
  data.push(dataBlock('ql-demo-bundle', gzipSync(readFileSync(join(demoCache, 'bundle.qlb')), { level: 9 })));
}
const favicon = `data:image/svg+xml;base64,${readFileSync(join(www, 'favicon.svg')).toString('base64')}`;
const offline = html
  .replace('<!--QL:CSP-->', `<meta http-equiv="Content-Security-Policy" content="${offlineCsp(sha256b64(safeJs), sha256b64(css))}">`)
  .replace('<!--QL:HEAD-->', () => `<link rel="icon" href="${favicon}" type="image/svg+xml">\n<style>${css}</style>`)
  .replace('<!--QL:DATA-->', () => data.join('\n'))
  .replace('<!--QL:SCRIPT-->', () => `<script>${safeJs}</script>`);
mkdirSync(dirname(offlineOut), { recursive: true });
writeFileSync(offlineOut, offline);

const size = (f) => `${(statSync(f).size / 1024).toFixed(0)} KiB`;
log(`www/dist: app.js ${size(join(out, 'app.js'))}, worker.js ${size(join(out, 'worker.js'))}, qinglian.wasm ${existsSync(wasmFile) ? size(join(out, 'qinglian.wasm')) : 'MISSING'}${haveDemo ? ', demo/' : ' (no demo)'}`);
log(`dist/qinglian-offline.html ${size(offlineOut)}`);
log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
