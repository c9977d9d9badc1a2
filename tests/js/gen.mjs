// Random JSON under the Qinglian profile (integers only, within ±(2^53−1)) and random, valid but
// non-canonical textual encodings of it: shuffled keys, random whitespace, random string escapes.
import { rng as makeRng } from './helpers.mjs';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

// Characters chosen to stress JCS string rules: escapes, controls, line separators, CJK, astral
// (surrogate pairs), noncharacters and characters whose UTF-16 order differs from code-point order.
const CHAR_POOLS = [
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.:/',
  '"\\/\b\f\n\r\t',
  Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\u007f\u0080\u009f',
  '\u2028\u2029\u00e9\u00fc\u00a0\u200b\ufeff\ufffd\uffff\ue000',
  '清廉审计局财政住建招投标监督纪委监委公共资源交易中心项目合同付款',
  '😀🏗️💰\u{10ffff}\u{1f600}\u{20000}\u{1d11e}',
  'e\u0301n\u0303', // combining marks: JCS does no Unicode normalisation
];

export function generator(seed) {
  const r = makeRng(seed);

  function string(maxLen = 12) {
    const len = r.int(0, maxLen);
    let s = '';
    for (let i = 0; i < len; i++) {
      const pool = Array.from(r.pick(CHAR_POOLS)); // by code point: never split a surrogate pair
      s += r.pick(pool);
    }
    return s;
  }

  function integer() {
    switch (r.int(0, 5)) {
      case 0:
        return r.int(-9, 9);
      case 1:
        return r.int(-1000000, 1000000);
      case 2:
        return r.pick([MAX_SAFE, -MAX_SAFE, MAX_SAFE - 1, 2 ** 31, -(2 ** 31), 2 ** 32, 1e15]);
      case 3: // money in fen, up to ten billion yuan
        return r.int(0, 1_000_000_000_000);
      default:
        return Math.floor((r.next() * 2 - 1) * MAX_SAFE);
    }
  }

  function value(depth) {
    const leaf = depth >= 6 || r.chance(0.45);
    if (leaf) {
      switch (r.int(0, 5)) {
        case 0:
          return null;
        case 1:
          return r.chance(0.5);
        case 2:
        case 3:
          return integer();
        default:
          return string();
      }
    }
    return r.chance(0.5) ? array(depth + 1) : object(depth + 1);
  }

  function array(depth) {
    return Array.from({ length: r.int(0, 5) }, () => value(depth));
  }

  function object(depth) {
    const o = {};
    const n = r.int(0, 6);
    for (let i = 0; i < n; i++) {
      const key = string(8);
      if (key !== '__proto__') o[key] = value(depth);
    }
    return o;
  }

  const ws = () => (r.chance(0.7) ? '' : r.pick([' ', '\n', '\t', '\r', '  ', ' \n ']));

  /** A string literal with random (valid) escaping of each code point. */
  function stringLiteral(s) {
    let out = '"';
    for (const ch of s) {
      const cp = ch.codePointAt(0);
      if (ch === '"' || ch === '\\' || cp < 0x20) {
        // mandatory escape: the short form (\n, \") where one exists, or \uXXXX
        out += r.chance(0.3) ? u16escape(ch) : JSON.stringify(ch).slice(1, -1);
      } else if (r.chance(0.15)) {
        out += ch === '/' && r.chance(0.5) ? '\\/' : u16escape(ch);
      } else {
        out += ch;
      }
    }
    return out + '"';
  }

  function u16escape(ch) {
    let out = '';
    for (let i = 0; i < ch.length; i++) {
      const hex = ch.charCodeAt(i).toString(16).padStart(4, '0');
      out += '\\u' + (r.chance(0.5) ? hex : hex.toUpperCase());
    }
    return out;
  }

  /** Valid JSON text for `v`, in a random non-canonical form. */
  function text(v) {
    if (v === null || typeof v === 'boolean') return String(v);
    if (typeof v === 'number') return String(v);
    if (typeof v === 'string') return stringLiteral(v);
    if (Array.isArray(v)) return `[${ws()}${v.map((x) => text(x) + ws()).join(`,${ws()}`)}]`;
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i > 0; i--) {
      const j = r.int(0, i);
      [keys[i], keys[j]] = [keys[j], keys[i]];
    }
    return `{${ws()}${keys.map((k) => `${stringLiteral(k)}${ws()}:${ws()}${text(v[k])}${ws()}`).join(`,${ws()}`)}}`;
  }

  return { rng: r, string, integer, value, object, text };
}
