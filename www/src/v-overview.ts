// Overview: is the data authentic (summary, problems by code, each log), and what is wrong (findings
// by severity and family, the projects with most findings).
import { FAMILIES, SEVERITIES, type Ctx } from './ctx.js';
import { append, h, row, table, type Child } from './dom.js';
import { bytes, date, fingerprint, list, num, short } from './fmt.js';
import { msg, t, term, tMaybe, type Key } from './i18n.js';
import { navigate } from './router.js';
import type { FindingSeverity, LogSummary, Problem, ProjectView } from './types.js';

export function sevBadge(s: FindingSeverity | string): HTMLElement {
  const label = tMaybe(`sev.${s}`) ?? s;
  return h('span', { class: `sev sev-${s}` }, label);
}

export function familyName(f: string): string {
  return term('families', f);
}

/** The verdict banner: authentic or not, and how many findings. */
export function verdict(ctx: Ctx): HTMLElement {
  const s = ctx.report.summary;
  const ok = s.intact;
  const noRoot = !ctx.report.root;
  const counts = ctx.findingCounts();
  const rewritten = ctx.report.problems.filter((p) => p.code === 'HEAD_REWRITTEN');
  const analysis = ctx.report.analysis;
  const fcount = ctx.findings.length;
  return h(
    'div',
    { class: `verdict ${ok ? 'ok' : 'bad'}`, id: 'verdict', tabindex: -1, role: 'region', aria: { label: ok ? t('verdict.intact') : t('verdict.broken') } },
    h('div', { class: 'verdict-icon', aria: { hidden: 'true' } }, ok ? '✔' : '✘'),
    h(
      'div',
      { class: 'verdict-main' },
      h('h2', { id: 'verdict-title' }, noRoot ? t('verdict.noRoot') : ok ? t('verdict.intact') : t('verdict.broken')),
      h('p', null, ok ? t('verdict.intactDetail', { verified: num(s.verified) }) : t('verdict.brokenDetail', { errors: num(s.errors), rejected: num(s.rejected), verified: num(s.verified) })),
      rewritten.length
        ? h('div', { class: 'rewritten', role: 'alert' }, h('strong', null, t('verdict.rewritten')), h('p', null, t('verdict.rewrittenDetail')), h('ul', null, rewritten.map((p) => h('li', null, p.log ? h('code', null, p.log) : null, ' ', msg(p.message)))))
        : null,
    ),
    h(
      'div',
      { class: 'verdict-findings' },
      analysis
        ? [
            h('div', { class: 'big', id: 'findings-total' }, fcount ? t('verdict.findings', { n: num(fcount) }) : t('verdict.noFindings')),
            h(
              'div',
              { class: 'pills' },
              SEVERITIES.map((sev) =>
                h('a', { class: `pill sev-${sev}`, href: `#/findings?sev=${sev}`, dataset: { sev }, id: `count-${sev}` }, h('span', { class: 'n' }, num(counts[sev])), ' ', t(`sev.${sev}` as Key)),
              ),
            ),
          ]
        : h('div', { class: 'big muted' }, t('verdict.checksOff')),
    ),
  );
}

export function renderOverview(ctx: Ctx, el: HTMLElement): void {
  const r = ctx.report;
  const s = r.summary;
  const stat = (key: Key, v: string, cls = '') => h('div', { class: `stat ${cls}` }, h('div', { class: 'v' }, v), h('div', { class: 'k' }, t(key)));
  append(el, [
    h('h2', { class: 'visually-hidden', tabindex: -1 }, t('nav.overview')),
    h(
      'section',
      { class: 'panel', aria: { label: t('overview.statements') } },
      h('h3', null, t('overview.statements')),
      h(
        'div',
        { class: 'stats', id: 'summary-stats' },
        stat('sum.verified', num(s.verified), 'good'),
        stat('sum.records', num(s.records)),
        stat('sum.checkpoints', num(s.checkpoints)),
        stat('sum.cosignatures', num(s.cosignatures)),
        stat('sum.roots', num(s.roots)),
        stat('sum.rejected', num(s.rejected), s.rejected ? 'bad' : ''),
        stat('sum.errors', num(s.errors), s.errors ? 'bad' : ''),
        stat('sum.warnings', num(s.warnings), s.warnings ? 'warn' : ''),
        stat('sum.duplicates', num(s.duplicates)),
        stat('sum.lines', num(s.lines)),
        stat('sum.bytes', bytes(s.bytes)),
      ),
    ),
    h('div', { class: 'cols' }, problemsByCode(r.problems, r.problems_omitted), rootPanel(ctx)),
    logsPanel(ctx, r.logs),
    r.analysis ? h('div', { class: 'cols' }, findingsMatrix(ctx), topProjects(ctx)) : null,
    r.analysis ? checksPanel(ctx) : null,
  ]);
}

function problemsByCode(problems: Problem[], omitted: number): HTMLElement {
  const by = new Map<string, { n: number; sev: string; first: Problem }>();
  for (const p of problems) {
    const e = by.get(p.code);
    if (e) e.n++;
    else by.set(p.code, { n: 1, sev: p.severity, first: p });
  }
  const order = { error: 0, warning: 1, info: 2 } as Record<string, number>;
  const rows = [...by.entries()]
    .sort((a, b) => (order[a[1].sev] ?? 3) - (order[b[1].sev] ?? 3) || b[1].n - a[1].n)
    .map(([code, e]) => row([h('code', null, code), sevBadge(e.sev), num(e.n), shortMessage(e.first)], () => navigate('integrity', undefined, { code }), `lvl-${e.sev}`));
  return h(
    'section',
    { class: 'panel', id: 'problems-by-code' },
    h('h3', null, t('overview.problemsByCode')),
    rows.length ? table([t('overview.code'), t('integrity.severity'), t('overview.count'), t('overview.meaning')], rows) : h('p', { class: 'ok-text' }, t('overview.noProblems')),
    omitted ? h('p', { class: 'muted' }, t('integrity.omitted', { n: num(omitted) })) : null,
  );
}

function shortMessage(p: Problem): string {
  const m = msg(p.message);
  const i = m.search(/[:：]/);
  return i > 0 ? m.slice(0, i) : m;
}

function rootPanel(ctx: Ctx): HTMLElement {
  const root = ctx.report.root;
  const res = ctx.result;
  return h(
    'section',
    { class: 'panel' },
    h('h3', null, t('overview.bundle')),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, t('print.bundle')),
      h('dd', null, res.name),
      h('dt', null, t('print.hash')),
      h('dd', null, h('code', { class: 'fingerprint' }, fingerprint(res.sha256))),
      h('dt', null, t('trust.federation')),
      h('dd', null, root ? `${root.federation} v${root.version}` : '—'),
      h('dt', null, t('print.root')),
      h('dd', null, h('code', { class: 'fingerprint' }, root ? fingerprint(root.fingerprint) : '—')),
      root && root.chain.length > 1 ? [h('dt', null, t('trust.chain')), h('dd', null, root.chain.map((fp, i) => h('div', null, `v${root.version - root.chain.length + 1 + i} `, h('code', null, short(fp, 16)))))] : null,
      h('dt', null, t('print.time')),
      h('dd', null, res.verifiedAt),
    ),
  );
}

function logsPanel(ctx: Ctx, logs: LogSummary[]): HTMLElement {
  const rows = logs.map((l) => {
    const bad = l.forks.length > 0;
    return row(
      [
        ctx.deptName(l.department),
        h('code', null, l.log),
        num(l.records),
        `${num(l.first_seq)} – ${num(l.last_seq)}`,
        h('code', { title: l.head }, short(l.head, 10)),
        l.gaps.length ? h('span', { class: 'warn-text' }, l.gaps.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', ')) : t('log.none'),
        l.forks.length ? h('span', { class: 'bad-text' }, l.forks.join(', ')) : t('log.none'),
        l.complete_to ? `#${num(l.complete_to.seq)} · ${date(l.complete_to.time)}` : h('span', { class: 'muted' }, t('log.incomplete')),
        l.witnesses.length ? list(l.witnesses.map((w) => ctx.deptName(w))) : t('log.none'),
      ],
      undefined,
      bad ? 'lvl-error' : l.gaps.length ? 'lvl-warning' : undefined,
    );
  });
  return h(
    'section',
    { class: 'panel', id: 'logs' },
    h('h3', null, t('overview.logs')),
    h('div', { class: 'scroll-x' }, table([t('log.department'), t('log.log'), t('log.records'), t('log.range'), t('log.head'), t('log.gaps'), t('log.forks'), t('log.complete'), t('log.witnesses')], rows)),
  );
}

function findingsMatrix(ctx: Ctx): HTMLElement {
  const fams = [...FAMILIES];
  for (const f of ctx.findings) {
    const fam = f.family;
    if (!fams.includes(fam)) fams.push(fam);
  }
  const cell = (fam: string, sev: FindingSeverity | '', n: number): Child =>
    n ? h('a', { href: `#/findings?${new URLSearchParams({ ...(fam ? { fam } : {}), ...(sev ? { sev } : {}) }).toString()}`, class: sev ? `n sev-text-${sev}` : 'n' }, num(n)) : h('span', { class: 'zero' }, '0');
  const rows = fams.map((fam) => {
    const list = ctx.findings.filter((f) => f.family === fam);
    const c = ctx.findingCounts(list);
    return h('tr', null, h('th', { scope: 'row' }, familyName(fam)), SEVERITIES.map((s) => h('td', { class: 'num' }, cell(fam, s, c[s]))), h('td', { class: 'num total' }, cell(fam, '', list.length)));
  });
  const c = ctx.findingCounts();
  return h(
    'section',
    { class: 'panel', id: 'findings-matrix' },
    h('h3', null, t('overview.findings')),
    h(
      'table',
      { class: 'grid matrix' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('findings.family')), SEVERITIES.map((s) => h('th', { scope: 'col', class: 'num' }, sevBadge(s))), h('th', { scope: 'col', class: 'num' }, t('overview.total')))),
      h('tbody', null, rows),
      h('tfoot', null, h('tr', null, h('th', { scope: 'row' }, t('overview.total')), SEVERITIES.map((s) => h('td', { class: 'num' }, cell('', s, c[s]))), h('td', { class: 'num total' }, cell('', '', ctx.findings.length)))),
    ),
  );
}

function projectCounts(ctx: Ctx, p: ProjectView): Record<FindingSeverity, number> {
  const list = ctx.findingsByProject.get(p.project);
  if (list) return ctx.findingCounts(list);
  const f = p.findings;
  return { high: f?.high ?? 0, medium: f?.medium ?? 0, low: f?.low ?? 0 };
}

export function severityCounts(ctx: Ctx, p: ProjectView): HTMLElement {
  const c = projectCounts(ctx, p);
  return h('span', { class: 'counts' }, SEVERITIES.map((s) => (c[s] ? h('span', { class: `pill small sev-${s}`, title: t(`sev.${s}` as Key) }, `${t(`sev.${s}` as Key)} ${c[s]}`) : null)));
}

export function projectWeight(ctx: Ctx, p: ProjectView): number {
  const c = projectCounts(ctx, p);
  return c.high * 1_000_000 + c.medium * 1000 + c.low;
}

function topProjects(ctx: Ctx): HTMLElement {
  const list = [...ctx.projects].filter((p) => projectWeight(ctx, p) > 0).sort((a, b) => projectWeight(ctx, b) - projectWeight(ctx, a)).slice(0, 8);
  const rows = list.map((p) => row([h('code', null, p.project), h('a', { href: `#/project/${encodeURIComponent(p.project)}` }, p.name ?? p.project), severityCounts(ctx, p)], () => navigate('project', p.project)));
  return h('section', { class: 'panel', id: 'top-projects' }, h('h3', null, t('overview.topProjects')), rows.length ? table([t('projects.code'), t('projects.name'), t('projects.findings')], rows) : h('p', { class: 'muted' }, t('verdict.noFindings')));
}

function checksPanel(ctx: Ctx): Child {
  const checks = ctx.report.analysis?.checks ?? [];
  if (!checks.length) return null;
  const cannot = checks.filter((c) => c.not_evaluated?.length);
  const rows = checks.map((c) => {
    const meta = ctx.catalogue.get(c.id);
    return row(
      [
        h('code', null, c.id),
        ctx.checkTitle(c.id),
        meta ? sevBadge(meta.severity) : '',
        tMaybe(`checks.status.${c.status}`) ?? c.status,
        c.findings ? h('a', { href: `#/findings?check=${encodeURIComponent(c.id)}` }, num(c.findings)) : '0',
        c.not_evaluated?.length
          ? h('details', null, h('summary', { class: 'warn-text' }, `${t('checks.notEvaluated')} ${c.not_evaluated.length}`), h('ul', null, c.not_evaluated.slice(0, 50).map((n) => h('li', null, n.project ? [h('code', null, n.project), ' '] : null, msg(n.reason)))))
          : '',
      ],
      undefined,
      c.status === 'disabled' ? 'muted-row' : undefined,
    );
  });
  return h(
    'section',
    { class: 'panel', id: 'checks' },
    h('details', null, h('summary', null, h('h3', { class: 'inline' }, `${t('overview.checks')} (${checks.filter((c) => c.status === 'ran').length}/${checks.length})`), ' ', cannot.length ? h('span', { class: 'warn-text' }, t('findings.checksCannot', { n: cannot.length })) : null), table([t('checks.title'), t('projects.name'), t('findings.severity'), t('projects.status'), t('projects.findings'), t('checks.notEvaluated')], rows)),
  );
}
