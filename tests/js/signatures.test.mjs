// Ed25519 cross-check: the core's strict verification (SignatureWorker, both its plain path and its
// per-key precomputed tables) agrees with node:crypto (WebCrypto in the browser) and with
// @noble/ed25519 in strict mode (zip215: false) on generated keys and messages, valid and tampered;
// and signatures made by the core (LogWriter) verify under both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ed from '@noble/ed25519';
import { SignatureWorker, generateKey, LogWriter } from 'qinglian';
import { fromHex, inBrowser, rng, testSeed } from './helpers.mjs';

const seed = testSeed();
const r = rng(seed);
const bytes = (n) => Uint8Array.from({ length: n }, () => r.int(0, 255));
const b64url = (b) => btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The platform's Ed25519: node:crypto in Node, WebCrypto in the browser. */
const platform = await (async () => {
  if (!inBrowser) {
    const nodeCrypto = await import('node:crypto');
    return {
      name: 'node:crypto',
      sign: async (seed32, pub, msg) =>
        new Uint8Array(
          nodeCrypto.sign(null, msg, nodeCrypto.createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64url(seed32), x: b64url(pub) }, format: 'jwk' })),
        ),
      verify: async (pub, msg, sig) =>
        nodeCrypto.verify(null, msg, nodeCrypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(pub) }, format: 'jwk' }), sig),
    };
  }
  return {
    name: 'WebCrypto',
    sign: async (seed32, pub, msg) => {
      const key = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', d: b64url(seed32), x: b64url(pub) }, { name: 'Ed25519' }, false, ['sign']);
      return new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key, msg));
    },
    verify: async (pub, msg, sig) => {
      const key = await crypto.subtle.importKey('raw', pub, { name: 'Ed25519' }, false, ['verify']);
      return crypto.subtle.verify({ name: 'Ed25519' }, key, sig, msg);
    },
  };
})();

const noble = (pub, msg, sig) => ed.verifyAsync(sig, msg, pub, { zip215: false }).catch(() => false);

/** Tamper with one of signature, message or key (by one bit or a whole value). */
function tamper(item, others) {
  const t = { ...item, sig: item.sig.slice(), msg: item.msg.slice() };
  switch (r.int(0, 5)) {
    case 0: // a bit of R
      t.sig[r.int(0, 31)] ^= 1 << r.int(0, 7);
      t.how = 'R bit';
      break;
    case 1: // a bit of S
      t.sig[r.int(32, 63)] ^= 1 << r.int(0, 7);
      t.how = 'S bit';
      break;
    case 2: // S + L: same value mod L, not canonical (strict verification refuses it)
      addL(t.sig);
      t.how = 'S + L';
      break;
    case 3:
      if (t.msg.length === 0) t.msg = new Uint8Array([0]);
      else t.msg[r.int(0, t.msg.length - 1)] ^= 1 << r.int(0, 7);
      t.how = 'message bit';
      break;
    case 4:
      t.sig = others.sig;
      t.how = 'another signature';
      break;
    default:
      t.msg = Uint8Array.of(...t.msg, 0);
      t.how = 'message extended';
  }
  return t;
}

const L = [0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10];
function addL(sig) {
  let carry = 0;
  for (let i = 0; i < 32; i++) {
    const v = sig[32 + i] + L[i] + carry;
    sig[32 + i] = v & 0xff;
    carry = v >> 8;
  }
}

function job(pub, items) {
  const total = items.reduce((n, x) => n + x.msg.length, 0);
  const messages = new Uint8Array(total);
  const ends = new Uint32Array(items.length);
  const signatures = new Uint8Array(64 * items.length);
  let off = 0;
  items.forEach((x, i) => {
    messages.set(x.msg, off);
    off += x.msg.length;
    ends[i] = off;
    signatures.set(x.sig, 64 * i);
  });
  return { id: 0, publicKey: pub, messages, ends, signatures };
}

test(`strict Ed25519 agrees with ${platform.name} and @noble/ed25519 (seed ${seed})`, async () => {
  const worker = new SignatureWorker();
  let valid = 0;
  let invalid = 0;
  // Key 0 signs 150 messages: past the threshold where the core builds a precomputed table.
  for (let k = 0; k < 6; k++) {
    const key = generateKey(bytes(32));
    const pub = fromHex(key.publicKey);
    assert.deepEqual(await ed.getPublicKeyAsync(key.seed), pub, 'same public key as noble');
    const n = k === 0 ? 150 : r.int(1, 20);
    const items = [];
    for (let i = 0; i < n; i++) {
      const msg = bytes(r.pick([0, 1, 31, 64, 200, 1500]));
      const sig = r.chance(0.5) ? await ed.signAsync(msg, key.seed) : await platform.sign(key.seed, pub, msg);
      items.push({ msg, sig });
    }
    const mixed = items.map((x, i) => (r.chance(0.3) ? tamper(x, items[(i + 1) % items.length]) : x));
    // Two passes: the second runs with the key's table once it exists.
    for (let pass = 0; pass < 2; pass++) {
      const verdicts = worker.verify(job(pub, mixed));
      assert.equal(verdicts.length, mixed.length);
      for (let i = 0; i < mixed.length; i++) {
        const { msg, sig, how } = mixed[i];
        const a = (await platform.verify(pub, msg, sig)) === true;
        const b = await noble(pub, msg, sig);
        const label = `key ${k} item ${i}${how ? ` (${how})` : ''}`;
        assert.equal(a, b, `${platform.name} and noble disagree on ${label}`);
        assert.equal(verdicts[i] === 1, a, `core disagrees on ${label}`);
        if (pass === 0) a ? valid++ : invalid++;
      }
    }
  }
  assert.ok(valid > 50 && invalid > 20, `${valid} valid, ${invalid} invalid`);
  worker.free();
});

test('a job for another key rejects every signature', () => {
  const worker = new SignatureWorker();
  const a = generateKey(bytes(32));
  const b = generateKey(bytes(32));
  const msg = bytes(40);
  return ed.signAsync(msg, a.seed).then((sig) => {
    assert.deepEqual(Array.from(worker.verify(job(fromHex(a.publicKey), [{ msg, sig }]))), [1]);
    assert.deepEqual(Array.from(worker.verify(job(fromHex(b.publicKey), [{ msg, sig }]))), [0]);
  });
});

test('records signed by the core verify under noble and the platform (domain-separated bytes)', async () => {
  const key = generateKey(bytes(32));
  const pub = fromHex(key.publicKey);
  const w = new LogWriter('zjj/main', key.seed);
  const enc = new TextEncoder();
  for (let i = 0; i < 3; i++) {
    const { line } = w.append({
      kind: 'registration',
      project: '2021-429005-48-01-000123',
      time: `2021-03-0${i + 1}T09:30:00+08:00`,
      body: { registration_no: `潜住建报〔2021〕${i + 1}号`, registration_date: `2021-03-0${i + 1}`, owner: '91429005MA49ABC12R' },
    });
    const sigHex = /"sig":"([0-9a-f]{128})"/.exec(line)[1];
    // JCS nests canonically: the statement's encoding is the line between "stmt": and the last }.
    const stmt = line.slice(line.indexOf('"stmt":') + 7, -1);
    const signed = enc.encode(`qinglian/v1/record\n${stmt}`);
    const sig = fromHex(sigHex);
    assert.equal(await noble(pub, signed, sig), true);
    assert.equal(await platform.verify(pub, signed, sig), true);
    // The same bytes under another statement type's tag do not verify (domain separation).
    assert.equal(await noble(pub, enc.encode(`qinglian/v1/checkpoint\n${stmt}`), sig), false);
  }
});
