// Trust roots of the demo federation, the check catalogue and the problem codes: the same as the
// CLI says (fixtures from make-fixtures.mjs); check configuration validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRoot, checkRootSuccessor, catalogue, codes, validateCheckConfig, QinglianError } from 'qinglian';
import { fixture, fixtureJson, fixtureText, linesOf } from './helpers.mjs';

const rootBytes = await fixture('demo/root.json');
const bundle = await fixture('demo/bundle.qlb');
const cliDemo = await fixtureJson('demo/report.json');
const isCode = (c) => (e) => e instanceof QinglianError && e.code === c;

test('parseRoot: the pinned demo root, from bytes or text', () => {
  const r = parseRoot(rootBytes);
  assert.deepEqual(parseRoot(new TextDecoder().decode(rootBytes)), r);
  assert.equal(r.fingerprint, cliDemo.root.chain[0]);
  assert.equal(r.federation, cliDemo.root.federation);
  assert.equal(r.version, 1);
  assert.equal(r.prev, null);
  assert.deepEqual(r.chain, [r.fingerprint]);
  assert.ok(r.threshold >= 1);
  assert.match(r.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\+\d\d:\d\d|Z)$/);
  assert.ok(r.departments.length > 5);
  for (const d of r.departments) {
    assert.equal(typeof d.name.zh, 'string');
    assert.ok(d.keys.every((k) => /^[0-9a-f]{32}$/.test(k)));
  }
});

test('the roots carried by the demo bundle chain from the pinned one', () => {
  const roots = linesOf(bundle).filter((l) => l.includes('"type":"root"')).map((line) => ({ line, root: parseRoot(line) }));
  roots.sort((a, b) => a.root.version - b.root.version);
  assert.ok(roots.length >= 1);
  const chain = [parseRoot(rootBytes).fingerprint];
  let current = new TextDecoder().decode(rootBytes);
  for (const { line, root } of roots) {
    if (root.version <= parseRoot(current).version) continue;
    checkRootSuccessor(current, line);
    assert.throws(() => checkRootSuccessor(line, current), isCode('ROOT_VERSION_ROLLBACK'));
    chain.push(root.fingerprint);
    current = line;
  }
  assert.deepEqual(chain, cliDemo.root.chain);
});

test('bad roots throw ROOT_* codes with messages in both languages', () => {
  const text = new TextDecoder().decode(rootBytes).trim();
  assert.throws(() => parseRoot('{}'), isCode('ROOT_INVALID'));
  assert.throws(() => parseRoot(text.replace('"threshold":', '"threshold": ')), isCode('ROOT_INVALID'));
  // Drop every signature but one: below the threshold.
  const env = JSON.parse(text);
  const one = text.replace(JSON.stringify(env.sigs), JSON.stringify(env.sigs.slice(0, 1)));
  assert.throws(
    () => parseRoot(one),
    (e) => isCode('ROOT_THRESHOLD_NOT_MET')(e) && typeof e.zh === 'string' && e.zh.length > 0 && e.message.length > 0,
  );
  // A missing member has a path.
  assert.throws(() => parseRoot(text.replace(/"federation":"[^"]*",/, '')), (e) => isCode('ROOT_INVALID')(e) && e.path === '$.stmt.federation');
  assert.throws(() => parseRoot(/** @type {any} */ (42)), TypeError);
});

test('catalogue() is the CLI catalogue', async () => {
  const cat = catalogue();
  assert.deepEqual(cat, await fixtureJson('catalogue.json'));
  assert.ok(cat.length >= 30);
  const ids = new Set(cat.map((c) => c.id));
  assert.equal(ids.size, cat.length);
  for (const c of cat) {
    assert.match(c.id, /^[A-Z]+-\d\d$/);
    assert.ok(['low', 'medium', 'high'].includes(c.severity));
    assert.equal(typeof c.title.zh, 'string');
    assert.equal(typeof c.needs_completeness, 'boolean');
  }
});

test('codes() lists every problem code of the CLI, with severity and both meanings', async () => {
  const list = codes();
  const cli = linesOf(await fixtureText('codes.txt')).map((l) => l.split(/\s+/));
  assert.deepEqual(list.map((c) => c.code), cli.map((l) => l[0]));
  assert.deepEqual(list.map((c) => c.severity), cli.map((l) => l[1]));
  for (const c of list) {
    assert.ok(c.zh.length > 0 && c.en.length > 0);
  }
  assert.ok(list.some((c) => c.code === 'SIGNATURE_INVALID' && c.severity === 'error'));
});

test('validateCheckConfig accepts the catalogue ids and parameters, refuses typos', () => {
  const [first] = catalogue().filter((c) => c.params.length > 0);
  validateCheckConfig({});
  validateCheckConfig({ disabled: [first.id], params: { [first.id]: { [first.params[0].name]: first.params[0].default } }, min_severity: 'medium' });
  assert.throws(() => validateCheckConfig({ disabled: ['COST-99'] }), isCode('CONFIG_INVALID'));
  assert.throws(() => validateCheckConfig({ params: { [first.id]: { nope: 1 } } }), isCode('CONFIG_INVALID'));
  assert.throws(() => validateCheckConfig({ disable: [first.id] }), (e) => isCode('CONFIG_INVALID')(e) && /disable/.test(e.message));
  assert.throws(() => validateCheckConfig({ min_severity: 'urgent' }), (e) => isCode('CONFIG_INVALID')(e) && e.path === '$.min_severity');
});
