// Presentation only: numbers, money, dates and hashes as people read them. No rule lives here.
import { lang, msg } from './i18n.js';
import type { Message } from './types.js';

const intFmt = { zh: new Intl.NumberFormat('zh-CN'), en: new Intl.NumberFormat('en-US') };

export function num(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return intFmt[lang()].format(n);
}

/** Integer fen as ¥ with thousands separators and two decimals: ¥12,400,000.00. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  const neg = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const y = Math.floor(abs / 100);
  const f = abs % 100;
  return `${neg ? '−' : ''}¥${intFmt.en.format(y)}.${String(f).padStart(2, '0')}`;
}

/** Short money for chart axes: 1,240 万 (zh) or ¥12.4M (en). */
export function yuanShort(fen: number): string {
  const y = fen / 100;
  if (lang() === 'zh') {
    if (Math.abs(y) >= 1e8) return `${trim(y / 1e8)} 亿`;
    if (Math.abs(y) >= 1e4) return `${trim(y / 1e4)} 万`;
    return `${trim(y)} 元`;
  }
  if (Math.abs(y) >= 1e9) return `¥${trim(y / 1e9)}B`;
  if (Math.abs(y) >= 1e6) return `¥${trim(y / 1e6)}M`;
  if (Math.abs(y) >= 1e3) return `¥${trim(y / 1e3)}k`;
  return `¥${trim(y)}`;
}

function trim(x: number): string {
  return intFmt[lang()].format(Math.round(x * 100) / 100);
}

/** Basis points as a signed percentage: +3.5%. */
export function bp(v: number | null | undefined, signed = true): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const s = (v / 100).toFixed(Math.abs(v) % 100 === 0 ? 0 : 1);
  return `${signed && v > 0 ? '+' : ''}${s}%`;
}

/** RFC 3339 time as it was written (local time of the record), date only or date and minutes. */
export function date(t: string | null | undefined): string {
  if (!t) return '—';
  return t.slice(0, 10);
}

export function dateTime(t: string | null | undefined): string {
  if (!t) return '—';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(t);
  return m ? `${m[1]} ${m[2]}` : t;
}

/** The local time now, RFC 3339 with offset. */
export function nowRfc3339(): string {
  const d = new Date();
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${sign}${pad(off / 60)}:${pad(off % 60)}`;
}

/** A fingerprint in groups of four, for reading aloud over the phone. */
export function fingerprint(hex: string): string {
  return hex.replace(/(.{4})(?=.)/g, '$1 ');
}

export function short(hex: string | null | undefined, n = 12): string {
  if (!hex) return '—';
  return hex.length > n ? `${hex.slice(0, n)}…` : hex;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1 << 20) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1 << 30) return `${(n / (1 << 20)).toFixed(1)} MB`;
  return `${(n / (1 << 30)).toFixed(2)} GB`;
}

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return lang() === 'zh' ? `${s} 秒` : `${s} s`;
  const m = Math.floor(s / 60);
  const r = s % 60;
  return lang() === 'zh' ? `${m} 分 ${r} 秒` : `${m} min ${r} s`;
}

/** A value that may be a bilingual message or a plain string. */
export function text(v: Message | string | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  return msg(v);
}

export function isMessage(v: unknown): v is Message {
  return typeof v === 'object' && v !== null && typeof (v as Message).zh === 'string' && typeof (v as Message).en === 'string';
}

/** A list as each language writes it: 甲、乙、丙 / A, B, C. */
export function list(items: string[]): string {
  return items.join(lang() === 'zh' ? '、' : ', ');
}
