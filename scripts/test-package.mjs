#!/usr/bin/env node
// Packaging test: `npm pack` the package, install the tarball into a scratch project outside the
// repo, and use it as a consumer would: the Node entry, the slim entry with the packaged .wasm, the
// TypeScript declarations through "exports", and an esbuild browser bundle.
// Closing line: "package: N passed, N failed".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'qinglian-package-'));
const keep = process.env.QINGLIAN_KEEP_TMP === '1';
let passed = 0;
let failed = 0;

function check(name, fn) {
  try {
    fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    const detail = [e.message, e.stdout?.toString(), e.stderr?.toString()].filter(Boolean).join('\n');
    console.log(`not ok - ${name}\n${detail.replace(/^/gm, '    ')}`);
  }
}

const sh = (cmd, args, cwd = work) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let tarball;
let packed = [];
check('npm pack', () => {
  const out = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', work], root));
  tarball = join(work, out[0].filename);
  packed = out[0].files.map((f) => f.path).sort();
  console.log(`    ${out[0].filename}: ${packed.length} files, ${(out[0].size / 1024).toFixed(1)} KiB packed`);
  console.log(`    ${packed.join(' ')}`);
});

check('tarball holds the entries, declarations and wasm, and nothing else', () => {
  const required = [
    'package.json',
    'js/index.js',
    'js/node.js',
    'js/slim.js',
    'js/api.js',
    'js/wasm.js',
    'js/errors.js',
    'js/index.d.ts',
    'js/slim.d.ts',
    'js/api.d.ts',
    'js/internal.js',
    'js/worker.js',
    'js/worker-node.js',
    'js/worker-pool.js',
    'js/worker-main.js',
    'js/worker.d.ts',
    'js/cli.js',
    'js/import.js',
    'js/import.d.ts',
    'js/source.js',
    'pkg/qinglian_wasm.js',
    'pkg/qinglian_wasm_bg.wasm',
    'pkg/qinglian_wasm_import.js',
    'pkg/qinglian_wasm_import_bg.wasm',
  ];
  const missing = required.filter((f) => !packed.includes(f));
  if (missing.length) throw new Error(`missing: ${missing.join(', ')}`);
  const allowed = /^(package\.json|README\.md|LICENSE.*|js\/[^/]+\.(js|d\.ts)|pkg\/qinglian_wasm(_import)?(\.js|\.d\.ts|_bg\.wasm))$/;
  const extra = packed.filter((f) => !allowed.test(f));
  if (extra.length) throw new Error(`unexpected files: ${extra.join(', ')}`);
  // Every file the package's exports point to must be in the tarball.
  const targets = [];
  const walk = (v) => (typeof v === 'string' ? targets.push(v.replace(/^\.\//, '')) : Object.values(v).forEach(walk));
  walk(pkg.exports);
  const dangling = targets.filter((t) => !packed.includes(t));
  if (dangling.length) throw new Error(`exports point to missing files: ${dangling.join(', ')}`);
});

const app = join(work, 'app');
check('npm install of the tarball into a fresh project', () => {
  sh('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  sh('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', tarball], app);
});

check('Node: import "qinglian" works with no set-up', () => {
  writeFileSync(
    join(app, 'default.mjs'),
    `import { version, canonicalize, QinglianError } from 'qinglian';
     if (version() !== ${JSON.stringify(pkg.version)}) throw new Error('version ' + version());
     if (canonicalize('{"b":1,"a":"清"}') !== '{"a":"清","b":1}') throw new Error('canonicalize');
     try { canonicalize('1.5'); throw new Error('no throw'); }
     catch (e) { if (!(e instanceof QinglianError) || e.code !== 'FLOAT_NUMBER') throw e; }`,
  );
  sh(process.execPath, ['default.mjs'], app);
});

check('Node: "qinglian/slim" with the packaged "qinglian/qinglian.wasm"', () => {
  writeFileSync(
    join(app, 'slim.mjs'),
    `import { readFile } from 'node:fs/promises';
     import { init, canonicalize } from 'qinglian/slim';
     await init(await readFile(new URL(import.meta.resolve('qinglian/qinglian.wasm'))));
     if (canonicalize('[{"b":1,"a":2}]') !== '[{"a":2,"b":1}]') throw new Error('canonicalize');`,
  );
  sh(process.execPath, ['slim.mjs'], app);
});

const fixtures = join(root, 'tests', 'artifacts', 'fixtures');
check('Node: verify(), verifyInWorker() and the bin of the installed package', () => {
  writeFileSync(
    join(app, 'verify.mjs'),
    `import { readFileSync } from 'node:fs';
     import { verify } from 'qinglian';
     import { verifyInWorker } from 'qinglian/worker';
     const root = readFileSync(${JSON.stringify(join(fixtures, 'demo', 'root.json'))});
     const bundle = readFileSync(${JSON.stringify(join(fixtures, 'tampered.qlb'))});
     const a = await verify(bundle, { root });
     const b = await verifyInWorker(bundle, { root, threads: 1 });
     if (a.summary.intact || JSON.stringify(a) !== JSON.stringify(b)) throw new Error('worker report differs');`,
  );
  sh(process.execPath, ['verify.mjs'], app);
  const out = sh('npx', ['--no-install', 'qinglian', 'verify', join(fixtures, 'demo', 'bundle.qlb'), '--root', join(fixtures, 'demo', 'root.json'), '--json', '--no-checks'], app);
  if (JSON.parse(out).summary.intact !== true) throw new Error('npx qinglian verify: not intact');
  sh('npx', ['--no-install', 'qinglian', 'codes'], app);
});

check('Node: "qinglian/import" reads a CSV and LogWriter.appendBatch signs the plan', () => {
  writeFileSync(
    join(app, 'import.mjs'),
    `import { readFileSync } from 'node:fs';
     import { importTable } from 'qinglian/import';
     import { LogWriter } from 'qinglian';
     const bytes = readFileSync(${JSON.stringify(join(root, 'tests', 'fixtures', 'import', 'bids-bom.csv'))});
     const plan = await importTable({ name: 'bids-bom.csv', bytes }, { log: 'ggzy/main', lang: 'en' });
     // The fixture's bids cite a tender that is in neither the table nor any context: refused.
     if (plan.ok || !plan.problems.some((p) => p.code === 'REF_UNRESOLVED')) throw new Error(JSON.stringify(plan.problems));
     if (plan.statements.length !== 0) throw new Error('statements despite problems');
     const w = new LogWriter('ggzy/main', new Uint8Array(32).fill(7));
     if (typeof w.appendBatch !== 'function') throw new Error('no appendBatch');`,
  );
  sh(process.execPath, ['import.mjs'], app);
});

check('TypeScript: declarations resolve through "exports" (nodenext and bundler)', () => {
  writeFileSync(
    join(app, 'use.ts'),
    `import { canonicalize, version, QinglianError } from 'qinglian';
     import { init } from 'qinglian/slim';
     import { verifyInWorker } from 'qinglian/worker';
     import { importTable, type ImportResult } from 'qinglian/import';
     export const plan: Promise<ImportResult> = importTable({ name: 'a.csv', bytes: new Uint8Array() }, { log: 'zjj/main' });
     export const w = (b: Uint8Array) => verifyInWorker(b, { root: 'x', threads: 1 });
     export const s: string = canonicalize(version());
     export const isErr = (e: unknown): e is QinglianError => e instanceof QinglianError;
     export const ready: Promise<void> = init(new URL('https://example.invalid/q.wasm'));`,
  );
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  for (const resolution of [['nodenext', 'nodenext'], ['esnext', 'bundler']]) {
    sh(tsc, ['--strict', '--noEmit', '--lib', 'es2022,dom', '--types', '', '--target', 'es2022',
      '--module', resolution[0], '--moduleResolution', resolution[1], 'use.ts'], app);
  }
});

check('esbuild: browser bundle of "qinglian" (no node: imports leak in)', () => {
  writeFileSync(join(app, 'browser.mjs'), `import { canonicalize } from 'qinglian'; console.log(canonicalize('{}'));`);
  const esbuild = join(root, 'node_modules', '.bin', 'esbuild');
  sh(esbuild, ['browser.mjs', '--bundle', '--format=esm', '--platform=browser', '--outfile=out/browser.js'], app);
  const out = readFileSync(join(app, 'out', 'browser.js'), 'utf8');
  if (/from\s*["']node:/.test(out)) throw new Error('the browser bundle imports a node: module');
});

check('esbuild: browser bundle of "qinglian/worker" (browser entry; no node: imports)', () => {
  writeFileSync(join(app, 'worker.mjs'), `import { verifyInWorker } from 'qinglian/worker'; console.log(verifyInWorker);`);
  const esbuild = join(root, 'node_modules', '.bin', 'esbuild');
  sh(esbuild, ['worker.mjs', '--bundle', '--format=esm', '--platform=browser', '--outdir=out/w'], app);
  const out = readFileSync(join(app, 'out', 'w', 'worker.js'), 'utf8');
  if (/from\s*["']node:/.test(out)) throw new Error('the browser bundle imports a node: module');
  if (!/worker-main/.test(out)) throw new Error('the worker script is not referenced');
});

if (keep) console.log(`kept ${work}`);
else rmSync(work, { recursive: true, force: true });
console.log(`package: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
