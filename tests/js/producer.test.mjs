// Producers: generateKey -> createRoot -> LogWriter.append ×N -> checkpoint -> cosign ->
// exportBundle -> verify() is intact; bad drafts throw with a code and a path; forks carry proof;
// roots rotate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  generateKey,
  createRoot,
  signRoot,
  parseRoot,
  checkRootSuccessor,
  LogWriter,
  cosign,
  exportBundle,
  verify,
  StreamVerifier,
  QinglianError,
} from 'qinglian';
import { bundleOf, linesOf } from './helpers.mjs';

const FED = 'test-429005';
const OWNER = '91429005MA49ABC12R';
const BIDDER = '91429005MA49DEF340';
const PROJECT = '2021-429005-48-01-000123';
const T = (d, h = '09:30:00') => `2021-${d}T${h}+08:00`;

const keys = { zjj: generateKey(), sjj: generateKey(), czj: generateKey() };
const dept = (id, zh, en, kinds, ...ks) => ({ id, name: { zh, en }, kinds, keys: ks.map((k) => ({ pub: k.publicKey })) });
const spec = {
  federation: FED,
  threshold: 2,
  departments: [
    dept('zjj', '住房和城乡建设局', 'Housing and construction', ['registration', 'contract'], keys.zjj),
    dept('sjj', '审计局', 'Audit bureau', ['audit'], keys.sjj),
    dept('czj', '财政局', 'Finance bureau', ['payment'], keys.czj),
  ],
};
const root = createRoot(spec, [keys.zjj.seed, keys.sjj.seed], T('01-01'));

const registration = (i) => ({
  kind: 'registration',
  project: PROJECT,
  time: T(`03-${String(i + 1).padStart(2, '0')}`),
  body: { registration_no: `潜住建报〔2021〕${i + 1}号`, registration_date: `2021-03-${String(i + 1).padStart(2, '0')}`, owner: OWNER },
});
const contractBody = {
  contract_no: 'QJCT-SG-2021-0088',
  category: 'works',
  employer: OWNER,
  contractor: BIDDER,
  amount_fen: 1_045_678_912,
  signing_date: '2021-09-01',
  period_start: '2021-09-20',
  period_end: '2022-09-19',
  filing_date: '2021-09-05',
};
const code = (c, path) => (e) => {
  assert.ok(e instanceof QinglianError, `a QinglianError, got ${e}`);
  assert.equal(e.code, c, e.message);
  if (path !== undefined) assert.equal(e.path, path);
  return true;
};

test('generateKey: 32 random bytes, or the seed given, with hex public key and key id', () => {
  const k = generateKey();
  assert.ok(k.seed instanceof Uint8Array && k.seed.length === 32);
  assert.match(k.publicKey, /^[0-9a-f]{64}$/);
  assert.match(k.keyId, /^[0-9a-f]{32}$/);
  assert.notDeepEqual(generateKey().seed, k.seed);
  assert.deepEqual(generateKey(k.seed), k);
  assert.throws(() => generateKey(new Uint8Array(31)), code('INVALID_ARGUMENT'));
});

test('createRoot signs a root that parseRoot accepts', () => {
  const r = parseRoot(root.line);
  assert.equal(r.fingerprint, root.id);
  assert.equal(r.federation, FED);
  assert.equal(r.version, 1);
  assert.equal(r.prev, null);
  assert.equal(r.threshold, 2);
  assert.equal(r.time, T('01-01'));
  assert.deepEqual(r.departments.map((d) => d.id), ['zjj', 'sjj', 'czj']);
  assert.deepEqual(r.departments[0].keys, [keys.zjj.keyId]);
  // Below the threshold, the root is refused until another department signs it.
  const one = createRoot(spec, [keys.zjj.seed], T('01-01'));
  assert.throws(() => parseRoot(one.line), code('ROOT_THRESHOLD_NOT_MET'));
  const two = signRoot(one.line, [keys.czj.seed]);
  assert.equal(two.id, one.id, 'signatures do not change the fingerprint');
  assert.equal(parseRoot(two.line).fingerprint, one.id);
  assert.throws(() => createRoot({ ...spec, departments: [{ ...spec.departments[0], extra: 1.5 }] }, [keys.zjj.seed], T('01-01')), code('FLOAT_NUMBER'));
});

test('round trip: append ×N, checkpoint, cosign, export, verify intact', async () => {
  const w = new LogWriter('zjj/main', keys.zjj.seed);
  assert.equal(w.seq, 0);
  assert.equal(w.head, null);
  assert.equal(w.keyId, keys.zjj.keyId);
  assert.equal(w.publicKey, keys.zjj.publicKey);
  const lines = [];
  const N = 12;
  for (let i = 0; i < N; i++) {
    const { id, line } = w.append(registration(i));
    assert.match(id, /^[0-9a-f]{64}$/);
    assert.equal(w.seq, i + 1);
    assert.equal(w.head, id);
    lines.push(line);
  }
  const contract = w.append({ kind: 'contract', project: PROJECT, time: T('09-05'), body: contractBody, refs: [w.head] });
  lines.push(contract.line);
  const cp = w.checkpoint(T('09-06'));
  const cs = cosign(keys.sjj.seed, 'sjj', { log: 'zjj/main', seq: w.seq, head: w.head }, T('09-07'));
  const bundle = exportBundle({ federation: FED, created: T('10-01'), description: '测试', roots: [root.line], lines: [...lines, cp.line, cs.line] });
  assert.ok(bundle instanceof Uint8Array);
  const out = linesOf(bundle);
  assert.equal(out.length, 1 + 1 + N + 1 + 2, 'header, root, records, checkpoint, cosignature');
  assert.deepEqual(JSON.parse(out[0]), { created: T('10-01'), description: '测试', federation: FED, format: 'qinglian-bundle', v: 1 });
  const report = await verify(bundle, { root: root.line });
  assert.equal(report.summary.intact, true, JSON.stringify(report.problems));
  assert.equal(report.summary.records, N + 1);
  assert.equal(report.summary.verified, N + 1 + 2 + 1, 'records, checkpoint, cosignature and the root');
  const [log] = report.logs;
  assert.equal(log.log, 'zjj/main');
  assert.equal(log.last_seq, N + 1);
  assert.deepEqual(log.complete_to, { seq: N + 1, head: w.head, time: T('09-05') }, 'complete to the checkpointed record');
  assert.deepEqual(log.witnesses, ['sjj']);
  // Continue the log later: from {seq, head} or from the log file itself.
  const again = new LogWriter('zjj/main', keys.zjj.seed, { seq: w.seq, head: w.head });
  const fromFile = LogWriter.fromLog('zjj/main', keys.zjj.seed, lines.join('\n') + '\n');
  assert.equal(fromFile.seq, w.seq);
  assert.equal(fromFile.head, w.head);
  const next = again.append(registration(20));
  assert.equal(fromFile.append(registration(20)).id, next.id, 'same key, same head, same draft: same statement');
  const more = exportBundle({ federation: FED, created: T('10-02'), roots: [root.line], lines: [lines.join('\n'), next.line] });
  assert.equal((await verify(more, { root: root.line })).summary.intact, true);
  w.free();
});

test('a bad body throws BODY_INVALID with the JSON path; the head does not move', () => {
  const w = new LogWriter('zjj/main', keys.zjj.seed);
  w.append(registration(0));
  const head = w.head;
  const draft = (body) => ({ kind: 'contract', project: PROJECT, time: T('09-05'), body });
  assert.throws(() => w.append(draft({ ...contractBody, amount_fen: 'lots' })), code('BODY_INVALID', '$.stmt.body.amount_fen'));
  assert.throws(() => w.append(draft({ ...contractBody, employer: '91429005MA49ABC12X' })), code('BODY_INVALID', '$.stmt.body.employer'));
  assert.throws(() => w.append(draft({ ...contractBody, surprise: true })), code('BODY_INVALID'));
  assert.throws(() => w.append(draft({ ...contractBody, amount_fen: 1.5 })), code('FLOAT_NUMBER', '$.stmt.body.amount_fen'));
  assert.throws(() => w.append(draft({ ...contractBody, amount_fen: 2n ** 60n })), code('INTEGER_OUT_OF_RANGE', '$.stmt.body.amount_fen'));
  assert.throws(() => w.append({ ...draft(contractBody), kind: 'bribe' }), code('UNKNOWN_KIND', '$.stmt.kind'));
  assert.throws(() => w.append({ ...draft(contractBody), time: '2021-09-05 09:00' }), code('STATEMENT_INVALID', '$.stmt.time'));
  assert.throws(() => w.append({ ...draft(contractBody), project: '2021-12' }), code('STATEMENT_INVALID', '$.stmt.project'));
  assert.throws(() => w.append({ ...draft(contractBody), refs: ['ab'] }), code('STATEMENT_INVALID', '$.stmt.refs[0]'));
  assert.throws(() => w.append({ ...draft(contractBody), colour: 'red' }), code('INVALID_ARGUMENT'));
  assert.equal(w.seq, 1);
  assert.equal(w.head, head);
  assert.throws(() => new LogWriter('ZJJ main', keys.zjj.seed), code('STATEMENT_INVALID', '$.stmt.log'));
  assert.throws(() => new LogWriter('zjj/main', keys.zjj.seed, { seq: 3, head: 'nope' }), code('INVALID_ARGUMENT'));
  assert.throws(() => new LogWriter('zjj/empty', keys.zjj.seed).checkpoint(T('01-01')), code('STATEMENT_INVALID', '$.stmt.head'));
  assert.throws(() => exportBundle({ federation: FED, created: 'yesterday', lines: [] }), code('HEADER_INVALID', '$.created'));
});

test('a fork carries both lines as proof when the whole bundle is at hand', async () => {
  const a = new LogWriter('zjj/main', keys.zjj.seed);
  const base = [a.append(registration(0)).line, a.append(registration(1)).line];
  const b = new LogWriter('zjj/main', keys.zjj.seed, { seq: a.seq, head: a.head });
  const one = a.append(registration(2));
  const two = b.append(registration(3));
  const bundle = exportBundle({ federation: FED, created: T('10-01'), roots: [root.line], lines: [...base, one.line, two.line] });
  const report = await verify(bundle, { root: root.line });
  const fork = report.problems.find((p) => p.code === 'FORK');
  assert.ok(fork, JSON.stringify(report.problems));
  assert.equal(fork.log, 'zjj/main');
  assert.equal(fork.seq, 3);
  assert.deepEqual([...fork.detail.lines].sort(), [one.line, two.line].sort());
  assert.deepEqual(report.logs[0].forks, [3]);
  // Streaming without the bundle: the fork is reported, the lines only when finish() gets them.
  const s = new StreamVerifier({ root: root.line });
  s.push(bundle);
  const streamed = s.finish();
  assert.equal(streamed.problems.find((p) => p.code === 'FORK').detail.lines, undefined);
  const s2 = new StreamVerifier({ root: root.line });
  s2.push(bundle);
  assert.deepEqual(s2.finish(bundle), report);
  // A Blob is read again for the proof.
  assert.deepEqual(await verify(new Blob([bundle]), { root: root.line }), report);
});

test('exportBundle keeps one project (and registry records), drops duplicates and non-statements', async () => {
  const w = new LogWriter('zjj/main', keys.zjj.seed);
  const other = { ...registration(1), project: '2022-429005-48-01-000999' };
  const l1 = w.append(registration(0)).line;
  const l2 = w.append(other).line;
  const l3 = w.append(registration(2)).line;
  const bundle = exportBundle({ federation: FED, created: T('10-01'), roots: [root.line], lines: [l1, l1, 'not a statement', l2, l3], project: PROJECT });
  const out = linesOf(bundle);
  assert.deepEqual(out.slice(2), [l1, l3]);
  const report = await verify(bundle, { root: root.line, checks: false });
  assert.ok(report.problems.some((p) => p.code === 'CHAIN_GAP'), 'a partial bundle shows its gap');
  assert.equal(report.summary.intact, true, 'gaps are warnings');
});

test('root rotation: version 2 signed by both thresholds chains; a bundle carrying it is adopted', async () => {
  const newKey = generateKey();
  const spec2 = { ...spec, departments: [...spec.departments, dept('fgw', '发展和改革委员会', 'Development and reform', ['approval'], newKey)] };
  const half = createRoot(spec2, [keys.zjj.seed], T('06-01'), root.line);
  // The core's one spec reader: a successor keeps the federation's name; the spec's shape is checked.
  assert.throws(() => createRoot({ ...spec2, federation: 'elsewhere' }, [keys.zjj.seed], T('06-01'), root.line), code('FEDERATION_MISMATCH', '$.federation'));
  assert.throws(() => createRoot({ federation: spec.federation, departments: [] }, [keys.zjj.seed], T('06-01')), code('ROOT_INVALID', '$.threshold'));
  assert.throws(() => createRoot({ ...spec, threshhold: 2 }, [keys.zjj.seed], T('06-01')), code('ROOT_INVALID'));
  assert.throws(() => checkRootSuccessor(root.line, half.line), (e) => e instanceof QinglianError && e.code === 'ROOT_THRESHOLD_NOT_MET');
  const v2 = signRoot(half.line, [keys.sjj.seed, newKey.seed]);
  checkRootSuccessor(root.line, v2.line);
  const parsed = parseRoot(v2.line);
  assert.equal(parsed.version, 2);
  assert.equal(parsed.prev, root.id);
  assert.throws(() => checkRootSuccessor(v2.line, root.line), (e) => e.code === 'ROOT_VERSION_ROLLBACK');
  // fgw's key is only in version 2: its record verifies once the bundle's v2 is adopted.
  const f = new LogWriter('fgw/main', newKey.seed);
  const approval = f.append({
    kind: 'approval',
    project: PROJECT,
    time: T('07-01'),
    body: {
      project_name: '潜江市园林路东延道路工程',
      project_type: 'municipal',
      approval_stage: 'feasibility_study',
      approver_dept: 'fgw',
      approval_no: '潜发改审批〔2021〕12号',
      approval_date: '2021-03-04',
      owner: OWNER,
      estimate_fen: 1_200_000_000,
      funding: 'government',
      must_tender: true,
    },
  });
  const bundle = exportBundle({ federation: FED, created: T('10-01'), roots: [root.line, v2.line], lines: [approval.line] });
  const report = await verify(bundle, { root: root.line, checks: false });
  assert.equal(report.summary.intact, true, JSON.stringify(report.problems));
  assert.equal(report.root.version, 2);
  assert.deepEqual(report.root.chain, [root.id, v2.id]);
  const without = await verify(bundleOf(linesOf(bundle).filter((l) => l !== v2.line)), { root: root.line, checks: false });
  assert.ok(without.problems.some((p) => p.code === 'KEY_UNKNOWN'));
});
