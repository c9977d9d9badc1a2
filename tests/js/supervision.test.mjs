// Joint supervision through the npm package, in Node and in Chromium: a department key checked
// against the root, a problem signed into the commission's log, the segment verified together with
// the demo bundle, the board and the bulletin, and the refusals (stale head, a kind the root does
// not offer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogWriter, QinglianError, StreamVerifier, exportBundle, openKeyFile, signingRights, verify } from 'qinglian';
import { supervisionBulletin } from 'qinglian/import';
import { fixture, linesOf } from './helpers.mjs';

const bundle = await fixture('demo/bundle.qlb');
const root = await fixture('demo/root.json');

/** The newest trust root the bundle carries (the demo rotates to version 2). */
function newestRoot() {
  const roots = linesOf(bundle)
    .filter((l) => l.includes('"type":"root"'))
    .map((l) => ({ line: l, v: JSON.parse(l).stmt?.version ?? JSON.parse(l).version }));
  roots.sort((a, b) => b.v - a.v);
  assert.ok(roots.length > 0, 'the demo bundle carries its roots');
  return roots[0].line;
}

const head = (report, log) => {
  const l = report.logs.find((x) => x.log === log);
  return { seq: l.last_seq, head: l.head };
};
const heads = (report) => report.logs.map((l) => ({ log: l.log, seq: l.last_seq, head: l.head }));

test('a problem signed in the page’s way travels as a segment and lands on the board', async () => {
  const base = await verify(bundle, { root });
  const key = await openKeyFile(await fixture('demo/keys/jw.key'), { log: 'jw/main' });
  const current = newestRoot();
  const rights = signingRights(current, key.publicKey);
  assert.equal(rights.department, 'jw');
  assert.ok(rights.kinds.includes('problem') && rights.kinds.includes('rectification_review'), rights.kinds.join());
  assert.ok(!rights.kinds.includes('rectification'));

  const writer = new LogWriter('jw/main', key.seed, head(base, 'jw/main'));
  writer.requireRoot(current);
  writer.assertCurrent(heads(base));
  const signed = writer.append({
    kind: 'problem',
    project: '2021-429005-48-01-000123',
    time: '2026-11-28T10:00:00+08:00',
    body: {
      problem_id: 'JW-WT-2026-901',
      found_date: '2026-11-28',
      responsible: { dept: 'zjj' },
      category: 'contract',
      severity: 'high',
      description: '合同备案金额与中标价不一致',
      due_date: '2026-12-28',
      check_id: 'CONTRACT-01',
      suggestion: '限期补正备案',
    },
    refs: [],
  });
  // The root does not offer the commission rectifications: refused before signing, head unchanged.
  assert.throws(
    () => writer.append({ kind: 'rectification', project: null, time: '2026-11-28T11:00:00+08:00', body: {}, refs: [] }),
    (e) => e instanceof QinglianError && e.code === 'KIND_NOT_AUTHORIZED',
  );
  assert.equal(writer.seq, head(base, 'jw/main').seq + 1);

  const segment = exportBundle({ federation: base.root.federation, created: '2026-11-28T10:05:00+08:00', lines: [signed.line] });
  const report = await verify([bundle, segment], { root, names: ['bundle.qlb', 'jw-segment.qlb'] });
  assert.deepEqual(report.bundle.inputs.map((i) => [i.name, i.first_line]), [['bundle.qlb', 1], ['jw-segment.qlb', base.summary.lines + 1]]);
  assert.equal(report.summary.errors, 0, JSON.stringify(report.problems));
  const p = report.analysis.supervision.problems.find((x) => x.problem_id === 'JW-WT-2026-901');
  assert.ok(p, 'the segment’s problem is on the board');
  assert.equal(p.raised_by, 'jw');
  assert.equal(p.responsible_dept, 'zjj');
  assert.equal(p.suggestion, '限期补正备案');
  assert.equal(p.history[0].id, signed.id);
  assert.equal(p.history[0].line, base.summary.lines + 2, 'global line: after the bundle and the segment header');
  assert.equal(report.analysis.supervision.counts.found, base.analysis.supervision.counts.found + 1);

  // The same inputs pushed through StreamVerifier with beginInput give the same report.
  const v = new StreamVerifier({ root });
  v.beginInput('bundle.qlb');
  v.push(bundle);
  v.beginInput('jw-segment.qlb');
  v.push(segment);
  const streamed = v.finish([bundle, segment]);
  assert.deepEqual(streamed.bundle, report.bundle);
  assert.deepEqual(streamed.analysis.supervision, report.analysis.supervision);

  // A writer still at the old head is stale once the segment is known.
  const stale = new LogWriter('jw/main', key.seed, head(base, 'jw/main'));
  assert.throws(() => stale.assertCurrent(heads(report)), (e) => e instanceof QinglianError && e.code === 'HEAD_STALE');
  writer.assertCurrent(heads(report));
  writer.free();
  stale.free();
  key.seed.fill(0);

  // The monthly bulletin counts the new problem; the CSV opens in spreadsheet programs.
  const month = { kind: 'monthly', periodEnd: '2026-11-30' };
  const before = await supervisionBulletin(base, month);
  const after = await supervisionBulletin(report, { ...month, lang: 'en' });
  assert.equal(after.counts.found_in_period, before.counts.found_in_period + 1);
  assert.ok(after.rows.some((r) => r[1] === 'JW-WT-2026-901'));
  assert.ok(after.csv.startsWith('\ufeffNo.,Problem'));
  await assert.rejects(
    supervisionBulletin(await verify(bundle, { root, checks: false }), month),
    (e) => e instanceof QinglianError && e.code === 'NO_SUPERVISION_BOARD',
  );
});

test('signingRights refuses a key the root does not list, and bad arguments', async () => {
  assert.throws(() => signingRights(root, '00'.repeat(32)), (e) => e instanceof QinglianError && e.code === 'KEY_UNKNOWN');
  assert.throws(() => signingRights(root, 'xyz'), (e) => e instanceof QinglianError && e.code === 'INVALID_ARGUMENT');
  await assert.rejects(verify([], { root }), TypeError);
  await assert.rejects(verify([bundle], { root, names: 'one' }), TypeError);
});

test('an external signer (WebCrypto Ed25519, non-extractable) signs the same record the wasm signer does', async () => {
  const base = await verify(bundle, { root });
  const key = await openKeyFile(await fixture('demo/keys/jw.key'), { log: 'jw/main' });
  const der = new Uint8Array([...[0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20], ...key.seed]);
  let cryptoKey;
  try {
    cryptoKey = await crypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, false, ['sign']);
  } catch (e) {
    console.log(`# skipped: this runtime has no WebCrypto Ed25519 (${e?.name})`);
    return;
  }
  assert.equal(cryptoKey.extractable, false);
  const draft = {
    kind: 'rectification_review', project: '2021-429005-48-01-000123', time: '2026-11-28T10:00:00+08:00',
    body: { problem_id: 'JW-WT-2024-004', decision: 'reopened', review_date: '2026-11-28', note: '仍未整改到位', new_due_date: '2026-12-31' }, refs: [],
  };
  const inline = new LogWriter('jw/main', key.seed, head(base, 'jw/main'));
  const expected = inline.append(draft);
  const w = LogWriter.external('jw/main', key.publicKey, head(base, 'jw/main'));
  w.requireRoot(newestRoot());
  assert.throws(() => w.append(draft), (e) => e instanceof QinglianError && e.code === 'NO_SECRET_KEY');
  assert.throws(() => w.complete(new Uint8Array(64)), (e) => e instanceof QinglianError && e.code === 'NOTHING_PREPARED');
  const { bytes, id } = w.prepare(draft);
  assert.equal(id, expected.id);
  const sig = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, cryptoKey, bytes));
  const bad = sig.slice();
  bad[10] ^= 1;
  assert.throws(() => w.complete(bad), (e) => e instanceof QinglianError && e.code === 'SIGNATURE_INVALID');
  assert.equal(w.seq, head(base, 'jw/main').seq, 'a refused signature signs nothing');
  const signed = w.complete(sig);
  assert.deepEqual(signed, expected, 'Ed25519 is deterministic: the same line byte for byte');
  assert.equal(w.seq, head(base, 'jw/main').seq + 1);
  inline.free();
  w.free();
  key.seed.fill(0);
});
