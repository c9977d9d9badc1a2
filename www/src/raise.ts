// The forms of the supervision workflow (issue 17): 立案 (raise a problem, prefilled from a finding or
// a record), 整改 (rectify) and 复核 (confirm or reopen). Each builds one record draft
// {kind, project, time, body, refs} as agreed (/tmp/ql/interface.md) and signs it in the department
// session; the core validates the body and, on verification, checks who may do what (SUP-02/03/04).
import type { Ctx } from './ctx.js';
import { clear, h, type Child } from './dom.js';
import { msg, t, termOr, type Key } from './i18n.js';
import * as session from './session.js';
import type { Finding, SupProblem, SupTask } from './types.js';
import { boardHooks, errLine, party, setFlash } from './v-supervision.js';

/** The problem category a finding's check family suggests (the user may change it). */
export const CATEGORY_OF_FAMILY: Record<string, string> = {
  cost: 'cost',
  bidding: 'bidding',
  false_bidding: 'certificates',
  contract: 'contract',
  procedure: 'permits',
  site: 'construction_management',
  payment: 'payment',
  supervision: 'other',
};
export const CATEGORIES = ['construction_management', 'certificates', 'contract', 'permits', 'cost', 'bidding', 'payment', 'other'];

export function supStatus(s: string): string {
  return termOr('problem_statuses', s, `supst.${s}`);
}

export function supCategory(c: string): string {
  return termOr('problem_categories', c, `cat.${c}`);
}

// ---- the dialog -------------------------------------------------------------------------------------

function dialog(): HTMLDialogElement {
  let d = document.getElementById('sup-dialog') as HTMLDialogElement | null;
  if (!d) {
    d = h('dialog', { id: 'sup-dialog', class: 'evidence sup-dialog', aria: { labelledby: 'sd-title' } });
    document.body.append(d);
  }
  return d;
}

function show(ctx: Ctx, title: string, body: Child[], submit: (err: HTMLElement, btn: HTMLButtonElement) => Promise<void>, submitLabel: string): void {
  document.querySelector<HTMLDialogElement>('dialog#evidence[open]')?.close();
  const d = dialog();
  clear(d);
  const err = h('div', { class: 'notice error', id: 'sd-error', role: 'alert', hidden: true });
  const s = session.current();
  const btn = h('button', { class: 'btn primary', type: 'button', id: 'sd-submit', disabled: !s }, submitLabel);
  btn.addEventListener('click', () => {
    btn.disabled = true;
    err.hidden = true;
    void submit(err, btn).catch((e: unknown) => {
      err.hidden = false;
      err.textContent = errLine(e);
      btn.disabled = false;
    });
  });
  d.append(
    h('header', { class: 'ev-head' }, h('h2', { id: 'sd-title' }, title), h('button', { class: 'btn ghost close', type: 'button', id: 'sd-close', aria: { label: t('ev.close') }, on: { click: () => d.close() } }, '✕')),
    h(
      'div',
      { class: 'ev-body sup-form' },
      s ? h('p', { class: 'muted', id: 'sd-who' }, t('form.signingAs', { dept: ctx.deptName(s.department), log: s.log })) : h('div', { class: 'notice warn', id: 'sd-nosession' }, t('form.needSession'), ' ', h('a', { href: '#/supervision', on: { click: () => d.close() } }, t('form.goSignIn'))),
      body,
      err,
      h('div', { class: 'actions' }, btn, h('button', { class: 'btn', type: 'button', on: { click: () => d.close() } }, t('form.cancel'))),
    ),
  );
  if (!d.open) d.showModal();
}

function field(id: string, label: string, input: HTMLElement, hint?: string): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('span', { class: 'muted hint' }, hint) : null);
}

function text(id: string, value = '', attrs: Record<string, string> = {}): HTMLInputElement {
  return h('input', { type: 'text', id, value, attrs });
}

function area(id: string, value = '', rows = 3): HTMLTextAreaElement {
  const a = h('textarea', { id, attrs: { rows: String(rows) } });
  a.value = value;
  return a;
}

function dateInput(id: string, value: string): HTMLInputElement {
  return h('input', { type: 'date', id, value });
}

function select(id: string, options: [string, string][], value: string): HTMLSelectElement {
  const s = h('select', { id }, options.map(([v, l]) => h('option', { value: v }, l)));
  s.value = value;
  return s;
}

function addDays(d: string, days: number): string {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + days);
  return x.toISOString().slice(0, 10);
}

/** Sign the draft, then verify the bundle, the segments and the new lines again: the board updates. */
async function signAndReverify(ctx: Ctx, draft: { kind: string; project?: string; body: Record<string, unknown>; refs?: string[] }, done: () => string): Promise<void> {
  const signed = await session.sign({ ...draft, time: session.nowCst() }, ctx.report);
  dialog().close();
  setFlash({ kind: 'info', text: () => `${done()} ${t('form.signedId', { id: signed.id.slice(0, 16) })}` });
  document.documentElement.dataset.signed = String(Number(document.documentElement.dataset.signed ?? '0') + 1);
  if (!location.hash.startsWith('#/supervision')) location.hash = '#/supervision';
  await boardHooks()?.reverify();
}

/** Values compared by a finding, as one line of text for the problem record (display order kept). */
function comparedText(f: Finding): string {
  const vals = f.values && typeof f.values === 'object' ? Object.entries(f.values as Record<string, unknown>) : [];
  const parts = vals.map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return parts.join('; ').slice(0, 1900);
}

// ---- 立案 ------------------------------------------------------------------------------------------

export interface RaiseFrom {
  finding?: Finding;
  /** A record (its statement id) when raised from the record viewer. */
  record?: { id: string; project?: string | null };
  /** A joint task or case the problem belongs to (its task_id; its first project, a participant). */
  task?: SupTask;
}

export function openRaise(ctx: Ctx, from: RaiseFrom): void {
  const f = from.finding;
  const s = session.current();
  const found = session.todayCst();
  const depts = ctx.report.root?.departments ?? [];
  const evidenceDepts = f ? ctx.departmentsOf(f) : [];
  const tk = from.task;
  const defaultDept = evidenceDepts.find((d) => d !== s?.department) ?? tk?.participating_depts.find((d) => d !== s?.department) ?? depts.find((d) => d.id !== s?.department)?.id ?? '';
  const project = f?.project ?? from.record?.project ?? tk?.projects[0] ?? '';
  const stamp = session.nowCst().slice(0, 19).replace(/[-:T]/g, '');
  const pid = text('rf-id', `${(s?.department ?? 'WT').toUpperCase()}-${stamp}`, { pattern: '[A-Za-z0-9_./:-]{1,64}', size: '28' });
  const check = text('rf-check', f?.check ?? '', { size: '10' });
  const proj = select('rf-project', [['', '—'], ...ctx.projects.map((p): [string, string] => [p.project, `${p.name ?? p.project} (${p.project})`])], project);
  const projects = text('rf-projects', '', { size: '40', placeholder: t('form.projectsHint') });
  const refs = area('rf-refs', (f?.evidence ?? []).map((e) => e.id).join('\n') || (from.record?.id ?? ''), 3);
  const compared = area('rf-compared', f ? comparedText(f) : '', 2);
  const category = select('rf-category', CATEGORIES.map((c) => [c, supCategory(c)]), f ? (CATEGORY_OF_FAMILY[f.family] ?? 'other') : 'other');
  const severity = select('rf-severity', ['high', 'medium', 'low'].map((v) => [v, t(`sev.${v}` as Key)]), f?.severity ?? 'medium');
  const respKind = select('rf-resp-kind', [['dept', t('form.respDept')], ['unit', t('form.respUnit')]], 'dept');
  const respDept = select('rf-resp-dept', depts.map((d) => [d.id, `${msg(d.name)} (${d.id})`]), defaultDept);
  const respUnit = text('rf-resp-unit', '', { size: '22', placeholder: t('form.usccHint') });
  respUnit.hidden = true;
  respKind.addEventListener('change', () => {
    respDept.hidden = respKind.value !== 'dept';
    respUnit.hidden = respKind.value !== 'unit';
  });
  const foundDate = dateInput('rf-found', found);
  const due = dateInput('rf-due', addDays(found, 30));
  foundDate.addEventListener('change', () => (due.value = addDays(foundDate.value, 30)));
  const suggestion = area('rf-suggestion', '', 2);
  const description = area('rf-description', f ? f.message.zh : '', 3);
  const task = text('rf-task', tk?.task_id ?? '', { size: '24' });
  const title = f ? `${t('act.raise')} · ${f.check} ${ctx.checkTitle(f.check, f)}` : tk ? `${t('act.raise')} · ${tk.task_id} ${tk.title}` : t('act.raise');
  show(
    ctx,
    title,
    [
      f ? h('p', { class: 'ev-message' }, msg(f.message)) : null,
      h(
        'div',
        { class: 'form-grid' },
        field('rf-id', t('form.problemId'), pid),
        field('rf-check', t('findings.check'), check),
        field('rf-project', t('findings.project'), proj),
        field('rf-projects', t('form.projects'), projects),
        field('rf-category', t('sup.category'), category),
        field('rf-severity', t('findings.severity'), severity),
        field('rf-resp-kind', t('sup.responsible'), h('span', null, respKind, ' ', respDept, respUnit)),
        field('rf-found', t('sup.found'), foundDate),
        field('rf-due', t('sup.due'), due),
        field('rf-task', t('form.task'), task),
      ),
      field('rf-description', t('sup.description'), description),
      field('rf-suggestion', t('sup.suggestion'), suggestion),
      field('rf-compared', t('sup.compared'), compared),
      field('rf-refs', t('form.refs'), refs, t('form.refsHint')),
    ],
    async () => {
      const body: Record<string, unknown> = {
        problem_id: pid.value.trim(),
        found_date: foundDate.value,
        responsible: respKind.value === 'unit' ? { unit: respUnit.value.trim() } : { dept: respDept.value },
        category: category.value,
        severity: severity.value,
        description: description.value.trim(),
        due_date: due.value,
      };
      if (check.value.trim()) body.check_id = check.value.trim();
      if (task.value.trim()) body.task_id = task.value.trim();
      if (suggestion.value.trim()) body.suggestion = suggestion.value.trim();
      if (compared.value.trim()) body.compared = compared.value.trim();
      const more = projects.value.split(/[\s,，、;；]+/).filter(Boolean);
      if (more.length) body.projects = more;
      const refIds = refs.value.split(/\s+/).filter(Boolean);
      await signAndReverify(ctx, { kind: 'problem', ...(proj.value ? { project: proj.value } : {}), body, ...(refIds.length ? { refs: refIds } : {}) }, () => t('form.raised', { id: String(body.problem_id) }));
    },
    t('form.signRaise'),
  );
}

// ---- 整改 ------------------------------------------------------------------------------------------

/** SHA-256 of a file, hex: a fingerprint of the evidence file (WebCrypto), not a rule. */
async function sha256Hex(file: File): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  return [...d].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function problemFacts(ctx: Ctx, p: SupProblem): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    h('dt', null, t('sup.problem')),
    h('dd', null, h('code', null, p.problem_id), ' ', p.description),
    h('dt', null, t('sup.responsible')),
    h('dd', null, party(ctx, p.responsible)),
    h('dt', null, t('sup.due')),
    h('dd', null, p.due_date),
    p.suggestion ? [h('dt', null, t('sup.suggestion')), h('dd', null, p.suggestion)] : null,
  );
}

export function openRectify(ctx: Ctx, p: SupProblem): void {
  const s = session.current();
  const description = area('rc-description', '', 3);
  const status = select('rc-status', [['completed', termOr('rectification_statuses', 'completed', 'rc.completed')], ['in_progress', termOr('rectification_statuses', 'in_progress', 'rc.in_progress')]], 'completed');
  const day = dateInput('rc-date', session.todayCst());
  const file = h('input', { type: 'file', id: 'rc-file' });
  const hash = h('code', { id: 'rc-hash', class: 'fingerprint' }, '');
  let digest = '';
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    digest = '';
    hash.textContent = '';
    if (f) void sha256Hex(f).then((x) => ((digest = x), (hash.textContent = `SHA-256 ${x}`)));
  });
  show(
    ctx,
    `${t('act.rectify')} · ${p.problem_id}`,
    [
      problemFacts(ctx, p),
      s && p.responsible_dept !== s.department ? h('p', { class: 'notice warn' }, t('act.notResponsible')) : null,
      field('rc-description', t('rc.description'), description),
      field('rc-status', t('sup.status'), status),
      field('rc-date', t('rc.date'), day),
      field('rc-file', t('rc.file'), h('span', null, file, ' ', hash), t('rc.fileHint')),
    ],
    async () => {
      const f = file.files?.[0];
      if (f && !digest) digest = await sha256Hex(f);
      const body: Record<string, unknown> = {
        problem_id: p.problem_id,
        rectified_by: { dept: session.current()?.department ?? '' },
        rectification_date: day.value,
        status: status.value,
        description: description.value.trim(),
      };
      if (digest) body.evidence_hash = digest;
      await signAndReverify(ctx, { kind: 'rectification', ...(p.project ? { project: p.project } : {}), body, refs: [p.id] }, () => t('form.rectified', { id: p.problem_id }));
    },
    t('form.signRectify'),
  );
}

// ---- 复核 ------------------------------------------------------------------------------------------

export function openReview(ctx: Ctx, p: SupProblem, decision: 'confirmed' | 'reopened'): void {
  const s = session.current();
  const rect = [...p.history].reverse().find((x) => x.kind === 'rectification' && x.state === 'completed') ?? [...p.history].reverse().find((x) => x.kind === 'rectification');
  const dec = select('rv-decision', [['confirmed', t('act.confirm')], ['reopened', t('act.reopen')]], decision);
  const note = area('rv-note', '', 3);
  const day = dateInput('rv-date', session.todayCst());
  const newDue = dateInput('rv-new-due', addDays(session.todayCst(), 30));
  const dueField = field('rv-new-due', t('rv.newDue'), newDue);
  dueField.hidden = decision !== 'reopened';
  dec.addEventListener('change', () => (dueField.hidden = dec.value !== 'reopened'));
  show(
    ctx,
    `${decision === 'confirmed' ? t('act.confirm') : t('act.reopen')} · ${p.problem_id}`,
    [
      problemFacts(ctx, p),
      rect ? h('p', null, t('rv.reviewing'), ' ', h('span', null, `${rect.date} ${rect.text}`)) : h('p', { class: 'notice warn' }, t('act.noRectification')),
      s && p.raised_by !== s.department ? h('p', { class: 'notice warn' }, t('act.notRaiser')) : null,
      field('rv-decision', t('rv.decision'), dec),
      field('rv-note', t('rv.note'), note),
      field('rv-date', t('rv.date'), day),
      dueField,
    ],
    async () => {
      const body: Record<string, unknown> = { problem_id: p.problem_id, decision: dec.value, review_date: day.value, note: note.value.trim() };
      if (dec.value === 'reopened') body.new_due_date = newDue.value;
      const refs = rect ? [rect.id] : [];
      await signAndReverify(ctx, { kind: 'rectification_review', ...(p.project ? { project: p.project } : {}), body, ...(refs.length ? { refs } : {}) }, () => t(dec.value === 'confirmed' ? 'form.confirmed' : 'form.reopened', { id: p.problem_id }));
    },
    t('form.signReview'),
  );
}

// ---- 联合监管任务 / 案件联办 ----------------------------------------------------------------------------

/**
 * Start a joint supervision task or a joint case (a `supervision_task` record): the signed-in
 * department leads, the participants come from the root's departments. The core validates the body.
 */
export function openTask(ctx: Ctx): void {
  const s = session.current();
  const start = session.todayCst();
  const depts = (ctx.report.root?.departments ?? []).filter((d) => d.id !== s?.department);
  const stamp = session.nowCst().slice(0, 10).replace(/-/g, '');
  const id = text('tk-id', `${(s?.department ?? 'JW').toUpperCase()}-LH-${stamp}`, { pattern: '[A-Za-z0-9_./:-]{1,64}', size: '28' });
  const title = text('tk-title', '', { size: '40' });
  const mode = select('tk-mode', [['task', t('sup.modeTask')], ['case', t('sup.modeCase')]], 'task');
  const parts = h('select', { id: 'tk-depts', attrs: { multiple: '', size: String(Math.min(8, Math.max(3, depts.length))) } }, depts.map((d) => h('option', { value: d.id }, `${msg(d.name)} (${d.id})`)));
  const scope = area('tk-scope', '', 3);
  const projects = text('tk-projects', '', { size: '40', placeholder: t('form.projectsHint') });
  const startDate = dateInput('tk-start', start);
  const due = dateInput('tk-due', addDays(start, 90));
  show(
    ctx,
    t('task.new'),
    [
      h(
        'div',
        { class: 'form-grid' },
        field('tk-id', t('task.id'), id),
        field('tk-title', t('sup.taskTitle'), title),
        field('tk-mode', t('sup.mode'), mode),
        field('tk-lead', t('sup.lead'), h('span', { id: 'tk-lead' }, s ? `${ctx.deptName(s.department)} (${s.department})` : '—')),
        field('tk-start', t('task.start'), startDate),
        field('tk-due', t('task.due'), due, t('task.dueHint')),
      ),
      field('tk-depts', t('sup.participants'), parts, t('task.deptsHint')),
      field('tk-scope', t('task.scope'), scope),
      field('tk-projects', t('task.projects'), projects),
    ],
    async () => {
      const body: Record<string, unknown> = {
        task_id: id.value.trim(),
        title: title.value.trim(),
        lead_dept: session.current()?.department ?? '',
        participating_depts: [...parts.selectedOptions].map((o) => o.value),
        scope: scope.value.trim(),
        start_date: startDate.value,
        mode: mode.value,
      };
      const codes = projects.value.split(/[\s,，、;；]+/).filter(Boolean);
      if (codes.length) body.projects = codes;
      if (due.value) body.due_date = due.value;
      await signAndReverify(ctx, { kind: 'supervision_task', body }, () => t(mode.value === 'case' ? 'task.createdCase' : 'task.created', { id: String(body.task_id) }));
    },
    t('task.sign'),
  );
}
