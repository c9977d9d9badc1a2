// Types of the public API (every entry point: "qinglian", "qinglian/slim"). Field names follow the
// Rust core's serde output (snake_case), so a report from `qinglian verify --json` has this type too.

/**
 * Every error the Qinglian API throws on purpose (misuse only: problems in a bundle are in the
 * report). `code` is stable: one of the verifier's problem codes (`FLOAT_NUMBER`, `BODY_INVALID`,
 * `ROOT_THRESHOLD_NOT_MET`, ...) or an API code (`NOT_INITIALIZED`, `INVALID_ARGUMENT`, ...).
 */
export class QinglianError extends Error {
  constructor(code: string, message: string, details?: Record<string, unknown>);
  readonly name: 'QinglianError';
  readonly code: QinglianErrorCode | (string & {});
  /** JSON path of the offending value (`$.stmt.body.amount_fen`), when the problem has one. */
  readonly path?: string;
  /** The message in Chinese, when the core has one (trust root errors). */
  readonly zh?: string;
}

/** Codes thrown by the functions of this package. */
export type QinglianErrorCode =
  // API misuse
  | 'NOT_INITIALIZED'
  | 'INVALID_ARGUMENT'
  | 'OPTIONS_INVALID'
  | 'CONFIG_INVALID'
  | 'VERIFIER_FINISHED'
  | 'VERIFIER_NOT_FINISHED'
  | 'JOB_UNKNOWN'
  | 'JOB_VERDICTS_MISMATCH'
  | 'WORKER_FREED'
  | 'INTERNAL'
  // canonical JSON (canonicalize, producer bodies)
  | 'INVALID_UTF8'
  | 'BYTE_ORDER_MARK'
  | 'JSON_SYNTAX'
  | 'DUPLICATE_KEY'
  | 'FLOAT_NUMBER'
  | 'INTEGER_OUT_OF_RANGE'
  | 'DEPTH_EXCEEDED'
  | 'NOT_CANONICAL'
  // producers
  | 'HEADER_INVALID'
  | 'STATEMENT_INVALID'
  | 'UNKNOWN_KIND'
  | 'BODY_INVALID'
  // trust roots
  | 'ROOT_INVALID'
  | 'ROOT_WEAK_KEY'
  | 'ROOT_THRESHOLD_NOT_MET'
  | 'ROOT_VERSION_ROLLBACK'
  | 'ROOT_CHAIN_BROKEN'
  | 'FEDERATION_MISMATCH';

/** Bytes: any ArrayBufferView (Uint8Array, Node Buffer, ...) or an ArrayBuffer. */
export type Bytes = Uint8Array | ArrayBufferView | ArrayBuffer;

/** Version of the Qinglian core compiled into the WebAssembly module. */
export function version(): string;

/**
 * RFC 8785 (JCS) canonical form of `json` under the Qinglian profile: integers only within
 * ±(2^53−1), no duplicate keys. Throws {@link QinglianError} on input outside the profile.
 */
export function canonicalize(json: string): string;

// ---------------------------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------------------------

export interface Message {
  zh: string;
  en: string;
}

export type Severity = 'error' | 'warning' | 'info';
export type FindingSeverity = 'low' | 'medium' | 'high';

export interface Problem {
  code: string;
  severity: Severity;
  /** 1-based line of the (decompressed) bundle. */
  line?: number;
  /** Statement id (hex). */
  id?: string;
  log?: string;
  seq?: number;
  message: Message;
  /** Machine-readable specifics: the JSON path, expected and found values, fork proof (`lines`)... */
  detail?: any;
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
  /** 0 intact (and no finding at or above `failOn`), 1 otherwise: what `qinglian verify` exits with. */
  exit_status: 0 | 1;
}

export interface CompleteHead {
  seq: number;
  head: string;
  time: string;
}

export interface LogSummary {
  log: string;
  department: string;
  records: number;
  first_seq: number;
  last_seq: number;
  head: string;
  /** Missing sequence ranges, inclusive. */
  gaps: [number, number][];
  forks: number[];
  complete_to: CompleteHead | null;
  witnesses: string[];
}

export interface DepartmentSummary {
  id: string;
  name: Message;
  kinds: string[];
  /** Key ids (hex). */
  keys: string[];
}

export interface RootSummary {
  federation: string;
  version: number;
  fingerprint: string;
  /** The pinned root's fingerprint, then each newer version adopted from the bundle. */
  chain: string[];
  departments: DepartmentSummary[];
}

export interface Evidence {
  id: string;
  role: string;
  kind: string;
  log: string;
  seq: number;
  line: number;
}

export interface Finding {
  /**
   * Stable across runs and bundles: the same check on the same project, tender and evidence records
   * gives the same id (16 hex digits; `-2`, `-3` … when one check reports twice on the same records).
   */
  id: string;
  check: string;
  family: CheckFamily;
  severity: FindingSeverity;
  title: Message;
  project: string | null;
  tender: string | null;
  message: Message;
  evidence: Evidence[];
  values: any;
  source: string;
}

export interface CheckRun {
  id: string;
  status: 'ran' | 'disabled';
  findings: number;
  not_evaluated: { project: string | null; reason: Message }[];
}

/** What the consistency checks found, with the views the page draws (crate/core/src/checks/). */
export interface Analysis {
  /** Ordered by severity (high first), then project. */
  findings: Finding[];
  checks: CheckRun[];
  /** The co-bidding network of firms. */
  graph: CoBiddingGraph;
  /** One view per project code in the records. */
  projects: ProjectView[];
  /** The supervision board (crate/core/src/report/supervision_board.rs). */
  supervision: SupervisionBoard;
}

export type ProblemStatus = 'open' | 'due_soon' | 'overdue' | 'rectified' | 'confirmed' | 'reopened';

/** One step of a problem's history: the problem, its rectifications and the raiser's reviews. */
export interface ProblemHistoryEntry {
  kind: 'problem' | 'rectification' | 'rectification_review';
  id: string;
  log: string;
  seq: number;
  /** Report line number of the record (global across inputs). */
  line: number;
  date: string;
  state: null | 'completed' | 'in_progress' | 'confirmed' | 'reopened';
  text: string;
  /** False when the record breaks SUP-02/03/04: the status ignores it. */
  counted: boolean;
}

export interface BoardProblem {
  problem_id: string;
  status: ProblemStatus;
  overdue: boolean;
  raised_by: string;
  responsible: string;
  responsible_dept: string | null;
  category: string;
  severity: 'low' | 'medium' | 'high';
  description: string;
  suggestion: string | null;
  compared: string | null;
  found_date: string;
  /** The current due date (a reopening's new one). */
  due_date: string;
  project: string | null;
  task_id: string | null;
  check_id: string | null;
  id: string;
  refs: string[];
  history: ProblemHistoryEntry[];
}

export interface BoardTally {
  found: number;
  rectified: number;
  confirmed: number;
  overdue: number;
}

export interface SupervisionBoard {
  /** "Today" for deadlines: the data's latest time. */
  as_of: string | null;
  due_soon_days: number;
  problems: BoardProblem[];
  counts: BoardTally & {
    by_status: Record<ProblemStatus, number>;
    by_responsible: (BoardTally & { responsible: string })[];
    by_category: (BoardTally & { category: string })[];
  };
  tasks: {
    task_id: string;
    title: string;
    mode: 'task' | 'case';
    lead_dept: string;
    participating_depts: string[];
    projects: string[];
    start_date: string;
    due_date: string | null;
    problems: number;
    id: string;
  }[];
  /** Sealed records (密封, docs/format.md §4.2) this run could not read; absent when none. */
  sealed?: {
    id: string;
    line: number;
    log: string;
    seq: number;
    kind: string;
    to: string[];
    /** SEALED_NOT_OPENED, SEALED_NOT_RECIPIENT, SEALED_UNREADABLE, or the code of a refused opening. */
    reason: string;
  }[];
  /** Sealed records the caller opened with its keys (the board reads them); absent when none. */
  opened?: number;
}

export interface CoBiddingGraph {
  nodes: FirmNode[];
  edges: FirmEdge[];
  /** Edges whose only reason is co-bidding were left out to bound the graph (at most 300). */
  truncated: boolean;
}

export interface FirmNode {
  /** 统一社会信用代码. */
  id: string;
  /** 企业名称, when the company registry is in the bundle. */
  name: string | null;
  tenders: number;
  wins: number;
}

export type LinkReason =
  | 'shared_person'
  | 'shared_agent'
  | 'shared_compiler'
  | 'shared_account'
  | 'shared_machine'
  | 'shared_document'
  | 'shared_ip'
  | 'control'
  | 'price_pattern'
  | 'rotation'
  | 'co_bidding';

export interface FirmEdge {
  source: string;
  target: string;
  /** Tenders both firms bid in. */
  weight: number;
  reasons: { reason: LinkReason; tenders: string[]; /** "" for plain co-bidding. */ check: string }[];
}

/** A firm by 统一社会信用代码, with its registered name when the registry is in the bundle. */
export interface FirmRef {
  uscc: string;
  name: string | null;
}

export interface ProjectView {
  project: string;
  name: string | null;
  owner: FirmRef | null;
  project_type: string | null;
  project_type_label: Message | null;
  /** The furthest stage the records show: `preparation` … `audited`. */
  status: { code: string; label: Message };
  /** 估算 → 概算 → 控制价 → 中标 → 合同 → 变更 → 结算 → 决算 → 审计, as far as the records go. */
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
  /** The record the amount comes from (the first, when it is a sum). */
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

export interface TenderView {
  tender_id: string;
  title: string | null;
  ceiling_fen: number | null;
  published_date: string | null;
  deadline: string | null;
  evaluation: 'price_only' | 'comprehensive' | null;
  record: string | null;
  bids: BidView[];
  award: AwardView | null;
  /** BID-10's statistical screens of the valid bids, with at least 4 of them. */
  screens: Screens | null;
}

export interface Screens {
  n: number;
  mean_fen: number;
  sd_fen: number;
  cv: number;
  spread: number;
  rd: number | null;
  skewness: number | null;
  kurtosis: number | null;
  lowest_fen: number;
  second_fen: number;
  highest_fen: number;
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

export interface PaymentsView {
  contract_fen: number | null;
  contract_with_changes_fen: number | null;
  series: PaymentPoint[];
}

export interface PaymentPoint {
  date: string;
  amount_fen: number;
  cumulative_fen: number;
  type: 'advance' | 'progress' | 'final' | 'retention';
  payee: string;
  contract_no: string | null;
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
  rectifications: { date: string; status: 'completed' | 'in_progress'; by: string; description: string; record: string }[];
  status: 'rectified' | 'rectified_late' | 'in_progress' | 'overdue' | 'open';
  status_label: Message;
}

/** A bundle header line as read (concatenated bundles have several). */
export interface BundleHeader {
  line: number;
  created: string;
  federation: string;
  description: string | null;
}

/** What was verified: the SHA-256 of the input as given (compressed or not) and its headers. */
export interface BundleInfo {
  sha256: string;
  headers: BundleHeader[];
  /** With several inputs (a main bundle and segments): where each one's lines are. */
  inputs?: BundleInputInfo[];
}

export interface BundleInputInfo {
  name: string;
  sha256: string;
  /** Line k of this input is report line `first_line + k - 1`. */
  first_line: number;
  lines: number;
  bytes: number;
}

export interface Report {
  format: 'qinglian-report';
  v: 1;
  bundle: BundleInfo;
  summary: Summary;
  root: RootSummary | null;
  logs: LogSummary[];
  /** Heads this verification proved: remember them and pass them back as `knownHeads` next time. */
  heads_to_remember: KnownHead[];
  problems: Problem[];
  /** Problems beyond `limits.max_problems`, counted but not listed. */
  problems_omitted: number;
  /** Null when the checks were off (`checks: false`) or no trust root could be used. */
  analysis: Analysis | null;
}

export interface Progress {
  /** Bytes read so far (compressed bytes for a gzip bundle). */
  bytes_in: number;
  lines: number;
  statements: number;
}

// ---------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------

/** A check configuration: switch checks off, change thresholds, drop low findings. */
export interface CheckConfig {
  disabled?: string[];
  params?: { [checkId: string]: { [param: string]: number } };
  min_severity?: FindingSeverity | null;
}

export interface KnownHead {
  log: string;
  seq: number;
  head: string;
}

export interface Limits {
  max_line_bytes: number;
  max_depth: number;
  max_statements: number;
  max_problems: number;
  max_deferred: number;
  /** Most bytes a gzip bundle may inflate to (INFLATED_TOO_LARGE); default 64 GiB. */
  max_inflated_bytes: number;
}

export interface VerifyOptions {
  /** The pinned trust root (the file's contents), or only its fingerprint (the root must then be in the bundle). */
  root: Bytes | string | { fingerprint: string };
  /** Check configuration; `false` = integrity only; default: every check with default thresholds. */
  checks?: CheckConfig | boolean;
  /** Heads verified before: a bundle that rewrites one is reported (HEAD_REWRITTEN). */
  knownHeads?: KnownHead[];
  /** Findings at or above this severity make `summary.exit_status` 1 (the CLI's `--fail-on`). */
  failOn?: 'high' | 'medium' | 'low';
  limits?: Partial<Limits>;
  /** Called as the bundle is read, and once more when the input has ended. */
  onProgress?: (p: Progress) => void;
  /** Aborts between chunks; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Names of the inputs when verify() is given several (default: a File's name, else "input N"). */
  names?: string[];
  /**
   * Verify signatures elsewhere, e.g. in Web Workers running {@link SignatureWorker}: each job goes
   * to `verify(job)`, which resolves with one verdict byte per signature. Give one key's jobs to one
   * worker (it keeps that key's table). A job that fails is verified in place; the report is identical.
   */
  signaturePool?: SignaturePool;
}

/** Where verify() sends signature jobs (see VerifyOptions.signaturePool). */
export interface SignaturePool {
  verify(job: SignatureJob): Promise<Uint8Array>;
  /** Jobs outstanding before verify() waits for verdicts (default 8). */
  capacity?: number;
}

/** Bundle input: bytes, a Blob or File, or a stream of byte chunks. */
export type BundleInput = Bytes | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * Verify a bundle against the pinned trust root and run the consistency checks. Problems in the
 * bundle are in the report; only misuse rejects (QinglianError: ROOT_*, OPTIONS_INVALID, CONFIG_INVALID).
 */
export function verify(bundle: BundleInput | BundleInput[], options: VerifyOptions): Promise<Report>;

export interface StreamVerifierOptions extends Omit<VerifyOptions, 'onProgress' | 'signal'> {
  /** Hand signature work out as jobs (takeSignatureJobs) instead of verifying in place. */
  externalSignatures?: boolean;
}

/** Signatures by one key: messages concatenated, `ends[i]` the end of message i, 64 bytes per signature. */
export interface SignatureJob {
  id: number;
  publicKey: Uint8Array;
  messages: Uint8Array;
  ends: Uint32Array;
  signatures: Uint8Array;
}

/** The verifier for callers that feed the bytes themselves. */
export class StreamVerifier {
  constructor(options: StreamVerifierOptions);
  /** Start the next of several inputs verified as one (name each, the first one included). */
  beginInput(name: string): void;
  /** Feed the next chunk (any size, any split). */
  push(chunk: Bytes): void;
  progress(): Progress;
  /** Jobs ready for a SignatureWorker (with `externalSignatures: true`); their buffers are transferable. */
  takeSignatureJobs(): SignatureJob[];
  /** One verdict byte per signature of the job, 1 = valid. */
  completeSignatureJob(id: number, verdicts: Uint8Array): void;
  /** End of input: the last jobs become available. */
  endInput(): void;
  /** The report (outstanding jobs are verified here). Pass the whole bundle for fork proofs. */
  finish(bundle?: Bytes | Bytes[]): Report;
  /** Release without a report. */
  free(): void;
}

/** Verifies signature jobs, on any thread. Give one key's jobs to one worker (it keeps a table per key). */
export class SignatureWorker {
  constructor();
  verify(job: Omit<SignatureJob, 'id'> & { id?: number }): Uint8Array;
  free(): void;
}

/** A port to a worker: a MessagePort, or a worker_threads MessagePort in Node. */
export type JobPort = { postMessage(message: any, transfer?: any[]): void } & (
  | { onmessage: ((event: MessageEvent) => void) | null }
  | { on(event: 'message', listener: (value: any) => void): unknown }
);

/** A SignaturePool over ports; `fail()` makes verify() take back the jobs in flight and all later ones. */
export interface PortSignaturePool extends SignaturePool {
  capacity: number;
  fail(reason?: unknown): void;
}

/**
 * A signature pool for verify() over ports to workers that run {@link serveSignatureJobs}. One key's
 * jobs always go to one port. Call `fail()` when a worker dies: its jobs are verified in place.
 */
export function portSignaturePool(ports: JobPort[]): PortSignaturePool;

/**
 * In a worker, once the module is loaded: answer the jobs of a {@link portSignaturePool} arriving on
 * `port`. A job that cannot be verified gets an error answer, and the verifier verifies it itself.
 */
export function serveSignatureJobs(port: JobPort): void;

// ---------------------------------------------------------------------------------------------
// Trust roots, catalogue, codes, configuration
// ---------------------------------------------------------------------------------------------

export interface ParsedRoot extends RootSummary {
  prev: string | null;
  threshold: number;
  time: string;
}

/** Parse a trust root (file contents) and check its own threshold. Throws QinglianError ROOT_*. */
export function parseRoot(root: Bytes | string): ParsedRoot;

/** What a key may sign under a root. Throws QinglianError KEY_UNKNOWN when the root does not list it. */
export function signingRights(root: Bytes | string, publicKey: string): { department: string; name: Message; kinds: string[] };

/** Throws a QinglianError unless `newer` validly succeeds `older`. */
export function checkRootSuccessor(older: Bytes | string, newer: Bytes | string): void;

export type CheckFamily = 'cost' | 'bidding' | 'false_bidding' | 'contract' | 'procedure' | 'site' | 'payment' | 'supervision';

export interface CheckParam {
  name: string;
  default: number;
  unit: string;
  description: Message;
}

export interface CheckMeta {
  id: string;
  family: CheckFamily;
  severity: FindingSeverity;
  title: Message;
  rule: Message;
  source: string;
  params: CheckParam[];
  needs_completeness: boolean;
}

/** Every consistency check with its metadata. */
export function catalogue(): CheckMeta[];
/** One core identifier and its names. */
export interface Term {
  id: string;
  zh: string;
  en: string;
}
/** The names of the core's identifiers, each list in its canonical order (from the core, never copied). */
export interface Vocabulary {
  kinds: Term[];
  families: Term[];
  graph_reasons: Term[];
  cost_stages: Term[];
  codes: (Term & { severity: Severity })[];
  problem_statuses: Term[];
  problem_categories: Term[];
  problem_severities: Term[];
  review_decisions: Term[];
  task_modes: Term[];
}
export function vocabulary(): Vocabulary;
/** Bytes of WebAssembly memory the verifier module has grown to (its peak so far; never shrinks). */
export function memoryBytes(): number;

export interface CodeInfo {
  code: string;
  severity: Severity;
  zh: string;
  en: string;
}

/** Every problem code with its severity and meaning. */
export function codes(): CodeInfo[];

/** Throws QinglianError CONFIG_INVALID (with `path` when known) unless `config` is valid. */
export function validateCheckConfig(config: CheckConfig): void;

// ---------------------------------------------------------------------------------------------
// Producers
// ---------------------------------------------------------------------------------------------

export interface Key {
  /** The 32-byte secret seed: keep it secret. */
  seed: Uint8Array;
  /** Public key, 64 hex digits (the `pub` of a root's key entry). */
  publicKey: string;
  /** Key id, 32 hex digits (what signatures name). */
  keyId: string;
}

/** A new key from crypto.getRandomValues, or the key of the given 32-byte seed. */
export function generateKey(seed?: Bytes): Key;

/** A department's key, opened from its key file (docs/format.md §Key files). */
export interface KeyFileKey extends Key {
  /** The department the key signs for; it signs only logs `<department>/<name>`. */
  department: string;
}

/**
 * Open a key file (the CLI's `qinglian keygen` output, or `sealKeyFile`'s). Throws QinglianError:
 * KEY_FILE_ENCRYPTED (no passphrase given for an encrypted file), KEY_FILE_PASSPHRASE,
 * KEY_FILE_UNDECRYPTABLE, KEY_FILE_INVALID, KEY_FILE_MISMATCH, KEY_WRONG_DEPARTMENT (with `log`).
 * Decryption loads `age-encryption` on first use.
 */
export function openKeyFile(file: Bytes | string, options?: { passphrase?: string; log?: string }): Promise<KeyFileKey>;

/** The key file text for `department` and `seed`, encrypted with `passphrase` (age, armoured). */
export function sealKeyFile(department: string, seed: Bytes, passphrase: string, options?: { workFactor?: number }): Promise<string>;

/** scrypt work factors (log2 N) of key files; `max` is the most every surface opens. */
export function keyFileWorkFactors(): { default: number; min: number; max: number };

/** A signed statement: its id and its canonical line (without newline). */
export interface Signed {
  id: string;
  line: string;
}

export interface RecordDraft {
  /** A record kind, e.g. "contract". */
  kind: string;
  /** 国家投资项目代码, required for project kinds. */
  project?: string;
  /** RFC 3339 with offset, e.g. "2021-09-01T10:00:00+08:00". */
  time: string;
  /** The body, validated against the kind's schema (integers only; money in fen). */
  body: { [key: string]: unknown };
  /** Ids of records this one relies on. */
  refs?: string[];
}

/** One draft of a batch (an import's `statements`): it may cite earlier drafts of the same batch. */
export interface BatchStatement {
  kind: string;
  project?: string;
  /** RFC 3339 with offset; the batch's `time` when absent. */
  time?: string;
  body: { [key: string]: unknown };
  /** Ids of signed records, or `{ statement: k }` for the k-th draft of this batch (an earlier one). */
  refs?: (string | { statement: number })[];
}

/** Signs records into one department log; holds the key and the head. */
export class LogWriter {
  /** A writer for `log` ("zjj/main"), continuing after `head` (omit for a new log). */
  constructor(log: string, seed: Bytes, head?: { seq: number; head: string } | null);
  /** Continue a log file (its contents): the head is its highest record of `log`. */
  static fromLog(log: string, seed: Bytes, file: Bytes | string): LogWriter;
  /** A writer holding only the public key: sign elsewhere (a non-extractable WebCrypto key) with prepare/complete. */
  static external(log: string, publicKey: string, head?: { seq: number; head: string } | null): LogWriter;
  /** The exact bytes to sign for the next record (nothing changes until complete). */
  prepare(draft: RecordDraft): { bytes: Uint8Array; id: string };
  /** Seal the prepared record with its 64-byte Ed25519 signature; throws SIGNATURE_INVALID, NOTHING_PREPARED. */
  complete(signature: Bytes): Signed;
  /** Refuse from now on what this root would not authorise (KEY_UNKNOWN, KEY_WRONG_DEPARTMENT, KIND_NOT_AUTHORIZED...). */
  requireRoot(root: Bytes | string): void;
  /** Throws QinglianError HEAD_STALE when `heads` show this log further on than the writer. */
  assertCurrent(heads: KnownHead[]): void;
  /** Sign the next record. Throws QinglianError (BODY_INVALID with `path`, UNKNOWN_KIND, FLOAT_NUMBER...). */
  append(draft: RecordDraft): Signed;
  /**
   * Sign a batch all or nothing, at `time` unless a draft has its own. On an error nothing is signed,
   * the writer stays where it was, and the QinglianError's `statement` says which draft (code
   * BATCH_UNSIGNABLE for a draft citing a later one, or the draft's own code).
   */
  appendBatch(statements: BatchStatement[], time: string): (Signed & { statement: number })[];
  /** Sign a checkpoint of the current head. */
  checkpoint(time: string): Signed;
  readonly log: string;
  readonly seq: number;
  readonly head: string | null;
  readonly keyId: string;
  readonly publicKey: string;
  /** Wipe the key from the module's memory now. */
  free(): void;
}

/** A witness department's cosignature of another department's log head. */
export function cosign(seed: Bytes, witness: string, claim: { log: string; seq: number; head: string }, time: string): Signed;

export interface ExportOptions {
  federation: string;
  /** RFC 3339 time of the export. */
  created: string;
  /** Trust root lines (file contents), written first. */
  roots?: (string | Bytes)[];
  /** Statement lines; an element may hold several lines (a whole log file). */
  lines?: (string | Bytes)[];
  /** Keep only this project's records (registry records without a project are kept). */
  project?: string;
  description?: string;
}

/** Write a bundle: header, roots, statements (duplicates and non-statements dropped). */
export function exportBundle(o: ExportOptions): Uint8Array;

export interface RootKeySpec {
  /** Public key, 64 hex digits. */
  pub: string;
  not_before?: string;
  not_after?: string;
  from?: { log: string; seq: number }[];
  revoked?: { log: string; seq: number }[];
}

export interface RootSpec {
  federation: string;
  threshold: number;
  departments: { id: string; name: Message; kinds: string[]; keys: RootKeySpec[] }[];
}

/** Sign a trust root: version 1, or the successor of `previous` (the current root's contents). */
export function createRoot(spec: RootSpec, seeds: Bytes[], time: string, previous?: Bytes | string): Signed;

/** Add signatures to a root (file contents). */
export function signRoot(root: Bytes | string, seeds: Bytes[]): Signed;
