// Default entry for browsers and bundlers (and any runtime that is not matched by the "node"
// export condition). Loads the WebAssembly module on import with top-level await: the .wasm next to
// this package is fetched (or read with node:fs when the package sits on a file: URL).
import { defaultWasmUrl, init } from './wasm.js';

export * from './api.js';

await init(defaultWasmUrl());
