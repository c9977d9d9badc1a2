// "qinglian/worker": verifyInWorker() gives exactly the report of verify() (and of the CLI), with
// 0, 1 and 2 signature workers, on the demo bundle and on a tampered one; progress; cancellation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verify, QinglianError } from 'qinglian';
import { verifyInWorker } from 'qinglian/worker';
import { fixture, fixtureJson, streamOf } from './helpers.mjs';

const root = await fixture('demo/root.json');
const bundle = await fixture('demo/bundle.qlb');
const tampered = await fixture('tampered.qlb');
const cliDemo = await fixtureJson('demo/report.json');
const cliTampered = await fixtureJson('tampered-report.json');

test('verifyInWorker equals verify() on a tampered bundle, with 0, 1 and 2 signature workers', async () => {
  const direct = await verify(tampered, { root });
  assert.deepEqual(direct, cliTampered);
  for (const threads of [0, 1, 2]) {
    const inWorker = await verifyInWorker(tampered, { root, threads });
    assert.deepEqual(inWorker, direct, `threads ${threads}`);
  }
});

test('verifyInWorker on the demo bundle (default threads, Blob and stream inputs)', async () => {
  assert.deepEqual(await verifyInWorker(bundle, { root }), cliDemo);
  assert.deepEqual(await verifyInWorker(new Blob([tampered]), { root, threads: 2 }), cliTampered);
  assert.deepEqual(await verifyInWorker(streamOf(tampered, [1000, 77777]), { root, threads: 1 }), cliTampered);
});

test('progress events arrive from the worker; the caller keeps its bytes', async () => {
  const seen = [];
  const copy = bundle.slice();
  const report = await verifyInWorker(copy, { root, checks: false, threads: 1, onProgress: (p) => seen.push(p) });
  assert.equal(report.summary.intact, true);
  assert.ok(seen.length >= 1);
  assert.equal(seen.at(-1).bytes_in, bundle.length);
  assert.equal(copy.length, bundle.length, 'the input was copied, not transferred');
});

test('an AbortSignal terminates the workers and rejects', async () => {
  await assert.rejects(verifyInWorker(bundle, { root, signal: AbortSignal.abort() }), (e) => e.name === 'AbortError');
  const controller = new AbortController();
  const p = verifyInWorker(streamOf(bundle, [4096]), { root, threads: 2, signal: controller.signal });
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(p, (e) => e.name === 'AbortError');
  // Still usable afterwards.
  assert.equal((await verifyInWorker(bundle, { root, checks: false, threads: 1 })).summary.intact, true);
});

test('misuse inside the worker comes back as QinglianError', async () => {
  await assert.rejects(verifyInWorker(bundle, { root: '{}' }), (e) => e instanceof QinglianError && e.code === 'ROOT_INVALID');
  await assert.rejects(
    verifyInWorker(bundle, { root, checks: { disabled: ['NOPE-01'] } }),
    (e) => e instanceof QinglianError && e.code === 'CONFIG_INVALID',
  );
  await assert.rejects(verifyInWorker(bundle, /** @type {any} */ ({})), TypeError);
  await assert.rejects(verifyInWorker(bundle, { root, threads: -1 }), TypeError);
});

test('a file-backed Blob (Node fs.openAsBlob) is streamed to the worker, not cloned', { skip: typeof process === 'undefined' || !process.versions?.node }, async () => {
  const { openAsBlob } = await import('node:fs');
  const { writeFile, mkdtemp } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'qinglian-'));
  const path = join(dir, 'tampered.qlb');
  await writeFile(path, tampered);
  assert.deepEqual(await verifyInWorker(await openAsBlob(path), { root, threads: 1 }), cliTampered);
});
