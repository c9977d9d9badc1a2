// A department session in the page (issue 17): a key file opened in memory (never stored), the
// core's answer to what that key may sign (signingRights), a LogWriter continuing the department's
// log from the head of the verified report (or the department's own log file), and the lines signed
// here. Every rule (who may sign what, the record schemas, stale heads, the chain) is the core's: this
// module only carries drafts to the writer and lines to the verifier.
import * as ql from 'qinglian/slim';
import { importWasmSource, wasmSource } from './client.js';
import type { KnownHead, Report } from './types.js';
import * as store from './store.js';

type Writer = ql.LogWriter;

/** The kinds of the supervision workflow: a session needs the root to give the key at least one. */
export const SUPERVISION_KINDS = ['problem', 'rectification', 'rectification_review', 'supervision_task'];

/** An error with a code the page shows as `CODE: message` (the core's codes, or the page's own). */
export class SessionError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Session {
  department: string;
  log: string;
  kinds: string[];
  keyId: string;
  publicKey: string;
  /** Where the head came from: the verified report, the department's log file, or a new log. */
  headFrom: 'report' | 'file' | 'new';
}

let loading: Promise<void> | null = null;
let writer: Writer | null = null;
let session: Session | null = null;
let federation = '';
let lines: store.MyLine[] = [];

export function current(): Session | null {
  return session;
}

export function writerSeq(): number | null {
  return writer ? writer.seq : null;
}

/** Load the producer module in this page (signing, key files, roots); verification stays in the worker. */
export async function ready(): Promise<void> {
  // openKeyFile still checks the verifier is loaded: load both (the verifier's wasm is cached).
  await (loading ??= Promise.all([ql.init(wasmSource()), ql.initProducer(importWasmSource())]).then(() => undefined).catch((e: unknown) => {
    loading = null;
    throw e;
  }));
}

function codeOf(e: unknown): SessionError {
  if (e instanceof SessionError) return e;
  const x = e as { code?: unknown; message?: unknown };
  return new SessionError(typeof x?.code === 'string' ? x.code : 'INTERNAL', String(x?.message ?? e));
}

/**
 * Open a department session. `log` defaults to `<department>/main`. The head is the report's for
 * that log (the lines verified, including those signed here), or the log file's when one is given.
 */
export async function signIn(o: { key: Uint8Array; passphrase: string; log: string; rootText: string; report: Report; logFile: Uint8Array | null }): Promise<Session> {
  try {
    await ready();
    const key = await ql.openKeyFile(o.key, { passphrase: o.passphrase || undefined, ...(o.log ? { log: o.log } : {}) });
    try {
      if (typeof ql.signingRights !== 'function') throw new SessionError('NOT_AVAILABLE', 'signingRights() is not in this core (rebuild pkg/)');
      // The core says which department and kinds the root in force gives this key (KEY_UNKNOWN otherwise).
      const rights = ql.signingRights(o.rootText, key.publicKey);
      const log = o.log || `${key.department}/main`;
      const dept = log.split('/')[0] ?? '';
      if (rights.department !== dept) throw new SessionError('KEY_WRONG_DEPARTMENT', `key of ${rights.department}, log ${log}`);
      if (!SUPERVISION_KINDS.some((k) => rights.kinds.includes(k))) throw new SessionError('KIND_NOT_AUTHORIZED', `${rights.department}: ${SUPERVISION_KINDS.join(', ')}`);
      const entry = o.report.logs.find((l) => l.log === log);
      let w: Writer;
      let headFrom: Session['headFrom'];
      if (o.logFile) {
        w = ql.LogWriter.fromLog(log, key.seed, o.logFile);
        headFrom = 'file';
      } else if (entry) {
        w = new ql.LogWriter(log, key.seed, { seq: entry.last_seq, head: entry.head });
        headFrom = 'report';
      } else {
        w = new ql.LogWriter(log, key.seed, null);
        headFrom = 'new';
      }
      // From now on the writer itself refuses what the root would not authorise (KIND_NOT_AUTHORIZED…).
      if (typeof w.requireRoot === 'function') w.requireRoot(o.rootText);
      signOut();
      writer = w;
      session = { department: rights.department, log, kinds: rights.kinds, keyId: w.keyId, publicKey: key.publicKey, headFrom };
      return session;
    } finally {
      key.seed.fill(0);
    }
  } catch (e) {
    throw codeOf(e);
  }
}

export function signOut(): void {
  writer?.free();
  writer = null;
  session = null;
}

/** May the session sign `kind`? (the core's signingRights answer, kept from sign-in) */
export function may(kind: string): boolean {
  return !!session?.kinds.includes(kind);
}

/** The heads of the latest verified report, as the writer compares them. */
export function headsOf(report: Report): KnownHead[] {
  return report.logs.map((l) => ({ log: l.log, seq: l.last_seq, head: l.head }));
}

/**
 * Sign one record. Refused (HEAD_STALE) by the core when the latest report shows this log beyond the
 * writer: signing would fork the department's own log.
 */
export async function sign(draft: ql.RecordDraft, report: Report): Promise<ql.Signed> {
  if (!writer || !session) throw new SessionError('NO_SESSION', 'no department key is open');
  try {
    if (typeof writer.assertCurrent !== 'function') throw new SessionError('NOT_AVAILABLE', 'LogWriter.assertCurrent() is not in this core (rebuild pkg/)');
    writer.assertCurrent(headsOf(report));
    const signed = writer.append(draft);
    lines.push({ log: session.log, id: signed.id, line: signed.line, kind: draft.kind, exported: false });
    await store.saveMyLines(federation, lines);
    return signed;
  } catch (e) {
    throw codeOf(e);
  }
}

/** The lines signed in this browser for `fed` (restored from IndexedDB). */
export async function load(fed: string): Promise<store.MyLine[]> {
  if (fed !== federation) {
    federation = fed;
    lines = await store.myLines(fed);
  }
  return lines;
}

export function mine(): store.MyLine[] {
  return lines;
}

export function unexported(): store.MyLine[] {
  return lines.filter((l) => !l.exported);
}

/** Now as RFC 3339 at +08:00 (China Standard Time), as the CLI writes record times. */
export function nowCst(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}

/** Today in China Standard Time (YYYY-MM-DD), plus `days`. */
export function todayCst(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A segment: a bundle of the given lines (header + lines), for verification or to send. */
export async function segment(ls: store.MyLine[], description: string): Promise<Uint8Array> {
  await ready();
  return ql.exportBundle({ federation, created: nowCst(), lines: [ls.map((l) => l.line).join('\n')], description });
}

/** "My new lines since my last export": the segment to send, and they count as exported. */
export async function exportNew(description: string): Promise<{ bytes: Uint8Array; n: number } | null> {
  const ls = unexported();
  if (!ls.length) return null;
  const bytes = await segment(ls, description);
  for (const l of ls) l.exported = true;
  await store.saveMyLines(federation, lines);
  return { bytes, n: ls.length };
}

/** Forget the lines signed here (after they were exported, or to start again). */
export async function forget(): Promise<void> {
  lines = [];
  await store.saveMyLines(federation, lines);
}
