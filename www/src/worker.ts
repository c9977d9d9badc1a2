// The verification worker: loads the Qinglian WebAssembly module (npm package, slim entry) and
// streams the bundle through the core's verifier, posting progress. Signature work goes to the
// signature workers the page started from this same script (the other role), through the ports it
// handed over at init, with the package's own port pool and job server: the report is identical,
// only faster. Every rule runs in the core; this file only moves bytes and forwards results.
import * as ql from 'qinglian/slim';
import type { FromWorker, ToSignatureWorker, ToWorker } from './protocol.js';
import type { KnownHead, ParsedRoot, PortSignaturePool, Progress } from './types.js';

const scope = self as unknown as { postMessage(m: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker | ToSignatureWorker>) => void) | null };
let ready: Promise<void> | null = null;

function post(m: FromWorker): void {
  scope.postMessage(m);
}

function fail(id: number | null, e: unknown): void {
  const err = e as { code?: unknown; message?: unknown };
  post({ type: 'fail', id, code: typeof err?.code === 'string' ? err.code : 'INTERNAL', message: String(err?.message ?? e) });
}

/** The pool over the signature workers' ports; null when the page started none (one core). */
let pool: PortSignaturePool | null = null;
let poolSize = 0;

scope.onmessage = (e) => {
  const m = e.data;
  switch (m.type) {
    case 'signatures':
      // The other role. Jobs queue on the port until the module is loaded; if it cannot load, each
      // job is answered with an error and the verifier verifies it itself.
      scope.onmessage = null;
      void ql.init(m.wasm).finally(() => ql.serveSignatureJobs(m.port));
      break;
    case 'signatureWorkerFailed':
      pool?.fail(new Error('signature worker failed'));
      break;
    case 'init':
      pool = m.ports.length > 0 ? ql.portSignaturePool(m.ports) : null;
      poolSize = m.ports.length;
      ready = ql.init(m.wasm).then(() => post({ type: 'ready', version: ql.version(), catalogue: ql.catalogue(), vocabulary: ql.vocabulary() }));
      ready.catch((err: unknown) => fail(null, err));
      break;
    case 'parseRoot':
      void withReady(m.id, () => post({ type: 'root', id: m.id, root: ql.parseRoot(m.text) }));
      break;
    case 'successor':
      void withReady(m.id, () => {
        try {
          ql.checkRootSuccessor(m.older, m.newer);
          post({ type: 'successor', id: m.id, ok: true });
        } catch (err) {
          const x = err as { code?: string; message?: string };
          post({ type: 'successor', id: m.id, ok: false, code: x.code, message: x.message });
        }
      });
      break;
    case 'verify':
      void withReady(m.id, () => verify(m.id, m.inputs, m.root, m.knownHeads));
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

async function verify(id: number, inputs: { blob: Blob; name: string }[], root: string, knownHeads: KnownHead[]): Promise<void> {
  const t0 = performance.now();
  const blob = inputs[0]!.blob;
  const total = inputs.reduce((n, x) => n + x.blob.size, 0);
  let bytes = 0;
  let last = 0;
  const progress = (p: Progress, phase: 'read' | 'finish', force = false) => {
    const now = performance.now();
    if (!force && now - last < 100) return;
    last = now;
    post({ type: 'progress', id, phase, bytes, total, lines: p.lines, statements: p.statements, elapsed: (now - t0) / 1000 });
  };
  // verify() streams the Blob in chunks and re-reads it only when forks need both lines as proof.
  // One bundle, or a main bundle and segments verified together (the core's multi-input verify:
  // one report, line numbers global across the inputs, report.bundle.inputs naming each).
  const many = inputs.length > 1;
  const input = (many ? inputs.map((x) => x.blob) : blob) as Blob;
  const report = await ql.verify(input, {
    root,
    ...(many ? ({ names: inputs.map((x) => x.name) } as object) : {}),
    knownHeads,
    ...(pool ? { signaturePool: pool } : {}),
    onProgress: (p) => {
      bytes = Math.min(total, p.bytes_in);
      progress(p, bytes >= total ? 'finish' : 'read', bytes >= total);
    },
  });
  // The core hashes the input as it reads it; the page does not hash again.
  const sha256 = report.bundle.sha256;
  const roots = report.root && report.root.chain.length > 1 ? await newerRoots(blob, report.root.chain) : [];
  post({ type: 'done', id, report, sha256, elapsed: (performance.now() - t0) / 1000, roots, signatureWorkers: poolSize });
}

/**
 * The root documents the core adopted from the bundle (report.root.chain after the pinned one), as
 * lines the page can pin. The core identifies them; here we only find their lines again and let the
 * core parse them (no rule is applied in JavaScript).
 */
async function newerRoots(blob: Blob, chain: string[]): Promise<{ text: string; root: ParsedRoot }[]> {
  const head = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  const stream = head[0] === 0x1f && head[1] === 0x8b ? blob.stream().pipeThrough(new DecompressionStream('gzip')) : blob.stream();
  const text = await new Response(stream).text();
  const wanted = new Set(chain.slice(1));
  const out: { text: string; root: ParsedRoot }[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes('"root"')) continue;
    try {
      const root = ql.parseRoot(line);
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
