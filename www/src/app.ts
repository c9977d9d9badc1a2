// The page: trust root first, then a bundle, then the report. Entry point of www/dist/app.js.
import * as client from './client.js';
import { disposeAll } from './charts.js';
import { Ctx, type Result } from './ctx.js';
import { $, acceptDrops, clear, h, recordCspViolations, type Child } from './dom.js';
import { bytes, duration, fingerprint, num, nowRfc3339, short } from './fmt.js';
import { initLang, lang, msg, onLangChange, setLang, setVocabulary, t } from './i18n.js';
import type { ParsedRoot } from './types.js';
import { openEvidence } from './evidence.js';
import * as store from './store.js';
import type { CheckMeta, Report } from './types.js';
import { renderExportMenu } from './exporting.js';
import { renderOverview, verdict } from './v-overview.js';
import { renderProjects } from './v-projects.js';
import { renderProject } from './v-project.js';
import { renderFindings } from './v-findings.js';
import { renderGraph } from './v-graph.js';
import { renderIntegrity } from './v-integrity.js';
import { renderPrint, setCoreVersion } from './print.js';
import { currentRoute } from './router.js';
import * as session from './session.js';
import { renderSupervision, setBoardHooks } from './v-supervision.js';
import { renderBulletin } from './bulletin.js';
import { supervisionOf } from './types.js';

declare const QL_OFFLINE: boolean;
declare const QL_DEMO: boolean;

interface Candidate {
  text: string;
  root: ParsedRoot;
}

interface Running {
  name: string;
  p: client.VerifyProgress | null;
}

const state = {
  core: '' as string,
  catalogue: [] as CheckMeta[],
  coreError: null as string | null,
  pinned: null as store.PinnedRoot | null,
  pinnedRoot: null as ParsedRoot | null,
  candidate: null as Candidate | null,
  rootError: null as string | null,
  running: null as Running | null,
  /** Formatted at render time, so a language switch re-words it. */
  notice: null as { kind: 'info' | 'error'; text: () => string } | null,
  newer: null as { text: string; root: ParsedRoot } | null,
  heads: 0,
  result: null as Result | null,
  ctx: null as Ctx | null,
  /** The main bundle and the segments loaded with it (verified together as one). */
  main: null as { name: string; blob: Blob } | null,
  segments: [] as { name: string; blob: Blob }[],
  /** The text of the root in force for the last verification (the newest the core adopted, else the pinned one). */
  rootInForce: null as string | null,
};

// ------------------------------------------------------------------------------------------------
// Shell

function render(): void {
  disposeAll();
  const app = $('#app');
  clear(app);
  app.append(header(), h('main', { id: 'main', tabindex: -1 }, setupSection(), progressSection(), noticeBox(), newerRootBox(), resultsSection()), footer());
  if (state.ctx) {
    renderRoute();
    renderPrint(state.ctx, $('#print-root'));
  }
}

function header(): HTMLElement {
  return h(
    'header',
    { class: 'top' },
    h('a', { class: 'skip', href: '#main', on: { click: (e) => { e.preventDefault(); document.getElementById('main')?.focus(); } } }, t('app.skip')),
    h('div', { class: 'brand' }, h('span', { class: 'seal', aria: { hidden: 'true' } }, '廉'), h('div', null, h('h1', null, t('app.brand')), h('p', null, t('app.subtitle')))),
    h(
      'div',
      { class: 'top-actions' },
      QL_OFFLINE ? h('span', { class: 'tag' }, t('app.offline')) : null,
      h('button', { class: 'btn ghost', id: 'lang', type: 'button', attrs: { lang: lang() === 'zh' ? 'en' : 'zh-CN' }, aria: { label: t('lang.switchLabel') }, on: { click: () => setLang(lang() === 'zh' ? 'en' : 'zh') } }, t('lang.switch')),
    ),
  );
}

function footer(): HTMLElement {
  return h(
    'footer',
    { class: 'foot' },
    h('span', null, t('print.page')),
    state.core ? h('span', null, t('app.version', { v: state.core })) : null,
    // The benchmark page is served beside the page; the offline single file has no second page.
    // The import page loads its own module; the offline file verifies only (the CLI imports offline).
    QL_OFFLINE ? null : h('a', { href: 'import.html', id: 'import-link' }, t('app.import')),
    QL_OFFLINE ? null : h('a', { href: 'bench.html', id: 'bench-link' }, t('app.bench')),
  );
}

function noticeBox(): Child {
  if (!state.notice) return null;
  return h('div', { class: `notice ${state.notice.kind}`, role: state.notice.kind === 'error' ? 'alert' : 'status' }, state.notice.text());
}

// ------------------------------------------------------------------------------------------------
// Step 1: the trust root

function setupSection(): HTMLElement {
  const compact = !!state.result && !state.running;
  return h('section', { class: `setup${compact ? ' compact' : ''}`, aria: { label: t('trust.heading') } }, compact ? compactSetup() : [trustCard(), bundleCard()]);
}

function compactSetup(): Child {
  const r = state.result!;
  const root = r.report.root;
  return h(
    'div',
    { class: 'setup-bar' },
    h(
      'div',
      null,
      h('span', { class: 'k' }, t('trust.inForce')),
      h('span', { class: 'v' }, root ? `${root.federation} v${root.version}` : '—'),
      h('code', { class: 'fp', title: root?.fingerprint ?? '' }, root ? short(root.fingerprint, 16) : '—'),
      state.pinned && root && state.pinned.fingerprint !== root.fingerprint ? h('span', { class: 'muted' }, ` ${t('trust.pinnedVersion', { v: state.pinned.version })}`) : null,
    ),
    h('div', null, h('span', { class: 'k' }, t('bundle.loaded')), h('span', { class: 'v' }, r.name), h('code', { class: 'fp', title: r.sha256 }, `SHA-256 ${short(r.sha256, 16)}`)),
    state.segments.length ? h('div', null, h('span', { class: 'k' }, t('seg.loaded')), h('span', { class: 'v', id: 'segments-loaded' }, String(state.segments.length))) : null,
    h('div', { class: 'setup-actions' }, bundlePicker(t('bundle.another')), segmentPicker()),
  );
}

function trustCard(): HTMLElement {
  const body: Child[] = [h('p', { class: 'intro' }, t('trust.intro'))];
  if (state.coreError) body.push(h('p', { class: 'error', role: 'alert' }, state.coreError));
  if (state.candidate) {
    body.push(h('p', { class: 'callout' }, t('trust.candidate')), rootDetails(state.candidate.root, null));
    body.push(
      h(
        'div',
        { class: 'actions' },
        h('button', { class: 'btn primary', type: 'button', id: 'pin-root', on: { click: () => void pinCandidate() } }, t('trust.pin')),
        h('button', { class: 'btn', type: 'button', on: { click: () => { state.candidate = null; render(); } } }, t('trust.discard')),
      ),
    );
  } else if (state.pinned) {
    body.push(rootDetails(state.pinnedRoot, state.pinned));
    body.push(h('div', { class: 'actions' }, h('button', { class: 'btn', type: 'button', id: 'replace-root', on: { click: () => void replaceRoot() } }, t('trust.replace')), h('span', { class: 'muted' }, t('trust.heads', { n: state.heads }))));
  } else {
    body.push(h('p', { class: 'empty' }, t('trust.none')));
    body.push(rootPicker());
  }
  if (state.rootError) body.push(h('p', { class: 'error', role: 'alert' }, `${t('trust.invalid')}: ${state.rootError}`));
  return h('div', { class: 'card trust' }, h('h2', null, t('trust.heading')), body);
}

function rootPicker(): HTMLElement {
  const input = h('input', { type: 'file', id: 'root-file', class: 'visually-hidden', attrs: { accept: '.json,.txt,application/json' } });
  input.addEventListener('change', () => {
    const f = input.files?.[0];
    if (f) void f.text().then(offerRoot);
  });
  return h(
    'div',
    { class: 'actions' },
    QL_DEMO ? h('button', { class: 'btn primary', type: 'button', id: 'demo-root', on: { click: () => void loadDemoRoot() } }, t('trust.useDemo')) : null,
    h('label', { class: 'btn', for: 'root-file', tabindex: 0, on: { keydown: (e) => activateLabel(e, input) } }, t('trust.pickFile')),
    input,
  );
}

function activateLabel(e: KeyboardEvent, input: HTMLInputElement): void {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    input.click();
  }
}

function rootDetails(root: ParsedRoot | null, pinned: store.PinnedRoot | null): HTMLElement {
  const fp = root?.fingerprint ?? pinned?.fingerprint ?? '';
  const dl = h(
    'dl',
    { class: 'facts' },
    h('dt', null, t('trust.federation')),
    h('dd', null, root?.federation ?? pinned?.federation ?? '—'),
    h('dt', null, t('trust.version')),
    h('dd', null, String(root?.version ?? pinned?.version ?? '—')),
    h('dt', null, t('trust.fingerprint')),
    h('dd', null, h('code', { class: 'fingerprint', id: 'root-fingerprint' }, fingerprint(fp))),
    root?.threshold ? [h('dt', null, t('trust.threshold')), h('dd', null, String(root.threshold))] : null,
    root?.time ? [h('dt', null, t('trust.time')), h('dd', null, root.time)] : null,
    pinned ? [h('dt', null, t('trust.pinnedAt')), h('dd', null, pinned.pinned)] : null,
  );
  const depts = root?.departments ?? [];
  const list = depts.length
    ? h(
        'details',
        { class: 'depts' },
        h('summary', null, `${t('trust.departments')} (${depts.length})`),
        h(
          'table',
          { class: 'grid compact' },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('trust.dept')), h('th', { scope: 'col' }, t('trust.keys')), h('th', { scope: 'col' }, t('trust.kinds')))),
          h(
            'tbody',
            null,
            depts.map((d) =>
              h('tr', null, h('td', null, h('strong', null, msg(d.name)), h('div', { class: 'muted' }, d.id)), h('td', null, d.keys.map((k) => h('code', { class: 'key' }, k))), h('td', { class: 'kinds' }, d.kinds.join(' · '))),
            ),
          ),
        ),
      )
    : null;
  return h('div', { class: 'root-details' }, dl, list);
}

async function offerRoot(text: string): Promise<void> {
  state.rootError = null;
  try {
    const root = await client.parseRoot(text.trim());
    state.candidate = { text: text.trim(), root };
  } catch (e) {
    state.rootError = errText(e);
  }
  render();
  document.getElementById('pin-root')?.focus();
}

async function loadDemoRoot(): Promise<void> {
  try {
    await offerRoot(await (await demoBlob('root.json')).text());
  } catch (e) {
    state.notice = { kind: 'error', text: () => t('bundle.fetchFailed', { m: errText(e) }) };
    render();
  }
}

async function pinCandidate(): Promise<void> {
  const c = state.candidate;
  if (!c) return;
  const pinned: store.PinnedRoot = { text: c.text, federation: c.root.federation, version: c.root.version, fingerprint: c.root.fingerprint, pinned: nowRfc3339() };
  await store.pinRoot(pinned);
  state.pinned = pinned;
  state.pinnedRoot = c.root;
  state.candidate = null;
  state.heads = (await store.knownHeads(pinned.federation)).length;
  render();
  (document.getElementById('demo-bundle') ?? document.getElementById('bundle-drop'))?.focus();
}

async function replaceRoot(): Promise<void> {
  if (!state.pinned) return;
  if (!window.confirm(t('trust.confirmReplace'))) return;
  await store.forgetHeads(state.pinned.federation);
  await store.unpinRoot();
  Object.assign(state, { pinned: null, pinnedRoot: null, result: null, ctx: null, heads: 0, notice: null });
  render();
}

// ------------------------------------------------------------------------------------------------
// Step 2: the bundle

function bundleCard(): HTMLElement {
  const enabled = !!state.pinned && !state.running;
  const drop = h(
    'div',
    { class: `dropzone${enabled ? '' : ' disabled'}`, id: 'bundle-drop', aria: { disabled: String(!enabled) } },
    h('p', { class: 'drop-title' }, t('bundle.drop')),
    h('p', { class: 'muted' }, t('bundle.or')),
    h('div', { class: 'actions center' }, bundlePicker(t('bundle.pick'), !enabled), QL_DEMO ? h('button', { class: 'btn primary', type: 'button', id: 'demo-bundle', disabled: !enabled, on: { click: () => void loadDemoBundle() } }, t('bundle.demo')) : null),
  );
  if (enabled) acceptDrops(drop, (files) => void openFiles(files));
  return h('div', { class: 'card bundle' }, h('h2', null, t('bundle.heading')), state.pinned ? null : h('p', { class: 'muted' }, t('bundle.needRoot')), drop);
}

function bundlePicker(label: string, disabled = false): HTMLElement {
  const input = h('input', { type: 'file', id: 'bundle-file', class: 'visually-hidden', disabled, attrs: { accept: '.qlb,.gz,.qlb.gz,application/gzip,application/x-ndjson', multiple: '' } });
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    if (files.length) void openFiles(files);
  });
  const lbl = h('label', { class: `btn${disabled ? ' disabled' : ''}`, for: 'bundle-file', tabindex: disabled ? -1 : 0, aria: { disabled: String(disabled) }, on: { keydown: (e) => activateLabel(e, input) } }, label);
  return h('span', null, lbl, input);
}

/**
 * Files picked or dropped: one main bundle plus any number of segments, verified together. The
 * largest file is the main bundle (a segment is a department's few new lines).
 */
async function openFiles(files: File[]): Promise<void> {
  const sorted = [...files].sort((a, b) => b.size - a.size);
  const [main, ...rest] = sorted;
  if (!main) return;
  state.main = { name: main.name, blob: main };
  state.segments = rest.sort((a, b) => a.name.localeCompare(b.name)).map((f) => ({ name: f.name, blob: f }));
  await verifyAll();
}

/** "加载数据段": more segments for the bundle already loaded. */
function segmentPicker(): HTMLElement {
  const input = h('input', { type: 'file', id: 'segment-file', class: 'visually-hidden', attrs: { accept: '.qlb,.gz,.qlb.gz,application/gzip,application/x-ndjson', multiple: '' } });
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) void addSegments(files);
  });
  return h('span', null, h('label', { class: 'btn', for: 'segment-file', id: 'segment-label', tabindex: 0, on: { keydown: (e) => activateLabel(e, input) } }, t('seg.add')), input);
}

async function addSegments(files: File[]): Promise<void> {
  if (!state.main) return openFiles(files);
  const have = new Set(state.segments.map((x) => x.name));
  for (const f of files) {
    if (have.has(f.name)) state.segments = state.segments.filter((x) => x.name !== f.name);
    state.segments.push({ name: f.name, blob: f });
  }
  await verifyAll();
}

/** Verify the main bundle, the segments, and the lines signed in this browser, as one. */
async function verifyAll(): Promise<void> {
  const main = state.main;
  const pinned = state.pinned;
  if (!main || !pinned) return;
  const inputs = [main, ...state.segments];
  const fed = pinned.federation;
  // The lines signed here, less those already in a loaded segment (e.g. my own exported segment).
  const inSegments = new Set<string>();
  for (const x of state.segments) if (x.blob.size < 64 << 20) for (const l of (await x.blob.text()).split('\n')) inSegments.add(l.trim());
  const mine = (await session.load(fed)).filter((l) => !inSegments.has(l.line));
  if (mine.length) {
    const bytes = await session.segment(mine, 'my lines');
    inputs.push({ name: t('seg.mine', { n: mine.length }), blob: new Blob([bytes as BlobPart]) });
  }
  await runVerify(inputs);
}

/** A demo file: embedded (base64) in the offline page, else fetched from demo/ next to the page. */
async function demoBlob(name: 'root.json' | 'bundle.qlb'): Promise<Blob> {
  const embedded = document.getElementById(name === 'root.json' ? 'ql-demo-root' : 'ql-demo-bundle');
  const b64 = embedded?.textContent?.trim();
  if (b64) {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Blob([bytes]);
  }
  const res = await fetch(`demo/${name}`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`demo/${name}: HTTP ${res.status}`);
  return res.blob();
}

async function loadDemoBundle(): Promise<void> {
  try {
    state.main = { name: QL_OFFLINE ? 'bundle.qlb.gz' : 'bundle.qlb', blob: await demoBlob('bundle.qlb') };
    state.segments = [];
    await verifyAll();
  } catch (e) {
    state.notice = { kind: 'error', text: () => t('bundle.fetchFailed', { m: errText(e) }) };
    render();
  }
}

// ------------------------------------------------------------------------------------------------
// Verification with progress

function progressSection(): Child {
  const r = state.running;
  if (!r) return null;
  const p = r.p;
  const frac = p && p.total > 0 ? Math.min(1, p.bytes / p.total) : 0;
  const rate = p && p.elapsed > 0 ? p.statements / p.elapsed : 0;
  const left = p && frac > 0.01 ? (p.elapsed * (1 - frac)) / frac : NaN;
  const finishing = p?.phase === 'finish';
  return h(
    'section',
    { class: 'card progress', id: 'progress', aria: { live: 'polite', busy: 'true' } },
    h('h2', null, t('progress.title', { name: r.name })),
    h('div', { class: 'bar', role: 'progressbar', aria: { valuemin: '0', valuemax: '100', valuenow: String(Math.round(frac * 100)), label: t('progress.title', { name: r.name }) } }, h('div', { class: `fill${finishing ? ' busy' : ''}`, id: 'progress-fill' })),
    h('p', { class: 'pstats', id: 'progress-stats' }, finishing ? t('progress.finishing') : p ? t('progress.stats', { statements: num(p.statements), rate: num(Math.round(rate)), left: duration(left) }) : t('misc.loading')),
    h('p', { class: 'muted', id: 'progress-bytes' }, p ? t('progress.bytes', { done: bytes(p.bytes), total: bytes(p.total) }) : ''),
    h('button', { class: 'btn', type: 'button', id: 'cancel', on: { click: cancelVerify } }, t('progress.cancel')),
  );
}

/** Update the progress bar in place (no full re-render: keeps focus on Cancel). */
function updateProgress(): void {
  const r = state.running;
  const fill = document.getElementById('progress-fill');
  if (!r || !fill || !r.p) return render();
  const p = r.p;
  const frac = p.total > 0 ? Math.min(1, p.bytes / p.total) : 0;
  fill.style.width = `${(frac * 100).toFixed(1)}%`;
  fill.classList.toggle('busy', p.phase === 'finish');
  fill.parentElement?.setAttribute('aria-valuenow', String(Math.round(frac * 100)));
  const rate = p.elapsed > 0 ? p.statements / p.elapsed : 0;
  const left = frac > 0.01 ? (p.elapsed * (1 - frac)) / frac : NaN;
  $('#progress-stats').textContent = p.phase === 'finish' ? t('progress.finishing') : t('progress.stats', { statements: num(p.statements), rate: num(Math.round(rate)), left: duration(left) });
  $('#progress-bytes').textContent = t('progress.bytes', { done: bytes(p.bytes), total: bytes(p.total) });
}

function cancelVerify(): void {
  client.cancel();
  state.running = null;
  state.notice = { kind: 'info', text: () => t('progress.cancelled') };
  render();
  void client.ready().catch(() => undefined);
}

async function runVerify(inputs: { name: string; blob: Blob }[]): Promise<void> {
  const name = inputs.length > 1 ? `${inputs[0]!.name} + ${inputs.length - 1}` : inputs[0]!.name;
  const blob = inputs[0]!.blob;
  const pinned = state.pinned;
  if (!pinned || state.running) return;
  state.running = { name, p: null };
  state.notice = null;
  state.newer = null;
  render();
  document.getElementById('cancel')?.focus();
  try {
    const heads = await store.knownHeads(pinned.federation);
    const res = await client.verify(inputs, pinned.text, heads.map(({ log, seq, head }) => ({ log, seq, head })), (p) => {
      if (!state.running) return;
      state.running.p = p;
      updateProgress();
    });
    state.running = null;
    const verifiedAt = nowRfc3339();
    showResult({ report: res.report, name, blob, inputs, sha256: res.sha256, verifiedAt, elapsed: res.elapsed, dev: false });
    state.notice = {
      kind: 'info',
      text: () => t('progress.done', { t: duration(res.elapsed) }) + (res.signatureWorkers > 0 ? t('progress.threads', { n: res.signatureWorkers + 1 }) : ''),
    };
    await remember(res.report, res.sha256, verifiedAt);
    const newest = res.roots[res.roots.length - 1];
    state.rootInForce = newest && res.report.root && newest.root.fingerprint === res.report.root.fingerprint ? newest.text : pinned.text;
    if (newest && newest.root.version > pinned.version) state.newer = newest;
    render();
    document.getElementById('verdict')?.focus();
    // For tests and scripts: how many verifications this page has completed.
    const root = document.documentElement;
    root.dataset.verifications = String(Number(root.dataset.verifications ?? '0') + 1);
    root.dataset.signatureWorkers = String(res.signatureWorkers);
  } catch (e) {
    if (e instanceof client.ApiError && e.code === 'CANCELLED') return;
    state.running = null;
    state.notice = { kind: 'error', text: () => t('progress.failed', { m: errText(e) }) };
    render();
  }
}

/** Remember the heads the core says this verification proved (`heads_to_remember`). */
async function remember(report: Report, sha256: string, verifiedAt: string): Promise<void> {
  const fed = report.root?.federation;
  if (!fed) return;
  const heads = report.heads_to_remember.map((k) => ({ federation: fed, log: k.log, seq: k.seq, head: k.head, verified: verifiedAt, bundle: sha256 }));
  try {
    await store.rememberHeads(heads);
    state.heads = (await store.knownHeads(fed)).length;
  } catch {
    // IndexedDB unavailable: nothing remembered this time
  }
}

function newerRootBox(): Child {
  const n = state.newer;
  const pinned = state.pinned;
  if (!n || !pinned) return null;
  return h(
    'div',
    { class: 'notice warn', role: 'alertdialog', aria: { labelledby: 'newer-title' } },
    h('strong', { id: 'newer-title' }, t('trust.newerTitle')),
    h('p', null, t('trust.newerBody', { version: n.root.version, fp: short(n.root.fingerprint, 16), old: pinned.version })),
    h(
      'div',
      { class: 'actions' },
      h('button', { class: 'btn primary', type: 'button', id: 'pin-newer', on: { click: () => void pinNewer() } }, t('trust.newerPin')),
      h('button', { class: 'btn', type: 'button', on: { click: () => { state.newer = null; render(); } } }, t('trust.newerKeep')),
    ),
  );
}

async function pinNewer(): Promise<void> {
  const n = state.newer;
  const pinned = state.pinned;
  if (!n || !pinned) return;
  const check = await client.checkSuccessor(pinned.text, n.text).catch((e: unknown) => ({ ok: false, message: errText(e) }));
  state.newer = null;
  if (!check.ok) {
    state.notice = { kind: 'error', text: () => t('trust.newerRefused', { m: check.message ?? '' }) };
    return render();
  }
  const next: store.PinnedRoot = { text: n.text, federation: n.root.federation, version: n.root.version, fingerprint: n.root.fingerprint, pinned: nowRfc3339() };
  await store.pinRoot(next);
  state.pinned = next;
  state.pinnedRoot = n.root;
  state.notice = { kind: 'info', text: () => t('trust.newerPinned', { version: n.root.version }) };
  render();
}

// ------------------------------------------------------------------------------------------------
// Results

function showResult(r: Result): void {
  state.result = r;
  state.ctx = new Ctx(r, state.catalogue);
  if (!location.hash.startsWith('#/')) history.replaceState(null, '', '#/overview');
}

function resultsSection(): Child {
  const ctx = state.ctx;
  if (!ctx || state.running) return null;
  const route = currentRoute();
  const tab = (id: string, label: string, count?: number) =>
    h('a', { href: `#/${id}`, class: `tab${route.view === id || (id === 'projects' && route.view === 'project') || (id === 'supervision' && route.view === 'bulletin') ? ' active' : ''}`, aria: route.view === id ? { current: 'page' } : undefined, dataset: { view: id } }, label, count !== undefined ? h('span', { class: 'count' }, num(count)) : null);
  return h(
    'section',
    { class: 'results', id: 'results' },
    state.result?.dev ? h('div', { class: 'notice error', role: 'alert' }, t('verdict.devReport')) : null,
    verdict(ctx),
    h(
      'nav',
      { class: 'tabs', aria: { label: t('nav.label') } },
      tab('overview', t('nav.overview')),
      tab('projects', t('nav.projects'), ctx.projects.length),
      tab('findings', t('nav.findings'), ctx.findings.length),
      tab('graph', t('nav.graph')),
      tab('supervision', t('nav.supervision'), supervisionOf(ctx.report)?.counts.found),
      tab('integrity', t('nav.integrity'), ctx.report.problems.length + ctx.report.problems_omitted),
      h('span', { class: 'spacer' }),
      renderExportMenu(ctx),
    ),
    h('div', { id: 'view', class: 'view' }),
  );
}

function renderRoute(): void {
  const ctx = state.ctx;
  const view = document.getElementById('view');
  if (!ctx || !view) return;
  disposeAll();
  clear(view);
  const r = currentRoute();
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav.tabs a.tab')) {
    const active = a.dataset.view === r.view || (a.dataset.view === 'projects' && r.view === 'project') || (a.dataset.view === 'supervision' && r.view === 'bulletin');
    a.classList.toggle('active', active);
    if (active) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  switch (r.view) {
    case 'projects':
      return renderProjects(ctx, view, r);
    case 'project':
      return renderProject(ctx, view, r.arg);
    case 'findings':
      return renderFindings(ctx, view, r);
    case 'graph':
      return renderGraph(ctx, view);
    case 'integrity':
      return renderIntegrity(ctx, view, r);
    case 'supervision':
      return renderSupervision(ctx, view, r);
    case 'bulletin':
      return renderBulletin(ctx, view, r);
    case 'finding': {
      renderFindings(ctx, view, r);
      const f = ctx.byKey.get(r.arg);
      if (f) openEvidence(ctx, f);
      return;
    }
    default:
      return renderOverview(ctx, view);
  }
}

window.addEventListener('hashchange', () => {
  if (!location.hash.startsWith('#/')) return;
  renderRoute();
  const main = document.getElementById('view');
  main?.querySelector<HTMLElement>('h2, h3')?.focus?.();
});

// ------------------------------------------------------------------------------------------------

function errText(e: unknown): string {
  if (e instanceof client.ApiError) return `${e.code}: ${e.message}`;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Development only (served build): show a saved report, e.g. the CLI's `verify --json`, with a
 * banner saying it was not verified here; `&bundle=` names the bundle for the raw-record viewer. */
async function devReport(path: string, bundle: string | null): Promise<void> {
  const res = await fetch(path, { cache: 'no-store' });
  const report = (await res.json()) as Report;
  const blob = bundle ? await (await fetch(bundle, { cache: 'no-store' })).blob() : null;
  showResult({ report, name: path, blob, sha256: '—', verifiedAt: nowRfc3339(), elapsed: 0, dev: true });
}

async function main(): Promise<void> {
  initLang();
  // The supervision board signs and then re-verifies the bundle, its segments and the new lines.
  setBoardHooks({
    reverify: () => verifyAll(),
    rerender: () => render(),
    rootText: () => state.rootInForce ?? state.pinned?.text ?? null,
    addSegments: (files) => addSegments(files),
  });
  onLangChange(() => {
    const focusId = document.activeElement?.id;
    render();
    if (focusId) document.getElementById(focusId)?.focus();
  });
  recordCspViolations();
  render();
  client
    .ready()
    .then((r) => {
      state.core = r.version;
      setCoreVersion(r.version);
      state.catalogue = r.catalogue;
      setVocabulary(r.vocabulary);
      if (state.result) state.ctx = new Ctx(state.result, r.catalogue);
      render();
    })
    .catch((e: unknown) => {
      state.coreError = errText(e);
      render();
    });
  state.pinned = await store.getPinnedRoot();
  if (state.pinned) {
    state.heads = (await store.knownHeads(state.pinned.federation)).length;
    render();
    try {
      state.pinnedRoot = await client.parseRoot(state.pinned.text);
    } catch (e) {
      state.rootError = errText(e);
    }
  }
  const query = new URLSearchParams(location.search);
  const dev = !QL_OFFLINE ? query.get('report') : null;
  const devBundle = query.get('bundle');
  const local = (p: string | null, ext: RegExp) => !!p && ext.test(p) && /^[\w./-]+$/.test(p) && !p.includes('..');
  if (local(dev, /\.json$/)) await devReport(dev!, local(devBundle, /\.qlb(\.gz)?$/) ? devBundle : null);
  render();
  document.documentElement.dataset.ready = 'true';
}

void main();
