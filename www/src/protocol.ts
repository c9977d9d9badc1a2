// Messages between the page and its verification worker.
import type { CheckMeta, KnownHead, Report, RootSummary } from './types.js';

export interface ParsedRoot extends RootSummary {
  threshold: number;
  time: string;
}

export type ToWorker =
  | { type: 'init'; wasm: ArrayBuffer | string }
  | { type: 'parseRoot'; id: number; text: string }
  | { type: 'successor'; id: number; older: string; newer: string }
  | { type: 'verify'; id: number; blob: Blob; root: string; knownHeads: KnownHead[]; name: string };

/** The verification worker starts signature workers from its own script (same file, other role). */
export type ToSignatureWorker =
  | { type: 'signatures'; wasm: ArrayBuffer | string }
  | { type: 'job'; job: SignatureJobMessage };
export interface SignatureJobMessage {
  id: number;
  publicKey: Uint8Array;
  messages: Uint8Array;
  ends: Uint32Array;
  signatures: Uint8Array;
}
export type FromSignatureWorker = { type: 'verdicts'; id: number; verdicts: Uint8Array } | { type: 'error'; id: number; message: string };

export type FromWorker =
  | { type: 'ready'; version: string; api: string[]; catalogue: CheckMeta[] }
  | { type: 'fail'; id: number | null; code: string; message: string }
  | { type: 'root'; id: number; root: ParsedRoot }
  | { type: 'successor'; id: number; ok: boolean; code?: string; message?: string }
  | { type: 'progress'; id: number; phase: 'read' | 'finish'; bytes: number; total: number; lines: number; statements: number; elapsed: number }
  | { type: 'done'; id: number; report: Report; sha256: string; elapsed: number; roots: { text: string; root: ParsedRoot }[]; signatureWorkers: number };
