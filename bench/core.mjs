// Measuring code of `npm run bench`, shared by the Node runner (bench/node.mjs) and the page's
// runner (bench/browser.mjs, www/dist/bench.html).
// No Node built-ins here: everything runtime-specific (node:crypto, child processes, files, worker
// threads) is passed in by the runner. See bench/README.md for what each row means.

/** Length of each signed message, in bytes (a demo record line is about this size once signed). */
export const MESSAGE_BYTES = 600;
/** Signatures per run of the fast path (the verifier cuts runs of this length per key). */
export const RUN = 256;

const now = () => performance.now();

// ---------------------------------------------------------------------------------------------
// Workloads. Messages and keys are defined identically in bench/native/src/main.rs.
// ---------------------------------------------------------------------------------------------

/** Byte `j` of message `i`. */
export function messageByte(i, j) {
  return ((i * 131 + j * 7) ^ (j >> 5)) & 0xff;
}

export function makeMessage(i, len = MESSAGE_BYTES) {
  const m = new Uint8Array(len);
  for (let j = 0; j < len; j++) m[j] = messageByte(i, j);
  return m;
}

/** Seed of key `k`: 32 bytes of k + 1. */
export function keySeed(k) {
  return new Uint8Array(32).fill(k + 1);
}

const PKCS8_ED25519 = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];

function fromBase64Url(s) {
  const b = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Uint8Array.from(b, (c) => c.charCodeAt(0));
}

/**
 * `n` messages signed round-robin by `keys` keys (message i by key i % keys), signed with WebCrypto
 * (Node 20 and current browsers have Ed25519).
 */
export async function makeWorkload({ n, keys, messageBytes = MESSAGE_BYTES, subtle = globalThis.crypto.subtle }) {
  const publicKeys = [];
  const signers = [];
  for (let k = 0; k < keys; k++) {
    const pkcs8 = new Uint8Array([...PKCS8_ED25519, ...keySeed(k)]);
    const key = await subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
    const jwk = await subtle.exportKey('jwk', key);
    publicKeys.push(fromBase64Url(jwk.x));
    signers.push(key);
  }
  const messages = [];
  const signatures = [];
  for (let i = 0; i < n; i++) {
    const m = makeMessage(i, messageBytes);
    messages.push(m);
    signatures.push(new Uint8Array(await subtle.sign({ name: 'Ed25519' }, signers[i % keys], m)));
  }
  return { n, keys, messageBytes, publicKeys, messages, signatures, keyOf: (i) => i % keys };
}

/**
 * The fast path's jobs: signatures grouped by key into runs of RUN, in the order the verifier
 * would flush them (a key's run when it fills, the rest at the end). Packed ahead of timing: in the
 * verifier the core packs them itself.
 */
export function packRuns(w) {
  const pending = w.publicKeys.map(() => []);
  const jobs = [];
  const flush = (k) => {
    const run = pending[k];
    if (run.length === 0) return;
    const total = run.reduce((a, i) => a + w.messages[i].length, 0);
    const messages = new Uint8Array(total);
    const ends = new Uint32Array(run.length);
    const signatures = new Uint8Array(64 * run.length);
    let off = 0;
    run.forEach((i, r) => {
      messages.set(w.messages[i], off);
      off += w.messages[i].length;
      ends[r] = off;
      signatures.set(w.signatures[i], 64 * r);
    });
    jobs.push({ publicKey: w.publicKeys[k], messages, ends, signatures });
    pending[k] = [];
  };
  for (let i = 0; i < w.n; i++) {
    const k = w.keyOf(i);
    pending[k].push(i);
    if (pending[k].length === RUN) flush(k);
  }
  pending.forEach((_, k) => flush(k));
  return jobs;
}

// ---------------------------------------------------------------------------------------------
// Signature verifiers. Each: { id, label, prepare(w) -> state, run(state, w) -> verified count }.
// `run` may return a promise. Key objects are made in prepare (once per key, as a verifier would).
// ---------------------------------------------------------------------------------------------

/** Strict single verification in this package's wasm (ed25519-dalek verify_strict, one call each). */
export function wasmStrict(glue) {
  return {
    id: 'wasm-strict',
    label: 'qinglian wasm, verify_strict (single)',
    prepare: (w) => w.publicKeys.map((pk) => new glue.BenchKey(pk)),
    run(keys, w) {
      let ok = 0;
      for (let i = 0; i < w.n; i++) if (keys[w.keyOf(i)].verifyStrict(w.messages[i], w.signatures[i])) ok++;
      return ok;
    },
  };
}

/** The verifier's signature path in wasm: SignatureVerifier, per-key table, runs of 256. */
export function wasmFast(glue) {
  return {
    id: 'wasm-fast',
    label: 'qinglian wasm, fast path (table, runs of 256)',
    prepare: (w) => packRuns(w),
    run(jobs) {
      // A fresh verifier each time, so building each key's table is paid in every measurement.
      const v = new glue.BenchSignatures();
      let ok = 0;
      try {
        for (const j of jobs) {
          const verdicts = v.verify(j.publicKey, j.messages, j.ends, j.signatures);
          for (const x of verdicts) ok += x;
        }
      } finally {
        v.free();
      }
      return ok;
    },
  };
}

/** WebCrypto Ed25519, one signature at a time (awaited in turn: one core). */
export function webCrypto(subtle = globalThis.crypto.subtle) {
  return {
    id: 'webcrypto',
    label: "WebCrypto crypto.subtle.verify('Ed25519')",
    prepare: (w) => Promise.all(w.publicKeys.map((pk) => subtle.importKey('raw', pk, { name: 'Ed25519' }, false, ['verify']))),
    async run(keys, w) {
      let ok = 0;
      for (let i = 0; i < w.n; i++) {
        if (await subtle.verify({ name: 'Ed25519' }, keys[w.keyOf(i)], w.signatures[i], w.messages[i])) ok++;
      }
      return ok;
    },
  };
}

/** libsodium-wrappers crypto_sign_verify_detached (after `await sodium.ready`). */
export function libsodium(sodium) {
  return {
    id: 'libsodium',
    label: 'libsodium-wrappers crypto_sign_verify_detached',
    prepare: () => null,
    run(_, w) {
      let ok = 0;
      for (let i = 0; i < w.n; i++) {
        if (sodium.crypto_sign_verify_detached(w.signatures[i], w.messages[i], w.publicKeys[w.keyOf(i)])) ok++;
      }
      return ok;
    },
  };
}

/**
 * @noble/ed25519 v3 with `zip215: false` (RFC 8032 strict branch). Synchronous when `ed.hashes.sha512`
 * is set by the runner, else `verifyAsync`. `limit` caps the signatures it verifies (it is slow).
 */
export function noble(ed, limit = Infinity) {
  const sync = typeof ed.hashes?.sha512 === 'function';
  return {
    id: 'noble',
    label: `@noble/ed25519 ${sync ? 'verify' : 'verifyAsync'}, zip215: false`,
    limit,
    prepare: () => null,
    async run(_, w) {
      const n = Math.min(w.n, limit);
      let ok = 0;
      for (let i = 0; i < n; i++) {
        const args = [w.signatures[i], w.messages[i], w.publicKeys[w.keyOf(i)], { zip215: false }];
        if (sync ? ed.verify(...args) : await ed.verifyAsync(...args)) ok++;
      }
      return ok;
    },
  };
}

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export { median };

/**
 * Time every verifier on the workload, interleaved: round r runs A, B, C, ... in turn, so each
 * round's ratios compare runs made close together. A warm-up pass (a quarter of the workload)
 * lets V8 tier the wasm and JIT the JavaScript first. A verifier may instead report its own rate
 * (`measure(w, round)` returning { rate, ok, n }), as the native binary does.
 *
 * Returns { rows: [{ id, label, rates: [...], rate (median), n, ok, error }], rounds }.
 */
export async function timeSignatures(verifiers, w, { rounds = 3, log = () => {} } = {}) {
  const rows = verifiers.map((v) => ({ id: v.id, label: v.label, rates: [], n: 0, ok: true, error: null }));
  const states = [];
  for (const [i, v] of verifiers.entries()) {
    try {
      states[i] = v.measure ? null : await v.prepare(w);
      if (!v.measure) {
        const warm = { ...w, n: Math.max(1, Math.min(w.n >> 2, v.limit ?? Infinity)) };
        await v.run(states[i], warm);
      }
    } catch (e) {
      rows[i].error = String(e?.message ?? e);
    }
  }
  for (let r = 0; r < rounds; r++) {
    for (const [i, v] of verifiers.entries()) {
      const row = rows[i];
      if (row.error) continue;
      try {
        if (v.measure) {
          const m = await v.measure(w, r);
          row.rates.push(m.rate);
          row.n = m.n;
          row.ok &&= m.ok === m.n;
        } else {
          const n = Math.min(w.n, v.limit ?? Infinity);
          const t0 = now();
          const ok = await v.run(states[i], w);
          const s = (now() - t0) / 1000;
          row.rates.push(n / s);
          row.n = n;
          row.ok &&= ok === n;
        }
        log(`  ${w.keys} key(s) round ${r + 1}: ${row.id} ${Math.round(row.rates.at(-1))}/s`);
      } catch (e) {
        row.error = String(e?.message ?? e);
      }
    }
  }
  for (const row of rows) row.rate = median(row.rates);
  return { rows, rounds };
}

/**
 * Ratio of row `a` to row `b` as the median of per-round ratios (each ratio within one round).
 */
export function ratio(a, b) {
  if (!a || !b || a.error || b.error) return NaN;
  const n = Math.min(a.rates.length, b.rates.length);
  if (n === 0) return NaN;
  return median(Array.from({ length: n }, (_, r) => a.rates[r] / b.rates[r]));
}

// ---------------------------------------------------------------------------------------------
// SHA-256
// ---------------------------------------------------------------------------------------------

/** Deterministic bytes (as bench/native makes them). */
export function makeData(bytes) {
  const d = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) d[i] = Math.floor(Math.imul(i, 2654435761) >>> 0 >>> 13) & 0xff;
  return d;
}

export const toHex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** SHA-256 hashers: { id, label, hash(bytes) -> hex (or a promise) }. */
export function wasmSha256(glue) {
  return { id: 'wasm-sha256', label: 'qinglian wasm sha256 (core Digest::of)', hash: (b) => toHex(glue.sha256(b)) };
}

export function hashWasmSha256(hashWasm) {
  return { id: 'hash-wasm', label: 'hash-wasm sha256', hash: (b) => hashWasm.sha256(b) };
}

export function webCryptoSha256(subtle = globalThis.crypto.subtle) {
  return {
    id: 'webcrypto-sha256',
    label: "WebCrypto digest('SHA-256')",
    hash: async (b) => toHex(new Uint8Array(await subtle.digest('SHA-256', b))),
  };
}

/** Time each hasher on `data`, interleaved like signatures; all must agree on the digest. */
export async function timeSha256(hashers, data, { rounds = 3, log = () => {} } = {}) {
  const rows = hashers.map((h) => ({ id: h.id, label: h.label, rates: [], digest: null, error: null }));
  for (let r = 0; r < rounds; r++) {
    for (const [i, h] of hashers.entries()) {
      const row = rows[i];
      if (row.error) continue;
      try {
        if (h.measure) {
          const m = await h.measure(data, r);
          row.rates.push(m.rate);
          row.digest = m.digest;
        } else {
          const t0 = now();
          const digest = await h.hash(data);
          row.rates.push(data.length / 1e6 / ((now() - t0) / 1000));
          row.digest = digest;
        }
        log(`  sha256 round ${r + 1}: ${row.id} ${Math.round(row.rates.at(-1))} MB/s`);
      } catch (e) {
        row.error = String(e?.message ?? e);
      }
    }
  }
  const digests = new Set(rows.filter((r) => r.digest).map((r) => r.digest));
  for (const row of rows) {
    row.rate = median(row.rates);
    row.ok = digests.size === 1;
  }
  return { rows, rounds, bytes: data.length };
}

// ---------------------------------------------------------------------------------------------
// End to end: the core's streaming verifier through the bench hooks (integrity only).
// ---------------------------------------------------------------------------------------------

/**
 * Verify a bundle streamed as chunks (an async iterable of Uint8Array) in this thread, signatures
 * inline. `sample()` is called after every chunk (memory sampling). Returns { seconds, summary }.
 */
export async function verifyStreamed(glue, rootLine, chunks, { sample = () => {} } = {}) {
  const t0 = now();
  const v = new glue.BenchVerifier(rootLine, false);
  for await (const chunk of chunks) {
    v.push(chunk);
    sample();
  }
  v.endInput();
  sample();
  const summary = JSON.parse(v.finish());
  sample();
  return { seconds: (now() - t0) / 1000, summary };
}

/**
 * The same with signature jobs handed to `pool.submit(job) -> Promise<Uint8Array verdicts>` (a
 * worker running BenchSignatures): this thread parses and hashes, the pool verifies signatures.
 * At most `maxInFlight` jobs are outstanding, so memory stays bounded.
 */
export async function verifyStreamedWithPool(glue, rootLine, chunks, pool, { sample = () => {}, maxInFlight = 64 } = {}) {
  const t0 = now();
  const v = new glue.BenchVerifier(rootLine, true);
  const inFlight = new Set();
  let failure = null;
  const dispatch = () => {
    for (const job of v.takeJobs()) {
      const p = pool
        .submit(job)
        .then((verdicts) => v.complete(job.id, verdicts))
        .catch((e) => {
          failure ??= e;
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
  };
  for await (const chunk of chunks) {
    v.push(chunk);
    dispatch();
    sample();
    while (inFlight.size > maxInFlight) await Promise.race(inFlight);
    // Let completed verdicts in between chunks.
    await new Promise((r) => setTimeout(r, 0));
  }
  v.endInput();
  dispatch();
  await Promise.all(inFlight);
  sample();
  if (failure) throw failure;
  const summary = JSON.parse(v.finish());
  sample();
  return { seconds: (now() - t0) / 1000, summary };
}

/** Chunks of `bytes` (an in-memory bundle) as an async iterable. */
export async function* chunksOf(bytes, size = 1 << 16) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

// ---------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------

export const fmtRate = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
export const fmtRatio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '—');
export const fmtBytes = (x) =>
  !Number.isFinite(x) ? '—' : x >= 1 << 20 ? `${(x / (1 << 20)).toFixed(1)} MiB` : `${(x / 1024).toFixed(1)} KiB`;

/** A plain-text table: `rows` is an array of arrays of strings, the first is the header. */
export function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '').length)));
  const line = (r) => r.map((x, c) => (c === 0 ? String(x).padEnd(widths[c]) : String(x).padStart(widths[c]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** "pass"/"FAIL"/"n/a" for a target: value against a bound (never throws, never asserts). */
export function target(value, bound, cmp = '>=') {
  if (!Number.isFinite(value)) return 'n/a';
  const ok = cmp === '>=' ? value >= bound : value < bound;
  return ok ? 'pass' : 'FAIL';
}

// ---------------------------------------------------------------------------------------------
// Tables and targets shared by both runners
// ---------------------------------------------------------------------------------------------

/** The reference columns of a table: those of `wanted` (id, heading) that have a row. */
function references(rows, wanted) {
  return wanted.filter(([id]) => rows.some((r) => r.id === id && !r.error));
}

/** The signature table: rates and ratios to the references present (node:crypto only in Node). */
export function signatureTable(suites) {
  const all = suites.flatMap((s) => s.rows);
  const refs = references(all, [
    ['wasm-strict', '× wasm strict'],
    ['node-crypto', '× node:crypto'],
    ['webcrypto', '× WebCrypto'],
    ['libsodium', '× libsodium'],
  ]);
  const rows = [[`signatures (${MESSAGE_BYTES} B messages)`, 'keys', 'n', 'sig/s', ...refs.map(([, h]) => h), 'ok']];
  for (const s of suites) {
    const by = (id) => s.rows.find((r) => r.id === id);
    for (const r of s.rows) {
      rows.push([
        r.label,
        String(s.keys),
        String(r.n || '—'),
        r.error ? `error: ${r.error.slice(0, 40)}` : fmtRate(r.rate),
        ...refs.map(([id]) => fmtRatio(ratio(r, by(id)))),
        r.error ? '—' : r.ok ? 'yes' : 'NO',
      ]);
    }
  }
  return table(rows);
}

/** The SHA-256 table: MB/s and ratios to the wasm and to node:crypto or WebCrypto. */
export function shaTable(s) {
  const refs = references(s.rows, [
    ['wasm-sha256', '× wasm'],
    ['node-sha256', '× node:crypto'],
    ['webcrypto-sha256', '× WebCrypto'],
  ]);
  const rows = [[`SHA-256 (${s.bytes >> 20} MiB)`, 'MB/s', ...refs.map(([, h]) => h), 'digest agrees']];
  for (const r of s.rows) {
    rows.push([
      r.label,
      r.error ? `error: ${r.error.slice(0, 40)}` : fmtRate(r.rate),
      ...refs.map(([id]) => fmtRatio(ratio(r, s.rows.find((x) => x.id === id)))),
      r.ok ? 'yes' : 'NO',
    ]);
  }
  return table(rows);
}

/** Target lines for the signature suites: [label, measured, pass/FAIL/n/a]. */
export function signatureTargets(suites) {
  const out = [];
  for (const s of suites) {
    const by = (id) => s.rows.find((r) => r.id === id);
    const fast = by('wasm-fast');
    const vsSodium = ratio(fast, by('libsodium'));
    const vsNode = ratio(fast, by('node-crypto'));
    out.push([`wasm one core (fast path) ≥ 2× libsodium-wrappers, ${s.keys} key(s)`, fmtRatio(vsSodium), target(vsSodium, 2)]);
    out.push([`wasm one core (fast path) ≥ 1.5× node:crypto, ${s.keys} key(s)`, fmtRatio(vsNode), target(vsNode, 1.5)]);
  }
  return out;
}
