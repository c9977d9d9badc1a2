// Signature worker of the page's benchmark (bench/browser.mjs): verifies jobs with the bench module
// (pkg-bench/: BenchSignatures = the core's SignatureVerifier) and answers with verdicts. The first
// message brings the compiled WebAssembly.Module.
import * as glue from '../pkg-bench/qinglian_wasm.js';

self.onmessage = (first) => {
  glue.initSync({ module: first.data.module });
  const verifier = new glue.BenchSignatures();
  self.onmessage = ({ data: job }) => {
    try {
      const verdicts = verifier.verify(job.publicKey, job.messages, job.ends, job.signatures);
      self.postMessage({ id: job.id, verdicts }, [verdicts.buffer]);
    } catch (e) {
      self.postMessage({ id: job.id, error: String(e?.message ?? e) });
    }
  };
  self.postMessage('ready');
};
