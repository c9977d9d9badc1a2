// Hostile and unusual input through the package, in Node and Chromium: a gzip member that inflates
// to 256 MiB of one line is skipped with LINE_TOO_LONG without the module's memory growing, and a
// bundle whose line ends were rewritten to CRLF verifies like the original.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verify, memoryBytes } from 'qinglian';
import { fixture, fixtureJson } from './helpers.mjs';

const root = await fixture('demo/root.json');
const demoGz = await fixture('demo/bundle.qlb.gz');
const bomb = await fixture('bomb.qlb.gz');
const crlf = await fixture('crlf.qlb');
const cliDemo = await fixtureJson('demo/report.json');
const manifest = await fixtureJson('manifest.json');

const MiB = 1 << 20;

test('a gzip member inflating to 256 MiB of one line: LINE_TOO_LONG, the rest verified, memory of a normal run', async () => {
  assert.ok(bomb.length < demoGz.length + MiB, `the hostile file is small (${bomb.length} bytes)`);
  const normal = await verify(demoGz, { root });
  assert.equal(normal.summary.intact, true);
  const before = memoryBytes();
  const report = await verify(bomb, { root });
  const after = memoryBytes();

  const long = report.problems.filter((p) => p.code === 'LINE_TOO_LONG');
  assert.equal(long.length, 1, JSON.stringify(report.problems.slice(0, 3)));
  assert.equal(long[0].line, manifest.bomb.line);
  assert.ok(long[0].message.en.includes(String(manifest.bomb.inflated - 1)), long[0].message.en);
  assert.deepEqual(
    report.problems.filter((p) => p.code !== 'LINE_TOO_LONG'),
    [],
    'no other problem: every other statement verified',
  );
  assert.equal(report.summary.verified, normal.summary.verified);
  assert.equal(report.summary.records, normal.summary.records);
  assert.equal(report.summary.lines, normal.summary.lines + 1);
  assert.equal(report.summary.rejected, 1);
  assert.equal(report.analysis.findings.length, normal.analysis.findings.length);

  // Memory never shrinks, so growth during the second run is what the long line cost beyond a
  // normal run: at most the line limit (1 MiB) while it is found too long, plus slack.
  const grown = after - before;
  console.log(`wasm memory: ${(before / MiB).toFixed(1)} MiB after the normal run, +${(grown / MiB).toFixed(1)} MiB for the 256 MiB line`);
  assert.ok(grown <= 4 * MiB, `memory grew by ${grown} bytes`);
});

test('CRLF line ends verify exactly like LF', async () => {
  const report = await verify(crlf, { root });
  assert.equal(report.summary.intact, true, JSON.stringify(report.problems.slice(0, 3)));
  const sameButBytes = (r) => ({ ...r, bundle: { ...r.bundle, sha256: '' }, summary: { ...r.summary, bytes: 0 } });
  assert.equal(report.summary.bytes, crlf.length);
  assert.deepEqual(sameButBytes(report), sameButBytes(cliDemo));
});
