// The public API, shared by every entry point (index.js, node.js, slim.js). Each function checks the
// module is loaded, calls the wasm binding and turns its errors into QinglianError. No rule of the
// format is implemented here: they all live in the Rust core.
import * as wasm from '../pkg/qinglian_wasm.js';
import { QinglianError, rethrow } from './errors.js';
import { assertReady } from './wasm.js';

export { QinglianError };

/** Version of the Qinglian core compiled into the WebAssembly module. */
export function version() {
  assertReady();
  return wasm.version();
}

/**
 * RFC 8785 (JCS) canonical form of `json` under the Qinglian profile: integers only within
 * ±(2^53−1), no duplicate keys, UTF-8. Throws QinglianError (code FLOAT_NUMBER, DUPLICATE_KEY,
 * INTEGER_OUT_OF_RANGE, JSON_SYNTAX, DEPTH_EXCEEDED, ...) on input outside the profile.
 * @param {string} json
 * @returns {string}
 */
export function canonicalize(json) {
  assertReady();
  if (typeof json !== 'string') throw new TypeError('canonicalize(json): json must be a string');
  try {
    return wasm.canonicalize(json);
  } catch (e) {
    rethrow(e);
  }
}

// ---------------------------------------------------------------------------------------------
// Verification API: to be added here (verify(bundle, trustRoot, options) -> report, streaming
// verifier, catalogue of problem codes), each a thin call into the wasm binding like the above.
// ---------------------------------------------------------------------------------------------
