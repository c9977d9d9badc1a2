// Internal helpers shared by api.js and the worker entry (worker-main.js). Not part of the public
// API (index.js re-exports api.js only). Nothing here decides anything about a bundle: these
// functions convert arguments, feed bytes to the wasm Verifier and turn its errors into QinglianError.
import * as wasm from '../pkg/qinglian_wasm.js';
import { rethrow } from './errors.js';
import { assertReady } from './wasm.js';

export { wasm };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Largest slice handed to the verifier at once (progress granularity on in-memory input). */
export const CHUNK = 1 << 20;

/** Run a wasm call, turning its errors into QinglianError. */
export function call(fn) {
  assertReady();
  try {
    return fn();
  } catch (e) {
    rethrow(e);
  }
}

export function isBytes(x) {
  return x instanceof Uint8Array || x instanceof ArrayBuffer || ArrayBuffer.isView(x);
}

/** A Uint8Array view of bytes (Uint8Array, other typed arrays, DataView, ArrayBuffer) or of a string's UTF-8. */
export function toBytes(x, name, { strings = true } = {}) {
  if (x instanceof Uint8Array) return x;
  if (x instanceof ArrayBuffer) return new Uint8Array(x);
  if (ArrayBuffer.isView(x)) return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  if (strings && typeof x === 'string') return encoder.encode(x);
  throw new TypeError(`${name}: expected ${strings ? 'a string or ' : ''}a Uint8Array, got ${describe(x)}`);
}

/** A string from a string or UTF-8 bytes. */
export function toText(x, name) {
  if (typeof x === 'string') return x;
  if (isBytes(x)) return decoder.decode(toBytes(x, name));
  throw new TypeError(`${name}: expected a string or a Uint8Array, got ${describe(x)}`);
}

export function describe(x) {
  if (x === null) return 'null';
  if (typeof x !== 'object') return typeof x;
  return Object.prototype.toString.call(x).slice(8, -1);
}

export function isBlob(x) {
  return typeof Blob === 'function' && x instanceof Blob;
}

export function isReadableStream(x) {
  return typeof ReadableStream === 'function' && x instanceof ReadableStream;
}

function isAsyncIterable(x) {
  return x !== null && typeof x === 'object' && typeof x[Symbol.asyncIterator] === 'function';
}

/** True for every bundle input verify() accepts. */
export function isBundleInput(x) {
  return isBytes(x) || isBlob(x) || isReadableStream(x) || isAsyncIterable(x);
}

/**
 * The options the wasm Verifier takes, from the public VerifyOptions:
 * { root?: Uint8Array, fingerprint?: string, options: {limits?, known_heads?, checks?} }.
 */
export function verifierArgs(options) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('options: expected an object with at least { root }');
  }
  const { root, checks, knownHeads, limits, failOn } = options;
  let rootBytes;
  let fingerprint;
  if (root !== null && typeof root === 'object' && !isBytes(root) && 'fingerprint' in root) {
    if (typeof root.fingerprint !== 'string') throw new TypeError('options.root.fingerprint: expected a string');
    fingerprint = root.fingerprint;
  } else if (root === undefined || root === null) {
    throw new TypeError('options.root: the pinned trust root (file contents) or { fingerprint } is required');
  } else {
    rootBytes = toBytes(root, 'options.root');
  }
  const o = {};
  if (limits !== undefined) o.limits = limits;
  if (knownHeads !== undefined) o.known_heads = knownHeads;
  if (failOn !== undefined && failOn !== null) o.fail_on = failOn;
  if (checks === undefined || checks === null || checks === true) o.checks = {};
  else if (checks !== false) o.checks = checks;
  return { rootBytes, fingerprint, options: o };
}

/** A wasm Verifier for the public options (throws QinglianError / TypeError on misuse). */
export function makeVerifier(options, externalSignatures) {
  const { rootBytes, fingerprint, options: o } = verifierArgs(options);
  return call(() => new wasm.Verifier(rootBytes, fingerprint, o, externalSignatures));
}

/**
 * Hands a wasm Verifier's signature jobs to `pool.verify(job)` (a promise of one verdict byte per
 * signature) and delivers the verdicts. A job whose promise rejects, or whose verdicts arrive after
 * the verifier is gone, stays with the verifier, which verifies it itself in finish(): nothing is
 * lost. `drain(n)` waits until at most `n` jobs are outstanding (back-pressure).
 */
export function signatureDispatcher(v, pool, capacity) {
  let outstanding = 0;
  let wake = null;
  const settled = () => {
    outstanding--;
    const w = wake;
    wake = null;
    w?.();
  };
  return {
    capacity,
    dispatch() {
      for (const job of call(() => v.takeSignatureJobs())) {
        outstanding++;
        Promise.resolve()
          .then(() => pool.verify(job))
          .then((verdicts) => {
            try {
              call(() => v.completeSignatureJob(job.id, verdicts));
            } catch {
              // the verifier finished or was freed meanwhile: finish() already verified the job
            }
          })
          .catch(() => {})
          .finally(settled);
      }
    },
    async drain(limit) {
      while (outstanding > limit) await new Promise((resolve) => (wake = resolve));
    },
  };
}

/**
 * Finish a wasm Verifier and free it. `whole` (the bundle's bytes, or an async function returning
 * them) is only read when the report names forks, to attach both lines as portable proof.
 */
export async function finishVerifier(v, whole) {
  try {
    const forks = call(() => v.finish());
    if (forks && whole) {
      const bytes = typeof whole === 'function' ? await whole() : whole;
      if (bytes) call(() => v.attachForkProofs(Array.isArray(bytes) ? bytes : [bytes]));
    }
    return call(() => v.takeReport());
  } finally {
    v.free();
  }
}

/** The whole bundle, when it is (or can be re-read) in memory: for fork proofs. */
export function wholeBundle(bundle) {
  if (isBytes(bundle)) return toBytes(bundle, 'bundle', { strings: false });
  if (isBlob(bundle)) return async () => new Uint8Array(await bundle.arrayBuffer());
  return undefined;
}

/** Every input's bytes, for fork proofs across several inputs (undefined if one is a stream). */
export function wholeInputs(inputs) {
  const each = inputs.map(wholeBundle);
  if (each.some((w) => w === undefined)) return undefined;
  return async () => Promise.all(each.map((w) => (typeof w === 'function' ? w() : w)));
}

/** The bundle as chunks of at most CHUNK bytes, whatever its form. */
export async function* chunksOf(bundle) {
  if (isBytes(bundle)) {
    const bytes = toBytes(bundle, 'bundle', { strings: false });
    if (bytes.length === 0) yield bytes;
    for (let off = 0; off < bytes.length; off += CHUNK) yield bytes.subarray(off, Math.min(bytes.length, off + CHUNK));
    return;
  }
  if (isBlob(bundle)) {
    yield* readStream(bundle.stream());
    return;
  }
  if (isReadableStream(bundle)) {
    yield* readStream(bundle);
    return;
  }
  if (isAsyncIterable(bundle)) {
    for await (const chunk of bundle) yield* split(toBytes(chunk, 'bundle chunk', { strings: false }));
    return;
  }
  throw new TypeError(`bundle: expected a Uint8Array, Blob or ReadableStream, got ${describe(bundle)}`);
}

async function* readStream(stream) {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield* split(toBytes(value, 'bundle chunk', { strings: false }));
    }
  } finally {
    reader.releaseLock();
  }
}

function* split(bytes) {
  if (bytes.length <= CHUNK) {
    yield bytes;
    return;
  }
  for (let off = 0; off < bytes.length; off += CHUNK) yield bytes.subarray(off, Math.min(bytes.length, off + CHUNK));
}

/** Let other tasks (abort events, worker messages, rendering) run: at most every `everyMs`. */
export function yielder(everyMs = 40) {
  let last = performance.now();
  return async (force = false) => {
    const now = performance.now();
    if (!force && now - last < everyMs) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    last = performance.now();
  };
}

/** Throw the signal's reason (an AbortError DOMException by default) when it has been aborted. */
export function checkAborted(signal) {
  if (signal?.aborted) {
    throw signal.reason ?? new DOMException('the operation was aborted', 'AbortError');
  }
}

/** Call `fn(data)` for each message on a worker_threads port, a MessagePort or a worker scope. */
export function listen(port, fn) {
  if (typeof port.on === 'function') port.on('message', fn);
  else port.onmessage = (e) => fn(e.data);
}
