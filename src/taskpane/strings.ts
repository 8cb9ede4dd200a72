/* Every user-facing string of the task pane, in both languages the product speaks. */
import type { Lang } from "../core/lang";

export interface FunctionHelp {
  name: string;
  summary: string;
  example: string;
  result: string;
}

export interface PaneStrings {
  productName: string;
  /** the other-language name shown under the title, so a shared screen reads in both */
  productSubtitle: string;
  version: (v: string) => string;
  detecting: string;
  insideOffice: (host: string) => string;
  insideOfficeHint: string;
  browserMode: string;
  browserModeHint: string;
  comingSoon: string;
  functionsTitle: string;
  exampleLabel: string;
  resultLabel: string;
  functions: FunctionHelp[];
  workbench: WorkbenchStrings;
}

/** The browser page's run on an .xlsx file. */
export interface WorkbenchStrings {
  title: string;
  intro: string;
  openFile: string;
  fileInputLabel: string;
  trySample: string;
  /** the sample's file name, without .xlsx */
  sampleName: string;
  loading: string;
  opened: (name: string, sheets: number) => string;
  noClientTable: string;
  sheetLabel: string;
  langLabel: string;
  langAuto: string;
  asOfLabel: string;
  segment: string;
  running: string;
  download: string;
  saving: string;
  previewTitle: string;
  clientsSegmented: (clients: string, rows: string) => string;
  byTier: string;
  byQuadrant: string;
  byClass: string;
  groupHeader: string;
  countHeader: string;
  valueHeader: string;
  topShare: string;
  cutoff: string;
  notAvailable: string;
  issuesTitle: (n: string) => string;
  issueRow: (row: number | null) => string;
  moreIssues: (n: string, sheet: string) => string;
  sheetsWritten: string;
  downloadHint: (fileName: string) => string;
  errorTitle: string;
}

const TEN_VALUES = "{100,50,20,10,10,5,3,1,1,0}";

export const strings: Record<Lang, PaneStrings> = {
  "zh-CN": {
    productName: "客户分层经营助手",
    productSubtitle: "Client Ladder",
    version: (v) => `版本 ${v}`,
    detecting: "正在连接 Office……",
    insideOffice: (host) => `已在 ${host} 中运行。`,
    insideOfficeHint: "在任意单元格输入 =CLIENT. 即可使用下列函数，结果会自动溢出到相邻单元格。",
    browserMode: "浏览器模式：当前不在 Excel 中运行。",
    browserModeHint: "可以在下方对 .xlsx 文件分层；自定义函数只能在 Excel 中使用：请在 Excel 中加载 manifest.xml。",
    comingSoon: "客户表分层、经营计划和行动日历的一键生成功能正在开发中。",
    functionsTitle: "自定义函数",
    exampleLabel: "示例",
    resultLabel: "结果",
    functions: [
      {
        name: "CLIENT.TIER",
        summary: "按门槛阶梯分档：达到（>=）的最高一档。",
        example: "=CLIENT.TIER(600000, {10000000,2000000,1000000,500000})",
        result: "D",
      },
      {
        name: "CLIENT.QUADRANT",
        summary: "能力 × 意愿四象限：宠爱、耕耘、维系、开发；省略分界线时取中位数。",
        example: "=CLIENT.QUADRANT(B2:B200, C2:C200)",
        result: "每位客户一个象限",
      },
      {
        name: "CLIENT.PARETO_SHARE",
        summary: "前 20% 的客户合计占总额的比例（二八检验）。",
        example: `=CLIENT.PARETO_SHARE(${TEN_VALUES}, 0.2)`,
        result: "0.75",
      },
      {
        name: "CLIENT.PARETO_CUTOFF",
        summary: "合计达到总额 80% 最少需要多大比例的客户。",
        example: `=CLIENT.PARETO_CUTOFF(${TEN_VALUES}, 0.8)`,
        result: "0.25",
      },
      {
        name: "CLIENT.SCORE",
        summary: "五项指标综合评分，0 到 100 分；流动性等指标可设为越低越好。",
        example: "=CLIENT.SCORE(B2:F2, , 5, {FALSE,FALSE,FALSE,FALSE,TRUE})",
        result: "0 到 100 的分数",
      },
    ],
    workbench: {
      title: "在浏览器中分层一个 .xlsx 文件",
      intro: "打开客户名单或示例工作簿，选择工作表后一键分层，再下载结果。文件只在本页面中处理，不会上传。",
      openFile: "打开 .xlsx…",
      fileInputLabel: "选择 .xlsx 文件",
      trySample: "试用示例工作簿",
      sampleName: "示例客户名单",
      loading: "正在读取工作簿……",
      opened: (name, sheets) => `已打开“${name}”，共 ${sheets} 个工作表。`,
      noClientTable: "没有找到含表头（如 客户编号、姓名、保费）的工作表：请选择客户表所在的工作表。",
      sheetLabel: "客户表所在工作表",
      langLabel: "输出语言",
      langAuto: "自动（按表头）",
      asOfLabel: "基准日期",
      segment: "分层",
      running: "正在分层……",
      download: "下载结果",
      saving: "正在生成文件……",
      previewTitle: "已写入的结果",
      clientsSegmented: (clients, rows) => `${clients} 位客户参与分层（读取 ${rows} 行）。`,
      byTier: "按分层",
      byQuadrant: "按象限",
      byClass: "按评级",
      groupHeader: "分组",
      countHeader: "客户数",
      valueHeader: "保费合计",
      topShare: "前 20% 客户的保费占比",
      cutoff: "达到 80% 保费所需的客户占比",
      notAvailable: "—",
      issuesTitle: (n) => `数据问题：${n} 条`,
      issueRow: (row) => (row === null ? "整表" : `第 ${row} 行`),
      moreIssues: (n, sheet) => `另有 ${n} 条，见“${sheet}”工作表。`,
      sheetsWritten: "写入的工作表",
      downloadHint: (fileName) => `将保存为 ${fileName}`,
      errorTitle: "无法完成",
    },
  },
  "en-US": {
    productName: "Client Ladder",
    productSubtitle: "客户分层经营助手",
    version: (v) => `Version ${v}`,
    detecting: "Connecting to Office…",
    insideOffice: (host) => `Running inside ${host}.`,
    insideOfficeHint: "Type =CLIENT. in any cell to use the functions below; results spill into the cells next to it.",
    browserMode: "Browser mode: not running inside Excel.",
    browserModeHint: "You can segment an .xlsx file below; the custom functions work only inside Excel: sideload manifest.xml in Excel to use them.",
    comingSoon: "Segmenting a client table and generating plans and an action calendar in one click is under way.",
    functionsTitle: "Custom functions",
    exampleLabel: "Example",
    resultLabel: "Result",
    functions: [
      {
        name: "CLIENT.TIER",
        summary: "Threshold ladder: the highest tier whose threshold the value reaches (>=).",
        example: "=CLIENT.TIER(600000, {10000000,2000000,1000000,500000})",
        result: "D",
      },
      {
        name: "CLIENT.QUADRANT",
        summary: "Ability x willingness: Pamper, Cultivate, Maintain, Develop; cut at the medians when no cut is given.",
        example: "=CLIENT.QUADRANT(B2:B200, C2:C200)",
        result: "one quadrant per client",
      },
      {
        name: "CLIENT.PARETO_SHARE",
        summary: "The share of the total held by the top 20% of clients (the 80/20 check).",
        example: `=CLIENT.PARETO_SHARE(${TEN_VALUES}, 0.2)`,
        result: "0.75",
      },
      {
        name: "CLIENT.PARETO_CUTOFF",
        summary: "The smallest fraction of clients that holds 80% of the total.",
        example: `=CLIENT.PARETO_CUTOFF(${TEN_VALUES}, 0.8)`,
        result: "0.25",
      },
      {
        name: "CLIENT.SCORE",
        summary: "The five-indicator review as one score from 0 to 100; mark indicators such as mobility lower-is-better.",
        example: "=CLIENT.SCORE(B2:F2, , 5, {FALSE,FALSE,FALSE,FALSE,TRUE})",
        result: "a score from 0 to 100",
      },
    ],
    workbench: {
      title: "Segment an .xlsx file in the browser",
      intro: "Open a client list or the sample workbook, choose the sheet, segment it in one click and download the result. The file is processed in this page only; nothing is uploaded.",
      openFile: "Open .xlsx…",
      fileInputLabel: "Choose an .xlsx file",
      trySample: "Try the sample workbook",
      sampleName: "sample-clients",
      loading: "Reading the workbook…",
      opened: (name, sheets) => `Opened "${name}": ${sheets} ${sheets === 1 ? "sheet" : "sheets"}.`,
      noClientTable: "No sheet has a header row such as Client ID, Name, Premium: choose the sheet that holds the client table.",
      sheetLabel: "Sheet with the client table",
      langLabel: "Output language",
      langAuto: "Automatic (from the headers)",
      asOfLabel: "Run date",
      segment: "Segment",
      running: "Segmenting…",
      download: "Download result",
      saving: "Preparing the file…",
      previewTitle: "What was written",
      clientsSegmented: (clients, rows) => `${clients} clients segmented (${rows} rows read).`,
      byTier: "By tier",
      byQuadrant: "By quadrant",
      byClass: "By class",
      groupHeader: "Group",
      countHeader: "Clients",
      valueHeader: "Value",
      topShare: "Share of value held by the top 20% of clients",
      cutoff: "Share of clients that holds 80% of value",
      notAvailable: "—",
      issuesTitle: (n) => `Data issues: ${n}`,
      issueRow: (row) => (row === null ? "Whole table" : `Row ${row}`),
      moreIssues: (n, sheet) => `${n} more on the sheet "${sheet}".`,
      sheetsWritten: "Sheets written",
      downloadHint: (fileName) => `Saves as ${fileName}`,
      errorTitle: "Could not finish",
    },
  },
};
