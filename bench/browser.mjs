// The benchmark in a browser (www/dist/bench.html): the rows of `npm run bench` that a browser can
// run, measured by the same code (bench/core.mjs) in one run on the user's own machine. Node-only
// rows (node:crypto, the native CLI, child processes) are absent; WebCrypto is the browser's
// built-in reference instead.
//
// runBench({ glue, memory, module, wasmBytes, rootLine, bundle, workerUrl, signatures, rounds, shaMiB,
//           onProgress, log })
// returns { text, results }: the tables as text, and the figures. `glue`, `memory` and `module` are
// of the bench module (pkg-bench/, with the hooks); `wasmBytes` is the shipped module, for its size.
import * as core from './core.mjs';
import sodiumModule from 'libsodium-wrappers';
import * as ed from '@noble/ed25519';
import * as hashWasm from 'hash-wasm';

/** Signature workers (Web Workers running BenchSignatures), as `verifyStreamedWithPool` expects. */
function workerPool(workerUrl, module, count) {
  const workers = Array.from({ length: count }, () => new Worker(workerUrl, { type: 'classic' }));
  const pending = new Map();
  const ready = Promise.all(
    workers.map(
      (w) =>
        new Promise((resolve, reject) => {
          w.onmessage = (e) => {
            if (e.data === 'ready') {
              w.onmessage = (m) => {
                const p = pending.get(m.data.id);
                pending.delete(m.data.id);
                if (m.data.error) p?.reject(new Error(m.data.error));
                else p?.resolve(m.data.verdicts);
              };
              resolve();
            }
          };
          w.onerror = (e) => reject(new Error(e.message));
          w.postMessage({ module });
        }),
    ),
  );
  return {
    ready,
    submit(job) {
      // One key's jobs to one worker, which keeps that key's table (as the package does).
      const w = workers[job.publicKey[0] % workers.length];
      return new Promise((resolve, reject) => {
        pending.set(job.id, { resolve, reject });
        w.postMessage(job, [job.publicKey.buffer, job.messages.buffer, job.ends.buffer, job.signatures.buffer]);
      });
    },
    close: () => workers.forEach((w) => w.terminate()),
  };
}

export async function runBench({
  glue,
  memory,
  module,
  wasmBytes,
  rootLine,
  bundle,
  workerUrl,
  signatures = 2000,
  rounds = 3,
  shaMiB = 16,
  onProgress = () => {},
  log = () => {},
}) {
  const results = {};
  const sections = [];
  const steps = 2 * rounds + rounds + (bundle ? 2 * rounds : 0) + 1;
  let done = 0;
  const step = (what) => onProgress({ done: ++done, total: steps, what });
  const say = (m) => log(m);

  // ---- signatures -------------------------------------------------------------------------------
  await sodiumModule.ready;
  const verifiers = [
    core.wasmStrict(glue),
    core.wasmFast(glue),
    core.webCrypto(),
    core.libsodium(sodiumModule),
    // Asynchronous noble (WebCrypto SHA-512), capped: it is two orders of magnitude slower.
    core.noble(ed, Math.min(200, signatures)),
  ];
  results.signatures = [];
  for (const keys of [1, 12]) {
    say(`signatures: ${signatures} × ${core.MESSAGE_BYTES} B, ${keys} key(s)`);
    const w = await core.makeWorkload({ n: signatures, keys });
    const r = await core.timeSignatures(verifiers, w, {
      rounds,
      log: (m) => {
        say(m);
        if (/round \d+: noble/.test(m)) step('signatures');
      },
    });
    results.signatures.push({ keys, n: w.n, ...r });
  }
  sections.push(core.signatureTable(results.signatures));

  // ---- SHA-256 ----------------------------------------------------------------------------------
  say(`sha256: ${shaMiB} MiB`);
  const data = core.makeData(shaMiB << 20);
  const hashers = [core.wasmSha256(glue), core.hashWasmSha256(hashWasm), core.webCryptoSha256()];
  for (const h of hashers) if (h.hash) await h.hash(data.subarray(0, 1 << 20));
  results.sha256 = await core.timeSha256(hashers, data, {
    rounds,
    log: (m) => {
      say(m);
      if (/webcrypto/.test(m)) step('sha256');
    },
  });
  sections.push(core.shaTable(results.sha256));

  // ---- end to end (the bundle the page was given) -------------------------------------------------
  if (bundle) {
    const rows = { one: [], two: [] };
    for (let r = 0; r < rounds; r++) {
      const a = await core.verifyStreamed(glue, rootLine, core.chunksOf(bundle));
      rows.one.push(a);
      step('end to end');
      say(`  e2e round ${r + 1}: one thread ${Math.round(a.summary.records / a.seconds)} records/s`);
      const pool = workerPool(workerUrl, module, 1);
      try {
        await pool.ready;
        const b = await core.verifyStreamedWithPool(glue, rootLine, core.chunksOf(bundle), pool);
        rows.two.push(b);
        say(`  e2e round ${r + 1}: + 1 signature worker ${Math.round(b.summary.records / b.seconds)} records/s`);
      } finally {
        pool.close();
      }
      step('end to end');
    }
    const rate = (x) => x.summary.records / x.seconds;
    const one = core.median(rows.one.map(rate));
    const two = core.median(rows.two.map(rate));
    const perRound = core.median(rows.one.map((a, i) => rate(rows.two[i]) / rate(a)));
    const records = rows.one[0].summary.records;
    const intact = [...rows.one, ...rows.two].every((x) => x.summary.intact);
    results.e2e = { records, one, two, ratio: perRound, intact, wasmMemoryBytes: memory?.buffer?.byteLength };
    sections.push(
      core.table([
        ['end to end (integrity only)', 'records', 'records/s', '× one thread', 'intact'],
        ['wasm core, this thread (bench hook)', String(records), core.fmtRate(one), '1.00×', intact ? 'yes' : 'NO'],
        ['wasm core, + 1 signature Web Worker', String(records), core.fmtRate(two), core.fmtRatio(perRound), intact ? 'yes' : 'NO'],
      ]),
    );
  }

  // ---- size and targets ---------------------------------------------------------------------------
  const gzipped = await gzipSize(wasmBytes);
  results.size = { raw: wasmBytes.byteLength, gzip: gzipped };
  sections.push(
    core.table([
      ['wasm size (the shipped module, without the bench hooks)', 'size'],
      ['raw', core.fmtBytes(wasmBytes.byteLength)],
      ['gzip (CompressionStream, default level)', core.fmtBytes(gzipped)],
    ]),
  );
  const targets = core.signatureTargets(results.signatures);
  if (results.e2e) {
    // The end-to-end targets are defined on 200k records; on a small bundle, starting the worker and
    // building each key's table dominate, so the figures are shown but not judged.
    const judged = results.e2e.records >= 100_000;
    const verdict = (value, bound) => (judged ? core.target(value, bound) : 'n/a (small bundle)');
    targets.push([`end to end ≥ 10,000 records/s on one thread (${results.e2e.records} records)`, core.fmtRate(results.e2e.one), verdict(results.e2e.one, 10_000)]);
    targets.push(['two threads ≥ 1.7× one', core.fmtRatio(results.e2e.ratio), verdict(results.e2e.ratio, 1.7)]);
  }
  results.targets = targets;
  sections.push(core.table([['target', 'measured', 'result'], ...targets]));
  onProgress({ done: steps, total: steps, what: 'done' });
  return { text: sections.join('\n\n'), results };
}

async function gzipSize(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}
