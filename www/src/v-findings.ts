// The findings table, filterable by severity, family, department, project and text; each row opens
// the finding's evidence.
import { FAMILIES, SEVERITIES, type Ctx, type FindingRow } from './ctx.js';
import { clear, h, row, table } from './dom.js';
import { list as joinList, num } from './fmt.js';
import { msg, t, type Key } from './i18n.js';
import { openEvidence } from './evidence.js';
import { openRaise } from './raise.js';
import { setParams, type Route } from './router.js';
import { familyName, sevBadge } from './v-overview.js';

const PAGE = 100;
const SEV_ORDER: Record<string, number> = { high: 0, medium: 1, low: 2 };

export function findingsTable(ctx: Ctx, list: FindingRow[], opts: { project?: boolean } = {}): HTMLElement {
  const showProject = opts.project !== false;
  const rows = list.map((f) =>
    row(
      [
        sevBadge(f.severity),
        h('span', { class: 'check', title: ctx.checkTitle(f.check, f) }, h('code', null, f.check), h('span', { class: 'check-title' }, ctx.checkTitle(f.check, f))),
        familyName(f.family),
        showProject ? (f.project ? h('a', { class: 'proj', href: `#/project/${encodeURIComponent(f.project)}`, title: f.project }, ctx.projectName(f.project)) : '—') : null,
        h('span', { class: 'message' }, msg(f.message)),
        h('span', { class: 'dept' }, joinList(ctx.departmentsOf(f).map((d) => ctx.deptName(d)))),
        h('button', { class: 'btn small raise', type: 'button', title: t('act.raise'), dataset: { raise: f.key }, on: { click: () => openRaise(ctx, { finding: f }) } }, t('act.raise')),
      ].filter((c) => c !== null),
      () => openEvidence(ctx, f),
      `finding sev-row-${f.severity}`,
    ),
  );
  for (const [i, r] of rows.entries()) r.dataset.finding = list[i]!.key;
  const head = [t('findings.severity'), t('findings.check'), t('findings.family'), showProject ? t('findings.project') : null, t('findings.message'), t('findings.department'), ''].filter((c): c is string => c !== null);
  return table(head, rows, 'grid findings');
}

export function renderFindings(ctx: Ctx, el: HTMLElement, route: Route): void {
  el.append(h('h2', { tabindex: -1 }, t('findings.title')));
  if (!ctx.report.analysis) {
    el.append(h('p', { class: 'muted' }, t('findings.noAnalysis')));
    return;
  }
  const p = route.params;
  const f = { sev: p.get('sev') ?? '', fam: p.get('fam') ?? '', dept: p.get('dept') ?? '', proj: p.get('proj') ?? '', check: p.get('check') ?? '', q: p.get('q') ?? '' };
  let limit = PAGE;

  const select = (id: string, label: string, value: string, options: [string, string][]) => {
    const s = h('select', { id, aria: { label } }, h('option', { value: '' }, `${label}: ${t('findings.all')}`), options.map(([v, l]) => h('option', { value: v }, l)));
    s.value = value;
    return s;
  };
  const fams = [...new Set([...FAMILIES.filter((x) => ctx.findings.some((g) => g.family === x)), ...ctx.findings.map((g) => g.family)])];
  const depts = [...new Set(ctx.findings.flatMap((g) => ctx.departmentsOf(g)))].sort();
  const projs = [...new Set(ctx.findings.map((g) => g.project).filter((x): x is string => !!x))].sort();
  const checks = [...new Set(ctx.findings.map((g) => g.check))].sort();
  const sevSel = select('f-sev', t('findings.severity'), f.sev, SEVERITIES.map((s) => [s, t(`sev.${s}` as Key)]));
  const famSel = select('f-fam', t('findings.family'), f.fam, fams.map((x) => [x, familyName(x)]));
  const deptSel = select('f-dept', t('findings.department'), f.dept, depts.map((d) => [d, ctx.deptName(d)]));
  const projSel = select('f-proj', t('findings.project'), f.proj, projs.map((c) => [c, `${ctx.projectName(c)} (${c})`]));
  const checkSel = select('f-check', t('findings.check'), f.check, checks.map((c) => [c, `${c} ${ctx.checkTitle(c)}`]));
  const search = h('input', { type: 'search', id: 'f-q', class: 'search', value: f.q, attrs: { placeholder: t('findings.search'), 'aria-label': t('findings.search') } });
  const reset = h('button', { class: 'btn ghost', type: 'button', id: 'f-reset' }, t('findings.reset'));
  const count = h('p', { class: 'muted', id: 'findings-count', aria: { live: 'polite' } });
  const body = h('div', { id: 'findings-body' });

  const hay = new Map<FindingRow, string>();
  for (const g of ctx.findings) hay.set(g, `${g.check} ${g.message.zh} ${g.message.en} ${g.project ?? ''} ${g.title ? `${g.title.zh} ${g.title.en}` : ''}`.toLowerCase());
  const sorted = [...ctx.findings].sort((a, b) => (SEV_ORDER[a.severity] ?? 3) - (SEV_ORDER[b.severity] ?? 3) || a.check.localeCompare(b.check) || a.index - b.index);

  const draw = () => {
    const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
    const list = sorted.filter(
      (g) =>
        (!f.sev || g.severity === f.sev) &&
        (!f.fam || g.family === f.fam) &&
        (!f.dept || ctx.departmentsOf(g).includes(f.dept)) &&
        (!f.proj || g.project === f.proj) &&
        (!f.check || g.check === f.check) &&
        words.every((w) => hay.get(g)!.includes(w)),
    );
    clear(body);
    if (!list.length) body.append(h('p', { class: 'muted' }, t('findings.none')));
    else body.append(findingsTable(ctx, list.slice(0, limit)));
    if (list.length > limit) body.append(h('button', { class: 'btn', type: 'button', id: 'f-more', on: { click: () => { limit += PAGE; draw(); } } }, t('findings.more')));
    count.textContent = t('findings.showing', { n: num(Math.min(limit, list.length)), total: num(list.length) });
  };
  const update = () => {
    Object.assign(f, { sev: sevSel.value, fam: famSel.value, dept: deptSel.value, proj: projSel.value, check: checkSel.value, q: search.value });
    limit = PAGE;
    setParams(f);
    draw();
  };
  for (const s of [sevSel, famSel, deptSel, projSel, checkSel]) s.addEventListener('change', update);
  search.addEventListener('input', update);
  reset.addEventListener('click', () => {
    for (const s of [sevSel, famSel, deptSel, projSel, checkSel]) s.value = '';
    search.value = '';
    update();
  });
  el.append(h('div', { class: 'filters', role: 'search' }, sevSel, famSel, deptSel, projSel, checkSel, search, reset), count, body);
  draw();
}
