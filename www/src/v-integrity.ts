// Every integrity problem the verifier reported, filterable by code, with line, position and detail.
import type { Ctx } from './ctx.js';
import { append, clear, h, row, table } from './dom.js';
import { num, short } from './fmt.js';
import { msg, t, term } from './i18n.js';
import { setParams, type Route } from './router.js';
import { sevBadge } from './v-overview.js';
import { inputsOf } from './types.js';

const PAGE = 200;

export function renderIntegrity(ctx: Ctx, el: HTMLElement, route: Route): void {
  const r = ctx.report;
  el.append(h('h2', { tabindex: -1 }, t('integrity.title')));
  const inputs = inputsOf(r);
  if (inputs && inputs.length) {
    el.append(
      h(
        'section',
        { class: 'panel', id: 'inputs' },
        h('h3', null, t('seg.inputs')),
        h('div', { class: 'scroll-x' }, table([t('seg.name'), t('seg.lines'), t('seg.firstLine'), 'SHA-256'], inputs.map((x) => row([x.name, num(x.lines), num(x.first_line), h('code', { title: x.sha256 }, short(x.sha256, 16))])), 'grid compact')),
      ),
    );
  }
  if (!r.problems.length) {
    el.append(h('p', { class: 'ok-text', id: 'integrity-none' }, t('integrity.none')));
    return;
  }
  let code = route.params.get('code') ?? '';
  let limit = PAGE;
  const codes = [...new Set(r.problems.map((p) => p.code))].sort();
  const sel = h('select', { id: 'i-code', aria: { label: t('integrity.filter') } }, h('option', { value: '' }, `${t('integrity.code')}: ${t('findings.all')}`), codes.map((c) => h('option', { value: c }, `${c} ${term('codes', c)} (${r.problems.filter((p) => p.code === c).length})`)));
  sel.value = code;
  const body = h('div', { id: 'problems' });
  const draw = () => {
    clear(body);
    const list = r.problems.filter((p) => !code || p.code === code);
    const rows = list.slice(0, limit).map((p) =>
      row(
        [
          p.line ? num(p.line) : '—',
          h('code', null, p.code),
          sevBadge(p.severity),
          p.log ? `${p.log}${p.seq !== undefined ? ` #${p.seq}` : ''}` : '—',
          h('div', null, msg(p.message), p.detail !== undefined && p.detail !== null ? h('details', null, h('summary', null, t('ev.detail')), h('pre', { class: 'raw' }, JSON.stringify(p.detail, null, 2))) : null),
          p.id ? h('code', { title: p.id }, short(p.id, 10)) : '—',
        ],
        undefined,
        `lvl-${p.severity}`,
      ),
    );
    body.append(h('div', { class: 'scroll-x' }, table([t('integrity.line'), t('integrity.code'), t('integrity.severity'), t('integrity.position'), t('integrity.message'), t('integrity.id')], rows)));
    if (list.length > limit) body.append(h('button', { class: 'btn', type: 'button', on: { click: () => { limit += PAGE; draw(); } } }, t('findings.more')));
  };
  sel.addEventListener('change', () => {
    code = sel.value;
    limit = PAGE;
    setParams({ code });
    draw();
  });
  append(el, [h('div', { class: 'filters' }, sel), body, r.problems_omitted ? h('p', { class: 'muted' }, t('integrity.omitted', { n: num(r.problems_omitted) })) : null]);
  draw();
}
