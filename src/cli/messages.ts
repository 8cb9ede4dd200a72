import type { Lang } from "../core/lang";
import { langFromTag } from "../core/lang";
import { fill } from "../core/template";

/*
 * Every sentence the command line says that is not a data issue (those come from core's
 * describeIssue). Errors say what to do next.
 */

const MESSAGES = {
  description: {
    "zh-CN": "Client Ladder 客户分层经营助手：对 .xlsx 客户名单分层，结果写入新文件。",
    "en-US": "Client Ladder: segments the client list of an .xlsx file and writes the result to a new file.",
  },
  segmentDescription: {
    "zh-CN": "读取 IN.xlsx 中的客户表，分层后把结果工作表写入 -o 指定的新文件（不改动原文件）。",
    "en-US": "reads the client table of IN.xlsx, segments it and writes the result sheets to the -o file (IN is never changed)",
  },
  sampleDescription: {
    "zh-CN": "生成内置示例工作簿（300 位虚构客户）。",
    "en-US": "writes the built-in sample workbook (300 fictitious clients)",
  },
  inputArg: { "zh-CN": "输入的 .xlsx 文件", "en-US": "the .xlsx file to read" },
  outputOption: { "zh-CN": "输出的 .xlsx 文件（新文件）", "en-US": "the .xlsx file to write (a new file)" },
  sheetOption: { "zh-CN": "客户表所在的工作表名", "en-US": "the sheet that holds the client table" },
  configOption: { "zh-CN": "运行配置 JSON 文件", "en-US": "a run configuration JSON file" },
  langOption: { "zh-CN": "输出与提示语言：zh-CN 或 en-US", "en-US": "language of the output and messages: zh-CN or en-US" },
  asOfOption: { "zh-CN": "基准日期 YYYY-MM-DD（默认今天）", "en-US": "the run date, YYYY-MM-DD (default: today)" },
  sampleAsOfOption: {
    "zh-CN": "示例数据的日期以此为基准 YYYY-MM-DD（默认今天）：生日与续期在此后几个月内，部分拜访已逾期",
    "en-US": "the run date the sample's dates are made for, YYYY-MM-DD (default: today): birthdays and renewals in the months after it, some visits overdue",
  },
  headerRowOption: {
    "zh-CN": "表头所在的行号（表头不在前 {value} 行时使用）",
    "en-US": "the row number of the table's header (when it is not within the first {value} rows)",
  },
  maskOption: {
    "zh-CN": "在写出的名单中隐藏手机号和证件号（138****5678、110***********123X）；客户编号照原样写出。设置随工作簿保存",
    "en-US": "mask phone and ID numbers in the written lists (138****5678, 110***********123X); client ids are written as they are. Saved with the workbook",
  },
  noMaskOption: { "zh-CN": "不隐藏（取消上次运行保存的 --mask）", "en-US": "do not mask (turns off a --mask saved by the last run)" },
  progressOption: { "zh-CN": "不显示进度条", "en-US": "do not show the progress bar" },
  helpOption: { "zh-CN": "显示帮助", "en-US": "show help" },
  // --- usage errors (exit 2) ---
  usage: {
    "zh-CN": "{detail}运行 client-ladder --help 查看用法。",
    "en-US": "{detail} Run client-ladder --help to see how it is used.",
  },
  unknownOption: { "zh-CN": "不认识选项 {value}。", "en-US": "There is no option {value}." },
  unknownCommand: {
    "zh-CN": "不认识命令 {value}：可用的命令是 segment 和 sample。",
    "en-US": "There is no command {value}: the commands are segment and sample.",
  },
  missingOutput: {
    "zh-CN": "请用 -o 指定输出文件，例如 -o 结果.xlsx。",
    "en-US": "Name the output file with -o, for example -o out.xlsx.",
  },
  missingArgument: { "zh-CN": "缺少参数 {value}。", "en-US": "The argument {value} is missing." },
  missingOptionValue: { "zh-CN": "选项 {value} 后面需要一个值。", "en-US": "The option {value} needs a value after it." },
  tooManyArguments: {
    "zh-CN": "参数过多：一次只处理一个输入文件；文件名含空格时请加引号。",
    "en-US": "Too many arguments: give one input file, in quotes if its name has spaces.",
  },
  badLang: {
    "zh-CN": "--lang 只能是 zh-CN 或 en-US，而不是“{value}”。",
    "en-US": '--lang must be zh-CN or en-US, not "{value}".',
  },
  badDate: {
    "zh-CN": "--as-of 应为 YYYY-MM-DD 格式的日期，例如 2026-03-31，而不是“{value}”。",
    "en-US": '--as-of must be a date written YYYY-MM-DD, such as 2026-03-31, not "{value}".',
  },
  badHeaderRow: {
    "zh-CN": "--header-row 应为表头所在的行号（1 到 1048576 的整数），而不是“{value}”。",
    "en-US": '--header-row must be the row number of the header (a whole number from 1 to 1048576), not "{value}".',
  },
  sameFile: {
    "zh-CN": "输出文件不能与输入文件相同（{value}）：请用 -o 指定另一个文件名，原文件不会被改动。",
    "en-US": "The output file cannot be the input file ({value}): name another file with -o; the input is never changed.",
  },
  outputNotXlsx: {
    "zh-CN": "输出文件应以 .xlsx 结尾（{value}），否则 Excel 无法打开。",
    "en-US": "The output file name must end in .xlsx ({value}) so Excel can open it.",
  },
  // --- bad input (exit 1) ---
  inputMissing: {
    "zh-CN": "找不到输入文件 {value}：请检查路径和文件名。",
    "en-US": "The input file {value} does not exist: check the path and the file name.",
  },
  inputStrict: {
    "zh-CN": "{value} 是“Strict Open XML”格式的工作簿，本工具不读取这种格式：请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”后再试。",
    "en-US": '{value} is a Strict Open XML workbook, which this tool does not read: save it from Excel as "Excel Workbook (*.xlsx)" and try again.',
  },
  inputEncrypted: {
    "zh-CN": "{value} 设有打开密码（已加密），或是旧的 .xls 文件：请在 Excel 中去掉密码并另存为 .xlsx 后再试。",
    "en-US": "{value} is password-protected (encrypted) or an old .xls file: remove the password and save it from Excel as .xlsx, then try again.",
  },
  outputNeedsXlsm: {
    "zh-CN": "输入工作簿含有宏（.xlsm）：输出文件也应以 .xlsm 结尾（{value}），宏会原样保留。",
    "en-US": "The input workbook has macros (.xlsm): name the output .xlsm too ({value}); the macros are kept as they are.",
  },
  inputNotXlsx: {
    "zh-CN": "{value} 不是 .xlsx 工作簿：请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”后再试。",
    "en-US": '{value} is not an .xlsx workbook: save it from Excel as "Excel Workbook (*.xlsx)" and try again.',
  },
  configMissing: {
    "zh-CN": "找不到配置文件 {value}：请检查路径。",
    "en-US": "The configuration file {value} does not exist: check the path.",
  },
  configNotJson: {
    "zh-CN": "配置文件 {value} 不是有效的 JSON：{detail}。请修正后再试。",
    "en-US": "The configuration file {value} is not valid JSON: {detail}. Fix it and try again.",
  },
  configProblems: {
    "zh-CN": "配置文件 {value} 有以下问题，请修正后再试：",
    "en-US": "The configuration file {value} has these problems; fix them and try again:",
  },
  hintSheets: {
    "zh-CN": "请用 --sheet 指定以下工作表之一：{value}。",
    "en-US": " Name one of these sheets with --sheet: {value}.",
  },
  hintEmpty: {
    "zh-CN": "请在表头下方填入客户数据后再运行。",
    "en-US": " Fill in client rows under the header and run again.",
  },
  writeFailed: {
    "zh-CN": "无法写入 {value}：{detail}。请检查目录是否存在、文件是否在 Excel 中打开。",
    "en-US": "Could not write {value}: {detail}. Check that the folder exists and the file is not open in Excel.",
  },
  unexpected: {
    "zh-CN": "意外错误：{detail}。请把这条信息和输入文件一起反馈给我们。",
    "en-US": "Unexpected error: {detail}. Please report this message together with the input file.",
  },
  // --- progress and summary ---
  phaseLoad: { "zh-CN": "读取工作簿", "en-US": "Reading the workbook" },
  phaseSegment: { "zh-CN": "分层", "en-US": "Segmenting" },
  phaseWrite: { "zh-CN": "生成工作表", "en-US": "Building the sheets" },
  phaseSave: { "zh-CN": "保存文件", "en-US": "Saving the file" },
  summaryClients: {
    "zh-CN": "已分层 {value} 位客户（读取 {detail} 行）。",
    "en-US": "{value} clients segmented ({detail} rows read).",
  },
  summaryTiers: { "zh-CN": "分层：{detail}", "en-US": "Tiers: {detail}" },
  summaryClasses: { "zh-CN": "评级：{detail}", "en-US": "Classes: {detail}" },
  summaryQuadrants: { "zh-CN": "象限：{detail}", "en-US": "Quadrants: {detail}" },
  summaryTopShare: {
    "zh-CN": "前 20% 客户的保费占比：{value}",
    "en-US": "Top 20% of clients hold {value} of the value.",
  },
  summaryMasked: {
    "zh-CN": "已隐藏手机号和证件号：{value} 个单元格（客户编号照原样写出）。",
    "en-US": "Phone and ID numbers masked in {value} cells (client ids are written as they are).",
  },
  summaryIssues: {
    "zh-CN": "数据问题：{value} 条，见工作表“{detail}”。",
    "en-US": 'Data issues: {value}, listed on the sheet "{detail}".',
  },
  summaryOutput: { "zh-CN": "已写入：{value}", "en-US": "Written: {value}" },
  sampleWritten: {
    "zh-CN": "示例工作簿已写入：{value}（{detail} 位虚构客户）。试试：client-ladder segment {value} -o 分层结果.xlsx",
    "en-US": "Sample workbook written: {value} ({detail} fictitious clients). Try: client-ladder segment {value} -o segmented.xlsx",
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;

/** A CLI sentence in the language, with {value} and {detail} filled in. */
export function message(key: MessageKey, lang: Lang, params: { value?: string | number; detail?: string | number } = {}): string {
  // file paths are quoted whole up to a length no real path reaches
  return fill(MESSAGES[key][lang], params, 4096);
}

/** The language of messages: --lang when given, else a LANG starting with zh, else English. */
export function messageLanguage(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
  const at = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  if (at >= 0) {
    const given = argv[at].includes("=") ? argv[at].slice(argv[at].indexOf("=") + 1) : argv[at + 1];
    if (given === "zh-CN" || given === "en-US") return given;
  }
  return langFromTag((env.LC_ALL || env.LC_MESSAGES || env.LANG || "").replace("_", "-"));
}
