// Loading of the WebAssembly module, shared by every entry point. Internal: not exported as is.
import initGlue, { initSync as initGlueSync } from '../pkg/qinglian_wasm.js';
import { QinglianError } from './errors.js';

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

function isBytes(x) {
  return x instanceof ArrayBuffer || ArrayBuffer.isView(x);
}

function isResponse(x) {
  return typeof Response === 'function' && x instanceof Response;
}

/** A `file:` URL given as a URL or a string, else undefined. */
function fileUrl(input) {
  if (input instanceof URL) return input.protocol === 'file:' ? input : undefined;
  if (typeof input === 'string' && input.startsWith('file:')) return new URL(input);
  return undefined;
}

/** Node's fetch cannot read file: URLs, so read them with node:fs (only ever reached in Node). */
async function readFileUrl(url) {
  const fsName = 'node:fs/promises';
  // A computed specifier keeps bundlers from trying to include node:fs in browser builds.
  const fs = await import(/* webpackIgnore: true */ /* @vite-ignore */ fsName);
  return fs.readFile(url);
}

/**
 * Load the module. `input`: bytes (ArrayBuffer, typed array, Buffer), a WebAssembly.Module,
 * a URL or URL string (http(s): is fetched, file: is read with node:fs), a Response, or a promise
 * of a Response. Calling it again after success does nothing.
 */
export async function init(input) {
  if (ready) return;
  if (loading) return loading;
  if (input === undefined || input === null) {
    throw new TypeError('init(input): pass the .wasm as bytes, a WebAssembly.Module, a URL or a Response');
  }
  const isThenable = typeof input?.then === 'function';
  if (
    !isBytes(input) &&
    !(input instanceof WebAssembly.Module) &&
    !(input instanceof URL) &&
    typeof input !== 'string' &&
    !isResponse(input) &&
    !isThenable
  ) {
    throw new TypeError(`init(input): unsupported input ${Object.prototype.toString.call(input)}`);
  }
  loading = (async () => {
    const file = fileUrl(input);
    const source = file ? await readFileUrl(file) : input;
    await initGlue({ module_or_path: source });
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
