// Default entry for Node (the "node" export condition). Loads the WebAssembly module synchronously
// with node:fs on import, without top-level await.
import { readFileSync } from 'node:fs';
import { defaultWasmUrl, initSync } from './wasm.js';

export * from './api.js';

initSync(readFileSync(defaultWasmUrl()));
