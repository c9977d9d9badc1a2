// Joint supervision end to end (issue 17), in Debian's Chromium with separate browser profiles as
// separate departments, exchanging segments as files (no server between them):
//   jw (纪委) raises a problem from a demo finding against zjj (住建局) and exports its segment;
//   zjj loads the demo bundle + that segment, sees the problem, rectifies, exports its segment;
//   jw loads both segments and confirms; the board's counts and the monthly bulletin follow.
// Refusals: another department's key for the chosen log (KEY_WRONG_DEPARTMENT), a stale head after a
// segment advanced the writer's log (HEAD_STALE), a rectification by the wrong side (finding SUP-02).
// Screenshots of the board and the bulletin go to tests/artifacts/ (look at them).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as fixtures from './fixtures.mjs';
import { assert, equal, launch, shot, watch } from './harness.mjs';

const PROBLEM = 'E2E-JW-0001';

/** Today in China Standard Time, as the page writes record dates. */
const todayCst = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export async function supervisionTest({ server, demoBundle, demoRoot, offlineFile, cliReport }) {
  const keys = fixtures.demoKeys();
  const key = (d) => join(keys, `${d}.key`);
  const expected = cliReport();
  const findings = expected.analysis?.findings ?? [];
  // a demo finding on a project whose evidence includes a zjj record (the housing bureau answers it)
  const finding = findings.find((f) => f.project && f.evidence?.some((e) => e.log === 'zjj/main')) ?? findings.find((f) => f.project);
  assert(finding, 'the demo has a finding with a project');
  const work = join(fixtures.work, 'supervision');
  const seg = (n) => join(work, n);
  mkdirSync(work, { recursive: true });

  const open = async () => {
    const { context, close } = await launch();
    const page = context.pages()[0] ?? (await context.newPage());
    const w = watch(page);
    await page.goto(server.url);
    await page.waitForSelector('#demo-root');
    await page.click('#demo-root');
    await page.waitForSelector('#pin-root');
    await page.click('#pin-root');
    await page.waitForSelector('#replace-root');
    return { page, w, close };
  };
  const verifications = (page) => page.evaluate(() => Number(document.documentElement.dataset.verifications ?? '0'));
  /** Run `fn` and wait for the verification it starts to be shown. */
  const verified = async (page, fn) => {
    const before = await verifications(page);
    await fn();
    await page.waitForFunction((n) => Number(document.documentElement.dataset.verifications ?? '0') > n, before, { timeout: 180_000 });
    await page.waitForSelector('#verdict');
  };
  const view = async (page, v) => {
    await page.evaluate((x) => (location.hash = `#/${x}`), v);
    await page.waitForTimeout(500);
  };
  const signIn = async (page, dept, log = '') => {
    await view(page, 'supervision');
    await page.setInputFiles('#sess-key', key(dept));
    await page.fill('#sess-log', log);
    await page.click('#sess-go');
    await page.waitForSelector('#sess-dept, #sess-error:not([hidden])');
  };
  const signOut = async (page) => {
    if (await page.locator('#sess-out').count()) await page.click('#sess-out');
    await page.waitForSelector('#sess-go');
  };
  const count = async (page, id) => Number(await page.getAttribute(`#${id}`, 'data-n'));
  const row = (page) => page.locator(`tr.sup-row[data-problem="${PROBLEM}"]`);
  const status = (page) => row(page).getAttribute('data-status');
  const exportSegment = async (page, name) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#seg-export')]);
    await dl.saveAs(seg(name));
    return seg(name);
  };
  /** Submit the open form; resolves once the re-verification after signing is shown. */
  const submit = (page) => verified(page, () => page.click('#sd-submit'));
  const bulletin = async (page, kind) => {
    await view(page, 'supervision');
    await page.fill('#bl-end', todayCst());
    await page.click(`#bl-${kind}`);
    await page.waitForSelector('#bulletin[data-kind], #bl-error', { timeout: 60_000 });
    const err = await page.locator('#bl-error').count();
    assert(!err, `the bulletin is generated: ${err ? await page.locator('#bl-error').innerText() : ''}`);
    return page.evaluate(() => ({ ...document.querySelector('#bulletin').dataset, text: document.querySelector('#bulletin').innerText }));
  };

  // ---- jw raises a problem from a finding ----------------------------------------------------------
  const jw = await open();
  let segJw;
  let before;
  try {
    await verified(jw.page, () => jw.page.click('#demo-bundle'));
    // wrong department: a zjj key for jw's log is refused with its code
    await signIn(jw.page, 'zjj', 'jw/main');
    const wrong = await jw.page.locator('#sess-error').innerText();
    assert(wrong.includes('KEY_WRONG_DEPARTMENT'), `another department's key is refused: ${wrong}`);
    await signIn(jw.page, 'jw');
    assert((await jw.page.locator('#sess-dept').innerText()).includes('jw'), 'signed in as jw');
    before = { found: await count(jw.page, 'sup-found'), rectified: await count(jw.page, 'sup-rectified'), confirmed: await count(jw.page, 'sup-confirmed') };
    await view(jw.page, `findings?check=${encodeURIComponent(finding.check)}&proj=${encodeURIComponent(finding.project)}`);
    await jw.page.locator(`button.raise[data-raise="${finding.id}"]`).first().click();
    await jw.page.waitForSelector('#sup-dialog[open]');
    equal(await jw.page.inputValue('#rf-check'), finding.check, 'the form names the check');
    equal(await jw.page.inputValue('#rf-project'), finding.project, 'the form names the project');
    assert((await jw.page.inputValue('#rf-refs')).includes(finding.evidence[0].id), 'the evidence records are the refs');
    await jw.page.fill('#rf-id', PROBLEM);
    await jw.page.selectOption('#rf-resp-dept', 'zjj');
    await jw.page.fill('#rf-suggestion', '限期完成整改并报送整改材料');
    await shot(jw.page, 'supervision-raise-form', { fullPage: false });
    await submit(jw.page);
    await view(jw.page, 'supervision');
    await jw.page.waitForSelector(`tr.sup-row[data-problem="${PROBLEM}"]`);
    equal(await count(jw.page, 'sup-found'), before.found + 1, 'found + 1 on the raiser’s board');
    segJw = await exportSegment(jw.page, 'jw-1.qlb');
    equal(await jw.page.getAttribute('#seg-mine', 'data-fresh'), '0', 'nothing left to export');
    before.bulletin = await bulletin(jw.page, 'monthly');
    assert(before.bulletin.text.includes(PROBLEM), 'the monthly bulletin lists the new problem');

    // ---- zjj loads bundle + segment, rectifies -------------------------------------------------------
    const zjj = await open();
    let segZjj;
    try {
      await verified(zjj.page, () => zjj.page.setInputFiles('#bundle-file', [demoBundle, segJw]));
      await signIn(zjj.page, 'zjj');
      await zjj.page.waitForSelector(`tr.sup-row[data-problem="${PROBLEM}"]`);
      equal(await status(zjj.page), 'open', 'zjj sees the problem raised against it, open');
      await row(zjj.page).locator('button[data-act="rectify"]').click();
      await zjj.page.waitForSelector('#sup-dialog[open]');
      await zjj.page.fill('#rc-description', '已按要求完成整改，补充完善相关手续');
      writeFileSync(seg('rectification-evidence.txt'), '整改佐证材料\n');
      await zjj.page.setInputFiles('#rc-file', seg('rectification-evidence.txt'));
      await zjj.page.waitForFunction(() => /^SHA-256 [0-9a-f]{64}$/.test(document.querySelector('#rc-hash')?.textContent ?? ''));
      await submit(zjj.page);
      await view(zjj.page, 'supervision');
      equal(await status(zjj.page), 'rectified', 'rectified on zjj’s board');
      segZjj = await exportSegment(zjj.page, 'zjj-1.qlb');
      await noErrors(zjj);
    } finally {
      await zjj.close();
    }

    // ---- jw loads both segments and confirms ---------------------------------------------------------
    await view(jw.page, 'supervision');
    await verified(jw.page, () => jw.page.setInputFiles('#sup-seg-file', [segJw, segZjj]));
    await view(jw.page, 'supervision');
    equal(await status(jw.page), 'rectified', 'jw sees the rectification');
    equal(await count(jw.page, 'sup-rectified'), before.rectified + 1, 'rectified + 1');
    await row(jw.page).locator('button[data-act="confirm"]').click();
    await jw.page.waitForSelector('#sup-dialog[open]');
    await jw.page.fill('#rv-note', '经复核，整改到位');
    await submit(jw.page);
    await view(jw.page, 'supervision');
    equal(await status(jw.page), 'confirmed', 'confirmed');
    equal(await count(jw.page, 'sup-confirmed'), before.confirmed + 1, 'confirmed + 1');
    await row(jw.page).locator('td').first().click();
    await jw.page.waitForTimeout(300);
    const history = await jw.page.locator(`tr.sup-detail[data-problem="${PROBLEM}"] ol.history li`).evaluateAll((ls) => ls.map((l) => l.dataset.kind));
    equal(history.join(','), 'problem,rectification,rectification_review', 'the history: problem → rectification → review');
    await shot(jw.page, 'supervision-board-zh');
    const after = await bulletin(jw.page, 'monthly');
    equal(Number(after.confirmed), Number(before.bulletin.confirmed) + 1, 'the monthly bulletin counts one more confirmation');
    equal(Number(after.rectified), Number(before.bulletin.rectified) + 1, 'and one more rectification');
    await jw.page.waitForTimeout(300);
    await shot(jw.page, 'supervision-bulletin-monthly-zh');
    // what printing shows: only the bulletin (its copy outside the app), at the width of an A4 page
    await jw.page.evaluate(() => (window.print = () => {}));
    await jw.page.click('#bl-print');
    await jw.page.setViewportSize({ width: 690, height: 980 });
    await jw.page.emulateMedia({ media: 'print' });
    const printed = await jw.page.locator('#print-bulletin').innerText();
    assert(printed.includes(PROBLEM) && !(await jw.page.locator('#print-root').isVisible()), 'print shows the bulletin, not the report');
    await shot(jw.page, 'supervision-bulletin-print-zh');
    await jw.page.emulateMedia({ media: 'screen' });
    await jw.page.setViewportSize({ width: 1400, height: 900 });
    await jw.page.evaluate(() => document.body.classList.remove('print-bulletin'));
    const [csv] = await Promise.all([jw.page.waitForEvent('download'), jw.page.click('#bl-csv')]);
    const csvText = readFileSync(await csv.path(), 'utf8');
    assert(csvText.startsWith('\ufeff') && csvText.includes(PROBLEM), 'the CSV (UTF-8 with BOM) lists the problem');
    await bulletin(jw.page, 'weekly');
    await shot(jw.page, 'supervision-bulletin-weekly-zh');
    // English one click away: the board and the bulletin (the core writes the bulletin in English too)
    await jw.page.click('#lang');
    await jw.page.waitForFunction(() => document.documentElement.lang === 'en');
    const en = await bulletin(jw.page, 'monthly');
    assert(/[A-Za-z]/.test(en.text) && en.text.includes('To:'), 'the bulletin in English');
    await view(jw.page, 'supervision');
    assert((await jw.page.locator('#sup-title').innerText()).startsWith('Joint supervision'), 'the board in English');
    await shot(jw.page, 'supervision-board-en');
    await jw.page.click('#lang');
    await noErrors(jw);
  } finally {
    await jw.close();
  }

  // ---- a stale head, then the wrong side rectifying --------------------------------------------------
  const third = await open();
  try {
    const { page } = third;
    await verified(page, () => page.setInputFiles('#bundle-file', [demoBundle, segJw]));
    await signIn(page, 'zjj');
    // zjj's own log advances in a segment loaded after the writer was created: signing would fork it
    await verified(page, () => page.setInputFiles('#sup-seg-file', [seg('zjj-1.qlb')]));
    await view(page, 'supervision');
    await row(page).locator('td').first().click();
    await page.locator(`tr.sup-detail[data-problem="${PROBLEM}"] button[data-act="rectify-any"]`).click();
    await page.waitForSelector('#sup-dialog[open]');
    await page.fill('#rc-description', '再次整改');
    await page.click('#sd-submit');
    await page.waitForSelector('#sd-error:not([hidden])');
    const stale = await page.locator('#sd-error').innerText();
    assert(stale.includes('HEAD_STALE'), `a stale head is refused: ${stale}`);
    await shot(page, 'supervision-head-stale', { fullPage: false });
    await page.keyboard.press('Escape');

    // fgw (allowed to sign rectifications, but not responsible for this problem): the core reports SUP-02
    await signOut(page);
    await signIn(page, 'fgw');
    await row(page).locator('td').first().click();
    await page.locator(`tr.sup-detail[data-problem="${PROBLEM}"] button[data-act="rectify-any"]`).click();
    await page.waitForSelector('#sup-dialog[open]');
    await page.fill('#rc-description', '由非责任部门提交的整改');
    await submit(page);
    await view(page, 'supervision');
    await page.waitForSelector(`tr.sup-row[data-problem="${PROBLEM}"] .pill[data-check="SUP-02"]`);
    await view(page, 'findings?check=SUP-02');
    assert((await page.locator('tr.finding').count()) > 0, 'SUP-02 is among the findings');
    await noErrors(third);
  } finally {
    await third.close();
  }

  // ---- the offline file: bundle + segment, a department session and a bulletin from file:// --------
  const off = await launch({ offline: true });
  try {
    const page = off.context.pages()[0] ?? (await off.context.newPage());
    const w = watch(page);
    await page.goto(pathToFileURL(offlineFile).href);
    await page.waitForSelector('#root-file', { state: 'attached' });
    await page.setInputFiles('#root-file', demoRoot);
    await page.waitForSelector('#pin-root');
    await page.click('#pin-root');
    await page.waitForSelector('#replace-root');
    await verified(page, () => page.setInputFiles('#bundle-file', [demoBundle, segJw]));
    await signIn(page, 'jw');
    assert((await page.locator('#sess-dept').innerText()).includes('jw'), 'signed in from file://');
    await page.waitForSelector(`tr.sup-row[data-problem="${PROBLEM}"]`);
    const b = await bulletin(page, 'weekly');
    assert(b.text.includes(PROBLEM), 'the weekly dispatch offline lists the problem');
    await noErrors({ page, w });
  } finally {
    await off.close();
  }
}

async function noErrors({ page, w }) {
  const csp = await page.evaluate(() => window.__cspViolations ?? []);
  equal(csp.length, 0, `CSP violations: ${csp.join('; ')}`);
  equal(w.errors.length, 0, `page errors: ${w.errors.join('; ')}`);
}
