// Default entry for Node (the "node" export condition). Loads both WebAssembly modules (verifier
// and producer) synchronously with node:fs on import, without top-level await.
import { readFileSync } from 'node:fs';
import { defaultWasmUrl, initSync } from './wasm.js';
import { defaultProducerWasmUrl, initProducerSync } from './producer-module.js';

export * from './api.js';

initSync(readFileSync(defaultWasmUrl()));
initProducerSync(readFileSync(defaultProducerWasmUrl()));
