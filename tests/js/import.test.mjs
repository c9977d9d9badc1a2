// "qinglian/import": the committed table fixtures (tests/fixtures/import) give the same rows,
// cells and codes as the Rust core's tests and the CLI (one implementation: crate/import), the
// plan signs with LogWriter.appendBatch, and a re-import with the grown log appends nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importTable, initImport } from 'qinglian/import';
import { LogWriter, QinglianError } from 'qinglian';
import { readBytes } from './helpers.mjs';

const LOG = 'jyzx/main';
const TIME = '2026-12-01T09:00:00+08:00';
const table = async (name) => ({ name, bytes: await readBytes(new URL(`../fixtures/import/${name}`, import.meta.url)) });
const where = (plan) => plan.problems.map((p) => [`${p.sheet}!${p.cell}`, p.code]);

/** The xlsx signed into a fresh log: the log's lines. */
async function signedWorkbook() {
  const plan = await importTable(await table('tender-and-bids.xlsx'), { log: LOG });
  const signed = new LogWriter(LOG, new Uint8Array(32).fill(7)).appendBatch(plan.statements, TIME);
  return signed.map((s) => s.line).join('\n') + '\n';
}

test('an xlsx with serial dates, formulas and a hidden sheet plans a tender and two bids', async () => {
  const plan = await importTable(await table('tender-and-bids.xlsx'), { log: LOG });
  assert.equal(plan.ok, true, JSON.stringify(plan.problems));
  assert.deepEqual(plan.hidden_sheets, ['辅助数据']);
  assert.deepEqual(plan.sheets.map((s) => [s.sheet, s.kind, s.rows]), [['招标', 'tender', 1], ['投标', 'bid', 2]]);
  assert.equal(plan.new, 3);
  const [tender, ...bids] = plan.statements;
  assert.equal(tender.kind, 'tender');
  assert.equal(tender.body.ceiling_price_fen, 1_100_000_000);
  assert.equal(tender.body.bid_deadline, '2021-08-10T09:30:00+08:00');
  // The bids cite the tender by 招标编号: resolved to the plan's first draft.
  assert.deepEqual(bids.map((b) => [b.kind, b.refs]), [['bid', [{ statement: 0 }]], ['bid', [{ statement: 0 }]]]);
  assert.equal(bids[0].body.price_fen, 1_045_678_912);
});

test('appendBatch signs the plan in order, cited drafts first, and the writer moves on', async () => {
  const plan = await importTable(await table('tender-and-bids.xlsx'), { log: LOG });
  const w = new LogWriter(LOG, new Uint8Array(32).fill(7));
  const signed = w.appendBatch(plan.statements, TIME);
  assert.deepEqual(signed.map((s) => s.statement), [0, 1, 2]);
  assert.equal(w.seq, 3);
  assert.equal(w.head, signed[2].id);
  const bid = JSON.parse(signed[1].line);
  assert.deepEqual(bid.stmt.refs, [signed[0].id], 'the draft reference became the signed id');
  assert.equal(bid.stmt.time, TIME);
});

test('appendBatch waits for cited drafts, and is all or nothing', async () => {
  const [tender, bid] = (await importTable(await table('tender-and-bids.xlsx'), { log: LOG })).statements;
  const w = new LogWriter(LOG, new Uint8Array(32).fill(9));
  // The bid comes first but cites the tender: the tender is signed first.
  const signed = w.appendBatch([{ ...bid, refs: [{ statement: 1 }] }, tender], TIME);
  assert.deepEqual(signed.map((s) => s.statement), [1, 0]);
  // A draft citing itself cannot be signed; a draft with a bad body neither: nothing is signed.
  const before = [w.seq, w.head];
  assert.throws(
    () => w.appendBatch([tender, { ...bid, refs: [{ statement: 1 }] }], TIME),
    (e) => e instanceof QinglianError && e.code === 'BATCH_UNSIGNABLE' && e.statement === 1,
  );
  assert.throws(
    () => w.appendBatch([tender, { ...bid, refs: [{ statement: 0 }], body: { ...bid.body, price_fen: 1.5 } }], TIME),
    (e) => e instanceof QinglianError && e.statement === 1,
  );
  assert.deepEqual([w.seq, w.head], before, 'the writer stayed where it was');
  assert.throws(() => w.appendBatch('nope', TIME), TypeError);
});

test('a GBK CSV reports every bad cell with the CLI codes, in Chinese or English', async () => {
  const log = await signedWorkbook();
  const bytes = (await table('bids-gbk.csv')).bytes;
  const zh = await importTable({ name: 'bids-gbk.csv', bytes }, { log: LOG, context: [log] });
  assert.equal(zh.ok, false);
  assert.deepEqual(where(zh), [
    ['bids-gbk!C5', 'CELL_FORMAT'],
    ['bids-gbk!D6', 'CELL_PRECISION'],
    ['bids-gbk!E6', 'CELL_TYPE'],
    ['bids-gbk!G6', 'CELL_REQUIRED'],
    ['bids-gbk!A3', 'ROW_DUPLICATE'],
    ['bids-gbk!A2', 'ROW_CHANGED'],
    ['bids-gbk!B4', 'REF_UNRESOLVED'],
  ]);
  assert.deepEqual(zh.statements, [], 'nothing to sign when anything is wrong');
  const uscc = zh.problems[0];
  assert.equal(uscc.value, '91429005MA49GHK560');
  assert.match(uscc.message, /^bids-gbk!C5 CELL_FORMAT "91429005MA49GHK560"/);
  assert.match(uscc.message, /第 18 位应为“U”/);
  const en = await importTable({ name: 'bids-gbk.csv', bytes }, { log: LOG, context: [log], lang: 'en' });
  assert.match(en.problems[0].message, /should be 'U'/);
});

test('a re-import with the grown log (gzip or not) appends nothing; unknown columns refused unless ignored', async () => {
  const log = await signedWorkbook();
  const again = await importTable(await table('tender-and-bids.xlsx'), { log: LOG, context: [log] });
  assert.equal(again.ok, true);
  assert.deepEqual([again.new, again.unchanged, again.statements.length], [0, 3, 0]);
  assert.ok(again.rows.every((r) => r.status === 'unchanged' && /^[0-9a-f]{64}$/.test(r.id)));

  const gz = new Uint8Array(await new Response(new Blob([log]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
  const bom = await table('bids-bom.csv');
  const strict = await importTable(bom, { log: LOG, context: [gz] });
  assert.deepEqual(where(strict), [['bids-bom!I1', 'COLUMN_UNKNOWN']]);
  const lenient = await importTable(bom, { log: LOG, context: [gz], ignoreUnknownColumns: true });
  assert.deepEqual([lenient.ok, lenient.new, lenient.unchanged], [true, 0, 1]);
});

test('bad arguments: TypeError or a QinglianError with a stable code', async () => {
  const t = await table('bids-bom.csv');
  await assert.rejects(importTable(t, {}), TypeError);
  await assert.rejects(importTable({ name: 'x.csv' }, { log: LOG }), TypeError);
  await assert.rejects(importTable(t, { log: LOG, lang: 'fr' }), TypeError);
  await assert.rejects(importTable(t, { log: LOG, kind: 'nonsense' }), (e) => e instanceof QinglianError && e.code === 'UNKNOWN_KIND');
  const cut = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]);
  await assert.rejects(importTable(t, { log: LOG, context: [cut] }), (e) => e instanceof QinglianError && e.code === 'GZIP_CORRUPT');
  await initImport(); // loading again does nothing
});
