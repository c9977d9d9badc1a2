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
  /** Who signs: WebCrypto Ed25519 with a non-extractable key, or the wasm LogWriter with the seed in memory. */
  signer: 'webcrypto' | 'wasm';
  /** The key is kept in this browser (IndexedDB, non-extractable) and offered again after a reload. */
  kept: boolean;
  /** Why keeping the key was asked for but not done: no WebCrypto Ed25519 here, or IndexedDB refused it. */
  note: 'no-webcrypto' | 'not-stored' | null;
}

let loading: Promise<void> | null = null;
let writer: Writer | null = null;
/** With an external writer: the non-extractable key that signs what the writer prepares. */
let cryptoKey: CryptoKey | null = null;
let rootInUse = '';
let session: Session | null = null;
let federation = '';
let lines: store.MyLine[] = [];
/** One signature at a time: an external writer allows one prepare() outstanding. */
let queue: Promise<unknown> = Promise.resolve();

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

/** The core's answer to what this key may sign under the root, checked against the chosen log. */
function rightsFor(rootText: string, publicKey: string, log: string): { department: string; kinds: string[] } {
  if (typeof ql.signingRights !== 'function') throw new SessionError('NOT_AVAILABLE', 'signingRights() is not in this core (rebuild pkg/)');
  // The core says which department and kinds the root in force gives this key (KEY_UNKNOWN otherwise).
  const rights = ql.signingRights(rootText, publicKey);
  const dept = log.split('/')[0] ?? '';
  if (rights.department !== dept) throw new SessionError('KEY_WRONG_DEPARTMENT', `key of ${rights.department}, log ${log}`);
  if (!SUPERVISION_KINDS.some((k) => rights.kinds.includes(k))) throw new SessionError('KIND_NOT_AUTHORIZED', `${rights.department}: ${SUPERVISION_KINDS.join(', ')}`);
  return rights;
}

/** PKCS#8 of an Ed25519 seed (RFC 8410): the fixed prefix, then the 32 seed bytes. */
const PKCS8_PREFIX = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];

/** The seed as a non-extractable WebCrypto Ed25519 signing key, or null where the browser has none. */
async function importSeed(seed: Uint8Array): Promise<CryptoKey | null> {
  if (seed.length !== 32 || !globalThis.crypto?.subtle) return null;
  const der = new Uint8Array(PKCS8_PREFIX.length + 32);
  der.set(PKCS8_PREFIX);
  der.set(seed, PKCS8_PREFIX.length);
  try {
    return await crypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, false, ['sign']);
  } catch {
    return null;
  } finally {
    der.fill(0);
  }
}

function externalAvailable(): boolean {
  return typeof (ql.LogWriter as { external?: unknown }).external === 'function';
}

function install(w: Writer, key: CryptoKey | null, rootText: string, s: Session): Session {
  signOut();
  writer = w;
  cryptoKey = key;
  rootInUse = rootText;
  session = s;
  return s;
}

/**
 * Open a department session. `log` defaults to `<department>/main`. The head is the report's for
 * that log (the lines verified, including those signed here), or the log file's when one is given.
 * With `keep`, the seed becomes a non-extractable WebCrypto key kept in this browser (IndexedDB) and
 * is wiped; where WebCrypto Ed25519 is missing, the wasm writer signs with the seed in memory.
 */
export async function signIn(o: { key: Uint8Array; passphrase: string; log: string; rootText: string; report: Report; logFile: Uint8Array | null; keep?: boolean }): Promise<Session> {
  try {
    await ready();
    const key = await ql.openKeyFile(o.key, { passphrase: o.passphrase || undefined, ...(o.log ? { log: o.log } : {}) });
    try {
      const log = o.log || `${key.department}/main`;
      const rights = rightsFor(o.rootText, key.publicKey, log);
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
      const base = { department: rights.department, log, kinds: rights.kinds, keyId: w.keyId, publicKey: key.publicKey, headFrom };
      if (!o.keep) return install(w, null, o.rootText, { ...base, signer: 'wasm', kept: false, note: null });
      const ck = externalAvailable() ? await importSeed(key.seed) : null;
      if (!ck) return install(w, null, o.rootText, { ...base, signer: 'wasm', kept: false, note: 'no-webcrypto' });
      // The browser signs from now on: the writer continues at the same head without the secret.
      const head = w.head === null ? null : { seq: w.seq, head: w.head };
      let ext: Writer;
      try {
        ext = ql.LogWriter.external(log, key.publicKey, head);
        ext.requireRoot(o.rootText);
      } finally {
        w.free();
      }
      let kept = true;
      try {
        await store.keepKey({ log, department: rights.department, publicKey: key.publicKey, keyId: ext.keyId, key: ck, federation: o.report.root?.federation ?? federation, saved: nowCst() });
      } catch {
        kept = false;
      }
      return install(ext, ck, o.rootText, { ...base, keyId: ext.keyId, signer: 'webcrypto', kept, note: kept ? null : 'not-stored' });
    } finally {
      key.seed.fill(0);
    }
  } catch (e) {
    throw codeOf(e);
  }
}

/** The department keys kept in this browser (non-extractable), for "continue as …". */
export function keptKeys(): Promise<store.KeptKey[]> {
  return store.keptKeys();
}

/**
 * Continue as a department whose key is kept in this browser, without the key file: the same checks
 * as a sign-in (the root in force must still give this key the department and kinds), the head from
 * the verified report (which includes the lines signed here), or a new log.
 */
export async function resume(k: store.KeptKey, rootText: string, report: Report): Promise<Session> {
  try {
    await ready();
    if (!(k.key instanceof CryptoKey)) throw new SessionError('KEY_STORE_INVALID', 'the kept key is not a CryptoKey');
    if (!externalAvailable()) throw new SessionError('NOT_AVAILABLE', 'LogWriter.external() is not in this core (rebuild pkg/)');
    const rights = rightsFor(rootText, k.publicKey, k.log);
    if (rights.department !== k.department) throw new SessionError('KEY_WRONG_DEPARTMENT', `key of ${rights.department}, kept for ${k.department}`);
    const entry = report.logs.find((l) => l.log === k.log);
    const w = ql.LogWriter.external(k.log, k.publicKey, entry ? { seq: entry.last_seq, head: entry.head } : null);
    try {
      w.requireRoot(rootText);
    } catch (e) {
      w.free();
      throw e;
    }
    return install(w, k.key, rootText, { department: rights.department, log: k.log, kinds: rights.kinds, keyId: w.keyId, publicKey: k.publicKey, headFrom: entry ? 'report' : 'new', signer: 'webcrypto', kept: true, note: null });
  } catch (e) {
    throw codeOf(e);
  }
}

/** Delete a kept key from this browser; a session signing with it ends. */
export async function forgetKey(log: string): Promise<void> {
  if (session?.kept && session.log === log) signOut();
  await store.forgetKey(log);
}

export function signOut(): void {
  writer?.free();
  writer = null;
  cryptoKey = null;
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
 * writer: signing would fork the department's own log. With a kept key the core prepares the bytes,
 * WebCrypto signs them, and the core checks the signature before the head advances.
 */
export function sign(draft: ql.RecordDraft, report: Report): Promise<ql.Signed> {
  const run = queue.then(() => signNow(draft, report));
  queue = run.catch(() => undefined);
  return run;
}

async function signNow(draft: ql.RecordDraft, report: Report): Promise<ql.Signed> {
  const w = writer;
  const s = session;
  const key = cryptoKey;
  if (!w || !s) throw new SessionError('NO_SESSION', 'no department key is open');
  try {
    if (typeof w.assertCurrent !== 'function') throw new SessionError('NOT_AVAILABLE', 'LogWriter.assertCurrent() is not in this core (rebuild pkg/)');
    w.assertCurrent(headsOf(report));
    let signed: ql.Signed;
    if (key) {
      const { bytes } = w.prepare(draft);
      try {
        const sig = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key, bytes as Uint8Array<ArrayBuffer>));
        if (writer !== w) throw new SessionError('NO_SESSION', 'signed out while signing');
        signed = w.complete(sig);
      } catch (e) {
        // Nothing was signed: a fresh writer at the same head, so no prepare() is left outstanding.
        if (writer === w) {
          try {
            const fresh = ql.LogWriter.external(w.log, s.publicKey, w.head === null ? null : { seq: w.seq, head: w.head });
            fresh.requireRoot(rootInUse);
            w.free();
            writer = fresh;
          } catch {
            signOut();
          }
        }
        throw e;
      }
    } else {
      signed = w.append(draft);
    }
    lines.push({ log: s.log, id: signed.id, line: signed.line, kind: draft.kind, exported: false });
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
