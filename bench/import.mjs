#!/usr/bin/env node
// Import throughput in WebAssembly (issue 15): the same 100k-row bid table as the native benchmark
// (crate/import/examples/bench.rs writes it, 1,000 tenders already in the log × 100 bidders), read
// and validated by "qinglian/import" and signed by LogWriter.appendBatch. In the same run, the
// native CLI (`qinglian import --dry-run`) on the same files is the peer; it also prints the import
// module's size. Goal: wasm ≥ 10,000 rows/s. Nothing asserts: read the figures.
//
//   node bench/import.mjs [--rows 100000] [--rounds 3]
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { importTable, initImport } from '../js/import.js';
import { LogWriter } from '../js/node.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const rows = arg('--rows', 100_000);
const rounds = arg('--rounds', 3);
const dir = join(root, 'target', 'import-bench');
const LOG = 'jyzx/main';
const TIME = '2026-12-01T09:00:00+08:00';
const env = { ...process.env, CARGO_BUILD_JOBS: process.env.CARGO_BUILD_JOBS ?? '2' };

const wasmBytes = readFileSync(join(root, 'pkg', 'qinglian_wasm_import_bg.wasm'));
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const t0 = performance.now();
await initImport(wasmBytes);
const initMs = performance.now() - t0;
console.log(
  `import module: ${kib(wasmBytes.length)} raw, ${kib(gzipSync(wasmBytes, { level: 9 }).length)} gzip, ` +
    `${kib(brotliCompressSync(wasmBytes).length)} brotli; instantiated in ${initMs.toFixed(0)} ms`,
);
execFileSync('cargo', ['run', '--release', '-q', '-p', 'qinglian-import', '--example', 'bench', '--', '--rows', String(rows), '--write', dir], { cwd: root, stdio: 'inherit', env });
execFileSync('cargo', ['build', '--release', '-q', '-p', 'qinglian-cli'], { cwd: root, stdio: 'inherit', env });
const cli = join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'release', 'qinglian');
// The CLI reads a key even for a dry run; a fresh one, never used to sign.
rmSync(join(dir, 'jyzx.key'), { force: true });
execFileSync(cli, ['keygen', '--department', 'jyzx', '--out', join(dir, 'jyzx.key')], { stdio: 'ignore' });
const log = readFileSync(join(dir, 'tenders.qlog'));
const csv = { name: 'bids.csv', bytes: readFileSync(join(dir, 'bids.csv')) };
const xlsx = { name: 'bids.xlsx', bytes: readFileSync(join(dir, 'bids.xlsx')) };

/** Median seconds of `rounds` runs, and the last result. */
async function median(n, fn) {
  const times = [];
  let out;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    out = await fn();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return [times[Math.floor(times.length / 2)], out];
}

const line = (what, secs, note = '') =>
  console.log(`| ${what.padEnd(56)} | ${Math.round(rows / secs).toString().padStart(9)} | ${secs.toFixed(3).padStart(7)} | ${note} |`);

console.log(`import benchmark (wasm, Node ${process.version}): ${rows} bid rows, CSV ${(csv.bytes.length / 1e6).toFixed(1)} MB, xlsx ${(xlsx.bytes.length / 1e6).toFixed(1)} MB, median of ${rounds}`);
console.log(`| ${'stage'.padEnd(56)} | ${'rows/s'.padStart(9)} | ${'s'.padStart(7)} | note |`);
console.log(`|${'-'.repeat(58)}|${'-'.repeat(11)}|${'-'.repeat(9)}|------|`);

const cliRun = (file) => () =>
  execFileSync(cli, ['import', '--dry-run', '--json', '--key', join(dir, 'jyzx.key'), '--log', LOG, '--file', join(dir, 'tenders.qlog'), '--time', TIME, join(dir, file)], { maxBuffer: 1 << 30 });

const [csvNative] = await median(1, cliRun('bids.csv'));
const [csvWasm, plan] = await median(rounds, () => importTable(csv, { log: LOG, context: [log] }));
if (!plan.ok || plan.new !== rows) throw new Error(`unexpected plan: ${JSON.stringify(plan.problems.slice(0, 3))}`);
line('peer: native CLI, import --dry-run of the CSV', csvNative, 'process start included');
line('wasm: read CSV + validate (importTable)', csvWasm, `goal ≥ 10,000 rows/s; ${(csvWasm / csvNative).toFixed(1)}× native`);
const [xlsxNative] = await median(1, cliRun('bids.xlsx'));
const [xlsxWasm] = await median(1, () => importTable(xlsx, { log: LOG, context: [log] }));
line('peer: native CLI, import --dry-run of the xlsx', xlsxNative, 'process start included');
line('wasm: read xlsx + validate (importTable)', xlsxWasm, `${(xlsxWasm / xlsxNative).toFixed(1)}× native`);

const seed = new Uint8Array(32).fill(9);
let signed;
const [signing] = await median(rounds, () => {
  const w = LogWriter.fromLog(LOG, seed, log);
  signed = w.appendBatch(plan.statements, TIME);
  w.free();
});
line('wasm: sign (LogWriter.appendBatch)', signing, '');
line('wasm: read CSV + validate + sign', csvWasm + signing, '');
const grown = Buffer.concat([log, Buffer.from(signed.map((s) => s.line).join('\n') + '\n')]);
const [again, p2] = await median(1, () => importTable(csv, { log: LOG, context: [grown] }));
if (!p2.ok || p2.new !== 0) throw new Error('the re-import found new rows');
line('wasm: re-import against the grown log, 0 new', again, '');
console.log(`peak resident memory: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
