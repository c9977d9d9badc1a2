// Body of the workers started by "qinglian/worker" (a module Web Worker in browsers, a
// worker_threads Worker in Node). One script, two roles, chosen by the first message:
//
//   role "verifier":   runs the core's Verifier over the bundle, hands signature jobs to the
//                      signature workers through MessagePorts, posts progress and the report.
//   role "signatures": verifies the jobs it receives (SignatureWorker) and answers with verdicts.
//
// The WebAssembly.Module comes compiled from the caller, so each worker only instantiates it.
// Messages (caller -> worker): {type:'init', role, module, ports|port}, {type:'verify', bundle, source,
// options}, {type:'chunk', bytes} / {type:'end'} (answers to 'pull' when the caller streams the input).
// (worker -> caller): {type:'progress', progress}, {type:'pull'}, {type:'done', report},
// {type:'error', error}.
import { initSync } from './wasm.js';
import { portSignaturePool, serveSignatureJobs, verify } from './api.js';
import { listen } from './internal.js';

const isNode = typeof globalThis.process?.versions?.node === 'string' && typeof globalThis.WorkerGlobalScope === 'undefined';
// A computed specifier keeps bundlers from pulling node:worker_threads into browser builds.
const workerThreads = 'node:worker_threads';
const parent = isNode ? (await import(/* webpackIgnore: true */ /* @vite-ignore */ workerThreads)).parentPort : self;

function post(m, transfer) {
  parent.postMessage(m, transfer ?? []);
}

function errorData(e) {
  return {
    name: e?.name ?? 'Error',
    message: String(e?.message ?? e),
    code: typeof e?.code === 'string' ? e.code : undefined,
    path: typeof e?.path === 'string' ? e.path : undefined,
    zh: typeof e?.zh === 'string' ? e.zh : undefined,
  };
}

let ports = [];
let pulls = [];

listen(parent, (m) => {
  try {
    switch (m?.type) {
      case 'init':
        initSync(m.module);
        if (m.role === 'signatures') serveSignatureJobs(m.port);
        else ports = m.ports ?? [];
        break;
      case 'verify':
        run(m).then(
          (report) => post({ type: 'done', report }),
          (e) => post({ type: 'error', error: errorData(e) }),
        );
        break;
      case 'chunk':
      case 'end':
        pulls.shift()?.(m);
        break;
    }
  } catch (e) {
    post({ type: 'error', error: errorData(e) });
  }
});

/** The bundle streamed by the caller, chunk by chunk on request (back-pressure for free). */
async function* pulled() {
  for (;;) {
    const m = await new Promise((resolve) => {
      pulls.push(resolve);
      post({ type: 'pull' });
    });
    if (m.type === 'end') return;
    yield m.bytes;
  }
}

/** verify() itself, with the signature workers as its pool and progress posted to the caller. */
async function run({ bundle, source, options }) {
  let latest = null;
  let lastPost = 0;
  const onProgress = (progress) => {
    latest = progress;
    const now = performance.now();
    if (now - lastPost > 50) {
      lastPost = now;
      post({ type: 'progress', progress });
      latest = null;
    }
  };
  const signaturePool = ports.length > 0 ? portSignaturePool(ports) : undefined;
  const input = source === 'pull' ? pulled() : bundle;
  const report = await verify(input, { ...options, onProgress, signaturePool });
  // The final figures (after the end of input) even if the throttle held them back.
  if (latest) post({ type: 'progress', progress: latest });
  return report;
}
