// verifyInWorker(): the caller's side, shared by the browser (worker.js) and Node (worker-node.js)
// entries, which supply the platform: how to start a worker, listen to it, count cores and compile
// the module. One worker runs the Verifier; `threads` more verify signatures, connected to it by
// MessageChannels so jobs never pass through the caller's thread.
import { QinglianError } from './errors.js';
import { checkAborted, chunksOf, describe, isBlob, isBundleInput, isBytes, verifierArgs } from './internal.js';

/** At most this many signature workers by default (beyond that, parsing in the verifier is the bottleneck). */
export const MAX_DEFAULT_THREADS = 4;

/**
 * @param {{ spawn(): any, listen(worker: any, onMessage: (m: any) => void, onError: (e: unknown) => void): void,
 *           defaultThreads(): number, compile(input: unknown): Promise<WebAssembly.Module> }} platform
 */
export async function verifyWithWorkers(platform, bundle, options) {
  if (!isBundleInput(bundle)) {
    throw new TypeError(`verifyInWorker(bundle, options): bundle must be a Uint8Array, Blob or ReadableStream, got ${describe(bundle)}`);
  }
  const { signal, onProgress, threads, wasm: wasmInput, root, checks, knownHeads, limits, failOn } = options ?? {};
  verifierArgs(options); // argument shapes: a TypeError here, in the caller's stack
  const n = threads === undefined ? Math.max(1, Math.min(MAX_DEFAULT_THREADS, platform.defaultThreads())) : threads;
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new TypeError('options.threads: expected an integer from 0 to 64');
  checkAborted(signal);
  const module = await platform.compile(wasmInput);
  checkAborted(signal);

  const workers = [];
  const stop = () => {
    for (const w of workers.splice(0)) {
      try {
        w.terminate();
      } catch {
        // already gone
      }
    }
  };
  let input;
  return await new Promise((resolve, reject) => {
    let done = false;
    const finish = (fn, value) => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      stop();
      input?.return?.().catch(() => {});
      fn(value);
    };
    const onAbort = () => finish(reject, signal.reason ?? new DOMException('the operation was aborted', 'AbortError'));
    signal?.addEventListener('abort', onAbort, { once: true });
    const onError = (e) => finish(reject, e instanceof Error ? e : new Error(`verification worker failed: ${String(e?.message ?? e)}`));

    try {
      const verifier = platform.spawn();
      workers.push(verifier);
      const channels = [];
      for (let i = 0; i < n; i++) {
        const w = platform.spawn();
        workers.push(w);
        const { port1, port2 } = new MessageChannel();
        channels.push(port1);
        platform.listen(w, (m) => m?.type === 'error' && onError(toError(m.error)), onError);
        w.postMessage({ type: 'init', role: 'signatures', module, port: port2 }, [port2]);
      }
      platform.listen(
        verifier,
        (m) => {
          switch (m?.type) {
            case 'progress':
              try {
                onProgress?.(m.progress);
              } catch (e) {
                onError(e);
              }
              break;
            case 'pull':
              input ??= chunksOf(bundle);
              input.next().then(
                (r) => {
                  if (done) return;
                  if (r.done) verifier.postMessage({ type: 'end' });
                  else {
                    // Our own copy, transferred: the caller's buffers stay usable.
                    const bytes = r.value.slice();
                    verifier.postMessage({ type: 'chunk', bytes }, [bytes.buffer]);
                  }
                },
                onError,
              );
              break;
            case 'done':
              finish(resolve, m.report);
              break;
            case 'error':
              onError(toError(m.error));
              break;
          }
        },
        onError,
      );
      verifier.postMessage({ type: 'init', role: 'verifier', module, ports: channels }, channels);
      const inMemory = isBytes(bundle) || (isBlob(bundle) && platform.cloneableBlobs !== false);
      const cloneable = { root, checks, knownHeads, limits, failOn };
      for (const k of Object.keys(cloneable)) if (cloneable[k] === undefined) delete cloneable[k];
      // Posting a view clones its whole ArrayBuffer: send just the bytes of a partial view.
      let message = bundle;
      if (isBytes(bundle) && ArrayBuffer.isView(bundle) && (bundle.byteOffset !== 0 || bundle.byteLength !== bundle.buffer.byteLength)) {
        message = new Uint8Array(bundle.buffer, bundle.byteOffset, bundle.byteLength).slice();
      }
      verifier.postMessage({ type: 'verify', source: inMemory ? 'message' : 'pull', bundle: inMemory ? message : undefined, options: cloneable });
    } catch (e) {
      onError(e);
    }
  });
}

function toError(d) {
  if (d?.code) return new QinglianError(d.code, d.message, { ...(d.path ? { path: d.path } : {}), ...(d.zh ? { zh: d.zh } : {}) });
  const e = new Error(d?.message ?? 'verification worker failed');
  if (d?.name) e.name = d.name;
  return e;
}
