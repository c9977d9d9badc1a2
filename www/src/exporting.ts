// Export: the findings as CSV and JSON, the full report as JSON, and the printable report.
import type { Ctx } from './ctx.js';
import { download, h } from './dom.js';
import { msg, t } from './i18n.js';
import { familyName } from './v-overview.js';

function stem(ctx: Ctx): string {
  const base = ctx.result.name.replace(/\.qlb(\.gz)?$/i, '').replace(/[^\w.-]+/g, '_') || 'bundle';
  return `qinglian-${base}`;
}

/** One CSV cell: quoted, and a leading = + - @ neutralised so spreadsheets do not run it. */
function cell(v: string): string {
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${s.replace(/"/g, '""')}"`;
}

export function findingsCsv(ctx: Ctx): string {
  const lines = [t('csv.header')];
  for (const f of ctx.findings) {
    const recs = (f.evidence ?? []).map((e) => e.id);
    lines.push(
      [f.key, f.check, f.severity, familyName(f.family), f.project ?? '', ctx.departmentsOf(f).join(' '), msg(f.message), f.source, recs.join(' ')].map(cell).join(','),
    );
  }
  // BOM: spreadsheet programs then read the Chinese text as UTF-8.
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export function findingsJson(ctx: Ctx): string {
  const r = ctx.report;
  return JSON.stringify(
    {
      format: 'qinglian-findings',
      bundle: { name: ctx.result.name, sha256: ctx.result.sha256 },
      root: r.root ? { federation: r.root.federation, version: r.root.version, fingerprint: r.root.fingerprint } : null,
      verified_at: ctx.result.verifiedAt,
      intact: r.summary.intact,
      exit_status: r.summary.exit_status,
      findings: r.analysis?.findings ?? [],
    },
    null,
    2,
  );
}

export function renderExportMenu(ctx: Ctx): HTMLElement {
  const item = (id: string, label: string, fn: () => void) =>
    h('button', { class: 'menu-item', type: 'button', id, role: 'menuitem', on: { click: () => { fn(); menu.open = false; } } }, label);
  const menu = h(
    'details',
    { class: 'menu', id: 'export-menu' },
    h('summary', { class: 'btn' }, t('nav.export')),
    h(
      'div',
      { class: 'menu-list', role: 'menu' },
      item('export-csv', t('export.csv'), () => download(`${stem(ctx)}-findings.csv`, findingsCsv(ctx), 'text/csv;charset=utf-8')),
      item('export-json', t('export.json'), () => download(`${stem(ctx)}-findings.json`, findingsJson(ctx), 'application/json')),
      item('export-report', t('export.report'), () => download(`${stem(ctx)}-report.json`, JSON.stringify(ctx.report, null, 2), 'application/json')),
      item('export-print', t('export.print'), () => window.print()),
    ),
  );
  menu.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      menu.open = false;
      menu.querySelector('summary')?.focus();
    }
  });
  return menu;
}
