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
