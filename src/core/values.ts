import { fail, ok, type Issue, type Result } from "./issues";

/**
 * How one cell reads as a number. `fromText` marks a number that was written as text
 * (`1,200`, `12万`, `35%`), so a run can report it as read with a correction.
 */
export type NumberReading = { kind: "number"; value: number; fromText: boolean } | { kind: "blank" } | { kind: "issue"; issue: Issue };

const BLANK: NumberReading = { kind: "blank" };

/** Excel's error values as Office.js returns them (strings) and ExcelJS ({ error: "#N/A" }). */
const EXCEL_ERRORS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#PYTHON!",
  "#EXTERNAL!",
]);

/** True for a cell holding one of Excel's error values. */
export function isExcelError(cell: unknown): boolean {
  if (typeof cell === "string") return EXCEL_ERRORS.has(cell.trim().toUpperCase());
  return typeof cell === "object" && cell !== null && "error" in cell && typeof (cell as { error: unknown }).error === "string";
}

/** Characters NFKC would change in a number: full-width forms and the ideographic space. */
const FULL_WIDTH = /[\u3000\uFF01-\uFFEF]/;

/** Power of ten of the unit words managers append to amounts. Longest first, so 千万 wins over 万. */
const UNIT_POWERS: ReadonlyArray<readonly [string, number]> = [
  ["千万", 7],
  ["百万", 6],
  ["亿", 8],
  ["万", 4],
  ["千", 3],
];

// sign, currency, digits (plain or grouped by thousands), decimals, exponent, unit, 元, percent
const NUMBER_TEXT = /^([+-])?(?:¥|\$|RMB|CNY|USD|US\$)?\s*(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?(?:e([+-]?\d+))?\s*(千万|百万|亿|万|千)?\s*(元)?\s*(%)?$/i;

/**
 * Reads a cell the way a Chinese or English user writes a number: 1200, `1,200`, `¥3,000`,
 * `￥3,000`, `12万` (120000), `1.5亿`, `35%` (0.35), full-width digits, `(1,200)` for -1200.
 * Blank cells and whitespace are blank; text that is not a number, booleans, dates and Excel
 * error values are issues that name the value. Never returns NaN or Infinity.
 * @example readNumber("12万") // { kind: "number", value: 120000, fromText: true }
 */
export function readNumber(cell: unknown): NumberReading {
  if (typeof cell === "number") {
    return Number.isFinite(cell) ? { kind: "number", value: cell, fromText: false } : issueOf("notFinite", cell);
  }
  if (cell === null || cell === undefined) return BLANK;
  if (typeof cell === "string") return readNumberText(cell);
  if (typeof cell === "boolean") return issueOf("booleanNotNumber", cell ? "TRUE" : "FALSE");
  if (cell instanceof Date) return issueOf("dateNotNumber", Number.isNaN(cell.getTime()) ? "?" : cell.toISOString().slice(0, 10));
  if (isExcelError(cell)) return issueOf("errorValue", (cell as { error: string }).error);
  return issueOf("notANumber", String(cell));
}

function readNumberText(raw: string): NumberReading {
  // NFKC turns full-width digits, ￥, ，, ％ and ideographic spaces into their ASCII forms;
  // most cells have none, and skipping it halves the time of a column typed as text
  let text = (FULL_WIDTH.test(raw) ? raw.normalize("NFKC") : raw).trim();
  if (text === "") return BLANK;
  if (text[0] === "#" && EXCEL_ERRORS.has(text.toUpperCase())) return issueOf("errorValue", text.toUpperCase());
  let negative = false;
  if (text[0] === "(" && text[text.length - 1] === ")") {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  text = text.replace(/^[−–]/, "-"); // minus signs typed from word processors
  const m = NUMBER_TEXT.exec(text);
  if (!m || (m[3] === undefined && m[2] === undefined)) return issueOf("notANumber", raw.trim());
  const [, sign, intPart = "0", fraction, exponent, unit, , percent] = m;
  let power = Number(exponent ?? 0);
  if (unit) power += UNIT_POWERS.find(([word]) => word === unit)![1];
  if (percent) power -= 2;
  // Shifting the exponent in the text keeps 1.1万 exactly 11000 (1.1 * 10000 is not).
  const value = Number(`${intPart.replace(/,/g, "")}.${fraction ?? "0"}e${power}`);
  if (!Number.isFinite(value)) return issueOf("notFinite", raw.trim());
  const signed = (sign === "-") !== negative ? -value : value;
  return { kind: "number", value: signed === 0 ? 0 : signed, fromText: true };
}

function issueOf(code: Issue["code"], value: string | number): NumberReading {
  return { kind: "issue", issue: { code, params: { value: String(value) } } };
}

/**
 * Reads a fraction argument such as `top_fraction`: 0.2 or `20%`, between 0 and 1 inclusive.
 * Blank (an omitted argument) gives the fallback.
 */
export function readFraction(cell: unknown, name: string, fallback: number): Result<number> {
  const reading = readNumber(singleCell(cell));
  if (reading.kind === "blank") return ok(fallback);
  if (reading.kind === "issue") return { ok: false, issue: reading.issue };
  if (reading.value < 0 || reading.value > 1) return fail("fractionOutOfRange", { name, value: reading.value });
  return ok(reading.value);
}

/** An argument typed in a cell may arrive as a scalar or as a 1x1 range. */
export function singleCell(cell: unknown): unknown {
  if (Array.isArray(cell)) return cell.length === 1 && Array.isArray(cell[0]) && cell[0].length === 1 ? cell[0][0] : cell;
  return cell;
}

/** A cell as text: ids, names, owners. Numbers keep their digits (1001, not 1001.0). */
export function textOf(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : cell.toISOString().slice(0, 10);
  if (isExcelError(cell)) return "";
  return String(cell).trim();
}

/** A raw value as the Data issues sheet shows it. */
export function shownValue(cell: unknown): string {
  if (isExcelError(cell)) return typeof cell === "string" ? cell : (cell as { error: string }).error;
  return textOf(cell);
}
