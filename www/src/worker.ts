// The verification worker: loads the Qinglian WebAssembly module (npm package, slim entry) and
// streams the bundle through the core's verifier, posting progress. Signature work goes to the
// signature workers the page started from this same script (the other role, `serveSignatures`),
// through the ports it handed over at init: the report is identical, only faster. Every rule runs
// in the core; this file only moves bytes and forwards results.
import * as ql from 'qinglian/slim';
import type { FromSignatureWorker, FromWorker, ParsedRoot, SignatureJobMessage, ToSignatureWorker, ToWorker } from './protocol.js';
import type { CheckMeta, KnownHead, Progress, Report } from './types.js';

interface SignaturePool {
  verify(job: SignatureJobMessage): Promise<Uint8Array>;
  capacity?: number;
}
interface VerifyOptions {
  root: string;
  knownHeads?: KnownHead[];
  onProgress?: (p: Progress) => void;
  signaturePool?: SignaturePool;
}
interface SignatureWorkerLike {
  verify(job: SignatureJobMessage): Uint8Array;
}
interface StreamVerifierLike {
  push(chunk: Uint8Array): void;
  progress(): Progress;
  finish(bundle?: Uint8Array): Report;
}
interface Api {
  init(input: ArrayBuffer | string | URL): Promise<void>;
  version(): string;
  parseRoot?(root: string): ParsedRoot;
  checkRootSuccessor?(older: string, newer: string): void;
  StreamVerifier?: new (options: VerifyOptions) => StreamVerifierLike;
  verify?(bundle: Blob, options: VerifyOptions): Promise<Report>;
  catalogue?(): CheckMeta[];
  SignatureWorker?: new () => SignatureWorkerLike;
}

const api = ql as unknown as Api;
const scope = self as unknown as { postMessage(m: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
let ready: Promise<void> | null = null;

function post(m: FromWorker): void {
  scope.postMessage(m);
}

function fail(id: number | null, e: unknown): void {
  const err = e as { code?: unknown; message?: unknown };
  post({ type: 'fail', id, code: typeof err?.code === 'string' ? err.code : 'INTERNAL', message: String(err?.message ?? e) });
}

let signaturePorts: MessagePort[] = [];

scope.onmessage = (e: MessageEvent<ToWorker | ToSignatureWorker>) => {
  const m = e.data;
  switch (m.type) {
    case 'signatures':
      serveSignatures(m.wasm, m.port);
      break;
    case 'signatureWorkerFailed':
      signaturesFailed();
      break;
    case 'init':
      signaturePorts = m.ports;
      ready = api.init(m.wasm).then(() => {
        let catalogue: CheckMeta[] = [];
        try {
          catalogue = api.catalogue?.() ?? [];
        } catch {
          catalogue = [];
        }
        post({ type: 'ready', version: api.version(), api: Object.keys(ql), catalogue });
      });
      ready.catch((err: unknown) => fail(null, err));
      break;
    case 'parseRoot':
      void withReady(m.id, () => {
        if (!api.parseRoot) throw Object.assign(new Error('parseRoot() is not in this build of the package'), { code: 'API_MISSING' });
        post({ type: 'root', id: m.id, root: api.parseRoot(m.text) });
      });
      break;
    case 'successor':
      void withReady(m.id, () => {
        if (!api.checkRootSuccessor) throw Object.assign(new Error('checkRootSuccessor() is not in this build'), { code: 'API_MISSING' });
        try {
          api.checkRootSuccessor(m.older, m.newer);
          post({ type: 'successor', id: m.id, ok: true });
        } catch (err) {
          const x = err as { code?: string; message?: string };
          post({ type: 'successor', id: m.id, ok: false, code: x.code, message: x.message });
        }
      });
      break;
    case 'verify':
      void withReady(m.id, () => verify(m.id, m.blob, m.root, m.knownHeads));
      break;
  }
};

async function withReady(id: number, fn: () => unknown): Promise<void> {
  try {
    if (!ready) throw Object.assign(new Error('worker not initialised'), { code: 'NOT_INITIALIZED' });
    await ready;
    await fn();
  } catch (err) {
    fail(id, err);
  }
}

async function verify(id: number, blob: Blob, root: string, knownHeads: KnownHead[]): Promise<void> {
  const t0 = performance.now();
  const total = blob.size;
  let bytes = 0;
  let last = 0;
  const progress = (p: Progress, phase: 'read' | 'finish', force = false) => {
    const now = performance.now();
    if (!force && now - last < 100) return;
    last = now;
    post({ type: 'progress', id, phase, bytes, total, lines: p.lines, statements: p.statements, elapsed: (now - t0) / 1000 });
  };
  let report: Report;
  const pool = signaturePool();
  if (api.verify) {
    // verify() streams the Blob in chunks and re-reads it only when forks need both lines as proof.
    report = await api.verify(blob, {
      root,
      knownHeads,
      ...(pool ? { signaturePool: pool.pool } : {}),
      onProgress: (p) => {
        bytes = Math.min(total, p.bytes_in);
        progress(p, bytes >= total ? 'finish' : 'read', bytes >= total);
      },
    });
  } else if (api.StreamVerifier) {
    const v = new api.StreamVerifier({ root, knownHeads });
    const reader = blob.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Feed in slices of at most 256 KiB so progress stays smooth on large reads.
      for (let off = 0; off < value.length; off += 1 << 18) {
        const chunk = value.subarray(off, Math.min(value.length, off + (1 << 18)));
        v.push(chunk);
        bytes += chunk.length;
        progress(v.progress(), 'read');
      }
    }
    progress(v.progress(), 'finish', true);
    report = v.finish(new Uint8Array(await blob.arrayBuffer()));
  } else {
    throw Object.assign(new Error('the package has no verify API (verify / StreamVerifier)'), { code: 'API_MISSING' });
  }
  // The core hashes the input as it reads it; the page does not hash again.
  const sha256 = report.bundle.sha256;
  const roots = report.root && report.root.chain.length > 1 ? await newerRoots(blob, report.root.chain) : [];
  post({ type: 'done', id, report, sha256, elapsed: (performance.now() - t0) / 1000, roots, signatureWorkers: pool?.size ?? 0 });
}

// ---- signature workers ----------------------------------------------------------------------------

let pool: { pool: SignaturePool; size: number } | null | undefined;
const waiting = new Map<number, { resolve: (v: Uint8Array) => void; reject: (e: Error) => void }>();
let failed = false;

/** A signature worker failed (to start or later; the page saw it): its jobs, and all jobs from now
 * on, reject, and the verifier verifies them itself. Nothing waits for an answer that cannot come. */
function signaturesFailed(): void {
  failed = true;
  for (const p of waiting.values()) p.reject(new Error('signature worker failed'));
  waiting.clear();
}

/** The pool over the signature workers' ports, kept for later verifications; null when the page
 * started none (one core), and verification stays in this worker. */
function signaturePool(): { pool: SignaturePool; size: number } | null {
  if (pool !== undefined) return pool;
  pool = null;
  const ports = signaturePorts;
  if (ports.length === 0 || !api.SignatureWorker) return pool;
  for (const port of ports) {
    port.onmessage = (e: MessageEvent<FromSignatureWorker>) => {
      const m = e.data;
      const p = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.type === 'verdicts') p?.resolve(m.verdicts);
      else p?.reject(new Error(m.message));
    };
  }
  pool = {
    size: ports.length,
    pool: {
      capacity: 8 * ports.length,
      verify(job: SignatureJobMessage): Promise<Uint8Array> {
        if (failed) return Promise.reject(new Error('signature worker failed'));
        // One key's jobs to one worker, which keeps that key's precomputed table.
        const w = ports[(job.publicKey[0] ?? 0) % ports.length];
        return new Promise((resolve, reject) => {
          waiting.set(job.id, { resolve, reject });
          const m: ToSignatureWorker = { type: 'job', job };
          w?.postMessage(m, [job.publicKey.buffer, job.messages.buffer, job.ends.buffer, job.signatures.buffer]);
        });
      },
    },
  };
  return pool;
}

/** The signature role of this script: verify the jobs the verification worker sends on `port`. */
function serveSignatures(wasm: ArrayBuffer | string, port: MessagePort): void {
  const started = api.init(wasm).then(() => {
    if (!api.SignatureWorker) throw new Error('SignatureWorker is not in this build of the package');
    return new api.SignatureWorker();
  });
  const reply = (m: FromSignatureWorker, transfer: Transferable[] = []) => port.postMessage(m, transfer);
  scope.onmessage = null;
  port.onmessage = (e: MessageEvent<ToSignatureWorker>) => {
    const m = e.data;
    if (m.type !== 'job') return;
    started.then(
      (worker) => {
        try {
          const verdicts = worker.verify(m.job);
          reply({ type: 'verdicts', id: m.job.id, verdicts }, [verdicts.buffer]);
        } catch (err) {
          reply({ type: 'error', id: m.job.id, message: String((err as Error)?.message ?? err) });
        }
      },
      (err: unknown) => reply({ type: 'error', id: m.job.id, message: String((err as Error)?.message ?? err) }),
    );
  };
}

/**
 * The root documents the core adopted from the bundle (report.root.chain after the pinned one), as
 * lines the page can pin. The core identifies them; here we only find their lines again and let the
 * core parse them (no rule is applied in JavaScript).
 */
async function newerRoots(blob: Blob, chain: string[]): Promise<{ text: string; root: ParsedRoot }[]> {
  if (!api.parseRoot) return [];
  const head = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  const stream = head[0] === 0x1f && head[1] === 0x8b ? blob.stream().pipeThrough(new DecompressionStream('gzip')) : blob.stream();
  const text = await new Response(stream).text();
  const wanted = new Set(chain.slice(1));
  const out: { text: string; root: ParsedRoot }[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes('"root"')) continue;
    try {
      const root = api.parseRoot(line);
      if (wanted.has(root.fingerprint)) {
        out.push({ text: line, root });
        wanted.delete(root.fingerprint);
      }
    } catch {
      // not a root line, or one the core rejects: the report already says why
    }
  }
  return out.sort((a, b) => a.root.version - b.root.version);
}
