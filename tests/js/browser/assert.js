// A minimal stand-in for `node:assert/strict` in the browser: ok, equal, notEqual, deepEqual,
// notDeepEqual (and their *Strict* names), match, doesNotMatch, throws, doesNotThrow, rejects,
// fail. Comparisons are strict (Object.is, structural for objects), as in node:assert/strict.

export class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
    this.code = 'ERR_ASSERTION';
  }
}

const show = (v) => {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : typeof v === 'bigint' ? `${v}n` : JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

function fail(message = 'Failed') {
  throw message instanceof Error ? message : new AssertionError(message);
}

function ok(value, message) {
  if (!value) fail(message ?? `expected a truthy value, got ${show(value)}`);
}

function equal(actual, expected, message) {
  if (!Object.is(actual, expected)) fail(message ?? `expected ${show(actual)} to equal ${show(expected)}`);
}

function notEqual(actual, expected, message) {
  if (Object.is(actual, expected)) fail(message ?? `expected ${show(actual)} not to equal ${show(expected)}`);
}

function isDeepEqual(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof RegExp) return String(a) === String(b);
  if (ArrayBuffer.isView(a)) {
    if (a.byteLength !== b.byteLength) return false;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    return x.every((v, i) => v === y[i]);
  }
  if (a instanceof Map || a instanceof Set) {
    if (a.size !== b.size) return false;
    return isDeepEqual([...a], [...b]);
  }
  const ka = Reflect.ownKeys(a).filter((k) => Object.prototype.propertyIsEnumerable.call(a, k));
  const kb = Reflect.ownKeys(b).filter((k) => Object.prototype.propertyIsEnumerable.call(b, k));
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && isDeepEqual(a[k], b[k]));
}

function deepEqual(actual, expected, message) {
  if (!isDeepEqual(actual, expected)) fail(message ?? `expected ${show(actual)} to deep-equal ${show(expected)}`);
}

function notDeepEqual(actual, expected, message) {
  if (isDeepEqual(actual, expected)) fail(message ?? `expected ${show(actual)} not to deep-equal ${show(expected)}`);
}

function match(string, regexp, message) {
  if (typeof string !== 'string' || !regexp.test(string)) fail(message ?? `expected ${show(string)} to match ${regexp}`);
}

function doesNotMatch(string, regexp, message) {
  if (typeof string !== 'string' || regexp.test(string)) fail(message ?? `expected ${show(string)} not to match ${regexp}`);
}

function checkError(error, expected, message) {
  if (expected === undefined) return;
  if (typeof expected === 'function') {
    if (expected === Error || expected.prototype instanceof Error) {
      if (!(error instanceof expected)) fail(message ?? `expected a ${expected.name}, got ${error?.name}: ${error?.message}`);
      return;
    }
    if (expected.call(undefined, error) !== true) fail(message ?? `the validation function did not return true for ${error}`);
    return;
  }
  if (expected instanceof RegExp) {
    if (!expected.test(String(error))) fail(message ?? `expected the error to match ${expected}, got ${error}`);
    return;
  }
  if (typeof expected === 'object' && expected !== null) {
    for (const [k, v] of Object.entries(expected)) {
      const ok = v instanceof RegExp && typeof error?.[k] === 'string' ? v.test(error[k]) : isDeepEqual(error?.[k], v);
      if (!ok) fail(message ?? `expected error.${k} to be ${show(v)}, got ${show(error?.[k])}`);
    }
  }
}

function throws(fn, expected, message) {
  if (typeof expected === 'string') [expected, message] = [undefined, expected];
  try {
    fn();
  } catch (e) {
    checkError(e, expected, message);
    return;
  }
  fail(message ?? 'Missing expected exception.');
}

function doesNotThrow(fn, message) {
  try {
    fn();
  } catch (e) {
    fail(`${message ?? 'Got unwanted exception'}: ${e}`);
  }
}

async function rejects(promiseOrFn, expected, message) {
  if (typeof expected === 'string') [expected, message] = [undefined, expected];
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (e) {
    checkError(e, expected, message);
    return;
  }
  fail(message ?? 'Missing expected rejection.');
}

function assert(value, message) {
  ok(value, message);
}

Object.assign(assert, {
  AssertionError,
  ok,
  fail,
  equal,
  strictEqual: equal,
  notEqual,
  notStrictEqual: notEqual,
  deepEqual,
  deepStrictEqual: deepEqual,
  notDeepEqual,
  notDeepStrictEqual: notDeepEqual,
  match,
  doesNotMatch,
  throws,
  doesNotThrow,
  rejects,
});
assert.strict = assert;

export default assert;
export {
  ok,
  fail,
  equal,
  equal as strictEqual,
  notEqual,
  notEqual as notStrictEqual,
  deepEqual,
  deepEqual as deepStrictEqual,
  notDeepEqual,
  notDeepEqual as notDeepStrictEqual,
  match,
  doesNotMatch,
  throws,
  doesNotThrow,
  rejects,
};
