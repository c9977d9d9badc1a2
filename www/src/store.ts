// What the page remembers between visits, in IndexedDB: the pinned trust root and the log heads it
// has verified before (docs/decisions.md §5). Nothing leaves the browser.
import type { KnownHead } from './types.js';

export interface PinnedRoot {
  /** The root document exactly as loaded (one canonical line). */
  text: string;
  federation: string;
  version: number;
  fingerprint: string;
  pinned: string;
}

export interface HeadRecord extends KnownHead {
  federation: string;
  verified: string;
  bundle: string;
}

const DB = 'qinglian';
// v3 adds 'keys' (a department key kept as a non-extractable CryptoKey); earlier stores are kept.
const VERSION = 3;
let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  if (opening) return opening;
  opening = new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('root')) db.createObjectStore('root');
      if (!db.objectStoreNames.contains('heads')) db.createObjectStore('heads', { keyPath: ['federation', 'log'] });
      // v2: the lines this browser signed (a department session), kept until exported and beyond.
      if (!db.objectStoreNames.contains('mine')) db.createObjectStore('mine', { keyPath: 'federation' });
      // v3: department keys kept in this browser, as non-extractable WebCrypto keys (one per log).
      if (!db.objectStoreNames.contains('keys')) db.createObjectStore('keys', { keyPath: 'log' });
    };
    req.onsuccess = () => {
      const db = req.result;
      // A newer page in another tab upgrades the database: let it, and open again when next needed.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    req.onerror = () => {
      opening = null;
      reject(req.error ?? new Error('IndexedDB unavailable'));
    };
  });
  return opening;
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

async function tx(stores: string[], mode: IDBTransactionMode): Promise<IDBTransaction> {
  return (await open()).transaction(stores, mode);
}

export async function getPinnedRoot(): Promise<PinnedRoot | null> {
  try {
    const t = await tx(['root'], 'readonly');
    return ((await done(t.objectStore('root').get('pinned'))) as PinnedRoot | undefined) ?? null;
  } catch {
    return null;
  }
}

export async function pinRoot(root: PinnedRoot): Promise<void> {
  const t = await tx(['root'], 'readwrite');
  await done(t.objectStore('root').put(root, 'pinned'));
}

export async function unpinRoot(): Promise<void> {
  const t = await tx(['root', 'heads'], 'readwrite');
  await done(t.objectStore('root').delete('pinned'));
}

export async function knownHeads(federation: string): Promise<HeadRecord[]> {
  try {
    const t = await tx(['heads'], 'readonly');
    const all = (await done(t.objectStore('heads').getAll())) as HeadRecord[];
    return all.filter((h) => h.federation === federation);
  } catch {
    return [];
  }
}

/** Remember heads after a verification; a head only moves forward (the core judges rewrites). */
export async function rememberHeads(heads: HeadRecord[]): Promise<void> {
  const t = await tx(['heads'], 'readwrite');
  const store = t.objectStore('heads');
  for (const h of heads) {
    const old = (await done(store.get([h.federation, h.log]))) as HeadRecord | undefined;
    if (!old || h.seq > old.seq) await done(store.put(h));
  }
}

export async function forgetHeads(federation: string): Promise<void> {
  const t = await tx(['heads'], 'readwrite');
  const store = t.objectStore('heads');
  for (const h of (await done(store.getAll())) as HeadRecord[]) {
    if (h.federation === federation) await done(store.delete([h.federation, h.log]));
  }
}

/** A line this browser signed into a department log (never the key: only the signed statement). */
export interface MyLine {
  log: string;
  id: string;
  line: string;
  kind: string;
  /** Written into a segment the user downloaded ("my new lines since my last export"). */
  exported: boolean;
}

export async function myLines(federation: string): Promise<MyLine[]> {
  try {
    const t = await tx(['mine'], 'readonly');
    const r = (await done(t.objectStore('mine').get(federation))) as { federation: string; lines: MyLine[] } | undefined;
    return r?.lines ?? [];
  } catch {
    return [];
  }
}

export async function saveMyLines(federation: string, lines: MyLine[]): Promise<void> {
  try {
    const t = await tx(['mine'], 'readwrite');
    await done(t.objectStore('mine').put({ federation, lines }));
  } catch {
    // IndexedDB unavailable: the lines stay in memory for this visit
  }
}

/**
 * A department key kept in this browser: a non-extractable WebCrypto Ed25519 key (the seed is not
 * stored and cannot be read back), with what the page needs to continue the log without the key file.
 */
export interface KeptKey {
  log: string;
  department: string;
  publicKey: string;
  keyId: string;
  key: CryptoKey;
  federation: string;
  saved: string;
}

export async function keptKeys(): Promise<KeptKey[]> {
  try {
    const t = await tx(['keys'], 'readonly');
    return (await done(t.objectStore('keys').getAll())) as KeptKey[];
  } catch {
    return [];
  }
}

export async function keepKey(k: KeptKey): Promise<void> {
  const t = await tx(['keys'], 'readwrite');
  await done(t.objectStore('keys').put(k));
}

export async function forgetKey(log: string): Promise<void> {
  const t = await tx(['keys'], 'readwrite');
  await done(t.objectStore('keys').delete(log));
}
