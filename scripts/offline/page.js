// The minimal offline verifier (dist/qinglian-verify.html): pick the pinned trust root and a
// bundle, verify on this computer, show the summary and the problems. The WebAssembly module is
// inlined as base64 (#ql-wasm); nothing is fetched. Every rule runs in the core: this file only
// reads files, calls verify() and renders the report.
import { init, verify, parseRoot, version } from '../../js/slim.js';

const $ = (id) => document.getElementById(id);
const t0 = performance.now();

function decode(b64) {
  const s = atob(b64.trim());
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function status(text, state) {
  $('status').textContent = text;
  $('result').dataset.state = state;
}

/** The inlined module: base64 of the gzipped .wasm, inflated with DecompressionStream. */
async function load() {
  const gz = new Blob([decode($('ql-wasm').textContent)]);
  const bytes = await new Response(gz.stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  await init(bytes);
}

const loaded = load().then(
  () => {
    $('version').textContent = `core ${version()}`;
    window.__qinglianReady = performance.now() - t0;
    status('请选择信任根和数据包 / Choose the trust root and a bundle', 'ready');
  },
  (e) => status(`无法加载核验模块 / Cannot load the verifier: ${e.message}`, 'error'),
);

let controller;

async function run() {
  const rootFile = $('root').files[0];
  const bundleFile = $('bundle').files[0];
  if (!rootFile || !bundleFile) {
    status('请选择信任根和数据包 / Choose the trust root and a bundle', 'ready');
    return;
  }
  status('核验中… / Verifying…', 'running');
  controller?.abort();
  controller = new AbortController();
  const { signal } = controller;
  await loaded;
  $('summary').replaceChildren();
  $('problems').replaceChildren();
  try {
    const root = new Uint8Array(await rootFile.arrayBuffer());
    const pinned = parseRoot(root);
    $('fingerprint').textContent = `${pinned.federation} v${pinned.version} · ${pinned.fingerprint}`;
    status('核验中… / Verifying…', 'running');
    const started = performance.now();
    const report = await verify(bundleFile, {
      root,
      signal,
      onProgress: (p) => {
        const pct = bundleFile.size ? Math.min(100, (100 * p.bytes_in) / bundleFile.size).toFixed(0) : '…';
        status(`核验中 / Verifying: ${pct}% · ${p.statements} 条语句 / statements`, 'running');
      },
    });
    if (signal.aborted) return;
    window.__qinglianReport = report;
    render(report, (performance.now() - started) / 1000);
  } catch (e) {
    if (signal.aborted) return;
    status(`错误 / Error: ${e.code ? `${e.code}: ` : ''}${e.message}`, 'error');
  }
}

function render(report, seconds) {
  const s = report.summary;
  status(
    s.intact ? '✔ 完整:全部语句验证通过 / Intact: every statement verified' : '✘ 发现问题 / Problems found',
    s.intact ? 'intact' : 'problems',
  );
  const rows = [
    ['行 / lines', s.lines],
    ['记录 / records', s.records],
    ['检查点 / checkpoints', s.checkpoints],
    ['见证签名 / cosignatures', s.cosignatures],
    ['信任根 / roots', s.roots],
    ['已验证 / verified', s.verified],
    ['被拒绝 / rejected', s.rejected],
    ['重复 / duplicates', s.duplicates],
    ['错误 / errors', s.errors],
    ['警告 / warnings', s.warnings],
    ['一致性检查发现 / findings', report.analysis ? report.analysis.findings.length : '—'],
    ['信任根版本 / root version', report.root ? `${report.root.version} (${report.root.chain.length - 1} 次更新 / updates)` : '—'],
    ['用时 / time', `${seconds.toFixed(2)} s`],
  ];
  $('summary').replaceChildren(
    ...rows.map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', { 'data-key': k.split(' / ')[1] }, v))),
  );
  const problems = report.problems.slice(0, 1000);
  $('problems').replaceChildren(
    ...problems.map((p) =>
      el(
        'tr',
        { class: p.severity },
        el('td', {}, p.severity),
        el('td', {}, p.code),
        el('td', {}, p.line ?? ''),
        el('td', {}, p.log ? `${p.log}#${p.seq}` : ''),
        el('td', {}, p.message.zh, el('br'), el('span', { class: 'en' }, p.message.en)),
      ),
    ),
  );
  const more = report.problems.length - problems.length + report.problems_omitted;
  $('more').textContent = more > 0 ? `…另有 ${more} 个问题 / ${more} more problems` : '';
}

$('root').addEventListener('change', run);
$('bundle').addEventListener('change', run);
