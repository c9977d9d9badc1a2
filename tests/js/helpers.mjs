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

/** Where tests/js/make-fixtures.mjs writes the CLI-generated fixtures (gitignored). */
export const fixturesUrl = new URL('../artifacts/fixtures/', import.meta.url);

/** Bytes of a fixture, e.g. fixture('demo/bundle.qlb'). */
export function fixture(path) {
  return readBytes(new URL(path, fixturesUrl));
}

/** A fixture as text. */
export async function fixtureText(path) {
  return new TextDecoder().decode(await fixture(path));
}

/** A fixture parsed as JSON. */
export async function fixtureJson(path) {
  return JSON.parse(await fixtureText(path));
}

/** The lines of a bundle (without the newline; a final empty line dropped). */
export function linesOf(bytes) {
  const text = typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes);
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** UTF-8 bytes of lines joined with newlines (and a final newline). */
export function bundleOf(lines) {
  return new TextEncoder().encode(lines.map((l) => `${l}\n`).join(''));
}

/** Hex string -> bytes. */
export function fromHex(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Bytes -> lowercase hex. */
export function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A ReadableStream of `bytes` in chunks of the sizes `sizes` yields in turn (cycled). */
export function streamOf(bytes, sizes = [65536]) {
  let off = 0;
  let k = 0;
  return new ReadableStream({
    pull(controller) {
      if (off >= bytes.length) return controller.close();
      const n = sizes[k++ % sizes.length];
      controller.enqueue(bytes.slice(off, off + n));
      off += n;
    },
  });
}
