// A department key kept in the browser (issue 17, item 1) and joint cases (item 2), in Debian's
// Chromium with one persistent profile (so IndexedDB survives reloads, as in real use):
//   jw signs in with "keep in this browser as a non-extractable key": the seed becomes a WebCrypto
//   Ed25519 key (extractable === false) kept in IndexedDB, and signs through LogWriter.external;
//   jw starts a joint case (案件联办) with zjj participating and raises a problem in it (task_id):
//   the board shows the case with 1 problem;
//   after a reload, "continue as jw" works without the key file and reopens a rectified demo
//   problem raised by jw with a new due date; "forget this key" deletes it: after a reload, no offer.
// Screenshots: tests/artifacts/supervision-case-board.png, supervision-case-tasks.png (look at them).
import { join } from 'node:path';
import * as fixtures from './fixtures.mjs';
import { artifacts, assert, equal, launch, shot, watch } from './harness.mjs';

const CASE = 'E2E-JW-AJ-0001';
const PROBLEM = 'E2E-JW-AJ-P001';

const todayCst = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

export async function supervisionKeyTest({ server, cliReport }) {
  const keys = fixtures.demoKeys();
  const expected = cliReport();
  const board = expected.analysis?.supervision;
  assert(board, 'the demo has a supervision board');
  // a rectified problem jw raised (jw reviews it: confirm or reopen)
  const target = board.problems.find((p) => p.status === 'rectified' && p.raised_by === 'jw' && p.responsible_dept === 'zjj') ?? board.problems.find((p) => p.status === 'rectified' && p.raised_by === 'jw');
  assert(target, 'the demo has a rectified problem raised by jw');
  const project = target.project ?? expected.analysis.projects?.[0]?.project;
  const newDue = todayCst(60);

  const { context, close } = await launch();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const w = watch(page);
    const verifications = () => page.evaluate(() => Number(document.documentElement.dataset.verifications ?? '0'));
    const verified = async (fn) => {
      const before = await verifications();
      await fn();
      await page.waitForFunction((n) => Number(document.documentElement.dataset.verifications ?? '0') > n, before, { timeout: 180_000 });
      await page.waitForSelector('#verdict');
    };
    const view = async (v) => {
      await page.evaluate((x) => (location.hash = `#/${x}`), v);
      await page.waitForTimeout(500);
    };
    const submit = () => verified(() => page.click('#sd-submit'));
    const taskRow = () => page.locator(`tr[data-task="${CASE}"]`);
    const keptInDb = () =>
      page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const req = indexedDB.open('qinglian');
            req.onerror = () => reject(req.error);
            req.onsuccess = () => {
              const db = req.result;
              if (!db.objectStoreNames.contains('keys')) return resolve({ version: db.version, keys: [] });
              const all = db.transaction(['keys'], 'readonly').objectStore('keys').getAll();
              all.onsuccess = async () => {
                const out = [];
                for (const k of all.result) {
                  let exported = true;
                  try {
                    await crypto.subtle.exportKey('pkcs8', k.key);
                  } catch {
                    exported = false;
                  }
                  out.push({ log: k.log, department: k.department, publicKey: k.publicKey, keyId: k.keyId, isCryptoKey: k.key instanceof CryptoKey, extractable: k.key.extractable, algorithm: k.key.algorithm?.name, usages: [...k.key.usages], type: k.key.type, exported, fields: Object.keys(k).sort() });
                }
                db.close();
                resolve({ version: db.version, keys: out, stores: [...db.objectStoreNames] });
              };
            };
          }),
      );
    /** The page with the pinned root (kept in IndexedDB) and the demo bundle verified. */
    const loadDemo = async () => {
      await page.waitForSelector('#demo-bundle');
      await verified(() => page.click('#demo-bundle'));
      await view('supervision');
      await page.waitForSelector('#sess-kept[data-loaded="true"]', { state: 'attached' });
    };

    await page.goto(server.url);
    await page.waitForSelector('#demo-root');
    await page.click('#demo-root');
    await page.waitForSelector('#pin-root');
    await page.click('#pin-root');
    await page.waitForSelector('#replace-root');
    await loadDemo();
    equal(await page.getAttribute('#sess-kept', 'data-n'), '0', 'no key kept yet');

    // ---- a browser without WebCrypto Ed25519: a note, and the wasm signer with the seed in memory ----
    await page.evaluate(() => (crypto.subtle.importKey = () => Promise.reject(new DOMException('Ed25519 not supported', 'NotSupportedError'))));
    await page.setInputFiles('#sess-key', join(keys, 'jw.key'));
    await page.check('#sess-keep');
    await page.click('#sess-go');
    await page.waitForSelector('#sess-dept, #sess-error:not([hidden])');
    equal(await page.getAttribute('#sess-signer', 'data-signer'), 'wasm', 'without WebCrypto Ed25519 the wasm signer is used');
    equal(await page.getAttribute('#sess-note', 'data-note'), 'no-webcrypto', 'and the page says so');
    equal((await keptInDb()).keys.length, 0, 'nothing kept');
    await page.evaluate(() => delete crypto.subtle.importKey);
    await page.click('#sess-out');
    await page.waitForSelector('#sess-go');

    // ---- (a) sign in keeping the key; a joint case with zjj; a problem in it -------------------------
    await page.setInputFiles('#sess-key', join(keys, 'jw.key'));
    await page.check('#sess-keep');
    await page.click('#sess-go');
    await page.waitForSelector('#sess-dept, #sess-error:not([hidden])');
    assert(!(await page.locator('#sess-error:not([hidden])').count()), `signed in: ${await page.locator('#sess-error').innerText().catch(() => '')}`);
    equal(await page.getAttribute('#sess-signer', 'data-signer'), 'webcrypto', 'WebCrypto Ed25519 signs');
    equal(await page.getAttribute('#sess-signer', 'data-kept'), 'true', 'the key is kept in this browser');
    const db = await keptInDb();
    equal(db.keys.length, 1, 'one key kept');
    const k = db.keys[0];
    assert(k.isCryptoKey && k.extractable === false && k.algorithm === 'Ed25519' && k.type === 'private' && k.usages.join() === 'sign', `a non-extractable Ed25519 signing CryptoKey: ${JSON.stringify(k)}`);
    equal(k.exported, false, 'the browser refuses to export it');
    equal(`${k.log} ${k.department}`, 'jw/main jw', 'kept for jw/main');
    assert(/^[0-9a-f]{64}$/.test(k.publicKey) && k.keyId, 'with its public key and key id');
    assert(!k.fields.some((f) => /seed|secret|private/i.test(f)), `no seed stored: ${k.fields.join(',')}`);
    assert(db.stores.includes('root') && db.stores.includes('heads') && db.stores.includes('mine'), `earlier stores kept: ${db.stores.join(',')}`);

    await page.click('#task-new');
    await page.waitForSelector('#sup-dialog[open]');
    await page.fill('#tk-id', CASE);
    await page.fill('#tk-title', '某项目合同备案问题案件联办');
    await page.selectOption('#tk-mode', 'case');
    await page.selectOption('#tk-depts', ['zjj']);
    await page.fill('#tk-scope', '合同备案与交易平台数据比对');
    if (project) await page.fill('#tk-projects', project);
    await page.fill('#tk-start', todayCst());
    await page.fill('#tk-due', todayCst(90));
    await shot(page, 'supervision-case-form', { fullPage: false });
    await submit();
    await view('supervision');
    await taskRow().waitFor();
    equal(await taskRow().getAttribute('data-mode'), 'case', 'a joint case');
    equal(await taskRow().getAttribute('data-participants'), 'zjj', 'zjj participates');
    equal(await taskRow().getAttribute('data-problems'), '0', 'no problem yet');

    await taskRow().locator('button[data-act="raise-in-task"]').click();
    await page.waitForSelector('#sup-dialog[open]');
    equal(await page.inputValue('#rf-task'), CASE, 'the form names the case');
    await page.fill('#rf-id', PROBLEM);
    await page.selectOption('#rf-resp-dept', 'zjj');
    await page.fill('#rf-description', '合同备案信息与交易平台数据不一致，需核实');
    await page.fill('#rf-suggestion', '限期核实并更正备案信息');
    await submit();
    await view('supervision');
    await page.waitForSelector(`tr.sup-row[data-problem="${PROBLEM}"]`);
    equal(await taskRow().getAttribute('data-problems'), '1', 'the case shows 1 problem');
    await shot(page, 'supervision-case-board');
    await page.locator('#sup-tasks').screenshot({ path: join(artifacts, 'supervision-case-tasks.png') });
    const seqBefore = await page.locator('#sup-session dd:nth-of-type(2)').innerText();

    // ---- (b) reload: continue as jw without the key file, reopen a rectified problem -----------------
    await page.reload();
    await loadDemo();
    equal(await page.locator('#sess-dept').count(), 0, 'not signed in after a reload');
    equal(await page.getAttribute('#sess-kept', 'data-n'), '1', 'one kept key offered');
    assert((await page.locator('#sess-kept [data-continue="jw/main"]').innerText()).includes('jw'), 'continue as jw is offered');
    await page.click('#sess-kept [data-continue="jw/main"]');
    await page.waitForSelector('#sess-dept, #sess-error:not([hidden])');
    assert(!(await page.locator('#sess-error:not([hidden])').count()), `continued: ${await page.locator('#sess-error').innerText().catch(() => '')}`);
    assert((await page.locator('#sess-dept').innerText()).includes('jw'), 'signed in as jw without the key file');
    equal(await page.getAttribute('#sess-signer', 'data-signer'), 'webcrypto', 'still WebCrypto');
    equal(await page.locator('#sup-session dd:nth-of-type(2)').innerText(), seqBefore, 'the log continues where the lines signed here left it');
    equal(await taskRow().getAttribute('data-problems'), '1', 'the case and its problem are still on the board (lines kept in IndexedDB)');
    const row = page.locator(`tr.sup-row[data-problem="${target.problem_id}"]`);
    equal(await row.getAttribute('data-status'), 'rectified', `${target.problem_id} is rectified`);
    await row.locator('button[data-act="reopen"]').click();
    await page.waitForSelector('#sup-dialog[open]');
    await page.fill('#rv-note', '整改不到位，要求重新整改');
    await page.fill('#rv-new-due', newDue);
    await submit();
    await view('supervision');
    equal(await row.getAttribute('data-status'), 'reopened', 'reopened on the board');
    equal(await row.getAttribute('data-due'), newDue, 'with the new due date');
    equal((await keptInDb()).keys[0]?.extractable, false, 'the kept key is still non-extractable after a reload');

    // ---- (c) forget the key: after a reload nothing is offered --------------------------------------
    await page.click('#sess-forget');
    await page.waitForSelector('#sess-go');
    equal((await keptInDb()).keys.length, 0, 'the key is deleted from IndexedDB');
    await page.reload();
    await loadDemo();
    equal(await page.getAttribute('#sess-kept', 'data-n'), '0', 'no kept key after forgetting');
    equal(await page.locator('[data-continue]').count(), 0, 'no "continue as" offer');

    const csp = await page.evaluate(() => window.__cspViolations ?? []);
    equal(csp.length, 0, `CSP violations: ${csp.join('; ')}`);
    equal(w.errors.length, 0, `page errors: ${w.errors.join('; ')}`);
  } finally {
    await close();
  }
}
