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
  /** Office.onReady is slow inside Office: never a reason to switch to browser mode */
  waitingForExcel: string;
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
  steps: StepStrings;
  share: ShareStrings;
}

/** "Make a copy for sharing": CLIENT formulas replaced by their values (ShareSection.tsx). */
export interface ShareStrings {
  title: string;
  intro: string;
  scopeLabel: string;
  thisSheet: string;
  wholeBook: string;
  saveCopyFirst: string;
  start: string;
  confirmTitle: string;
  confirm: (scope: string) => string;
  replace: string;
  cancel: string;
  working: (index: number, count: number, sheet: string) => string;
  doneTitle: string;
  sheetResult: (sheet: string, formulas: number, cells: number) => string;
  noneFound: string;
  saveNow: string;
}

/** The pane's steps: the shell, Data, Preview and Generate, and the form's own messages. */
export interface StepStrings {
  names: Record<"data" | "columns" | "models" | "preview" | "generate", string>;
  stepsLabel: string;
  stepOf: (k: number, n: number, name: string) => string;
  next: string;
  back: string;
  previewNow: string;
  preparing: string;
  reading: string;
  opening: string;
  /** the inline messages of the form */
  notANumber: (text: string) => string;
  required: string;
  badDate: string;
  labelsCount: (expected: number, actual: number) => string;
  weightsAllZero: string;
  fixProblems: string;
  // Data
  dataIntro: string;
  sheetList: string;
  looksLikeClients: (fields: number) => string;
  notClients: string;
  sheetSize: (rows: string, columns: string) => string;
  useSelection: string;
  useSelectionHint: string;
  tableFrom: (source: string) => string;
  tableSize: (rows: string, columns: string, headerRow: number) => string;
  noHeader: string;
  firstRows: string;
  settingsLoaded: (date: string) => string;
  settingsIgnored: string;
  backToDefaults: string;
  // Preview
  notWrittenYet: string;
  matrix: string;
  highAbility: string;
  lowAbility: string;
  highWillingness: string;
  lowWillingness: string;
  curveTitle: string;
  curveDescription: (top: string, cutoff: string) => string;
  curveClients: string;
  curveValue: string;
  noValue: string;
  sheetsToWrite: string;
  replaces: string;
  generate: string;
  // Generate
  writing: string;
  progressRead: string;
  progressSegment: string;
  progressPlans: string;
  progressWrite: (k: number, n: number, sheet: string) => string;
  cancel: string;
  cancelling: string;
  doneTitle: string;
  done: (n: number) => string;
  cancelledTitle: string;
  cancelled: (written: number, planned: number) => string;
  openSheet: (name: string) => string;
  issuesLink: (n: string, sheet: string) => string;
  summaryActive: (sheet: string) => string;
  runAgain: string;
  help: string;
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
  byRfm: string;
  sinceLast: (date: string, up: string, down: string, added: string, gone: string) => string;
  sinceLastMatrix: string;
  fromTo: string;
  newClients: string;
  goneClients: string;
  notTiered: string;
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
    waitingForExcel: "Excel 仍在加载本插件，请稍候……",
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
      {
        name: "CLIENT.RFM",
        summary: "RFM 分群代码 100×R+10×F+M：最近一次（天数越少越高）、频次、金额各按五分位打 1 到 5 分，规则同 R rfm 包。",
        example: "=CLIENT.RFM(B2:B200, C2:C200, D2:D200)",
        result: "每位客户一个代码，如 543",
      },
      {
        name: "CLIENT.CLV",
        summary: "客户终身价值：每期利润 × 续保率 ÷ (1 + 折现率 − 续保率)。",
        example: "=CLIENT.CLV(1000, 80%, 10%)",
        result: "2666.67",
      },
      {
        name: "CLIENT.GINI",
        summary: "基尼系数（同 R ineq）：0 表示人人相同，越接近 1 越集中。",
        example: "=CLIENT.GINI({1,2,3,4})",
        result: "0.25",
      },
    ],
    steps: {
      names: { data: "数据", columns: "列", models: "模型", preview: "预览", generate: "生成" },
      stepsLabel: "分层步骤",
      stepOf: (k, n, name) => `第 ${k} 步，共 ${n} 步：${name}`,
      next: "下一步",
      back: "上一步",
      previewNow: "预览分层",
      preparing: "正在计算分层……",
      reading: "正在读取客户表……",
      opening: "正在读取工作簿……",
      notANumber: (text) => `“${text}”不是数字`,
      required: "请填写",
      badDate: "请输入有效日期（年-月-日）",
      labelsCount: (expected, actual) => `需要 ${expected} 个名称（每档一个），现在是 ${actual} 个`,
      weightsAllZero: "权重不能全为 0",
      fixProblems: "请先改正标出的输入。",
      dataIntro: "选择客户表：选中区域所在的表格，或下面列出的工作表。",
      sheetList: "工作表",
      looksLikeClients: (fields) => `像客户表（表头识别出 ${fields} 个字段）`,
      notClients: "未识别出客户表表头",
      sheetSize: (rows, columns) => `${rows} 行 × ${columns} 列`,
      useSelection: "使用当前选中区域",
      useSelectionHint: "读取选中单元格所在的 Excel 表格或连续区域。",
      tableFrom: (source) => `客户表：${source}`,
      tableSize: (rows, columns, headerRow) => `${rows} 行 × ${columns} 列，表头在第 ${headerRow} 行`,
      noHeader: "这里没有找到客户表表头（如 客户编号、姓名、保费）：请选择其他工作表或区域。",
      firstRows: "前几行",
      settingsLoaded: (date) => `已载入上次运行（${date}）的设置。`,
      settingsIgnored: "工作簿中保存的设置无效，已使用默认设置。",
      backToDefaults: "恢复默认设置",
      notWrittenYet: "以下是预览：尚未写入任何内容。确认后点击“生成”。",
      matrix: "能力 × 意愿矩阵",
      highAbility: "能力高",
      lowAbility: "能力低",
      highWillingness: "意愿高",
      lowWillingness: "意愿低",
      curveTitle: "帕累托曲线",
      curveDescription: (top, cutoff) => `累计保费占比曲线：前 20% 客户占 ${top}；${cutoff} 的客户占 80% 保费。`,
      curveClients: "客户占比（按保费从高到低）",
      curveValue: "累计保费占比",
      noValue: "没有价值列：无法做价值分层和帕累托分析。",
      sheetsToWrite: "将写入的工作表",
      replaces: "（覆盖上次结果）",
      generate: "生成",
      writing: "正在写入……",
      progressRead: "正在读取",
      progressSegment: "正在分层",
      progressPlans: "正在生成经营计划",
      progressWrite: (k, n, sheet) => `正在写入第 ${k}/${n} 个工作表：${sheet}`,
      cancel: "取消",
      cancelling: "正在取消：当前工作表写完后停止……",
      doneTitle: "已生成",
      done: (n) => `已写入 ${n} 个工作表。`,
      cancelledTitle: "已取消",
      cancelled: (written, planned) => `已取消：写入了 ${written}/${planned} 个工作表，均已完整写完；其余保持原样。`,
      openSheet: (name) => `打开“${name}”`,
      issuesLink: (n, sheet) => `数据问题 ${n} 条：打开“${sheet}”`,
      summaryActive: (sheet) => `“${sheet}”现在是活动工作表。`,
      runAgain: "修改设置后重新运行",
      help: "帮助：自定义函数",
    },
    share: {
      title: "制作分享副本",
      intro:
        "没有安装本加载项的同事打开工作簿时，CLIENT 函数所在的单元格会显示 #NAME?。这里可以把 CLIENT 公式换成它们当前显示的值，其他公式（如 =SUM）保持不变。",
      scopeLabel: "替换范围",
      thisSheet: "当前工作表",
      wholeBook: "整个工作簿",
      saveCopyFirst: "替换会修改当前打开的工作簿，且无法由加载项恢复。请先用“文件 › 另存为/保存副本”保存一份副本，在副本中执行替换，再把副本发给同事。",
      start: "替换为数值…",
      confirmTitle: "确认替换",
      confirm: (scope) => `将把${scope}中的 CLIENT 公式替换为数值。已经保存副本了吗？`,
      replace: "替换",
      cancel: "取消",
      working: (index, count, sheet) => `正在处理第 ${index} / ${count} 个工作表：${sheet}`,
      doneTitle: "替换完成",
      sheetResult: (sheet, formulas, cells) => `“${sheet}”：${formulas} 个公式，${cells} 个单元格`,
      noneFound: "没有找到 CLIENT 公式，工作簿未改动。",
      saveNow: "请保存此工作簿后再发送。",
    },
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
      byRfm: "按 RFM 分群",
      sinceLast: (date, up, down, added, gone) => `与上次运行（${date}）相比：升档 ${up}，降档 ${down}，新增 ${added}，不在 ${gone}。`,
      sinceLastMatrix: "分层变动（行：上次，列：本次；客户数）",
      fromTo: "原 \\ 现",
      newClients: "新增",
      goneClients: "已不在",
      notTiered: "未分档",
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
    waitingForExcel: "Excel is still loading the add-in; please wait…",
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
      {
        name: "CLIENT.RFM",
        summary: "RFM code 100R+10F+M: recency (fewer days scores higher), frequency and monetary each scored 1 to 5 by quintiles, as the R rfm package does.",
        example: "=CLIENT.RFM(B2:B200, C2:C200, D2:D200)",
        result: "one code per client, such as 543",
      },
      {
        name: "CLIENT.CLV",
        summary: "Customer lifetime value: margin x retention / (1 + discount - retention).",
        example: "=CLIENT.CLV(1000, 80%, 10%)",
        result: "2666.67",
      },
      {
        name: "CLIENT.GINI",
        summary: "Gini coefficient (as R ineq): 0 when all are equal, nearer 1 the more concentrated.",
        example: "=CLIENT.GINI({1,2,3,4})",
        result: "0.25",
      },
    ],
    steps: {
      names: { data: "Data", columns: "Columns", models: "Models", preview: "Preview", generate: "Generate" },
      stepsLabel: "Segmentation steps",
      stepOf: (k, n, name) => `Step ${k} of ${n}: ${name}`,
      next: "Next",
      back: "Back",
      previewNow: "Preview",
      preparing: "Segmenting…",
      reading: "Reading the client table…",
      opening: "Reading the workbook…",
      notANumber: (text) => `"${text}" is not a number`,
      required: "Required",
      badDate: "Enter a valid date (year-month-day)",
      labelsCount: (expected, actual) => `${expected} labels are needed (one per tier); there are ${actual}`,
      weightsAllZero: "The weights cannot all be 0",
      fixProblems: "Fix the inputs marked first.",
      dataIntro: "Choose the client table: the table under the selection, or one of the sheets below.",
      sheetList: "Sheets",
      looksLikeClients: (fields) => `Looks like a client table (${fields} fields in its header)`,
      notClients: "No client table header found",
      sheetSize: (rows, columns) => `${rows} ${rows === "1" ? "row" : "rows"} × ${columns} ${columns === "1" ? "column" : "columns"}`,
      useSelection: "Use the selection",
      useSelectionHint: "Reads the Excel table or the block of cells around the selected cell.",
      tableFrom: (source) => `Client table: ${source}`,
      tableSize: (rows, columns, headerRow) => `${rows} rows × ${columns} columns, header on row ${headerRow}`,
      noHeader: "No client table header (such as Client ID, Name, Premium) was found here: choose another sheet or range.",
      firstRows: "First rows",
      settingsLoaded: (date) => `The settings of the last run (${date}) are loaded.`,
      settingsIgnored: "The settings saved in this workbook are not valid; the defaults are used.",
      backToDefaults: "Back to defaults",
      notWrittenYet: "This is a preview: nothing has been written yet. Press Generate to write it.",
      matrix: "Ability x willingness matrix",
      highAbility: "High ability",
      lowAbility: "Low ability",
      highWillingness: "High willingness",
      lowWillingness: "Low willingness",
      curveTitle: "Pareto curve",
      curveDescription: (top, cutoff) => `Cumulative share of value: the top 20% of clients hold ${top}; ${cutoff} of clients hold 80% of value.`,
      curveClients: "Share of clients (largest value first)",
      curveValue: "Cumulative share of value",
      noValue: "No value column: no value ladder and no Pareto check.",
      sheetsToWrite: "Sheets to write",
      replaces: " (replaces the last run's)",
      generate: "Generate",
      writing: "Writing…",
      progressRead: "Reading",
      progressSegment: "Segmenting",
      progressPlans: "Building the plans",
      progressWrite: (k, n, sheet) => `Writing sheet ${k} of ${n}: ${sheet}`,
      cancel: "Cancel",
      cancelling: "Cancelling: stops when the sheet being written is complete…",
      doneTitle: "Done",
      done: (n) => `${n} sheets written.`,
      cancelledTitle: "Cancelled",
      cancelled: (written, planned) => `Cancelled: ${written} of ${planned} sheets written, each one complete; the others are as they were.`,
      openSheet: (name) => `Open "${name}"`,
      issuesLink: (n, sheet) => `${n} data issues: open "${sheet}"`,
      summaryActive: (sheet) => `"${sheet}" is now the active sheet.`,
      runAgain: "Change the settings and run again",
      help: "Help: custom functions",
    },
    share: {
      title: "Make a copy for sharing",
      intro:
        "A colleague without this add-in sees #NAME? where CLIENT functions were. This replaces the CLIENT formulas by the values they show now; other formulas (=SUM and the like) stay as they are.",
      scopeLabel: "Replace in",
      thisSheet: "This sheet",
      wholeBook: "The whole workbook",
      saveCopyFirst:
        "This changes the workbook that is open, and the add-in cannot undo it. Save a copy first (File › Save a Copy or Save As), do the replacement in the copy, and send the copy.",
      start: "Replace by values…",
      confirmTitle: "Replace the formulas?",
      confirm: (scope) => `The CLIENT formulas of ${scope} will be replaced by their values. Have you saved a copy?`,
      replace: "Replace",
      cancel: "Cancel",
      working: (index, count, sheet) => `Sheet ${index} of ${count}: ${sheet}`,
      doneTitle: "Formulas replaced",
      sheetResult: (sheet, formulas, cells) => `"${sheet}": ${formulas} formula${formulas === 1 ? "" : "s"}, ${cells} cell${cells === 1 ? "" : "s"}`,
      noneFound: "No CLIENT formulas found; the workbook is unchanged.",
      saveNow: "Save this workbook before you send it.",
    },
    workbench: {
      title: "Segment an .xlsx file in the browser",
      intro:
        "Open a client list or the sample workbook, choose the sheet, segment it in one click and download the result. The file is processed in this page only; nothing is uploaded.",
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
      byRfm: "By RFM segment",
      sinceLast: (date, up, down, added, gone) => `Since the last run (${date}): up ${up}, down ${down}, new ${added}, gone ${gone}.`,
      sinceLastMatrix: "Tier moves (rows: last run, columns: this run; clients)",
      fromTo: "From \\ To",
      newClients: "New",
      goneClients: "Gone",
      notTiered: "Not tiered",
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
