/**
 * Every error the Qinglian API throws on purpose. `code` is stable: one of the verifier's problem
 * codes (`FLOAT_NUMBER`, `DUPLICATE_KEY`, ...) or an API code (`NOT_INITIALIZED`).
 */
export class QinglianError extends Error {
  constructor(code: string, message: string, details?: Record<string, unknown>);
  readonly name: 'QinglianError';
  readonly code: QinglianErrorCode | (string & {});
  /** JSON path of the offending value (`$.a[2]`), when the problem has one. */
  readonly path?: string;
}

/** Codes thrown by the functions of this package so far. */
export type QinglianErrorCode =
  | 'NOT_INITIALIZED'
  | 'INVALID_UTF8'
  | 'BYTE_ORDER_MARK'
  | 'JSON_SYNTAX'
  | 'DUPLICATE_KEY'
  | 'FLOAT_NUMBER'
  | 'INTEGER_OUT_OF_RANGE'
  | 'DEPTH_EXCEEDED'
  | 'NOT_CANONICAL';

/** Version of the Qinglian core compiled into the WebAssembly module. */
export function version(): string;

/**
 * RFC 8785 (JCS) canonical form of `json` under the Qinglian profile: integers only within
 * ±(2^53−1), no duplicate keys. Throws {@link QinglianError} on input outside the profile.
 */
export function canonicalize(json: string): string;

// Verification API: declarations go here with the functions in api.js.
