// The public API, shared by every entry point (index.js, node.js, slim.js). Each function checks the
// module is loaded, converts its arguments, calls the wasm binding and turns its errors into
// QinglianError. No rule of the format is implemented here: they all live in the Rust core.
import { QinglianError } from './errors.js';
import { assertReady } from './wasm.js';
import { producer } from './producer-module.js';
import {
  call,
  checkAborted,
  chunksOf,
  finishVerifier,
  isBundleInput,
  listen,
  makeVerifier,
  signatureDispatcher,
  toBytes,
  toText,
  wasm,
  wholeBundle,
  wholeInputs,
  yielder,
} from './internal.js';

export { QinglianError };

/** Version of the Qinglian core compiled into the WebAssembly module. */
export function version() {
  return call(() => wasm.version());
}

/**
 * RFC 8785 (JCS) canonical form of `json` under the Qinglian profile: integers only within
 * ±(2^53−1), no duplicate keys, UTF-8. Throws QinglianError (code FLOAT_NUMBER, DUPLICATE_KEY,
 * INTEGER_OUT_OF_RANGE, JSON_SYNTAX, DEPTH_EXCEEDED, ...) on input outside the profile.
 * @param {string} json
 * @returns {string}
 */
export function canonicalize(json) {
  assertReady(); // NOT_INITIALIZED before argument errors, as for every other call
  if (typeof json !== 'string') throw new TypeError('canonicalize(json): json must be a string');
  return call(() => wasm.canonicalize(json));
}

// ---------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------

/**
 * Verify a bundle (bytes, a Blob/File, or a ReadableStream of bytes) against the pinned trust root.
 * An array of inputs (a main bundle, then the segments departments exchange) is verified as one:
 * one report, whose `bundle.inputs` names each (`options.names`, else a File's name) with where
 * its lines are.
 * Streams it through the core in chunks, calling `onProgress` after each; `signal` aborts between
 * chunks (the promise rejects with the signal's reason). Problems in the bundle are in the report;
 * only misuse (a bad root, bad options) rejects with a QinglianError. With `signaturePool`, signature
 * work goes to `signaturePool.verify(job)` (e.g. SignatureWorkers on other threads); same report.
 */
export async function verify(bundle, options) {
  const several = Array.isArray(bundle);
  const inputs = several ? bundle : [bundle];
  if (inputs.length === 0 || !inputs.every(isBundleInput)) {
    throw new TypeError('verify(bundle, options): bundle must be a Uint8Array, Blob or ReadableStream, or an array of them');
  }
  const { signal, onProgress, signaturePool, names } = options ?? {};
  if (names !== undefined && (!Array.isArray(names) || names.some((n) => typeof n !== 'string'))) {
    throw new TypeError('options.names: expected an array of strings, one per input');
  }
  if (signaturePool !== undefined && typeof signaturePool?.verify !== 'function') {
    throw new TypeError('options.signaturePool: expected an object with verify(job) returning a promise of verdicts');
  }
  checkAborted(signal);
  const v = makeVerifier(options, Boolean(signaturePool));
  const pool = signaturePool ? signatureDispatcher(v, signaturePool, signaturePool.capacity ?? 8) : null;
  let finished = false;
  try {
    const pause = yielder();
    for (const [i, input] of inputs.entries()) {
      if (several) {
        const name = names?.[i] ?? (typeof input?.name === 'string' && input.name ? input.name : `input ${i + 1}`);
        call(() => v.beginInput(name));
      }
      for await (const chunk of chunksOf(input)) {
        checkAborted(signal);
        call(() => v.push(chunk));
        if (pool) {
          pool.dispatch();
          await pool.drain(pool.capacity);
        }
        if (onProgress) onProgress(call(() => v.progress()));
        await pause();
      }
    }
    checkAborted(signal);
    // End of input: a last line without a newline is read now, and the last jobs are cut.
    call(() => v.endInput());
    if (onProgress) onProgress(call(() => v.progress()));
    if (pool) {
      pool.dispatch();
      await pool.drain(0);
      checkAborted(signal);
    }
    finished = true;
    return await finishVerifier(v, several ? wholeInputs(inputs) : wholeBundle(bundle));
  } finally {
    if (!finished) v.free();
  }
}

/**
 * The verifier for callers that hold the bytes themselves: push chunks of any size and split,
 * then finish() for the report. With `externalSignatures: true`, signature work is handed out as
 * jobs (takeSignatureJobs / completeSignatureJob) for a SignatureWorker on another thread.
 */
export class StreamVerifier {
  #v;

  constructor(options) {
    this.#v = makeVerifier(options, Boolean(options?.externalSignatures));
  }

  #live() {
    if (!this.#v) throw new QinglianError('VERIFIER_FINISHED', 'the verifier has already finished');
    return this.#v;
  }

  /** Start the next of several inputs verified as one (name each, the first one included). */
  beginInput(name) {
    if (typeof name !== 'string') throw new TypeError('StreamVerifier.beginInput(name): name must be a string');
    const v = this.#live();
    call(() => v.beginInput(name));
  }

  /** Feed the next chunk of the bundle. */
  push(chunk) {
    const bytes = toBytes(chunk, 'StreamVerifier.push(chunk)', { strings: false });
    const v = this.#live();
    call(() => v.push(bytes));
  }

  /** { bytes_in, lines, statements } so far. */
  progress() {
    const v = this.#live();
    return call(() => v.progress());
  }

  /** Signature jobs ready for a SignatureWorker (with externalSignatures: true). */
  takeSignatureJobs() {
    const v = this.#live();
    return call(() => v.takeSignatureJobs());
  }

  /** Deliver a job's verdicts (one byte per signature, 1 = valid). */
  completeSignatureJob(id, verdicts) {
    const bytes = toBytes(verdicts, 'completeSignatureJob(id, verdicts)', { strings: false });
    const v = this.#live();
    call(() => v.completeSignatureJob(id, bytes));
  }

  /** End of input: the last jobs become available to takeSignatureJobs(). finish() implies it. */
  endInput() {
    const v = this.#live();
    call(() => v.endInput());
  }

  /**
   * The report. Pass the whole bundle's bytes when you have them (an array of every input's bytes
   * after beginInput), so forks carry both lines as proof (as verify() does). Jobs still
   * outstanding are verified here. Frees the verifier.
   */
  finish(bundle) {
    const v = this.#live();
    this.#v = undefined;
    try {
      const forks = call(() => v.finish());
      if (forks && bundle !== undefined) {
        const all = (Array.isArray(bundle) ? bundle : [bundle]).map((b) => toBytes(b, 'StreamVerifier.finish(bundle)', { strings: false }));
        call(() => v.attachForkProofs(all));
      }
      return call(() => v.takeReport());
    } finally {
      v.free();
    }
  }

  /** Release the verifier without a report. */
  free() {
    this.#v?.free();
    this.#v = undefined;
  }
}

/**
 * Verifies signature jobs from StreamVerifier.takeSignatureJobs(), on any thread: one verdict byte
 * per signature (1 = valid under strict Ed25519). Give each key's jobs to the same worker.
 */
export class SignatureWorker {
  #w;

  constructor() {
    this.#w = call(() => new wasm.SignatureWorker());
  }

  /** @returns {Uint8Array} */
  verify(job) {
    if (job === null || typeof job !== 'object') throw new TypeError('SignatureWorker.verify(job): expected a job');
    const w = this.#w;
    if (!w) throw new QinglianError('WORKER_FREED', 'this SignatureWorker was freed');
    const publicKey = toBytes(job.publicKey, 'job.publicKey', { strings: false });
    const messages = toBytes(job.messages, 'job.messages', { strings: false });
    const signatures = toBytes(job.signatures, 'job.signatures', { strings: false });
    if (!(job.ends instanceof Uint32Array)) throw new TypeError('job.ends: expected a Uint32Array');
    return call(() => w.verify(publicKey, messages, job.ends, signatures));
  }

  free() {
    this.#w?.free();
    this.#w = undefined;
  }
}

/** Jobs in flight per port before verify() waits for verdicts. */
const JOBS_PER_PORT = 8;

/**
 * A signature pool for verify() over ports to workers that run serveSignatureJobs(): one key's jobs
 * always go to one port, whose worker keeps that key's table. `fail()` rejects the jobs in flight
 * and every later one, so verify() verifies them itself (for a worker that died).
 */
export function portSignaturePool(ports) {
  if (!Array.isArray(ports) || ports.length === 0) throw new TypeError('portSignaturePool(ports): expected a non-empty array of ports');
  const waiting = new Map();
  let failure = null;
  for (const port of ports) {
    listen(port, (m) => {
      const w = waiting.get(m?.id);
      waiting.delete(m?.id);
      if (m?.error) w?.reject(new Error(m.error.message));
      else w?.resolve(m.verdicts);
    });
  }
  return {
    capacity: JOBS_PER_PORT * ports.length,
    verify(job) {
      if (failure) return Promise.reject(failure);
      const port = ports[job.publicKey[0] % ports.length];
      return new Promise((resolve, reject) => {
        waiting.set(job.id, { resolve, reject });
        port.postMessage(job, [job.publicKey.buffer, job.messages.buffer, job.ends.buffer, job.signatures.buffer]);
      });
    },
    fail(reason) {
      failure = reason instanceof Error ? reason : new Error(String(reason ?? 'signature worker failed'));
      for (const w of waiting.values()) w.reject(failure);
      waiting.clear();
    },
  };
}

/**
 * In a worker: answer the signature jobs of a portSignaturePool() arriving on `port`. A job that
 * cannot be verified here (the module failed to load, say) gets an error, and the verifier verifies
 * it itself; nothing waits for an answer that cannot come.
 */
export function serveSignatureJobs(port) {
  let worker = null;
  listen(port, (job) => {
    try {
      worker ??= new SignatureWorker();
      const verdicts = worker.verify(job);
      port.postMessage({ id: job.id, verdicts }, [verdicts.buffer]);
    } catch (e) {
      port.postMessage({ id: job?.id, error: { message: String(e?.message ?? e), code: typeof e?.code === 'string' ? e.code : undefined } });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Trust roots, catalogue, codes, configuration
// ---------------------------------------------------------------------------------------------

/** Parse a trust root (file contents) and check its own threshold. Throws QinglianError ROOT_*. */
export function parseRoot(root) {
  const bytes = toBytes(root, 'parseRoot(root)');
  return call(() => wasm.parseRoot(bytes));
}

/**
 * What the key with `publicKey` (64 hex digits) may sign under `root`: `{ department, name, kinds }`.
 * Throws QinglianError KEY_UNKNOWN when the root does not list it (ROOT_* for a bad root).
 */
export function signingRights(root, publicKey) {
  const bytes = toBytes(root, 'signingRights(root)');
  if (typeof publicKey !== 'string') throw new TypeError('signingRights(root, publicKey): publicKey must be a hex string');
  return call(() => producer().signingRights(bytes, publicKey));
}

/** Throw a QinglianError unless `newer` validly succeeds `older` (same federation, next version, thresholds). */
export function checkRootSuccessor(older, newer) {
  const a = toBytes(older, 'checkRootSuccessor(older)');
  const b = toBytes(newer, 'checkRootSuccessor(newer)');
  call(() => wasm.checkRootSuccessor(a, b));
}

/**
 * Bytes of WebAssembly memory the verifier module has grown to. Memory never shrinks, so this is
 * the peak of every run so far in this module instance (for measuring, e.g. per-record figures).
 */
export function memoryBytes() {
  return call(() => wasm.memoryBytes());
}

/**
 * The names of the core's identifiers: record kinds, check families, co-bidding graph reasons,
 * cost-chain stages and problem codes, each `{ id, zh, en }` in its canonical order.
 */
export function vocabulary() {
  return call(() => wasm.vocabulary());
}

/** Every consistency check with its metadata (id, family, severity, titles, rule, source, params). */
export function catalogue() {
  return call(() => wasm.catalogue());
}

/** Every problem code with its severity and meaning in Chinese and English. */
export function codes() {
  return call(() => wasm.codes());
}

/** Throw QinglianError CONFIG_INVALID unless `config` is a valid check configuration. */
export function validateCheckConfig(config) {
  call(() => wasm.validateCheckConfig(config));
}

// ---------------------------------------------------------------------------------------------
// Producers
// ---------------------------------------------------------------------------------------------

/**
 * A new signing key: 32 random bytes from crypto.getRandomValues (or the `seed` given, for keys
 * kept elsewhere), with its public key and key id (hex).
 */
export function generateKey(seed) {
  const bytes =
    seed === undefined ? globalThis.crypto.getRandomValues(new Uint8Array(32)) : toBytes(seed, 'generateKey(seed)', { strings: false });
  return call(() => producer().keyFromSeed(bytes));
}

// ---------------------------------------------------------------------------------------------
// Key files (docs/format.md §Key files). The document and its codes are the core's; only the age
// decryption is here, with `age-encryption`, loaded on first use so a verifier never carries it.
// ---------------------------------------------------------------------------------------------

/** scrypt work factors (log2 N) of key files: `{ default, min, max }`. */
export function keyFileWorkFactors() {
  return call(() => producer().keyFileWorkFactors());
}

/**
 * Open a key file: `{ department, seed, publicKey, keyId }`. An encrypted file needs `passphrase`
 * (else QinglianError KEY_FILE_ENCRYPTED); a wrong one is KEY_FILE_PASSPHRASE. With `log`, a key of
 * another department is KEY_WRONG_DEPARTMENT. The seed lives in memory only.
 */
export async function openKeyFile(file, options = {}) {
  const bytes = toBytes(file, 'openKeyFile(file)');
  if (options === null || typeof options !== 'object') throw new TypeError('openKeyFile(file, options?): options must be an object');
  const { passphrase, log } = options;
  if (passphrase !== undefined && typeof passphrase !== 'string') throw new TypeError('openKeyFile: passphrase must be a string');
  if (log !== undefined && typeof log !== 'string') throw new TypeError('openKeyFile: log must be a string');
  try {
    return call(() => producer().readKeyFile(bytes, log));
  } catch (e) {
    if (!(e instanceof QinglianError) || e.code !== 'KEY_FILE_ENCRYPTED' || passphrase === undefined) throw e;
  }
  const plain = await decryptAge(bytes, passphrase);
  return call(() => producer().readKeyFile(plain, log));
}

/**
 * The key file for `department` and a 32-byte `seed`, encrypted with `passphrase` (age, ASCII
 * armour, scrypt at `workFactor`, default 18): the text to save as `<department>.key`.
 */
export async function sealKeyFile(department, seed, passphrase, options = {}) {
  if (typeof department !== 'string') throw new TypeError('sealKeyFile(department, seed, passphrase): department must be a string');
  const s = toBytes(seed, 'sealKeyFile(seed)', { strings: false });
  if (typeof passphrase !== 'string' || passphrase.length === 0) throw new TypeError('sealKeyFile: passphrase must be a non-empty string');
  const factors = keyFileWorkFactors();
  const workFactor = options.workFactor ?? factors.default;
  if (!Number.isInteger(workFactor) || workFactor < factors.min || workFactor > factors.max) {
    throw new RangeError(`sealKeyFile: workFactor must be an integer ${factors.min}..${factors.max}`);
  }
  const text = call(() => producer().keyFileText(department, s));
  const age = await import('age-encryption');
  const e = new age.Encrypter();
  e.setPassphrase(passphrase);
  e.setScryptWorkFactor(workFactor);
  return age.armor.encode(await e.encrypt(text));
}

async function decryptAge(bytes, passphrase) {
  const age = await import('age-encryption');
  const fail = (code, err) => {
    const e = call(() => producer().keyFileError(code, String(err?.message ?? err)));
    return new QinglianError(e.code, e.message);
  };
  let binary = bytes;
  const text = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
  if (text.startsWith('-----BEGIN AGE ENCRYPTED FILE-----')) {
    try {
      binary = age.armor.decode(new TextDecoder().decode(bytes));
    } catch (err) {
      throw fail('KEY_FILE_UNDECRYPTABLE', err);
    }
  }
  const d = new age.Decrypter();
  d.addPassphrase(passphrase);
  try {
    return await d.decrypt(binary, 'uint8array');
  } catch (err) {
    // age-encryption's words for "the passphrase did not unwrap the file key".
    const wrong = /no identity matched/.test(String(err?.message));
    throw fail(wrong ? 'KEY_FILE_PASSPHRASE' : 'KEY_FILE_UNDECRYPTABLE', err);
  }
}

const ADOPT = Symbol('adopt a wasm LogWriter');

/** Signs records into one department log; holds the key and the log head. */
export class LogWriter {
  #w;

  /**
   * @param {string} log e.g. "zjj/main"
   * @param {Uint8Array} seed the 32-byte key seed
   * @param {{ seq: number, head: string }} [head] where the log stands (omit for a new log)
   */
  constructor(log, seed, head) {
    if (log === ADOPT) {
      this.#w = seed;
      return;
    }
    if (typeof log !== 'string') throw new TypeError('LogWriter(log, seed, head?): log must be a string');
    const s = toBytes(seed, 'LogWriter(seed)', { strings: false });
    if (head !== undefined && head !== null && (typeof head !== 'object' || typeof head.seq !== 'number')) {
      throw new TypeError('LogWriter(log, seed, head?): head must be { seq, head }');
    }
    this.#w = call(() => (head ? new (producer().LogWriter)(log, s, head.seq, head.head ?? undefined) : new (producer().LogWriter)(log, s)));
  }

  /**
   * A writer whose signatures are made elsewhere, e.g. by a non-extractable WebCrypto Ed25519 key:
   * it holds only the public key. `prepare(draft)` gives the bytes to sign, `complete(signature)`
   * checks the signature in the core and seals the record.
   */
  static external(log, publicKey, head) {
    if (typeof log !== 'string') throw new TypeError('LogWriter.external(log, publicKey, head?): log must be a string');
    if (typeof publicKey !== 'string') throw new TypeError('LogWriter.external(log, publicKey, head?): publicKey must be 64 hex digits');
    if (head !== undefined && head !== null && (typeof head !== 'object' || typeof head.seq !== 'number')) {
      throw new TypeError('LogWriter.external(log, publicKey, head?): head must be { seq, head }');
    }
    const P = producer().LogWriter;
    return new LogWriter(ADOPT, call(() => (head ? P.external(log, publicKey, head.seq, head.head ?? undefined) : P.external(log, publicKey))));
  }

  /** Lay out the next record for an external signer: `{ bytes, id }`, the exact bytes to sign. */
  prepare(draft) {
    if (draft === null || typeof draft !== 'object') throw new TypeError('LogWriter.prepare(draft): expected an object');
    return call(() => this.#w.prepare(draft));
  }

  /** Seal the prepared record with its 64-byte signature (SIGNATURE_INVALID if it does not verify). */
  complete(signature) {
    const sig = toBytes(signature, 'LogWriter.complete(signature)', { strings: false });
    return call(() => this.#w.complete(sig));
  }

  /** A writer continuing a log file (its contents): the head is the file's highest record of `log`. */
  static fromLog(log, seed, file) {
    if (typeof log !== 'string') throw new TypeError('LogWriter.fromLog(log, seed, file): log must be a string');
    const s = toBytes(seed, 'LogWriter.fromLog(seed)', { strings: false });
    const bytes = toBytes(file, 'LogWriter.fromLog(file)');
    return new LogWriter(ADOPT, call(() => producer().LogWriter.fromLog(log, s, bytes)));
  }

  /**
   * From now on refuse to sign what this trust root would not authorise for the key, log and kind
   * (QinglianError KEY_UNKNOWN, KEY_WRONG_DEPARTMENT, KIND_NOT_AUTHORIZED, KEY_REVOKED ...).
   */
  requireRoot(root) {
    const bytes = toBytes(root, 'LogWriter.requireRoot(root)');
    call(() => this.#w.requireRoot(bytes));
  }

  /**
   * Throw QinglianError HEAD_STALE when `heads` ([{ log, seq, head }], e.g. from a report's logs or
   * heads_to_remember) show this log further on than the writer: signing would fork it.
   */
  assertCurrent(heads) {
    if (!Array.isArray(heads)) throw new TypeError('LogWriter.assertCurrent(heads): heads must be an array of { log, seq, head }');
    call(() => this.#w.assertCurrent(heads.map((h) => ({ log: h?.log, seq: h?.seq, head: h?.head }))));
  }

  /** Sign the next record. Throws QinglianError (BODY_INVALID with `path`, UNKNOWN_KIND, ...). */
  append(draft) {
    if (draft === null || typeof draft !== 'object') throw new TypeError('LogWriter.append(draft): expected an object');
    return call(() => this.#w.append(draft));
  }

  /**
   * Sign a batch (an import's `statements`) all or nothing: `[{ statement, id, line }]` in signing
   * order. On an error nothing is signed; the QinglianError's `statement` names the draft.
   */
  appendBatch(statements, time) {
    if (!Array.isArray(statements)) throw new TypeError('LogWriter.appendBatch(statements, time): statements must be an array');
    if (typeof time !== 'string') throw new TypeError('LogWriter.appendBatch(statements, time): time must be an RFC 3339 string');
    return call(() => this.#w.appendBatch(statements, time));
  }

  /** Sign a checkpoint of the current head. */
  checkpoint(time) {
    if (typeof time !== 'string') throw new TypeError('LogWriter.checkpoint(time): time must be an RFC 3339 string');
    return call(() => this.#w.checkpoint(time));
  }

  get log() {
    return this.#w.log;
  }
  get seq() {
    return this.#w.seq;
  }
  get head() {
    return this.#w.head ?? null;
  }
  get keyId() {
    return this.#w.keyId;
  }
  get publicKey() {
    return this.#w.publicKey;
  }

  /** Wipe the key from the module's memory now (otherwise when garbage-collected). */
  free() {
    this.#w?.free();
    this.#w = undefined;
  }
}

/**
 * A witness department's cosignature of another department's log head (the statement names the
 * witness department, `witness`, e.g. "sjj").
 */
export function cosign(seed, witness, claim, time) {
  const s = toBytes(seed, 'cosign(seed)', { strings: false });
  if (typeof witness !== 'string') throw new TypeError('cosign(seed, witness, claim, time): witness must be a department id');
  if (claim === null || typeof claim !== 'object') throw new TypeError('cosign(seed, witness, claim, time): claim must be { log, seq, head }');
  if (typeof time !== 'string') throw new TypeError('cosign(seed, witness, claim, time): time must be an RFC 3339 string');
  const { log, seq, head } = claim;
  if (typeof log !== 'string' || typeof seq !== 'number' || typeof head !== 'string') {
    throw new TypeError('cosign(seed, witness, claim, time): claim must be { log: string, seq: number, head: string }');
  }
  return call(() => producer().cosign(s, witness, log, seq, head, time));
}

/**
 * Write a bundle: the header, the roots, then every statement of `lines` (strings or bytes; each may
 * hold several lines, such as a whole log file). Duplicates and non-statements are left out; with
 * `project`, other projects' records are too (registry records without a project are kept).
 */
export function exportBundle(o) {
  if (o === null || typeof o !== 'object') throw new TypeError('exportBundle(o): expected an object');
  const { federation, created, roots = [], lines = [], project, description } = o;
  if (typeof federation !== 'string') throw new TypeError('exportBundle: federation must be a string');
  if (typeof created !== 'string') throw new TypeError('exportBundle: created must be an RFC 3339 string');
  if (!Array.isArray(roots) || !Array.isArray(lines)) throw new TypeError('exportBundle: roots and lines must be arrays');
  const text = (xs, name) => xs.map((x, i) => toText(x, `${name}[${i}]`));
  for (const [v, name] of [[project, 'project'], [description, 'description']]) {
    if (v !== undefined && typeof v !== 'string') throw new TypeError(`exportBundle: ${name} must be a string`);
  }
  return call(() => producer().exportBundle(federation, created, description, text(roots, 'roots'), text(lines, 'lines'), project));
}


function seedsOf(seeds, name) {
  if (!Array.isArray(seeds)) throw new TypeError(`${name}: expected an array of 32-byte seeds`);
  const out = new Uint8Array(32 * seeds.length);
  seeds.forEach((s, i) => {
    const b = toBytes(s, `${name}[${i}]`, { strings: false });
    if (b.length !== 32) throw new TypeError(`${name}[${i}]: expected 32 bytes`);
    out.set(b, 32 * i);
  });
  return out;
}

/**
 * Sign a federation trust root: version 1 from `spec`, or, with `previous` (the current root's
 * file contents), its successor (version + 1, prev = its fingerprint). Sign with enough keys for
 * the threshold(s) now, or add signatures later with signRoot(); parseRoot() /
 * checkRootSuccessor() say whether it is valid yet.
 */
export function createRoot(spec, seeds, time, previous) {
  if (spec === null || typeof spec !== 'object') throw new TypeError('createRoot(spec, seeds, time, previous?): spec must be an object');
  if (typeof time !== 'string') throw new TypeError('createRoot(spec, seeds, time, previous?): time must be an RFC 3339 string');
  const s = seedsOf(seeds, 'createRoot(seeds)');
  const prev = previous === undefined ? undefined : toBytes(previous, 'createRoot(previous)');
  return call(() => producer().createRoot(spec, s, time, prev));
}

/** Add signatures to a root (file contents): threshold signing passes the file around. */
export function signRoot(root, seeds) {
  const r = toBytes(root, 'signRoot(root)');
  const s = seedsOf(seeds, 'signRoot(seeds)');
  return call(() => producer().signRoot(r, s));
}
