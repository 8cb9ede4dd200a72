import type { ClientField } from "./columns";
import type { Lang } from "./lang";

/*
 * The words a run writes into the workbook (SPEC sections 5 and 6): sheet names, column headers,
 * summary labels. They follow the workbook's output language, never the reader's.
 */

/** The sheets a run writes, in the order it places them in the workbook: the summary first, the review's Changes and History last. */
export const OUTPUT_SHEET_KEYS = ["summary", "segments", "plans", "calendar", "targets", "playbook", "issues", "changes", "history"] as const;
export type OutputSheetKey = (typeof OUTPUT_SHEET_KEYS)[number];

export const SHEET_NAMES: Record<Lang, Record<OutputSheetKey, string>> = {
  "zh-CN": { segments: "客户分层", plans: "经营计划", calendar: "行动日历", targets: "目标名单", summary: "分层概览", playbook: "经营手册", issues: "数据问题", changes: "变动", history: "分层历史" },
  "en-US": { segments: "Segments", plans: "Plans", calendar: "Calendar", targets: "Targets", summary: "Summary", playbook: "Playbook", issues: "Data issues", changes: "Changes", history: "Tier history" },
};

export const FIELD_NAMES: Record<Lang, Record<ClientField, string>> = {
  "zh-CN": {
    id: "客户编号", name: "客户姓名", owner: "业务员", value: "保费", ability: "能力", willingness: "意愿",
    policyQuality: "保单品质", awareness: "保险意识", satisfaction: "满意度", economic: "经济条件", mobility: "流动性",
    birthDate: "出生日期", policyDate: "投保日期", renewalDate: "续期日期", lastContact: "最近联系",
    frequency: "保单数", renewed: "已续保",
  },
  "en-US": {
    id: "Client ID", name: "Name", owner: "Owner", value: "Premium", ability: "Ability", willingness: "Willingness",
    policyQuality: "Policy quality", awareness: "Insurance awareness", satisfaction: "Satisfaction", economic: "Economic condition", mobility: "Mobility",
    birthDate: "Birth date", policyDate: "Policy date", renewalDate: "Renewal date", lastContact: "Last contact",
    frequency: "Policies", renewed: "Renewed",
  },
};

export const WORDS = {
  "zh-CN": {
    rank: "排名", cumulativeShare: "累计占比", tier: "分层", score: "评分", reviewClass: "评级", quadrant: "象限", notes: "备注",
    sourceRow: "源行号", column: "列", value: "值", reason: "原因",
    valueLadder: "价值分层", review: "五维评级", quadrantModel: "能力意愿象限",
    clients: "客户数", valueHeld: "保费合计", shareOfClients: "客户占比", shareOfValue: "保费占比",
    topShare: "前 20% 客户的保费占比", cutoff: "达到 80% 保费所需的客户占比",
    byTier: "按分层", byQuadrant: "按象限", byClass: "按评级", matrix: "能力 × 意愿矩阵",
    highAbility: "能力高", lowAbility: "能力低", highWillingness: "意愿高", lowWillingness: "意愿低",
    paretoData: "帕累托曲线数据", clientBucket: "客户分组（按保费从高到低）", bucketValue: "该组保费", cumulativeValue: "累计保费占比",
    paretoChart: "帕累托图：保费集中度",
    runInfo: "运行信息", source: "数据来源", runAt: "基准日期",
    rowsRead: "读取行数", clientsSegmented: "参与分层客户", dataIssues: "数据问题条数", language: "输出语言",
    notTiered: "未分档", cuts: "分界值",
    noValue: "无保费（未分层）", noScore: "无评分指标（未评级）", noQuadrantInputs: "缺能力或意愿（未分象限）",
    actionBirthday: "生日祝福", actionAnniversary: "保单周年", actionRenewal: "续期缴费", actionVisit: "拜访", actionReview: "分层复核",
    date: "日期", action: "行动", done: "完成", remark: "说明", overdue: "已逾期 {n} 天", overdueShort: "（逾期）",
    noContact: "无联系记录，请尽快拜访", asap: "尽快",
    services: "服务与频次", costLevel: "成本", nextActions: "下一步行动", nextDate: "下次行动日期",
    everyMonths: "每 {n} 个月", list: "名单", place: "序号", due: "到期日",
    listRenewal: "续期重点", listNewBusiness: "新单/加保重点",
    dueSoon: "未完成行动（按业务员）", overdueCount: "已逾期", within7: "7 天内到期（含今天，不含逾期）", days8to30: "第 8–30 天到期", total: "合计",
    visitCadence: "拜访频次", cadenceOf: "{service}频次", plansLegend: "标记：{marks}",
    keptNotes: "保留的备注（客户已不在客户表中）", keptSheet: "工作表", keptRow: "行",
    historyTitle: "每次运行的分层快照（保留最近 {n} 次，较早的见右侧汇总）", historyOlder: "较早运行的汇总", historyField: "项目", historyLabel: "类别",
    changesTitle: "{from} → {to} 的变动（同期群：两次都在的客户）", changesNone: "还没有更早的运行可比较：下次运行后这里会列出变动。",
    changesClients: "客户数", changesValue: "保费", changesFrom: "原 \\ 现", changesNew: "新增客户", changesGone: "已不在",
    movers: "类别变动的客户（按业务员，先列跌出关键/重点的）", moverFrom: "原", moverTo: "现", droppedOut: "跌出前两档", unmatchedIds: "两次未能对上的客户编号", unmatchedAdded: "本次新增", unmatchedGone: "本次不在",
    sinceLast: "与上次运行（{date}）相比：升档 {up}，降档 {down}，新增 {added}，不在 {gone}",
    rfmSegment: "RFM 分群", byRfm: "按 RFM 分群", gini: "保费基尼系数（0 = 人人相同）",
    renewalTitle: "续保率（{window}，目标 {target}）", noTarget: "未设", month: "月份", team: "团队",
    renewalsDue: "应续", renewalsDone: "已续", renewalRate: "续保率", renewalTarget: "目标",
    doneOnlyTitle: "只能填写“完成”", doneOnly: "行动完成后在此填写“完成”（或从下拉列表选择），未完成请留空。",
  },
  "en-US": {
    rank: "Rank", cumulativeShare: "Cumulative share", tier: "Tier", score: "Score", reviewClass: "Class", quadrant: "Quadrant", notes: "Notes",
    sourceRow: "Source row", column: "Column", value: "Value", reason: "Reason",
    valueLadder: "value ladder", review: "five-indicator review", quadrantModel: "ability x willingness quadrant",
    clients: "Clients", valueHeld: "Premium", shareOfClients: "Share of clients", shareOfValue: "Share of premium",
    topShare: "Share of premium held by the top 20% of clients", cutoff: "Share of clients that holds 80% of premium",
    byTier: "By tier", byQuadrant: "By quadrant", byClass: "By class", matrix: "Ability x willingness matrix",
    highAbility: "High ability", lowAbility: "Low ability", highWillingness: "High willingness", lowWillingness: "Low willingness",
    paretoData: "Pareto curve data", clientBucket: "Clients (largest premium first)", bucketValue: "Premium of the group", cumulativeValue: "Cumulative share of premium",
    paretoChart: "Pareto chart: premium concentration",
    runInfo: "Run", source: "Source", runAt: "As of",
    rowsRead: "Rows read", clientsSegmented: "Clients segmented", dataIssues: "Data issues", language: "Output language",
    notTiered: "Not tiered", cuts: "Cuts",
    noValue: "No value (not tiered)", noScore: "No indicator scores (no class)", noQuadrantInputs: "No ability or willingness (no quadrant)",
    actionBirthday: "Birthday greeting", actionAnniversary: "Policy anniversary", actionRenewal: "Renewal due", actionVisit: "Visit", actionReview: "Tier review",
    date: "Date", action: "Action", done: "Done", remark: "Remark", overdue: "{n} days overdue", overdueShort: " (overdue)",
    noContact: "No contact on record: visit soon", asap: "as soon as possible",
    services: "Services and cadence", costLevel: "Cost", nextActions: "Next actions", nextDate: "Next action date",
    everyMonths: "every {n} months", list: "List", place: "#", due: "Due",
    listRenewal: "Renewal prospects", listNewBusiness: "New-business prospects",
    dueSoon: "Open actions, by owner", overdueCount: "Overdue", within7: "Due within 7 days (from today, not overdue)", days8to30: "Due in 8-30 days", total: "Total",
    visitCadence: "Visit cadence", cadenceOf: "{service} cadence", plansLegend: "Marks: {marks}",
    keptNotes: "Kept notes (clients no longer in the client table)", keptSheet: "Sheet", keptRow: "Row",
    historyTitle: "A snapshot of every run (the last {n} kept; older runs summarised on the right)", historyOlder: "Older runs, summarised", historyField: "Field", historyLabel: "Label",
    changesTitle: "Changes from {from} to {to} (cohort: clients in both runs)", changesNone: "No earlier run to compare with yet: the changes show here after the next run.",
    changesClients: "Clients", changesValue: "Premium", changesFrom: "From \\ To", changesNew: "New clients", changesGone: "No longer listed",
    movers: "Clients who moved (by owner; those who dropped out of key/important first)", moverFrom: "From", moverTo: "To", droppedOut: "Dropped out of the top two", unmatchedIds: "Client ids not matched between the two runs", unmatchedAdded: "New this run", unmatchedGone: "Not in this run",
    sinceLast: "Since the last run ({date}): up {up}, down {down}, new {added}, gone {gone}",
    rfmSegment: "RFM segment", byRfm: "By RFM segment", gini: "Gini of premium (0 = all equal)",
    renewalTitle: "Renewal rate ({window}; target {target})", noTarget: "none", month: "Month", team: "Team",
    renewalsDue: "Due", renewalsDone: "Renewed", renewalRate: "Rate", renewalTarget: "Target",
    doneOnlyTitle: "Done or blank", doneOnly: "Type Done (or pick it from the list) once the action is done; leave the cell blank until then.",
  },
} as const satisfies Record<Lang, Record<string, string>>;

export type Word = keyof (typeof WORDS)["en-US"];
