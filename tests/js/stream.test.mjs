// StreamVerifier: any chunking gives the same report; signature jobs handed out and verified by a
// SignatureWorker give the same report as verifying in place; misuse has codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StreamVerifier, SignatureWorker, QinglianError } from 'qinglian';
import { fixture, fixtureJson, rng, testSeed } from './helpers.mjs';

const root = await fixture('demo/root.json');
const bundle = await fixture('demo/bundle.qlb');
const tampered = await fixture('tampered.qlb');
const cliDemo = await fixtureJson('demo/report.json');
const cliTampered = await fixtureJson('tampered-report.json');

function pushInChunks(v, bytes, sizes) {
  let off = 0;
  let k = 0;
  while (off < bytes.length) {
    const n = sizes[k++ % sizes.length];
    v.push(bytes.subarray(off, off + n));
    off += n;
  }
}

test('odd chunk sizes (1, 2, 3, 7, 997, 65537 bytes, random) give the same report', () => {
  const r = rng(testSeed());
  const plans = [[1, 2, 3, 7, 997, 65537], [65537], Array.from({ length: 64 }, () => r.int(1, 200000))];
  for (const sizes of plans) {
    const v = new StreamVerifier({ root });
    pushInChunks(v, tampered, sizes);
    assert.deepEqual(v.finish(), cliTampered, `chunks ${sizes.slice(0, 6).join(',')}…`);
  }
  // One byte at a time through the first 20 KiB, then the rest.
  const v = new StreamVerifier({ root });
  for (let i = 0; i < 20000; i++) v.push(bundle.subarray(i, i + 1));
  v.push(bundle.subarray(20000));
  assert.deepEqual(v.finish(), cliDemo);
});

test('progress() counts bytes and lines as they are pushed', () => {
  const v = new StreamVerifier({ root, checks: false });
  assert.deepEqual(v.progress(), { bytes_in: 0, lines: 0, statements: 0 });
  v.push(bundle.subarray(0, 100000));
  const p = v.progress();
  assert.equal(p.bytes_in, 100000);
  assert.ok(p.lines > 10 && p.statements > 10);
  v.free();
});

test('external signatures: jobs verified by SignatureWorkers give the same report', () => {
  for (const input of [bundle, tampered]) {
    const v = new StreamVerifier({ root, externalSignatures: true });
    const workers = [new SignatureWorker(), new SignatureWorker()];
    const pending = [];
    let jobs = 0;
    const pump = () => {
      for (const job of v.takeSignatureJobs()) {
        assert.ok(job.publicKey instanceof Uint8Array && job.publicKey.length === 32);
        assert.ok(job.ends instanceof Uint32Array);
        assert.equal(job.signatures.length, 64 * job.ends.length);
        assert.equal(job.messages.length, job.ends.at(-1));
        pending.push(job);
        jobs++;
      }
      // Complete out of order: the report must not depend on it.
      while (pending.length > 2) {
        const job = pending.splice(pending.length % 3, 1)[0];
        v.completeSignatureJob(job.id, workers[job.publicKey[0] % 2].verify(job));
      }
    };
    pushInChunks(v, input, [300000]);
    pump();
    v.endInput();
    pump();
    for (const job of pending) v.completeSignatureJob(job.id, workers[0].verify(job));
    assert.ok(jobs > 5, `${jobs} jobs`);
    assert.deepEqual(v.finish(), input === bundle ? cliDemo : cliTampered);
    workers.forEach((w) => w.free());
  }
});

test('jobs never completed are verified by finish()', () => {
  const v = new StreamVerifier({ root, externalSignatures: true });
  v.push(tampered);
  v.endInput();
  assert.ok(v.takeSignatureJobs().length > 0);
  assert.deepEqual(v.finish(), cliTampered);
});

test('a job verdict of 0 makes the statement SIGNATURE_INVALID', () => {
  const v = new StreamVerifier({ root, checks: false, externalSignatures: true });
  v.push(bundle);
  v.endInput();
  const [first, ...rest] = v.takeSignatureJobs();
  const w = new SignatureWorker();
  const verdicts = w.verify(first);
  assert.ok(verdicts.every((x) => x === 1));
  verdicts[0] = 0;
  v.completeSignatureJob(first.id, verdicts);
  for (const job of rest) v.completeSignatureJob(job.id, w.verify(job));
  const report = v.finish();
  assert.equal(report.summary.intact, false);
  assert.ok(report.problems.some((p) => p.code === 'SIGNATURE_INVALID'));
});

test('misuse: unknown job, wrong verdict count, use after finish', () => {
  const v = new StreamVerifier({ root, externalSignatures: true });
  v.push(bundle);
  v.endInput();
  const [job] = v.takeSignatureJobs();
  const code = (c) => (e) => e instanceof QinglianError && e.code === c;
  assert.throws(() => v.completeSignatureJob(123456, new Uint8Array(1)), code('JOB_UNKNOWN'));
  assert.throws(() => v.completeSignatureJob(job.id, new Uint8Array(job.ends.length + 1)), code('JOB_VERDICTS_MISMATCH'));
  assert.throws(() => v.completeSignatureJob(-1, new Uint8Array(1)), code('INVALID_ARGUMENT'));
  v.finish();
  assert.throws(() => v.push(new Uint8Array(1)), code('VERIFIER_FINISHED'));
  assert.throws(() => v.finish(), code('VERIFIER_FINISHED'));
  assert.throws(() => v.progress(), code('VERIFIER_FINISHED'));
  assert.throws(() => new StreamVerifier({ root }).push(/** @type {any} */ ('text')), TypeError);
  assert.throws(() => new SignatureWorker().verify({ ...job, publicKey: new Uint8Array(31) }), code('INVALID_ARGUMENT'));
});

test('verify() with a signaturePool: same report, every job goes through the pool', async () => {
  const { verify } = await import('qinglian');
  // Two SignatureWorkers standing in for two Web Workers; each key's jobs always to one of them.
  const workers = [new SignatureWorker(), new SignatureWorker()];
  const keysSeen = [new Set(), new Set()];
  let jobs = 0;
  const pool = {
    capacity: 3,
    async verify(job) {
      jobs++;
      const i = job.publicKey[0] % 2;
      keysSeen[i].add(Buffer.from(job.publicKey).toString('hex'));
      await new Promise((r) => setTimeout(r, 0)); // answer later, as a worker would
      return workers[i].verify(job);
    },
  };
  for (const [input, cli] of [
    [bundle, cliDemo],
    [tampered, cliTampered],
  ]) {
    const plain = await verify(input, { root });
    const pooled = await verify(input, { root, signaturePool: pool });
    assert.deepEqual(pooled, plain);
    assert.equal(pooled.summary.errors, cli.summary.errors);
  }
  assert.ok(jobs > 10, `jobs went through the pool (${jobs})`);
  for (const k of keysSeen[0]) assert.ok(!keysSeen[1].has(k), 'one key, one worker');
  workers.forEach((w) => w.free());
});

test('verify() with a failing signaturePool still gives the same report (jobs verified in place)', async () => {
  const { verify } = await import('qinglian');
  const plain = await verify(tampered, { root });
  let asked = 0;
  const failing = {
    verify() {
      asked++;
      return Promise.reject(new Error('worker crashed'));
    },
  };
  assert.deepEqual(await verify(tampered, { root, signaturePool: failing }), plain);
  assert.ok(asked > 0);
  await assert.rejects(verify(bundle, { root, signaturePool: {} }), TypeError);
});

test('portSignaturePool and serveSignatureJobs over ports: same report; fail() takes the jobs back', async () => {
  const { verify, portSignaturePool, serveSignatureJobs } = await import('qinglian');
  const plain = await verify(tampered, { root });
  const channels = [new MessageChannel(), new MessageChannel()];
  // The serving side would be in workers; here it answers on the same thread, through the ports.
  let served = 0;
  for (const { port2 } of channels) {
    serveSignatureJobs(port2);
    port2.addEventListener('message', () => served++);
  }
  const pool = portSignaturePool(channels.map((c) => c.port1));
  assert.equal(pool.capacity, 16);
  assert.deepEqual(await verify(tampered, { root, signaturePool: pool }), plain);
  assert.ok(served > 10, `jobs were answered over the ports (${served})`);
  // A worker that died: its jobs, and every later one, are verified in place.
  pool.fail(new Error('worker gone'));
  const before = served;
  assert.deepEqual(await verify(tampered, { root, signaturePool: pool }), plain);
  assert.equal(served, before, 'nothing more was sent after fail()');
  // A job the serving side cannot verify is answered with an error, not left waiting.
  const { port1, port2 } = new MessageChannel();
  serveSignatureJobs(port2);
  const reply = new Promise((resolve) => port1.addEventListener('message', (e) => resolve(e.data), { once: true }));
  port1.start();
  port1.postMessage({ id: 7, publicKey: new Uint8Array(31), messages: new Uint8Array(0), ends: new Uint32Array(0), signatures: new Uint8Array(0) });
  const m = await reply;
  assert.equal(m.id, 7);
  assert.equal(m.error.code, 'INVALID_ARGUMENT');
  for (const c of [...channels, { port1, port2 }]) {
    c.port1.close();
    c.port2.close();
  }
});
