// The verified result the views read, with lookup tables over the report. Indexes and joins by id
// only: nothing here decides what is wrong; that is all in the report.
import { msg } from './i18n.js';
import type { CheckMeta, Evidence, Finding, FindingSeverity, LogSummary, Message, ProjectView, Report } from './types.js';

export interface Result {
  report: Report;
  name: string;
  blob: Blob | null;
  /** Every input verified (the main bundle first, then segments); line numbers are global across them. */
  inputs?: { name: string; blob: Blob }[];
  sha256: string;
  verifiedAt: string;
  elapsed: number;
  /** A saved report shown for development, not a verification. */
  dev: boolean;
}

export interface FindingRow extends Finding {
  key: string;
  index: number;
}

export const SEVERITIES: FindingSeverity[] = ['high', 'medium', 'low'];
export const FAMILIES = ['cost', 'bidding', 'false_bidding', 'contract', 'procedure', 'site', 'payment', 'supervision'];
const SEV_RANK: Record<string, number> = { high: 3, medium: 2, low: 1 };

export class Ctx {
  readonly findings: FindingRow[];
  readonly byKey = new Map<string, FindingRow>();
  readonly projects: ProjectView[];
  readonly projectByCode = new Map<string, ProjectView>();
  readonly findingsByProject = new Map<string, FindingRow[]>();
  /** Findings citing a record (by statement id): links charts and tables to findings. */
  readonly findingsByRecord = new Map<string, FindingRow[]>();
  readonly tenderProject = new Map<string, string>();
  readonly catalogue = new Map<string, CheckMeta>();
  private readonly depts = new Map<string, Message>();
  private readonly logs = new Map<string, LogSummary>();
  private readonly firms = new Map<string, string>();

  constructor(
    readonly result: Result,
    catalogue: CheckMeta[] = [],
  ) {
    const r = result.report;
    for (const c of catalogue) this.catalogue.set(c.id, c);
    for (const d of r.root?.departments ?? []) this.depts.set(d.id, d.name);
    for (const l of r.logs) this.logs.set(l.log, l);
    const a = r.analysis;
    this.projects = a?.projects ?? [];
    for (const p of this.projects) {
      this.projectByCode.set(p.project, p);
      if (p.owner?.name) this.firms.set(p.owner.uscc, p.owner.name);
      for (const tv of p.tenders ?? []) {
        this.tenderProject.set(tv.tender_id, p.project);
        for (const b of tv.bids) if (b.name) this.firms.set(b.bidder, b.name);
        if (tv.award?.name) this.firms.set(tv.award.winner, tv.award.name);
      }
    }
    for (const n of a?.graph?.nodes ?? []) if (n.name) this.firms.set(n.id, n.name);
    this.findings = (a?.findings ?? []).map((f, index) => ({ ...f, key: f.id, index }));
    for (const f of this.findings) {
      this.byKey.set(f.key, f);
      if (f.project) push(this.findingsByProject, f.project, f);
      for (const e of f.evidence ?? []) push(this.findingsByRecord, e.id, f);
    }
  }

  get report(): Report {
    return this.result.report;
  }

  deptName(id: string | null | undefined): string {
    if (!id) return '—';
    const m = this.depts.get(id);
    return m ? msg(m) : id;
  }

  /** A firm by 统一社会信用代码: its registered name when the bundle has it, else the code. */
  firmName(uscc: string | null | undefined, name?: string | null): string {
    if (name) return name;
    if (!uscc) return '—';
    return this.firms.get(uscc) ?? uscc;
  }

  projectName(code: string | null | undefined): string {
    if (!code) return '—';
    return this.projectByCode.get(code)?.name ?? code;
  }

  log(id: string): LogSummary | undefined {
    return this.logs.get(id);
  }

  evidenceDepartment(e: Evidence): string | undefined {
    return this.logs.get(e.log)?.department;
  }

  departmentsOf(f: Finding): string[] {
    const out = new Set<string>();
    for (const e of f.evidence ?? []) {
      const d = this.evidenceDepartment(e);
      if (d) out.add(d);
    }
    return [...out];
  }

  checkTitle(id: string, f?: Finding): string {
    if (f?.title) return msg(f.title);
    const c = this.catalogue.get(id);
    if (c) return msg(c.title);
    const any = this.findings.find((x) => x.check === id);
    return any ? msg(any.title) : id;
  }

  /** The most severe finding citing any of these records, for colouring charts and rows. */
  worstFor(records: (string | null | undefined)[], project?: string): FindingRow[] {
    const out = new Map<string, FindingRow>();
    for (const id of records) {
      if (!id) continue;
      for (const f of this.findingsByRecord.get(id) ?? []) if (!project || !f.project || f.project === project) out.set(f.key, f);
    }
    return [...out.values()].sort((a, b) => (SEV_RANK[b.severity] ?? 0) - (SEV_RANK[a.severity] ?? 0));
  }

  findingCounts(list: Finding[] = this.findings): Record<FindingSeverity, number> {
    const c: Record<FindingSeverity, number> = { high: 0, medium: 0, low: 0 };
    for (const f of list) if (f.severity in c) c[f.severity]++;
    return c;
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
