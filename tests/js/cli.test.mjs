// The package's command (`npx qinglian`, js/cli.js): verify with exit 0 / 1 / 2 and the same JSON
// report as the Rust CLI; catalogue and codes. Node only (skipped in the browser run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixturesUrl, inBrowser } from './helpers.mjs';

const skip = inBrowser;
const cli = new URL('../../js/cli.js', import.meta.url);
const path = (p) => decodeURIComponent(new URL(p, fixturesUrl).pathname);

async function run(args, input) {
  const { spawnSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const r = spawnSync(process.execPath, [fileURLToPath(cli), ...args], { encoding: 'utf8', maxBuffer: 1 << 28, input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const readJson = async (p) => JSON.parse((await import('node:fs')).readFileSync(path(p), 'utf8'));

test('verify --json: exit 0 and the CLI report for the demo; exit 1 for the tampered bundle', { skip }, async () => {
  const ok = await run(['verify', path('demo/bundle.qlb'), '--root', path('demo/root.json'), '--json']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout), await readJson('demo/report.json'));
  const bad = await run(['verify', path('tampered.qlb'), '--root', path('demo/root.json'), '--json', '--threads', '1']);
  assert.equal(bad.status, 1, bad.stderr);
  assert.deepEqual(JSON.parse(bad.stdout), await readJson('tampered-report.json'));
});

const golden = (name) => decodeURIComponent(new URL(`../golden/${name}`, import.meta.url).pathname);

test('verify: the summary is the native CLI\'s, byte for byte (tests/golden), in Chinese or English; gzip and standard input', { skip }, async () => {
  const { readFileSync, writeFileSync, mkdtempSync } = await import('node:fs');
  const zh = await run(['verify', path('demo/bundle.qlb.gz'), '--root', path('demo/root.json')]);
  assert.equal(zh.status, 0, zh.stderr);
  assert.equal(zh.stdout, readFileSync(golden('demo.zh.txt'), 'utf8'));
  const en = await run(['verify', '-', '--root', path('demo/root.json'), '--lang', 'en'], readFileSync(path('demo/bundle.qlb')));
  assert.equal(en.status, 0, en.stderr);
  assert.equal(en.stdout, readFileSync(golden('demo.en.txt'), 'utf8'));
  // A header and nothing else: NO_STATEMENTS, exit 1, the same words.
  const dir = mkdtempSync(`${(await import('node:os')).tmpdir()}/qinglian-cli-`);
  const header = readFileSync(path('demo/bundle.qlb'), 'utf8').split('\n')[0] + '\n';
  writeFileSync(`${dir}/header.qlb`, header);
  const only = await run(['verify', `${dir}/header.qlb`, '--root', path('demo/root.json'), '--lang', 'en', '--no-checks']);
  assert.equal(only.status, 1);
  assert.equal(only.stdout, readFileSync(golden('header-only.en.txt'), 'utf8'));
  const tampered = await run(['verify', '-', '--root', path('demo/root.json'), '--lang', 'en', '--no-checks'], readFileSync(path('tampered.qlb')));
  assert.equal(tampered.status, 1);
  assert.match(tampered.stdout, /integrity problems found/);
  assert.match(tampered.stdout, /SIGNATURE_INVALID/);
});

test('verify --json with a refused root: the code as JSON on stdout too, exit 2 (as the native CLI)', { skip }, async () => {
  const r = await run(['verify', path('demo/bundle.qlb'), '--root', path('demo/bundle.qlb'), '--json']);
  assert.equal(r.status, 2, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.format, 'qinglian-error');
  assert.equal(doc.error.code, 'ROOT_INVALID');
  assert.equal(typeof doc.error.message.zh, 'string');
  const { spawnSync } = await import('node:child_process');
  const { cli: nativeCli } = await readJson('manifest.json');
  const { resolve } = await import('node:path');
  const repo = decodeURIComponent(new URL('../../', import.meta.url).pathname);
  const native = spawnSync(resolve(repo, nativeCli), ['verify', path('demo/bundle.qlb'), '--root', path('demo/bundle.qlb'), '--json'], { encoding: 'utf8' });
  assert.equal(native.status, 2);
  assert.equal(JSON.parse(native.stdout).error.code, doc.error.code);
});

test('--fail-on high: exit 1 when a high finding exists', { skip }, async () => {
  const report = await readJson('demo/report.json');
  const highs = report.analysis.findings.filter((f) => f.severity === 'high').length;
  const r = await run(['verify', path('demo/bundle.qlb'), '--root', path('demo/root.json'), '--fail-on', 'high', '--quiet']);
  assert.equal(r.status, highs > 0 ? 1 : 0);
});

test('usage errors exit 2', { skip }, async () => {
  for (const args of [
    [],
    ['frobnicate'],
    ['verify', path('demo/bundle.qlb')],
    ['verify', path('demo/bundle.qlb'), '--root', path('demo/root.json'), '--fail-on', 'extreme'],
    ['verify', path('nope.qlb'), '--root', path('demo/root.json')],
    ['verify', path('demo/bundle.qlb'), '--root', path('demo/bundle.qlb')],
    ['verify', path('demo/bundle.qlb'), '--root', path('demo/root.json'), '--bogus'],
  ]) {
    const r = await run(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /qinglian: |usage:/);
  }
});

test('catalogue and codes', { skip }, async () => {
  const cat = await run(['catalogue', '--json']);
  assert.equal(cat.status, 0);
  assert.deepEqual(JSON.parse(cat.stdout), await readJson('catalogue.json'));
  const codes = await run(['codes']);
  assert.equal(codes.status, 0);
  const { readFileSync } = await import('node:fs');
  assert.equal(codes.stdout, readFileSync(path('codes.txt'), 'utf8'));
  assert.match((await run(['--version'])).stdout, /^qinglian \d+\.\d+\.\d+/);
});
