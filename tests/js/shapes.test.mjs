// The analysis in a report has exactly the members js/api.d.ts declares for it (the .d.ts is
// checked by tsc; this checks it against what the core really returns, on the demo bundle).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogue, codes, verify, vocabulary } from 'qinglian';
import { fixture } from './helpers.mjs';

const root = await fixture('demo/root.json');
const bundle = await fixture('demo/bundle.qlb');

/** Every object in `items` has exactly `keys` (in any order); at least one object is checked. */
function shape(what, items, keys) {
  const list = items.filter((x) => x !== null && x !== undefined);
  assert.ok(list.length > 0, `${what}: the demo has at least one`);
  for (const x of list) assert.deepEqual(Object.keys(x).sort(), [...keys].sort(), what);
}

test('the analysis has the shapes of js/api.d.ts', async () => {
  const { analysis } = await verify(bundle, { root });
  assert.ok(analysis);
  shape('Analysis', [analysis], ['findings', 'checks', 'graph', 'projects', 'supervision']);
  shape('Finding', analysis.findings, ['id', 'check', 'family', 'severity', 'title', 'project', 'tender', 'message', 'evidence', 'values', 'source']);
  shape('Evidence', analysis.findings.flatMap((f) => f.evidence), ['id', 'role', 'kind', 'log', 'seq', 'line']);
  shape('CheckRun', analysis.checks, ['id', 'status', 'findings', 'not_evaluated']);
  shape('CoBiddingGraph', [analysis.graph], ['nodes', 'edges', 'truncated']);
  shape('FirmNode', analysis.graph.nodes, ['id', 'name', 'tenders', 'wins']);
  shape('FirmEdge', analysis.graph.edges, ['source', 'target', 'weight', 'reasons']);
  shape('FirmEdge.reasons[]', analysis.graph.edges.flatMap((e) => e.reasons), ['reason', 'tenders', 'check']);
  const p = analysis.projects;
  shape('ProjectView', p, ['project', 'name', 'owner', 'project_type', 'project_type_label', 'status', 'cost_chain', 'timeline', 'tenders', 'payments', 'supervision', 'findings']);
  shape('FirmRef', p.map((x) => x.owner), ['uscc', 'name']);
  shape('CostStage', p.flatMap((x) => x.cost_chain), ['stage', 'label', 'amount_fen', 'record', 'records']);
  shape('TimelineEntry', p.flatMap((x) => x.timeline), ['date', 'kind', 'title', 'department', 'record']);
  const tenders = p.flatMap((x) => x.tenders);
  shape('TenderView', tenders, ['tender_id', 'title', 'ceiling_fen', 'published_date', 'deadline', 'evaluation', 'record', 'bids', 'award', 'screens']);
  shape('Screens', tenders.map((t) => t.screens), ['n', 'mean_fen', 'sd_fen', 'cv', 'spread', 'rd', 'skewness', 'kurtosis', 'lowest_fen', 'second_fen', 'highest_fen']);
  shape('BidView', tenders.flatMap((t) => t.bids), ['bidder', 'name', 'price_fen', 'disqualified', 'winner', 'record']);
  shape('BidView.disqualified', tenders.flatMap((t) => t.bids.map((b) => b.disqualified)), ['reason', 'label', 'detail']);
  shape('AwardView', tenders.map((t) => t.award), ['winner', 'name', 'price_fen', 'notice_date', 'record']);
  shape('PaymentsView', p.map((x) => x.payments), ['contract_fen', 'contract_with_changes_fen', 'series']);
  shape('PaymentPoint', p.flatMap((x) => x.payments.series), ['date', 'amount_fen', 'cumulative_fen', 'type', 'payee', 'contract_no', 'record']);
  const problems = p.flatMap((x) => x.supervision);
  shape('ProblemView', problems, ['problem_id', 'found_date', 'due_date', 'responsible', 'category', 'severity', 'description', 'check_id', 'record', 'rectifications', 'status', 'status_label']);
  shape('ProblemView.rectifications[]', problems.flatMap((x) => x.rectifications), ['date', 'status', 'by', 'description', 'record']);
  const statuses = new Set(['rectified', 'rectified_late', 'in_progress', 'overdue', 'open']);
  for (const x of problems) assert.ok(statuses.has(x.status), x.status);
  const board = analysis.supervision;
  shape('SupervisionBoard', [board], ['as_of', 'due_soon_days', 'problems', 'counts', 'tasks']);
  shape('BoardProblem', board.problems, ['problem_id', 'status', 'overdue', 'raised_by', 'responsible', 'responsible_dept', 'category', 'severity', 'description', 'suggestion', 'compared', 'found_date', 'due_date', 'project', 'task_id', 'check_id', 'id', 'refs', 'history']);
  shape('ProblemHistoryEntry', board.problems.flatMap((x) => x.history), ['kind', 'id', 'log', 'seq', 'line', 'date', 'state', 'text', 'counted']);
  shape('BoardCounts', [board.counts], ['found', 'rectified', 'confirmed', 'overdue', 'by_status', 'by_responsible', 'by_category']);
  shape('BoardCounts.by_responsible[]', board.counts.by_responsible, ['responsible', 'found', 'rectified', 'confirmed', 'overdue']);
  shape('BoardTask', board.tasks, ['task_id', 'title', 'mode', 'lead_dept', 'participating_depts', 'projects', 'start_date', 'due_date', 'problems', 'id']);
  // The demo confirms most rectifications and reopens some: the board shows both, and its counts add up.
  assert.ok(board.counts.by_status.confirmed > 0 && board.counts.by_status.reopened > 0, JSON.stringify(board.counts.by_status));
  assert.equal(Object.values(board.counts.by_status).reduce((a, b) => a + b, 0), board.problems.length);
  assert.equal(board.counts.found, board.problems.length);
  const reasons = new Set(['shared_person', 'shared_agent', 'shared_compiler', 'shared_account', 'shared_machine', 'shared_document', 'shared_ip', 'control', 'price_pattern', 'rotation', 'co_bidding']);
  for (const r of analysis.graph.edges.flatMap((e) => e.reasons)) assert.ok(reasons.has(r.reason), r.reason);
  const ids = analysis.findings.map((f) => f.id);
  assert.equal(new Set(ids).size, ids.length, 'finding ids are unique');
});

test('vocabulary(): every kind, family, graph reason, cost stage and code the demo report uses has its names', async () => {
  const report = await verify(bundle, { root });
  const v = vocabulary();
  const ids = (list) => new Set(list.map((t) => t.id));
  for (const [name, list] of Object.entries(v)) {
    for (const t of list) {
      assert.ok(typeof t.id === 'string' && t.zh && t.en, `${name}: ${JSON.stringify(t)}`);
    }
  }
  const kinds = ids(v.kinds);
  for (const p of report.analysis.projects) for (const e of p.timeline) assert.ok(kinds.has(e.kind), `kind ${e.kind}`);
  const families = ids(v.families);
  for (const c of catalogue()) assert.ok(families.has(c.family), `family ${c.family}`);
  const reasons = ids(v.graph_reasons);
  const used = report.analysis.graph.edges.flatMap((e) => e.reasons.map((r) => r.reason));
  assert.ok(used.length > 0);
  for (const r of used) assert.ok(reasons.has(r), `graph reason ${r}`);
  const stages = ids(v.cost_stages);
  for (const p of report.analysis.projects) for (const s of p.cost_chain) assert.ok(stages.has(s.stage), `cost stage ${s.stage}`);
  assert.deepEqual([...ids(v.codes)].sort(), codes().map((c) => c.code).sort());
});
