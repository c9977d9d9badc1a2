// 监督 / Supervision (issue 17): the board the core computes (report.analysis.supervision) — counters,
// charts by status and by responsible department, the problems with their history and evidence, the
// joint tasks and cases — and the department's workplace: sign in with a key file, raise, rectify,
// confirm or reopen (signed records), exchange segments, weekly dispatch and monthly bulletin.
// The page decides no status and no rule: everything shown comes from the report.
import { chart, COLORS } from './charts.js';
import type { Ctx, FindingRow } from './ctx.js';
import { append, clear, download, h, row, table, type Child } from './dom.js';
import { openEvidence, recordButton } from './evidence.js';
import { date, num, short } from './fmt.js';
import { msg, t, termOr, type Key } from './i18n.js';
import { openRaise, openRectify, openReview, openTask, supCategory, supStatus } from './raise.js';
import { setParams, type Route } from './router.js';
import * as session from './session.js';
import { inputsOf, SUP_STATUSES, supervisionOf, type SupBoard, type SupProblem } from './types.js';
import { sevBadge } from './v-overview.js';

export interface BoardHooks {
  reverify: () => Promise<void>;
  rerender: () => void;
  rootText: () => string | null;
  addSegments: (files: File[]) => Promise<void>;
}

let hooks: BoardHooks | null = null;
export function setBoardHooks(x: BoardHooks): void {
  hooks = x;
}
export function boardHooks(): BoardHooks | null {
  return hooks;
}

/** The last action's outcome, shown on the board (formatted at render time: language switch). */
let flash: { kind: 'info' | 'error'; text: () => string } | null = null;
export function setFlash(f: typeof flash): void {
  flash = f;
}

/** A signing error as the page shows it: the code first, then what it means for the user. */
export function errLine(e: unknown): string {
  const x = e as { code?: string; message?: string };
  const code = typeof x?.code === 'string' ? x.code : 'ERROR';
  const hint = ({ HEAD_STALE: 'err.HEAD_STALE', KEY_NOT_IN_ROOT: 'err.KEY_NOT_IN_ROOT', KEY_UNKNOWN: 'err.KEY_NOT_IN_ROOT', KIND_NOT_AUTHORIZED: 'err.KIND_NOT_AUTHORISED', KEY_WRONG_DEPARTMENT: 'err.KEY_WRONG_DEPARTMENT', KIND_NOT_AUTHORISED: 'err.KIND_NOT_AUTHORISED', KEY_FILE_ENCRYPTED: 'err.KEY_FILE_ENCRYPTED', KEY_FILE_PASSPHRASE: 'err.KEY_FILE_PASSPHRASE', NO_SESSION: 'err.NO_SESSION' } as Record<string, Key>)[code];
  return `${code}: ${hint ? t(hint) : ''}${hint && x?.message ? ' — ' : ''}${x?.message ?? ''}`;
}

/** A party: a department's name, or a firm by credit code. */
export function party(ctx: Ctx, id: string | null | undefined): string {
  if (!id) return '—';
  const d = ctx.deptName(id);
  return d !== id ? d : ctx.firmName(id);
}

export function renderSupervision(ctx: Ctx, el: HTMLElement, route: Route): void {
  const board = supervisionOf(ctx.report);
  append(el, [
    h('h2', { tabindex: -1, id: 'sup-title' }, t('sup.title')),
    flash ? h('div', { class: `notice ${flash.kind}`, id: 'sup-flash', role: flash.kind === 'error' ? 'alert' : 'status' }, flash.text()) : null,
    h('div', { class: 'sup-work' }, sessionPanel(ctx), segmentsPanel(ctx)),
  ]);
  if (!board) {
    el.append(h('p', { class: 'muted', id: 'sup-none' }, t('sup.noBoard')));
    return;
  }
  append(el, [counters(board), charts(ctx, board), bulletinBar(board), problems(ctx, board, route), tasks(ctx, board)]);
}

// ---- the department session ------------------------------------------------------------------------

function signerLine(s: session.Session): string {
  if (s.signer === 'wasm') return t('sess.signerWasm');
  return t(s.kept ? 'sess.signerKept' : 'sess.signerWebcrypto');
}

function sessionPanel(ctx: Ctx): HTMLElement {
  const s = session.current();
  if (s) {
    return h(
      'section',
      { class: 'panel sup-session', id: 'sup-session', dataset: { dept: s.department, log: s.log } },
      h('h3', null, t('sess.title')),
      h(
        'dl',
        { class: 'facts' },
        h('dt', null, t('sess.dept')),
        h('dd', { id: 'sess-dept' }, `${ctx.deptName(s.department)} (${s.department})`),
        h('dt', null, t('sess.log')),
        h('dd', null, h('code', null, s.log), ` #${num(session.writerSeq() ?? 0)}`, ' ', h('span', { class: 'muted' }, t(`sess.from.${s.headFrom}` as Key))),
        h('dt', null, t('sess.key')),
        h('dd', null, h('code', { title: s.publicKey }, short(s.keyId, 16))),
        h('dt', null, t('sess.signer')),
        h('dd', { id: 'sess-signer', dataset: { signer: s.signer, kept: String(s.kept) } }, signerLine(s)),
        h('dt', null, t('sess.kinds')),
        h('dd', null, s.kinds.map((k) => termOr('kinds', k, k)).join(' · ')),
      ),
      s.note ? h('p', { class: 'notice warn', id: 'sess-note', dataset: { note: s.note } }, t(s.note === 'no-webcrypto' ? 'sess.noWebcrypto' : 'sess.notStored')) : null,
      h('p', { class: 'muted' }, t(s.kept ? 'sess.keptNote' : s.signer === 'webcrypto' ? 'sess.webcryptoNote' : 'sess.memoryOnly')),
      h(
        'p',
        { class: 'actions' },
        h('button', { class: 'btn', type: 'button', id: 'sess-out', on: { click: () => { session.signOut(); hooks?.rerender(); } } }, t('sess.signOut')),
        s.kept
          ? h('button', { class: 'btn', type: 'button', id: 'sess-forget', on: { click: () => void session.forgetKey(s.log).then(() => { flash = { kind: 'info', text: () => t('sess.forgotten', { log: s.log }) }; hooks?.rerender(); }) } }, t('sess.forget'))
          : null,
      ),
    );
  }
  const key = h('input', { type: 'file', id: 'sess-key', attrs: { accept: '.key,.age,.txt' } });
  const pass = h('input', { type: 'password', id: 'sess-pass', attrs: { autocomplete: 'off' } });
  const log = h('input', { type: 'text', id: 'sess-log', attrs: { placeholder: t('sess.logPlaceholder'), pattern: '[a-z0-9-]{1,32}/[a-z0-9-]{1,32}', size: '16' } });
  const logFile = h('input', { type: 'file', id: 'sess-logfile', attrs: { accept: '.qlog,.ndjson' } });
  const keep = h('input', { type: 'checkbox', id: 'sess-keep' });
  const err = h('div', { class: 'notice error', id: 'sess-error', role: 'alert', hidden: true });
  const busy = h('span', { class: 'muted', hidden: true }, t('sess.opening'));
  const signedIn = () => {
    const s = session.current()!;
    flash = { kind: 'info', text: () => t('sess.signedIn', { dept: ctx.deptName(s.department), log: s.log }) };
    hooks?.rerender();
  };
  const failed = (e: unknown) => {
    busy.hidden = true;
    err.hidden = false;
    err.textContent = errLine(e);
  };
  const go = async () => {
    const f = key.files?.[0];
    const rootText = hooks?.rootText();
    if (!f || !rootText) return;
    err.hidden = true;
    busy.hidden = false;
    try {
      const lf = logFile.files?.[0];
      await session.signIn({ key: new Uint8Array(await f.arrayBuffer()), passphrase: pass.value, log: log.value.trim(), rootText, report: ctx.report, logFile: lf ? new Uint8Array(await lf.arrayBuffer()) : null, keep: keep.checked });
      signedIn();
    } catch (e) {
      failed(e);
    }
  };
  // Keys kept in this browser (non-extractable): continue without the key file, or forget them.
  const kept = h('div', { id: 'sess-kept', class: 'sess-kept', dataset: { loaded: 'false', n: '0' } });
  const fed = ctx.report.root?.federation ?? '';
  void session.keptKeys().then((list) => {
    const mine = list.filter((k) => !fed || !k.federation || k.federation === fed);
    clear(kept);
    kept.dataset.n = String(mine.length);
    kept.dataset.loaded = 'true';
    for (const k of mine) {
      const who = `${ctx.deptName(k.department)} (${k.department})`;
      const cont = async () => {
        const rootText = hooks?.rootText();
        if (!rootText) return;
        err.hidden = true;
        busy.hidden = false;
        try {
          await session.resume(k, rootText, ctx.report);
          signedIn();
        } catch (e) {
          failed(e);
        }
      };
      kept.append(
        h(
          'p',
          { class: 'actions sess-kept-key', dataset: { log: k.log } },
          h('button', { class: 'btn primary', type: 'button', dataset: { continue: k.log }, on: { click: () => void cont() } }, t('sess.continue', { dept: who })),
          ' ',
          h('code', { class: 'muted', title: k.publicKey }, `${k.log} · ${short(k.keyId, 12)}`),
          ' ',
          h('button', { class: 'btn', type: 'button', dataset: { forget: k.log }, on: { click: () => void session.forgetKey(k.log).then(() => hooks?.rerender()) } }, t('sess.forget')),
        ),
      );
    }
  });
  return h(
    'section',
    { class: 'panel sup-session', id: 'sup-session' },
    h('h3', null, t('sess.signIn')),
    kept,
    h('p', { class: 'muted' }, t('sess.intro')),
    h('p', null, h('label', { for: 'sess-key' }, t('sess.keyFile'), ' '), key),
    h('p', null, h('label', { for: 'sess-pass' }, t('sess.passphrase'), ' '), pass),
    h('p', null, h('label', { for: 'sess-log' }, t('sess.log'), ' '), log),
    h('p', null, h('label', { for: 'sess-logfile' }, t('sess.logFile'), ' '), logFile),
    h('p', null, keep, ' ', h('label', { for: 'sess-keep' }, t('sess.keep'))),
    h('p', null, h('button', { class: 'btn primary', type: 'button', id: 'sess-go', on: { click: () => void go() } }, t('sess.go')), ' ', busy),
    err,
  );
}

// ---- segments ---------------------------------------------------------------------------------------

function segmentsPanel(ctx: Ctx): HTMLElement {
  const mine = session.mine();
  const fresh = session.unexported();
  const inputs = inputsOf(ctx.report) ?? [];
  const pick = h('input', { type: 'file', id: 'sup-seg-file', class: 'visually-hidden', attrs: { accept: '.qlb,.gz,.qlb.gz,application/gzip,application/x-ndjson', multiple: '' } });
  pick.addEventListener('change', () => {
    const files = [...(pick.files ?? [])];
    pick.value = '';
    if (files.length) void hooks?.addSegments(files);
  });
  const exportNew = async () => {
    const s = session.current();
    const who = s?.log ?? fresh[0]?.log ?? 'mine';
    const out = await session.exportNew(`${who} ${session.nowCst()}`);
    if (!out) return;
    download(`${who.replace('/', '-')}-${session.todayCst()}-${Date.now() % 100000}.qlb`, out.bytes as BlobPart, 'application/x-ndjson');
    flash = { kind: 'info', text: () => t('seg.exported', { n: out.n }) };
    hooks?.rerender();
  };
  return h(
    'section',
    { class: 'panel sup-segments', id: 'sup-segments' },
    h('h3', null, t('seg.title')),
    h('p', { class: 'muted' }, t('seg.intro')),
    h('p', { id: 'seg-mine', dataset: { total: String(mine.length), fresh: String(fresh.length) } }, t('seg.mineCount', { n: mine.length, fresh: fresh.length })),
    h(
      'div',
      { class: 'actions' },
      h('button', { class: 'btn primary', type: 'button', id: 'seg-export', disabled: !fresh.length, on: { click: () => void exportNew() } }, t('seg.export', { n: fresh.length })),
      h('label', { class: 'btn', for: 'sup-seg-file', id: 'sup-seg-label', tabindex: 0, on: { keydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick.click(); } } } }, t('seg.add')),
      pick,
    ),
    inputs.length > 1 ? h('ul', { class: 'seg-inputs', id: 'seg-inputs' }, inputs.map((x) => h('li', null, h('span', null, x.name), ' ', h('span', { class: 'muted' }, t('seg.linesN', { n: num(x.lines) }))))) : null,
  );
}

// ---- counters and charts ----------------------------------------------------------------------------

function counters(b: SupBoard): HTMLElement {
  const c = b.counts;
  const stat = (id: string, label: string, n: number, cls = '') => h('div', { class: `stat sup-stat ${cls}`, id, dataset: { n: String(n) } }, h('span', { class: 'v' }, num(n)), h('span', { class: 'k' }, label));
  return h(
    'div',
    { class: 'sup-counters', id: 'sup-counts' },
    stat('sup-found', t('sup.cFound'), c.found),
    stat('sup-rectified', t('sup.cRectified'), c.rectified, 'ok'),
    stat('sup-confirmed', t('sup.cConfirmed'), c.confirmed, 'ok'),
    stat('sup-overdue', t('sup.cOverdue'), c.overdue, c.overdue ? 'bad' : ''),
    b.as_of ? h('p', { class: 'muted as-of' }, t('sup.asOf', { d: b.as_of, n: b.due_soon_days })) : null,
  );
}

const STATUS_COLORS: Record<string, string> = { open: COLORS.blue, due_soon: COLORS.medium, overdue: COLORS.high, reopened: '#ad1457', rectified: '#66bb6a', confirmed: COLORS.ok };

function charts(ctx: Ctx, b: SupBoard): HTMLElement {
  const statusBox = h('div', { class: 'chart', id: 'sup-chart-status' });
  const deptBox = h('div', { class: 'chart', id: 'sup-chart-dept' });
  statusBox.style.height = '260px';
  const depts = b.counts.by_responsible;
  deptBox.style.height = `${Math.max(200, 34 * depts.length + 80)}px`;
  queueMicrotask(() => {
    chart(statusBox, {
      grid: { left: 80, right: 20, top: 20, bottom: 30 },
      tooltip: { trigger: 'item', renderMode: 'richText' },
      xAxis: { type: 'category', data: SUP_STATUSES.map((s) => supStatus(s)), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', barMaxWidth: 40, label: { show: true, position: 'top' }, data: SUP_STATUSES.map((s) => ({ value: b.counts.by_status[s] ?? 0, itemStyle: { color: STATUS_COLORS[s] } })) }],
    });
    chart(deptBox, {
      grid: { left: 170, right: 30, top: 30, bottom: 24 },
      legend: { top: 0, data: [t('sup.cFound'), t('sup.cRectified'), t('sup.cConfirmed'), t('sup.cOverdue')] },
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: depts.map((d) => party(ctx, d.responsible)), axisLabel: { width: 160, overflow: 'truncate' } },
      series: [
        { name: t('sup.cFound'), type: 'bar', barMaxWidth: 14, itemStyle: { color: COLORS.blue }, data: depts.map((d) => d.found) },
        { name: t('sup.cRectified'), type: 'bar', barMaxWidth: 14, itemStyle: { color: '#66bb6a' }, data: depts.map((d) => d.rectified) },
        { name: t('sup.cConfirmed'), type: 'bar', barMaxWidth: 14, itemStyle: { color: COLORS.ok }, data: depts.map((d) => d.confirmed) },
        { name: t('sup.cOverdue'), type: 'bar', barMaxWidth: 14, itemStyle: { color: COLORS.high }, data: depts.map((d) => d.overdue) },
      ],
    });
  });
  return h('div', { class: 'sup-charts' }, h('section', { class: 'panel' }, h('h3', null, t('sup.byStatus')), statusBox), h('section', { class: 'panel' }, h('h3', null, t('sup.byDept')), deptBox));
}

function bulletinBar(b: SupBoard): HTMLElement {
  const end = h('input', { type: 'date', id: 'bl-end', value: b.as_of ?? session.todayCst() });
  const open = (kind: 'weekly' | 'monthly') => {
    location.hash = `#/bulletin/${kind}?end=${encodeURIComponent(end.value || session.todayCst())}`;
  };
  return h(
    'div',
    { class: 'actions sup-bulletins' },
    h('label', { for: 'bl-end' }, t('bl.periodEnd'), ' '),
    end,
    h('button', { class: 'btn', type: 'button', id: 'bl-weekly', on: { click: () => open('weekly') } }, t('bl.weekly')),
    h('button', { class: 'btn', type: 'button', id: 'bl-monthly', on: { click: () => open('monthly') } }, t('bl.monthly')),
  );
}

// ---- problems ----------------------------------------------------------------------------------------

function lastCompleted(p: SupProblem) {
  return [...p.history].reverse().find((x) => x.kind === 'rectification' && x.state === 'completed') ?? null;
}

function problems(ctx: Ctx, b: SupBoard, route: Route): HTMLElement {
  const params = route.params;
  const f = { st: params.get('st') ?? '', resp: params.get('resp') ?? '', cat: params.get('cat') ?? '' };
  const select = (id: string, label: string, value: string, options: [string, string][]) => {
    const s = h('select', { id, aria: { label } }, h('option', { value: '' }, `${label}: ${t('findings.all')}`), options.map(([v, l]) => h('option', { value: v }, l)));
    s.value = value;
    return s;
  };
  const stSel = select('sp-status', t('sup.status'), f.st, SUP_STATUSES.map((s) => [s, supStatus(s)]));
  const respSel = select('sp-resp', t('sup.responsible'), f.resp, [...new Set(b.problems.map((p) => p.responsible))].sort().map((r) => [r, party(ctx, r)]));
  const catSel = select('sp-cat', t('sup.category'), f.cat, [...new Set(b.problems.map((p) => p.category))].sort().map((c) => [c, supCategory(c)]));
  const body = h('div', { id: 'sup-problems-body' });
  const order: Record<string, number> = { overdue: 0, reopened: 1, due_soon: 2, open: 3, rectified: 4, confirmed: 5 };
  const draw = () => {
    clear(body);
    const list = b.problems
      .filter((p) => (!f.st || p.status === f.st) && (!f.resp || p.responsible === f.resp) && (!f.cat || p.category === f.cat))
      .sort((x, y) => (order[x.status] ?? 9) - (order[y.status] ?? 9) || x.due_date.localeCompare(y.due_date) || x.problem_id.localeCompare(y.problem_id));
    if (!list.length) {
      body.append(h('p', { class: 'muted' }, t('sup.noProblems')));
      return;
    }
    const rows: HTMLTableRowElement[] = [];
    for (const p of list) {
      const detail = h('tr', { class: 'sup-detail', hidden: true, dataset: { problem: p.problem_id } }, h('td', { colspan: 10 }, details(ctx, p)));
      const toggle = () => {
        detail.hidden = !detail.hidden;
        main.setAttribute('aria-expanded', String(!detail.hidden));
      };
      const main = row(
        [
          h('code', null, p.problem_id),
          h('span', null, statusBadge(p.status), ' ', pills(ctx, findingsOf(ctx, p))),
          p.project ? h('a', { class: 'proj', href: `#/project/${encodeURIComponent(p.project)}`, title: p.project }, ctx.projectName(p.project)) : '—',
          supCategory(p.category),
          sevBadge(p.severity),
          party(ctx, p.responsible),
          h('span', { class: 'nowrap' }, date(p.found_date)),
          h('span', { class: `nowrap${p.overdue ? ' bad-text' : ''}` }, date(p.due_date)),
          ctx.deptName(p.raised_by),
          quickActions(ctx, p),
        ],
        toggle,
        `sup-row st-${p.status}`,
      );
      main.dataset.problem = p.problem_id;
      main.dataset.status = p.status;
      main.dataset.due = p.due_date;
      main.setAttribute('aria-expanded', 'false');
      rows.push(main, detail);
    }
    body.append(h('div', { class: 'scroll-x' }, table([t('sup.problem'), t('sup.status'), t('findings.project'), t('sup.category'), t('findings.severity'), t('sup.responsible'), t('sup.found'), t('sup.due'), t('sup.raisedBy'), ''], rows, 'grid sup-table')));
  };
  const update = () => {
    Object.assign(f, { st: stSel.value, resp: respSel.value, cat: catSel.value });
    setParams(f);
    draw();
  };
  for (const s of [stSel, respSel, catSel]) s.addEventListener('change', update);
  draw();
  return h('section', { class: 'panel', id: 'sup-problems' }, h('h3', null, t('sup.problems', { n: num(b.problems.length) })), h('div', { class: 'filters' }, stSel, respSel, catSel), body);
}

/** Findings of the report that cite this problem's records (a join by statement id: SUP-01…04). */
function findingsOf(ctx: Ctx, p: SupProblem): FindingRow[] {
  return ctx.worstFor([p.id, ...p.history.map((x) => x.id)]).filter((f) => f.family === 'supervision');
}

function pills(ctx: Ctx, list: FindingRow[]): Child {
  return list.map((f) => h('button', { class: `pill small sev-${f.severity}`, type: 'button', title: msg(f.message), dataset: { check: f.check }, on: { click: () => openEvidence(ctx, f) } }, f.check));
}

function statusBadge(s: string): HTMLElement {
  return h('span', { class: `sup-badge st-${s}` }, supStatus(s));
}

/** The expected next step for the signed-in department: rectify its problems, review what it raised. */
function quickActions(ctx: Ctx, p: SupProblem): Child {
  const s = session.current();
  if (!s || p.status === 'confirmed') return null;
  const out: Child[] = [];
  if (p.responsible_dept === s.department && session.may('rectification') && p.status !== 'rectified') {
    out.push(h('button', { class: 'btn small primary', type: 'button', dataset: { act: 'rectify' }, on: { click: () => openRectify(ctx, p) } }, t('act.rectify')));
  }
  if (p.raised_by === s.department && session.may('rectification_review') && lastCompleted(p)) {
    out.push(h('button', { class: 'btn small primary', type: 'button', dataset: { act: 'confirm' }, on: { click: () => openReview(ctx, p, 'confirmed') } }, t('act.confirm')));
    out.push(h('button', { class: 'btn small', type: 'button', dataset: { act: 'reopen' }, on: { click: () => openReview(ctx, p, 'reopened') } }, t('act.reopen')));
  }
  return out.length ? h('span', { class: 'sup-actions' }, out) : null;
}

function details(ctx: Ctx, p: SupProblem): HTMLElement {
  const s = session.current();
  // Every transition the session may sign, for any problem: who may do what is checked by the core
  // on verification (SUP-02 rectified by another, SUP-03 reviewed by another, SUP-04 no rectification).
  const other: Child[] = [];
  if (s && session.may('rectification')) {
    other.push(h('button', { class: 'btn small', type: 'button', dataset: { act: 'rectify-any' }, on: { click: () => openRectify(ctx, p) } }, t('act.rectify')));
    if (p.responsible_dept !== s.department) other.push(h('span', { class: 'warn-text' }, ` ${t('act.notResponsible')} `));
  }
  if (s && session.may('rectification_review')) {
    other.push(
      h('button', { class: 'btn small', type: 'button', dataset: { act: 'confirm-any' }, on: { click: () => openReview(ctx, p, 'confirmed') } }, t('act.confirm')),
      ' ',
      h('button', { class: 'btn small', type: 'button', dataset: { act: 'reopen-any' }, on: { click: () => openReview(ctx, p, 'reopened') } }, t('act.reopen')),
    );
    if (p.raised_by !== s.department) other.push(h('span', { class: 'warn-text' }, ` ${t('act.notRaiser')}`));
    else if (!lastCompleted(p)) other.push(h('span', { class: 'warn-text' }, ` ${t('act.noRectification')}`));
  }
  const flagged = findingsOf(ctx, p);
  return h(
    'div',
    { class: 'sup-history' },
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, t('sup.description')),
      h('dd', null, p.description),
      p.compared ? [h('dt', null, t('sup.compared')), h('dd', { class: 'pre' }, p.compared)] : null,
      p.suggestion ? [h('dt', null, t('sup.suggestion')), h('dd', null, p.suggestion)] : null,
      p.check_id ? [h('dt', null, t('findings.check')), h('dd', null, h('code', null, p.check_id), ' ', ctx.checkTitle(p.check_id))] : null,
      p.task_id ? [h('dt', null, t('sup.task')), h('dd', null, h('code', null, p.task_id))] : null,
      p.refs.length ? [h('dt', null, t('sup.evidence')), h('dd', null, p.refs.map((r) => recordButton(ctx, r)))] : null,
      flagged.length ? [h('dt', null, t('projects.findings')), h('dd', { class: 'sup-findings' }, pills(ctx, flagged))] : null,
    ),
    h('h4', null, t('sup.history')),
    h(
      'ol',
      { class: 'history' },
      p.history.map((x) =>
        h(
          'li',
          { class: `hist-${x.kind}${x.counted === false ? ' not-counted' : ''}`, dataset: { kind: x.kind, state: x.state ?? '', counted: String(x.counted !== false) } },
          h('span', { class: 'nowrap' }, date(x.date)),
          ' ',
          h('strong', null, termOr('kinds', x.kind, x.kind)),
          x.state ? [' ', h('span', { class: `sup-badge st-${x.state}` }, supStatus(x.state))] : null,
          ' ',
          h('span', { class: 'muted' }, ctx.deptName(ctx.log(x.log)?.department ?? x.log.split('/')[0])),
          ' ',
          x.text,
          ' ',
          recordButton(ctx, x.id, x.line ? { id: x.id, role: x.kind, kind: x.kind, log: x.log, seq: x.seq, line: x.line } : undefined),
          x.counted === false ? h('span', { class: 'warn-text' }, ` ${t('sup.notCounted')}`) : null,
        ),
      ),
    ),
    other.length ? h('p', { class: 'sup-other' }, other) : null,
  );
}

// ---- tasks and joint cases ---------------------------------------------------------------------------

function tasks(ctx: Ctx, b: SupBoard): Child {
  const s = session.current();
  const mayTask = !!s && session.may('supervision_task');
  const mayRaise = !!s && session.may('problem');
  if (!b.tasks.length && !mayTask) return null;
  const rows = b.tasks.map((x) => {
    const r = row([
      h('code', null, x.task_id),
      h('span', { class: `sup-badge mode-${x.mode}` }, t(x.mode === 'case' ? 'sup.modeCase' : 'sup.modeTask')),
      h('span', { class: 'task-title' }, x.title),
      ctx.deptName(x.lead_dept),
      x.participating_depts.map((d) => ctx.deptName(d)).join(t('misc.sep')),
      x.projects.length
        ? h('details', { class: 'task-projects' }, h('summary', null, t('sup.projectsN', { n: x.projects.length })), h('ul', null, x.projects.map((c) => h('li', null, h('a', { class: 'proj', href: `#/project/${encodeURIComponent(c)}`, title: c }, ctx.projectName(c))))))
        : '—',
      h('span', { class: 'nowrap' }, `${date(x.start_date)}${x.due_date ? ` – ${date(x.due_date)}` : ''}`),
      num(x.problems),
      h(
        'span',
        { class: 'nowrap' },
        recordButton(ctx, x.id),
        mayRaise ? [' ', h('button', { class: 'btn small', type: 'button', dataset: { act: 'raise-in-task' }, title: t('task.raiseIn'), on: { click: () => openRaise(ctx, { task: x }) } }, t('act.raise'))] : null,
      ),
    ]);
    Object.assign(r.dataset, { task: x.task_id, mode: x.mode, problems: String(x.problems), participants: x.participating_depts.join(' ') });
    return r;
  });
  return h(
    'section',
    { class: 'panel', id: 'sup-tasks' },
    h('h3', null, t('sup.tasks')),
    mayTask ? h('p', { class: 'actions' }, h('button', { class: 'btn primary', type: 'button', id: 'task-new', on: { click: () => openTask(ctx) } }, t('task.new'))) : null,
    rows.length ? h('div', { class: 'scroll-x' }, table([t('sup.taskId'), t('sup.mode'), t('sup.taskTitle'), t('sup.lead'), t('sup.participants'), t('findings.project'), t('sup.period'), t('sup.problemCount'), ''], rows, 'grid sup-tasks')) : h('p', { class: 'muted' }, t('task.none')),
  );
}

/** Raise a problem from anywhere (a finding, a record): the form prefilled. */
export { openRaise };
