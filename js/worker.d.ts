// Types of "qinglian/worker": verification in a Web Worker (browser) or worker_threads (Node).
import type { BundleInput, Report, VerifyOptions } from './api.js';

export interface WorkerVerifyOptions extends Omit<VerifyOptions, 'signaturePool'> {
  /**
   * Signature workers besides the verifier's own worker: default navigator.hardwareConcurrency
   * (browser) or os.availableParallelism() (Node), capped at 4; 0 = the verifier's worker checks
   * signatures itself.
   */
  threads?: number;
  /** The WebAssembly module (compiled, bytes, URL or Response) when it is not next to this package's files. */
  wasm?: WebAssembly.Module | Uint8Array | ArrayBuffer | URL | string | Response;
}

/**
 * Verify `bundle` off the calling thread. The result is identical to verify(); `onProgress` is
 * called with the worker's progress; aborting `signal` terminates the workers and rejects.
 */
export function verifyInWorker(bundle: BundleInput, options: WorkerVerifyOptions): Promise<Report>;
