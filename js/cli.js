#!/usr/bin/env node
// `npx qinglian`: the verifier of the npm package on the command line (the WebAssembly build of the
// same core as the Rust CLI, which also offers signing and federation commands).
//
//   qinglian verify <bundle.qlb|.qlb.gz|-> (--root root.json | --fingerprint hex) [--json]
//                   [--fail-on high|medium|low] [--config checks.json] [--known-heads heads.json]
//                   [--no-checks] [--threads N] [--lang zh|en] [--quiet]
//   qinglian catalogue [--json]
//   qinglian codes [--json]
//
// Exit status: 0 intact (and no finding at or above --fail-on), 1 problems, 2 usage or input errors.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { catalogue, codes, verify, version, QinglianError } from './node.js';
import { summaryText } from './import.js';

const USAGE = `usage:
  qinglian verify <bundle|-> (--root <root.json> | --fingerprint <hex>) [--json] [--fail-on high|medium|low]
                  [--config <checks.json>] [--known-heads <heads.json>] [--no-checks] [--threads <n>]
                  [--lang zh|en] [--quiet]
  qinglian catalogue [--json]
  qinglian codes [--json]
  qinglian --version

exit status: 0 intact, 1 problems (or findings at --fail-on), 2 usage or input error`;

class UsageError extends Error {}


async function main(argv) {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V') {
    console.log(`qinglian ${version()}`);
    return 0;
  }
  if (command === undefined) {
    console.error(USAGE);
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  switch (command) {
    case 'verify':
      return verifyCommand(rest);
    case 'catalogue':
      return listCommand(rest, catalogue, printCatalogue);
    case 'codes':
      return listCommand(rest, codes, (list) => {
        for (const c of list) console.log(`${c.code.padEnd(28)} ${c.severity.padEnd(8)} ${c.en} / ${c.zh}`);
      });
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

function parse(args, options) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e.message);
  }
}

function listCommand(args, get, print) {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`);
  const list = get();
  if (values.json) console.log(JSON.stringify(list, null, 2));
  else print(list);
  return 0;
}

function printCatalogue(list) {
  for (const c of list) {
    console.log(`${c.id.padEnd(12)} ${c.severity.padEnd(7)} ${c.title.zh} / ${c.title.en}`);
    console.log(`${' '.repeat(21)}${c.rule.en}`);
    if (c.params.length) console.log(`${' '.repeat(21)}params: ${c.params.map((p) => `${p.name}=${p.default} ${p.unit}`).join(', ')}`);
  }
}

function readFile(path, what) {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${e.code ?? e.message}`);
  }
}

function readJson(path, what) {
  try {
    return JSON.parse(readFile(path, what).toString('utf8'));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${what} ${path}: ${e.message}`);
  }
}

async function verifyCommand(args) {
  const { values, positionals } = parse(args, {
    root: { type: 'string' },
    fingerprint: { type: 'string' },
    json: { type: 'boolean' },
    'fail-on': { type: 'string' },
    config: { type: 'string' },
    'known-heads': { type: 'string' },
    'no-checks': { type: 'boolean' },
    threads: { type: 'string' },
    lang: { type: 'string', default: 'zh' },
    quiet: { type: 'boolean', short: 'q' },
  });
  if (positionals.length !== 1) throw new UsageError('give exactly one bundle file (or - for standard input)');
  if (!values.root === !values.fingerprint) throw new UsageError('give --root <root.json> or --fingerprint <hex>');
  const failOn = values['fail-on'];
  if (failOn !== undefined && !['high', 'medium', 'low'].includes(failOn)) throw new UsageError('--fail-on: high, medium or low');
  if (!['zh', 'en'].includes(values.lang)) throw new UsageError('--lang: zh or en');
  let threads;
  if (values.threads !== undefined) {
    threads = Number(values.threads);
    if (!Number.isInteger(threads) || threads < 0 || threads > 64) throw new UsageError('--threads: an integer from 0 to 64');
  }
  const [file] = positionals;
  const options = {
    root: values.root ? readFile(values.root, 'root') : { fingerprint: values.fingerprint },
    checks: values['no-checks'] ? false : values.config ? readJson(values.config, 'check configuration') : undefined,
    failOn,
  };
  if (values['known-heads']) options.knownHeads = readJson(values['known-heads'], 'known heads');

  let input;
  let total = 0;
  if (file === '-') {
    input = Readable.toWeb(process.stdin);
  } else {
    try {
      total = statSync(file).size;
    } catch (e) {
      throw new UsageError(`cannot read bundle ${file}: ${e.code ?? e.message}`);
    }
    input = Readable.toWeb(createReadStream(file, { highWaterMark: 1 << 20 }));
  }
  const showProgress = !values.quiet && process.stderr.isTTY;
  const t0 = performance.now();
  let last = 0;
  options.onProgress = (p) => {
    if (!showProgress) return;
    const now = performance.now();
    if (now - last < 100) return;
    last = now;
    const pct = total ? ` ${((100 * p.bytes_in) / total).toFixed(0)}%` : '';
    process.stderr.write(`\rverifying${pct}  ${mib(p.bytes_in)}  ${p.statements} statements  ${((now - t0) / 1000).toFixed(1)} s   `);
  };
  let report;
  try {
    if (threads === undefined) {
      report = await verify(input, options);
    } else {
      const { verifyInWorker } = await import('./worker-node.js');
      report = await verifyInWorker(input, { ...options, threads });
    }
  } catch (e) {
    // Scripts reading --json get a refused root (or other refusal) as JSON too, with its code.
    if (values.json && e instanceof QinglianError) {
      const error = { code: e.code, message: { zh: typeof e.zh === 'string' ? e.zh : e.message, en: e.message } };
      process.stdout.write(`${JSON.stringify({ format: 'qinglian-error', v: 1, error })}\n`);
    }
    throw e;
  } finally {
    if (showProgress) process.stderr.write('\r\x1b[K');
  }
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else process.stdout.write(await summaryText(report, { lang: values.lang }));
  if (!values.quiet && !values.json) {
    console.error(`${values.lang === 'zh' ? '用时' : 'time'} ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  }
  return report.summary.exit_status;
}

function mib(n) {
  return `${(n / (1 << 20)).toFixed(1)} MiB`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    if (e instanceof UsageError) {
      console.error(`qinglian: ${e.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (e instanceof QinglianError) {
      console.error(`qinglian: ${e.code}: ${e.message}${e.path ? ` (at ${e.path})` : ''}`);
      process.exitCode = 2;
    } else {
      console.error(`qinglian: ${e?.stack ?? e}`);
      process.exitCode = 2;
    }
  },
);
