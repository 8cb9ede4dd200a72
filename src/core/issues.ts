import type { Lang } from "./lang";
import { fill } from "./template";

/**
 * Everything that can be wrong with an input, as a value (CONVENTIONS.md: errors are values at
 * the core boundary). Each code maps to the Excel error a function returns and to a sentence in
 * both languages that names the value and says why.
 */
export type ExcelErrorKind = "value" | "num" | "div0";

const ISSUES = {
  notANumber: {
    kind: "value",
    "zh-CN": "“{value}”不是数字：请填写数字，如 1200、1,200、¥3,000、12万 或 35%。",
    "en-US": '"{value}" is not a number: write a number such as 1200, 1,200, ¥3,000, 12万 or 35%.',
  },
  errorValue: {
    kind: "value",
    "zh-CN": "单元格含错误值 {value}：请先修正该单元格。",
    "en-US": "The cell holds the error {value}: fix that cell first.",
  },
  booleanNotNumber: {
    kind: "value",
    "zh-CN": "{value} 是逻辑值，不是数字。",
    "en-US": "{value} is a TRUE/FALSE value, not a number.",
  },
  dateNotNumber: {
    kind: "value",
    "zh-CN": "{value} 是日期，不是数字。",
    "en-US": "{value} is a date, not a number.",
  },
  notFinite: {
    kind: "num",
    "zh-CN": "“{value}”超出可计算的数值范围。",
    "en-US": '"{value}" is too large to compute with.',
  },
  negativeValue: {
    kind: "num",
    "zh-CN": "{name} 不能为负数（{value}）：业绩、保费等数值应大于或等于 0。",
    "en-US": "{name} cannot be negative ({value}): values such as premium must be 0 or more.",
  },
  fractionOutOfRange: {
    kind: "num",
    "zh-CN": "{name} 必须在 0 到 1 之间（或 0% 到 100%），而不是 {value}。",
    "en-US": "{name} must be between 0 and 1 (or 0% and 100%), not {value}.",
  },
  thresholdsEmpty: {
    kind: "value",
    "zh-CN": "请至少给出一个分档门槛（thresholds）。",
    "en-US": "Give at least one threshold.",
  },
  thresholdsDuplicate: {
    kind: "value",
    "zh-CN": "分档门槛 {value} 出现了不止一次：每个门槛只能出现一次。",
    "en-US": "The threshold {value} appears more than once: each threshold may appear only once.",
  },
  labelsCount: {
    kind: "value",
    "zh-CN": "需要 {expected} 个标签，实际给了 {actual} 个。",
    "en-US": "{expected} labels are needed; {actual} were given.",
  },
  labelBlank: {
    kind: "value",
    "zh-CN": "第 {index} 个标签是空的：每个标签都要有文字。",
    "en-US": "Label {index} is blank: every label needs a text.",
  },
  cutMissing: {
    kind: "value",
    "zh-CN": "{name} 为单个值时必须给出分界值（{cut}）；为区域时可省略，以中位数为界。",
    "en-US": "When {name} is a single value its cut ({cut}) must be given; for a range it may be left out and the median is used.",
  },
  noNumbers: {
    kind: "value",
    "zh-CN": "{name} 中没有数字，无法计算中位数。",
    "en-US": "{name} holds no numbers, so there is no median to cut at.",
  },
  shapeMismatch: {
    kind: "value",
    "zh-CN": "{name} 的行列数（{actual}）与 {other}（{expected}）不一致。",
    "en-US": "{name} has {actual} cells in its shape but {other} has {expected}: they must match.",
  },
  allZero: {
    kind: "div0",
    "zh-CN": "所有数值都是 0，无法计算占比。",
    "en-US": "All values are 0, so no share can be computed.",
  },
  noValues: {
    kind: "div0",
    "zh-CN": "区域中没有数字。",
    "en-US": "The range holds no numbers.",
  },
  scaleMaxInvalid: {
    kind: "num",
    "zh-CN": "满分（scale_max）必须是大于 1 的数字，而不是 {value}。",
    "en-US": "scale_max must be a number greater than 1, not {value}.",
  },
  indicatorOutOfRange: {
    kind: "num",
    "zh-CN": "指标得分 {value} 超出 1 到 {max} 的范围。",
    "en-US": "The indicator score {value} is outside 1 to {max}.",
  },
  weightsCount: {
    kind: "value",
    "zh-CN": "权重个数（{actual}）应与指标列数（{expected}）相同。",
    "en-US": "There are {actual} weights for {expected} indicator columns: give one weight per column.",
  },
  weightNegative: {
    kind: "num",
    "zh-CN": "权重不能为负数（{value}）。",
    "en-US": "A weight cannot be negative ({value}).",
  },
  weightsAllZero: {
    kind: "num",
    "zh-CN": "权重不能全部为 0。",
    "en-US": "The weights cannot all be 0.",
  },
  flagsCount: {
    kind: "value",
    "zh-CN": "“越低越好”标记个数（{actual}）应与指标列数（{expected}）相同。",
    "en-US": "There are {actual} lower_is_better flags for {expected} indicator columns: give one per column.",
  },
  flagNotBoolean: {
    kind: "value",
    "zh-CN": "“{value}”不是 TRUE/FALSE：lower_is_better 每一项应为 TRUE 或 FALSE。",
    "en-US": '"{value}" is not TRUE or FALSE: each lower_is_better entry must be TRUE or FALSE.',
  },
  rfmBinsInvalid: {
    kind: "num",
    "zh-CN": "分档数（bins）必须是 1 到 9 之间的整数，而不是 {value}。",
    "en-US": "bins must be a whole number from 1 to 9, not {value}.",
  },
  retentionOutOfRange: {
    kind: "num",
    "zh-CN": "续保率（retention）必须大于或等于 0 且小于 1（即 0% 至 100% 之间，不含 100%），而不是 {value}。",
    "en-US": "retention must be at least 0 and less than 1 (0% up to but not 100%), not {value}.",
  },
  discountNegative: {
    kind: "num",
    "zh-CN": "折现率（discount）不能为负数（{value}）。",
    "en-US": "discount cannot be negative ({value}).",
  },
  dateAfterRun: {
    kind: "num",
    "zh-CN": "最近一次日期比运行日期晚 {value} 天：请核对日期。",
    "en-US": "The last date is {value} days after the run date: check the date.",
  },
  // --- reasons of Data issues rows written by a run ---
  rfmTiesShared: {
    kind: "value",
    "zh-CN": "RFM 的 {name} 分：{count} 位客户数值相同且跨越了按人数等分的分界，按 R rfm 包的规则得到同一分数；没有客户得到的分数：{value}。",
    "en-US":
      "RFM {name} score: {count} clients with equal values straddle an equal-count cut and share one score, as the R rfm package scores them; scores no client got: {value}.",
  },
  dateUnreadable: {
    kind: "value",
    "zh-CN": "“{value}”不是可识别的日期：请写成 1985-03-07、1985/3/7 或 1985年3月7日。",
    "en-US": '"{value}" is not a date that can be read: write it as 1985-03-07, 3/7/1985 or 7 Mar 1985.',
  },
  playbookCell: {
    kind: "value",
    "zh-CN": "“{value}”无效（服务标记只能是 √ ☆ ◎ ×；拜访间隔为 1 到 {visitMax} 的整数月，复核间隔为 1 到 {reviewMax} 的整数月）：已使用默认值“{read}”。",
    "en-US":
      '"{value}" is not valid (marks are √ ☆ ◎ ×; visit intervals are whole months from 1 to {visitMax}, review intervals from 1 to {reviewMax}): the default "{read}" was used.',
  },
  calendarTruncated: {
    kind: "value",
    "zh-CN": "行动共 {actual} 条，超过 Excel 工作表的行数上限：行动日历只写入了最早的 {value} 条。",
    "en-US": "There are {actual} actions, more than an Excel sheet holds: the calendar has the first {value} of them.",
  },
  totalRow: {
    kind: "value",
    "zh-CN": "这是合计行（“{value}”），不是客户：未计入。",
    "en-US": 'This is a totals row ("{value}"), not a client: it was left out.',
  },
  repeatedHeader: {
    kind: "value",
    "zh-CN": "这一行重复了表头（打印长名单时每页都有）：不是客户，未计入。",
    "en-US": "This row repeats the header (as a long list printed page by page does): it is not a client and was left out.",
  },
  mergedCellsRead: {
    kind: "value",
    "zh-CN": "“{column}”列第 {first}–{last} 行是合并单元格：其中 {count} 个空单元格按第 {first} 行的值“{value}”读取。",
    "en-US": 'Rows {first}–{last} of "{column}" are merged cells: {count} blank cell(s) were read as "{value}", the value on row {first}.',
  },
  mergedCellsUnknown: {
    kind: "value",
    "zh-CN":
      "此版本的 Excel 无法告知哪些单元格是合并的：“{column}”等列中有 {count} 个空单元格紧接在有值的单元格下方，如果它们是合并单元格，已按空白读取。请将 Excel 更新到支持 ExcelApi 1.13 的版本，或先取消合并（开始 > 合并后居中）再运行。",
    "en-US":
      'This version of Excel cannot tell which cells are merged: {count} blank cell(s), in "{column}" and other columns, sit right under a cell with a value; if they are merged cells, they were read as blank. Update Excel (ExcelApi 1.13), or unmerge them (Home > Merge & Center) before the run.',
  },
  dateOutsideExcel: {
    kind: "value",
    "zh-CN": "“{value}”不在 Excel 能显示的日期范围内（1900-01-01 至 9999-12-31）：该日期未使用，不据此安排行动。",
    "en-US": '"{value}" is outside the dates Excel can show (1900-01-01 to 9999-12-31): the date was not used and no action is scheduled from it.',
  },
  actionBeyondExcel: {
    kind: "value",
    "zh-CN": "按“{value}”推算的下一次{action}在 9999-12-31 之后，Excel 无法显示：未安排该行动。",
    "en-US": 'The next {action} worked out from "{value}" falls after 9999-12-31, which Excel cannot show: it was not scheduled.',
  },
  blankId: {
    kind: "value",
    "zh-CN": "没有客户编号：该行未计入。请补上编号后重新运行。",
    "en-US": "No client id: the row was left out. Add an id and run again.",
  },
  duplicateId: {
    kind: "value",
    "zh-CN": "客户编号 {value} 与第 {row} 行重复：该行未计入，请合并或更正编号。",
    "en-US": "Client id {value} already appears on row {row}: this row was left out; merge the rows or correct the id.",
  },
  duplicateName: {
    kind: "value",
    "zh-CN": "表中没有客户编号列，客户“{value}”与第 {row} 行同名：该行未计入。请加一列客户编号以区分同名客户。",
    "en-US":
      'The table has no client id column and "{value}" has the same name as row {row}: this row was left out. Add a client id column to tell such clients apart.',
  },
  readFromText: {
    kind: "value",
    "zh-CN": "文本“{value}”按数字 {read} 读取。",
    "en-US": 'The text "{value}" was read as the number {read}.',
  },
  unitApplied: {
    kind: "value",
    "zh-CN": "“{column}”列按标题中的单位换算：每个数值 ×{value}。",
    "en-US": 'Values in "{column}" were multiplied by {value}, the unit in its header.',
  },
  valueMissing: {
    kind: "value",
    "zh-CN": "{name} 为空：该客户未参与按价值分档。",
    "en-US": "{name} is blank: this client was not placed on the value ladder.",
  },
  absurdValue: {
    kind: "num",
    "zh-CN": "{value} 大于 1 万亿，不像真实数值：该值未使用，请核对。",
    "en-US": "{value} is over one trillion, which is not plausible: the value was not used; check it.",
  },
  columnMissing: {
    kind: "value",
    "zh-CN": "缺少“{column}”列：{model}未运行。",
    "en-US": 'No "{column}" column: {model} did not run.',
  },
  columnDuplicate: {
    kind: "value",
    "zh-CN": "“{header}”与“{other}”都表示{column}：使用了第一列“{other}”。",
    "en-US": '"{header}" and "{other}" both mean {column}: the first, "{other}", was used.',
  },
  fieldMissing: {
    kind: "value",
    "zh-CN": "{name} 为空：该客户没有{model}结果。",
    "en-US": "{name} is blank: this client has no {model} result.",
  },
  configColumnMissing: {
    kind: "value",
    "zh-CN": "配置指定“{value}”列作为{column}，但表头中没有这一列：改用自动识别的列。",
    "en-US": 'The configuration names the column "{value}" as {column}, but the header has no such column: the detected column was used.',
  },
  emptyTable: {
    kind: "value",
    "zh-CN": "客户表“{value}”中没有客户数据行。",
    "en-US": 'The client table "{value}" has no client rows.',
  },
  noHeaderRow: {
    kind: "value",
    "zh-CN":
      "在“{value}”的第 {first}–{last} 行中没有找到表头（需要至少两个可识别的列名，如 客户编号、姓名、保费）。表头在更下方时，请指定表头所在的行号（命令行：--header-row N）。",
    "en-US":
      'No header row was found in rows {first}–{last} of "{value}" (at least two known column names are needed, such as Client ID, Name, Premium). If the header is further down, give its row number (command line: --header-row N).',
  },
  headerRowUnknown: {
    kind: "value",
    "zh-CN": "“{value}”第 {row} 行中没有可识别的列名（如 客户编号、姓名、保费）：请检查指定的表头行号。",
    "en-US": 'Row {row} of "{value}" holds no known column name (such as Client ID, Name, Premium): check the header row number given.',
  },
  headerRowOutside: {
    kind: "value",
    "zh-CN": "指定的表头行 {row} 不在“{value}”的第 {first}–{last} 行之内。",
    "en-US": 'The header row given, {row}, is not within rows {first}–{last} of "{value}".',
  },
  hiddenRowsIncluded: {
    kind: "value",
    "zh-CN": "有 {value} 行被隐藏或筛选掉，仍已计入分层。",
    "en-US": "{value} hidden or filtered-out rows were still included.",
  },
  sheetNameTaken: {
    kind: "value",
    "zh-CN": "工作表“{value}”不是本插件创建的，未改动；结果写入了“{read}”。",
    "en-US": 'The sheet "{value}" was not created by this add-in and was left alone; the output went to "{read}".',
  },
  ownershipNoMark: {
    kind: "value",
    "zh-CN": "上次运行的设置把工作表“{value}”记为本插件所建，但该表没有本插件写入的表格，应是他人所建：未改动，结果写入了“{read}”。",
    "en-US":
      'The saved settings say the sheet "{value}" was made by this add-in, but it holds none of the tables this add-in writes, so a person made it: it was left alone and the output went to "{read}".',
  },
  ownershipOtherSheet: {
    kind: "value",
    "zh-CN": "工作表“{value}”不是上次运行写入的那张表（工作表标识不同，可能是复制或重建的）：未改动，结果写入了“{read}”。",
    "en-US":
      'The sheet "{value}" is not the sheet the last run wrote (its sheet id differs: a copy or a new sheet): it was left alone and the output went to "{read}".',
  },
  columnCarried: {
    kind: "value",
    "zh-CN": "您在“{read}”上添加的列“{value}”已按行带到本次结果（{n} 个值），位于表格最右侧。",
    "en-US": 'The column "{value}" you added to "{read}" was carried over row by row ({n} values), at the right end of the table.',
  },
  noteKept: {
    kind: "value",
    "zh-CN": "客户 {value} 已不在客户表中（或其行已不再列出）：在“{read}”的“{column}”中填写的内容保留在本表右侧的“保留的备注”中，客户回到客户表后会放回原处。",
    "en-US":
      'Client {value} is no longer in the client table (or its row is no longer listed): what was typed in "{column}" on "{read}" is kept under "Kept notes" at the right of this sheet, and goes back on the row when the client returns.',
  },
  maskIdKept: {
    kind: "value",
    "zh-CN":
      "手机号和证件号已在写出的名单中隐藏，但客户编号列“{column}”中有 {value} 个编号含有手机号或证件号：客户编号照原样写出，因为重新运行时要按客户编号找回大家填写的备注和完成标记。如需隐藏，请改用不含手机号、证件号的列（如客户号）作为客户编号。",
    "en-US":
      'Phone and ID numbers are masked in the written lists, but {value} client ids in the column "{column}" hold a phone or ID number: client ids are written as they are, because a re-run finds the notes and done marks people typed by client id. To hide them, use a column without phone or ID numbers (such as a client number) as the client id.',
  },
  settingsInvalid: {
    kind: "value",
    "zh-CN": "工作簿中保存的上次运行设置无法识别，已忽略并改用默认设置（{value}）。",
    "en-US": "The settings saved in the workbook could not be read and were ignored; defaults were used ({value}).",
  },
  noSuchSheet: {
    kind: "value",
    "zh-CN": "工作簿中没有名为“{value}”的工作表。",
    "en-US": 'The workbook has no sheet named "{value}".',
  },
  noSuchTable: {
    kind: "value",
    "zh-CN": "工作簿中没有名为“{value}”的表格。",
    "en-US": 'The workbook has no table named "{value}".',
  },
  noSelection: {
    kind: "value",
    "zh-CN": "请先选中客户表中的一个单元格。",
    "en-US": "Select a cell inside the client table first.",
  },
  noClientSheet: {
    kind: "value",
    "zh-CN": "没有找到客户表：请指定客户表所在的工作表，或在表头写上 客户编号、姓名、保费 等列名。",
    "en-US": "No client table was found: choose the sheet that holds it, or give the table headers such as Client ID, Name, Premium.",
  },
  noClientSheetIn: {
    kind: "value",
    "zh-CN":
      "没有找到客户表：在{value}中都没有找到表头（需要至少两个可识别的列名，如 客户编号、姓名、保费）。请指定客户表所在的工作表，表头在更下方时请指定表头所在的行号（命令行：--sheet 与 --header-row N）。",
    "en-US":
      "No client table was found: none of {value} has a header row (at least two known column names are needed, such as Client ID, Name, Premium). Choose the sheet that holds it and, if its header is further down, the header's row number (command line: --sheet and --header-row N).",
  },
  unreadable: {
    kind: "value",
    "zh-CN": "无法读取工作簿：{value}",
    "en-US": "The workbook could not be read: {value}",
  },
  writeFailed: {
    kind: "value",
    "zh-CN": "结果未能写入工作簿：{value}。请确认工作簿未受保护、未在别处编辑，然后重试。",
    "en-US": "The results could not be written to the workbook: {value}. Check that it is not protected or being edited elsewhere, then try again.",
  },
  configInvalid: {
    kind: "value",
    "zh-CN": "配置无效：{value}",
    "en-US": "The configuration is not valid: {value}",
  },
} as const satisfies Record<string, { kind: ExcelErrorKind } & Record<Lang, string>>;

export type IssueCode = keyof typeof ISSUES;

export interface Issue {
  code: IssueCode;
  params?: Record<string, string | number>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issue: Issue };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: IssueCode, params?: Issue["params"]): { ok: false; issue: Issue } => ({
  ok: false,
  issue: params ? { code, params } : { code },
});

/** Which Excel error a function returns for this issue (#VALUE!, #NUM!, #DIV/0!). */
export function errorKindOf(issue: Issue): ExcelErrorKind {
  return ISSUES[issue.code].kind;
}

export { MAX_QUOTED, quoted } from "./template";

/** The issue as a sentence in the user's language, with its parameters filled in (each quoted()). */
export function describeIssue(issue: Issue, lang: Lang): string {
  return fill(ISSUES[issue.code][lang], issue.params);
}

/** All codes, for tests that check every message exists in every language. */
export const ISSUE_CODES = Object.keys(ISSUES) as IssueCode[];
