#!/usr/bin/env node
// Build the WebAssembly modules into pkg/ (gitignored):
//   cargo build (release, wasm32, +simd128) -> wasm-bindgen --target web -> wasm-opt (binaryen npm).
// Builds two modules: the verifier (qinglian_wasm) and the table import (qinglian_wasm_import),
// prints their sizes and fails when the verifier is over its budget.
// With --bench: the verifier with the benchmark hooks (cargo feature `bench` of qinglian-wasm,
// crate/wasm/src/bench.rs) into pkg-bench/ (gitignored) instead, for `npm run bench` and the page's
// bench.html; no import module and no budget (the shipped module is the one in pkg/, without hooks).
//
//   node scripts/build-wasm.mjs              release build, optimised, into pkg/
//   node scripts/build-wasm.mjs --no-opt     skip wasm-opt (faster, for quick iterations)
//   node scripts/build-wasm.mjs --bench      the bench module into pkg-bench/
//   node scripts/build-wasm.mjs --if-stale   do nothing when the output is newer than every Rust
//                                            source and manifest that goes into it (and this script)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newest } from './newest.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const optimise = !args.has('--no-opt');
const bench = args.has('--bench');
for (const a of args) {
  if (!['--no-opt', '--bench', '--if-stale'].includes(a)) {
    console.error(`build-wasm: unknown argument ${a} (see the head of scripts/build-wasm.mjs)`);
    process.exit(1);
  }
}
const pkgDir = join(root, bench ? 'pkg-bench' : 'pkg');
const outName = bench ? 'pkg-bench/' : 'pkg/';
const target = 'wasm32-unknown-unknown';
const cargoHome = process.env.CARGO_HOME ?? join(process.env.HOME ?? '', '.cargo');


if (args.has('--if-stale')) {
  const crates = ['core', 'wasm', 'wasm-shared', ...(bench ? [] : ['import', 'wasm-import'])];
  const inputs = ['Cargo.toml', 'Cargo.lock', 'scripts/build-wasm.mjs', ...crates.flatMap((c) => [`crate/${c}/src`, `crate/${c}/Cargo.toml`])];
  const outputs = bench ? ['qinglian_wasm_bg.wasm', 'qinglian_wasm.js'] : ['qinglian_wasm_bg.wasm', 'qinglian_wasm.js', 'qinglian_wasm_import_bg.wasm', 'qinglian_wasm_import.js'];
  const built = Math.min(...outputs.map((f) => (existsSync(join(pkgDir, f)) ? statSync(join(pkgDir, f)).mtimeMs : 0)));
  const sources = Math.max(...inputs.map((p) => newest(join(root, p))));
  if (built > sources) {
    console.log(`build-wasm: ${outName} is up to date`);
    process.exit(0);
  }
}
// Fetch first, so that the registry folders exist for the path remaps below on a fresh machine
// (otherwise the first and the second build would differ in RUSTFLAGS and rebuild everything).
execFileSync('cargo', ['fetch', '--quiet'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PATH: `${join(cargoHome, 'bin')}:${process.env.PATH}` },
});
const env = {
  ...process.env,
  PATH: `${join(cargoHome, 'bin')}:${process.env.PATH}`,
  CARGO_BUILD_JOBS: process.env.CARGO_BUILD_JOBS ?? '2',
  // simd128 measured ~30% faster for Ed25519 verification (shared/design/measured.md). RUSTFLAGS
  // given with --target only apply to the target, so host builds (cargo test) are not invalidated.
  // The remaps shorten the source paths that panic locations keep in the module (about 8 KiB of
  // `/root/.cargo/registry/src/index.crates.io-…/` prefixes) and keep the build reproducible
  // across machines.
  RUSTFLAGS: [
    process.env.RUSTFLAGS ?? '',
    '-C target-feature=+simd128',
    ...registrySources().map((dir) => `--remap-path-prefix=${dir}=crates`),
    `--remap-path-prefix=${root}=qinglian`,
  ]
    .join(' ')
    .trim(),
};

/** The registry source folders (`~/.cargo/registry/src/index.crates.io-<hash>`), if any. */
function registrySources() {
  const src = join(cargoHome, 'registry', 'src');
  return existsSync(src) ? readdirSync(src).map((name) => join(src, name)) : [];
}

function run(cmd, argv, opts = {}) {
  const t0 = performance.now();
  console.log(`build-wasm: ${cmd} ${argv.join(' ')}`);
  try {
    execFileSync(cmd, argv, { cwd: root, env, stdio: 'inherit', ...opts });
  } catch (e) {
    console.error(`build-wasm: ${cmd} failed (${e.status ?? e.signal ?? e.message})`);
    process.exit(1);
  }
  return ((performance.now() - t0) / 1000).toFixed(1);
}

function pinnedWasmBindgen() {
  const cargoToml = readFileSync(join(root, 'Cargo.toml'), 'utf8');
  const m = cargoToml.match(/^wasm-bindgen\s*=\s*(?:\{[^}]*version\s*=\s*)?"=?(\d+\.\d+\.\d+)"/m);
  if (!m) throw new Error('cannot find the wasm-bindgen version in Cargo.toml');
  return m[1];
}

const want = pinnedWasmBindgen();
let have = '';
try {
  have = execFileSync('wasm-bindgen', ['--version'], { env, encoding: 'utf8' }).trim();
} catch {
  // reported below
}
if (have !== `wasm-bindgen ${want}`) {
  console.error(`build-wasm: need wasm-bindgen ${want}, found '${have || 'none'}'. Run: bash scripts/setup.sh`);
  process.exit(1);
}

const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const gz = (b) => gzipSync(b, { level: 9 }).length;
const br = (b) => brotliCompressSync(b, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;

/**
 * Build one crate into pkg/<lib>.js + pkg/<lib>_bg.wasm (pkg-bench/ with --bench) and return its
 * sizes and its glue.
 * Each module is its own cargo invocation: built together, cargo would unify the core's features and
 * the verifier would carry the import's schema tables.
 */
function buildModule(pkg, lib, features = []) {
  const times = {};
  const featureArgs = features.length ? ['--features', features.join(',')] : [];
  times.cargo = run('cargo', ['build', '--profile', 'wasm', '--target', target, '-p', pkg, ...featureArgs]);
  const input = join(targetDir, target, 'wasm', `${lib}.wasm`);
  // --target web: an ES module with an explicit init(), usable in browsers, Node, workers and
  // bundlers. --omit-default-module-path: the wrapper in js/ always says where the .wasm is, so the
  // glue itself carries no `new URL(..., import.meta.url)` that bundlers would resolve a second time.
  times.bindgen = run('wasm-bindgen', [input, '--out-dir', pkgDir, '--target', 'web', '--omit-default-module-path']);
  const wasmFile = join(pkgDir, `${lib}_bg.wasm`);
  const rawBefore = statSync(wasmFile).size;
  if (optimise) {
    const wasmOpt = join(root, 'node_modules', 'binaryen', 'bin', 'wasm-opt');
    // The features rustc enables for wasm32 today (binaryen also reads them from the module's
    // target_features section). -Os: the hot code is already compiled at opt-level 3 by rustc;
    // -Oz measured the same gzip size and the same signature speed.
    times.wasmOpt = run(process.execPath, [
      wasmOpt,
      '-Os',
      '--enable-bulk-memory',
      '--enable-nontrapping-float-to-int',
      '--enable-simd',
      '--enable-sign-ext',
      '--enable-mutable-globals',
      '--enable-reference-types',
      '--enable-multivalue',
      '--enable-bulk-memory-opt',
      '--enable-call-indirect-overlong',
      '--strip-debug',
      '--strip-producers',
      wasmFile,
      '-o',
      wasmFile,
    ]);
  }
  const wasm = readFileSync(wasmFile);
  const glue = readFileSync(join(pkgDir, `${lib}.js`));
  const sizes = { raw: wasm.length, gzip: gz(wasm), brotli: br(wasm) };
  console.log(
    `build-wasm: ${lib}: ${kib(sizes.raw)} raw (${kib(rawBefore)} before wasm-opt), ${kib(sizes.gzip)} gzip, ` +
      `${kib(sizes.brotli)} brotli; glue ${kib(glue.length)} raw, ${kib(gz(glue))} gzip; ` +
      `times ${Object.entries(times).map(([k, v]) => `${k} ${v}s`).join(', ')}`,
  );
  return { ...sizes, glue: glue.toString('utf8') };
}

rmSync(pkgDir, { recursive: true, force: true });
mkdirSync(pkgDir, { recursive: true });
const verifier = buildModule('qinglian-wasm', 'qinglian_wasm', bench ? ['bench'] : []);
// The bench hooks are in pkg-bench/ and never in pkg/, the module the package ships.
const hooks = /^export class BenchKey\b/m.test(verifier.glue);
if (hooks !== bench) {
  console.error(`build-wasm: ${outName}qinglian_wasm.js ${hooks ? 'has' : 'lacks'} the bench hooks (BenchKey …)`);
  process.exit(1);
}
if (bench) {
  console.log('build-wasm: pkg-bench/ has the verifier with the bench hooks (not shipped: no size budget)');
  process.exit(0);
}
// The table reader and the templates (calamine, encoding_rs): loaded by `qinglian/import` only.
buildModule('qinglian-wasm-import', 'qinglian_wasm_import');

// The verifier's budget (README § Size budget), every check compiled in: a guard against creep, not
// a target to grind towards.
const budget = { gzip: 400 * 1024, brotli: 320 * 1024 };
const over = Object.entries(budget).filter(([k, limit]) => verifier[k] > limit);
console.log(
  `build-wasm: verifier budget ${kib(budget.gzip)} gzip / ${kib(budget.brotli)} brotli: ` +
    (over.length === 0
      ? `within, ${kib(budget.gzip - verifier.gzip)} gzip and ${kib(budget.brotli - verifier.brotli)} brotli to spare`
      : `OVER (${over.map(([k, limit]) => `${k} ${kib(verifier[k])} > ${kib(limit)}`).join(', ')})`),
);
if (over.length > 0) process.exit(1);
