// The page's side of the verification worker: one worker at a time, requests by id, cancel by
// terminating the worker (the core runs synchronously inside it) and starting a fresh one.
import type { FromWorker, ToSignatureWorker, ToWorker } from './protocol.js';
import type { CheckMeta, KnownHead, ParsedRoot, Report, Vocabulary } from './types.js';

declare const QL_OFFLINE: boolean;
declare const QL_WORKER_SOURCE: string;

export interface VerifyProgress {
  phase: 'read' | 'finish';
  bytes: number;
  total: number;
  lines: number;
  statements: number;
  elapsed: number;
}

export interface VerifyResult {
  report: Report;
  sha256: string;
  elapsed: number;
  roots: { text: string; root: ParsedRoot }[];
  /** Signature workers that helped (0: all in the verification worker). */
  signatureWorkers: number;
}

export class ApiError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

type Pending = { resolve: (m: FromWorker) => void; reject: (e: Error) => void; onProgress?: (p: VerifyProgress) => void };

export interface Ready {
  version: string;
  catalogue: CheckMeta[];
  vocabulary: Vocabulary;
}

let worker: Worker | null = null;
/** Started with the verification worker and ended with it (see `start`). */
let signatureWorkers: Worker[] = [];
let readyPromise: Promise<Ready> | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

/** Where the wasm comes from: next to the page, or inlined (base64) in the offline file. */
export function wasmSource(): ArrayBuffer | string {
  if (QL_OFFLINE) {
    const el = document.getElementById('ql-wasm');
    const b64 = el?.textContent?.trim() ?? '';
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes.buffer;
  }
  return new URL('qinglian.wasm', location.href).href;
}

/**
 * The second module (producer and import: signing, key files, roots, bulletins): next to the page,
 * or inlined (base64) in the offline file. Loaded only when the user signs or opens a bulletin.
 */
export function importWasmSource(): Uint8Array | URL {
  if (QL_OFFLINE) {
    const b64 = document.getElementById('ql-import-wasm')?.textContent?.trim() ?? '';
    if (!b64) throw Object.assign(new Error('the offline file carries no producer module'), { code: 'NOT_AVAILABLE' });
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }
  return new URL('qinglian-import.wasm', location.href);
}

let wasmCache: ArrayBuffer | string | null = null;

function start(): Promise<Ready> {
  const script = QL_OFFLINE ? URL.createObjectURL(new Blob([QL_WORKER_SOURCE], { type: 'text/javascript' })) : new URL('worker.js', location.href);
  worker = new Worker(script);
  const w = worker;
  wasmCache ??= wasmSource();
  // Signature workers (one fewer than the cores, at most three) run the same script in another role.
  // The page starts them, not the verification worker: workers cannot start workers in the offline
  // file opened from file://, and this way both pages verify alike. Each gets a channel to the
  // verification worker, which sends it signature jobs; the report is the same with or without them.
  const ports: MessagePort[] = [];
  const count = Math.min(3, (navigator.hardwareConcurrency || 1) - 1);
  for (let i = 0; i < count; i++) {
    let helper: Worker;
    try {
      helper = new Worker(script);
    } catch {
      break;
    }
    const channel = new MessageChannel();
    helper.onerror = (e) => {
      e.preventDefault();
      w.postMessage({ type: 'signatureWorkerFailed' } satisfies ToWorker);
    };
    helper.postMessage({ type: 'signatures', wasm: wasmCache, port: channel.port2 } satisfies ToSignatureWorker, [channel.port2]);
    signatureWorkers.push(helper);
    ports.push(channel.port1);
  }
  readyPromise = new Promise((resolve, reject) => {
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === 'ready') return resolve({ version: m.version, catalogue: m.catalogue, vocabulary: m.vocabulary });
      if (m.type === 'fail' && m.id === null) return reject(new ApiError(m.code, m.message));
      const id = 'id' in m ? m.id : null;
      if (id === null) return;
      const p = pending.get(id);
      if (!p) return;
      if (m.type === 'progress') return p.onProgress?.(m);
      pending.delete(id);
      if (m.type === 'fail') p.reject(new ApiError(m.code, m.message));
      else p.resolve(m);
    };
    w.onerror = (e) => {
      e.preventDefault();
      const err = new ApiError('WORKER', e.message || 'worker error');
      reject(err);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    };
  });
  // Bytes are copied (not transferred) so a restarted worker can be given them again.
  w.postMessage({ type: 'init', wasm: wasmCache, ports } satisfies ToWorker, ports);
  return readyPromise;
}

export function ready(): Promise<Ready> {
  return readyPromise ?? start();
}

async function request(msg: ToWorker & { id: number }, onProgress?: (p: VerifyProgress) => void): Promise<FromWorker> {
  await ready();
  return new Promise((resolve, reject) => {
    pending.set(msg.id, { resolve, reject, onProgress });
    worker?.postMessage(msg);
  });
}

export async function parseRoot(text: string): Promise<ParsedRoot> {
  const m = await request({ type: 'parseRoot', id: nextId++, text });
  if (m.type !== 'root') throw new ApiError('INTERNAL', 'unexpected reply');
  return m.root;
}

export async function checkSuccessor(older: string, newer: string): Promise<{ ok: boolean; message?: string }> {
  const m = await request({ type: 'successor', id: nextId++, older, newer });
  if (m.type !== 'successor') throw new ApiError('INTERNAL', 'unexpected reply');
  return { ok: m.ok, message: m.message };
}

/** Verify one bundle, or a main bundle followed by segments (one report). */
export async function verify(inputs: { blob: Blob; name: string }[], root: string, knownHeads: KnownHead[], onProgress: (p: VerifyProgress) => void): Promise<VerifyResult> {
  const m = await request({ type: 'verify', id: nextId++, inputs, root, knownHeads }, onProgress);
  if (m.type !== 'done') throw new ApiError('INTERNAL', 'unexpected reply');
  return { report: m.report, sha256: m.sha256, elapsed: m.elapsed, roots: m.roots, signatureWorkers: m.signatureWorkers };
}

/** Stop whatever the worker is doing: it is terminated, pending requests fail with CANCELLED. */
export function cancel(): void {
  worker?.terminate();
  worker = null;
  signatureWorkers.forEach((w) => w.terminate());
  signatureWorkers = [];
  readyPromise = null;
  const err = new ApiError('CANCELLED', 'cancelled');
  for (const p of pending.values()) p.reject(err);
  pending.clear();
}
