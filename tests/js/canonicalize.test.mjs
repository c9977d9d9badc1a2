// canonicalize(): RFC 8785 output identical to the reference implementation (npm "canonicalize") on
// generated integer-only JSON, and profile violations rejected with a QinglianError carrying a code.
// Runs in Node (node --test) and, unchanged, in headless Chromium (scripts/test-browser.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import referenceCanonicalize from 'canonicalize';
import { canonicalize, version, QinglianError } from 'qinglian';
import { generator } from './gen.mjs';
import { testSeed } from './helpers.mjs';

const seed = testSeed();

function rejects(input, code) {
  assert.throws(
    () => canonicalize(input),
    (e) => {
      assert.ok(e instanceof Error, 'an Error');
      assert.ok(e instanceof QinglianError, 'a QinglianError');
      assert.equal(e.name, 'QinglianError');
      assert.equal(e.code, code, `code for ${JSON.stringify(input).slice(0, 80)}: ${e.message}`);
      assert.equal(typeof e.message, 'string');
      assert.ok(e.message.length > 0);
      return true;
    },
  );
}

test('version() is a semver string', () => {
  assert.match(version(), /^\d+\.\d+\.\d+/);
});

test(`matches npm canonicalize on 400 generated objects (seed ${seed})`, () => {
  const g = generator(seed);
  for (let i = 0; i < 400; i++) {
    const value = g.object(0);
    const input = g.text(value);
    const expected = referenceCanonicalize(value);
    let actual;
    try {
      actual = canonicalize(input);
    } catch (e) {
      assert.fail(`case ${i} (seed ${seed}) threw ${e.code}: ${e.message}\ninput: ${input}`);
    }
    assert.equal(actual, expected, `case ${i} (seed ${seed})\ninput: ${input}`);
    // Canonical output is a fixed point.
    assert.equal(canonicalize(actual), actual, `case ${i}: not idempotent`);
  }
});

test('sorts keys by UTF-16 code units, not code points', () => {
  // U+FFFF sorts after U+1F600 (D83D DE00) in UTF-16 order, before it in code-point order.
  const value = { '\uffff': 1, '😀': 2, a: 3, '': 4, 'é': 5, '\u007f': 6 };
  const input = '{"\\uffff":1,"😀":2,"a":3,"":4,"é":5,"\\u007f":6}';
  assert.equal(canonicalize(input), referenceCanonicalize(value));
  assert.equal(canonicalize(input), '{"":4,"a":3,"\u007f":6,"é":5,"😀":2,"\uffff":1}');
});

test('escapes exactly like JSON.stringify (ECMAScript / JCS)', () => {
  const s = '"\\/\b\f\n\r\t\u0000\u001f\u007f\u2028\u2029清廉😀';
  assert.equal(canonicalize(JSON.stringify({ s })), JSON.stringify({ s }));
  assert.equal(canonicalize('"\\u00e9\\/\\uD83D\\uDE00"'), '"é/😀"');
});

test('accepts integers up to ±(2^53−1)', () => {
  assert.equal(canonicalize('[9007199254740991, -9007199254740991, 0]'), '[9007199254740991,-9007199254740991,0]');
});

test('rejects non-integer numbers with FLOAT_NUMBER', () => {
  for (const input of ['1.5', '{"a":1.0}', '[1e2]', '{"a":{"b":[0,-2.5e-3]}}', '1E+2', '0.0']) {
    rejects(input, 'FLOAT_NUMBER');
  }
});

test('reports the JSON path of the offending value', () => {
  try {
    canonicalize('{"a":[0,{"b":1.5}]}');
    assert.fail('did not throw');
  } catch (e) {
    assert.equal(e.code, 'FLOAT_NUMBER');
    assert.equal(typeof e.path, 'string');
    assert.match(e.path, /^\$/);
  }
});

test('rejects duplicate keys with DUPLICATE_KEY', () => {
  for (const input of ['{"a":1,"a":1}', '{"a":1,"b":2,"a":3}', '[{"x":{"k":1,"k":2}}]', '{"\\u0061":1,"a":2}']) {
    rejects(input, 'DUPLICATE_KEY');
  }
});

test('rejects integers beyond ±(2^53−1) with INTEGER_OUT_OF_RANGE', () => {
  for (const input of ['9007199254740992', '[-9007199254740992]', '{"fen":18446744073709551616}']) {
    rejects(input, 'INTEGER_OUT_OF_RANGE');
  }
});

test('rejects malformed JSON with JSON_SYNTAX', () => {
  for (const input of ['', '{', '{"a":1,}', '[1,]', "{'a':1}", '{"a":1} x', '"\\ud800"', 'NaN', '01']) {
    rejects(input, 'JSON_SYNTAX');
  }
});

test('rejects a leading byte-order mark with BYTE_ORDER_MARK', () => {
  rejects('\ufeff{}', 'BYTE_ORDER_MARK');
});

test('rejects deep nesting with DEPTH_EXCEEDED', () => {
  rejects('['.repeat(10000) + ']'.repeat(10000), 'DEPTH_EXCEEDED');
});

test(`rejects generated objects with a float or a duplicate key planted (seed ${seed})`, () => {
  const g = generator(seed ^ 0x9e3779b9);
  for (let i = 0; i < 100; i++) {
    const body = g.text(g.object(0));
    if (i % 2) {
      rejects(`{"a":${body},"b":[0,${g.rng.int(-1000, 1000)}.5]}`, 'FLOAT_NUMBER');
    } else {
      rejects(`{"k":${body},"k":0}`, 'DUPLICATE_KEY');
    }
  }
});

test('throws TypeError for a non-string argument (API misuse)', () => {
  assert.throws(() => canonicalize(/** @type {any} */ ({ a: 1 })), TypeError);
});
