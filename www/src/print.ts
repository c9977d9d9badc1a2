// The printable report (A4, print stylesheet): bundle hash, root fingerprint, time of verification,
// the verdict, integrity problems, logs and every finding. Hidden on screen.
import { SEVERITIES, type Ctx } from './ctx.js';
import { append, clear, h, table } from './dom.js';
import { bytes, date, fingerprint, num, short } from './fmt.js';
import { msg, t, type Key } from './i18n.js';
import { familyName } from './v-overview.js';

let core = '';
/** The core version compiled into the wasm (set once the worker is ready). */
export function setCoreVersion(v: string): void {
  core = v;
}
function coreVersion(): string {
  return core;
}

export function renderPrint(ctx: Ctx, el: HTMLElement): void {
  clear(el);
  const r = ctx.report;
  const s = r.summary;
  const res = ctx.result;
  const counts = ctx.findingCounts();
  const byCode = new Map<string, number>();
  for (const p of r.problems) byCode.set(p.code, (byCode.get(p.code) ?? 0) + 1);
  const sevOrder: Record<string, number> = { high: 0, medium: 1, low: 2 };
  const findings = [...ctx.findings].sort((a, b) => (sevOrder[a.severity] ?? 3) - (sevOrder[b.severity] ?? 3) || (a.project ?? '').localeCompare(b.project ?? '') || a.check.localeCompare(b.check));
  const tr = (cells: (string | Node)[]) => h('tr', null, cells.map((c) => h('td', null, c)));
  append(el, [
    h('h1', null, t('print.title')),
    res.dev ? h('p', { class: 'bad-text' }, t('verdict.devReport')) : null,
    h(
      'table',
      { class: 'print-facts' },
      h(
        'tbody',
        null,
        tr([t('print.bundle'), `${res.name} (${bytes(s.bytes)})`]),
        tr([t('print.hash'), h('code', null, fingerprint(res.sha256))]),
        tr([t('trust.federation'), r.root ? `${r.root.federation} v${r.root.version}` : '—']),
        tr([t('print.root'), h('code', null, r.root ? fingerprint(r.root.fingerprint) : '—')]),
        tr([t('print.time'), res.verifiedAt]),
        tr([t('print.tool'), `Qinglian ${coreVersion() || ''}`.trim()]),
      ),
    ),
    h('h2', null, t('print.summary')),
    h('p', { class: s.intact ? 'ok-text' : 'bad-text' }, h('strong', null, s.intact ? t('verdict.intact') : t('verdict.broken')), ' — ', s.intact ? t('verdict.intactDetail', { verified: num(s.verified) }) : t('verdict.brokenDetail', { errors: num(s.errors), rejected: num(s.rejected), verified: num(s.verified) })),
    h(
      'p',
      null,
      (['verified', 'records', 'checkpoints', 'cosignatures', 'rejected', 'duplicates', 'errors', 'warnings'] as const).map((k) => `${t(`sum.${k}` as Key)} ${num(s[k])}`).join(' · '),
    ),
    r.analysis ? h('p', null, h('strong', null, t('verdict.findings', { n: num(ctx.findings.length) })), ' — ', SEVERITIES.map((sev) => `${t(`sev.${sev}` as Key)} ${counts[sev]}`).join(' · ')) : h('p', null, t('verdict.checksOff')),
    byCode.size
      ? [h('h2', null, t('overview.problemsByCode')), table([t('overview.code'), t('overview.count')], [...byCode.entries()].map(([c, n]) => h('tr', null, h('td', null, c), h('td', null, num(n)))), 'print-table')]
      : null,
    h('h2', null, t('overview.logs')),
    table(
      [t('log.department'), t('log.log'), t('log.records'), t('log.range'), t('log.head'), t('log.gaps'), t('log.forks'), t('log.complete')],
      r.logs.map((l) =>
        h(
          'tr',
          null,
          [ctx.deptName(l.department), l.log, num(l.records), `${l.first_seq}–${l.last_seq}`, short(l.head, 16), l.gaps.map(([a, b]) => `${a}–${b}`).join(', ') || '—', l.forks.join(', ') || '—', l.complete_to ? `#${l.complete_to.seq} ${date(l.complete_to.time)}` : t('log.incomplete')].map((c) => h('td', null, c)),
        ),
      ),
      'print-table',
    ),
    findings.length
      ? [
          h('h2', null, t('print.findings')),
          table(
            ['#', t('findings.severity'), t('findings.check'), t('findings.family'), t('findings.project'), t('findings.message'), t('ev.source')],
            findings.map((f, i) =>
              h(
                'tr',
                { class: `sev-row-${f.severity}` },
                [String(i + 1), t(`sev.${f.severity}` as Key), f.check, familyName(f.family), f.project ? `${ctx.projectName(f.project)}\n${f.project}` : '—', msg(f.message), f.source].map((c) => h('td', null, c)),
              ),
            ),
            'print-table findings-print',
          ),
        ]
      : null,
    h('p', { class: 'print-foot' }, t('print.page')),
  ]);
}
