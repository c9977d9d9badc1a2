// "qinglian/worker" for browsers and bundlers: verifyInWorker() runs the verifier in a module Web
// Worker with `threads` more workers verifying signatures. Same result as verify(); progress events;
// cancel with an AbortSignal (the workers are terminated).
import { defaultWasmUrl } from './wasm.js';
import { isBytes } from './internal.js';
import { verifyWithWorkers } from './worker-pool.js';

let defaultModule;

async function compile(input) {
  if (input instanceof WebAssembly.Module) return input;
  if (isBytes(input)) return WebAssembly.compile(input);
  if (input === undefined) return (defaultModule ??= fetchModule(defaultWasmUrl()));
  if (typeof Response === 'function' && input instanceof Response) return compileResponse(input);
  if (input instanceof URL || typeof input === 'string') return fetchModule(input);
  throw new TypeError('options.wasm: expected a WebAssembly.Module, bytes, a URL or a Response');
}

async function fetchModule(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`cannot load ${url}: HTTP ${res.status}`);
  return compileResponse(res);
}

async function compileResponse(res) {
  // compileStreaming needs the application/wasm type; fall back to the bytes otherwise.
  if (typeof WebAssembly.compileStreaming === 'function' && res.headers.get('content-type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(res);
  }
  return WebAssembly.compile(await res.arrayBuffer());
}

const platform = {
  spawn: () => new Worker(new URL('./worker-main.js', import.meta.url), { type: 'module', name: 'qinglian' }),
  listen(worker, onMessage, onError) {
    worker.onmessage = (e) => onMessage(e.data);
    worker.onerror = (e) => {
      e.preventDefault?.();
      onError(new Error(`verification worker failed: ${e.message ?? 'could not start (check worker-src in the CSP)'}`));
    };
    worker.onmessageerror = () => onError(new Error('verification worker: a message could not be read'));
  },
  defaultThreads: () => globalThis.navigator?.hardwareConcurrency ?? 2,
  compile,
};

/**
 * Verify `bundle` in workers. Options are those of verify() plus `threads` (signature workers,
 * default navigator.hardwareConcurrency capped at 4; 0 = none) and `wasm` (the module, its bytes,
 * URL or Response, when it is not next to this file).
 */
export function verifyInWorker(bundle, options) {
  return verifyWithWorkers(platform, bundle, options);
}
