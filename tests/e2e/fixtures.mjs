// Bundles the end-to-end tests derive from the demo with the CLI: a tampered copy, a rewritten log
// (a fork of a head the page verified before), and a 100k-record bundle.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { artifacts, root } from './harness.mjs';

export const work = join(artifacts, 'work');
mkdirSync(work, { recursive: true });
export const cli = join(root, 'target', 'release', 'qinglian');

/** True when `file` exists and was written after the CLI binary was built (else regenerate it). */
function fresh(file) {
  return existsSync(file) && statSync(file).mtimeMs > statSync(cli).mtimeMs;
}

function qinglian(args) {
  return execFileSync(cli, args, { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The CLI's report for a bundle (what the page must agree with). */
export function cliReport(bundle, rootFile, extra = []) {
  try {
    return JSON.parse(qinglian(['verify', bundle, '--root', rootFile, '--json', ...extra]));
  } catch (e) {
    if (e.stdout) return JSON.parse(e.stdout);
    throw e;
  }
}

/** One digit of a record's time changed: still canonical JSON, no longer what was signed. */
export function tampered(demoBundle) {
  const lines = readFileSync(demoBundle, 'utf8').split('\n');
  const i = lines.findIndex((l, k) => k > 0 && l.includes('"type":"record"') && /"time":"\d{4}-\d{2}-\d{2}T\d{2}:\d/.test(l));
  if (i < 0) throw new Error('no record line to tamper with');
  lines[i] = lines[i].replace(/("time":"\d{4}-\d{2}-\d{2}T\d{2}:)(\d)/, (_m, a, d) => `${a}${d === '0' ? '1' : '0'}`);
  const out = join(work, 'tampered.qlb');
  writeFileSync(out, lines.join('\n'));
  return { path: out, line: i + 1 };
}

/**
 * A bundle in which the last record of one log is replaced by a different, validly signed record at
 * the same position: after the demo was verified, its head is rewritten (a fork).
 */
export function rewritten(demoBundle, rootFile) {
  const out = join(work, 'rewritten.qlb');
  const keysDir = join(work, 'demo-keys');
  if (!fresh(join(keysDir, 'bundle.qlb'))) qinglian(['demo', '--keys', '--out', keysDir]);
  const lines = readFileSync(demoBundle, 'utf8').split('\n');
  const records = lines
    .slice(1)
    .filter((l) => l.includes('"log":"fgw/main"') && l.includes('"type":"record"'))
    .map((l) => ({ line: l, stmt: JSON.parse(l).stmt }))
    .sort((a, b) => a.stmt.seq - b.stmt.seq);
  const last = records[records.length - 1].stmt;
  const logFile = join(work, 'fgw-fork.log');
  writeFileSync(logFile, `${records.slice(0, -1).map((r) => r.line).join('\n')}\n`);
  const body = { ...last.body };
  const field = Object.keys(body).find((k) => typeof body[k] === 'string' && !/date|hash|id$/.test(k)) ?? 'description';
  body[field] = `${body[field] ?? ''}（改写）`;
  writeFileSync(join(work, 'fork-body.json'), JSON.stringify(body));
  const args = ['append', '--key', join(keysDir, 'keys', 'fgw.key'), '--log', 'fgw/main', '--file', logFile, '--kind', last.kind, '--time', last.time, '--body', join(work, 'fork-body.json')];
  if (last.project) args.push('--project', last.project);
  for (const r of last.refs ?? []) args.push('--ref', r);
  qinglian(args);
  // carry the demo's roots (the pinned one and any newer) as they stand in the bundle
  const roots = lines.filter((l) => l.includes('"type":"root"'));
  const rootFiles = roots.map((l, i) => {
    const f = join(work, `root-${i}.json`);
    writeFileSync(f, `${l}\n`);
    return f;
  });
  rmSync(out, { force: true });
  qinglian(['export', ...rootFiles.flatMap((f) => ['--root', f]), '--out', out, logFile]);
  void rootFile;
  return out;
}

/** A gzip copy of a bundle (.qlb.gz). */
export function gzipped(bundle) {
  const out = join(work, 'bundle.qlb.gz');
  writeFileSync(out, gzipSync(readFileSync(bundle)));
  return out;
}

/** The demo scaled to at least `n` records (same CLI, `demo --records`). */
export function large(n = 100_000) {
  const dir = join(work, `demo-${n}`);
  if (!fresh(join(dir, 'bundle.qlb'))) qinglian(['demo', '--records', String(n), '--out', dir]);
  return { bundle: join(dir, 'bundle.qlb'), root: join(dir, 'root.json') };
}

/** The demo's department keys (bare test keys derived from the demo's public seed): `<dir>/<dept>.key`. */
export function demoKeys() {
  const keysDir = join(work, 'demo-keys');
  if (!fresh(join(keysDir, 'bundle.qlb'))) qinglian(['demo', '--keys', '--out', keysDir]);
  return join(keysDir, 'keys');
}
