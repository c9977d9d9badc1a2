/**
 * Every error the Qinglian API throws on purpose. `code` is a stable string: the verifier's problem
 * codes (FLOAT_NUMBER, DUPLICATE_KEY, ...) or an API code (NOT_INITIALIZED). Extra fields such as
 * `path` (the JSON path of the problem) are copied onto the error when known.
 */
export class QinglianError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {Record<string, unknown>} [details]
   */
  constructor(code, message, details) {
    super(message);
    this.name = 'QinglianError';
    this.code = code;
    if (details) Object.assign(this, details);
  }
}

/**
 * The wasm module throws plain `Error`s named QinglianError with a `code`; turn them into instances
 * of the class above so `instanceof QinglianError` works. Anything else (a bug, a trap) is rethrown.
 */
export function rethrow(e) {
  if (e instanceof Error && e.name === 'QinglianError' && typeof e.code === 'string' && !(e instanceof QinglianError)) {
    const { code, ...details } = e;
    throw new QinglianError(code, e.message, details);
  }
  throw e;
}
