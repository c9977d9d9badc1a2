#!/usr/bin/env node
// The single-file offline verifier (dist/qinglian-verify.html) opened from file:// in headless
// Chromium with every non-file request aborted: it loads, verifies the demo bundle (intact, the
// same counts as the Rust CLI) and the tampered one (the same problems), and asks for nothing over
// the network. Builds the page first (scripts/build-offline.mjs). Needs the fixtures of
// tests/js/make-fixtures.mjs. Closing line: "offline: N passed, N failed".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = join(root, 'tests', 'artifacts', 'fixtures');
const page = join(root, 'dist', 'qinglian-verify.html');
execFileSync(process.execPath, [join(root, 'scripts', 'build-offline.mjs')], { stdio: 'inherit' });

const cli = (f) => JSON.parse(readFileSync(join(fixtures, f), 'utf8'));
let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}\n${String(e?.stack ?? e).replace(/^/gm, '    ')}`);
  }
}

const profile = mkdtempSync(join(tmpdir(), 'qinglian-offline-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  offline: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const attempted = [];
await context.route('**/*', (route) => {
  const url = route.request().url();
  if (url.startsWith('file:')) return route.continue();
  attempted.push(url);
  return route.abort('internetdisconnected');
});
const errors = [];
const tab = await context.newPage();
tab.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
tab.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
tab.on('request', (r) => !r.url().startsWith('file:') && !r.url().startsWith('data:') && attempted.push(r.url()));

try {
  await check('the page loads from file:// and the module is ready', async () => {
    const t0 = Date.now();
    await tab.goto(pathToFileURL(page).href);
    await tab.waitForFunction(() => window.__qinglianReady !== undefined, null, { timeout: 60_000 });
    const ready = await tab.evaluate(() => window.__qinglianReady);
    console.log(`    ready ${ready.toFixed(0)} ms after the script started (${Date.now() - t0} ms after navigation)`);
    assert.equal(await tab.getAttribute('#result', 'data-state'), 'ready');
  });

  async function verifyFiles(bundle) {
    await tab.setInputFiles('#root', join(fixtures, 'demo', 'root.json'));
    await tab.setInputFiles('#bundle', bundle);
    await tab.waitForFunction(() => ['intact', 'problems', 'error'].includes(document.getElementById('result').dataset.state), null, { timeout: 120_000 });
    return tab.evaluate(() => ({ state: document.getElementById('result').dataset.state, report: window.__qinglianReport, rows: document.querySelectorAll('#problems tr').length }));
  }

  await check('the demo bundle is intact, with the counts of the Rust CLI', async () => {
    const { state, report } = await verifyFiles(join(fixtures, 'demo', 'bundle.qlb'));
    assert.equal(state, 'intact');
    assert.deepEqual(report, cli('demo/report.json'));
    const records = await tab.textContent('#summary td[data-key=records]');
    assert.equal(Number(records), report.summary.records);
    await tab.screenshot({ path: join(root, 'tests', 'artifacts', 'offline-verify-intact.png'), fullPage: false });
  });

  await check('the tampered bundle shows its problems', async () => {
    const { state, report, rows } = await verifyFiles(join(fixtures, 'tampered.qlb'));
    assert.equal(state, 'problems');
    assert.deepEqual(report, cli('tampered-report.json'));
    assert.equal(rows, Math.min(1000, report.problems.length));
    const text = await tab.textContent('#problems');
    assert.match(text, /SIGNATURE_INVALID/);
    assert.match(text, /NOT_CANONICAL/);
    await tab.screenshot({ path: join(root, 'tests', 'artifacts', 'offline-verify-problems.png'), fullPage: false });
  });

  await check('nothing was requested over the network; no errors (CSP included)', async () => {
    assert.deepEqual(attempted, []);
    assert.deepEqual(errors, []);
  });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`offline: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
