// The project list: searchable, with status and findings per project.
import type { Ctx } from './ctx.js';
import { clear, h, row, table } from './dom.js';
import { num } from './fmt.js';
import { msg, t } from './i18n.js';
import { navigate, setParams, type Route } from './router.js';
import { projectWeight, severityCounts } from './v-overview.js';
import type { ProjectView } from './types.js';

const PAGE = 200;

export function renderProjects(ctx: Ctx, el: HTMLElement, route: Route): void {
  if (!ctx.projects.length) {
    el.append(h('h2', { tabindex: -1 }, t('projects.title')), h('p', { class: 'muted' }, t('projects.none')));
    return;
  }
  let q = route.params.get('q') ?? '';
  let only = route.params.get('only') === '1';
  let limit = PAGE;
  const search = h('input', { type: 'search', id: 'project-search', class: 'search', value: q, attrs: { placeholder: t('projects.search'), 'aria-label': t('projects.search') } });
  const onlyBox = h('input', { type: 'checkbox', id: 'only-findings' });
  onlyBox.checked = only;
  const body = h('div', { id: 'project-table' });
  const count = h('p', { class: 'muted', aria: { live: 'polite' } });
  const hay = new Map<ProjectView, string>();
  for (const p of ctx.projects) {
    hay.set(p, `${p.project} ${p.name ?? ''} ${p.owner ? `${p.owner.uscc} ${ctx.firmName(p.owner.uscc, p.owner.name)}` : ''} ${p.status.label.zh} ${p.status.label.en}`.toLowerCase());
  }
  const sorted = [...ctx.projects].sort((a, b) => projectWeight(ctx, b) - projectWeight(ctx, a) || a.project.localeCompare(b.project));
  const draw = () => {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    const list = sorted.filter((p) => (!only || projectWeight(ctx, p) > 0) && words.every((w) => hay.get(p)!.includes(w)));
    clear(body);
    const rows = list.slice(0, limit).map((p) =>
      row(
        [h('code', null, p.project), h('a', { href: `#/project/${encodeURIComponent(p.project)}` }, p.name ?? p.project), p.owner ? ctx.firmName(p.owner.uscc, p.owner.name) : '—', msg(p.status.label), severityCounts(ctx, p)],
        () => navigate('project', p.project),
      ),
    );
    body.append(table([t('projects.code'), t('projects.name'), t('projects.owner'), t('projects.status'), t('projects.findings')], rows));
    if (list.length > limit) body.append(h('button', { class: 'btn', type: 'button', on: { click: () => { limit += PAGE; draw(); } } }, t('findings.more')));
    count.textContent = `${t('projects.count', { n: num(list.length) })}`;
  };
  search.addEventListener('input', () => {
    q = search.value;
    limit = PAGE;
    setParams({ q, only: only ? '1' : '' });
    draw();
  });
  onlyBox.addEventListener('change', () => {
    only = onlyBox.checked;
    setParams({ q, only: only ? '1' : '' });
    draw();
  });
  el.append(
    h('h2', { tabindex: -1 }, t('projects.title')),
    h('div', { class: 'filters' }, search, h('label', { class: 'check' }, onlyBox, ' ', t('projects.onlyFindings')), count),
    body,
  );
  draw();
}
