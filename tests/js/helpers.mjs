// Helpers shared by the JS tests. Everything here runs unchanged in Node and in the browser.

/** The packaged WebAssembly module, relative to this file (file: in Node, http: in the browser). */
export const wasmUrl = new URL('../../pkg/qinglian_wasm_bg.wasm', import.meta.url);

/** Bytes at `url`: read with node:fs for file: URLs, fetched otherwise. */
export async function readBytes(url) {
  if (url.protocol === 'file:') {
    const fs = await import('node:fs/promises');
    return new Uint8Array(await fs.readFile(url));
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** True when running under the browser harness. */
export const inBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';

/** Seed for generated tests: QINGLIAN_SEED in Node, ?seed= in the browser, else fixed. */
export function testSeed(fallback = 0x51ec0de) {
  let raw;
  if (inBrowser) raw = new URLSearchParams(location.search).get('seed');
  else raw = globalThis.process?.env?.QINGLIAN_SEED;
  return raw ? Number(raw) >>> 0 : fallback;
}

/** mulberry32: small, fast, deterministic PRNG returning floats in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  const pick = (arr) => arr[int(0, arr.length - 1)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}
