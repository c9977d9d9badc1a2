// Where a .wasm comes from (bytes, a compiled module, a URL, a Response), shared by the verifier
// module's loader (wasm.js) and the import module's (import.js). Imports nothing, so that neither
// module's glue is pulled in by the other's entry point.

export function isBytes(x) {
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

/** Throw a TypeError unless `input` is something a wasm-bindgen `init` accepts. */
export function checkSource(input, what) {
  if (input === undefined || input === null) {
    throw new TypeError(`${what}: pass the .wasm as bytes, a WebAssembly.Module, a URL or a Response`);
  }
  const ok =
    isBytes(input) ||
    input instanceof WebAssembly.Module ||
    input instanceof URL ||
    typeof input === 'string' ||
    isResponse(input) ||
    typeof input?.then === 'function';
  if (!ok) throw new TypeError(`${what}: unsupported input ${Object.prototype.toString.call(input)}`);
}

/** What to hand to a wasm-bindgen `init`: file: URLs read (Node), everything else as it is. */
export async function wasmSource(input) {
  const file = fileUrl(input);
  return file ? readFileUrl(file) : input;
}
