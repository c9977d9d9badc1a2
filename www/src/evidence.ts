// The evidence of a finding (records with their signature and chain status, the values compared, the
// legal source) and the record viewer. A modal <dialog>: focus stays inside, Esc closes it.
import type { Ctx } from './ctx.js';
import { clear, h, row, table, type Child } from './dom.js';
import { list, num, short, yuan } from './fmt.js';
import { lang, msg, t, term, tMaybe } from './i18n.js';
import { inputLine, pretty } from './lines.js';
import { inputsOf } from './types.js';
import { openRaise } from './raise.js';
import type { Evidence, Finding } from './types.js';
import { familyName, sevBadge } from './v-overview.js';

function dialog(): HTMLDialogElement {
  let d = document.getElementById('evidence') as HTMLDialogElement | null;
  if (!d) {
    d = h('dialog', { id: 'evidence', class: 'evidence', aria: { labelledby: 'ev-title' } });
    d.addEventListener('click', (e) => {
      if (e.target === d) d?.close();
    });
    document.body.append(d);
  }
  return d;
}

function show(title: Child, body: Child[]): HTMLDialogElement {
  const d = dialog();
  clear(d);
  const close = h('button', { class: 'btn ghost close', type: 'button', id: 'ev-close', aria: { label: t('ev.close') }, on: { click: () => d.close() } }, '✕');
  d.append(h('header', { class: 'ev-head' }, h('h2', { id: 'ev-title' }, title), close), h('div', { class: 'ev-body' }, body));
  if (!d.open) d.showModal();
  close.focus();
  return d;
}

export function closeDialog(): void {
  const d = document.getElementById('evidence') as HTMLDialogElement | null;
  d?.close();
}

export function openEvidence(ctx: Ctx, f: Finding & { key?: string }): void {
  const depts = ctx.departmentsOf(f);
  const d = show([sevBadge(f.severity), ' ', h('code', null, f.check), ' ', ctx.checkTitle(f.check, f)], [
    h('p', { class: 'ev-message', id: 'ev-message' }, msg(f.message)),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, t('findings.family')),
      h('dd', null, familyName(f.family)),
      f.project
        ? [
            h('dt', null, t('findings.project')),
            h('dd', null, h('a', { href: `#/project/${encodeURIComponent(f.project)}`, on: { click: () => dialog().close() } }, ctx.projectName(f.project)), ' ', h('code', { class: 'muted' }, f.project)),
          ]
        : null,
      f.tender ? [h('dt', null, t('ev.tender')), h('dd', null, h('code', null, f.tender))] : null,
      depts.length ? [h('dt', null, t('findings.department')), h('dd', null, list(depts.map((x) => ctx.deptName(x))))] : null,
    ),
    f.values && Object.keys(f.values).length ? h('section', { id: 'ev-values' }, h('h3', null, t('ev.values')), valuesTable(ctx, f)) : null,
    h('section', { id: 'ev-records' }, h('h3', null, t('ev.records')), f.evidence?.length ? recordsTable(ctx, f.evidence) : h('p', { class: 'muted' }, '—')),
    f.source ? h('section', { id: 'ev-source' }, h('h3', null, t('ev.source')), h('p', { class: 'source' }, f.source)) : null,
    h('div', { class: 'actions' }, h('button', { class: 'btn primary', type: 'button', id: 'ev-raise', on: { click: () => openRaise(ctx, { finding: f }) } }, t('act.raise'))),
  ]);
  d.dataset.finding = f.key ?? f.id;
}

// ---- values compared -----------------------------------------------------------------------------

function valuesTable(ctx: Ctx, f: Finding): HTMLElement {
  const rows = Object.entries(f.values ?? {}).map(([k, v]) => {
    return row([h('code', null, k), h('span', { class: k.endsWith('_fen') ? 'money' : '' }, valueText(ctx, k, v))]);
  });
  return table([t('ev.name'), t('ev.value')], rows, 'grid compact values');
}

/** Presentation of a compared value by the unit its key names (_fen money, _ratio percent). */
function valueText(ctx: Ctx, key: string, v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') {
    if (key.endsWith('_fen')) return yuan(v);
    if (key.endsWith('_ratio') || key.endsWith('_rate') || key === 'ratio') return `${(v * 100).toFixed(Math.abs(v) < 0.01 ? 2 : 1)}%`;
    return Number.isInteger(v) ? num(v) : String(Math.round(v * 1e4) / 1e4);
  }
  if (typeof v === 'string') return /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(v) ? `${ctx.firmName(v)}${ctx.firmName(v) !== v ? ` (${v})` : ''}` : v;
  if (Array.isArray(v)) return v.map((x) => valueText(ctx, key.replace(/s$/, ''), x)).join(lang() === 'zh' ? '、' : ', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.zh === 'string' && typeof o.en === 'string') return msg(o as { zh: string; en: string });
    return Object.entries(o)
      .map(([k, x]) => `${k}: ${valueText(ctx, k, x)}`)
      .join('; ');
  }
  return String(v);
}

// ---- records -------------------------------------------------------------------------------------

/** The chain status of an evidence record, from its log's summary in the report. */
function chainStatus(ctx: Ctx, e: Evidence): { ok: boolean; text: string } {
  const l = ctx.log(e.log);
  if (!l) return { ok: false, text: '—' };
  if (l.forks.includes(e.seq)) return { ok: false, text: t('ev.chainFork') };
  if (l.complete_to && e.seq <= l.complete_to.seq) return { ok: true, text: t('ev.chainCheckpoint', { seq: num(l.complete_to.seq) }) };
  return { ok: true, text: t('ev.chainLinked') };
}

function recordsTable(ctx: Ctx, records: Evidence[]): HTMLElement {
  const rows = records.map((e) => {
    const chain = chainStatus(ctx, e);
    return row(
      [
        tMaybe(`role.${e.role}`) ?? e.role,
        term('kinds', e.kind),
        ctx.deptName(ctx.evidenceDepartment(e)),
        `${e.log} #${num(e.seq)}`,
        num(e.line),
        h('span', { class: 'ok-text' }, `✔ ${t('ev.sigOk')}`),
        h('span', { class: chain.ok ? 'ok-text' : 'warn-text' }, chain.text),
        recordButton(ctx, e.id, e),
      ],
      undefined,
      'ev-record',
    );
  });
  return h('div', { class: 'scroll-x' }, table([t('ev.role'), t('ev.kind'), t('findings.department'), t('ev.position'), t('ev.line'), t('ev.signature'), t('ev.chain'), t('ev.id')], rows, 'grid compact'));
}

/** Where a record is in the bundle, when some finding's evidence tells it. */
function locate(ctx: Ctx, id: string): Evidence | undefined {
  for (const f of ctx.findingsByRecord.get(id) ?? []) {
    const e = f.evidence.find((x) => x.id === id);
    if (e) return e;
  }
  return undefined;
}

/** A small button naming a record (short id) that opens it with its raw line from the bundle. */
export function recordButton(ctx: Ctx, id: string, e?: Evidence): HTMLButtonElement {
  return h('button', { class: 'rec', type: 'button', title: id, on: { click: () => void openRecord(ctx, id, e ?? locate(ctx, id)) } }, short(id, 10));
}

async function openRecord(ctx: Ctx, id: string, e: Evidence | undefined): Promise<void> {
  const pre = h('pre', { class: 'raw', id: 'ev-raw' }, t('misc.loading'));
  const cited = ctx.findingsByRecord.get(id) ?? [];
  show([t('ev.raw'), ' ', h('code', null, short(id, 16))], [
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, t('ev.id')),
      h('dd', null, h('code', { class: 'fingerprint' }, id)),
      e ? [h('dt', null, t('ev.kind')), h('dd', null, `${term('kinds', e.kind)} (${e.kind})`)] : null,
      e ? [h('dt', null, t('findings.department')), h('dd', null, ctx.deptName(ctx.evidenceDepartment(e)))] : null,
      e ? [h('dt', null, t('ev.position')), h('dd', null, `${e.log} #${num(e.seq)}`)] : null,
      e ? [h('dt', null, t('ev.line')), h('dd', null, num(e.line))] : null,
      e ? [h('dt', null, t('ev.signature')), h('dd', { class: 'ok-text' }, `✔ ${t('ev.sigOk')}`)] : null,
      e ? [h('dt', null, t('ev.chain')), h('dd', null, chainStatus(ctx, e).text)] : null,
      cited.length
        ? [
            h('dt', null, t('ev.citedBy')),
            h(
              'dd',
              null,
              cited.map((f) => h('button', { class: `pill small sev-${f.severity}`, type: 'button', title: msg(f.message), on: { click: () => openEvidence(ctx, f) } }, f.check)),
            ),
          ]
        : null,
    ),
    h('div', { class: 'actions' }, h('button', { class: 'btn', type: 'button', id: 'rec-raise', on: { click: () => openRaise(ctx, { record: { id, project: cited.find((f) => f.project)?.project ?? null } }) } }, t('act.raise'))),
    h('h3', null, t('ev.raw')),
    pre,
  ]);
  const inputs = ctx.result.inputs ?? (ctx.result.blob ? [{ name: ctx.result.name, blob: ctx.result.blob }] : []);
  const starts = inputsOf(ctx.report)?.map((x) => x.first_line) ?? null;
  const line = e?.line ? await inputLine(inputs, starts, e.line) : null;
  pre.textContent = line ? pretty(line) : t('ev.notLocated');
}
