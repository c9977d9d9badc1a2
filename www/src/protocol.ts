// Messages between the page and its verification worker.
import type { CheckMeta, KnownHead, ParsedRoot, Report, Vocabulary } from './types.js';

export type ToWorker =
  /** `ports`: one channel to each signature worker the page started (none on one core). */
  | { type: 'init'; wasm: ArrayBuffer | string; ports: MessagePort[] }
  /** A signature worker failed: its jobs, and all later ones, are verified by the verifier. */
  | { type: 'signatureWorkerFailed' }
  | { type: 'parseRoot'; id: number; text: string }
  | { type: 'successor'; id: number; older: string; newer: string }
  /** `inputs`: the main bundle first, then segments (verified together as one, same report). */
  | { type: 'verify'; id: number; inputs: { blob: Blob; name: string }[]; root: string; knownHeads: KnownHead[] };

/**
 * The page starts signature workers from the verification worker's own script (same file, other
 * role) and gives each a port to the verification worker; jobs and verdicts then travel between
 * the package's portSignaturePool() and serveSignatureJobs() on that port.
 */
export type ToSignatureWorker = { type: 'signatures'; wasm: ArrayBuffer | string; port: MessagePort };

export type FromWorker =
  | { type: 'ready'; version: string; catalogue: CheckMeta[]; vocabulary: Vocabulary }
  | { type: 'fail'; id: number | null; code: string; message: string }
  | { type: 'root'; id: number; root: ParsedRoot }
  | { type: 'successor'; id: number; ok: boolean; code?: string; message?: string }
  | { type: 'progress'; id: number; phase: 'read' | 'finish'; bytes: number; total: number; lines: number; statements: number; elapsed: number }
  | { type: 'done'; id: number; report: Report; sha256: string; elapsed: number; roots: { text: string; root: ParsedRoot }[]; signatureWorkers: number };
