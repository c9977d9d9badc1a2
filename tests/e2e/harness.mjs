// Shared pieces of the end-to-end tests: Debian's Chromium through playwright-core (never a
// downloaded browser), a fresh profile per launch, the static server, screenshots as artefacts.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const artifacts = join(root, 'tests', 'artifacts');
mkdirSync(artifacts, { recursive: true });

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--lang=zh-CN'];

/** A browser with a fresh user-data-dir (persistent context, so IndexedDB behaves as in real use). */
export async function launch({ offline = false, viewport = { width: 1400, height: 900 }, args = [] } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'qinglian-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...ARGS, ...args],
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    offline,
    acceptDownloads: true,
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

/** Start scripts/serve.mjs on a free port; resolves with its URL. */
export function serve() {
  return new Promise((resolve, reject) => {
    const port = String(18000 + Math.floor(Math.random() * 2000));
    const child = spawn(process.execPath, [join(root, 'scripts', 'serve.mjs'), '--port', port], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) resolve({ url: m[0], stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
}

/** Collect console errors, page errors, CSP violations and every request the page makes. */
export function watch(page) {
  const w = { errors: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') w.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => w.requests.push(r.url()));
  return w;
}

export async function shot(page, name, opts = {}) {
  const path = join(artifacts, `${name}.png`);
  await page.screenshot({ path, fullPage: opts.fullPage ?? true, ...opts });
  return path;
}

export function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

export function equal(a, b, message) {
  if (a !== b) throw new Error(`assertion failed: ${message}: expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`);
}

/** Run named async tests in order, print TAP-like lines, exit non-zero on failure. */
export async function run(tests) {
  let failed = 0;
  const only = process.env.E2E_ONLY;
  for (const [name, fn] of tests) {
    if (only && !name.includes(only)) continue;
    const t0 = performance.now();
    try {
      await fn();
      console.log(`ok - ${name} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failed++;
      console.log(`not ok - ${name}\n  ${String(e?.stack ?? e).split('\n').join('\n  ')}`);
    }
  }
  if (failed) {
    console.log(`${failed} failed`);
    process.exitCode = 1;
  }
}
