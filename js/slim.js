// "qinglian/slim": nothing is loaded on import. Call `await init(input)` with the .wasm as bytes,
// a WebAssembly.Module, a URL or a Response (for example from your own CDN or cache) before using
// the API; the packaged module is available as "qinglian/qinglian.wasm". Signing, key files and
// creating roots need the producer module too: `await initProducer(input?)` (default: the packaged
// "qinglian/qinglian-import.wasm").
export * from './api.js';
export { init, initSync } from './wasm.js';
export { initProducer, initProducerSync } from './producer-module.js';
