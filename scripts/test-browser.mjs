#!/usr/bin/env node
// Run the JS test files (the same ones `node --test` runs) in headless Chromium through
// playwright-core, against the browser entry points of the package. Each file gets a fresh page, so
// module state (the loaded wasm) is fresh per file, as with node --test's process per file.
//
//   node scripts/test-browser.mjs [tests/js/x.test.mjs ...]
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), QINGLIAN_SEED (forwarded as ?seed=).
// Closing line: "browser: N passed, N failed" (exit 1 on any failure or if no test ran).
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const perFileTimeoutMs = Number(process.env.QINGLIAN_BROWSER_TIMEOUT_MS ?? 120_000);

let files = process.argv.slice(2).map((f) => resolve(f));
if (files.length === 0) {
  const dir = join(root, 'tests', 'js');
  files = readdirSync(dir)
    .filter((f) => f.endsWith('.test.mjs'))
    .sort()
    .map((f) => join(dir, f));
}
if (!existsSync(executablePath)) {
  console.error(`test-browser: no Chromium at ${executablePath} (run: bash scripts/setup.sh)`);
  console.log('browser: 0 passed, 1 failed');
  process.exit(1);
}

const { url: base, close } = await serve(root);
const browser = await chromium.launch({
  executablePath,
  headless: true,
  // Playwright gives every launch a fresh temporary profile (--user-data-dir) and --no-sandbox.
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ],
});
console.log(`test-browser: ${browser.browserType().name()} ${browser.version()}, serving ${base}`);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const context = await browser.newContext();
  for (const file of files) {
    const rel = relative(root, file).split('\\').join('/');
    const page = await context.newPage();
    const logs = [];
    page.on('console', (m) => logs.push(`[console.${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => logs.push(`[pageerror] ${e.message}`));
    page.on('requestfailed', (r) => logs.push(`[requestfailed] ${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => {
      if (r.status() >= 400) logs.push(`[http ${r.status()}] ${r.url()}`);
    });
    const query = new URLSearchParams({ file: `/${rel}` });
    if (process.env.QINGLIAN_SEED) query.set('seed', process.env.QINGLIAN_SEED);
    let results;
    try {
      await page.goto(`${base}tests/js/browser/index.html?${query}`);
      await page.waitForFunction(() => window.__qinglianTests !== undefined, null, { timeout: perFileTimeoutMs });
      results = await page.evaluate(() => window.__qinglianTests);
    } catch (e) {
      results = [{ name: 'harness', ok: false, ms: 0, error: String(e?.message ?? e) }];
    }
    for (const r of results) {
      const name = `${rel} > ${r.name}`;
      if (r.skipped) {
        skipped++;
        console.log(`skip - ${name}`);
      } else if (r.ok) {
        passed++;
        console.log(`ok - ${name} (${r.ms.toFixed(0)}ms)`);
      } else {
        failed++;
        console.log(`not ok - ${name}\n${indent(r.error ?? '')}`);
      }
    }
    if (results.some((r) => !r.ok) && logs.length) console.log(indent(logs.join('\n')));
    await page.close();
  }
} finally {
  await browser.close();
  await close();
}

function indent(s) {
  return s
    .trimEnd()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

if (passed + failed === 0) failed = 1; // a run that ran nothing is a failure
console.log(`browser: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
