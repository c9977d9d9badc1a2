#!/usr/bin/env node
// End-to-end tests of the page in Debian's Chromium (playwright-core): the demo federation verified
// in the served page, a tampered bundle, the language switch, remembered heads, progress and cancel
// on a large bundle, and the single offline file from file:// with networking disabled.
// Screenshots of every main view go to tests/artifacts/ (look at them).
//
//   npm run test:e2e                 (builds the page first)
//   node tests/e2e/page.test.mjs     (uses the current build)
//   E2E_ONLY=offline node tests/e2e/page.test.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as fixtures from './fixtures.mjs';
import { artifacts, assert, equal, launch, root, run, serve, shot, watch } from './harness.mjs';
import { supervisionKeyTest } from './supervision-key.mjs';
import { supervisionTest } from './supervision.mjs';

const dist = join(root, 'www', 'dist');
const demoDir = join(dist, 'demo');
const offlineFile = join(root, 'dist', 'qinglian-offline.html');

assert(existsSync(join(dist, 'index.html')), 'www/dist is built (npm run build:www)');
assert(existsSync(join(demoDir, 'bundle.qlb')), 'the demo is in www/dist/demo');
const answerKey = existsSync(join(demoDir, 'answer-key.json')) ? JSON.parse(readFileSync(join(demoDir, 'answer-key.json'), 'utf8')) : {};

const demoBundle = join(demoDir, 'bundle.qlb');
const demoRoot = join(demoDir, 'root.json');
/** The CLI's report: the page must show the same verdict and counts. */
const cliReport = (bundle = demoBundle, extra = []) => fixtures.cliReport(bundle, demoRoot, extra);

const server = await serve();
const text = (page, sel) => page.locator(sel).first().innerText();
const num = (s) => Number(String(s).replace(/[^\d]/g, ''));

async function pinDemoRoot(page) {
  await page.click('#demo-root');
  await page.waitForSelector('#pin-root');
  const fp = (await text(page, '#root-fingerprint')).replace(/\s+/g, '');
  await page.click('#pin-root');
  await page.waitForSelector('#replace-root');
  return fp;
}

/** Verify a bundle picked from disk; resolves when this verification (not an earlier one) is shown. */
async function verifyFile(page, path) {
  const before = await page.evaluate(() => Number(document.documentElement.dataset.verifications ?? '0'));
  await page.setInputFiles('#bundle-file', path);
  await page.waitForFunction((n) => Number(document.documentElement.dataset.verifications ?? '0') > n, before, { timeout: 240_000 });
  await page.waitForSelector('#verdict');
}

async function noViolations(page, w) {
  const csp = await page.evaluate(() => window.__cspViolations ?? []);
  equal(csp.length, 0, `CSP violations: ${csp.join('; ')}`);
  equal(w.errors.length, 0, `page errors: ${w.errors.join('; ')}`);
}

/** The last verification ran on the signature workers the page starts: one fewer than the cores, at most 3. */
async function signatureWorkersUsed(page, what) {
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const helpers = await page.evaluate(() => Number(document.documentElement.dataset.signatureWorkers));
  equal(helpers, Math.max(0, Math.min(3, cores - 1)), what);
  return helpers;
}

async function view(page, name) {
  await page.evaluate((v) => (location.hash = `#/${v}`), name);
  await page.waitForTimeout(700); // charts draw synchronously after the route; give layout a moment
}

await run([
  [
    'demo: pin the root, verify the bundle, counts match the core, a known case with its evidence',
    async () => {
      const { context, close } = await launch();
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        const w = watch(page);
        await page.goto(server.url);
        await page.waitForSelector('#demo-root');
        await shot(page, 'trust-empty-zh');
        const fp = await pinDemoRoot(page);
        const rootLine = readFileSync(join(demoDir, 'root.json'), 'utf8');
        const expected = cliReport();
        equal(fp, expected.root.chain[0], 'the fingerprint shown is the pinned root');
        await shot(page, 'trust-pinned-zh');
        await page.click('#demo-bundle');
        await page.waitForSelector('#verdict', { timeout: 120_000 });
        await page.waitForTimeout(400);
        await shot(page, 'overview-zh');

        // the verdict and the counts are the core's
        const s = expected.summary;
        assert(s.intact, 'the demo verifies intact with the CLI');
        equal(await text(page, '#verdict-title'), '数据真实完整', 'verdict title');
        const stats = await page.locator('#summary-stats .stat .v').allInnerTexts();
        equal(num(stats[0]), s.verified, 'verified statements');
        equal(num(stats[1]), s.records, 'records');
        const findings = expected.analysis?.findings ?? [];
        if (expected.analysis) {
          for (const sev of ['high', 'medium', 'low']) {
            equal(num(await text(page, `#count-${sev} .n`)), findings.filter((f) => f.severity === sev).length, `${sev} findings`);
          }
        }
        equal(await page.locator('#logs tbody tr').count(), expected.logs.length, 'one row per log');

        // the bundle carries a newer root chaining from the pinned one: pinned after confirmation
        if (expected.root.chain.length > 1) {
          await page.waitForSelector('#pin-newer');
          await shot(page, 'newer-root-zh', { fullPage: false });
          await page.click('#pin-newer');
          await page.waitForFunction((v) => document.querySelector('.notice.info')?.textContent?.includes(`版本 ${v}`), expected.root.version);
          const pinned = await page.evaluate(
            () =>
              new Promise((resolve) => {
                const req = indexedDB.open('qinglian');
                req.onsuccess = () => {
                  const g = req.result.transaction('root').objectStore('root').get('pinned');
                  g.onsuccess = () => resolve(g.result);
                };
              }),
          );
          equal(pinned.fingerprint, expected.root.fingerprint, 'the newer root is pinned');
        }

        // every main view renders; keep a screenshot of each
        for (const v of ['projects', 'findings', 'graph', 'integrity']) {
          await view(page, v);
          await shot(page, `${v}-zh`);
        }

        // the co-bidding graph: a link opens its tenders (through the keyboard-usable table of links)
        const graph = expected.analysis?.graph;
        if (graph?.edges?.length) {
          await view(page, 'graph');
          await page.click('#graph-table summary');
          await page.locator('#graph-table tbody tr').first().click();
          await page.waitForSelector('#graph-tenders li');
          assert((await page.locator('#graph-tenders li').count()) > 0, 'a link lists its tenders');
          await shot(page, 'graph-edge-zh', { fullPage: false });
        }

        // a known injected case from the demo's answer key appears, with its evidence
        const cases = answerKey.cases ?? [];
        const known = cases.find((c) => findings.some((f) => f.check === c.check && (!c.project || f.project === c.project))) ?? (findings[0] ? { check: findings[0].check, project: findings[0].project } : null);
        if (known) {
          await view(page, `findings?check=${encodeURIComponent(known.check)}${known.project ? `&proj=${encodeURIComponent(known.project)}` : ''}`);
          const rows = page.locator('tr.finding');
          assert((await rows.count()) > 0, `finding ${known.check} is listed`);
          await rows.first().click();
          await page.waitForSelector('#evidence[open]');
          const ev = await text(page, '#evidence');
          assert(ev.includes(known.check), 'evidence names the check');
          assert((await page.locator('#ev-records tr.ev-record').count()) > 0, 'evidence lists the records');
          await shot(page, 'evidence-zh', { fullPage: false });
          // open the first record: its raw line comes from the bundle
          await page.locator('#ev-records button.rec').first().click();
          await page.waitForFunction(() => document.querySelector('#ev-raw')?.textContent?.includes('{'));
          await shot(page, 'record-zh', { fullPage: false });
          await page.keyboard.press('Escape');
          if (known.project) {
            await view(page, `project/${encodeURIComponent(known.project)}`);
            await page.waitForSelector('#project-title');
            await page.waitForTimeout(500);
            await shot(page, 'project-zh');
          }
        }

        // export: CSV with every finding, JSON with the bundle hash
        await view(page, 'overview');
        await page.click('#export-menu summary');
        const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
        const csvText = readFileSync(await csv.path(), 'utf8');
        equal(csvText.trim().split('\r\n').length, findings.length + 1, 'CSV has a header and one line per finding');
        await page.click('#export-menu summary');
        const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
        const exported = JSON.parse(readFileSync(await json.path(), 'utf8'));
        equal(exported.findings.length, findings.length, 'JSON has every finding');
        equal(exported.root.fingerprint, expected.root.fingerprint, 'JSON names the root');
        assert(/^[0-9a-f]{64}$/.test(exported.bundle.sha256), 'JSON carries the bundle SHA-256');

        // printable A4 report
        await page.pdf({ path: join(artifacts, 'report-zh.pdf'), format: 'A4', printBackground: true });
        // the print layout at the width of an A4 page (210 mm at 96 dpi, less the margins)
        await page.setViewportSize({ width: 690, height: 980 });
        await page.emulateMedia({ media: 'print' });
        await shot(page, 'print-zh');
        await page.emulateMedia({ media: 'screen' });
        await page.setViewportSize({ width: 1400, height: 900 });
        const printed = await page.locator('#print-root').innerText();
        assert(printed.includes(exported.bundle.sha256.slice(0, 4)), 'print shows the bundle hash');
        assert(printed.replace(/\s/g, '').includes(expected.root.fingerprint), 'print shows the root fingerprint');
        assert(rootLine.length > 0, 'root file read');
        await noViolations(page, w);
        const outside = w.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('blob:') && !u.startsWith('data:'));
        equal(outside.length, 0, `requests leaving the origin: ${outside.join(', ')}`);
      } finally {
        await close();
      }
    },
  ],
  [
    'language: Chinese by default, English one click away, and back',
    async () => {
      const { context, close } = await launch();
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        const w = watch(page);
        await page.goto(server.url);
        await page.waitForSelector('#demo-root');
        equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN', 'Chinese by default');
        await pinDemoRoot(page);
        await page.click('#demo-bundle');
        await page.waitForSelector('#verdict', { timeout: 120_000 });
        await page.click('#lang');
        await page.waitForFunction(() => document.documentElement.lang === 'en');
        equal(await text(page, '#verdict-title'), 'Data authentic and intact', 'English verdict');
        assert((await text(page, 'nav.tabs')).includes('Findings'), 'English tabs');
        await shot(page, 'overview-en');
        for (const v of ['findings', 'graph']) {
          await view(page, v);
          await shot(page, `${v}-en`);
        }
        await page.reload();
        await page.waitForSelector('#lang');
        equal(await page.evaluate(() => document.documentElement.lang), 'en', 'the choice is remembered');
        await page.click('#lang');
        await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
        equal(await text(page, '#lang'), 'English', 'switch back to Chinese');
        await noViolations(page, w);
      } finally {
        await close();
      }
    },
  ],
  [
    'keyboard: pin the demo root, verify, open a finding and close it without a mouse',
    async () => {
      const { context, close } = await launch();
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        const w = watch(page);
        await page.goto(server.url);
        await page.waitForSelector('#demo-root');
        const tabTo = async (pred, max = 40) => {
          for (let k = 0; k < max; k++) {
            await page.keyboard.press('Tab');
            if (await page.evaluate(pred)) return;
          }
          throw new Error(`focus never reached: ${pred}`);
        };
        await tabTo(() => document.activeElement?.id === 'demo-root');
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.activeElement?.id === 'pin-root');
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.activeElement?.id === 'demo-bundle');
        await page.keyboard.press('Enter');
        await page.waitForSelector('#verdict', { timeout: 120_000 });
        await page.waitForFunction(() => document.activeElement?.id === 'verdict');
        await tabTo(() => document.activeElement?.getAttribute('data-view') === 'findings');
        await page.keyboard.press('Enter');
        await page.waitForSelector('tr.finding');
        await tabTo(() => document.activeElement?.classList.contains('finding') ?? false, 80);
        await page.keyboard.press('Enter');
        await page.waitForSelector('#evidence[open]');
        equal(await page.evaluate(() => document.activeElement?.id), 'ev-close', 'focus moves into the evidence dialog');
        await shot(page, 'keyboard-evidence-zh', { fullPage: false });
        await page.keyboard.press('Escape');
        await page.waitForSelector('#evidence:not([open])', { state: 'attached' });
        await noViolations(page, w);
      } finally {
        await close();
      }
    },
  ],
  [
    'tampered bundle: the integrity error is shown with its line',
    async () => {
      const { path: tampered, line } = fixtures.tampered(demoBundle);
      const expected = cliReport(tampered);
      assert(!expected.summary.intact, 'the CLI rejects the tampered bundle too');
      const { context, close } = await launch();
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        const w = watch(page);
        await page.goto(server.url);
        await page.waitForSelector('#demo-root');
        await pinDemoRoot(page);
        await verifyFile(page, tampered);
        equal(await text(page, '#verdict-title'), '发现完整性问题', 'integrity verdict');
        const codes = await page.locator('#problems-by-code code').allInnerTexts();
        assert(codes.includes('SIGNATURE_INVALID'), `SIGNATURE_INVALID listed (${codes.join(', ')})`);
        await shot(page, 'tampered-overview-zh');
        await view(page, 'integrity?code=SIGNATURE_INVALID');
        const row = await text(page, '#problems tbody tr');
        assert(row.replace(/,/g, '').startsWith(String(line)), `the problem names line ${line}: ${row}`);
        await shot(page, 'tampered-integrity-zh');
        await noViolations(page, w);
      } finally {
        await close();
      }
    },
  ],
  [
    'remembered heads: a later bundle that rewrites a verified head is flagged',
    async () => {
      const fork = fixtures.rewritten(demoBundle, demoRoot);
      const { context, close } = await launch();
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        const w = watch(page);
        await page.goto(server.url);
        await page.waitForSelector('#demo-root');
        await pinDemoRoot(page);
        await page.click('#demo-bundle');
        await page.waitForSelector('#verdict', { timeout: 120_000 });
        // a second bundle whose fgw/main head differs from the one just verified
        await verifyFile(page, fork);
        await page.waitForSelector('.rewritten');
        equal(await text(page, '#verdict-title'), '发现完整性问题', 'integrity verdict');
        assert((await text(page, '.rewritten')).includes('fgw/main'), 'the rewritten log is named');
        await shot(page, 'rewritten-zh');
        await noViolations(page, w);
      } finally {
        await close();
      }
    },
  ],
  [
    'large bundle: progress with records, rate and time left; the page stays responsive; cancel',
    async () => {
      const { bundle: big } = fixtures.large(100_000);
      const { context, close } = await launch();
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        const w = watch(page);
        await page.goto(server.url);
        await page.waitForSelector('#demo-root');
        await pinDemoRoot(page);
        await page.setInputFiles('#bundle-file', big);
        await page.waitForSelector('#progress');
        await page.waitForFunction(() => /\d/.test(document.querySelector('#progress-stats')?.textContent ?? '') && !document.querySelector('#progress-stats')?.textContent?.includes('…'), null, { timeout: 60_000 });
        const stats = await text(page, '#progress-stats');
        assert(/条\/秒/.test(stats) && /剩余/.test(stats), `progress shows rate and time left: ${stats}`);
        // responsiveness: the main thread answers within 200 ms while the worker verifies
        const lags = [];
        for (let k = 0; k < 5; k++) {
          const t0 = Date.now();
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
          lags.push(Date.now() - t0);
          await page.waitForTimeout(100);
        }
        assert(Math.max(...lags) < 400, `main thread stays responsive (frame lags ${lags.join(', ')} ms)`);
        await shot(page, 'progress-zh', { fullPage: false });
        await page.click('#cancel');
        await page.waitForSelector('.notice.info');
        equal(await page.locator('#progress').count(), 0, 'progress gone after cancel');
        // and a full run of the same bundle completes
        await verifyFile(page, big);
        const s = await page.locator('#summary-stats .stat .v').allInnerTexts();
        assert(num(s[1]) >= 100_000, `100k records verified (${s[1]})`);
        const helpers = await signatureWorkersUsed(page, 'signature workers used');
        if (helpers > 0) assert((await text(page, '.notice.info')).includes('个线程并行'), 'the notice says how many threads verified');
        // …and the report is the core's: the same counts as the CLI on this bundle.
        equal(num(s[1]), cliReport(big, ['--no-checks']).summary.records, 'records as the CLI counts them');
        await shot(page, 'big-overview-zh', { fullPage: false });
        await noViolations(page, w);
      } finally {
        await close();
      }
    },
  ],
  [
    'offline file: from file:// with networking disabled, nothing leaves the page',
    async () => {
      assert(existsSync(offlineFile), 'dist/qinglian-offline.html is built');
      const { context, close } = await launch({ offline: true });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        const w = watch(page);
        const blocked = [];
        await context.route('**/*', (r) => {
          const u = r.request().url();
          if (u.startsWith('file:') || u.startsWith('data:') || u.startsWith('blob:')) return r.continue();
          blocked.push(u);
          return r.abort();
        });
        await page.goto(pathToFileURL(offlineFile).href);
        await page.waitForSelector('#root-file', { state: 'attached' });
        await page.setInputFiles('#root-file', join(demoDir, 'root.json'));
        await page.waitForSelector('#pin-root');
        await page.click('#pin-root');
        await page.waitForSelector('#replace-root');
        // a gzip bundle this time: the core reads .qlb.gz the same way
        await verifyFile(page, fixtures.gzipped(demoBundle));
        equal(await text(page, '#verdict-title'), '数据真实完整', 'verifies offline');
        // The page starts the signature workers from file:// too (workers cannot start workers there).
        await signatureWorkersUsed(page, 'signature workers used offline');
        await shot(page, 'offline-overview-zh');
        await view(page, 'findings');
        await shot(page, 'offline-findings-zh', { fullPage: false });
        // the raw record is read back from the (decompressed) bundle
        await page.locator('tr.finding').first().click();
        await page.locator('#ev-records button.rec').first().click();
        await page.waitForFunction(() => document.querySelector('#ev-raw')?.textContent?.includes('"sigs"'));
        await shot(page, 'offline-record-zh', { fullPage: false });
        equal(blocked.length, 0, `requests attempted: ${blocked.join(', ')}`);
        const other = w.requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('blob:'));
        equal(other.length, 0, `non-local requests: ${other.join(', ')}`);
        await noViolations(page, w);
      } finally {
        await close();
      }
    },
  ],
  [
    'import page: tables read and checked in the browser by a module the verifier page never loads',
    async () => {
      const { context, close } = await launch();
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        const w = watch(page);
        await page.goto(server.url);
        await page.waitForSelector('#import-link');
        await page.click('#import-link');
        await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60_000 });
        const byPage = (name) => w.requests.filter((u) => u.endsWith(name)).length;
        equal(byPage('qinglian-import.wasm'), 1, 'the import page fetched the import module once');
        const imported = async (path) => {
          const before = await page.evaluate(() => Number(document.documentElement.dataset.imports ?? '0'));
          await page.setInputFiles('#imp-files', path);
          await page.waitForFunction((n) => Number(document.documentElement.dataset.imports ?? '0') > n, before, { timeout: 60_000 });
        };
        const fixture = (name) => join(root, 'tests', 'fixtures', 'import', name);

        await imported(fixture('tender-and-bids.xlsx'));
        equal(await page.getAttribute('#imp-verdict', 'data-ok'), 'true', 'the workbook is clean');
        assert((await text(page, '#imp-verdict')).includes('3 条新记录'), 'three new records to sign');
        assert((await text(page, '#imp-sheets')).includes('tender'), 'the sheet kinds are detected');
        equal(await page.locator('#imp-rows tbody tr').count(), 3, 'a preview row per record');

        // Sign in the page with a key file the CLI encrypted (age), then the grown log verifies in the CLI.
        const keyDir = join(fixtures.work, 'import-sign');
        rmSync(keyDir, { recursive: true, force: true });
        mkdirSync(keyDir, { recursive: true });
        const pass = { ...process.env, QINGLIAN_PASSPHRASE: '页面签名口令' };
        execFileSync(fixtures.cli, ['keygen', '--department', 'jyzx', '--out', join(keyDir, 'jyzx.key'), '--work-factor', '10'], { env: pass, stdio: 'ignore' });
        execFileSync(fixtures.cli, ['keygen', '--department', 'fgw', '--out', join(keyDir, 'fgw.key'), '--work-factor', '10'], { env: pass, stdio: 'ignore' });
        const signWith = async (keyFile, passphrase) => {
          await page.setInputFiles('#imp-key', keyFile);
          await page.fill('#imp-pass', passphrase);
          await page.click('#imp-sign-btn');
          await page.waitForSelector('#imp-signed, #imp-sign-error', { timeout: 60_000 });
        };
        await signWith(join(keyDir, 'jyzx.key'), 'wrong');
        assert((await text(page, '#imp-sign-error')).includes('KEY_FILE_PASSPHRASE'), 'a wrong passphrase is refused with its code');
        await signWith(join(keyDir, 'fgw.key'), '页面签名口令');
        assert((await text(page, '#imp-sign-error')).includes('KEY_WRONG_DEPARTMENT'), "another department's key is refused");
        await signWith(join(keyDir, 'jyzx.key'), '页面签名口令');
        equal(await page.getAttribute('#imp-signed', 'data-n'), '3', 'three records signed in the browser');
        const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#imp-dl-log')]);
        const grown = join(keyDir, 'jyzx-main.qlog');
        await dl.saveAs(grown);
        const lines = readFileSync(grown, 'utf8').trim().split('\n');
        equal(lines.length, 3, 'the grown log holds the three new records');
        // The CLI re-imports the same workbook against the page's log: nothing new (same bodies, same refs).
        const again = JSON.parse(execFileSync(fixtures.cli, ['import', '--key', join(keyDir, 'jyzx.key'), '--log', 'jyzx/main', '--file', grown, '--dry-run', '--json', fixture('tender-and-bids.xlsx')], { env: pass, encoding: 'utf8' }));
        equal(again.new, 0, 'the CLI finds every row already signed by the page');
        equal(again.unchanged, 3, 'and all three unchanged');

        await imported(fixture('bids-gbk.csv'));
        equal(await page.getAttribute('#imp-verdict', 'data-ok'), 'false', 'the GBK table has problems');
        const problems = await text(page, '#imp-problems');
        for (const [where, code] of [['bids-gbk!C5', 'CELL_FORMAT'], ['bids-gbk!D6', 'CELL_PRECISION'], ['bids-gbk!E6', 'CELL_TYPE'], ['bids-gbk!G6', 'CELL_REQUIRED'], ['bids-gbk!A3', 'ROW_DUPLICATE']]) {
          assert(problems.includes(where) && problems.includes(code), `${where} ${code} is listed`);
        }
        assert(problems.includes('第 18 位应为“U”'), 'reasons in Chinese by default');
        equal(await page.locator('#imp-sign').count(), 0, 'nothing to sign');
        await shot(page, 'import');
        await page.click('#lang');
        assert((await text(page, '#imp-problems')).includes("should be 'U'"), 'and in English one click away');
        await noViolations(page, w);

        await page.goto(server.url);
        await page.waitForSelector('#import-link');
        equal(byPage('qinglian-import.wasm'), 1, 'the verifier page does not load the import module');
        const other = w.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
        equal(other.length, 0, `only same-origin requests: ${other.join(', ')}`);
        await noViolations(page, w);
      } finally {
        await close();
      }
    },
  ],
  [
    'supervision: jw raises from a finding, zjj rectifies, jw confirms, through segments; board and bulletin; stale head, wrong key, wrong side',
    () => supervisionTest({ server, demoBundle, demoRoot, offlineFile, cliReport }),
  ],
  [
    'supervision-key: jw keeps its key as a non-extractable WebCrypto key, starts a joint case with zjj and raises in it; after a reload continues without the key file and reopens; forgets the key',
    () => supervisionKeyTest({ server, cliReport }),
  ],
  [
    'benchmark page: the bench rows a browser can run, measured in one run, with ratios and targets',
    async () => {
      const { context, close } = await launch();
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        const w = watch(page);
        const violations = [];
        page.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
        });
        await page.goto(server.url);
        await page.click('#bench-link');
        await page.waitForSelector('#bench-run');
        equal(await page.evaluate(() => document.documentElement.dataset.bench ?? 'idle'), 'idle', 'the main page links to the benchmark, which waits for the user');
        await page.goto(`${server.url}bench.html?signatures=48&rounds=1&sha=1&auto=1`);
        await page.waitForFunction(() => ['done', 'failed'].includes(document.documentElement.dataset.bench ?? ''), null, { timeout: 240_000 });
        const status = await text(page, '#bench-status');
        equal(await page.evaluate(() => document.documentElement.dataset.bench), 'done', `the bench finished (${status})`);
        const out = await text(page, '#bench-output');
        for (const row of ['qinglian wasm, verify_strict', 'qinglian wasm, fast path', "WebCrypto crypto.subtle.verify('Ed25519')", 'libsodium-wrappers', '@noble/ed25519', 'qinglian wasm sha256', 'hash-wasm sha256', 'wasm core, + 1 signature Web Worker', 'gzip']) {
          assert(out.includes(row), `the output has the row "${row}"`);
        }
        assert(!out.includes('error:'), `no row failed:\n${out}`);
        const results = await page.evaluate(() => window.__benchResults);
        for (const suite of results.signatures) {
          for (const r of suite.rows) {
            assert(r.ok && r.rate > 0, `${r.label} verified every signature (${suite.keys} keys)`);
          }
        }
        assert(results.sha256.rows.every((r) => r.ok), 'every SHA-256 implementation agrees on the digest');
        const expected = cliReport();
        equal(results.e2e.records, expected.summary.records, 'end to end verified the demo bundle in full');
        assert(results.e2e.intact, 'the demo bundle is intact in both end-to-end rows');
        assert(results.e2e.ratio > 0, 'a ratio between the two end-to-end rows');
        equal(results.targets.length, 6, 'four signature targets and two end-to-end targets');
        assert(results.targets.every(([, , verdict]) => /^(pass|FAIL|n\/a)/.test(verdict)), 'each target is judged');
        assert(results.targets.slice(4).every(([, , verdict]) => verdict === 'n/a (small bundle)'), 'the demo bundle is too small to judge the end-to-end targets');
        assert(/\d\.\d\d×/.test(out), 'ratios are printed');
        equal(await page.evaluate(() => document.querySelector('#bench-progress').value === document.querySelector('#bench-progress').max), true, 'the progress bar is full');
        const other = w.requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:'));
        equal(other.length, 0, `only same-origin requests: ${other.join(', ')}`);
        equal(violations.length, 0, `CSP violations: ${violations.join('; ')}`);
        equal(w.errors.length, 0, `page errors: ${w.errors.join('; ')}`);
        await shot(page, 'bench');
      } finally {
        await close();
      }
    },
  ],
]);

server.stop();
