// Entry of www/dist/bench.html: loads the wasm and the demo bundle from the same origin (no network
// beyond it), runs bench/browser.mjs and shows its tables with a progress bar. The measured module is
// the verifier with the bench hooks (pkg-bench/, served as qinglian-bench.wasm); the size row is of
// the module the page and the package ship (qinglian.wasm, no hooks).
// Query parameters (for tests and quick runs): signatures, rounds, sha (MiB), auto=1 (start at once).
import * as glue from '../pkg-bench/qinglian_wasm.js';
import { runBench } from './browser.mjs';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const number = (name, fallback) => {
  const v = Number(params.get(name));
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

async function fetchBytes(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

async function start() {
  const button = $('bench-run');
  const status = $('bench-status');
  const output = $('bench-output');
  const bar = $('bench-progress');
  button.disabled = true;
  document.documentElement.dataset.bench = 'running';
  output.textContent = '';
  try {
    status.textContent = '加载 wasm 与示例数据包… Loading the wasm and the demo bundle…';
    const [benchBytes, wasmBytes] = await Promise.all([fetchBytes('qinglian-bench.wasm'), fetchBytes('qinglian.wasm')]);
    const module = await WebAssembly.compile(benchBytes);
    const { memory } = glue.initSync({ module });
    const [rootLine, bundle] = await Promise.all([
      fetchBytes('demo/root.json').catch(() => null),
      fetchBytes('demo/bundle.qlb').catch(() => null),
    ]);
    const { text, results } = await runBench({
      glue,
      memory,
      module,
      wasmBytes,
      rootLine,
      bundle: rootLine ? bundle : null,
      workerUrl: 'bench-worker.js',
      signatures: Number($('bench-signatures').value),
      rounds: Number($('bench-rounds').value),
      shaMiB: number('sha', 16),
      onProgress: ({ done, total, what }) => {
        bar.max = total;
        bar.value = done;
        status.textContent = `${Math.round((100 * done) / total)}% · ${what}`;
      },
      log: (m) => console.log(m),
    });
    output.textContent = `${navigator.userAgent}\n${new Date().toISOString()}\n\n${text}\n`;
    status.textContent = '完成 Done';
    window.__benchResults = results;
    document.documentElement.dataset.bench = 'done';
  } catch (e) {
    status.textContent = `出错 Failed: ${e?.message ?? e}`;
    document.documentElement.dataset.bench = 'failed';
  } finally {
    button.disabled = false;
  }
}

// Show the workload the query asked for in the controls.
for (const [name, id] of [['signatures', 'bench-signatures'], ['rounds', 'bench-rounds']]) {
  const v = params.get(name);
  if (v && number(name, 0) > 0) {
    const select = $(id);
    if (![...select.options].some((o) => o.value === v)) select.add(new Option(v, v));
    select.value = v;
  }
}
$('bench-run').addEventListener('click', start);
if (params.get('auto') === '1') start();
