// Default entry for browsers and bundlers (and any runtime that is not matched by the "node"
// export condition). Loads both WebAssembly modules on import with top-level await, the verifier
// and the producer (signing, key files, roots): the .wasm files next to this package are fetched
// (or read with node:fs when the package sits on a file: URL). Pages that only verify use
// "qinglian/slim" and never download the producer module.
import { defaultWasmUrl, init } from './wasm.js';
import { initProducer } from './producer-module.js';

export * from './api.js';

await Promise.all([init(defaultWasmUrl()), initProducer()]);
