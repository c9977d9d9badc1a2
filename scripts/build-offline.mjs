#!/usr/bin/env node
// Build dist/qinglian-verify.html: a minimal verifier page in one file (pick the root and a bundle,
// see the summary and the problems) with the npm package's JS and the WebAssembly module inlined,
// so it works from file:// on an isolated machine. The full page (www/) has its own offline build,
// dist/qinglian-offline.html (scripts/build-www.mjs); this one is small and independent.
//
//   node scripts/build-offline.mjs          (needs pkg/: node scripts/build-wasm.mjs)
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { dataBlock, offlineCsp, safeScript, sha256b64 } from './inline-html.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'scripts', 'offline');
const wasmFile = join(root, 'pkg', 'qinglian_wasm_bg.wasm');
const out = join(root, 'dist', 'qinglian-verify.html');

if (!existsSync(wasmFile)) {
  console.error('build-offline: pkg/qinglian_wasm_bg.wasm is missing; run node scripts/build-wasm.mjs');
  process.exit(1);
}

const built = await esbuild.build({
  entryPoints: [join(src, 'page.js')],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  write: false,
  logLevel: 'warning',
  // js/wasm.js names the packaged .wasm relative to import.meta.url for the default entry; the slim
  // entry used here never reads it (the module comes from the page itself).
  define: { 'import.meta.url': '""' },
});
const js = safeScript(built.outputFiles[0].text);
const css = readFileSync(join(src, 'page.css'), 'utf8');
const html = readFileSync(join(src, 'page.html'), 'utf8')
  .replace('<!--QL:CSP-->', `<meta http-equiv="Content-Security-Policy" content="${offlineCsp({ scriptHash: sha256b64(js), styleHash: sha256b64(css) })}">`)
  .replace('<!--QL:STYLE-->', () => `<style>${css}</style>`)
  // gzip before base64: a third of the size; the page inflates it with DecompressionStream.
  .replace('<!--QL:DATA-->', () => dataBlock('ql-wasm', gzipSync(readFileSync(wasmFile), { level: 9 })))
  .replace('<!--QL:SCRIPT-->', () => `<script>${js}</script>`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`build-offline: ${out.replace(root + '/', '')} ${kib(statSync(out).size)} (${kib(gzipSync(html).length)} gzip; script ${kib(js.length)})`);
