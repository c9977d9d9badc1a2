// Loading of the producer module (pkg/qinglian_wasm_import*): the table import, signing, key files,
// trust-root creation and the texts drawn from a report. A second WebAssembly module so that pages
// and portals that only verify never download it; the default entries load it with the verifier,
// "qinglian/slim" and "qinglian/import" load it on demand. Internal: not exported as is.
import initGlue, * as glue from '../pkg/qinglian_wasm_import.js';
import { QinglianError } from './errors.js';
import { checkSource, isBytes, wasmSource } from './source.js';

/** @type {Promise<void> | undefined} */
let loading;
let ready = false;

/** Where the packaged producer module lives, next to this file (bundlers recognise this pattern). */
export function defaultProducerWasmUrl() {
  return new URL('../pkg/qinglian_wasm_import_bg.wasm', import.meta.url);
}

/**
 * Load the producer module: its bytes, a compiled WebAssembly.Module, a URL (file: URLs are read with
 * node:fs) or a Response. Default: the packaged file. Resolves at once when it is loaded.
 */
export async function initProducer(input) {
  if (ready) return;
  if (!loading) {
    const source = input ?? defaultProducerWasmUrl();
    checkSource(source, 'initProducer(input)');
    loading = (async () => {
      await initGlue({ module_or_path: await wasmSource(source) });
      ready = true;
    })();
    // A failed load can be retried.
    loading.catch(() => (loading = undefined));
  }
  return loading;
}

/** Load the producer module synchronously from bytes or a WebAssembly.Module (Node, workers). */
export function initProducerSync(input) {
  if (ready) return;
  if (!isBytes(input) && !(input instanceof WebAssembly.Module)) {
    throw new TypeError('initProducerSync(input): pass the .wasm as bytes or a WebAssembly.Module');
  }
  glue.initSync({ module: input });
  ready = true;
}

/** The producer module's bindings; throws NOT_INITIALIZED until it is loaded. */
export function producer() {
  if (!ready) {
    throw new QinglianError(
      'NOT_INITIALIZED',
      'the Qinglian producer module (signing, key files, roots) is not loaded: await initProducer() from "qinglian/slim" first',
    );
  }
  return glue;
}
