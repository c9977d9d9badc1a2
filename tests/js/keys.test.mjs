// Key files in JS: openKeyFile reads what the CLI writes (plain and age-encrypted with the Rust
// `age` crate), sealKeyFile writes what the CLI reads, and every refusal has the core's code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogWriter, QinglianError, keyFileWorkFactors, openKeyFile, sealKeyFile } from 'qinglian';
import { fixture, fixtureJson, inBrowser } from './helpers.mjs';

const code = (c) => (e) => e instanceof QinglianError && e.code === c;

test('a plaintext CLI key file opens with its department, seed and ids', async () => {
  const file = await fixture('demo/keys/jyzx.key');
  const plain = JSON.parse(new TextDecoder().decode(file));
  const key = await openKeyFile(file, { log: 'jyzx/main' });
  assert.equal(key.department, 'jyzx');
  assert.equal(key.publicKey, plain.public);
  assert.equal(key.keyId, plain.key_id);
  assert.equal(key.seed.length, 32);
  await assert.rejects(openKeyFile(file, { log: 'fgw/main' }), code('KEY_WRONG_DEPARTMENT'));
});

test('a key file encrypted by the CLI (age crate) opens with its passphrase, and only with it', async () => {
  const { keyPassphrase } = await fixtureJson('manifest.json');
  const sealed = await fixture('keys/jyzx.age.key');
  assert.match(new TextDecoder().decode(sealed), /^-----BEGIN AGE ENCRYPTED FILE-----/);
  await assert.rejects(openKeyFile(sealed), code('KEY_FILE_ENCRYPTED'));
  await assert.rejects(openKeyFile(sealed, { passphrase: 'wrong' }), code('KEY_FILE_PASSPHRASE'));
  const key = await openKeyFile(sealed, { passphrase: keyPassphrase });
  const plain = await openKeyFile(await fixture('demo/keys/jyzx.key'));
  assert.deepEqual(key, plain, 'the same key as the file it was encrypted from');
  // And it signs: the writer's key id is the file's.
  assert.equal(new LogWriter('jyzx/main', key.seed).keyId, plain.keyId);
});

test('sealKeyFile round-trips, refuses bad arguments, and writes at the work factor asked', async () => {
  const seed = new Uint8Array(32).fill(9);
  const text = await sealKeyFile('zjj', seed, '新口令', { workFactor: 10 });
  assert.match(text, /^-----BEGIN AGE ENCRYPTED FILE-----\n/);
  const key = await openKeyFile(text, { passphrase: '新口令', log: 'zjj/2026' });
  assert.deepEqual([key.department, [...key.seed]], ['zjj', [...seed]]);
  const { min, max } = keyFileWorkFactors();
  assert.deepEqual([min, max], [10, 20]);
  await assert.rejects(sealKeyFile('zjj', seed, 'p', { workFactor: 21 }), RangeError);
  await assert.rejects(sealKeyFile('ZJJ!', seed, 'p', { workFactor: 10 }), code('KEY_FILE_INVALID'));
  await assert.rejects(sealKeyFile('zjj', seed, ''), TypeError);
  await assert.rejects(sealKeyFile('zjj', new Uint8Array(31), 'p'), QinglianError);
});

test('damaged, edited and foreign documents are refused with their codes', async () => {
  const good = JSON.parse(new TextDecoder().decode(await fixture('demo/keys/jyzx.key')));
  await assert.rejects(openKeyFile(JSON.stringify({ ...good, public: '00'.repeat(32) })), code('KEY_FILE_MISMATCH'));
  await assert.rejects(openKeyFile(JSON.stringify({ ...good, seed: 'xyz' })), code('KEY_FILE_INVALID'));
  await assert.rejects(openKeyFile('not a key'), code('KEY_FILE_INVALID'));
  const cut = '-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n';
  await assert.rejects(openKeyFile(cut, { passphrase: 'p' }), code('KEY_FILE_UNDECRYPTABLE'));
  await assert.rejects(openKeyFile(new Uint8Array(0)), code('KEY_FILE_INVALID'));
  await assert.rejects(openKeyFile(good, {}), TypeError, 'an object is not file bytes');
});

test('a key file sealed in JS opens in the CLI (Node only)', { skip: inBrowser }, async () => {
  const { spawnSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { cli } = await fixtureJson('manifest.json');
  const dir = mkdtempSync(join(tmpdir(), 'qinglian-keys-'));
  const seed = new Uint8Array(32).fill(3);
  writeFileSync(join(dir, 'zjj.key'), await sealKeyFile('zjj', seed, 'js 口令', { workFactor: 11 }));
  const cwd = new URL('../../', import.meta.url).pathname;
  const show = (passphrase) =>
    spawnSync(join(cwd, cli), ['key', 'show', join(dir, 'zjj.key')], { env: { ...process.env, QINGLIAN_PASSPHRASE: passphrase }, encoding: 'utf8' });
  const ok = show('js 口令');
  assert.equal(ok.status, 0, ok.stderr);
  const key = await openKeyFile(await sealKeyFile('zjj', seed, 'x', { workFactor: 10 }), { passphrase: 'x' });
  assert.match(ok.stdout, new RegExp(`public\\s+${key.publicKey}`));
  assert.match(ok.stdout, /encrypted \(age/);
  const wrong = show('not it');
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /KEY_FILE_PASSPHRASE/);
});
