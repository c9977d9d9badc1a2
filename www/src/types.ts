// The JSON the page renders: the Report of the Rust core (crate/core/src/verify/mod.rs and
// crate/core/src/report/mod.rs) and its Analysis (crate/core/src/checks/). The page never computes a
// finding: it only shows what these objects carry. Fields of the analysis are optional on purpose:
// the page renders whatever part the core provides and says so when a part is missing.

export interface Message {
  zh: string;
  en: string;
}

export type ProblemSeverity = 'error' | 'warning' | 'info';
export type FindingSeverity = 'high' | 'medium' | 'low';

export interface Problem {
  code: string;
  severity: ProblemSeverity;
  line?: number;
  id?: string;
  log?: string;
  seq?: number;
  message: Message;
  detail?: unknown;
}

export interface Summary {
  lines: number;
  bytes: number;
  verified: number;
  rejected: number;
  duplicates: number;
  records: number;
  checkpoints: number;
  cosignatures: number;
  roots: number;
  errors: number;
  warnings: number;
  intact: boolean;
}

/** What was verified: SHA-256 of the input as given, and its header lines. */
export interface BundleInfo {
  sha256: string;
  headers: { line: number; created: string; federation: string; description?: string | null }[];
}

export interface DepartmentSummary {
  id: string;
  name: Message;
  kinds: string[];
  keys: string[];
}

export interface RootSummary {
  federation: string;
  version: number;
  fingerprint: string;
  chain: string[];
  departments: DepartmentSummary[];
  threshold?: number;
  time?: string;
}

export interface LogSummary {
  log: string;
  department: string;
  records: number;
  first_seq: number;
  last_seq: number;
  head: string;
  gaps: [number, number][];
  forks: number[];
  complete_to: { seq: number; head: string; time: string } | null;
  witnesses: string[];
}

export interface Report {
  bundle: BundleInfo;
  format: 'qinglian-report';
  v: number;
  summary: Summary;
  root: RootSummary | null;
  logs: LogSummary[];
  problems: Problem[];
  problems_omitted: number;
  analysis: Analysis | null;
}

export interface KnownHead {
  log: string;
  seq: number;
  head: string;
}

export interface Progress {
  bytes_in: number;
  lines: number;
  statements: number;
}

// ---------------------------------------------------------------------------------------------
// Analysis: crate/core/src/checks/finding.rs, view.rs and bidding/graph.rs (serde field names).
// Optional members marked "requested" are fields the page renders when the core provides them.

export interface Analysis {
  findings: Finding[];
  checks: CheckRun[];
  graph?: CoBidGraph | null;
  projects: ProjectView[];
}

/** A record a finding rests on (checks read only verified, authorised, unforked records). */
export interface Evidence {
  id: string;
  /** What the record is to this finding: "contract", "award", "bid"... */
  role: string;
  kind: string;
  log: string;
  seq: number;
  line: number;
  /** requested: the department owning the log (else looked up in report.logs). */
  department?: string;
}

export interface Finding {
  check: string;
  family: string;
  severity: FindingSeverity;
  title: Message;
  project: string | null;
  tender: string | null;
  message: Message;
  evidence: Evidence[];
  /** The values compared (machine-readable): {"contract_fen": …, "award_fen": …, "difference_ratio": …}. */
  values: Record<string, unknown> | null;
  source: string;
  /** requested: a stable id for deep links and cross references. */
  id?: string;
  /** requested: labels for the keys of `values`, bilingual. */
  value_labels?: Record<string, Message>;
}

export interface NotEvaluated {
  project: string | null;
  reason: Message;
}

export interface CheckRun {
  id: string;
  status: 'ran' | 'disabled' | string;
  findings: number;
  not_evaluated: NotEvaluated[];
}

/** The catalogue entry of a check (catalogue() of the package). */
export interface CheckMeta {
  id: string;
  family: string;
  severity: FindingSeverity;
  title: Message;
  rule: Message;
  source: string;
  needs_completeness?: boolean;
}

export interface FirmRef {
  uscc: string;
  name: string | null;
}

export interface ProjectView {
  project: string;
  name: string | null;
  owner: FirmRef | null;
  project_type?: string | null;
  project_type_label?: Message | null;
  status: { code: string; label: Message };
  cost_chain: CostStage[];
  timeline: TimelineEntry[];
  tenders: TenderView[];
  payments: PaymentsView;
  supervision: ProblemView[];
  findings: { high: number; medium: number; low: number; total: number };
}

export interface CostStage {
  stage: string;
  label: Message;
  amount_fen: number;
  record: string;
  records: string[];
}

export interface TimelineEntry {
  date: string;
  kind: string;
  title: Message;
  department: string;
  record: string;
}

export interface BidView {
  bidder: string;
  name: string | null;
  price_fen: number;
  disqualified: { reason: string; label: Message; detail: string | null } | null;
  winner: boolean;
  record: string | null;
}

export interface AwardView {
  winner: string;
  name: string | null;
  price_fen: number;
  notice_date: string;
  record: string;
}

export interface TenderView {
  tender_id: string;
  title: string | null;
  ceiling_fen: number | null;
  published_date: string | null;
  deadline: string | null;
  evaluation: string | null;
  record: string | null;
  bids: BidView[];
  award: AwardView | null;
  /** Statistical screens (BID-10) when computed: {name: value} or richer entries. */
  screens: Record<string, unknown> | ScreenValue[] | null;
}

export interface ScreenValue {
  name: string;
  label?: Message;
  value: number | null;
  fence?: [number | null, number | null] | null;
  flagged?: boolean;
}

export interface PaymentPoint {
  date: string;
  amount_fen: number;
  cumulative_fen: number;
  type: string;
  payee: string;
  /** requested: the payee's registered name. */
  payee_name?: string | null;
  contract_no: string | null;
  record: string;
}

export interface PaymentsView {
  contract_fen: number | null;
  contract_with_changes_fen: number | null;
  series: PaymentPoint[];
}

export interface RectificationView {
  date: string;
  status: string;
  by: string;
  description: string;
  record: string;
}

export interface ProblemView {
  problem_id: string;
  found_date: string;
  due_date: string;
  responsible: string;
  category: string;
  severity: string;
  description: string;
  check_id: string | null;
  record: string;
  rectifications: RectificationView[];
  status: string;
  status_label: Message;
}

/** The co-bidding graph; the core's edge shape is still being written, so both spellings are read. */
export interface CoBidNode {
  id?: string;
  uscc?: string;
  name?: string | Message | null;
  tenders?: number;
  wins?: number;
  [extra: string]: unknown;
}

export interface CoBidEdge {
  source?: string;
  target?: string;
  a?: string;
  b?: string;
  reasons?: (string | { reason: string; tenders?: string[]; check?: string })[];
  reason?: string;
  tenders?: string[];
  checks?: string[];
  check?: string;
  weight?: number;
  [extra: string]: unknown;
}

export interface CoBidGraph {
  nodes: CoBidNode[];
  edges: CoBidEdge[];
  /** Co-bidding-only edges were left out to bound the graph. */
  truncated?: boolean;
}
