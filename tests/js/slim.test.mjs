// "qinglian/slim": nothing is loaded until init(); init() takes the module's bytes.
// (Each test file runs in its own process in Node and its own page in the browser, so the module
// state here is fresh; URL and Response inputs are covered by slim-url and slim-response.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, initSync, canonicalize, version, QinglianError } from 'qinglian/slim';
import { readBytes, wasmUrl } from './helpers.mjs';

test('API calls before init() throw NOT_INITIALIZED', () => {
  for (const call of [() => version(), () => canonicalize('{}')]) {
    assert.throws(call, (e) => e instanceof QinglianError && e.code === 'NOT_INITIALIZED');
  }
});

test('init() rejects a missing or unsupported input with TypeError', async () => {
  await assert.rejects(() => init(/** @type {any} */ (undefined)), TypeError);
  await assert.rejects(() => init(/** @type {any} */ (42)), TypeError);
  assert.throws(() => initSync(/** @type {any} */ ('not bytes')), TypeError);
});

test('init(bytes) loads the module; a second init is a no-op', async () => {
  const bytes = await readBytes(wasmUrl);
  await init(bytes);
  assert.equal(canonicalize('{"b":1,"a":[true,null]}'), '{"a":[true,null],"b":1}');
  await init(bytes);
  initSync(bytes);
  assert.match(version(), /^\d+\.\d+\.\d+/);
});
