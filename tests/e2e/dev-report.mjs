#!/usr/bin/env node
// A hand-made report in the shape the page expects from the core (www/src/types.ts), for developing
// the page while the checks engine is being written. It is NOT a verification result: the page shows
// it with a "development report" banner (?report=dev/report.json, served build only).
//   node tests/e2e/dev-report.mjs www/dist/dev/report.json
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const out = process.argv[2] ?? 'www/dist/dev/report.json';
let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const hex = (n) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
const M = (zh, en) => ({ zh, en });

const depts = [
  ['fgw', '市发展和改革委员会', 'Development and Reform Commission', ['approval', 'budget_estimate']],
  ['zrzy', '市自然资源和规划局', 'Natural Resources and Planning Bureau', ['land_permit', 'planning_permit']],
  ['zjj', '市住房和城乡建设局', 'Housing and Construction Bureau', ['registration', 'contract_filing', 'construction_permit', 'completion_filing']],
  ['ggzy', '市公共资源交易中心', 'Public Resources Trading Centre', ['tender', 'bid', 'opening', 'publicity', 'award']],
  ['czj', '市财政局', 'Finance Bureau', ['payment', 'final_accounts']],
  ['sjj', '市审计局', 'Audit Bureau', ['audit', 'problem']],
  ['zjz', '市建设工程质量监督站', 'Construction Quality Station', ['inspection']],
  ['ajz', '市建筑安全监督站', 'Construction Safety Station', ['inspection']],
  ['scjg', '市市场监督管理局', 'Market Regulation Bureau', ['company']],
  ['jsdw', '市城市建设投资有限公司', 'City Construction Investment Co.', ['contract', 'start', 'progress', 'change_order', 'acceptance', 'settlement', 'rectification']],
];

const firms = [
  ['91429005MA4F1A2B3C', M('汉川宏达建设工程有限公司', 'Hanchuan Hongda Construction Co.')],
  ['91429005MA4F2C3D4E', M('湖北鑫源建筑工程有限公司', 'Hubei Xinyuan Building Co.')],
  ['91429005MA4F3E4F5G', M('仙桃市恒泰市政工程有限公司', 'Xiantao Hengtai Municipal Works Co.')],
  ['91429005MA4F4G5H6J', M('江汉路桥建设有限公司', 'Jianghan Road & Bridge Co.')],
  ['91429005MA4F5J6K7L', M('武汉中诚建工集团有限公司', 'Wuhan Zhongcheng Construction Group')],
  ['91429005MA4F6L7M8N', M('湖北楚天园林工程有限公司', 'Hubei Chutian Landscaping Co.')],
  ['91429005MA4F7N8P9Q', M('仙桃市城建安装工程有限公司', 'Xiantao City Installation Co.')],
  ['91429005MA4F8Q9R0T', M('荆楚装饰工程有限公司', 'Jingchu Decoration Co.')],
  ['91429005MA4F9T0U1W', M('汉江水务工程有限公司', 'Hanjiang Water Works Co.')],
];
const firmName = Object.fromEntries(firms);

const records = {};
const logSeq = {};
let line = 2;
function rec(dept, kind, kindZh, kindEn, time, project, summary, body) {
  const log = `${dept}/main`;
  logSeq[log] = (logSeq[log] ?? 0) + 1;
  const id = hex(64);
  records[id] = { id, kind, kind_name: M(kindZh, kindEn), log, seq: logSeq[log], department: dept, line: line++, time, project, signature: 'verified', chain: 'linked', summary, body };
  return id;
}

const projects = [];
const findings = [];
const fen = (yuan) => Math.round(yuan * 100);
const y = (f) => `¥${(f / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

function finding(check, family, severity, title, message, project, recs, values, source, extra = {}) {
  const f = {
    id: `${check}:${project ?? 'x'}:${findings.length + 1}`,
    check, family, severity, title, message, project,
    departments: [...new Set(recs.map((r) => records[r]?.department).filter(Boolean))],
    source,
    evidence: { records: recs, values },
    ...extra,
  };
  findings.push(f);
  return f.id;
}

const specs = [
  ['2023-429005-48-01-000101', M('城南污水处理厂扩建工程', 'Chengnan Wastewater Plant Extension'), 'overrun'],
  ['2023-429005-48-01-000102', M('人民路道路改造工程', 'Renmin Road Reconstruction'), 'collusion'],
  ['2023-429005-48-01-000103', M('第三中学教学楼新建工程', 'No. 3 Middle School Teaching Building'), 'contract'],
  ['2024-429005-48-01-000104', M('滨江公园景观提升工程', 'Riverside Park Landscaping'), 'permit'],
  ['2024-429005-48-01-000105', M('市民中心装修工程', 'Civic Centre Fit-out'), 'split'],
  ['2024-429005-48-01-000106', M('老旧小区改造（一期）', 'Old Residential Estates Renewal, phase 1'), 'rectify'],
  ['2024-429005-48-01-000107', M('东湖路雨污分流工程', 'Donghu Road Sewer Separation'), 'clean'],
  ['2024-429005-48-01-000108', M('仙下河综合整治工程', 'Xianxia River Rehabilitation'), 'collusion2'],
  ['2025-429005-48-01-000109', M('市第一人民医院门诊楼', 'First People’s Hospital Outpatient Building'), 'clean'],
  ['2025-429005-48-01-000110', M('高新区标准厂房（二期）', 'Hi-tech Zone Standard Factories, phase 2'), 'clean'],
];

const edges = new Map();
function link(a, b, reason, tender, project, fid) {
  const k = [a, b].sort().join('|');
  const e = edges.get(k) ?? { source: [a, b].sort()[0], target: [a, b].sort()[1], reasons: [], tenders: [], projects: [], findings: [] };
  if (!e.reasons.includes(reason)) e.reasons.push(reason);
  if (!e.tenders.includes(tender)) e.tenders.push(tender);
  if (!e.projects.includes(project)) e.projects.push(project);
  if (fid && !e.findings.includes(fid)) e.findings.push(fid);
  edges.set(k, e);
}
const bidCount = {};
const winCount = {};

specs.forEach(([code, name, story], pi) => {
  const yr = Number(code.slice(0, 4));
  const d = (m, day) => `${yr}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:00:00+08:00`;
  const base = fen(8_000_000 + pi * 3_700_000 + Math.floor(rnd() * 2_000_000));
  const estimate = base;
  const budget = Math.round(base * 0.97);
  const ceiling = Math.round(budget * 0.95);
  const tl = [];
  const ev = (time, kind, kzh, ken, dept, label, id, f) => tl.push({ time, kind, kind_name: M(kzh, ken), department: dept, record: id, label, finding: f ?? false });
  const rA = rec('fgw', 'approval', '立项批复', 'Approval', d(1, 10), code, M(`估算 ${y(estimate)}`, `estimate ${y(estimate)}`));
  ev(d(1, 10), 'approval', '立项', 'Approval', 'fgw', M(`立项批复，估算 ${y(estimate)}`, `Approved, estimate ${y(estimate)}`), rA);
  const rB = rec('fgw', 'budget_estimate', '初步设计概算', 'Design estimate', d(2, 20), code, M(`概算 ${y(budget)}`, `design estimate ${y(budget)}`));
  ev(d(2, 20), 'budget_estimate', '初步设计/概算', 'Design estimate', 'fgw', M(`概算 ${y(budget)}`, `Design estimate ${y(budget)}`), rB);
  const rL = rec('zrzy', 'planning_permit', '规划许可', 'Planning permit', d(3, 5), code);
  ev(d(3, 5), 'planning_permit', '规划许可', 'Planning permit', 'zrzy', M('建设工程规划许可证', 'Construction planning permit'), rL);
  const tenderId = `${code}/T1`;
  const rT = rec('ggzy', 'tender', '招标公告', 'Tender notice', d(4, 1), code, M(`控制价 ${y(ceiling)}`, `ceiling ${y(ceiling)}`));
  ev(d(4, 1), 'tender', '招标', 'Tender', 'ggzy', M(`招标公告，控制价 ${y(ceiling)}`, `Tender notice, ceiling ${y(ceiling)}`), rT);
  // bidders
  const group = story === 'collusion' ? [0, 1, 2, 3, 4] : story === 'collusion2' ? [0, 1, 2, 8] : [(pi + 3) % 9, (pi + 5) % 9, (pi + 6) % 9, (pi + 7) % 9, (pi + 1) % 9];
  const bids = group.map((fi, i) => {
    const f = firms[fi][0];
    const price = story === 'collusion' ? Math.round(ceiling * (0.995 - i * 0.01)) : Math.round(ceiling * (0.88 + rnd() * 0.1));
    const id = rec('ggzy', 'bid', '投标文件', 'Bid', d(4, 25), code, M(`${firmName[f].zh} 报价 ${y(price)}`, `${firmName[f].en} bids ${y(price)}`));
    bidCount[f] = (bidCount[f] ?? 0) + 1;
    return { bidder: f, bidder_name: firmName[f], fen: price, record: id, winner: false, disqualified: null };
  });
  bids.sort((a, b) => a.fen - b.fen);
  bids.forEach((b, i) => (b.rank = i + 1));
  let win = bids[0];
  if (story === 'collusion') win = bids[bids.length - 1];
  win.winner = true;
  winCount[win.bidder] = (winCount[win.bidder] ?? 0) + 1;
  if (story === 'clean' && bids.length > 3) bids[3].disqualified = M('投标保证金未按时缴纳', 'bid bond not paid on time');
  const rO = rec('ggzy', 'opening', '开标记录', 'Opening', d(4, 26), code);
  ev(d(4, 26), 'opening', '开标', 'Opening', 'ggzy', M(`开标，${bids.length} 家投标`, `Opened, ${bids.length} bids`), rO);
  const rW = rec('ggzy', 'award', '中标通知书', 'Award notice', d(5, 8), code, M(`${firmName[win.bidder].zh} 中标 ${y(win.fen)}`, `${firmName[win.bidder].en} wins at ${y(win.fen)}`));
  ev(d(5, 8), 'award', '中标通知', 'Award', 'ggzy', M(`中标人 ${firmName[win.bidder].zh}，${y(win.fen)}`, `Award to ${firmName[win.bidder].en}, ${y(win.fen)}`), rW);
  let contract = win.fen;
  let contractDay = [5, 20];
  if (story === 'contract') {
    contract = Math.round(win.fen * 1.035);
    contractDay = [7, 15];
  }
  const rC = rec('jsdw', 'contract', '施工合同', 'Contract', d(...contractDay), code, M(`合同金额 ${y(contract)}`, `contract ${y(contract)}`));
  ev(d(...contractDay), 'contract', '合同签订', 'Contract signed', 'jsdw', M(`合同 ${y(contract)}`, `Contract ${y(contract)}`), rC);
  const rF = rec('zjj', 'contract_filing', '合同备案', 'Contract filing', d(contractDay[0], contractDay[1] + 3), code);
  ev(d(contractDay[0], contractDay[1] + 3), 'contract_filing', '合同备案', 'Contract filed', 'zjj', M('合同备案', 'Contract filed'), rF);
  const permitDay = story === 'permit' ? [8, 1] : [6, 10];
  const startDay = [6, 20];
  const rP = rec('zjj', 'construction_permit', '施工许可证', 'Construction permit', d(...permitDay), code);
  const rS = rec('jsdw', 'start', '开工报告', 'Start of works', d(...startDay), code);
  ev(d(...permitDay), 'construction_permit', '施工许可', 'Construction permit', 'zjj', M('施工许可证核发', 'Construction permit issued'), rP);
  ev(d(...startDay), 'start', '开工', 'Works start', 'jsdw', M('开工', 'Works started'), rS, story === 'permit');
  const rQ = rec('zjz', 'inspection', '质量监督检查', 'Quality inspection', d(9, 12), code, M(story === 'permit' ? '主体结构检查不合格' : '检查合格', story === 'permit' ? 'structure failed inspection' : 'passed'));
  ev(d(9, 12), 'inspection', '质量监督', 'Quality inspection', 'zjz', M(story === 'permit' ? '检查不合格' : '检查合格', story === 'permit' ? 'Failed' : 'Passed'), rQ, story === 'permit');

  // payments
  const entries = [];
  let cum = 0;
  const payIds = [];
  const pay = (m, dd, type, tzh, ten, amount, completed) => {
    cum += amount;
    const id = rec('czj', 'payment', '资金拨付', 'Payment', d(m, dd), code, M(`${tzh} ${y(amount)}`, `${ten} ${y(amount)}`));
    payIds.push(id);
    entries.push({ time: d(m, dd), type, type_name: M(tzh, ten), fen: amount, cumulative_fen: cum, completed_fen: completed, payee: win.bidder, payee_name: firmName[win.bidder], record: id, findings: [] });
    ev(d(m, dd), 'payment', '资金拨付', 'Payment', 'czj', M(`${tzh} ${y(amount)}`, `${ten} ${y(amount)}`), id);
  };
  pay(6, 25, 'advance', '预付款', 'Advance', Math.round(contract * (story === 'rectify' ? 0.4 : 0.2)), null);
  pay(9, 30, 'progress', '进度款', 'Progress', Math.round(contract * 0.3), Math.round(contract * 0.45));
  pay(12, 20, 'progress', '进度款', 'Progress', Math.round(contract * 0.3), Math.round(contract * 0.8));
  let settlement = contract;
  let finalAcc = contract;
  let audit = null;
  if (story === 'overrun') {
    settlement = Math.round(contract * 1.32);
    finalAcc = Math.round(contract * 1.3);
    audit = Math.round(contract * 1.08);
    pay(12, 28, 'final', '结算款', 'Final', Math.round(contract * 0.55), Math.round(contract * 1.32));
  }
  const rSt = rec('jsdw', 'settlement', '竣工结算', 'Settlement', `${yr + 1}-03-10T10:00:00+08:00`, code, M(`结算 ${y(settlement)}`, `settlement ${y(settlement)}`));
  const rFa = rec('czj', 'final_accounts', '竣工决算', 'Final accounts', `${yr + 1}-05-10T10:00:00+08:00`, code, M(`决算 ${y(finalAcc)}`, `final accounts ${y(finalAcc)}`));
  ev(`${yr + 1}-03-10T10:00:00+08:00`, 'settlement', '结算', 'Settlement', 'jsdw', M(`结算 ${y(settlement)}`, `Settlement ${y(settlement)}`), rSt, story === 'overrun');
  ev(`${yr + 1}-05-10T10:00:00+08:00`, 'final_accounts', '决算', 'Final accounts', 'czj', M(`决算 ${y(finalAcc)}`, `Final accounts ${y(finalAcc)}`), rFa, story === 'overrun');
  let rAu = null;
  if (audit) {
    rAu = rec('sjj', 'audit', '审计报告', 'Audit report', `${yr + 1}-07-01T10:00:00+08:00`, code, M(`审定 ${y(audit)}`, `audited ${y(audit)}`));
    ev(`${yr + 1}-07-01T10:00:00+08:00`, 'audit', '审计', 'Audit', 'sjj', M(`审定金额 ${y(audit)}，审减 ${(((settlement - audit) / settlement) * 100).toFixed(1)}%`, `Audited ${y(audit)}, reduced ${(((settlement - audit) / settlement) * 100).toFixed(1)}%`), rAu, true);
  }
  const pf = [];
  // findings per story
  const projFindings = [];
  const ids = { rA, rB, rT, rW, rC, rF, rP, rS, rQ, rSt, rFa, rAu };
  if (story === 'overrun') {
    const f1 = finding('COST-03', 'cost', 'high', M('决算超概算', 'Final accounts exceed the budget'),
      M(`决算 ${y(finalAcc)} 超出合同价加已批变更 ${y(contract)} 30.0%（阈值 10%）`, `Final accounts ${y(finalAcc)} exceed contract plus approved changes ${y(contract)} by 30.0% (threshold 10%)`),
      code, [rC, rFa], [{ name: M('合同价加已批变更', 'Contract plus approved changes'), fen: contract }, { name: M('决算', 'Final accounts'), fen: finalAcc }, { name: M('超出比例', 'Excess'), display: '+30.0%' }, { name: M('阈值', 'Threshold'), display: '10%' }],
      M('政府投资条例 第23条', 'Government Investment Regulation art. 23'));
    const f2 = finding('COST-06', 'cost', 'medium', M('审减率过高', 'High audit reduction rate'),
      M(`审定金额 ${y(audit)} 较结算 ${y(settlement)} 审减 18.2%（阈值 15%）`, `Audited ${y(audit)} is 18.2% below the settlement ${y(settlement)} (threshold 15%)`),
      code, [rSt, rAu], [{ name: M('结算', 'Settlement'), fen: settlement }, { name: M('审定', 'Audited'), fen: audit }, { name: M('审减率', 'Reduction'), display: '18.2%' }],
      M('审计实务', 'Audit practice'));
    const f3 = finding('PAY-01', 'payment', 'high', M('累计拨付超合同', 'Payments exceed the contract'),
      M(`累计拨付 ${y(cum)} 超出合同金额加已批变更 ${y(contract)}`, `Cumulative payments ${y(cum)} exceed contract plus approved changes ${y(contract)}`),
      code, [rC, ...payIds], [{ name: M('累计拨付', 'Cumulative payments'), fen: cum }, { name: M('合同加变更', 'Contract plus changes'), fen: contract }],
      M('政府投资条例 第23条', 'Government Investment Regulation art. 23'));
    entries[entries.length - 1].findings = [f3];
    projFindings.push(f1, f2, f3);
    pf.push(f1);
  }
  if (story === 'collusion' || story === 'collusion2') {
    const g = bids.map((b) => b.bidder);
    const f1 = finding('BID-05', 'bidding', 'high', M('不同投标人的投标文件相同', 'Identical bid documents across bidders'),
      M(`${firmName[g[0]].zh} 与 ${firmName[g[1]].zh} 的投标文件哈希相同`, `${firmName[g[0]].en} and ${firmName[g[1]].en} submitted files with the same hash`),
      code, [bids[0].record, bids[1].record], [{ name: M('文件哈希', 'Document hash'), value: hex(64) }],
      M('招标投标法实施条例 第40条(五)', 'Bidding Law Implementing Regulations art. 40(5)'), { tender: tenderId, firms: [g[0], g[1]] });
    link(g[0], g[1], 'document', tenderId, code, f1);
    const f2 = finding('BID-07', 'bidding', 'high', M('同一设备上传投标文件', 'Bids uploaded from the same machine'),
      M(`${firmName[g[1]].zh}、${firmName[g[2]].zh} 的投标文件由同一台计算机（MAC、CPU、硬盘序列号一致）上传`, `${firmName[g[1]].en} and ${firmName[g[2]].en} uploaded from one computer (same MAC, CPU and disk serials)`),
      code, [bids[1].record, bids[2].record], [{ name: 'MAC', value: '3C-7C-3F-1A-22-9B' }, { name: M('硬盘序列号', 'Disk serial'), value: 'WD-WX21A9C0PLK7' }],
      M('福建省电子招投标规定（2018）', 'Fujian e-bidding rules (2018)'), { tender: tenderId, firms: [g[1], g[2]] });
    link(g[1], g[2], 'machine', tenderId, code, f2);
    const f3 = finding('BID-06', 'bidding', 'high', M('投标保证金从同一账户缴纳', 'Bid bonds paid from one account'),
      M(`${firmName[g[0]].zh}、${firmName[g[3]].zh} 的投标保证金由同一账户 6222 **** 8841 缴纳`, `Bid bonds of ${firmName[g[0]].en} and ${firmName[g[3]].en} were paid from one account 6222 **** 8841`),
      code, [bids[0].record, bids[3].record], [{ name: M('付款账户', 'Payer account'), value: '6222 **** 8841' }],
      M('招标投标法实施条例 第40条(六)', 'Bidding Law Implementing Regulations art. 40(6)'), { tender: tenderId, firms: [g[0], g[3]] });
    link(g[0], g[3], 'account', tenderId, code, f3);
    projFindings.push(f1, f2, f3);
    if (story === 'collusion') {
      const f4 = finding('BID-12', 'bidding', 'medium', M('中标价接近控制价', 'Winning bid within 1% of the ceiling'),
        M(`中标价 ${y(win.fen)} 为控制价 ${y(ceiling)} 的 ${((win.fen / ceiling) * 100).toFixed(1)}%`, `Winning bid ${y(win.fen)} is ${((win.fen / ceiling) * 100).toFixed(1)}% of the ceiling ${y(ceiling)}`),
        code, [rT, rW], [{ name: M('控制价', 'Ceiling'), fen: ceiling }, { name: M('中标价', 'Winning bid'), fen: win.fen }],
        M('OCP 红旗指标 i171', 'OCP red flag i171'), { tender: tenderId });
      const f5 = finding('BID-04', 'bidding', 'medium', M('报价呈等差数列', 'Bids in arithmetic progression'),
        M('5 家投标报价依次相差控制价的 1.0%', 'The 5 bids step down by exactly 1.0% of the ceiling'),
        code, bids.map((b) => b.record), bids.map((b) => ({ name: b.bidder_name, fen: b.fen })),
        M('招标投标法实施条例 第40条(四)', 'Bidding Law Implementing Regulations art. 40(4)'), { tender: tenderId });
      const f6 = finding('BID-03', 'bidding', 'high', M('不同投标人委派同一项目管理人员', 'Same project manager named by different bidders'),
        M(`${firmName[g[2]].zh} 与 ${firmName[g[4]].zh} 的项目经理均为 注册建造师 鄂142070812345`, `${firmName[g[2]].en} and ${firmName[g[4]].en} both name constructor 鄂142070812345 as project manager`),
        code, [bids[2].record, bids[4].record], [{ name: M('注册号', 'Registration'), value: '鄂142070812345' }],
        M('招标投标法实施条例 第40条(三)', 'Bidding Law Implementing Regulations art. 40(3)'), { tender: tenderId, firms: [g[2], g[4]] });
      link(g[2], g[4], 'person', tenderId, code, f6);
      projFindings.push(f4, f5, f6);
    } else {
      link(g[0], g[1], 'rotation', tenderId, code, null);
    }
  }
  if (story === 'contract') {
    const f1 = finding('COST-04', 'cost', 'high', M('合同金额与中标价不一致', 'Contract amount differs from the winning bid'),
      M(`合同金额 ${y(contract)} 与中标价 ${y(win.fen)} 不一致 (+3.5%)`, `Contract amount ${y(contract)} differs from the winning bid ${y(win.fen)} (+3.5%)`),
      code, [rW, rC], [{ name: M('中标价', 'Winning bid'), fen: win.fen }, { name: M('合同金额', 'Contract'), fen: contract }, { name: M('差额', 'Difference'), display: '+3.5%' }],
      M('招标投标法 第46条', 'Bidding Law art. 46'));
    const f2 = finding('CONTRACT-01', 'contract', 'medium', M('中标后逾期签订合同', 'Contract signed late after the award'),
      M('合同于中标通知后 68 天签订（上限 30 天）', 'Contract signed 68 days after the award notice (limit 30 days)'),
      code, [rW, rC], [{ name: M('中标通知', 'Award'), value: d(5, 8).slice(0, 10) }, { name: M('合同签订', 'Contract'), value: d(7, 15).slice(0, 10) }, { name: M('间隔', 'Interval'), display: M('68 天', '68 days') }],
      M('招标投标法 第46条', 'Bidding Law art. 46'));
    projFindings.push(f1, f2);
    pf.push(f1);
  }
  if (story === 'permit') {
    const f1 = finding('PROC-02', 'procedure', 'high', M('未取得施工许可即开工', 'Works started before the construction permit'),
      M(`开工日期 ${d(6, 20).slice(0, 10)} 早于施工许可 ${d(8, 1).slice(0, 10)}`, `Works started ${d(6, 20).slice(0, 10)}, before the permit of ${d(8, 1).slice(0, 10)}`),
      code, [rS, rP], [{ name: M('开工', 'Start'), value: d(6, 20).slice(0, 10) }, { name: M('施工许可', 'Permit'), value: d(8, 1).slice(0, 10) }],
      M('建筑法 第7条', 'Construction Law art. 7'));
    const f2 = finding('SITE-01', 'site', 'high', M('质量检查不合格后通过验收', 'Accepted after a failed inspection'),
      M('质量监督检查不合格后无复查合格记录，项目已竣工验收', 'Completion accepted although the failed quality inspection has no later pass'),
      code, [rQ], [{ name: M('检查结果', 'Result'), display: M('不合格', 'failed') }],
      M('建设工程质量管理条例', 'Construction Quality Regulations'));
    projFindings.push(f1, f2);
  }
  if (story === 'split') {
    const f1 = finding('PROC-05', 'procedure', 'high', M('化整为零规避招标', 'Contracts split below the tender threshold'),
      M('同一建设单位 60 天内签订 3 份合同，各 ¥3,950,000.00 左右，均低于必须招标限额 ¥4,000,000.00', 'The owner signed 3 contracts within 60 days of about ¥3,950,000.00 each, all just below the ¥4,000,000.00 tender threshold'),
      code, [rC], [{ name: M('限额', 'Threshold'), fen: 400_000_000 }, { name: M('合同 1', 'Contract 1'), fen: 395_000_000 }, { name: M('合同 2', 'Contract 2'), fen: 394_200_000 }, { name: M('合同 3', 'Contract 3'), fen: 398_800_000 }],
      M('必须招标的工程项目规定 第5条；招标投标法 第4条', 'Rules on works that must be tendered art. 5; Bidding Law art. 4'));
    projFindings.push(f1);
  }
  const supervision = [];
  if (story === 'rectify' || story === 'permit') {
    const rPr = rec('sjj', 'problem', '监督发现问题', 'Problem found', d(10, 8), code, M('施工现场安全防护不到位', 'site safety protection inadequate'));
    supervision.push({ problem: M('施工现场临边防护缺失，脚手架未验收即使用', 'Edge protection missing; scaffolding used before acceptance'), found: d(10, 8), due: d(10, 30), department: 'sjj', responsible: 'jsdw', record: rPr, rectified: null, status: M('逾期未整改', 'Overdue, not rectified') });
    const rPr2 = rec('sjj', 'problem', '监督发现问题', 'Problem found', d(11, 2), code);
    const rRe = rec('jsdw', 'rectification', '整改报告', 'Rectification', d(11, 20), code);
    supervision.push({ problem: M('隐蔽工程验收资料不全', 'Concealed-works acceptance papers incomplete'), found: d(11, 2), due: d(11, 30), department: 'sjj', responsible: 'jsdw', record: rPr2, rectified: d(11, 20), rectification: rRe, status: M('已整改', 'Rectified') });
    const f1 = finding('SUP-01', 'supervision', 'medium', M('问题逾期未整改', 'Problem not rectified by its due date'),
      M(`监督发现的问题（${d(10, 8).slice(0, 10)}）至整改期限 ${d(10, 30).slice(0, 10)} 无整改记录`, `The problem found on ${d(10, 8).slice(0, 10)} has no rectification by its due date ${d(10, 30).slice(0, 10)}`),
      code, [rPr], [{ name: M('整改期限', 'Due'), value: d(10, 30).slice(0, 10) }],
      M('本市周/月跟踪制度', 'City weekly/monthly follow-up'));
    supervision[0].findings = [f1];
    projFindings.push(f1);
    if (story === 'rectify') {
      const f2 = finding('PAY-04', 'payment', 'medium', M('预付款比例超出范围', 'Advance payment outside 10%–30%'),
        M(`预付款 ${y(entries[0].fen)} 为合同金额的 40.0%（范围 10%–30%）`, `Advance ${y(entries[0].fen)} is 40.0% of the contract (range 10%–30%)`),
        code, [rC, payIds[0]], [{ name: M('合同金额', 'Contract'), fen: contract }, { name: M('预付款', 'Advance'), fen: entries[0].fen }, { name: M('比例', 'Share'), display: '40.0%' }],
        M('财建〔2004〕369号 第12条', 'Caijian [2004] No. 369 art. 12'));
      entries[0].findings = [f2];
      projFindings.push(f2);
    }
  }
  const stepsRaw = [
    ['estimate', '估算', 'Estimate', estimate, rA, d(1, 10), null],
    ['budget_estimate', '概算', 'Design estimate', budget, rB, d(2, 20), estimate],
    ['ceiling', '控制价', 'Ceiling price', ceiling, rT, d(4, 1), budget],
    ['winning_bid', '中标价', 'Winning bid', win.fen, rW, d(5, 8), ceiling],
    ['contract', '合同价', 'Contract', contract, rC, d(...contractDay), win.fen],
    ['settlement', '结算', 'Settlement', settlement, rSt, `${yr + 1}-03-10T10:00:00+08:00`, contract],
    ['final_accounts', '决算', 'Final accounts', finalAcc, rFa, `${yr + 1}-05-10T10:00:00+08:00`, contract],
    ['audit', '审计', 'Audit', audit, rAu, audit ? `${yr + 1}-07-01T10:00:00+08:00` : null, null],
  ];
  const cost_chain = stepsRaw.map(([stage, zh, en, f, r, date, limit]) => ({
    stage, label: M(zh, en), fen: f, record: r, date, limit_fen: limit,
    delta_bp: limit && f !== null ? Math.round(((f - limit) / limit) * 10000) : null,
    findings: (stage === 'final_accounts' && story === 'overrun') || (stage === 'contract' && story === 'contract') ? pf : [],
  }));
  const screens = bids.length >= 4 ? [
    { name: 'cv', label: M('变异系数', 'Coefficient of variation'), value: story === 'collusion' ? 0.0158 : 0.041 + rnd() * 0.02, fence: [0.021, 0.112], flagged: story === 'collusion' },
    { name: 'spread', label: M('价差', 'Spread'), value: story === 'collusion' ? 0.041 : 0.09 + rnd() * 0.05, fence: [0.05, 0.31], flagged: story === 'collusion' },
    { name: 'rd', label: M('最低两价相对距离', 'Relative distance'), value: 1.0 + rnd(), fence: [0.1, 3.9], flagged: false },
    { name: 'skew', label: M('偏度', 'Skewness'), value: rnd() - 0.5, fence: [-1.6, 1.6], flagged: false },
    { name: 'kurt', label: M('峰度', 'Kurtosis'), value: story === 'collusion' ? -3.1 : rnd() * 2 - 1, fence: [-2.4, 2.9], flagged: story === 'collusion' },
  ] : null;
  const counts = { high: 0, medium: 0, low: 0 };
  for (const id of projFindings) counts[findings.find((f) => f.id === id).severity]++;
  tl.sort((a, b) => a.time.localeCompare(b.time));
  projects.push({
    code, name, owner: '91429005MA49XYZ12K', owner_name: M('市城市建设投资有限公司', 'City Construction Investment Co.'),
    status: story === 'overrun' ? M('已审计', 'Audited') : M('已决算', 'Final accounts'), stage: 'final_accounts',
    departments: [...new Set(tl.map((e) => e.department))],
    findings: counts,
    timeline: tl,
    cost_chain,
    tenders: [{ id: tenderId, name: M(`${name.zh} 施工`, `${name.en} works`), record: rT, ceiling_fen: ceiling, opened: d(4, 26), winner: win.bidder, bids, screens, findings: projFindings.filter((id) => id.startsWith('BID')) }],
    payments: { contract_fen: contract, limit_fen: contract, entries },
    supervision,
  });
});

// a few low findings across the bundle
finding('BID-10', 'bidding', 'low', M('投标价格分布异常', 'Bid distribution outside the fences'),
  M('变异系数 0.0158 与峰度 −3.10 低于全市下围栏（Q1−1.5·IQR）', 'Coefficient of variation 0.0158 and kurtosis −3.10 below the city-wide lower fences (Q1−1.5·IQR)'),
  specs[1][0], [], [{ name: M('变异系数', 'CV'), value: 0.0158 }, { name: M('下围栏', 'Lower fence'), value: 0.021 }],
  M('Imhof 2017；Huber & Imhof 2019', 'Imhof 2017; Huber & Imhof 2019'), { tender: `${specs[1][0]}/T1` });
finding('BID-11', 'bidding', 'medium', M('轮流中标', 'Bid rotation'),
  M('汉川宏达、湖北鑫源、仙桃恒泰 3 家企业在 4 次招标中共同投标并轮流中标', 'Hongda, Xinyuan and Hengtai co-bid in 4 tenders and took turns winning'),
  null, [], [{ name: M('共同投标次数', 'Co-bids'), value: 4 }],
  M('OECD 反围标指南', 'OECD bid-rigging guidelines'), { firms: [firms[0][0], firms[1][0], firms[2][0]] });
link(firms[0][0], firms[2][0], 'rotation', `${specs[7][0]}/T1`, specs[7][0], findings[findings.length - 1].id);

// ---- into the core's shapes (crate/core/src/checks/finding.rs, view.rs) ----
const snake = (x) => (typeof x === 'string' ? x : x.en).toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
const coreFindings = findings.map((f) => ({
  check: f.check, family: f.family, severity: f.severity, title: f.title, project: f.project, tender: f.tender ?? null, message: f.message,
  evidence: f.evidence.records.map((id) => ({ id, role: records[id].kind, kind: records[id].kind, log: records[id].log, seq: records[id].seq, line: records[id].line })),
  values: Object.fromEntries(f.evidence.values.map((v) => [`${snake(v.name)}${v.fen !== undefined ? '_fen' : ''}`, v.fen ?? (v.display ? (typeof v.display === 'string' ? v.display : v.display.zh) : v.value)])),
  source: f.source.zh,
}));
const stageName = { budget_estimate: 'design_estimate', winning_bid: 'award', audit: 'audited' };
const reasonName = { document: 'shared_document', machine: 'shared_machine', account: 'shared_account', person: 'shared_person', rotation: 'rotation' };
const coreProjects = projects.map((p) => ({
  project: p.code, name: p.name.zh, owner: { uscc: p.owner, name: p.owner_name.zh }, project_type: 'municipal', project_type_label: M('市政工程', 'Municipal works'),
  status: { code: 'final_accounts', label: p.status },
  cost_chain: p.cost_chain.filter((c) => c.fen !== null).map((c) => ({ stage: stageName[c.stage] ?? c.stage, label: c.label, amount_fen: c.fen, record: c.record, records: [c.record] })),
  timeline: p.timeline.map((e) => ({ date: e.time.slice(0, 10), kind: e.kind, title: e.label, department: e.department, record: e.record })),
  tenders: p.tenders.map((tv) => ({
    tender_id: tv.id, title: tv.name.zh, ceiling_fen: tv.ceiling_fen, published_date: tv.opened.slice(0, 10), deadline: tv.opened.slice(0, 10), evaluation: 'comprehensive', record: tv.record,
    bids: tv.bids.map((b) => ({ bidder: b.bidder, name: b.bidder_name.zh, price_fen: b.fen, disqualified: b.disqualified ? { reason: 'bond', label: b.disqualified, detail: null } : null, winner: b.winner, record: b.record })),
    award: (() => { const w = tv.bids.find((b) => b.winner); return w ? { winner: w.bidder, name: w.bidder_name.zh, price_fen: w.fen, notice_date: tv.opened.slice(0, 10), record: w.record } : null; })(),
    screens: tv.screens,
  })),
  payments: { contract_fen: p.payments.contract_fen, contract_with_changes_fen: p.payments.limit_fen, series: p.payments.entries.map((e) => ({ date: e.time.slice(0, 10), amount_fen: e.fen, cumulative_fen: e.cumulative_fen, type: e.type, payee: e.payee, contract_no: 'HT-2023-001', record: e.record })) },
  supervision: p.supervision.map((x, k) => ({
    problem_id: `WT-${p.code.slice(-3)}-${k + 1}`, found_date: x.found.slice(0, 10), due_date: x.due.slice(0, 10), responsible: x.responsible, category: 'safety', severity: 'major', description: x.problem.zh, check_id: null, record: x.record,
    rectifications: x.rectified ? [{ date: x.rectified.slice(0, 10), status: 'completed', by: x.responsible, description: '已补齐资料', record: x.rectification }] : [],
    status: x.rectified ? 'rectified' : 'overdue', status_label: x.status,
  })),
  findings: { ...p.findings, total: p.findings.high + p.findings.medium + p.findings.low },
}));
const checkIds = [...new Set(coreFindings.map((f) => f.check))].sort();
const report = {
  format: 'qinglian-report',
  v: 1,
  summary: { lines: line, bytes: 2_381_233, verified: Object.keys(records).length + 14, rejected: 0, duplicates: 0, records: Object.keys(records).length, checkpoints: 10, cosignatures: 4, roots: 1, errors: 0, warnings: 1, intact: true },
  root: {
    federation: 'demo-city', version: 1, fingerprint: hex(64), chain: [],
    departments: depts.map(([id, zh, en, kinds]) => ({ id, name: M(zh, en), kinds, keys: [hex(32)] })),
  },
  logs: Object.entries(logSeq).map(([log, n]) => ({
    log, department: log.split('/')[0], records: n, first_seq: 1, last_seq: n, head: hex(64), gaps: [], forks: [],
    complete_to: log.startsWith('sjj') ? null : { seq: n, head: hex(64), time: '2026-06-30T18:00:00+08:00' },
    witnesses: log.startsWith('ggzy') ? ['czj', 'sjj'] : ['sjj'],
  })),
  problems: [{ code: 'CHECKPOINT_BEYOND_RECORDS', severity: 'info', log: 'sjj/main', seq: 40, message: M('检查点覆盖的记录不全在数据包中', 'the checkpoint covers records not in the bundle') }],
  problems_omitted: 0,
  analysis: {
    findings: coreFindings,
    checks: [...checkIds.map((id) => ({ id, status: 'ran', findings: coreFindings.filter((f) => f.check === id).length, not_evaluated: [] })), { id: 'SUP-02', status: 'ran', findings: 0, not_evaluated: [{ project: specs[3][0], reason: M('市审计局日志未被检查点证明完整', 'the Audit Bureau log is not proven complete') }] }],
    projects: coreProjects,
    graph: {
      nodes: firms.map(([id, name]) => ({ id, name: name.zh, tenders: bidCount[id] ?? 0, wins: winCount[id] ?? 0 })),
      edges: [...edges.values()].map((e) => ({ source: e.source, target: e.target, reasons: e.reasons.map((r) => reasonName[r] ?? r), tenders: e.tenders })),
    },
  },
};
report.root.chain = [report.root.fingerprint];
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(report));
console.log(`${out}: ${findings.length} findings, ${projects.length} projects, ${Object.keys(records).length} records`);
