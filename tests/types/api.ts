// Compile-only test of the public types (npm run build:types, `tsc --noEmit` under strict). Never
// executed. Covers every export of "qinglian", "qinglian/slim" and "qinglian/worker".
import {
  canonicalize,
  version,
  QinglianError,
  verify,
  StreamVerifier,
  SignatureWorker,
  portSignaturePool,
  serveSignatureJobs,
  parseRoot,
  checkRootSuccessor,
  catalogue,
  codes,
  validateCheckConfig,
  generateKey,
  LogWriter,
  cosign,
  exportBundle,
  createRoot,
  signRoot,
  type QinglianErrorCode,
  type Bytes,
  type BundleInput,
  type Report,
  type Problem,
  type Summary,
  type LogSummary,
  type RootSummary,
  type ParsedRoot,
  type Analysis,
  type Finding,
  type CheckRun,
  type CheckMeta,
  type CheckConfig,
  type CodeInfo,
  type Progress,
  type VerifyOptions,
  type StreamVerifierOptions,
  type SignatureJob,
  type SignaturePool,
  type PortSignaturePool,
  type Key,
  type Signed,
  type RecordDraft,
  type ExportOptions,
  type RootSpec,
  type KnownHead,
  type Limits,
  type Message,
  type Severity,
  type FindingSeverity,
  type CoBiddingGraph,
  type FirmEdge,
  type LinkReason,
  type ProjectView,
  type TenderView,
  type Screens,
  type PaymentPoint,
  type ProblemView,
  type CostStage,
} from 'qinglian';
import * as slim from 'qinglian/slim';
import { verifyInWorker, type WorkerVerifyOptions } from 'qinglian/worker';

export const v: string = version();
export const c: string = canonicalize('{"a":1}');

export function codeOf(e: unknown): string | undefined {
  if (e instanceof QinglianError) {
    const code: string = e.code;
    const path: string | undefined = e.path;
    const zh: string | undefined = e.zh;
    return path === undefined ? `${code}${zh ?? ''}` : `${code} at ${path}`;
  }
  return undefined;
}

export const known: QinglianErrorCode = 'FLOAT_NUMBER';
export const known2: QinglianErrorCode = 'BODY_INVALID';

export async function load(bytes: Uint8Array<ArrayBuffer>, url: URL, res: Response): Promise<string> {
  await slim.init(bytes);
  await slim.init(url);
  await slim.init('https://example.invalid/qinglian.wasm');
  await slim.init(res);
  await slim.init(Promise.resolve(res));
  await slim.init(await WebAssembly.compile(bytes));
  slim.initSync(bytes.buffer);
  const r: Report = await slim.verify(bytes, { root: bytes });
  return slim.canonicalize(slim.version()) + r.format;
}

// ---- verification ----------------------------------------------------------------------------
export async function verifyAll(
  bundle: Uint8Array,
  blob: Blob,
  stream: ReadableStream<Uint8Array>,
  rootText: string,
  signal: AbortSignal,
): Promise<number> {
  const progress: Progress[] = [];
  const options: VerifyOptions = {
    root: rootText,
    checks: { disabled: ['BID-10'], params: { 'COST-01': { ratio: 0.15 } }, min_severity: 'medium' },
    knownHeads: [{ log: 'zjj/main', seq: 3, head: 'ab'.repeat(32) }],
    limits: { max_line_bytes: 1 << 20 },
    onProgress: (p) => progress.push(p),
    signal,
  };
  const a: Report = await verify(bundle, options);
  const b: Report = await verify(blob, { root: { fingerprint: a.root?.fingerprint ?? '' }, checks: false });
  const inputs: BundleInput[] = [bundle, blob, stream, new ArrayBuffer(8), new DataView(new ArrayBuffer(8))];
  const s: Summary = a.summary;
  const logs: LogSummary[] = b.logs;
  const root: RootSummary | null = a.root;
  const analysis: Analysis | null = a.analysis;
  const findings: Finding[] = analysis?.findings ?? [];
  const runs: CheckRun[] = analysis?.checks ?? [];
  const problems: Problem[] = a.problems.filter((p) => p.severity === 'error');
  const sev: Severity | undefined = problems[0]?.severity;
  const fsev: FindingSeverity | undefined = findings[0]?.severity;
  const msg: Message | undefined = problems[0]?.message;
  const gaps: [number, number][] = logs[0]?.gaps ?? [];
  const complete: number | undefined = logs[0]?.complete_to?.seq;
  const omitted: number = a.problems_omitted + (a.bundle.headers[0]?.line ?? 0) + a.bundle.sha256.length;
  const id: string | undefined = findings[0]?.id;
  const graph: CoBiddingGraph | undefined = analysis?.graph;
  const edge: FirmEdge | undefined = graph?.edges[0];
  const reason: LinkReason | undefined = edge?.reasons[0]?.reason;
  const project: ProjectView | undefined = analysis?.projects[0];
  const tender: TenderView | undefined = project?.tenders[0];
  const screens: Screens | null | undefined = tender?.screens;
  const pay: PaymentPoint | undefined = project?.payments.series[0];
  const problem: ProblemView | undefined = project?.supervision[0];
  const stage: CostStage | undefined = project?.cost_chain[0];
  const views = (id?.length ?? 0) + (reason ? 1 : 0) + (screens?.cv ?? 0) + (pay?.cumulative_fen ?? 0) + (problem?.status === 'overdue' ? 1 : 0) + (stage?.amount_fen ?? 0);
  return views + s.records + (root?.version ?? 0) + runs.length + inputs.length + gaps.length + (complete ?? 0) + omitted + (sev ? 1 : 0) + (fsev ? 1 : 0) + (msg ? 1 : 0);
}

export function streaming(rootBytes: Uint8Array, chunks: Uint8Array[]): Report {
  const options: StreamVerifierOptions = { root: rootBytes, externalSignatures: true };
  const sv = new StreamVerifier(options);
  const w = new SignatureWorker();
  for (const chunk of chunks) {
    sv.push(chunk);
    const p: Progress = sv.progress();
    void p.bytes_in;
    const jobs: SignatureJob[] = sv.takeSignatureJobs();
    for (const job of jobs) sv.completeSignatureJob(job.id, w.verify(job));
  }
  sv.endInput();
  w.free();
  const pool: SignaturePool = { verify: async (job: SignatureJob) => new SignatureWorker().verify(job), capacity: 4 };
  const channel = new MessageChannel();
  serveSignatureJobs(channel.port2);
  const overPorts: PortSignaturePool = portSignaturePool([channel.port1]);
  overPorts.fail(new Error('worker gone'));
  void verify(chunks[0] ?? new Uint8Array(), { root: rootBytes, signaturePool: pool });
  const report = sv.finish(chunks[0]);
  new StreamVerifier({ root: rootBytes }).free();
  return report;
}

export async function inWorker(bundle: Uint8Array, root: Uint8Array, module: WebAssembly.Module): Promise<Report> {
  const options: WorkerVerifyOptions = { root, threads: 2, wasm: module, onProgress: (p) => void p.lines, signal: AbortSignal.timeout(60_000) };
  return verifyInWorker(bundle, options);
}

// ---- roots, catalogue, codes, configuration ----------------------------------------------------
export function roots(a: string, b: Uint8Array): number {
  const r: ParsedRoot = parseRoot(a);
  checkRootSuccessor(a, b);
  const meta: CheckMeta[] = catalogue();
  const list: CodeInfo[] = codes();
  const config: CheckConfig = { disabled: meta.map((m) => m.id), min_severity: null };
  validateCheckConfig(config);
  const heads: KnownHead[] = [{ log: 'a/b', seq: 1, head: r.fingerprint }];
  const limits: Partial<Limits> = { max_problems: 10 };
  return r.threshold + r.departments.length + list.length + (r.prev === null ? 0 : 1) + heads.length + (limits.max_problems ?? 0);
}

// ---- producers -------------------------------------------------------------------------------
export function produce(): Uint8Array {
  const k: Key = generateKey();
  const k2: Key = generateKey(k.seed);
  const spec: RootSpec = {
    federation: 'demo',
    threshold: 1,
    departments: [{ id: 'zjj', name: { zh: '住建局', en: 'Housing' }, kinds: ['contract'], keys: [{ pub: k.publicKey, from: [{ log: 'zjj/main', seq: 1 }] }] }],
  };
  const root: Signed = createRoot(spec, [k.seed], '2021-01-01T00:00:00+08:00');
  const root2: Signed = signRoot(root.line, [k2.seed]);
  const w = new LogWriter('zjj/main', k.seed);
  const draft: RecordDraft = { kind: 'contract', project: '2021-429005-48-01-000123', time: '2021-09-01T10:00:00+08:00', body: { contract_no: 'X' }, refs: [] };
  const rec: Signed = w.append(draft);
  const cp: Signed = w.checkpoint('2021-09-02T10:00:00+08:00');
  const cs: Signed = cosign(k.seed, 'sjj', { log: w.log, seq: w.seq, head: w.head ?? '' }, '2021-09-03T10:00:00+08:00');
  const again = new LogWriter('zjj/main', k.seed, { seq: w.seq, head: rec.id });
  const fromFile: LogWriter = LogWriter.fromLog('zjj/main', k.seed, rec.line);
  const ids: string[] = [again.keyId, again.publicKey, fromFile.head ?? ''];
  w.free();
  const o: ExportOptions = { federation: 'demo', created: '2021-10-01T00:00:00+08:00', roots: [root2.line], lines: [rec.line, cp.line, cs.line, ...ids] };
  const bytes: Bytes = exportBundle(o);
  void bytes;
  return exportBundle({ ...o, project: '2021-429005-48-01-000123', description: 'x' });
}

// ---- misuse is a type error ----------------------------------------------------------------
// @ts-expect-error: canonicalize takes JSON text, not a value
canonicalize({ a: 1 });
// @ts-expect-error: the root is required
void verify(new Uint8Array(), {});
// @ts-expect-error: a signature pool cannot cross into verifyInWorker's worker
void verifyInWorker(new Uint8Array(), { root: 'x', signaturePool: { verify: async () => new Uint8Array() } });
// @ts-expect-error: threads is an option of verifyInWorker only... as a number
void verifyInWorker(new Uint8Array(), { root: 'x', threads: 'two' });
// @ts-expect-error: cosign needs the witness department
cosign(new Uint8Array(32), { log: 'a/b', seq: 1, head: 'x' }, 't');
