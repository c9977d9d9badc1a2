// The co-bidding network: firms as nodes, links coloured by the reason the core found (shared
// person, account, machine, document, rotation...). Clicking a link lists its tenders.
import { chart, COLORS, REASON_COLORS } from './charts.js';
import type { Ctx } from './ctx.js';
import { append, clear, h, row, table } from './dom.js';
import { openEvidence } from './evidence.js';
import { num } from './fmt.js';
import { msg, t, term } from './i18n.js';
import type { CoBiddingGraph } from './types.js';

function reasonName(r: string): string {
  return term('graph_reasons', r);
}

interface Edge {
  a: string;
  b: string;
  reasons: string[];
  tenders: string[];
  checks: string[];
  /** Tenders both firms bid in. */
  weight: number;
}

interface Node {
  id: string;
  name: string | null;
  tenders: number | null;
  wins: number | null;
}

/** The core's graph with each edge's reasons gathered: their names, all their tenders and checks. */
function normalise(g: CoBiddingGraph): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = g.nodes.map((n) => ({ id: n.id, name: n.name, tenders: n.tenders, wins: n.wins }));
  const edges: Edge[] = g.edges.map((e) => {
    const tenders = new Set<string>(e.reasons.flatMap((r) => r.tenders));
    const checks = new Set<string>(e.reasons.map((r) => r.check).filter((c) => c !== ''));
    return { a: e.source, b: e.target, reasons: [...new Set(e.reasons.map((r) => r.reason))], tenders: [...tenders], checks: [...checks], weight: e.weight };
  });
  return { nodes, edges };
}

export function renderGraph(ctx: Ctx, el: HTMLElement): void {
  el.append(h('h2', { tabindex: -1 }, t('graph.title')));
  const raw = ctx.report.analysis?.graph;
  if (!raw) {
    el.append(h('p', { class: 'muted' }, t('graph.none')));
    return;
  }
  const g = normalise(raw);
  if (!g.edges.length) {
    el.append(h('p', { class: 'muted', id: 'graph-empty' }, t('graph.empty')));
    return;
  }
  const reasons = [...new Set(g.edges.flatMap((e) => e.reasons))];
  const enabled = new Set(reasons);
  // Plain co-bidding links start hidden when there are many, so the suspicious ones stay readable.
  if (reasons.some((r) => r !== 'co_bidding') && g.edges.filter((e) => e.reasons.includes('co_bidding')).length > 40) enabled.delete('co_bidding');
  const nodeById = new Map(g.nodes.map((n) => [n.id, n]));
  const name = (id: string) => ctx.firmName(id, nodeById.get(id)?.name);
  const related = (e: Edge) => ctx.findings.filter((f) => (f.tender ? e.tenders.includes(f.tender) : false) && (!e.checks.length || e.checks.includes(f.check)));

  const legend = h(
    'div',
    { class: 'legend', role: 'group', aria: { label: t('graph.reasons') } },
    reasons.map((r) => {
      const box = h('input', { type: 'checkbox', id: `reason-${r}` });
      box.checked = enabled.has(r);
      box.addEventListener('change', () => {
        if (box.checked) enabled.add(r);
        else enabled.delete(r);
        draw();
      });
      return h('label', { class: 'check' }, box, swatch(r), reasonName(r), ' ', h('span', { class: 'muted' }, `(${g.edges.filter((e) => e.reasons.includes(r)).length})`));
    }),
  );
  const box = h('div', { class: 'chart graph', id: 'graph-chart' });
  box.style.height = '560px';
  const side = h('aside', { class: 'graph-side', id: 'graph-detail', aria: { live: 'polite' } }, h('p', { class: 'muted' }, t('graph.select')));
  append(el, [h('p', { class: 'intro' }, t('graph.intro')), raw.truncated ? h('p', { class: 'muted' }, t('graph.truncated')) : null, legend, h('div', { class: 'graph-wrap' }, box, side)]);

  const showEdge = (e: Edge, scroll = false) => {
    clear(side);
    if (scroll) side.scrollIntoView({ block: 'nearest' });
    const fs = related(e);
    append(side, [
      h('h3', null, t('graph.edge', { a: name(e.a), b: name(e.b) })),
      h('p', null, h('strong', null, `${t('graph.reasons')}: `), e.reasons.map((r) => h('span', { class: 'reason' }, swatch(r), reasonName(r)))),
      h('p', null, t('graph.weight', { n: num(e.weight) })),
      h('h4', null, `${t('graph.tenders')} (${e.tenders.length})`),
      h(
        'ul',
        { class: 'links', id: 'graph-tenders' },
        e.tenders.map((tid) => {
          const code = ctx.tenderProject.get(tid);
          return h('li', null, code ? h('a', { href: `#/project/${encodeURIComponent(code)}` }, ctx.projectName(code), ' ', h('code', { class: 'muted' }, tid)) : h('code', null, tid));
        }),
      ),
      fs.length
        ? [
            h('h4', null, t('graph.findings')),
            h('ul', { class: 'links' }, fs.map((f) => h('li', null, h('button', { class: `pill small sev-${f.severity}`, type: 'button', on: { click: () => openEvidence(ctx, f) } }, f.check), ' ', msg(f.message)))),
          ]
        : null,
    ]);
  };
  const showNode = (id: string) => {
    clear(side);
    const n = nodeById.get(id);
    const edges = g.edges.filter((e) => e.a === id || e.b === id);
    append(side, [
      h('h3', null, name(id)),
      h('p', null, h('code', null, id)),
      n && (n.tenders !== null || n.wins !== null) ? h('p', null, t('graph.bids', { n: num(n.tenders ?? 0), w: num(n.wins ?? 0) })) : null,
      table(
        [t('graph.firm'), t('graph.reasons'), t('graph.tenders')],
        edges.map((e) => row([name(e.a === id ? e.b : e.a), e.reasons.map((r) => h('span', { class: 'reason' }, swatch(r), reasonName(r))), num(e.tenders.length)], () => showEdge(e))),
        'grid compact',
      ),
    ]);
  };

  let c: ReturnType<typeof chart> | null = null;
  const draw = () => {
    const links = g.edges.flatMap((e) => {
      const rs = e.reasons.filter((r) => enabled.has(r));
      return rs.map((r, i) => ({
        source: e.a,
        target: e.b,
        edge: e,
        reason: r,
        lineStyle: { color: REASON_COLORS[r] ?? REASON_COLORS.other, width: r === 'co_bidding' ? 1 : 1.5 + Math.min(4, Math.max(0, e.weight - 1)), curveness: rs.length > 1 ? (i - (rs.length - 1) / 2) * 0.25 : 0, opacity: 0.9 },
      }));
    });
    // the firms on a shown link
    const shown = new Set(links.flatMap((l) => [l.source, l.target]));
    const nodes: Node[] = [...shown].map((id) => nodeById.get(id) ?? { id, name: null, tenders: null, wins: null });
    const maxT = Math.max(1, ...nodes.map((n) => n.tenders ?? 1));
    const option = {
      tooltip: {
        renderMode: 'richText',
        formatter: (x: { dataType: string; data: { id?: string; edge?: Edge; reason?: string } }) => {
          if (x.dataType === 'edge' && x.data.edge) return `${name(x.data.edge.a)} — ${name(x.data.edge.b)}\n${reasonName(x.data.reason ?? '')} · ${t('graph.tenders')} ${x.data.edge.tenders.length}`;
          const n = x.data.id ? nodeById.get(x.data.id) : undefined;
          return `${x.data.id ? name(x.data.id) : ''}${n && n.tenders !== null ? `\n${t('graph.bids', { n: num(n.tenders ?? 0), w: num(n.wins ?? 0) })}` : ''}`;
        },
      },
      series: [
        {
          type: 'graph',
          layout: 'force',
          roam: true,
          draggable: true,
          force: { repulsion: nodes.length > 40 ? 220 : 480, edgeLength: [70, 170], gravity: 0.12, friction: 0.2, layoutAnimation: false },
          label: { show: nodes.length <= 60, position: 'right', fontSize: 11, formatter: (x: { data: { id: string } }) => shortName(name(x.data.id)) },
          emphasis: { focus: 'adjacency', lineStyle: { width: 5 } },
          data: nodes.map((n) => ({ id: n.id, name: n.id, symbolSize: 12 + 22 * ((n.tenders ?? 1) / maxT), itemStyle: { color: (n.wins ?? 0) > 0 ? COLORS.accent : COLORS.blue, borderColor: '#fff', borderWidth: 1.5 } })),
          links,
        },
      ],
    };
    if (!c) {
      c = chart(box, option);
      c.on('click', (x) => {
        const d = x.data as { edge?: Edge; id?: string };
        if (x.dataType === 'edge' && d.edge) showEdge(d.edge);
        else if (d.id) showNode(d.id);
      });
    } else {
      c.setOption(option, { replaceMerge: ['series'] });
    }
  };
  queueMicrotask(draw);

  // The same links as a table: usable from the keyboard and by screen readers.
  el.append(
    h(
      'details',
      { class: 'table-toggle', id: 'graph-table' },
      h('summary', null, `${t('graph.edges')} (${num(g.edges.length)})`),
      table(
        [t('graph.firm'), t('graph.firm'), t('graph.reasons'), t('graph.tenders')],
        g.edges.map((e) => row([name(e.a), name(e.b), e.reasons.map((r) => h('span', { class: 'reason' }, swatch(r), reasonName(r))), num(e.tenders.length)], () => showEdge(e, true))),
      ),
    ),
  );
}

function swatch(r: string): HTMLElement {
  const s = h('span', { class: 'swatch' });
  s.style.background = REASON_COLORS[r] ?? REASON_COLORS.other!;
  return s;
}

function shortName(s: string): string {
  return s.length > 14 ? `${s.slice(0, 13)}…` : s;
}
