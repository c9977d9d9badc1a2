// "qinglian/import": read department spreadsheets (xlsx, xls, ods, CSV) and plan their import into
// a log, all or nothing. The spreadsheet readers are a second WebAssembly module, fetched on the
// first call, so that pages and portals that only verify never download them. Every rule (columns,
// cell values, natural keys, re-import) is in the Rust core (crate/import); the plan is signed with
// LogWriter.appendBatch, which lives in the same (producer) module.
import { rethrow } from './errors.js';
import { defaultProducerWasmUrl, initProducer, producer } from './producer-module.js';
import { isBytes } from './source.js';

/** Where the packaged import module (the producer module) lives. */
export function defaultImportWasmUrl() {
  return defaultProducerWasmUrl();
}

/**
 * Load the import module now (importTable loads it on first use otherwise): its bytes, a compiled
 * WebAssembly.Module, a URL (file: URLs are read with node:fs) or a Response. Default: the
 * packaged file. The same module signs (LogWriter …), so this also enables those.
 */
export async function initImport(input) {
  return initProducer(input);
}

/** The name and bytes of one table: `{ name, bytes }` or a File. */
async function tableFile(f, i) {
  const where = `importTable(files[${i}])`;
  if (typeof Blob === 'function' && f instanceof Blob) {
    const name = /** @type {any} */ (f).name;
    if (typeof name !== 'string') throw new TypeError(`${where}: a Blob needs a name (give a File or { name, bytes })`);
    return { name, bytes: new Uint8Array(await f.arrayBuffer()) };
  }
  if (f === null || typeof f !== 'object' || typeof f.name !== 'string' || !isBytes(f.bytes)) {
    throw new TypeError(`${where}: expected a File or { name: string, bytes: Uint8Array }`);
  }
  return { name: f.name, bytes: view(f.bytes) };
}

/** A Uint8Array over the same memory as an ArrayBuffer or any typed array. */
function view(b) {
  if (b instanceof Uint8Array) return b;
  return ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b);
}

const encoder = new TextEncoder();

/**
 * Read and validate tables for `options.log`. With no problem, `statements` is what
 * `LogWriter.appendBatch` signs; with any problem it is empty and `problems` lists every bad cell.
 */
export async function importTable(files, options) {
  if (options === null || typeof options !== 'object' || typeof options.log !== 'string') {
    throw new TypeError('importTable(files, options): options.log (e.g. "zjj/main") is required');
  }
  const { log, kind, context = [], lang = 'zh', ignoreUnknownColumns = false } = options;
  if (kind !== undefined && typeof kind !== 'string') throw new TypeError('importTable: options.kind must be a string');
  if (lang !== 'zh' && lang !== 'en') throw new TypeError('importTable: options.lang must be "zh" or "en"');
  if (!Array.isArray(context)) throw new TypeError('importTable: options.context must be an array of files');
  const list = Array.isArray(files) ? files : [files];
  const tables = await Promise.all(list.map(tableFile));
  const ctx = context.map((c, i) => {
    if (typeof c === 'string') return encoder.encode(c);
    if (isBytes(c)) return view(c);
    throw new TypeError(`importTable: options.context[${i}]: expected a string or a Uint8Array`);
  });
  await initImport();
  try {
    return producer().importTable(tables, log, kind, Boolean(ignoreUnknownColumns), ctx, lang);
  } catch (e) {
    rethrow(e);
  }
}

/**
 * The terminal summary of a verification report, in Chinese (`lang: 'zh'`, the default) or
 * English: the same bytes the native `qinglian verify` prints, rendered by the core. It lives in
 * this module (loaded on first use) so that the verifier module stays small.
 */
export async function summaryText(report, options) {
  const lang = options?.lang ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') throw new TypeError('summaryText: options.lang must be "zh" or "en"');
  await initImport();
  try {
    return producer().summaryText(JSON.stringify(report), lang);
  } catch (e) {
    rethrow(e);
  }
}

/**
 * The weekly dispatch list (`kind: 'weekly'`, 周调度) or the monthly bulletin (`'monthly'`, 月通报)
 * for the period ending on `periodEnd` (YYYY-MM-DD), drawn by the core from the report's supervision
 * board: `{ kind, title, period, as_of, recipients, columns, rows, counts, csv }`. The CLI's
 * `qinglian bulletin` prints the same table. Throws QinglianError NO_SUPERVISION_BOARD for a report
 * verified without checks.
 */
export async function supervisionBulletin(report, options) {
  const { kind, periodEnd, lang = 'zh' } = options ?? {};
  if (kind !== 'weekly' && kind !== 'monthly') throw new TypeError('supervisionBulletin: options.kind must be "weekly" or "monthly"');
  if (typeof periodEnd !== 'string') throw new TypeError('supervisionBulletin: options.periodEnd must be a date YYYY-MM-DD');
  if (lang !== 'zh' && lang !== 'en') throw new TypeError('supervisionBulletin: options.lang must be "zh" or "en"');
  await initImport();
  try {
    return producer().supervisionBulletin(JSON.stringify(report), kind, periodEnd, lang);
  } catch (e) {
    rethrow(e);
  }
}
