// The 导入/Import page (import.html): department spreadsheets read and validated in this browser
// by the import module, loaded by this page only, so the verifier page never downloads the table
// readers. Every rule is in the Rust core (crate/import); this shows its plan. Nothing leaves the
// computer.
import { importTable, initImport, type ImportProblem, type ImportResult, type ImportRow } from 'qinglian/import';
import { LogWriter, QinglianError, exportBundle, init as initVerifier, openKeyFile } from 'qinglian/slim';
import { $, acceptDrops, append, clear, h, recordCspViolations, row, table, type Child } from './dom.js';
import { initLang, lang, onLangChange, setLang, t } from './i18n.js';

/** The rows shown in the preview; the problems are always shown in full. */
const PREVIEW = 200;

const state: {
  log: string;
  tables: File[];
  context: File[];
  ignoreUnknownColumns: boolean;
  busy: boolean;
  result: ImportResult | null;
  error: string | null;
  /** The department's own log file, continued by the signing (also context for the import). */
  logFile: File | null;
  keyFile: File | null;
  signing: boolean;
  signError: string | null;
  signed: { n: number; seq: number; keyId: string; grown: string; bundle: Uint8Array | null } | null;
} = { log: 'jyzx/main', tables: [], context: [], ignoreUnknownColumns: false, busy: false, result: null, error: null, logFile: null, keyFile: null, signing: false, signError: null, signed: null };

/** The verifier module (LogWriter, key files), loaded only when the user signs. */
let verifier: Promise<unknown> | null = null;

/** Now as RFC 3339 at +08:00 (China Standard Time), as the CLI writes record times. */
function nowCst(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}

const bytesOf = async (f: File) => new Uint8Array(await f.arrayBuffer());

async function sign(passphrase: string): Promise<void> {
  const r = state.result;
  if (!r?.ok || !state.keyFile) return;
  state.signing = true;
  state.signError = null;
  render();
  try {
    await (verifier ??= initVerifier(new URL('qinglian.wasm', location.href)));
    // Key files and the LogWriter live in the producer module, the import module's wasm (loaded above).
    await loaded;
    const key = await openKeyFile(await bytesOf(state.keyFile), { passphrase: passphrase || undefined, log: state.log });
    const existing = state.logFile ? await bytesOf(state.logFile) : new Uint8Array(0);
    const writer = LogWriter.fromLog(state.log, key.seed, existing);
    key.seed.fill(0);
    try {
      const time = nowCst();
      const lines = writer.appendBatch(r.statements, time).map((s) => s.line);
      let grown = new TextDecoder().decode(existing);
      if (grown && !grown.endsWith('\n')) grown += '\n';
      grown += lines.map((l) => `${l}\n`).join('');
      const bundle = r.federation ? exportBundle({ federation: r.federation, created: time, lines: [lines.join('\n')] }) : null;
      state.signed = { n: lines.length, seq: writer.seq, keyId: writer.keyId, grown, bundle };
    } finally {
      writer.free();
    }
  } catch (e) {
    const err = e as { code?: string; message?: string };
    state.signError = e instanceof QinglianError && err.code === 'KEY_FILE_ENCRYPTED' ? `${err.code}: ${t('import.needPassphrase')}` : err.code ? `${err.code}: ${err.message ?? ''}` : String(err.message ?? e);
  }
  state.signing = false;
  render();
}

function download(name: string, data: string | Uint8Array, id: string, label: string): HTMLAnchorElement {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type: 'application/x-ndjson' }));
  return h('a', { class: 'btn', id, href: url, attrs: { download: name } }, label);
}

const loaded = initImport(new URL('qinglian-import.wasm', location.href));

async function run(): Promise<void> {
  if (!state.tables.length) return;
  state.busy = true;
  state.error = null;
  state.result = null;
  render();
  try {
    await loaded;
    const context = await Promise.all([...(state.logFile ? [state.logFile] : []), ...state.context].map(bytesOf));
    state.signed = null;
    state.signError = null;
    state.result = await importTable(state.tables, { log: state.log, context, lang: lang(), ignoreUnknownColumns: state.ignoreUnknownColumns });
  } catch (e) {
    const err = e as { code?: string; message?: string };
    state.error = err.code ? `${err.code}: ${err.message ?? ''}` : String(err.message ?? e);
  }
  state.busy = false;
  document.documentElement.dataset.imports = String(Number(document.documentElement.dataset.imports ?? '0') + 1);
  render();
}

function render(): void {
  const app = $('#app');
  clear(app);
  app.append(
    h(
      'header',
      { class: 'top' },
      h('div', { class: 'brand' }, h('span', { class: 'seal', aria: { hidden: 'true' } }, '廉'), h('div', null, h('h1', null, t('import.title')), h('p', null, t('import.subtitle')))),
      h(
        'div',
        { class: 'top-actions' },
        h('a', { class: 'btn ghost', href: './', id: 'imp-back' }, t('import.back')),
        h('button', { class: 'btn ghost', id: 'lang', type: 'button', attrs: { lang: lang() === 'zh' ? 'en' : 'zh-CN' }, aria: { label: t('lang.switchLabel') }, on: { click: () => setLang(lang() === 'zh' ? 'en' : 'zh') } }, t('lang.switch')),
      ),
    ),
    h('main', { id: 'main', tabindex: -1 }, inputs(), state.busy ? h('div', { class: 'card', role: 'status' }, h('p', null, t('import.reading')), h('progress', { id: 'imp-progress' })) : null, results()),
  );
}

function fileInput(id: string, accept: string, onFiles: (f: File[]) => void, cls?: string): HTMLInputElement {
  const input = h('input', { type: 'file', id, ...(cls ? { class: cls } : {}), attrs: { accept, multiple: '' } });
  input.addEventListener('change', () => onFiles([...(input.files ?? [])]));
  return input;
}

function inputs(): HTMLElement {
  const log = h('input', { type: 'text', id: 'imp-log', value: state.log, attrs: { pattern: '[a-z0-9-]{1,32}/[a-z0-9-]{1,32}', size: '20' } });
  log.addEventListener('change', () => {
    state.log = log.value.trim();
    void run();
  });
  const ignore = h('input', { type: 'checkbox', id: 'imp-ignore' });
  ignore.checked = state.ignoreUnknownColumns;
  ignore.addEventListener('change', () => {
    state.ignoreUnknownColumns = ignore.checked;
    void run();
  });
  // Hidden: the label styled as a button opens it, as on the verifier page.
  const tables = fileInput(
    'imp-files',
    '.xlsx,.xls,.ods,.csv',
    (f) => {
      state.tables = f;
      void run();
    },
    'visually-hidden',
  );
  const context = fileInput('imp-context', '.qlog,.qlb,.gz,.ndjson', (f) => {
    state.context = f;
    void run();
  });
  const logFile = fileInput('imp-logfile', '.qlog,.ndjson', (f) => {
    state.logFile = f[0] ?? null;
    void run();
  });
  const drop = h('div', { class: 'dropzone', id: 'imp-drop' }, h('p', { class: 'drop-title' }, t('import.drop')), h('label', { class: 'btn primary', for: 'imp-files' }, t('import.pick')), tables);
  acceptDrops(drop, (files) => {
    state.tables = files;
    void run();
  });
  return h(
    'section',
    { class: 'card' },
    h('p', null, t('import.intro')),
    h('p', null, h('label', { for: 'imp-log' }, t('import.log'), ' '), log),
    h('p', null, h('label', { for: 'imp-logfile' }, t('import.logFile'), ' '), logFile),
    h('p', null, h('label', { for: 'imp-context' }, t('import.context'), ' '), context),
    drop,
    h('p', null, ignore, ' ', h('label', { for: 'imp-ignore' }, t('import.ignore'))),
  );
}

/** The row number of an A1 cell reference ("C12" → 12). */
const rowOf = (cell: string | undefined) => Number(/\d+$/.exec(cell ?? '')?.[0] ?? NaN);

function reason(p: ImportProblem): string {
  return lang() === 'zh' ? p.zh : p.en;
}

function results(): Child {
  if (state.error) return h('div', { class: 'notice error', role: 'alert', id: 'imp-error' }, state.error);
  const r = state.result;
  if (!r) return null;
  const verdict = r.ok
    ? h('div', { class: 'notice info', id: 'imp-verdict', dataset: { ok: 'true' } }, t('import.ok', { n: r.new, u: r.unchanged }))
    : h('div', { class: 'notice error', id: 'imp-verdict', dataset: { ok: 'false' } }, t('import.refused', { n: r.problems.length }));
  const sheets = table(
    [t('import.file'), t('import.sheet'), t('import.kind'), t('import.rows')],
    r.sheets.map((s) => row([s.file, s.sheet, s.kind ? h('code', null, s.list ? `${s.kind}.${s.list}` : s.kind) : t('import.unknownKind'), String(s.rows)])),
  );
  const problems = r.problems.length
    ? h(
        'div',
        { class: 'scroll-x', id: 'imp-problems' },
        table(
          [t('import.where'), t('import.code'), t('import.value'), t('import.reason')],
          r.problems.map((p) => row([h('code', null, p.cell ? `${p.sheet}!${p.cell}` : p.sheet), h('code', null, p.code), p.value ?? '—', reason(p)], undefined, 'lvl-error')),
        ),
      )
    : null;
  const bad = new Set(r.problems.map((p) => `${p.sheet}\u0000${rowOf(p.cell)}`));
  const preview = (rows: ImportRow[]) =>
    table(
      [t('import.where'), t('import.kind'), t('import.project'), t('import.status'), t('import.body')],
      rows.slice(0, PREVIEW).map((x) =>
        row(
          [h('code', { class: 'nowrap' }, `${x.sheet}!${x.cell}`), h('code', null, x.kind), h('span', { class: 'nowrap' }, x.project ?? '—'), h('span', { class: 'nowrap' }, x.status === 'new' ? t('import.new') : t('import.unchanged')), h('code', { class: 'imp-body' }, JSON.stringify(x.body))],
          undefined,
          bad.has(`${x.sheet}\u0000${rowOf(x.cell)}`) ? 'lvl-error' : undefined,
        ),
      ),
    );
  const sign = r.ok && r.new > 0 ? signCard(r) : null;
  const out = h('section', { id: 'imp-result' });
  append(out, [
    verdict,
    h('h2', null, t('import.sheets')),
    h('div', { class: 'scroll-x', id: 'imp-sheets' }, sheets),
    problems ? [h('h2', null, t('import.problems')), problems] : null,
    r.rows.length ? [h('h2', null, t('import.preview', { n: Math.min(PREVIEW, r.rows.length), total: r.rows.length })), h('div', { class: 'scroll-x', id: 'imp-rows' }, preview(r.rows))] : null,
    sign,
  ]);
  return out;
}

function signCard(r: ImportResult): HTMLElement {
  const key = fileInput('imp-key', '.key,.age,.txt', (f) => {
    state.keyFile = f[0] ?? null;
    state.signError = null;
  });
  const pass = h('input', { type: 'password', id: 'imp-pass', attrs: { autocomplete: 'off' } });
  const button = h('button', { class: 'btn primary', id: 'imp-sign-btn', type: 'button', on: { click: () => void sign(pass.value) } }, t('import.signBtn', { n: r.new }));
  const done = state.signed;
  const base = state.log.replace('/', '-');
  return h(
    'div',
    { class: 'card', id: 'imp-sign' },
    h('h2', null, t('import.signTitle')),
    h('p', null, t('import.signIntro')),
    h('p', null, h('label', { for: 'imp-key' }, t('import.keyFile'), ' '), key),
    h('p', null, h('label', { for: 'imp-pass' }, t('import.passphrase'), ' '), pass, ' ', button),
    state.signing ? h('p', { role: 'status' }, t('import.signing'), ' ', h('progress', null)) : null,
    state.signError ? h('div', { class: 'notice error', role: 'alert', id: 'imp-sign-error' }, state.signError) : null,
    done
      ? h(
          'div',
          { class: 'notice info', id: 'imp-signed', dataset: { seq: String(done.seq), n: String(done.n) } },
          h('p', null, t('import.signed', { n: done.n, key: done.keyId.slice(0, 16), log: state.log, seq: done.seq })),
          h('p', null, download(`${base}.qlog`, done.grown, 'imp-dl-log', t('import.downloadLog')), ' ', done.bundle ? download(`${base}-new.qlb`, done.bundle, 'imp-dl-bundle', t('import.downloadBundle')) : null),
        )
      : null,
  );
}

recordCspViolations();
initLang();
document.title = t('import.title');
onLangChange(() => {
  document.title = t('import.title');
  render();
});
render();
loaded.then(
  () => (document.documentElement.dataset.ready = 'true'),
  (e: unknown) => {
    state.error = `${t('import.noModule')}: ${String((e as Error)?.message ?? e)}`;
    render();
  },
);
