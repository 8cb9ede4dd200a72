import { fail, ok, type Result } from "./issues";
import { SEPARATORS, type Lang } from "./lang";

/**
 * Which column of a client table holds what (SPEC sections 3 and 8): header texts in Chinese or
 * English, with the synonyms managers use, units in the header, and a header row that is not
 * necessarily the first row of the sheet.
 */

export type ClientField =
  | "id"
  | "name"
  | "owner"
  | "value"
  | "ability"
  | "willingness"
  | "policyQuality"
  | "awareness"
  | "satisfaction"
  | "economic"
  | "mobility"
  | "birthDate"
  | "policyDate"
  | "renewalDate"
  | "lastContact"
  | "frequency"
  | "renewed";

export const CLIENT_FIELDS: readonly ClientField[] = [
  "id",
  "name",
  "owner",
  "value",
  "ability",
  "willingness",
  "policyQuality",
  "awareness",
  "satisfaction",
  "economic",
  "mobility",
  "birthDate",
  "policyDate",
  "renewalDate",
  "lastContact",
  "frequency",
  "renewed",
];

/**
 * The header texts that name each field, as managers write them. The one place to add a synonym.
 * Left out on purpose: 序号 and a bare "No." (row counters, not client ids), 保单号 / Policy No.
 * (a policy, not a client), 保额 (sum insured, not premium), 续期 alone (usually a renewal
 * premium amount), 关系 / Relationship (relation to the policyholder), 被保险人 (the insured is
 * not always the client).
 */
export const HEADER_SYNONYMS: Readonly<Record<ClientField, readonly string[]>> = {
  id: [
    "客户编号",
    "客户号",
    "客户代码",
    "客户编码",
    "客户ID",
    "客户识别码",
    "编号",
    "Client ID",
    "Customer ID",
    "ID",
    "Client No.",
    "Customer No.",
    "Client Number",
    "Customer Number",
    "Client Code",
    "Customer Code",
    "Client Ref",
  ],
  name: [
    "客户姓名",
    "姓名",
    "客户名称",
    "客户名",
    "客户",
    "客户全称",
    "名称",
    "名字",
    "投保人",
    "投保人姓名",
    "Name",
    "Client",
    "Customer",
    "Client Name",
    "Customer Name",
    "Full Name",
    "Policyholder",
  ],
  owner: [
    "业务员",
    "代理人",
    "服务人员",
    "营销员",
    "经办人",
    "归属人",
    "客户经理",
    "理财经理",
    "业务经理",
    "服务经理",
    "服务专员",
    "销售人员",
    "营销人员",
    "展业人员",
    "保险顾问",
    "理财顾问",
    "销售顾问",
    "所属业务员",
    "归属业务员",
    "服务代理人",
    "跟进人",
    "负责人",
    "责任人",
    "维护人",
    "Owner",
    "Agent",
    "Advisor",
    "Adviser",
    "Account Manager",
    "Account Owner",
    "Relationship Manager",
    "Servicing Agent",
    "Financial Advisor",
    "Financial Adviser",
    "Sales Rep",
    "Sales Representative",
    "Salesperson",
    "Producer",
    "Consultant",
  ],
  value: [
    "保费",
    "规模保费",
    "年缴保费",
    "年化保费",
    "标准保费",
    "标保",
    "总保费",
    "年保费",
    "期缴保费",
    "首年保费",
    "新单保费",
    "累计保费",
    "实收保费",
    "保费收入",
    "保费规模",
    "价值",
    "客户价值",
    "客户终身价值",
    "佣金",
    "佣金收入",
    "总佣金",
    "CLV",
    "Premium",
    "Annual Premium",
    "Annualized Premium",
    "Annualised Premium",
    "APE",
    "Total Premium",
    "Written Premium",
    "Gross Premium",
    "Value",
    "Client Value",
    "Customer Value",
    "Commission",
    "Lifetime Value",
    "Customer Lifetime Value",
    "LTV",
  ],
  ability: [
    "能力",
    "购买能力",
    "经济能力",
    "支付能力",
    "缴费能力",
    "可投资资产",
    "可投资金融资产",
    "金融资产",
    "流动资产",
    "资产",
    "总资产",
    "年收入",
    "收入",
    "家庭年收入",
    "个人年收入",
    "家庭收入",
    "Ability",
    "Income",
    "Annual Income",
    "Household Income",
    "Liquid Assets",
    "Investable Assets",
    "Assets",
    "Purchasing Power",
    "Buying Power",
    "Ability to Pay",
    "Financial Capacity",
    "Wealth",
  ],
  willingness: [
    "意愿",
    "购买意愿",
    "投保意愿",
    "意向",
    "购买意向",
    "投保意向",
    "购买倾向",
    "亲密度",
    "亲近度",
    "亲密程度",
    "关系亲密度",
    "信任度",
    "成熟度",
    "客户成熟度",
    "Willingness",
    "Willingness to Buy",
    "Closeness",
    "Intimacy",
    "Maturity",
    "Propensity",
    "Purchase Intent",
    "Buying Intent",
  ],
  policyQuality: ["保单品质", "保单质量", "Policy Quality"],
  awareness: ["保险意识", "风险意识", "保障意识", "保险观念", "Insurance Awareness", "Risk Awareness", "Awareness"],
  satisfaction: ["满意度", "客户满意度", "服务满意度", "满意程度", "Satisfaction", "Customer Satisfaction", "Client Satisfaction", "CSAT"],
  economic: [
    "经济条件",
    "经济状况",
    "经济情况",
    "经济实力",
    "家庭经济状况",
    "Economic Condition",
    "Economic Status",
    "Financial Condition",
    "Financial Status",
  ],
  mobility: ["流动性", "流动率", "客户流动性", "Mobility", "Client Mobility"],
  birthDate: ["生日", "出生日期", "出生年月", "出生年月日", "出生日", "Birthday", "Birth Date", "Date of Birth", "DOB"],
  policyDate: [
    "投保日期",
    "承保日期",
    "生效日期",
    "保单生效日",
    "保单生效日期",
    "投保时间",
    "承保时间",
    "签单日期",
    "保单日期",
    "首次投保日期",
    "Policy Date",
    "Issue Date",
    "Effective Date",
    "Policy Issue Date",
    "Policy Effective Date",
    "Policy Start Date",
    "Inception Date",
  ],
  renewalDate: [
    "续期日期",
    "续保日期",
    "缴费日期",
    "交费日期",
    "应缴日",
    "应缴日期",
    "应交日期",
    "续期应缴日",
    "续期缴费日",
    "下次缴费日",
    "下次缴费日期",
    "缴费到期日",
    "到期日",
    "到期日期",
    "保单到期日",
    "Renewal Date",
    "Renewal Due",
    "Renewal Due Date",
    "Due Date",
    "Next Due Date",
    "Premium Due",
    "Premium Due Date",
    "Expiry Date",
    "Expiration Date",
  ],
  lastContact: [
    "最近联系",
    "最近联系日期",
    "最后联系",
    "最后联系日期",
    "上次联系",
    "上次联系日期",
    "上次拜访",
    "上次拜访日期",
    "最近拜访",
    "最近拜访日期",
    "最后拜访日期",
    "最近跟进",
    "最近跟进日期",
    "上次跟进",
    "最后跟进日期",
    "最近回访",
    "最近回访日期",
    "最近沟通",
    "Last Contact",
    "Last Contact Date",
    "Last Contacted",
    "Last Visit",
    "Last Visit Date",
    "Last Touch",
    "Last Follow-up",
  ],
  // RFM's frequency: how many policies or contacts a client has (issue 11)
  frequency: [
    "保单数",
    "保单件数",
    "件数",
    "持有保单数",
    "购买次数",
    "投保次数",
    "联系次数",
    "拜访次数",
    "频次",
    "Policies",
    "Policy Count",
    "Number of Policies",
    "No. of Policies",
    "Frequency",
    "Purchases",
    "Number of Purchases",
    "Contacts",
    "Number of Contacts",
  ],
  // whether this year's renewal premium was paid: the renewal rate counts it as renewed
  renewed: [
    "已续保",
    "是否续保",
    "续保",
    "已续期",
    "是否续期",
    "续期情况",
    "已缴费",
    "是否缴费",
    "缴费情况",
    "Renewed",
    "Paid",
    "Renewal Paid",
    "Renewal Status",
    "Premium Paid",
  ],
};

export interface HeaderMatch {
  field: ClientField;
  /** 0-based column index in the header row. */
  column: number;
  /** The header as written in the sheet, trimmed. */
  header: string;
  /** What a number in this column is multiplied by: 10000 for 保费(万元). */
  unitMultiplier: number;
  /** The unit read from the header ("万元", "CNY", "%"), when there is one. */
  unit?: string;
}

export interface FieldOfHeader {
  field: ClientField;
  unitMultiplier: number;
  unit?: string;
}

export interface HeaderRow {
  columns: HeaderMatch[];
  duplicates: HeaderMatch[];
  unknown: { column: number; header: string }[];
}

// --- units -----------------------------------------------------------------------------------

const SCALES: ReadonlyArray<readonly [string, number]> = [
  ["", 1],
  ["千", 1e3],
  ["k", 1e3],
  ["thousand", 1e3],
  ["thousands", 1e3],
  ["'000", 1e3],
  ["000s", 1e3],
  ["万", 1e4],
  ["10k", 1e4],
  ["百万", 1e6],
  ["m", 1e6],
  ["mn", 1e6],
  ["million", 1e6],
  ["millions", 1e6],
  ["千万", 1e7],
  ["亿", 1e8],
];

// Currencies say nothing about scale: a header in USD is read as is, never converted.
const CURRENCIES: readonly string[] = [
  "",
  "元",
  "人民币",
  "人民币元",
  "元人民币",
  "rmb",
  "cny",
  "¥",
  "yuan",
  "usd",
  "$",
  "us$",
  "美元",
  "美金",
  "hkd",
  "hk$",
  "港元",
  "港币",
  "eur",
  "€",
  "欧元",
];

const PERCENT_UNITS: ReadonlySet<string> = new Set(["%", "百分比", "百分数", "percent", "pct"]);

/** Reads a bracket's content as a unit, or undefined when it is a note such as 必填 or 1-5. */
function unitOf(content: string): { unit: string; multiplier: number } | undefined {
  const c = content
    .toLowerCase()
    .replace(/\s+/g, "")
    .replace(/^(单位|unit|in)[:：]?/, "")
    .replace(/(\/|每|per)(年|月|年度|year|yr|month|mo|annum)$/, "")
    .replace(/[,;/]/g, "");
  if (c === "") return undefined;
  const shown = content.trim().replace(/^(单位|unit)\s*[:：]\s*/i, "");
  // % is noted, never applied: the reading of 35% as 0.35 belongs to the cell, not the header
  if (PERCENT_UNITS.has(c)) return { unit: "%", multiplier: 1 };
  for (const [scale, multiplier] of SCALES) {
    for (const currency of CURRENCIES) {
      if (scale === "" && currency === "") continue;
      if (c === scale + currency || c === currency + scale) return { unit: shown, multiplier };
    }
  }
  return undefined;
}

// --- normalisation -----------------------------------------------------------------------------

const OPEN = "([{【〔〖<《〈";
const CLOSE = ")]}】〕〗>》〉";
const TRAILING_BRACKET = new RegExp(`[${escapeClass(OPEN)}]([^${escapeClass(OPEN + CLOSE)}]*)[${escapeClass(CLOSE)}]$`);
const LEADING_BRACKET = new RegExp(`^[${escapeClass(OPEN)}]([^${escapeClass(OPEN + CLOSE)}]*)[${escapeClass(CLOSE)}]`);
const UNIT_AFTER_SEPARATOR = /[/|_-]\s*([^/|_-]+)$/;
const CJK_UNIT_SUFFIX = /(百万元|千万元|万元|亿元|千元|百万|千万|万|亿|元)$/;
const HAN = /\p{Script=Han}/u;

function escapeClass(chars: string): string {
  return chars.replace(/[\]\\^-]/g, "\\$&");
}

/** The part of a header that names the field, lower-cased, without spaces or separators. */
function keyOf(text: string): string {
  return text.toLowerCase().replace(/[\s_.·・'"“”‘’-]+/g, "");
}

interface ReadHeader {
  text: string;
  unit?: string;
  multiplier: number;
}

/** Takes the markers, notes and units off a header, keeping the words that name the field. */
function readHeader(raw: string): ReadHeader {
  let text = raw.normalize("NFKC").trim();
  // notes are peeled from the end inward; the first unit found is the one the header means
  let unit: { unit: string; multiplier: number } | undefined;
  for (;;) {
    const before = text;
    text = text.replace(/^[*※\s]+/, "").replace(/[*※:\s]+$/, "");
    if (text.endsWith("%")) {
      unit ??= unitOf("%");
      text = text.slice(0, -1);
    }
    const trailing = TRAILING_BRACKET.exec(text);
    if (trailing !== null && trailing.index > 0) {
      unit ??= unitOf(trailing[1]);
      text = text.slice(0, trailing.index);
    }
    const leading = LEADING_BRACKET.exec(text);
    if (leading !== null && leading[0].length < text.length) {
      unit ??= unitOf(leading[1]);
      text = text.slice(leading[0].length);
    }
    const separated = UNIT_AFTER_SEPARATOR.exec(text);
    if (separated !== null && separated.index > 0 && unitOf(separated[1]) !== undefined) {
      unit ??= unitOf(separated[1]);
      text = text.slice(0, separated.index);
    }
    if (text === before) break;
  }
  return { text, multiplier: unit?.multiplier ?? 1, ...(unit === undefined ? {} : { unit: unit.unit }) };
}

// --- matching ----------------------------------------------------------------------------------

const EXACT: ReadonlyMap<string, ClientField> = (() => {
  const map = new Map<string, ClientField>();
  for (const field of CLIENT_FIELDS) {
    for (const synonym of HEADER_SYNONYMS[field]) {
      const key = keyOf(synonym.normalize("NFKC"));
      if (!map.has(key)) map.set(key, field);
    }
  }
  return map;
})();

/** The synonym as the table writes it, for saying why a header matched. */
const SYNONYM_TEXT: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const field of CLIENT_FIELDS) {
    for (const synonym of HEADER_SYNONYMS[field]) {
      const key = keyOf(synonym.normalize("NFKC"));
      if (!map.has(key)) map.set(key, synonym);
    }
  }
  return map;
})();

const SYNONYM_KEYS: ReadonlyArray<readonly [string, ClientField]> = [...EXACT.entries()].filter(([key]) => key.length >= 2);

// Words that may sit around a synonym without changing which field it names ("2025年缴保费",
// "保费合计", "Total Premium"). Anything else beside a synonym makes the header unknown.
const QUALIFIERS = [
  "年度",
  "年",
  "月度",
  "月",
  "季度",
  "当年",
  "本年",
  "今年",
  "去年",
  "上年",
  "全年",
  "本期",
  "当期",
  "上期",
  "累计",
  "合计",
  "总计",
  "小计",
  "总额",
  "总",
  "金额",
  "额",
  "必填",
  "选填",
  "可选",
  "实际",
  "最新",
  "当前",
  "目前",
  "total",
  "current",
  "latest",
  "actual",
  "required",
  "optional",
  "amount",
  "ytd",
  "fy",
  "annual",
  "yearly",
  "monthly",
  "q",
];
// Who the column is about, in front of any field but the name itself ("客户生日", "Client DOB").
const SUBJECTS = ["客户", "投保人", "client", "customer", "policyholder"];
// Indicators are often written as a score or grade ("满意度评分", "收入等级").
const SCORE_WORDS = ["评分", "得分", "分数", "分值", "打分", "评级", "等级", "级别", "指数", "分", "score", "rating", "grade", "level", "index", "points"];
const DATE_WORDS = ["日期", "时间", "日", "date"];
// The owner column is often "业务员姓名" / "Agent Name": the agent's name is still the owner.
const PERSON_NAME_WORDS = ["姓名", "名字", "name"];

const INDICATORS: readonly ClientField[] = ["ability", "willingness", "policyQuality", "awareness", "satisfaction", "economic", "mobility"];
const DATES: readonly ClientField[] = ["birthDate", "policyDate", "renewalDate", "lastContact"];

function wordsPattern(words: readonly string[]): RegExp {
  const sorted = [...words].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
}

const NOISE: Readonly<Record<ClientField, RegExp>> = (() => {
  const noise = {} as Record<ClientField, RegExp>;
  for (const field of CLIENT_FIELDS) {
    const words = [...QUALIFIERS];
    if (field !== "name") words.push(...SUBJECTS);
    if (INDICATORS.includes(field)) words.push(...SCORE_WORDS);
    if (DATES.includes(field)) words.push(...DATE_WORDS);
    if (field === "owner") words.push(...PERSON_NAME_WORDS);
    noise[field] = wordsPattern(words);
  }
  return noise;
})();

function isNoise(leftover: string, field: ClientField): boolean {
  return /^[\d\p{P}\p{S}]*$/u.test(leftover.replace(NOISE[field], ""));
}

interface KeyMatch {
  field: ClientField;
  /** the synonym's key */
  synonym: string;
  exact: boolean;
}

/**
 * Exact synonym first; otherwise the longest synonym found inside the header whose leftover words
 * are only qualifiers (years, 合计, 必填, 客户 ...). Two fields tied for longest: unknown.
 */
function fieldOfKey(key: string, inParts: boolean): KeyMatch | undefined {
  if (key === "") return undefined;
  const exact = EXACT.get(key);
  if (exact !== undefined) return { field: exact, synonym: key, exact: true };
  // "业务员/客户" names two things: its parts are read one by one instead
  if (inParts) return undefined;
  let best: { length: number; fields: Map<ClientField, string> } | undefined;
  for (const [synonym, field] of SYNONYM_KEYS) {
    const at = key.indexOf(synonym);
    if (at < 0) continue;
    // the bar keeps a qualifier from being read across the gap the synonym leaves
    const leftover = key.slice(0, at) + "|" + key.slice(at + synonym.length);
    if (!isNoise(leftover, field)) continue;
    if (best === undefined || synonym.length > best.length) best = { length: synonym.length, fields: new Map([[field, synonym]]) };
    else if (synonym.length === best.length && !best.fields.has(field)) best.fields.set(field, synonym);
  }
  if (best === undefined || best.fields.size !== 1) return undefined;
  const [[field, synonym]] = [...best.fields];
  return { field, synonym, exact: false };
}

const PART_SEPARATOR = /[\n\r/|、／]/;

/** Splits a bilingual header ("客户姓名 Client Name", "姓名/Name") into its parts. */
function partsOf(text: string): string[] {
  return text
    .split(/[\n\r/|、／]+|(?<=\p{Script=Han})\s*(?=[a-z])|(?<=[a-z])\s*(?=\p{Script=Han})/iu)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** How a header was read as a field: the words it was matched by, and its unit. */
export interface HeaderReason extends FieldOfHeader {
  /**
   * synonym: the header is one of the field's synonyms (markers, notes and units aside);
   * qualified: it holds a synonym among qualifier words (2025年缴保费, 保费合计, Client DOB);
   * bilingual: every part of a header in two languages names the field (客户姓名 Client Name).
   */
  how: "synonym" | "qualified" | "bilingual";
  /** the synonyms it was matched by, as the synonyms table writes them: one per part of a bilingual header */
  synonyms: string[];
}

function fieldOfText(text: string): HeaderReason | undefined {
  const read = readHeader(text);
  const reason = (m: KeyMatch, r: ReadHeader): HeaderReason => ({
    field: m.field,
    unitMultiplier: r.multiplier,
    ...(r.unit === undefined ? {} : { unit: r.unit }),
    how: m.exact ? "synonym" : "qualified",
    synonyms: [SYNONYM_TEXT.get(m.synonym) ?? m.synonym],
  });
  const key = keyOf(read.text);
  const inParts = PART_SEPARATOR.test(read.text);
  const whole = fieldOfKey(key, inParts);
  if (whole !== undefined) return reason(whole, read);

  // a unit written straight after the words, as in 保费万元
  const suffix = read.unit === undefined ? CJK_UNIT_SUFFIX.exec(key) : null;
  if (suffix !== null) {
    const found = fieldOfKey(key.slice(0, suffix.index), inParts);
    const unit = unitOf(suffix[1]);
    if (found !== undefined && unit !== undefined) return reason(found, { text: read.text, ...unit });
  }

  // bilingual headers: every part must name the same field
  const parts = partsOf(read.text);
  if (parts.length < 2) return undefined;
  let agreed: HeaderReason | undefined;
  const synonyms: string[] = [];
  for (const part of parts) {
    const found = fieldOfText(part);
    if (found === undefined || (agreed !== undefined && agreed.field !== found.field)) return undefined;
    synonyms.push(...found.synonyms.filter((s) => !synonyms.includes(s)));
    if (agreed === undefined || (agreed.unit === undefined && found.unit !== undefined)) agreed = found;
  }
  if (agreed === undefined) return undefined;
  const unit =
    read.unit === undefined
      ? { unitMultiplier: agreed.unitMultiplier, ...(agreed.unit === undefined ? {} : { unit: agreed.unit }) }
      : { unitMultiplier: read.multiplier, unit: read.unit };
  return { field: agreed.field, ...unit, how: "bilingual", synonyms };
}

/** The text of a header cell as a person would read it; "" for a blank cell. */
function cellText(cell: unknown): string {
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (typeof cell === "bigint") return String(cell);
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : cell.toISOString().slice(0, 10);
  return "";
}

/**
 * The field a header names, and what its unit multiplies a number by.
 * Only text can be a header: a number, a date or a blank gives undefined.
 * @example fieldOfHeader("保费(万元)") // { field: "value", unitMultiplier: 10000, unit: "万元" }
 */
export function fieldOfHeader(header: unknown): FieldOfHeader | undefined {
  if (typeof header !== "string") return undefined;
  const known = HEADER_FIELDS.get(header);
  if (known !== undefined) return known ?? undefined;
  const found = explainHeader(header);
  const field = found && { field: found.field, unitMultiplier: found.unitMultiplier, ...(found.unit === undefined ? {} : { unit: found.unit }) };
  if (HEADER_FIELDS.size >= 10_000) HEADER_FIELDS.clear();
  HEADER_FIELDS.set(header, field ? Object.freeze(field) : null);
  return field;
}

/**
 * What fieldOfHeader found for a text, kept: the header search reads every cell of up to 200 rows,
 * and the same owner names, levels and words come back row after row.
 */
const HEADER_FIELDS = new Map<string, Readonly<FieldOfHeader> | null>();

/**
 * Why a header names its field, for the pane to say so: the synonym it is (or holds among
 * qualifier words, or names in both languages) and the unit that multiplies its numbers.
 * @example explainHeader("年缴保费(万元)") // { field: "value", how: "synonym", synonyms: ["年缴保费"], unitMultiplier: 10000, unit: "万元" }
 * @example explainHeader("2025年缴保费") // { field: "value", how: "qualified", synonyms: ["年缴保费"], unitMultiplier: 1 }
 */
export function explainHeader(header: unknown): HeaderReason | undefined {
  if (typeof header !== "string") return undefined;
  return fieldOfText(header);
}

/**
 * Maps a header row to fields. The first column naming a field wins; later ones are reported in
 * `duplicates` so the pane can say which was used. Blank cells are ignored.
 */
export function mapHeaderRow(headers: readonly unknown[]): HeaderRow {
  const columns: HeaderMatch[] = [];
  const duplicates: HeaderMatch[] = [];
  const unknown: { column: number; header: string }[] = [];
  const seen = new Set<ClientField>();
  for (let column = 0; column < headers.length; column++) {
    const cell = headers[column];
    const header = cellText(cell);
    if (header === "") continue;
    const found = fieldOfHeader(cell);
    if (found === undefined) {
      unknown.push({ column, header });
      continue;
    }
    const match: HeaderMatch = { field: found.field, column, header, unitMultiplier: found.unitMultiplier };
    if (found.unit !== undefined) match.unit = found.unit;
    if (seen.has(found.field)) duplicates.push(match);
    else {
      seen.add(found.field);
      columns.push(match);
    }
  }
  return { columns, duplicates, unknown };
}

/**
 * How many rows from the top of a sheet (or table) the header is looked for in. Titles, notes and
 * blank rows above a table run to a few dozen rows; a header further down is given by its row
 * number (the CLI's --header-row, the run's `headerRow`).
 */
export const HEADER_SCAN_ROWS = 200;

/**
 * The header row of a client table: within the first `maxScan` rows, the row naming the most
 * fields (at least 2, so a title such as "客户清单" is never taken), the earliest on a tie.
 * `row` is 0-based into `rows`. Undefined when no row qualifies, as for an empty table.
 */
export function findHeaderRow(rows: readonly (readonly unknown[])[], maxScan = HEADER_SCAN_ROWS): (HeaderRow & { row: number }) | undefined {
  let best: (HeaderRow & { row: number }) | undefined;
  const last = Math.min(rows.length, Math.max(0, Math.floor(maxScan)));
  for (let row = 0; row < last; row++) {
    const cells = rows[row];
    if (cells === undefined || cells === null) continue;
    const mapped = mapHeaderRow(cells);
    if (mapped.columns.length < 2) continue;
    if (best === undefined || mapped.columns.length > best.columns.length) best = { row, ...mapped };
  }
  return best;
}

/** The fields a model needs that the table has no column for, in the order they are needed. */
export function missingFields(columns: readonly HeaderMatch[], needed: readonly ClientField[]): ClientField[] {
  const present = new Set(columns.map((c) => c.field));
  const missing: ClientField[] = [];
  for (const field of needed) if (!present.has(field) && !missing.includes(field)) missing.push(field);
  return missing;
}

/**
 * True when most header texts are Chinese (SPEC section 6: output defaults to zh-CN then).
 * Counts the headers that name a field; when none does, every header with letters in it.
 */
export function looksChinese(headers: readonly unknown[]): boolean {
  const texts = headers.filter((h): h is string => typeof h === "string" && h.trim() !== "");
  const recognised = texts.filter((t) => fieldOfHeader(t) !== undefined);
  const counted = recognised.length > 0 ? recognised : texts.filter((t) => /[\p{L}]/u.test(t));
  if (counted.length === 0) return false;
  const chinese = counted.filter((t) => HAN.test(t)).length;
  return chinese * 2 > counted.length;
}

/** The sheet rows a header search looked at: `first`..`last`, of the sheet or table `source`. */
export interface HeaderSearchArea {
  source: string;
  first: number;
  last: number;
}

/** Where findHeaderRow looks in a block whose first row is sheet row `firstRow`. */
export function headerSearchArea(source: string, rows: number, firstRow: number): HeaderSearchArea {
  return { source, first: firstRow, last: firstRow + Math.max(1, Math.min(rows, HEADER_SCAN_ROWS)) - 1 };
}

/**
 * The header row of a block, as the run reads it: the row the user gave (`headerRow`, a sheet row
 * number), else the best row within HEADER_SCAN_ROWS. A failure says which rows were looked at.
 * `row` is 0-based into `cells`.
 */
export function locateHeader(
  block: { source: string; cells: readonly (readonly unknown[])[]; firstRow: number },
  headerRow?: number,
): Result<HeaderRow & { row: number }> {
  const { source, cells, firstRow } = block;
  const last = firstRow + cells.length - 1;
  if (headerRow !== undefined) {
    const at = headerRow - firstRow;
    if (at < 0 || at >= cells.length) return fail("headerRowOutside", { row: headerRow, value: source, first: firstRow, last: Math.max(firstRow, last) });
    const mapped = mapHeaderRow(cells[at] ?? []);
    if (mapped.columns.length === 0) return fail("headerRowUnknown", { row: headerRow, value: source });
    return ok({ row: at, ...mapped });
  }
  const found = findHeaderRow(cells);
  if (found) return ok(found);
  const anyValue = cells.some((row) => row.some((c) => c !== null && c !== undefined && c !== ""));
  if (!anyValue) return fail("emptyTable", { value: source });
  const area = headerSearchArea(source, cells.length, firstRow);
  return fail("noHeaderRow", { value: source, first: area.first, last: area.last });
}

/** The areas a header was looked for in, for a message: “名单”第 1–200 行、“Sheet2”第 1–5 行. */
export function whereLooked(areas: readonly HeaderSearchArea[], lang: Lang): string {
  return lang === "zh-CN"
    ? areas.map((a) => `“${a.source}”第 ${a.first}–${a.last} 行`).join(SEPARATORS[lang].items)
    : areas.map((a) => `rows ${a.first}–${a.last} of "${a.source}"`).join(SEPARATORS[lang].clauses);
}
