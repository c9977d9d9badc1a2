// Types of "qinglian/import": department spreadsheets into a plan that LogWriter.appendBatch signs.
import type { BatchStatement } from './api.js';

export type Bytes = ArrayBuffer | ArrayBufferView;

/** One table file: xlsx, xls, ods or CSV (UTF-8, UTF-8 with BOM, GBK / GB18030). */
export type TableFile = { name: string; bytes: Bytes } | File;

export interface ImportOptions {
  /** The log the rows will be signed into, e.g. "zjj/main". */
  log: string;
  /** Only sheets of this kind (and its list sheets); otherwise each sheet's kind is found from its name and header. */
  kind?: string;
  /**
   * The log file being extended (so rows already signed are recognised and not signed again) and
   * any bundles whose records rows cite by natural key. NDJSON, gzip or not.
   */
  context?: (string | Bytes)[];
  /** Language of each problem's `message`. Default "zh". */
  lang?: 'zh' | 'en';
  /** Skip columns the kind does not know instead of refusing the table (CLI: --ignore-column). */
  ignoreUnknownColumns?: boolean;
}

/** How one table was read. */
export interface ImportSheet {
  file: string;
  sheet: string;
  /** The kind detected, or null when the sheet was not recognised. */
  kind: string | null;
  /** The list member for a list sheet, e.g. "project_team". */
  list?: string;
  rows: number;
}

/** One record of the plan: a main-sheet row with its list rows gathered in. */
export interface ImportRow {
  sheet: string;
  /** The row's first cell, e.g. "A12". */
  cell: string;
  kind: string;
  project?: string;
  body: Record<string, unknown>;
  /** "unchanged": already in the log (its `id`); "new": to be signed. */
  status: 'new' | 'unchanged';
  id?: string;
}

/** One bad cell or row, with a stable code (docs/import.md lists them). */
export interface ImportProblem {
  /** CELL_TYPE, CELL_REQUIRED, CELL_ENUM, REF_UNRESOLVED, ROW_DUPLICATE, ROW_CHANGED, ... */
  code: string;
  sheet: string;
  /** A1 notation, e.g. "C12". */
  cell?: string;
  /** The column's English header, e.g. "bond/payer". */
  column?: string;
  /** The cell's text as read. */
  value?: string;
  zh: string;
  en: string;
  /** One line in the chosen language, as the CLI prints it: `投标!C12 CELL_TYPE "abc": …`. */
  message: string;
}

export interface ImportResult {
  /** True when there is no problem: `statements` can be signed. */
  ok: boolean;
  sheets: ImportSheet[];
  hidden_sheets: string[];
  /** Rows to be signed. */
  new: number;
  /** Rows already in the log. */
  unchanged: number;
  rows: ImportRow[];
  problems: ImportProblem[];
  /** The federation named by the first bundle header in the context (null without a bundle). */
  federation: string | null;
  /** The new rows as drafts in signing order (cited rows first); empty when there are problems. */
  statements: (BatchStatement & { sheet: string; cell: string })[];
}

/** Read and validate tables, all or nothing. Loads the import module on first use. */
export function importTable(files: TableFile | TableFile[], options: ImportOptions): Promise<ImportResult>;

/** Load the import module now: its bytes, a compiled module, a URL or a Response. Default: the packaged file. */
export function initImport(input?: Bytes | WebAssembly.Module | URL | string | Response | PromiseLike<Response>): Promise<void>;

/** Where the packaged import module is. */
export function defaultImportWasmUrl(): URL;

/** The terminal summary the native `qinglian verify` prints for this report, byte for byte (rendered by the core). */
export function summaryText(report: import('./api.js').Report, options?: { lang?: 'zh' | 'en' }): Promise<string>;

export interface SupervisionBulletin {
  kind: 'weekly' | 'monthly';
  title: string;
  period: { from: string; to: string };
  as_of: string | null;
  /** 主送: the responsible parties of the listed problems. */
  recipients: string[];
  columns: string[];
  rows: string[][];
  counts: { found_in_period: number; rectified_in_period: number; confirmed_in_period: number; open_at_end: number; overdue_at_end: number };
  /** The table as CSV (UTF-8 with BOM, CRLF). */
  csv: string;
}

/** The weekly dispatch list or monthly bulletin drawn by the core from the report's supervision board. */
export function supervisionBulletin(
  report: import('./api.js').Report,
  options: { kind: 'weekly' | 'monthly'; periodEnd: string; lang?: 'zh' | 'en' },
): Promise<SupervisionBulletin>;
