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

export type FromWorker =
  | { type: 'ready'; version: string; api: string[]; catalogue: CheckMeta[] }
  | { type: 'fail'; id: number | null; code: string; message: string }
  | { type: 'root'; id: number; root: ParsedRoot }
  | { type: 'successor'; id: number; ok: boolean; code?: string; message?: string }
  | { type: 'progress'; id: number; phase: 'read' | 'finish'; bytes: number; total: number; lines: number; statements: number; elapsed: number }
  | { type: 'done'; id: number; report: Report; sha256: string; elapsed: number; roots: { text: string; root: ParsedRoot }[] };
