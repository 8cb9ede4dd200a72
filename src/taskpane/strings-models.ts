/* The Columns and Models steps of the pane, in both languages the product speaks. */
import type { ClientField } from "../core/columns";
import type { Lang } from "../core/lang";
import type { LadderPreset } from "./draft";

export type ColumnGroup = "identity" | "value" | "review" | "quadrant" | "dates" | "quarterly";

/** The Columns step: which column holds what, why, and what a missing one turns off. */
export interface ColumnsStepStrings {
  intro: string;
  noTable: string;
  headerRow: (row: number) => string;
  groups: Record<ColumnGroup, string>;
  /** a field as the pane names it, with what it may hold */
  fields: Record<ClientField, string>;
  needed: string;
  optional: string;
  modelOff: string;
  automatic: string;
  notInTable: (header: string) => string;
  column: (header: string) => string;
  noColumn: string;
  chosenByYou: string;
  knownName: (synonym: string) => string;
  qualified: (synonym: string) => string;
  bilingual: (synonyms: string) => string;
  unitApplied: (unit: string, multiplier: string) => string;
  unitAsIs: (unit: string) => string;
  alsoFound: (headers: string) => string;
  takenBy: (header: string, field: string) => string;
  overrideMissing: (header: string) => string;
  /** what a run does without the field's column */
  without: {
    id: string;
    idAndName: string;
    name: string;
    owner: string;
    valueLadder: string;
    valuePareto: string;
    review: string;
    quadrant: string;
    birthDate: string;
    policyDate: string;
    renewalDate: string;
    lastContact: string;
    frequency: string;
    renewed: string;
  };
  listSeparator: string;
}

/** The Models step: the models, their presets and parameters, the lists, the language and the date. */
export interface ModelsStepStrings {
  intro: string;
  ladderTitle: string;
  ladderOn: string;
  presetLabel: string;
  presets: Record<LadderPreset, { name: string; summary: string }>;
  thresholds: string;
  thresholdsHint: string;
  tierLabels: string;
  tierLabelsHint: (count: number, defaults: string) => string;
  reviewTitle: string;
  reviewOn: string;
  reviewIntro: string;
  indicators: Record<"policyQuality" | "awareness" | "satisfaction" | "economic" | "mobility", string>;
  weightOf: (indicator: string) => string;
  lowerIsBetter: string;
  lowerIsBetterOf: (indicator: string) => string;
  classCuts: string;
  classCutsHint: string;
  classLabels: string;
  classLabelsHint: (count: number, defaults: string) => string;
  quadrantTitle: string;
  quadrantOn: string;
  rfmTitle: string;
  rfmOn: string;
  rfmHint: string;
  rfmBins: string;
  cutsLabel: string;
  medians: string;
  fixed: string;
  abilityCut: string;
  willingnessCut: string;
  cutsHint: string;
  targetsTitle: string;
  targetsHint: string;
  renewal: string;
  newBusiness: string;
  outputTitle: string;
  outputLanguage: string;
  outputAuto: string;
  outputZh: string;
  outputEn: string;
  outputHint: string;
  asOf: string;
  asOfHint: string;
  mask: string;
  maskHint: string;
  otherProblems: string;
}

export interface ModelStepsStrings {
  columns: ColumnsStepStrings;
  models: ModelsStepStrings;
}

export const stepStrings: Record<Lang, ModelStepsStrings> = {
  "zh-CN": {
    columns: {
      intro: "下面是每个字段对应的列及识别依据。如有不对，可在列表中改选；选“（自动）”则按表头识别。",
      noTable: "请先在“数据”步骤中选择客户表。",
      headerRow: (row) => `表头在第 ${row} 行`,
      groups: { identity: "客户", value: "价值", review: "五维评级", quadrant: "能力 × 意愿", dates: "经营计划用日期", quarterly: "季度复盘（RFM、续保率）" },
      fields: {
        id: "客户编号",
        name: "客户姓名",
        owner: "业务员",
        value: "价值（保费、佣金、CLV）",
        policyQuality: "保单品质",
        awareness: "保险意识",
        satisfaction: "满意度",
        economic: "经济条件",
        mobility: "流动性",
        ability: "能力（资产、收入）",
        willingness: "意愿（亲密度、成熟度）",
        birthDate: "出生日期",
        policyDate: "投保日期",
        renewalDate: "续期日期",
        lastContact: "最近联系日期",
        frequency: "保单数或联系次数（RFM 的频次）",
        renewed: "已续保 / 已缴费",
      },
      needed: "必需",
      optional: "可选",
      modelOff: "模型已关闭",
      automatic: "（自动）",
      notInTable: (header) => `${header}（本表中没有）`,
      column: (header) => `使用列“${header}”`,
      noColumn: "没有找到对应的列",
      chosenByYou: "由您指定",
      knownName: (synonym) => `常用列名“${synonym}”`,
      qualified: (synonym) => `包含“${synonym}”，其余字词只是限定`,
      bilingual: (synonyms) => `中英文表头，均指此字段：${synonyms}`,
      unitApplied: (unit, multiplier) => `单位“${unit}”：数值 × ${multiplier}`,
      unitAsIs: (unit) => `单位“${unit}”：数值按原样读取`,
      alsoFound: (headers) => `另有同类列（未使用）：${headers}`,
      takenBy: (header, field) => `“${header}”已用作“${field}”`,
      overrideMissing: (header) => `表头中没有“${header}”：改用自动识别的列。`,
      without: {
        id: "缺少时按姓名识别客户（同名时再按业务员区分）。",
        idAndName: "没有客户编号也没有姓名列：无法识别任何客户。",
        name: "名单中只显示客户编号。",
        owner: "经营计划、行动日历和目标名单不按业务员区分。",
        valueLadder: "缺少时无法做价值分层和帕累托分析，也没有目标名单。",
        valuePareto: "缺少时无法做帕累托分析。",
        review: "缺少时无法做五维评级。",
        quadrant: "缺少时无法划分能力 × 意愿象限，经营计划中没有服务项目。",
        birthDate: "缺少时没有生日祝福。",
        policyDate: "缺少时没有保单周年提醒。",
        renewalDate: "缺少时没有续期缴费提醒。",
        lastContact: "缺少时拜访计划没有日期。",
        frequency: "缺少时不做 RFM 分群。",
        renewed: "缺少时续保率按行动日历中续期缴费的“完成”计算。",
      },
      listSeparator: "、",
    },
    models: {
      intro: "选择要使用的模型及其参数。输入有误时会在该项下方提示。",
      ladderTitle: "价值分层",
      ladderOn: "按价值分层",
      presetLabel: "分层方式",
      presets: {
        byCount: { name: "按人数", summary: "前 5% 关键，其后 15% 重点，其后 50% 一般，其余维持（关键 + 重点 = 前 20%）。" },
        bigPolicy: { name: "大单阶梯", summary: "按 1000万 / 200万 / 100万 / 50万 分为 A 至 E 五档。" },
        abc: { name: "ABC 累计价值", summary: "按价值从高到低累计：到 80% 为 A，到 95% 为 B，其余为 C。" },
        thresholds: { name: "自定门槛", summary: "达到（>=）某档门槛即归入该档，取最高的一档；n 个门槛分 n+1 档。" },
      },
      thresholds: "门槛",
      thresholdsHint: "顺序不限，用分号或空格分隔，如 1000万; 200万; 50万",
      tierLabels: "分层名称",
      tierLabelsHint: (count, defaults) => `${count} 个名称，最高档在前，用逗号分隔；留空则为 ${defaults}`,
      reviewTitle: "五维评级",
      reviewOn: "按五项指标评级",
      reviewIntro: "每项指标的权重（默认相同；0 表示不计入），以及哪些指标越低越好。",
      indicators: { policyQuality: "保单品质", awareness: "保险意识", satisfaction: "满意度", economic: "经济条件", mobility: "流动性" },
      weightOf: (indicator) => `${indicator} 权重`,
      lowerIsBetter: "越低越好",
      lowerIsBetterOf: (indicator) => `${indicator}：越低越好`,
      classCuts: "评级分界（0–100 分）",
      classCutsHint: "从高到低，如 80; 60; 40：A ≥ 80，B ≥ 60，C ≥ 40，其余 D",
      classLabels: "评级名称",
      classLabelsHint: (count, defaults) => `${count} 个名称，最高级在前；留空则为 ${defaults}`,
      rfmTitle: "RFM",
      rfmOn: "按 RFM 评分并分群",
      rfmHint: "需要保费、保单数（或联系次数）和最近联系日期（或投保日期）三列；分群规则在经营手册中修改。",
      rfmBins: "每项的分档数（1–9，R 包默认 5）",
      quadrantTitle: "能力 × 意愿",
      quadrantOn: "划分能力 × 意愿象限",
      cutsLabel: "分界线",
      medians: "取中位数",
      fixed: "固定分界",
      abilityCut: "能力分界",
      willingnessCut: "意愿分界",
      cutsHint: "达到（>=）分界即为“高”。",
      targetsTitle: "目标名单",
      targetsHint: "每位业务员名下 A、B 档客户中各取前几名（0 至 1000）。",
      renewal: "续期重点人数",
      newBusiness: "新单/加保重点人数",
      outputTitle: "输出",
      outputLanguage: "输出语言",
      outputAuto: "自动",
      outputZh: "中文",
      outputEn: "English",
      outputHint: "自动：沿用工作簿保存的语言，否则按显示语言或表头语言。",
      asOf: "基准日期",
      asOfHint: "生日、续期和拜访等行动日期由此日起算。",
      mask: "在写出的名单中隐藏手机号和证件号",
      maskHint: "如 138****5678、110***********123X。客户表本身不改动；客户编号照原样写出（重新运行时靠它找回备注），大家填写的备注也照原样保留。",
      otherProblems: "还需改正",
    },
  },
  "en-US": {
    columns: {
      intro: "The column used for each field, and why. Change any with its list; “(automatic)” goes back to reading the header.",
      noTable: "Choose the client table first (Data step).",
      headerRow: (row) => `Header on row ${row}`,
      groups: {
        identity: "Client",
        value: "Value",
        review: "Five-indicator review",
        quadrant: "Ability x willingness",
        dates: "Dates for the plans",
        quarterly: "Quarterly review (RFM, renewal rate)",
      },
      fields: {
        id: "Client ID",
        name: "Name",
        owner: "Owner (agent)",
        value: "Value (premium, commission, CLV)",
        policyQuality: "Policy quality",
        awareness: "Insurance awareness",
        satisfaction: "Satisfaction",
        economic: "Economic condition",
        mobility: "Mobility",
        ability: "Ability (assets, income)",
        willingness: "Willingness (closeness, maturity)",
        birthDate: "Birth date",
        policyDate: "Policy date",
        renewalDate: "Renewal date",
        lastContact: "Last contact",
        frequency: "Policies or contacts (RFM frequency)",
        renewed: "Renewed / paid",
      },
      needed: "Needed",
      optional: "Optional",
      modelOff: "Model off",
      automatic: "(automatic)",
      notInTable: (header) => `${header} (not in this table)`,
      column: (header) => `Uses “${header}”`,
      noColumn: "No column found",
      chosenByYou: "Chosen by you",
      knownName: (synonym) => `Known name “${synonym}”`,
      qualified: (synonym) => `Contains “${synonym}”; the other words only qualify it`,
      bilingual: (synonyms) => `Names it in both languages: ${synonyms}`,
      unitApplied: (unit, multiplier) => `Unit “${unit}”: numbers × ${multiplier}`,
      unitAsIs: (unit) => `Unit “${unit}”: numbers read as they are`,
      alsoFound: (headers) => `Also found, not used: ${headers}`,
      takenBy: (header, field) => `“${header}” is used for ${field}`,
      overrideMissing: (header) => `“${header}” is not in this header row: the automatic match is used.`,
      without: {
        id: "Without it, clients are known by name (and by owner when two share a name).",
        idAndName: "No ID and no name column: no client can be read.",
        name: "Lists show the client ID only.",
        owner: "Plans, calendar and target lists are not per owner.",
        valueLadder: "Without it: no value ladder, no Pareto check, no target lists.",
        valuePareto: "Without it: no Pareto check.",
        review: "Without it: no five-indicator review.",
        quadrant: "Without it: no ability x willingness quadrant, so plans list no services.",
        birthDate: "Without it: no birthday greetings.",
        policyDate: "Without it: no policy anniversaries.",
        renewalDate: "Without it: no renewal reminders.",
        lastContact: "Without it: visits are planned without a date.",
        frequency: "Without it: no RFM segments.",
        renewed: "Without it: the renewal rate counts the Done ticks on the Calendar's renewals.",
      },
      listSeparator: ", ",
    },
    models: {
      intro: "Choose the models and their settings. A wrong input is marked under its field.",
      ladderTitle: "Value ladder",
      ladderOn: "Tier clients by value",
      presetLabel: "Ladder",
      presets: {
        byCount: { name: "By count", summary: "Top 5% Key, next 15% Important, next 50% General, the rest Maintenance (Key + Important = the top 20%)." },
        bigPolicy: { name: "Big policies", summary: "Tiers A to E at 1000万 / 200万 / 100万 / 50万 (10, 2, 1 and 0.5 million)." },
        abc: { name: "ABC by cumulative value", summary: "Largest first: A until 80% of the value, B until 95%, C the rest." },
        thresholds: { name: "Your own thresholds", summary: "A client is in the highest tier whose threshold it reaches (>=); n thresholds make n+1 tiers." },
      },
      thresholds: "Thresholds",
      thresholdsHint: "Any order, separated by semicolons or spaces, e.g. 1000万; 200万; 50万",
      tierLabels: "Tier labels",
      tierLabelsHint: (count, defaults) => `${count} labels, highest tier first, separated by commas; blank for ${defaults}`,
      reviewTitle: "Five-indicator review",
      reviewOn: "Review clients on five indicators",
      reviewIntro: "A weight per indicator (equal by default; 0 leaves it out), and which indicators are better when lower.",
      indicators: {
        policyQuality: "Policy quality",
        awareness: "Insurance awareness",
        satisfaction: "Satisfaction",
        economic: "Economic condition",
        mobility: "Mobility",
      },
      weightOf: (indicator) => `${indicator} weight`,
      lowerIsBetter: "Lower is better",
      lowerIsBetterOf: (indicator) => `${indicator}: lower is better`,
      classCuts: "Class cuts (score 0–100)",
      classCutsHint: "Highest first, e.g. 80; 60; 40: A ≥ 80, B ≥ 60, C ≥ 40, D below",
      classLabels: "Class labels",
      classLabelsHint: (count, defaults) => `${count} labels, highest class first; blank for ${defaults}`,
      rfmTitle: "RFM",
      rfmOn: "Score and segment clients by RFM",
      rfmHint: "Needs the premium, a policies (or contacts) column and the last contact date (or policy date); edit the segment rules on the Playbook.",
      rfmBins: "Scores per measure (1-9; the R package's default is 5)",
      quadrantTitle: "Ability x willingness",
      quadrantOn: "Sort clients into ability x willingness quadrants",
      cutsLabel: "Cuts",
      medians: "At the medians",
      fixed: "Fixed cuts",
      abilityCut: "Ability cut",
      willingnessCut: "Willingness cut",
      cutsHint: "At or above the cut (>=) is high.",
      targetsTitle: "Target lists",
      targetsHint: "Per owner, the top prospects among tier A and B clients (0 to 1000).",
      renewal: "Renewal prospects",
      newBusiness: "New-business prospects",
      outputTitle: "Output",
      outputLanguage: "Output language",
      outputAuto: "Automatic",
      outputZh: "中文",
      outputEn: "English",
      outputHint: "Automatic: the language saved in the workbook, else the display language or the headers' language.",
      asOf: "Run date",
      asOfHint: "Birthdays, renewals and visits are dated from this day.",
      mask: "Mask phone and ID numbers in the written lists",
      maskHint:
        "As 138****5678, 110***********123X. The client table itself is not changed; client ids are written as they are (a re-run finds notes by them), and notes people typed are kept as typed.",
      otherProblems: "Also to fix",
    },
  },
};
