#!/usr/bin/env node
// `npm run bench`: signatures, SHA-256, end-to-end verification, memory and wasm size, in one run
// on this machine, with ratios computed within the run. See bench/README.md.
//
//   npm run bench                       everything at 200k records
//   npm run bench -- --million          also the 1M-record bundle (memory per retained record)
//   npm run bench -- --rounds 5         more interleaved rounds (default 3; end-to-end 2)
//   npm run bench -- --only signatures,sha256,e2e,size
//   npm run bench -- --fresh            regenerate the cached demo bundles
//   npm run bench -- --no-native        skip the native rows
//   npm run bench -- --no-build         no builds (bench/native, CLI, pkg-bench/): use them as they are
//   npm run bench -- --help             this text
import { spawnSync } from 'node:child_process';
import crypto, { createHash, createPublicKey } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import * as core from './core.mjs';
import { newest } from '../scripts/newest.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const cache = join(here, '.cache');
// The module the package ships (the package-API rows and the size), and the same verifier with the
// bench hooks (cargo feature `bench`, `node scripts/build-wasm.mjs --bench`) for the hook rows.
const pkgWasm = join(root, 'pkg', 'qinglian_wasm_bg.wasm');
const benchWasm = join(root, 'pkg-bench', 'qinglian_wasm_bg.wasm');
const benchGlue = join(root, 'pkg-bench', 'qinglian_wasm.js');
const cliPath = join(root, 'target', 'release', 'qinglian');
const nativeTarget = join(cache, 'native-target');
const nativePath = join(nativeTarget, 'release', 'qinglian-bench-native');

// ---------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const o = {
    million: false,
    rounds: 3,
    e2eRounds: 2,
    signatures: 4000,
    nobleLimit: 400,
    shaBytes: 64 << 20,
    records: 200_000,
    fresh: false,
    native: true,
    build: true,
    only: new Set(['signatures', 'sha256', 'e2e', 'size']),
    child: null,
    help: false,
    json: join(here, 'results', 'latest.json'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--million') o.million = true;
    else if (a === '--rounds') o.rounds = Number(val());
    else if (a === '--e2e-rounds') o.e2eRounds = Number(val());
    else if (a === '--signatures') o.signatures = Number(val());
    else if (a === '--noble-limit') o.nobleLimit = Number(val());
    else if (a === '--sha-mib') o.shaBytes = Number(val()) << 20;
    else if (a === '--records') o.records = Number(val());
    else if (a === '--fresh') o.fresh = true;
    else if (a === '--no-native') o.native = false;
    else if (a === '--no-build') o.build = false;
    else if (a === '--only') o.only = new Set(val().split(','));
    else if (a === '--json') o.json = val();
    else if (a === '--child') o.child = JSON.parse(val());
    else if (a === '--help' || a === '-h') o.help = true;
    else throw new Error(`unknown argument ${a} (see the head of bench/node.mjs)`);
  }
  return o;
}

const log = (...a) => console.error('bench:', ...a);

// ---------------------------------------------------------------------------------------------
// Builds (never two cargo builds at once: they run one after the other, in this process)
// ---------------------------------------------------------------------------------------------

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  if (r.error) throw r.error;
  return r;
}

/** cargo, quietly: its output is shown only when it fails. Returns whether it succeeded. */
function cargo(args, env = process.env) {
  const r = run('cargo', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) process.stderr.write(`${r.stdout}${r.stderr}`);
  return r.status === 0;
}

/** pkg-bench/: the verifier with the bench hooks, rebuilt when older than its sources. */
function buildBenchWasm(o) {
  if (!o.build) return;
  log('building pkg-bench/ (node scripts/build-wasm.mjs --bench --if-stale; a no-op when fresh)');
  const r = run(process.execPath, [join(root, 'scripts', 'build-wasm.mjs'), '--bench', '--if-stale'], { stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error('pkg-bench/ did not build (node scripts/build-wasm.mjs --bench)');
}


function buildNative() {
  log('building bench/native (cargo build --release, own target dir; a no-op when fresh)');
  const ok = cargo(['build', '--release', '--manifest-path', join(here, 'native', 'Cargo.toml')], { ...process.env, CARGO_TARGET_DIR: nativeTarget });
  if (!ok && !existsSync(nativePath)) throw new Error('bench/native did not build');
  if (!ok) log('WARNING: bench/native did not build; using the previous binary');
}

/** The CLI (demo generator and native end-to-end rows), built from the current tree. */
function buildCli(o) {
  if (o.build) {
    log('building the CLI (cargo build --release -p qinglian-cli; a no-op when fresh)');
    if (!cargo(['build', '--release', '-p', 'qinglian-cli'])) log('WARNING: the CLI did not build; using the previous binary');
  }
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: cargo build --release -p qinglian-cli`);
}

/**
 * The demo bundle scaled to `records`, cached in bench/.cache/demo-N (gitignored) with the hash of
 * the CLI that generated it: a different CLI (the format may have moved) generates it again.
 */
function ensureBundle(records, fresh) {
  const dir = join(cache, `demo-${records}`);
  const bundle = join(dir, 'bundle.qlb');
  const rootFile = join(dir, 'root.json');
  const stampFile = join(dir, 'stamp.json');
  const cli = sha256Hex(readFileSync(cliPath));
  let stamp = null;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    // none yet
  }
  if (fresh || !existsSync(bundle) || !existsSync(rootFile) || stamp?.cli !== cli) {
    log(`generating the demo bundle with ${records} records into ${dir}`);
    const r = run(cliPath, ['demo', '--records', String(records), '--out', dir], { stdio: ['ignore', 2, 2] });
    if (r.status !== 0) throw new Error('demo generation failed');
    writeFileSync(stampFile, `${JSON.stringify({ cli, records, generated: new Date().toISOString() })}\n`);
  }
  return { dir, bundle, root: rootFile, bytes: statSync(bundle).size };
}

// ---------------------------------------------------------------------------------------------
// The wasm modules: pkg-bench/ (bench hooks, built by this runner) and pkg/ (`npm run build:wasm`)
// ---------------------------------------------------------------------------------------------

const sha256Hex = (b) => createHash('sha256').update(b).digest('hex');

/** Whether wasm-opt ran: build-wasm strips the producers section only then. */
const optimisedModule = (mod) => WebAssembly.Module.customSections(mod, 'producers').length === 0;

/**
 * Copy pkg-bench/ (glue and module) into bench/.cache/pkg-<hash>/ so every measurement of this run
 * uses the same build even if pkg-bench/ is rebuilt meanwhile. `optimised`: wasm-opt ran; an
 * unoptimised module gives unrepresentative figures.
 */
function snapshotPkg() {
  if (!existsSync(benchWasm) || !existsSync(benchGlue)) {
    throw new Error('pkg-bench/ is missing: run `node scripts/build-wasm.mjs --bench` (npm run bench does, unless --no-build)');
  }
  const bytes = readFileSync(benchWasm);
  const hash = sha256Hex(bytes);
  const dir = join(cache, `pkg-${hash.slice(0, 12)}`);
  // Older snapshots are of no further use.
  for (const d of existsSync(cache) ? readdirSync(cache) : []) {
    if (d.startsWith('pkg-') && join(cache, d) !== dir) rmSync(join(cache, d), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  copyFileSync(benchGlue, join(dir, 'qinglian_wasm.js'));
  writeFileSync(join(dir, 'qinglian_wasm_bg.wasm'), bytes);
  const mod = new WebAssembly.Module(bytes);
  const optimised = optimisedModule(mod);
  const hooks = WebAssembly.Module.exports(mod).some((e) => e.name.startsWith('benchkey_'));
  return { dir, hash, optimised, hooks, glue: join(dir, 'qinglian_wasm.js'), wasm: join(dir, 'qinglian_wasm_bg.wasm') };
}

/** The shipped module (pkg/): its hash (the package-API rows), whether wasm-opt ran, its bytes. */
function shippedPkg() {
  if (!existsSync(pkgWasm)) return null;
  const bytes = readFileSync(pkgWasm);
  const stale = Math.max(newest(join(root, 'crate', 'core', 'src')), newest(join(root, 'crate', 'wasm', 'src'))) > statSync(pkgWasm).mtimeMs;
  return { hash: sha256Hex(bytes), optimised: optimisedModule(new WebAssembly.Module(bytes)), bytes, stale };
}

async function loadGlue(snap) {
  const glue = await import(pathToFileURL(snap.glue).href);
  const exports = glue.initSync({ module: readFileSync(snap.wasm) });
  if (typeof glue.BenchKey !== 'function' || typeof glue.sha256 !== 'function') {
    throw new Error(
      'pkg-bench/ has no bench hooks (crate/wasm/src/bench.rs, cargo feature `bench`): rebuild it with `node scripts/build-wasm.mjs --bench`',
    );
  }
  return { glue, memory: exports.memory };
}

// ---------------------------------------------------------------------------------------------
// Node-only verifiers and hashers
// ---------------------------------------------------------------------------------------------

const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

function nodeCrypto() {
  return {
    id: 'node-crypto',
    label: 'node:crypto verify (OpenSSL)',
    prepare: (w) => w.publicKeys.map((pk) => createPublicKey({ key: Buffer.concat([SPKI_ED25519, pk]), format: 'der', type: 'spki' })),
    run(keys, w) {
      let ok = 0;
      for (let i = 0; i < w.n; i++) if (crypto.verify(null, w.messages[i], keys[w.keyOf(i)], w.signatures[i])) ok++;
      return ok;
    },
  };
}

/** One spawn of bench/native per (workload, round), shared by its two rows. */
function nativeRows() {
  const runs = new Map();
  const measureOnce = (w, r) => {
    const key = `${w.keys}:${r}:${w.n}`;
    if (!runs.has(key)) {
      const out = run(nativePath, ['--signatures', String(w.n), '--message-bytes', String(w.messageBytes), '--bytes', '0']);
      if (out.status !== 0) throw new Error(`bench/native failed: ${out.stderr}`);
      runs.set(key, JSON.parse(out.stdout));
    }
    return runs.get(key);
  };
  const row = (kind, label) => ({
    id: `native-${kind}`,
    label,
    measure(w, r) {
      const m = measureOnce(w, r);
      return { rate: m[`${kind}_${w.keys}`], ok: w.n, n: w.n };
    },
  });
  return [row('strict', 'native core, verify_strict (single)'), row('fast', 'native core, fast path (table, runs of 256)')];
}

function nodeSha256() {
  return { id: 'node-sha256', label: 'node:crypto createHash(sha256)', hash: (b) => createHash('sha256').update(b).digest('hex') };
}

function nativeSha256(bytes) {
  return {
    id: 'native-sha256',
    label: 'native core Digest::of',
    measure() {
      const out = run(nativePath, ['--signatures', '0', '--bytes', String(bytes)]);
      if (out.status !== 0) throw new Error(`bench/native failed: ${out.stderr}`);
      const m = JSON.parse(out.stdout);
      return { rate: m.sha256_mbs, digest: m.sha256_hex };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------------

async function signatures(o, glue) {
  const sodium = (await import('libsodium-wrappers')).default;
  await sodium.ready;
  const ed = await import('@noble/ed25519');
  // Synchronous noble with node:crypto's SHA-512 (hashing is a small part of its cost).
  ed.hashes.sha512 = (m) => new Uint8Array(createHash('sha512').update(m).digest());
  const verifiers = [
    core.wasmStrict(glue),
    core.wasmFast(glue),
    nodeCrypto(),
    core.webCrypto(),
    core.libsodium(sodium),
    core.noble(ed, o.nobleLimit),
    ...(o.native ? nativeRows() : []),
  ];
  const suites = [];
  for (const keys of [1, 12]) {
    log(`signatures: signing ${o.signatures} × ${core.MESSAGE_BYTES}-byte messages with ${keys} key(s)`);
    const w = await core.makeWorkload({ n: o.signatures, keys });
    suites.push({ keys, n: w.n, ...(await core.timeSignatures(verifiers, w, { rounds: o.rounds, log })) });
  }
  return suites;
}

async function sha256(o, glue) {
  const hashWasm = await import('hash-wasm');
  log(`sha256: ${o.shaBytes >> 20} MiB`);
  const data = core.makeData(o.shaBytes);
  const hashers = [core.wasmSha256(glue), nodeSha256(), core.hashWasmSha256(hashWasm), core.webCryptoSha256(), ...(o.native ? [nativeSha256(o.shaBytes)] : [])];
  // Warm-up on 1 MiB (tiering).
  for (const h of hashers) if (h.hash) await h.hash(data.subarray(0, 1 << 20));
  return core.timeSha256(hashers, data, { rounds: o.rounds, log });
}

// ---------------------------------------------------------------------------------------------
// End to end, each measurement in a child process (clean memory figures)
// ---------------------------------------------------------------------------------------------

/** Does the package have its verify API / worker entry yet? */
async function packageApi() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  let verify = false;
  try {
    const api = await import('qinglian');
    verify = typeof api.verify === 'function';
  } catch {
    // reported as pending
  }
  return { verify, worker: Boolean(pkg.exports?.['./worker']) };
}

function childRun(mode, bundle, snap) {
  const args = [fileURLToPath(import.meta.url), '--child', JSON.stringify({ mode, bundle: bundle.bundle, root: bundle.root, snap })];
  const r = run(process.execPath, ['--max-old-space-size=8192', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) return { mode, error: `child exited with ${r.status ?? r.signal}` };
  const line = r.stdout.trim().split('\n').at(-1);
  try {
    return JSON.parse(line);
  } catch {
    return { mode, error: `unreadable child output: ${line?.slice(0, 200)}` };
  }
}

function nativeRun(threads, bundle) {
  const t0 = performance.now();
  const r = run(cliPath, ['verify', '--no-checks', '--json', '--threads', String(threads), '--print-peak-memory', bundle.bundle, '--root', bundle.root]);
  const seconds = (performance.now() - t0) / 1000;
  const peak = Number(/peak-rss-bytes (\d+)/.exec(r.stderr ?? '')?.[1]);
  let summary = null;
  try {
    summary = JSON.parse(r.stdout).summary;
  } catch {
    return { mode: `native-${threads}`, error: `qinglian verify failed (${r.status}): ${String(r.stderr).slice(0, 200)}` };
  }
  return result(`native-${threads}`, seconds, summary, { rssBaseline: 0, rssPeak: peak, wasmMemory: NaN });
}

function result(mode, seconds, summary, mem) {
  const records = summary.records;
  return {
    mode,
    seconds,
    summary,
    records,
    statements: summary.verified,
    rate: records / seconds,
    statementRate: summary.verified / seconds,
    ...mem,
    rssPerRecord: (mem.rssPeak - mem.rssBaseline) / records,
    cpuRate: mem.cpu ? records / mem.cpu : NaN,
    wasmPerRecord: mem.wasmMemory / records,
  };
}

async function e2e(o, snap, shipped) {
  const sizes = [o.records, ...(o.million ? [1_000_000] : [])];
  const api = await packageApi();
  const out = { api, wasm: snap.hash, pkgWasm: shipped?.hash, bundles: [] };
  for (const records of sizes) {
    const bundle = ensureBundle(records, o.fresh);
    const big = records >= 1_000_000;
    // Interleaved A,B,A,B...; the 1M bundle once (it is about memory).
    // core-2 (the prototype) only until the package's worker entry exists.
    // The 1M bundle is about memory: one worker or thread per path.
    const modes = [
      'core-1',
      ...(api.worker || big ? [] : ['core-2']),
      ...(api.verify ? ['pkg-verify'] : []),
      ...(api.worker ? (big ? ['pkg-worker-0'] : ['pkg-worker-0', 'pkg-worker-1', 'pkg-worker-2']) : []),
    ];
    const nativeModes = [0, 1, 2];
    const runs = [];
    for (let r = 0; r < (big ? 1 : o.e2eRounds); r++) {
      for (const m of modes) {
        log(`e2e ${records}: ${m} round ${r + 1}`);
        runs.push({ round: r, ...childRun(m, bundle, snap) });
        log(`  ${fmtRun(runs.at(-1))}`);
      }
      for (const t of big ? [0] : nativeModes) {
        log(`e2e ${records}: native threads=${t} round ${r + 1}`);
        runs.push({ round: r, ...nativeRun(t, bundle) });
        log(`  ${fmtRun(runs.at(-1))}`);
      }
    }
    out.bundles.push({ records, bytes: bundle.bytes, wasm: snap.hash, pkgWasm: shipped?.hash, runs });
  }
  return out;
}

const fmtRun = (x) => (x.error ? `error: ${x.error}` : `${Math.round(x.rate)} records/s, ${x.seconds.toFixed(1)} s, peak rss ${core.fmtBytes(x.rssPeak)}`);

/**
 * Median rate per mode, and the two/one ratio per round. `otherBuild`: a run measured another
 * module than the run began with (pkg-bench/ for the hook rows, pkg/ for the package rows).
 */
function summarise(b) {
  const modes = [...new Set(b.runs.map((r) => r.mode))];
  const per = {};
  for (const m of modes) {
    const rs = b.runs.filter((r) => r.mode === m && !r.error);
    const err = b.runs.find((r) => r.mode === m && r.error);
    const expected = m.startsWith('pkg-') ? b.pkgWasm : b.wasm;
    per[m] = {
      mode: m,
      n: rs.length,
      error: rs.length ? null : err?.error,
      rate: core.median(rs.map((r) => r.rate)),
      cpuRate: core.median(rs.map((r) => r.cpuRate ?? NaN)),
      rates: rs.map((r) => r.rate),
      rssPeak: Math.max(...rs.map((r) => r.rssPeak)),
      rssBaseline: core.median(rs.map((r) => r.rssBaseline)),
      wasmMemory: Math.max(...rs.map((r) => r.wasmMemory ?? NaN)),
      rssPerRecord: core.median(rs.map((r) => r.rssPerRecord)),
      wasmPerRecord: core.median(rs.map((r) => r.wasmPerRecord ?? NaN)),
      records: rs[0]?.records,
      statements: rs[0]?.statements,
      intact: rs.every((r) => r.summary?.intact && r.summary?.errors === 0),
      wasm: rs.find((r) => r.wasm && r.wasm !== expected)?.wasm ?? rs[0]?.wasm,
      otherBuild: rs.some((r) => r.wasm && r.wasm !== expected),
    };
  }
  const pairRatio = (a, c) => {
    const ra = per[a]?.rates ?? [];
    const rc = per[c]?.rates ?? [];
    return core.median(ra.slice(0, rc.length).map((x, i) => x / rc[i]));
  };
  return { per, pairRatio };
}

const E2E_LABELS = {
  'core-1': 'wasm core, main thread (bench hook, no API layer)',
  'core-2': 'wasm core, main + 1 signature worker (bench prototype)',
  'pkg-verify': 'package verify(), main thread',
  'pkg-worker-0': 'package verifyInWorker, threads: 0 (1 worker)',
  'pkg-worker-1': 'package verifyInWorker, threads: 1 (2 workers)',
  'pkg-worker-2': 'package verifyInWorker, threads: 2 (3 workers)',
  'native-0': 'native CLI, 1 thread',
  'native-1': 'native CLI, +1 signature thread',
  'native-2': 'native CLI, +2 signature threads',
};

function e2eTable(e) {
  const rows = [['end to end (integrity only)', 'records', 'records/s', '× wasm 1 thread', 'records/CPU-s', 'peak RSS', 'Δ RSS/record', 'wasm mem', 'wasm/record', 'intact']];
  for (const b of e.bundles) {
    const { per, pairRatio } = summarise(b);
    const order = ['core-1', 'core-2', 'pkg-verify', 'pkg-worker-0', 'pkg-worker-1', 'pkg-worker-2', 'native-0', 'native-1', 'native-2'];
    for (const m of order) {
      const p = per[m];
      if (!p) {
        if (m === 'pkg-verify' && !e.api.verify) rows.push([E2E_LABELS[m], String(b.records), 'pending', '', '', '', '', '', '', '']);
        if (m.startsWith('pkg-worker') && m !== 'pkg-worker-2' && !e.api.worker) rows.push([E2E_LABELS[m], String(b.records), 'pending', '', '', '', '', '', '', '']);
        continue;
      }
      if (p.error) {
        rows.push([E2E_LABELS[m], String(b.records), `error: ${p.error.slice(0, 50)}`, '', '', '', '', '', '', '']);
        continue;
      }
      rows.push([
        E2E_LABELS[m] + (p.otherBuild ? ' (other pkg build!)' : ''),
        String(p.records),
        core.fmtRate(p.rate),
        core.fmtRatio(pairRatio(m, 'core-1')),
        core.fmtRate(p.cpuRate),
        core.fmtBytes(p.rssPeak),
        `${Math.round(p.rssPerRecord)} B`,
        core.fmtBytes(p.wasmMemory),
        Number.isFinite(p.wasmPerRecord) ? `${Math.round(p.wasmPerRecord)} B` : '—',
        p.intact ? 'yes' : 'NO',
      ]);
    }
  }
  const broken = e.bundles.filter((b) => b.runs.some((r) => !r.error && !(r.summary?.intact && r.summary?.errors === 0)));
  const note = broken.length
    ? `\nWARNING: not intact (${broken.map((b) => b.records).join(', ')}): a verifier reported errors on the demo bundle; rates may not be comparable (try --fresh)`
    : '';
  return core.table(rows) + note;
}

// ---------------------------------------------------------------------------------------------
// The child: one end-to-end measurement in a fresh process
// ---------------------------------------------------------------------------------------------

/** Peak RSS of the whole process, sampled every 5 ms by a worker (it runs while wasm blocks). */
function startSampler() {
  const shared = new Float64Array(new SharedArrayBuffer(8));
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const a = workerData;
     setInterval(() => { const r = process.memoryUsage.rss(); if (r > a[0]) a[0] = r; }, 5);`,
    { eval: true, workerData: shared },
  );
  worker.unref();
  return {
    sample() {
      const r = process.memoryUsage.rss();
      if (r > shared[0]) shared[0] = r;
    },
    peak: () => shared[0],
    stop: () => worker.terminate(),
  };
}

async function* fileChunks(path, size = 1 << 16) {
  const fh = await open(path, 'r');
  const buf = new Uint8Array(size);
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, size, null);
      if (bytesRead === 0) break;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

function signaturePool(snap) {
  const worker = new Worker(join(here, 'sig-worker.mjs'), { workerData: { gluePath: pathToFileURL(snap.glue).href, wasmPath: snap.wasm } });
  const waiting = new Map();
  let onReady;
  const ready = new Promise((resolve) => (onReady = resolve));
  worker.on('message', (m) => {
    if (m === 'ready') return onReady();
    waiting.get(m.id)?.resolve(m.verdicts);
    waiting.delete(m.id);
  });
  worker.on('error', (e) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  });
  return {
    submit(job) {
      return new Promise((resolve, reject) => {
        waiting.set(job.id, { resolve, reject });
        worker.postMessage(job, [job.messages.buffer, job.ends.buffer, job.signatures.buffer]);
      });
    },
    ready,
    close: () => worker.terminate(),
  };
}

/** CPU seconds (user + system, all threads of this process) since `since`. */
function cpuSeconds(since) {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
}

/** Whatever the package's report looks like, find its summary. */
const summaryOf = (report) => report?.summary ?? report;

async function child({ mode, bundle, root: rootPath, snap }) {
  const rootLine = readFileSync(rootPath);
  const sampler = startSampler();
  const settle = () => new Promise((r) => setTimeout(r, 50));
  if (mode === 'core-1' || mode === 'core-2') {
    const { glue, memory } = await loadGlue(snap);
    const pool = mode === 'core-2' ? signaturePool(snap) : null;
    await pool?.ready;
    await settle();
    const baseline = process.memoryUsage.rss();
    sampler.sample();
    const cpu0 = process.cpuUsage();
    const chunks = fileChunks(bundle);
    const r = pool
      ? await core.verifyStreamedWithPool(glue, rootLine, chunks, pool, { sample: sampler.sample })
      : await core.verifyStreamed(glue, rootLine, chunks, { sample: sampler.sample });
    sampler.sample();
    const cpu = cpuSeconds(cpu0);
    await pool?.close();
    return result(mode, r.seconds, r.summary, { rssBaseline: baseline, rssPeak: sampler.peak(), wasmMemory: memory.buffer.byteLength, wasm: snap.hash, cpu });
  }
  // The package's own API, fed a ReadableStream of the file (streamed from disk in 64 KiB chunks,
  // as the core rows are). Not fs.openAsBlob: Node cannot post a file-backed Blob to a worker.
  const { createReadStream } = await import('node:fs');
  const { Readable } = await import('node:stream');
  const wasmHash = sha256Hex(readFileSync(pkgWasm));
  const stream = () => Readable.toWeb(createReadStream(bundle, { highWaterMark: 1 << 16 }));
  let memory = null;
  let run;
  if (mode === 'pkg-verify') {
    const api = await import('qinglian');
    // The package's module instance (js/ imports ../pkg/qinglian_wasm.js): read its memory.
    memory = (await import('../pkg/qinglian_wasm.js')).initSync({ module: readFileSync(pkgWasm) }).memory;
    run = () => api.verify(stream(), { root: rootLine, checks: false });
  } else {
    const threads = Number(mode.at(-1));
    const w = await import('qinglian/worker');
    // The wasm lives in the workers: only RSS (process-wide) is measured.
    run = () => w.verifyInWorker(stream(), { root: rootLine, checks: false, threads });
  }
  await settle();
  const baseline = process.memoryUsage.rss();
  sampler.sample();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const summary = summaryOf(await run());
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds(cpu0);
  sampler.sample();
  return result(mode, seconds, summary, { rssBaseline: baseline, rssPeak: sampler.peak(), wasmMemory: memory ? memory.buffer.byteLength : NaN, wasm: wasmHash, cpu });
}

// ---------------------------------------------------------------------------------------------
// Size and targets
// ---------------------------------------------------------------------------------------------

function size(shipped) {
  const wasm = shipped.bytes;
  return {
    hash: shipped.hash,
    optimised: shipped.optimised,
    raw: wasm.length,
    gzip: gzipSync(wasm, { level: 9 }).length,
    brotli: brotliCompressSync(wasm, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function targets(res) {
  const out = [];
  out.push(...core.signatureTargets(res.signatures ?? []));
  if (res.e2e) {
    const b = res.e2e.bundles.find((x) => x.records < 1_000_000) ?? res.e2e.bundles[0];
    const { per, pairRatio } = summarise(b);
    const pkg = Boolean(per['pkg-worker-0'] && !per['pkg-worker-0'].error);
    const one = pkg ? 'pkg-worker-0' : 'core-1';
    const two = pkg ? 'pkg-worker-1' : 'core-2';
    const src = pkg ? 'package worker' : 'bench hook; package worker pending';
    out.push([`end to end ≥ 10,000 records/s on one worker (${src})`, core.fmtRate(per[one]?.rate), core.target(per[one]?.rate, 10_000)]);
    const r2 = pairRatio(two, one);
    out.push([`two workers ≥ 1.7× one (${pkg ? 'threads: 1 / threads: 0' : 'prototype: main + 1 signature worker / main'})`, core.fmtRatio(r2), core.target(r2, 1.7)]);
    const small = res.e2e.bundles.find((x) => x.records < 1_000_000);
    const big = res.e2e.bundles.find((x) => x.records >= 1_000_000);
    if (big && small) {
      for (const m of ['core-1', 'pkg-verify', 'pkg-worker-0']) {
        const a = summarise(small).per[m];
        const c = summarise(big).per[m];
        if (!a || !c || a.error || c.error) continue;
        const slope = (c.rssPeak - a.rssPeak) / (c.records - a.records);
        out.push([`peak memory < 600 B per retained record + constant, 1M bundle (${m}: Δpeak RSS / Δrecords)`, `${Math.round(slope)} B`, core.target(slope, 600, '<')]);
        const wslope = (c.wasmMemory - a.wasmMemory) / (c.records - a.records);
        if (Number.isFinite(wslope)) out.push([`  same on wasm memory (${m})`, `${Math.round(wslope)} B`, core.target(wslope, 600, '<')]);
      }
    } else {
      const p = summarise(b).per['core-1'];
      out.push([`peak memory < 600 B per retained record + constant (needs --million; at ${b.records} incl. constant)`, `${Math.round(p?.rssPerRecord)} B`, 'n/a']);
    }
  }
  return core.table([['target', 'measured', 'result'], ...out]);
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.help) {
    // The comment at the head of this file.
    const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1);
    console.log(lines.slice(0, lines.findIndex((l) => !l.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
    return;
  }
  if (o.child) {
    const r = await child(o.child);
    process.stdout.write(`${JSON.stringify(r)}\n`);
    process.exit(0);
  }
  const started = new Date();
  const res = {
    started: started.toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memory: totalmem(), node: process.version, platform: process.platform },
    options: { ...o, only: [...o.only] },
  };
  // One cargo build at a time, in this order.
  if (o.native && o.build && (o.only.has('signatures') || o.only.has('sha256'))) buildNative();
  if (o.only.has('e2e')) buildCli(o);
  buildBenchWasm(o);
  const snap = snapshotPkg();
  const shipped = shippedPkg();
  res.wasm = { hash: snap.hash, optimised: snap.optimised, pkg: shipped && { hash: shipped.hash, optimised: shipped.optimised } };
  if (!snap.optimised) log('WARNING: pkg-bench/ was built without wasm-opt (--no-opt?): figures are not representative');
  if (o.only.has('e2e') || o.only.has('size')) {
    // The package rows and the size are of the shipped module, which this runner does not build.
    if (!shipped) throw new Error('pkg/ is missing (the package rows and the size measure it): run `npm run build:wasm` first');
    if (shipped.stale) log('WARNING: pkg/ is older than the Rust sources: the package rows and the size measure an older build (npm run build:wasm)');
    if (!shipped.optimised) log('WARNING: pkg/ was built without wasm-opt (build:wasm --no-opt?): its figures are not representative');
  }
  const { glue } = await loadGlue(snap);
  const printed = [];
  // The 1-minute load average after each section: above ~2 on this 2-core machine, other work
  // competed for the cores (a second worker then has no core of its own).
  res.load = {};
  const print = (title, text) => {
    const load = loadavg()[0];
    if (title) res.load[title] = load;
    printed.push(`${text}\n(load average after this section: ${load.toFixed(2)} on ${cpus().length} cores)`);
  };
  if (o.only.has('signatures')) {
    res.signatures = await signatures(o, glue);
    print('signatures', core.signatureTable(res.signatures));
  }
  if (o.only.has('sha256')) {
    res.sha256 = await sha256(o, glue);
    print('sha256', core.shaTable(res.sha256));
  }
  if (o.only.has('e2e')) {
    res.e2e = await e2e(o, snap, shipped);
    print('e2e', e2eTable(res.e2e));
  }
  if (o.only.has('size')) {
    res.size = size(shipped);
    const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
    print(
      'size',
      core.table([
        [`wasm size (pkg/qinglian_wasm_bg.wasm ${shipped.hash.slice(0, 12)}, the shipped module)`, 'size'],
        ['raw', kib(res.size.raw)],
        ['gzip -9', kib(res.size.gzip)],
        ['brotli 11', kib(res.size.brotli)],
        ['wasm-opt applied', shipped.optimised ? 'yes' : 'NO (not representative)'],
      ]),
    );
  }
  printed.push(targets(res));
  res.seconds = (Date.now() - started.getTime()) / 1000;
  const header = `qinglian bench — ${res.started}, ${res.machine.cpus} × ${res.machine.cpu}, Node ${process.version}; medians of ${o.rounds} interleaved rounds (end to end ${o.e2eRounds}); ratios are medians of per-round ratios`;
  console.log([header, ...printed].join('\n\n'));
  mkdirSync(dirname(o.json), { recursive: true });
  writeFileSync(o.json, `${JSON.stringify(res, null, 2)}\n`);
  console.log(`\nresults: ${o.json} (${res.seconds.toFixed(0)} s)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
