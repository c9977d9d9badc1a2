// "qinglian/slim" init() from a Response (what fetch() returns), and concurrent init() calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, canonicalize } from 'qinglian/slim';
import { readBytes, wasmUrl } from './helpers.mjs';

test('init(Promise<Response>) loads the module; concurrent calls share one load', async () => {
  const bytes = await readBytes(wasmUrl);
  const response = () => new Response(bytes, { headers: { 'content-type': 'application/wasm' } });
  await Promise.all([init(Promise.resolve(response())), init(response())]);
  assert.equal(canonicalize('[{"b":2,"a":1}]'), '[{"a":1,"b":2}]');
});
