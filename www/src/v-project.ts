// One project: findings first, then its lifecycle across departments, the cost chain, the tenders
// with their bids and screens, payments against the contract, and supervision follow-up. Every
// number comes from the project view of the report's analysis; a chart element is coloured when a
// finding of the report cites its record (a join by statement id, no rule).
import { chart, COLORS } from './charts.js';
import type { Ctx, FindingRow } from './ctx.js';
import { append, h, row, table, type Child } from './dom.js';
import { openEvidence, recordButton } from './evidence.js';
import { date, list, num, yuan, yuanShort } from './fmt.js';
import { msg, t, term, tMaybe } from './i18n.js';
import { findingsTable } from './v-findings.js';
import { severityCounts } from './v-overview.js';
import type { CostStage, PaymentPoint, ProblemView, ProjectView, Screens, TenderView, TimelineEntry } from './types.js';

export function renderProject(ctx: Ctx, el: HTMLElement, code: string): void {
  const p = ctx.projectByCode.get(code);
  const back = h('a', { href: '#/projects', class: 'back' }, t('project.back'));
  if (!p) {
    append(el, [back, h('h2', { tabindex: -1 }, code), h('p', { class: 'muted' }, t('project.notFound', { code }))]);
    return;
  }
  const findings = ctx.findingsByProject.get(code) ?? [];
  const depts = [...new Set((p.timeline ?? []).map((e) => e.department))];
  append(el, [
    back,
    h(
      'header',
      { class: 'project-head' },
      h('h2', { tabindex: -1, id: 'project-title' }, p.name ?? p.project),
      h(
        'dl',
        { class: 'facts inline' },
        h('dt', null, t('projects.code')),
        h('dd', null, h('code', null, p.project)),
        p.owner ? [h('dt', null, t('projects.owner')), h('dd', null, ctx.firmName(p.owner.uscc, p.owner.name))] : null,
        p.project_type_label ? [h('dt', null, t('projects.type')), h('dd', null, msg(p.project_type_label))] : null,
        [h('dt', null, t('projects.status')), h('dd', null, msg(p.status.label))],
        depts.length ? [h('dt', null, t('project.departments')), h('dd', null, list(depts.map((d) => ctx.deptName(d))))] : null,
      ),
      severityCounts(ctx, p),
    ),
    findings.length ? section('project-findings', t('project.findings'), findingsTable(ctx, findings, { project: false })) : null,
    section('timeline', t('project.timeline'), timeline(ctx, p)),
    section('cost-chain', t('project.cost'), costChain(ctx, p)),
    section('tenders', t('project.tenders'), tenders(ctx, p)),
    section('payments', t('project.payments'), payments(ctx, p)),
    section('supervision', t('project.supervision'), supervision(ctx, p)),
  ]);
}

function section(id: string, title: string, body: Child): HTMLElement {
  return h('section', { class: 'panel', id }, h('h3', null, title), body);
}

function empty(): HTMLElement {
  return h('p', { class: 'muted' }, t('project.empty'));
}

function pills(ctx: Ctx, list: FindingRow[]): Child {
  if (!list.length) return null;
  return list.map((f) => h('button', { class: `pill small sev-${f.severity}`, type: 'button', title: msg(f.message), on: { click: () => openEvidence(ctx, f) } }, f.check));
}

function sevColor(list: FindingRow[]): string | null {
  const s = list[0]?.severity;
  return s ? COLORS[s] : null;
}

function kindName(kind: string): string {
  return term('kinds', kind);
}

// ---- lifecycle -----------------------------------------------------------------------------------

const RECURRING = new Set(['payment', 'progress', 'inspection', 'bid', 'change_order', 'rectification', 'problem']);

function timeline(ctx: Ctx, p: ProjectView): Child {
  const events = [...(p.timeline ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  if (!events.length) return empty();
  const depts = [...new Set(events.map((e) => e.department))];
  const box = h('div', { class: 'chart', id: 'timeline-chart' });
  box.style.height = `${Math.max(180, 44 * depts.length + 70)}px`;
  const flags = (e: TimelineEntry) => ctx.worstFor([e.record], p.project);
  queueMicrotask(() => {
    const c = chart(box, {
      grid: { left: 150, right: 30, top: 20, bottom: 50 },
      tooltip: {
        trigger: 'item',
        renderMode: 'richText',
        formatter: (x: { data: { value: [string, string]; name: string; checks: string } }) => `${x.data.value[0]}  ${x.data.value[1]}\n${x.data.name}${x.data.checks ? `\n${x.data.checks}` : ''}`,
      },
      xAxis: { type: 'time', axisLabel: { formatter: '{yyyy}-{MM}' }, splitLine: { show: true, lineStyle: { color: '#eef1f4' } } },
      yAxis: { type: 'category', inverse: true, data: depts.map((d) => ctx.deptName(d)), axisTick: { show: false }, axisLabel: { width: 140, overflow: 'truncate' } },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8, showDataShadow: false }],
      series: [
        {
          type: 'scatter',
          data: events.map((e) => {
            const f = flags(e);
            return {
              value: [e.date, ctx.deptName(e.department)],
              name: msg(e.title),
              kind: e.kind,
              checks: f.map((x) => `${x.check} ${msg(x.title)}`).join('\n'),
              record: e.record,
              itemStyle: { color: sevColor(f) ?? COLORS.blue },
              symbolSize: f.length ? 14 : 9,
              milestone: f.length > 0 || !RECURRING.has(e.kind),
            };
          }),
          // label the lifecycle milestones; recurring records (payments, inspections…) stay unlabelled
          label: { show: true, position: 'top', distance: 4, formatter: (x: { data: { kind: string; milestone: boolean } }) => (x.data.milestone ? kindName(x.data.kind) : ''), fontSize: 10, color: COLORS.ink },
          labelLayout: { hideOverlap: true },
        },
      ],
    });
    c.on('click', (x) => {
      const rec = (x.data as { record?: string } | undefined)?.record;
      if (rec) recordButton(ctx, rec).click();
    });
  });
  const rows = events.map((e) => {
    const f = flags(e);
    return row([h('span', { class: 'nowrap' }, date(e.date)), kindName(e.kind), ctx.deptName(e.department), msg(e.title), recordButton(ctx, e.record), pills(ctx, f)], undefined, f.length ? 'flagged' : undefined);
  });
  return [box, h('details', { class: 'table-toggle' }, h('summary', null, `${t('tl.detail')} (${events.length})`), table([t('tl.time'), t('tl.stage'), t('tl.department'), t('tl.detail'), '', t('projects.findings')], rows))];
}

// ---- cost chain ----------------------------------------------------------------------------------

function costChain(ctx: Ctx, p: ProjectView): Child {
  const steps = p.cost_chain ?? [];
  if (!steps.length) return empty();
  const flags = (s: CostStage) => ctx.worstFor(s.records?.length ? s.records : [s.record], p.project).filter((f) => f.family === 'cost' || f.family === 'payment' || f.family === 'contract');
  const label = (s: CostStage) => (s.label ? msg(s.label) : term('cost_stages', s.stage));
  const reference = steps.find((s) => s.stage === 'design_estimate');
  const box = h('div', { class: 'chart', id: 'cost-chart' });
  box.style.height = '320px';
  queueMicrotask(() => {
    chart(box, {
      grid: { left: 90, right: 24, top: 40, bottom: 40 },
      tooltip: {
        trigger: 'axis',
        renderMode: 'richText',
        formatter: (xs: { dataIndex: number }[]) => {
          const s = steps[xs[0]?.dataIndex ?? 0];
          if (!s) return '';
          const f = flags(s);
          return `${label(s)}\n${yuan(s.amount_fen)}${f.length ? `\n${f.map((x) => `${x.check} ${msg(x.title)}`).join('\n')}` : ''}`;
        },
      },
      xAxis: { type: 'category', data: steps.map(label), axisTick: { alignWithLabel: true }, axisLabel: { interval: 0, width: 90, overflow: 'break' } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => yuanShort(v) } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 48,
          data: steps.map((s) => ({ value: s.amount_fen, itemStyle: { color: sevColor(flags(s)) ?? (s.stage === 'audited' ? COLORS.ok : COLORS.blue) } })),
          label: {
            show: true,
            position: 'top',
            fontSize: 11,
            color: COLORS.ink,
            formatter: (x: { dataIndex: number }) => {
              const s = steps[x.dataIndex];
              if (!s) return '';
              const f = flags(s);
              return f.length ? `${yuanShort(s.amount_fen)}\n${[...new Set(f.map((y) => y.check))].join(' ')}` : yuanShort(s.amount_fen);
            },
          },
          markLine: reference
            ? {
                symbol: 'none',
                silent: true,
                lineStyle: { color: COLORS.medium, type: 'dashed', width: 1.5 },
                label: { formatter: `${t('cost.reference')} ${yuanShort(reference.amount_fen)}`, position: 'insideEndTop', color: COLORS.medium },
                data: [{ yAxis: reference.amount_fen }],
              }
            : undefined,
        },
      ],
    });
  });
  const rows = steps.map((s) => {
    const f = flags(s);
    return row([label(s), h('span', { class: 'money' }, yuan(s.amount_fen)), (s.records?.length ? s.records : [s.record]).map((r) => recordButton(ctx, r)), pills(ctx, f)], undefined, f.length ? 'flagged' : undefined);
  });
  return [box, table([t('cost.stage'), t('cost.amount'), '', t('projects.findings')], rows, 'grid')];
}

// ---- tenders and bids ----------------------------------------------------------------------------

function tenders(ctx: Ctx, p: ProjectView): Child {
  const list = p.tenders ?? [];
  if (!list.length) return empty();
  return list.map((tv, i) => tender(ctx, p, tv, i));
}

function tender(ctx: Ctx, p: ProjectView, tv: TenderView, i: number): HTMLElement {
  const bids = [...tv.bids].sort((a, b) => a.price_fen - b.price_fen);
  const tf = ctx.findings.filter((f) => f.tender === tv.tender_id);
  const box = h('div', { class: 'chart', id: `bids-chart-${i}` });
  box.style.height = `${Math.max(140, 30 * bids.length + 60)}px`;
  const ceiling = tv.ceiling_fen;
  if (bids.length) {
    queueMicrotask(() => {
      chart(box, {
        grid: { left: 210, right: 90, top: 24, bottom: 28 },
        tooltip: { trigger: 'item', renderMode: 'richText', formatter: (x: { name: string; value: number }) => `${x.name}\n${yuan(x.value)}` },
        xAxis: {
          type: 'value',
          scale: true,
          min: (v: { min: number }) => Math.floor(v.min * 0.97),
          max: (v: { max: number }) => Math.ceil(Math.max(v.max, ceiling ?? 0) * 1.01),
          axisLabel: { formatter: (v: number) => yuanShort(v) },
        },
        yAxis: { type: 'category', inverse: true, data: bids.map((b) => `${b.winner ? '★ ' : ''}${ctx.firmName(b.bidder, b.name)}`), axisLabel: { width: 200, overflow: 'truncate' } },
        series: [
          {
            type: 'bar',
            barMaxWidth: 18,
            data: bids.map((b) => {
              const f = ctx.worstFor([b.record], p.project);
              return {
                value: b.price_fen,
                itemStyle: { color: b.disqualified ? '#b0bec5' : (sevColor(f) ?? COLORS.blue), borderColor: b.winner ? COLORS.ink : undefined, borderWidth: b.winner ? 2 : 0 },
              };
            }),
            label: { show: true, position: 'right', formatter: (x: { value: number }) => yuanShort(x.value), fontSize: 11 },
            markLine: ceiling
              ? { symbol: 'none', silent: true, lineStyle: { color: COLORS.high, type: 'dashed' }, label: { formatter: `${t('tender.ceiling')} ${yuanShort(ceiling)}`, position: 'insideEndTop' }, data: [{ xAxis: ceiling }] }
              : undefined,
          },
        ],
      });
    });
  }
  const rows = bids.map((b, k) => {
    const f = ctx.worstFor([b.record], p.project);
    return row(
      [
        String(k + 1),
        h('span', { title: b.bidder }, ctx.firmName(b.bidder, b.name)),
        h('span', { class: 'money' }, yuan(b.price_fen)),
        b.winner ? h('strong', { class: 'winner' }, `★ ${t('tender.winner')}`) : b.disqualified ? h('span', { class: 'muted' }, t('tender.disqualified', { r: `${msg(b.disqualified.label)}${b.disqualified.detail ? `（${b.disqualified.detail}）` : ''}` })) : '',
        pills(ctx, f),
        b.record ? recordButton(ctx, b.record) : '',
      ],
      undefined,
      b.winner ? 'winner-row' : f.length ? 'flagged' : undefined,
    );
  });
  return h(
    'div',
    { class: 'tender', id: `tender-${i}` },
    h('h4', null, tv.title ?? tv.tender_id, ' ', h('code', { class: 'muted' }, tv.tender_id)),
    h(
      'dl',
      { class: 'facts inline' },
      h('dt', null, t('tender.ceiling')),
      h('dd', null, yuan(ceiling)),
      tv.published_date ? [h('dt', null, t('tender.published')), h('dd', null, date(tv.published_date))] : null,
      tv.deadline ? [h('dt', null, t('tender.deadline')), h('dd', null, date(tv.deadline))] : null,
      tv.award ? [h('dt', null, t('tender.award')), h('dd', null, `${ctx.firmName(tv.award.winner, tv.award.name)} · ${yuan(tv.award.price_fen)} · ${date(tv.award.notice_date)} `, recordButton(ctx, tv.award.record))] : null,
      tv.record ? [h('dt', null, t('tender.tender')), h('dd', null, recordButton(ctx, tv.record))] : null,
    ),
    tf.length ? h('div', { class: 'pills left' }, pills(ctx, tf)) : null,
    bids.length ? [box, table([t('tender.rank'), t('tender.bidder'), t('tender.price'), t('tender.result'), t('projects.findings'), ''], rows)] : h('p', { class: 'muted' }, t('tender.noBids')),
    screens(ctx, tv),
  );
}

const SCREEN_ORDER: (keyof Screens)[] = ['n', 'lowest_fen', 'second_fen', 'highest_fen', 'mean_fen', 'sd_fen', 'cv', 'spread', 'rd', 'skewness', 'kurtosis'];
const RATIO_SCREENS = new Set<string>(['cv', 'spread']);

/** The tender's statistical screens (BID-10) as the core computed them; a BID-10 finding marks them
 * (its values say which screen crossed which fence). */
function screens(ctx: Ctx, tv: TenderView): Child {
  const s = tv.screens;
  if (!s) return null;
  const flagged = ctx.findings.filter((f) => f.tender === tv.tender_id && f.check === 'BID-10');
  const rows = SCREEN_ORDER.map((name) => {
    const v = s[name];
    return row([tMaybe(`screen.${name}`) ?? name, h('span', { class: name.endsWith('_fen') ? 'money' : 'num' }, v === null ? '—' : fmtScreen(name, v))]);
  });
  return h(
    'div',
    { class: `screens${flagged.length ? ' screens-flagged' : ''}` },
    h('h5', null, t('tender.screens'), ' ', pills(ctx, flagged)),
    table([t('tender.screen'), t('tender.value')], rows, 'grid compact'),
  );
}

function fmtScreen(name: string, v: number): string {
  if (name.endsWith('_fen')) return yuan(Math.round(v));
  if (RATIO_SCREENS.has(name)) return `${(v * 100).toFixed(2)}%`;
  if (Number.isInteger(v)) return num(v);
  return v.toFixed(3);
}

// ---- payments ------------------------------------------------------------------------------------

function payTypeName(e: PaymentPoint): string {
  return tMaybe(`pay.type.${e.type}`) ?? e.type;
}

function payments(ctx: Ctx, p: ProjectView): Child {
  const pv = p.payments;
  const series = pv?.series ?? [];
  if (!series.length) return empty();
  const flags = (e: PaymentPoint) => ctx.worstFor([e.record], p.project);
  const box = h('div', { class: 'chart', id: 'payments-chart' });
  box.style.height = '320px';
  const marks: { yAxis: number; name: string }[] = [];
  if (pv.contract_fen) marks.push({ yAxis: pv.contract_fen, name: `${t('pay.contract')} ${yuanShort(pv.contract_fen)}` });
  if (pv.contract_with_changes_fen && pv.contract_with_changes_fen !== pv.contract_fen) marks.push({ yAxis: pv.contract_with_changes_fen, name: `${t('pay.limit')} ${yuanShort(pv.contract_with_changes_fen)}` });
  const top = Math.max(pv.contract_fen ?? 0, pv.contract_with_changes_fen ?? 0, ...series.map((e) => e.cumulative_fen));
  queueMicrotask(() => {
    chart(box, {
      grid: { left: 90, right: 30, top: 40, bottom: 30 },
      legend: { top: 0, data: [t('pay.amount'), t('pay.cumulative')] },
      tooltip: {
        trigger: 'item',
        renderMode: 'richText',
        formatter: (x: { dataIndex: number }) => {
          const e = series[x.dataIndex];
          if (!e) return '';
          const f = flags(e);
          return `${date(e.date)} ${payTypeName(e)}\n${t('pay.amount')}: ${yuan(e.amount_fen)}\n${t('pay.cumulative')}: ${yuan(e.cumulative_fen)}${f.length ? `\n${f.map((x) => `${x.check} ${msg(x.title)}`).join('\n')}` : ''}`;
        },
      },
      xAxis: { type: 'time', axisLabel: { formatter: '{yyyy}-{MM}' } },
      yAxis: { type: 'value', max: Math.ceil(top * 1.08), axisLabel: { formatter: (v: number) => yuanShort(v) } },
      series: [
        { name: t('pay.amount'), type: 'bar', barMaxWidth: 12, barMinWidth: 3, itemStyle: { color: '#90a4ae' }, data: series.map((e) => ({ value: [e.date, e.amount_fen], itemStyle: { color: sevColor(flags(e)) ?? '#90a4ae' } })) },
        {
          name: t('pay.cumulative'),
          type: 'line',
          step: 'end',
          data: series.map((e) => ({ value: [e.date, e.cumulative_fen], itemStyle: { color: sevColor(flags(e)) ?? COLORS.blue }, symbolSize: flags(e).length ? 11 : 6 })),
          lineStyle: { color: COLORS.blue, width: 2 },
          itemStyle: { color: COLORS.blue },
          markLine: marks.length ? { symbol: 'none', silent: true, lineStyle: { color: COLORS.high, type: 'dashed', width: 1.5 }, label: { formatter: (x: { name: string }) => x.name, position: 'insideStartTop' }, data: marks } : undefined,
        },
      ],
    });
  });
  const rows = series.map((e) => {
    const f = flags(e);
    return row(
      [h('span', { class: 'nowrap' }, date(e.date)), payTypeName(e), h('span', { class: 'money' }, yuan(e.amount_fen)), h('span', { class: 'money' }, yuan(e.cumulative_fen)), h('span', { title: e.payee }, ctx.firmName(e.payee)), e.contract_no ?? '—', recordButton(ctx, e.record), pills(ctx, f)],
      undefined,
      f.length ? 'flagged' : undefined,
    );
  });
  return [
    h('dl', { class: 'facts inline' }, h('dt', null, t('pay.contract')), h('dd', null, yuan(pv.contract_fen)), pv.contract_with_changes_fen && pv.contract_with_changes_fen !== pv.contract_fen ? [h('dt', null, t('pay.limit')), h('dd', null, yuan(pv.contract_with_changes_fen))] : null),
    box,
    table([t('pay.time'), t('pay.type'), t('pay.amount'), t('pay.cumulative'), t('pay.payee'), t('pay.contractNo'), '', t('projects.findings')], rows),
  ];
}

// ---- supervision ---------------------------------------------------------------------------------

function supervision(ctx: Ctx, p: ProjectView): Child {
  const items = p.supervision ?? [];
  if (!items.length) return empty();
  const bad = new Set(['overdue', 'open', 'rectified_late']);
  const rows = items.map((s: ProblemView) => {
    const f = ctx.worstFor([s.record, ...s.rectifications.map((r) => r.record)], p.project);
    return row(
      [
        h('code', null, s.problem_id),
        s.description,
        h('span', { class: 'nowrap' }, date(s.found_date)),
        h('span', { class: 'nowrap' }, date(s.due_date)),
        partyName(ctx, s.responsible),
        s.rectifications.length ? s.rectifications.map((r) => h('div', null, `${date(r.date)} ${partyName(ctx, r.by)}：${r.description} `, recordButton(ctx, r.record))) : h('span', { class: 'muted' }, '—'),
        h('span', { class: bad.has(s.status) ? 'bad-text' : 'ok-text' }, msg(s.status_label)),
        recordButton(ctx, s.record),
        pills(ctx, f),
      ],
      undefined,
      f.length || bad.has(s.status) ? 'flagged' : undefined,
    );
  });
  return table([t('sup.problem'), t('sup.description'), t('sup.found'), t('sup.due'), t('sup.responsible'), t('sup.rectified'), t('sup.status'), '', t('projects.findings')], rows);
}

/** A party is a department id or a firm's credit code. */
function partyName(ctx: Ctx, id: string): string {
  const d = ctx.deptName(id);
  return d !== id ? d : ctx.firmName(id);
}
