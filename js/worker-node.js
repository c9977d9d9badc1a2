// "qinglian/worker" in Node: verifyInWorker() with worker_threads. Same API and result as the
// browser entry (worker.js) and as verify().
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { defaultWasmUrl } from './wasm.js';
import { isBytes } from './internal.js';
import { verifyWithWorkers } from './worker-pool.js';

let defaultModule;

async function compile(input) {
  if (input instanceof WebAssembly.Module) return input;
  if (isBytes(input)) return WebAssembly.compile(input);
  if (input === undefined) return (defaultModule ??= readFile(defaultWasmUrl()).then((b) => WebAssembly.compile(b)));
  const url = typeof input === 'string' ? new URL(input, 'file:///') : input;
  if (url instanceof URL && url.protocol === 'file:') return WebAssembly.compile(await readFile(url));
  if (url instanceof URL || (typeof Response === 'function' && input instanceof Response)) {
    const res = url instanceof URL ? await fetch(url) : input;
    if (!res.ok) throw new Error(`cannot load ${url}: HTTP ${res.status}`);
    return WebAssembly.compile(await res.arrayBuffer());
  }
  throw new TypeError('options.wasm: expected a WebAssembly.Module, bytes, a URL or a Response');
}

const platform = {
  spawn: () => new Worker(new URL('./worker-main.js', import.meta.url), { name: 'qinglian' }),
  listen(worker, onMessage, onError) {
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', (code) => {
      if (code !== 0 && code !== 1) onError(new Error(`verification worker exited with code ${code}`));
    });
  },
  defaultThreads: () => availableParallelism(),
  // Node cannot clone file-backed Blobs (fs.openAsBlob) into a worker: stream them instead.
  cloneableBlobs: false,
  compile,
};

/**
 * Verify `bundle` in worker threads. Options are those of verify() plus `threads` (signature
 * workers, default os.availableParallelism() capped at 4; 0 = none) and `wasm` (the module, its
 * bytes or a URL).
 */
export function verifyInWorker(bundle, options) {
  return verifyWithWorkers(platform, bundle, options);
}
