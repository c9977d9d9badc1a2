// Apache ECharts, bundled locally with only the chart types the page draws.
import * as echarts from 'echarts/core';
import { BarChart, GraphChart, LineChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GraphChart, LineChart, ScatterChart, AriaComponent, DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent, LabelLayout, CanvasRenderer]);

export type Chart = echarts.ECharts;
export type Option = echarts.EChartsCoreOption;

export const COLORS = {
  high: '#c62828',
  medium: '#e65100',
  low: '#5b7a99',
  ok: '#2e7d32',
  ink: '#1f2933',
  muted: '#7b8794',
  line: '#d9dee4',
  accent: '#8b1a1a',
  blue: '#1f5f99',
};

/** Edge colours by reason (the core's Reason names; short names kept for older reports). */
export const REASON_COLORS: Record<string, string> = {
  shared_person: '#7b1fa2',
  shared_account: '#00897b',
  shared_machine: '#1565c0',
  shared_ip: '#64b5f6',
  shared_document: '#6d4c41',
  shared_compiler: '#8d6e63',
  shared_agent: '#ad1457',
  control: '#37474f',
  price_pattern: '#c0ca33',
  rotation: '#f9a825',
  co_bidding: '#b0bec5',
  person: '#7b1fa2',
  account: '#00897b',
  machine: '#1565c0',
  document: '#6d4c41',
  agent: '#ad1457',
  other: '#90a4ae',
};

export const FONT = '"PingFang SC","Noto Sans CJK SC","Microsoft YaHei","Source Han Sans SC",sans-serif';

const live = new Set<Chart>();

/** A chart in `el`, disposed when the page re-renders (see disposeAll). */
export function chart(el: HTMLElement, option: Option): Chart {
  const c = echarts.init(el, undefined, { renderer: 'canvas' });
  c.setOption({
    textStyle: { fontFamily: FONT, color: COLORS.ink },
    animation: false,
    aria: { enabled: true },
    ...option,
  });
  live.add(c);
  return c;
}

export function disposeAll(): void {
  for (const c of live) c.dispose();
  live.clear();
}

export function resizeAll(): void {
  for (const c of live) c.resize();
}

let resizeTimer = 0;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(resizeAll, 120);
});
// Charts are drawn for the screen width; redraw at the printed width and back.
window.addEventListener('beforeprint', resizeAll);
window.addEventListener('afterprint', resizeAll);
