#!/usr/bin/env node
// Measure the npm package on this machine: time from import to ready (Node, Chromium), and
// records/s of verify() and verifyInWorker() with 1 and 2 signature workers, in Node and Chromium.
//
//   node scripts/measure-js.mjs <bundle.qlb> <root.json> [--no-browser] [--rounds N]
//   e.g. cargo run --release -p qinglian-cli -- demo --records 100000 --out /tmp/d100k
//        node scripts/measure-js.mjs /tmp/d100k/bundle.qlb /tmp/d100k/root.json
//
// Each figure is the best of N rounds (default 1). The machine's load average is printed: on a
// shared machine, compare figures taken under similar load only.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 1;
const [bundlePath, rootPath] = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds').map((p) => resolve(p));
if (!bundlePath || !rootPath) {
  console.error('usage: node scripts/measure-js.mjs <bundle.qlb> <root.json> [--no-browser] [--rounds N]');
  process.exit(2);
}
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const wasm = readFileSync(join(root, 'pkg', 'qinglian_wasm_bg.wasm'));
console.log(`wasm: ${(wasm.length / 1024).toFixed(0)} KiB raw, ${(gzipSync(wasm, { level: 9 }).length / 1024).toFixed(0)} KiB gzip`);
console.log(`bundle: ${bundlePath} (${(statSync(bundlePath).size / 2 ** 20).toFixed(1)} MiB); load average ${load()}`);

// ---- Node: import to ready in a fresh process, then throughput ----------------------------------
const ready = [];
for (let i = 0; i < 3; i++) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const t=performance.now(); const q=await import(${JSON.stringify(join(root, 'js', 'node.js'))}); q.version(); console.log(performance.now()-t)`], { encoding: 'utf8' });
  ready.push(Number(out).toFixed(0));
}
console.log(`node ${process.version}: import "qinglian" to ready: ${ready.join(', ')} ms`);

const q = await import(join(root, 'js', 'node.js'));
const { verifyInWorker } = await import(join(root, 'js', 'worker-node.js'));
const rootBytes = readFileSync(rootPath);
const bundle = readFileSync(bundlePath);
const modes = [
  ['verify()', () => q.verify(bundle, { root: rootBytes })],
  ['verifyInWorker threads 1', () => verifyInWorker(bundle, { root: rootBytes, threads: 1 })],
  ['verifyInWorker threads 2', () => verifyInWorker(bundle, { root: rootBytes, threads: 2 })],
];
for (const [name, fn] of modes) {
  let best = Infinity;
  let report;
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    report = await fn();
    best = Math.min(best, (performance.now() - t) / 1000);
  }
  console.log(`node ${name}: ${best.toFixed(2)} s, ${(report.summary.records / best).toFixed(0)} records/s (${report.summary.records} records, intact ${report.summary.intact}); load ${load()}`);
}

// ---- Chromium --------------------------------------------------------------------------------
if (!flag('--no-browser')) {
  const { chromium } = await import('playwright-core');
  const { serve } = await import('./static-server.mjs');
  // The page fetches the files from the repository's server: link them under tests/artifacts/.
  const links = join(root, 'tests', 'artifacts', 'measure');
  rmSync(links, { recursive: true, force: true });
  mkdirSync(links, { recursive: true });
  symlinkSync(bundlePath, join(links, 'bundle'));
  symlinkSync(rootPath, join(links, 'root'));
  const site = await serve(root);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  const blank = `${site.url}package.json`;
  const times = [];
  for (let i = 0; i < 3; i++) {
    const page = await browser.newPage();
    await page.goto(blank);
    times.push(await page.evaluate(async (u) => {
      const t = performance.now();
      (await import(u)).version();
      return performance.now() - t;
    }, '/js/index.js'));
    await page.close();
  }
  console.log(`chromium ${browser.version()}: import "qinglian" to ready: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
  const page = await browser.newPage();
  await page.goto(blank);
  const lines = await page.evaluate(
    async ({ js, files, rounds }) => {
      const q = await import(js.index);
      const w = await import(js.worker);
      const [rootBytes, bundle] = await Promise.all(files.map(async (f) => new Uint8Array(await (await fetch(f)).arrayBuffer())));
      const out = [];
      for (const [name, fn] of [
        ['verify()', () => q.verify(bundle, { root: rootBytes })],
        ['verifyInWorker threads 1', () => w.verifyInWorker(bundle, { root: rootBytes, threads: 1 })],
        ['verifyInWorker threads 2', () => w.verifyInWorker(bundle, { root: rootBytes, threads: 2 })],
      ]) {
        let best = Infinity;
        let report;
        for (let i = 0; i < rounds; i++) {
          const t = performance.now();
          report = await fn();
          best = Math.min(best, (performance.now() - t) / 1000);
        }
        out.push(`chromium ${name}: ${best.toFixed(2)} s, ${(report.summary.records / best).toFixed(0)} records/s`);
      }
      return out;
    },
    { js: { index: '/js/index.js', worker: '/js/worker.js' }, files: ['/tests/artifacts/measure/root', '/tests/artifacts/measure/bundle'], rounds },
  );
  console.log(lines.join('\n'));
  console.log(`load average ${load()}`);
  await browser.close();
  await site.close();
  rmSync(links, { recursive: true, force: true });
}
