// Every string of the page, Chinese first. Messages about the data itself (problems, findings,
// names) come bilingual from the report; this file holds only the page's own words.
import type { Message, Vocabulary } from './types.js';

export type Lang = 'zh' | 'en';

const strings = {
  'app.title': ['清廉 · 工程项目记录核验', 'Qinglian · Project record verification'],
  'app.brand': ['清廉', 'Qinglian'],
  'app.subtitle': ['政府投资工程项目记录的签名与链式核验、一致性检查', 'Verify signed, chained public construction records and check their consistency'],
  'app.offline': ['离线版', 'Offline edition'],
  'app.version': ['核心版本 {v}', 'core {v}'],
  'app.bench': ['性能测试', 'Benchmark'],
  'app.skip': ['跳到主要内容', 'Skip to main content'],
  'app.import': ['导入表格', 'Import tables'],
  'import.title': ['清廉 · 导入表格', 'Qinglian · Import tables'],
  'import.subtitle': ['把部门已有的统计表、台账读入并逐格校验，全部通过后才可签名入账', 'Read the tables a department already keeps and check every cell; only a table with no problem can be signed'],
  'import.back': ['返回核验页面', 'Back to the verifier'],
  'import.intro': [
    '支持 xlsx、xls、ods 与 CSV（UTF-8 或 GBK）。表格只在本机浏览器中读取，不上传。列名可用中文或英文，次序不限；模板可用 qinglian template 生成。',
    'xlsx, xls, ods and CSV (UTF-8 or GBK). Tables are read in this browser only and never uploaded. Headers may be Chinese or English, in any order; qinglian template writes the templates.',
  ],
  'import.log': ['写入的日志', 'Log to write'],
  'import.context': ['已有日志文件与引用的数据包（可选）', 'The existing log file and bundles rows cite (optional)'],
  'import.drop': ['把表格文件拖到这里', 'Drop table files here'],
  'import.pick': ['选择表格文件…', 'Choose table files…'],
  'import.ignore': ['忽略无法识别的列', 'Ignore columns that are not recognised'],
  'import.reading': ['正在读取并校验表格…', 'Reading and checking the tables…'],
  'import.ok': ['校验通过：{n} 条新记录待签名，{u} 条已在日志中', 'All cells valid: {n} new records to sign, {u} already in the log'],
  'import.refused': ['发现 {n} 处问题：整张表不予签名，请修改后重新导入', '{n} problems found: nothing can be signed until they are fixed'],
  'import.sheets': ['读取的工作表', 'Sheets read'],
  'import.file': ['文件', 'File'],
  'import.sheet': ['工作表', 'Sheet'],
  'import.kind': ['记录类型', 'Record kind'],
  'import.unknownKind': ['未识别', 'not recognised'],
  'import.rows': ['行数', 'Rows'],
  'import.problems': ['问题单元格', 'Problem cells'],
  'import.where': ['位置', 'Where'],
  'import.code': ['代码', 'Code'],
  'import.value': ['原值', 'Value'],
  'import.reason': ['原因', 'Reason'],
  'import.preview': ['记录预览（前 {n} 条，共 {total} 条）', 'Records (first {n} of {total})'],
  'import.project': ['项目代码', 'Project'],
  'import.status': ['状态', 'Status'],
  'import.body': ['内容', 'Body'],
  'import.new': ['新记录', 'new'],
  'import.unchanged': ['已在日志中', 'already in the log'],
  'import.signTitle': ['签名', 'Signing'],
  'import.signIntro': [
    '用本部门的密钥文件签名：密钥只在本浏览器内存中解密使用，不上传、不保存。签名后下载增长后的日志文件，或仅含新记录的数据包。',
    'Sign with your department key file: it is decrypted in this browser\'s memory only, never uploaded or stored. Then download the grown log file, or the new records as a bundle.',
  ],
  'import.logFile': ['本部门现有日志文件（新日志可不选）', 'Your department\'s log file (none for a new log)'],
  'import.keyFile': ['密钥文件', 'Key file'],
  'import.passphrase': ['口令', 'Passphrase'],
  'import.signBtn': ['签名 {n} 条新记录', 'Sign {n} new records'],
  'import.signing': ['正在解密密钥并签名…', 'Decrypting the key and signing…'],
  'import.signed': ['已签名 {n} 条记录（密钥 {key}），{log} 现为第 {seq} 条', 'Signed {n} records (key {key}); {log} is now at sequence {seq}'],
  'import.downloadLog': ['下载增长后的日志', 'Download the grown log'],
  'import.downloadBundle': ['下载新记录数据包', 'Download the new records as a bundle'],
  'import.needPassphrase': ['此密钥文件已加密，请输入口令', 'This key file is encrypted: enter its passphrase'],
  'import.noModule': ['导入模块未能加载', 'The import module could not be loaded'],
  'lang.switch': ['English', '中文'],
  'lang.switchLabel': ['Switch to English', '切换到中文'],

  'trust.heading': ['第一步 · 信任根', 'Step 1 · Trust root'],
  'trust.intro': [
    '信任根列明联盟的部门、各部门的密钥及其有权签发的记录类型。数据包中的每条记录都依据它核验。请通过可靠渠道（例如电话）与发布部门核对指纹。',
    'The trust root lists the federation’s departments, their keys and the record kinds each may sign. Every record in a bundle is verified against it. Compare its fingerprint with the issuing department over a trusted channel, e.g. by phone.',
  ],
  'trust.useDemo': ['使用演示联盟的信任根', 'Use the demo federation’s root'],
  'trust.pickFile': ['选择信任根文件…', 'Choose a root file…'],
  'trust.none': ['尚未固定信任根', 'No trust root pinned'],
  'trust.candidate': ['待确认的信任根：请核对指纹后固定', 'Root to confirm: check the fingerprint, then pin it'],
  'trust.pinnedLabel': ['已固定的信任根', 'Pinned trust root'],
  'trust.inForce': ['生效的信任根', 'Trust root in force'],
  'trust.pinnedVersion': ['（本机固定 v{v}）', '(pinned here: v{v})'],
  'trust.pin': ['核对无误，固定此信任根', 'Fingerprint checked: pin this root'],
  'trust.discard': ['放弃', 'Discard'],
  'trust.replace': ['更换信任根', 'Replace root'],
  'trust.confirmReplace': [
    '更换信任根将清除此前记住的日志头。确定吗？',
    'Replacing the root forgets the log heads remembered so far. Continue?',
  ],
  'trust.federation': ['联盟', 'Federation'],
  'trust.version': ['版本', 'Version'],
  'trust.fingerprint': ['指纹 (SHA-256)', 'Fingerprint (SHA-256)'],
  'trust.threshold': ['签名门限', 'Signing threshold'],
  'trust.time': ['签发时间', 'Issued'],
  'trust.pinnedAt': ['固定于', 'Pinned'],
  'trust.departments': ['部门', 'Departments'],
  'trust.dept': ['部门', 'Department'],
  'trust.keys': ['密钥', 'Keys'],
  'trust.kinds': ['可签发的记录类型', 'Record kinds it may sign'],
  'trust.invalid': ['信任根无效', 'The trust root is invalid'],
  'trust.chain': ['信任根链', 'Root chain'],
  'trust.newerTitle': ['数据包带有更新的信任根', 'The bundle carries a newer trust root'],
  'trust.newerBody': [
    '版本 {version}（指纹 {fp}）由已固定的版本 {old} 按门限签名链接而来。是否将其固定为新的信任根？',
    'Version {version} (fingerprint {fp}) chains from the pinned version {old} under the signing threshold. Pin it as the new trust root?',
  ],
  'trust.newerPin': ['固定新版本', 'Pin the new version'],
  'trust.newerKeep': ['保留当前版本', 'Keep the current one'],
  'trust.newerPinned': ['已固定信任根版本 {version}', 'Pinned root version {version}'],
  'trust.newerRefused': ['新信任根未通过链接核验，未固定：{m}', 'The newer root does not chain; not pinned: {m}'],
  'trust.heads': ['已记住 {n} 个日志头', '{n} log heads remembered'],

  'bundle.heading': ['第二步 · 数据包', 'Step 2 · Bundle'],
  'bundle.drop': ['将 .qlb 或 .qlb.gz 数据包拖放到此处', 'Drop a .qlb or .qlb.gz bundle here'],
  'bundle.or': ['或', 'or'],
  'bundle.pick': ['选择数据包…', 'Choose a bundle…'],
  'bundle.demo': ['加载演示数据包', 'Load the demo bundle'],
  'bundle.needRoot': ['请先固定信任根。', 'Pin a trust root first.'],
  'bundle.loaded': ['当前数据包', 'Current bundle'],
  'bundle.another': ['加载其他数据包', 'Load another bundle'],
  'bundle.fetchFailed': ['无法读取演示文件：{m}', 'Cannot read the demo file: {m}'],

  'progress.title': ['正在验证 {name}', 'Verifying {name}'],
  'progress.stats': ['已处理 {statements} 条语句 · {rate} 条/秒 · 剩余约 {left}', '{statements} statements · {rate}/s · about {left} left'],
  'progress.bytes': ['{done} / {total}', '{done} of {total}'],
  'progress.finishing': ['正在核对日志链、检查点并运行一致性检查…', 'Checking log chains and checkpoints, running the consistency checks…'],
  'progress.cancel': ['取消', 'Cancel'],
  'progress.cancelled': ['已取消验证。', 'Verification cancelled.'],
  'progress.failed': ['验证无法进行：{m}', 'Verification could not run: {m}'],
  'progress.done': ['验证完成，用时 {t}', 'Verified in {t}'],
  'progress.threads': ['（{n} 个线程并行）', ' ({n} threads in parallel)'],

  'nav.label': ['结果视图', 'Result views'],
  'nav.overview': ['概览', 'Overview'],
  'nav.projects': ['项目', 'Projects'],
  'nav.findings': ['问题线索', 'Findings'],
  'nav.graph': ['串标关系图', 'Co-bidding network'],
  'nav.integrity': ['完整性', 'Integrity'],
  'nav.export': ['导出', 'Export'],
  'export.csv': ['问题线索 CSV', 'Findings CSV'],
  'export.json': ['问题线索 JSON', 'Findings JSON'],
  'export.report': ['完整报告 JSON', 'Full report JSON'],
  'export.print': ['打印报告 (A4)', 'Print report (A4)'],

  'verdict.intact': ['数据真实完整', 'Data authentic and intact'],
  'verdict.intactDetail': [
    '{verified} 条语句的编码、签名、授权与哈希链全部通过核验，没有完整性错误。',
    'Encoding, signature, authorisation and hash chain of all {verified} statements verified; no integrity errors.',
  ],
  'verdict.broken': ['发现完整性问题', 'Integrity problems found'],
  'verdict.brokenDetail': [
    '{errors} 个错误，{rejected} 行被拒绝。被拒的语句不参与一致性检查；其余 {verified} 条已验证。',
    '{errors} errors, {rejected} lines rejected. Rejected statements are not used by the checks; the other {verified} verified.',
  ],
  'verdict.noRoot': ['无法确定信任根，数据未能验证', 'No trust root could be established; nothing verified'],
  'verdict.findings': ['{n} 条问题线索', '{n} findings'],
  'verdict.noFindings': ['未发现问题线索', 'No findings'],
  'verdict.checksOff': ['未运行一致性检查', 'Consistency checks not run'],
  'verdict.rewritten': ['日志被改写（回滚或分叉）', 'Log rewritten (rollback or fork)'],
  'verdict.rewrittenDetail': [
    '此前已在本浏览器中验证过的日志头被本数据包改写：',
    'Log heads verified before in this browser are rewritten by this bundle:',
  ],
  'verdict.devReport': ['开发用报告：未经验证，仅用于界面开发', 'Development report: NOT verified, for UI development only'],

  'sum.lines': ['行数', 'Lines'],
  'sum.bytes': ['大小', 'Size'],
  'sum.verified': ['已验证语句', 'Verified statements'],
  'sum.rejected': ['被拒行', 'Rejected lines'],
  'sum.duplicates': ['重复行', 'Duplicate lines'],
  'sum.records': ['记录', 'Records'],
  'sum.checkpoints': ['检查点', 'Checkpoints'],
  'sum.cosignatures': ['见证签名', 'Cosignatures'],
  'sum.roots': ['信任根文档', 'Root documents'],
  'sum.errors': ['错误', 'Errors'],
  'sum.warnings': ['警告', 'Warnings'],

  'overview.statements': ['语句核验', 'Statements verified'],
  'overview.problemsByCode': ['完整性问题（按代码）', 'Integrity problems by code'],
  'overview.noProblems': ['没有完整性问题。', 'No integrity problems.'],
  'overview.logs': ['各部门日志', 'Department logs'],
  'overview.findings': ['问题线索（按严重程度与类别）', 'Findings by severity and family'],
  'overview.topProjects': ['问题线索最多的项目', 'Projects with the most findings'],
  'overview.checks': ['已运行的检查', 'Checks run'],
  'overview.bundle': ['数据包', 'Bundle'],
  'overview.total': ['合计', 'Total'],
  'overview.code': ['代码', 'Code'],
  'overview.count': ['数量', 'Count'],
  'overview.meaning': ['含义', 'Meaning'],

  'log.department': ['部门', 'Department'],
  'log.log': ['日志', 'Log'],
  'log.records': ['记录数', 'Records'],
  'log.range': ['序号范围', 'Range'],
  'log.head': ['日志头', 'Head'],
  'log.gaps': ['缺口', 'Gaps'],
  'log.forks': ['分叉', 'Forks'],
  'log.complete': ['已证完整至', 'Proven complete to'],
  'log.witnesses': ['见证部门', 'Witnesses'],
  'log.none': ['无', 'none'],
  'log.incomplete': ['未证明完整', 'not proven'],

  'sev.high': ['高', 'High'],
  'sev.medium': ['中', 'Medium'],
  'sev.low': ['低', 'Low'],
  'sev.error': ['错误', 'Error'],
  'sev.warning': ['警告', 'Warning'],
  'sev.info': ['提示', 'Info'],


  'projects.title': ['项目', 'Projects'],
  'projects.search': ['搜索项目代码、名称、建设单位…', 'Search code, name, owner…'],
  'projects.code': ['项目代码', 'Project code'],
  'projects.name': ['项目名称', 'Name'],
  'projects.owner': ['建设单位', 'Owner'],
  'projects.status': ['状态', 'Status'],
  'projects.findings': ['问题线索', 'Findings'],
  'projects.none': ['报告中没有项目视图。', 'The report carries no project views.'],
  'projects.count': ['共 {n} 个项目', '{n} projects'],
  'projects.onlyFindings': ['只看有问题线索的项目', 'Only projects with findings'],

  'project.back': ['← 返回项目列表', '← All projects'],
  'project.timeline': ['生命周期', 'Lifecycle'],
  'project.cost': ['造价链', 'Cost chain'],
  'project.tenders': ['招标与投标', 'Tenders and bids'],
  'project.payments': ['资金拨付', 'Payments'],
  'project.supervision': ['监督问题与整改', 'Supervision problems and rectification'],
  'project.findings': ['本项目问题线索', 'Findings for this project'],
  'project.notFound': ['报告中没有项目 {code}。', 'No project {code} in the report.'],
  'project.missing': ['报告未提供此部分。', 'The report does not provide this part.'],
  'project.empty': ['无记录。', 'No records.'],
  'project.departments': ['涉及部门', 'Departments'],

  'tl.time': ['时间', 'Time'],
  'tl.stage': ['环节', 'Stage'],
  'tl.department': ['部门', 'Department'],
  'tl.detail': ['内容', 'Detail'],

  'cost.stage': ['环节', 'Stage'],
  'cost.amount': ['金额', 'Amount'],
  'cost.date': ['日期', 'Date'],
  'cost.delta': ['相对上限', 'vs. limit'],
  'cost.limit': ['上限', 'Limit'],
  'cost.over': ['超出', 'Over'],

  'tender.tender': ['招标', 'Tender'],
  'tender.ceiling': ['控制价', 'Ceiling price'],
  'tender.opened': ['开标', 'Opened'],
  'tender.bidder': ['投标人', 'Bidder'],
  'tender.price': ['报价', 'Price'],
  'tender.rank': ['排名', 'Rank'],
  'tender.result': ['结果', 'Result'],
  'tender.winner': ['中标', 'Winner'],
  'tender.disqualified': ['否决：{r}', 'Rejected: {r}'],
  'tender.screens': ['统计筛查', 'Statistical screens'],
  'tender.screen': ['指标', 'Screen'],
  'tender.value': ['数值', 'Value'],
  'tender.noBids': ['无投标记录。', 'No bids recorded.'],
  'tender.noScreens': ['投标少于 4 家，不计算统计指标。', 'Fewer than 4 bids: no statistical screens.'],
  'screen.cv': ['变异系数', 'Coefficient of variation'],
  'screen.n': ['有效报价数', 'Valid bids'],
  'screen.lowest_fen': ['最低价', 'Lowest bid'],
  'screen.second_fen': ['次低价', 'Second lowest'],
  'screen.highest_fen': ['最高价', 'Highest bid'],
  'screen.mean_fen': ['平均价', 'Mean'],
  'screen.sd_fen': ['标准差', 'Standard deviation'],
  'screen.spread': ['极差率（最高−最低）/最低', 'Spread (max − min) / min'],
  'screen.rd': ['最低两价相对距离', 'Relative distance of the two lowest'],
  'screen.skew': ['偏度', 'Skewness'],
  'screen.kurt': ['峰度', 'Kurtosis'],
  'screen.kurtosis': ['峰度', 'Kurtosis'],
  'screen.skewness': ['偏度', 'Skewness'],

  'pay.time': ['日期', 'Date'],
  'pay.type': ['类型', 'Type'],
  'pay.amount': ['金额', 'Amount'],
  'pay.cumulative': ['累计拨付', 'Cumulative'],
  'pay.completed': ['已完成产值', 'Completed value'],
  'pay.payee': ['收款人', 'Payee'],
  'pay.contract': ['合同金额', 'Contract amount'],
  'pay.limit': ['合同加已批变更', 'Contract plus approved changes'],
  'pay.type.advance': ['预付款', 'Advance'],
  'pay.type.progress': ['进度款', 'Progress'],
  'pay.type.final': ['结算款', 'Final'],
  'pay.type.retention': ['质保金', 'Retention'],

  'sup.problem': ['问题', 'Problem'],
  'sup.found': ['发现', 'Found'],
  'sup.due': ['整改期限', 'Due'],
  'sup.responsible': ['责任单位', 'Responsible'],
  'sup.rectified': ['整改记录', 'Rectification'],
  'sup.status': ['状态', 'Status'],
  'sup.open': ['未整改', 'Open'],

  'findings.title': ['问题线索', 'Findings'],
  'findings.severity': ['严重程度', 'Severity'],
  'findings.family': ['类别', 'Family'],
  'findings.department': ['部门', 'Department'],
  'findings.project': ['项目', 'Project'],
  'findings.check': ['检查', 'Check'],
  'findings.message': ['说明', 'Description'],
  'findings.all': ['全部', 'All'],
  'findings.search': ['搜索说明、检查编号…', 'Search text, check id…'],
  'findings.showing': ['显示 {n} / {total} 条', 'Showing {n} of {total}'],
  'findings.more': ['显示更多', 'Show more'],
  'findings.none': ['没有符合条件的问题线索。', 'No findings match.'],
  'findings.reset': ['清除筛选', 'Clear filters'],
  'findings.noAnalysis': ['报告中没有一致性检查的结果。', 'The report carries no consistency-check results.'],
  'findings.checksCannot': ['{n} 项检查因数据不完整无法评估', '{n} checks could not be evaluated (incomplete data)'],

  'ev.title': ['问题线索证据', 'Evidence'],
  'ev.close': ['关闭', 'Close'],
  'ev.records': ['依据的记录', 'Records it rests on'],
  'ev.values': ['比较的数值', 'Values compared'],
  'ev.source': ['依据', 'Legal source'],
  'ev.id': ['语句 ID', 'Statement id'],
  'ev.kind': ['记录类型', 'Kind'],
  'ev.position': ['日志 / 序号', 'Log / seq'],
  'ev.line': ['行号', 'Line'],
  'ev.time': ['时间', 'Time'],
  'ev.signature': ['签名', 'Signature'],
  'ev.chain': ['链状态', 'Chain'],
  'ev.sigOk': ['签名有效，授权通过', 'signature valid, authorised'],
  'ev.chainOk': ['已链接', 'linked'],
  'ev.raw': ['原始记录', 'Raw record'],
  'ev.notInBundle': ['该记录不在当前数据包中', 'record not found in this bundle'],
  'ev.value': ['数值', 'Value'],
  'ev.name': ['项目', 'Item'],
  'ev.openProject': ['打开项目', 'Open project'],
  'ev.firms': ['涉及企业', 'Firms'],
  'ev.tender': ['招标', 'Tender'],
  'ev.detail': ['详细数据', 'Details'],

  'ev.role': ['作用', 'Role'],
  'ev.citedBy': ['引用此记录的问题线索', 'Findings citing this record'],
  'ev.chainFork': ['分叉', 'fork'],
  'ev.chainCheckpoint': ['✔ 已链接，检查点证明完整至 #{seq}', '✔ linked; proven complete by a checkpoint up to #{seq}'],
  'ev.chainLinked': ['✔ 已链接（检查点未覆盖）', '✔ linked (not covered by a checkpoint)'],
  'ev.notLocated': ['报告未给出此记录在数据包中的行号。', 'The report does not give this record’s line in the bundle.'],


  'role.contract': ['合同', 'contract'],
  'role.award': ['中标通知', 'award'],
  'role.bid': ['投标', 'bid'],
  'role.tender': ['招标', 'tender'],
  'role.opening': ['开标', 'opening'],
  'role.payment': ['拨付', 'payment'],
  'role.approval': ['立项', 'approval'],
  'role.design_estimate': ['概算', 'design estimate'],
  'role.settlement': ['结算', 'settlement'],
  'role.final_accounts': ['决算', 'final accounts'],
  'role.audit': ['审计', 'audit'],
  'role.permit': ['许可', 'permit'],
  'role.problem': ['问题', 'problem'],
  'role.rectification': ['整改', 'rectification'],
  'role.inspection': ['监督检查', 'inspection'],
  'role.change_order': ['变更', 'change order'],

  'cost.reference': ['概算（投资控制上限）', 'Design estimate (investment cap)'],
  'tender.deadline': ['投标截止', 'Deadline'],
  'tender.published': ['发布', 'Published'],
  'tender.award': ['中标', 'Award'],
  'pay.contractNo': ['合同编号', 'Contract no.'],
  'sup.category': ['类别', 'Category'],
  'sup.description': ['问题描述', 'Description'],
  'sup.by': ['整改单位', 'Rectified by'],
  'checks.status.ran': ['已运行', 'ran'],
  'checks.status.disabled': ['未启用', 'disabled'],
  'checks.notEvaluated': ['无法评估', 'Not evaluated'],
  'checks.title': ['检查', 'Check'],
  'projects.type': ['类型', 'Type'],
  'graph.title': ['围标串标关系图', 'Co-bidding network'],
  'graph.intro': [
    '节点为投标企业（大小按投标次数，深红为有中标），连线表示两家企业之间存在共同人员、账户、设备、文件、关联控制或轮流中标等关联，灰色细线为多次共同投标。点击连线查看相关招标。',
    'Nodes are bidding firms (sized by tenders entered, dark red when they won some); an edge means the two firms share a person, account, machine or document, a control relation, or take turns winning; thin grey lines are frequent co-bidding. Click an edge to see the tenders.',
  ],
  'graph.none': ['报告中没有串标关系图数据。', 'The report carries no co-bidding graph.'],
  'graph.empty': ['没有发现企业间的关联。', 'No links between firms found.'],
  'graph.select': ['点击连线或企业查看详情。', 'Click an edge or a firm for details.'],
  'graph.edge': ['{a} — {b}', '{a} — {b}'],
  'graph.edges': ['关联关系列表', 'List of links'],
  'graph.weight': ['共同投标 {n} 次', 'Bid together in {n} tenders'],
  'graph.truncated': ['仅共同投标的关系过多，已只保留最频繁的部分。', 'Too many plain co-bidding links: only the most frequent are kept.'],
  'graph.tenders': ['相关招标', 'Tenders'],
  'graph.firm': ['企业', 'Firm'],
  'graph.bids': ['投标 {n} 次，中标 {w} 次', '{n} bids, {w} wins'],
  'graph.reasons': ['关联原因', 'Reasons'],
  'graph.findings': ['相关问题线索', 'Related findings'],

  'integrity.title': ['完整性问题', 'Integrity problems'],
  'integrity.line': ['行', 'Line'],
  'integrity.code': ['代码', 'Code'],
  'integrity.severity': ['级别', 'Level'],
  'integrity.position': ['日志 / 序号', 'Log / seq'],
  'integrity.message': ['说明', 'Message'],
  'integrity.id': ['语句', 'Statement'],
  'integrity.omitted': ['另有 {n} 个问题超出上限未列出。', '{n} more problems beyond the limit are not listed.'],
  'integrity.none': ['没有完整性问题：所有语句均通过验证。', 'No integrity problems: every statement verified.'],
  'integrity.filter': ['按代码筛选', 'Filter by code'],

  'print.title': ['工程项目记录核验报告', 'Project record verification report'],
  'print.bundle': ['数据包文件', 'Bundle file'],
  'print.hash': ['数据包 SHA-256', 'Bundle SHA-256'],
  'print.root': ['信任根指纹', 'Trust root fingerprint'],
  'print.time': ['核验时间', 'Verified at'],
  'print.tool': ['核验工具', 'Verified with'],
  'print.summary': ['核验结论', 'Result'],
  'print.findings': ['问题线索清单', 'List of findings'],
  'print.page': ['本报告由清廉核验页面在本地生成，数据未离开本机。', 'Generated locally by the Qinglian page; the data never left this computer.'],

  'csv.header': ['编号,检查,严重程度,类别,项目,部门,说明,依据,记录', 'id,check,severity,family,project,departments,message,source,records'],

  'misc.yes': ['是', 'yes'],
  'misc.no': ['否', 'no'],
  'misc.none': ['—', '—'],
  'misc.close': ['关闭', 'Close'],
  'misc.loading': ['正在加载…', 'Loading…'],
  'misc.copy': ['复制', 'Copy'],
} as const satisfies Record<string, readonly [string, string]>;

export type Key = keyof typeof strings;

let current: Lang = 'zh';
const listeners: (() => void)[] = [];

export function lang(): Lang {
  return current;
}

export function setLang(l: Lang): void {
  current = l;
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  document.title = t('app.title');
  try {
    localStorage.setItem('qinglian.lang', l);
  } catch {
    // storage unavailable (some file:// settings): the choice lasts for this visit
  }
  for (const fn of listeners) fn();
}

export function initLang(): void {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem('qinglian.lang');
  } catch {
    saved = null;
  }
  const fromUrl = new URLSearchParams(location.search).get('lang');
  current = fromUrl === 'en' || fromUrl === 'zh' ? fromUrl : saved === 'en' ? 'en' : 'zh';
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  document.title = t('app.title');
}

export function onLangChange(fn: () => void): void {
  listeners.push(fn);
}

/** The page's own string `key` in the current language, with {name} placeholders filled. */
export function t(key: Key, vars?: Record<string, string | number>): string {
  const s: string = strings[key][current === 'zh' ? 0 : 1];
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** A key that may not exist (e.g. a family id from the report); null when unknown. */
export function tMaybe(key: string): string | null {
  return key in strings ? t(key as Key) : null;
}

/** The core's vocabularies (`vocabulary()` of the package), set once the verifier is loaded. */
const terms = new Map<string, Map<string, Message>>();

export function setVocabulary(v: Vocabulary): void {
  for (const [list, entries] of Object.entries(v) as [string, { id: string; zh: string; en: string }[]][]) {
    terms.set(list, new Map(entries.map((e) => [e.id, { zh: e.zh, en: e.en }])));
  }
}

/** The name of a core identifier (a record kind, family, graph reason, cost stage or problem code), or the id itself. */
export function term(list: keyof Vocabulary, id: string): string {
  const m = terms.get(list)?.get(id);
  return m ? msg(m) : id;
}

/** A bilingual message from the report in the current language. */
export function msg(m: Message | null | undefined): string {
  if (!m) return '';
  return current === 'zh' ? m.zh || m.en : m.en || m.zh;
}
