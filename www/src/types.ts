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

// ---- Joint supervision -------------------------------------------------------------------------
// The board the core computes (report.analysis.supervision) and the bulletins of qinglian/import:
// the package's own types, so the page reads exactly what the core writes.
import type {
  BoardProblem,
  BundleInputInfo,
  ProblemHistoryEntry,
  ProblemStatus,
  Report as FullReport,
  SupervisionBoard,
} from 'qinglian';
export type { SupervisionBulletin as Bulletin } from 'qinglian/import';

export type SupStatus = ProblemStatus;
export type SupHistory = ProblemHistoryEntry;
export type SupProblem = BoardProblem;
export type SupBoard = SupervisionBoard;
export type SupTask = SupervisionBoard['tasks'][number];
export type InputInfo = BundleInputInfo;

/** Board order: what needs action first. */
export const SUP_STATUSES: SupStatus[] = ['open', 'due_soon', 'overdue', 'reopened', 'rectified', 'confirmed'];

/** The board of a report, or null (checks off, or a report from before the board existed). */
export function supervisionOf(r: FullReport): SupBoard | null {
  return r.analysis?.supervision ?? null;
}

/** The inputs verified together (with segments), or null for a single input. */
export function inputsOf(r: FullReport): InputInfo[] | null {
  return r.bundle.inputs ?? null;
}
