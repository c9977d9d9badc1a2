// Loading of the WebAssembly module, shared by every entry point. Internal: not exported as is.
import initGlue, { initSync as initGlueSync } from '../pkg/qinglian_wasm.js';
import { QinglianError } from './errors.js';
import { checkSource, isBytes, wasmSource } from './source.js';

let ready = false;
/** @type {Promise<void> | undefined} */
let loading;

/** Where the packaged module lives, next to this file (bundlers recognise this pattern). */
export function defaultWasmUrl() {
  return new URL('../pkg/qinglian_wasm_bg.wasm', import.meta.url);
}

/** Throw a QinglianError with code NOT_INITIALIZED unless init() has completed. */
export function assertReady() {
  if (!ready) {
    throw new QinglianError(
      'NOT_INITIALIZED',
      'the Qinglian WebAssembly module is not loaded yet: await init(...) from "qinglian/slim" first',
    );
  }
}

/**
 * Load the module. `input`: bytes (ArrayBuffer, typed array, Buffer), a WebAssembly.Module,
 * a URL or URL string (http(s): is fetched, file: is read with node:fs), a Response, or a promise
 * of a Response. Calling it again after success does nothing.
 */
export async function init(input) {
  if (ready) return;
  if (loading) return loading;
  checkSource(input, 'init(input)');
  loading = (async () => {
    await initGlue({ module_or_path: await wasmSource(input) });
    ready = true;
  })();
  try {
    await loading;
  } finally {
    loading = undefined;
  }
}

/** Load the module synchronously from bytes or a WebAssembly.Module (Node, workers). */
export function initSync(input) {
  if (ready) return;
  if (!isBytes(input) && !(input instanceof WebAssembly.Module)) {
    throw new TypeError('initSync(input): pass the .wasm as bytes or a WebAssembly.Module');
  }
  initGlueSync({ module: input });
  ready = true;
}
