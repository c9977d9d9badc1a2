// Types of "qinglian/slim": call init() before anything else.
export * from './api.js';

/**
 * The compiled module: its bytes, a compiled `WebAssembly.Module`, where to fetch it (`URL` or
 * string; `file:` URLs are read with node:fs in Node), a `Response`, or a promise of one.
 */
export type InitInput =
  | ArrayBuffer
  | ArrayBufferView
  | WebAssembly.Module
  | URL
  | string
  | Response
  | PromiseLike<Response>;

/** Load the WebAssembly module. Resolves at once if it is already loaded. */
export function init(input: InitInput): Promise<void>;

/** Load the WebAssembly module synchronously from bytes or a compiled module. */
export function initSync(input: ArrayBuffer | ArrayBufferView | WebAssembly.Module): void;

/**
 * Load the producer module (signing, key files, trust-root creation, the import and the bulletins):
 * default the packaged file ("qinglian/qinglian-import.wasm"). LogWriter, cosign, exportBundle, generateKey,
 * openKeyFile, sealKeyFile, keyFileWorkFactors, createRoot, signRoot and signingRights throw
 * NOT_INITIALIZED until it is loaded.
 */
export function initProducer(input?: InitInput): Promise<void>;

/** Load the producer module synchronously from bytes or a compiled module. */
export function initProducerSync(input: ArrayBuffer | ArrayBufferView | WebAssembly.Module): void;
