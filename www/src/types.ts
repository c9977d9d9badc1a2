// The JSON the page renders is the package's report: these are the types of js/api.d.ts, which
// mirror the Rust core (crate/core/src/verify/, report/ and checks/, checked against real reports
// by tests/js/shapes.test.mjs). The page never computes a finding: it only shows what they carry.
export type {
  Analysis,
  AwardView,
  BidView,
  BundleInfo,
  CheckMeta,
  CheckRun,
  CoBiddingGraph,
  CostStage,
  DepartmentSummary,
  Evidence,
  Finding,
  FindingSeverity,
  FirmEdge,
  FirmNode,
  FirmRef,
  KnownHead,
  LinkReason,
  LogSummary,
  Message,
  PaymentPoint,
  ParsedRoot,
  PaymentsView,
  PortSignaturePool,
  Problem,
  ProblemView,
  Progress,
  ProjectView,
  Report,
  RootSummary,
  Screens,
  Severity as ProblemSeverity,
  Summary,
  TenderView,
  TimelineEntry,
  Vocabulary,
} from 'qinglian';

// ---- Joint supervision (issue 17) ----------------------------------------------------------------
// The board the core computes (report.analysis.supervision) and the bulletins of qinglian/import.
// Declared here as agreed (/tmp/ql/interface.md) so the page also reads reports of cores that do
// not have them yet: every field is read through supervisionOf(), which tolerates its absence.
import type { Report as FullReport } from 'qinglian';

export type SupStatus = 'open' | 'due_soon' | 'overdue' | 'rectified' | 'confirmed' | 'reopened';
export const SUP_STATUSES: SupStatus[] = ['open', 'due_soon', 'overdue', 'reopened', 'rectified', 'confirmed'];

export interface SupHistory {
  kind: 'problem' | 'rectification' | 'rectification_review';
  id: string;
  log: string;
  date: string;
  state: null | 'completed' | 'in_progress' | 'confirmed' | 'reopened';
  text: string;
  /** False when the record breaks a rule of who may do what (SUP-02/03/04): the status ignores it. */
  counted?: boolean;
}

export interface SupProblem {
  problem_id: string;
  status: SupStatus;
  overdue: boolean;
  raised_by: string;
  responsible: string;
  responsible_dept: string | null;
  category: string;
  severity: string;
  description: string;
  suggestion: string | null;
  compared: string | null;
  found_date: string;
  due_date: string;
  project: string | null;
  task_id: string | null;
  check_id: string | null;
  id: string;
  refs: string[];
  history: SupHistory[];
}

export interface SupTask {
  task_id: string;
  title: string;
  mode: 'task' | 'case';
  lead_dept: string;
  participating_depts: string[];
  projects: string[];
  start_date?: string;
  due_date?: string | null;
  problems: number;
  id: string;
}

export interface SupBoard {
  as_of: string | null;
  due_soon_days: number;
  problems: SupProblem[];
  counts: {
    found: number;
    rectified: number;
    confirmed: number;
    overdue: number;
    by_status: Partial<Record<SupStatus, number>>;
    by_responsible: { responsible: string; found: number; rectified: number; confirmed: number; overdue: number }[];
    by_category: { category: string; found: number; rectified: number; confirmed: number }[];
  };
  tasks: SupTask[];
}

export interface InputInfo {
  name: string;
  sha256: string;
  first_line: number;
  lines: number;
}

export interface Bulletin {
  kind: 'weekly' | 'monthly';
  title: string;
  period: { from: string; to: string };
  as_of?: string | null;
  /** 主送: the responsible parties of the listed problems (ids). */
  recipients?: string[];
  columns: string[];
  rows: string[][];
  counts: { found_in_period: number; rectified_in_period: number; confirmed_in_period: number; open_at_end: number; overdue_at_end: number };
  csv: string;
}

/** The board of a report, or null (older cores, checks off). */
export function supervisionOf(r: FullReport): SupBoard | null {
  const a = r.analysis as unknown as { supervision?: SupBoard | null } | null | undefined;
  return a?.supervision ?? null;
}

/** The inputs verified together (several with segments), or null for cores that verify one. */
export function inputsOf(r: FullReport): InputInfo[] | null {
  const b = r.bundle as unknown as { inputs?: InputInfo[] };
  return Array.isArray(b.inputs) ? b.inputs : null;
}
