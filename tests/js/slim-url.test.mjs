// "qinglian/slim" init() from a URL: file: in Node (read with node:fs), http: in the browser (fetched).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init, canonicalize } from 'qinglian/slim';
import { wasmUrl } from './helpers.mjs';

test(`init(URL) loads the module`, async () => {
  await init(wasmUrl);
  assert.equal(canonicalize('{"z":0,"y":"清"}'), '{"y":"清","z":0}');
});
