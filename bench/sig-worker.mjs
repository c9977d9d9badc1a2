// Node worker_threads worker for the two-thread prototype of bench/node.mjs: verifies signature
// jobs with the bench module (the run's copy of pkg-bench/: BenchSignatures = the core's
// SignatureVerifier) and posts verdicts.
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';

const glue = await import(workerData.gluePath);
glue.initSync({ module: readFileSync(workerData.wasmPath) });
const verifier = new glue.BenchSignatures();
parentPort.on('message', (job) => {
  const verdicts = verifier.verify(job.publicKey, job.messages, job.ends, job.signatures);
  parentPort.postMessage({ id: job.id, verdicts }, [verdicts.buffer]);
});
parentPort.postMessage('ready');
