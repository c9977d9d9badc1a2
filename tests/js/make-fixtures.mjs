#!/usr/bin/env node
// Generate the fixtures the JS tests read, with the Rust CLI (the reference the wasm must match),
// into tests/artifacts/fixtures/ (gitignored; the browser harness serves it over HTTP):
//
//   demo/root.json, demo/bundle.qlb, demo/answer-key.json, demo/keys/*.key   qinglian demo --keys
//   demo/bundle.qlb.gz          the same bundle, gzip-compressed
//   demo/report.json            qinglian verify --json of the demo bundle (intact)
//   tampered.qlb                the demo bundle with lines altered (TAMPERING below)
//   tampered-report.json        qinglian verify --json of it
//   catalogue.json, codes.txt   qinglian catalogue --json, qinglian codes
//   bomb.qlb.gz                 the demo bundle as gzip members with one more member between them that
//                               inflates to 256 MiB of one line (BOMB in the manifest)
//   crlf.qlb                    the demo bundle with CRLF line ends
//   keys/jyzx.age.key           demo/keys/jyzx.key encrypted by the CLI (age, passphrase KEY_PASSPHRASE)
//   manifest.json               what was done, and the CLI's exit codes
//
// Run by scripts/test.sh before the JS tests:  node tests/js/make-fixtures.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'tests', 'artifacts', 'fixtures');
const demo = join(out, 'demo');
const cargoHome = process.env.CARGO_HOME ?? join(process.env.HOME ?? '', '.cargo');
const env = { ...process.env, PATH: `${join(cargoHome, 'bin')}:${process.env.PATH}`, CARGO_BUILD_JOBS: process.env.CARGO_BUILD_JOBS ?? '2' };
const t0 = performance.now();

execFileSync('cargo', ['build', '--release', '-q', '-p', 'qinglian-cli'], { cwd: root, env, stdio: 'inherit' });
const cli = join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'release', 'qinglian');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
execFileSync(cli, ['demo', '--out', demo, '--keys'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

const bundle = readFileSync(join(demo, 'bundle.qlb'));
// An encrypted key file written by the Rust side (the `age` crate), for the JS side to open.
const KEY_PASSPHRASE = '部门口令 fixture passphrase';
mkdirSync(join(out, 'keys'), { recursive: true });
execFileSync(cli, ['key', 'encrypt', join(demo, 'keys', 'jyzx.key'), '--out', join(out, 'keys', 'jyzx.age.key'), '--work-factor', '12'], {
  cwd: root,
  env: { ...process.env, QINGLIAN_PASSPHRASE: KEY_PASSPHRASE },
  stdio: ['ignore', 'ignore', 'inherit'],
});
writeFileSync(join(out, 'catalogue.json'), execFileSync(cli, ['catalogue', '--json'], { cwd: root }));
writeFileSync(join(out, 'codes.txt'), execFileSync(cli, ['codes'], { cwd: root }));
writeFileSync(join(demo, 'bundle.qlb.gz'), gzipSync(bundle, { level: 6 }));

/** `qinglian verify --json`; the exit status is part of the expectation (0 intact, 1 problems). */
function cliReport(file, reportFile) {
  const r = spawnSync(cli, ['verify', file, '--root', join(demo, 'root.json'), '--json'], {
    cwd: root,
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`qinglian verify ${file}: exit ${r.status}\n${r.stderr}`);
  JSON.parse(r.stdout); // must be one JSON document
  writeFileSync(reportFile, r.stdout);
  return r.status;
}

// ---- tampering: each step names what it does; line numbers refer to the original bundle ------
const lines = bundle.toString('utf8').split('\n');
if (lines.at(-1) === '') lines.pop();
const records = lines.map((l, i) => (l.includes('"type":"record"') ? i : -1)).filter((i) => i >= 0);
const out_ = lines.map((l) => Buffer.from(l, 'utf8'));
const tampering = [];
const at = (k) => records[k * 37 % records.length];

{
  const i = at(10);
  out_[i] = Buffer.from(lines[i].replace(/"sig":"([0-9a-f])/, (_, c) => `"sig":"${c === '0' ? '1' : '0'}`));
  tampering.push({ line: i + 1, what: 'first signature digit changed', expect: 'SIGNATURE_INVALID' });
}
{
  const i = at(20);
  const changed = lines[i].replace(/_fen":(\d)/, (_, d) => `_fen":${d === '9' ? '8' : String(Number(d) + 1)}`);
  if (changed === lines[i]) throw new Error('no amount to change');
  out_[i] = Buffer.from(changed);
  tampering.push({ line: i + 1, what: 'an amount in the body changed (signature no longer holds)', expect: 'SIGNATURE_INVALID' });
}
{
  const i = at(30);
  out_[i] = Buffer.from(lines[i].replace('":', '": '));
  tampering.push({ line: i + 1, what: 'a space after the first colon', expect: 'NOT_CANONICAL' });
}
{
  const i = at(40);
  // The first 40 characters are ASCII ({"sigs":[{"key":"…), so this replaces one byte by 0xff.
  out_[i] = Buffer.concat([Buffer.from(lines[i].slice(0, 40)), Buffer.from([0xff]), Buffer.from(lines[i].slice(41))]);
  tampering.push({ line: i + 1, what: 'a byte that is not UTF-8', expect: 'INVALID_UTF8' });
}
const removed = at(50);
tampering.push({ line: removed + 1, what: 'record removed', expect: 'CHAIN_GAP' });
const moved = at(60);
tampering.push({ line: moved + 1, what: 'record moved to the end (order does not matter)', expect: null });
const duplicated = at(70);
tampering.push({ line: duplicated + 1, what: 'record repeated at the end', expect: 'DUPLICATE_STATEMENT' });

const final = [];
out_.forEach((b, i) => {
  if (i !== removed && i !== moved) final.push(b);
});
final.push(out_[moved], out_[duplicated], Buffer.from('{"a":1.5}'), Buffer.from('not json'), Buffer.from(''));
tampering.push({ what: 'appended {"a":1.5}', expect: 'FLOAT_NUMBER' }, { what: 'appended "not json"', expect: 'JSON_SYNTAX' });
writeFileSync(join(out, 'tampered.qlb'), Buffer.concat(final.flatMap((b) => [b, Buffer.from('\n')])));

// ---- hostile compression: one member of ~256 KB inflating to a 256 MiB line ------------------
const BOMB_AFTER = 100; // lines of the demo bundle before it
const BOMB_BYTES = 256 << 20;
{
  const text = (ls) => Buffer.from(ls.map((l) => l + '\n').join(''));
  const bomb = gzipSync(Buffer.concat([Buffer.alloc(BOMB_BYTES, '{'), Buffer.from('\n')]), { level: 9 });
  const members = [gzipSync(text(lines.slice(0, BOMB_AFTER))), bomb, gzipSync(text(lines.slice(BOMB_AFTER)))];
  writeFileSync(join(out, 'bomb.qlb.gz'), Buffer.concat(members));
  writeFileSync(join(out, 'crlf.qlb'), Buffer.from(lines.map((l) => l + '\r\n').join('')));
}

const manifest = {
  generated: new Date().toISOString(),
  cli: cli.replace(root + '/', ''),
  keyPassphrase: KEY_PASSPHRASE,
  bomb: { line: BOMB_AFTER + 1, inflated: BOMB_BYTES + 1 },
  demo: { statements: lines.length - 1, bytes: bundle.length, exit: cliReport(join(demo, 'bundle.qlb'), join(demo, 'report.json')) },
  tampered: { tampering, exit: cliReport(join(out, 'tampered.qlb'), join(out, 'tampered-report.json')) },
};
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(
  `make-fixtures: ${out.replace(root + '/', '')} (demo ${manifest.demo.statements} statements, exit ${manifest.demo.exit}; ` +
    `tampered exit ${manifest.tampered.exit}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
