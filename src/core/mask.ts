import type { CellValue, OutputSheet } from "./output";

/*
 * Masking of phone and ID numbers in the written lists (issue 9, privacy): the run option `mask`.
 * The rule, as Chinese practice writes it:
 * - a mainland mobile number (11 digits, 1[3-9]..., with or without +86 / 0086 / 86, spaces or
 *   dashes) keeps its first 3 and last 4 digits: 138****5678, +86 138****5678;
 * - a landline (area code 010, 02x or 0 + 3 digits, then a 7-8 digit number) keeps its area code and last 4 digits:
 *   010-****5678;
 * - a resident identity card number (18 characters, the last a digit or X, or the old 15 digits,
 *   with a birth date that can be one) keeps its first 3 and last 4 characters:
 *   110***********123X, 110********1234 (the birth date and the region past the province go).
 * Found inside a text as well ("王女士 13812345678"), never inside a longer run of digits or
 * letters. Anything else — a 10- or 12-digit number, a policy number, an 18-digit number whose
 * "birth date" is not a date — is left as it is. Passports and other papers are not recognised.
 */

const SEP = "[ -]?";
// mobile: optional country code, 3-4-4 digits with optional single separators
const MOBILE = `(?:(?:\\+|00)?86${SEP})?1[3-9]\\d${SEP}\\d{4}${SEP}\\d{4}`;
// landline: the area code (010 and 02x have 3 digits, the rest 4), in brackets or not, then a
// 7-8 digit number, written 3-4 + 4 digits
const AREA = "0(?:[12]\\d|[3-9]\\d{2})";
const LANDLINE = `(?:\\(${AREA}\\)|${AREA})${SEP}\\d{3,4}${SEP}\\d{4}`;
// ID numbers: region (6 digits), birth date, sequence; 18 characters end with a check character
const ID18 = "\\d{6}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx]";
const ID15 = "\\d{6}\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}";

/** One pattern, ID numbers first so that a phone-like run inside one is never taken for a phone. */
const PATTERN = new RegExp(`(?<![\\dA-Za-z+])(?:(${ID18})|(${ID15})|(${MOBILE})|(${LANDLINE}))(?![\\dA-Za-z])`, "g");

/** 138****5678 from a mobile number as written (country code and separators are kept as written). */
export function maskMobile(text: string): string {
  const digits = text.replace(/\D/g, "");
  const local = digits.slice(-11);
  const prefix = text.slice(0, text.length - localLength(text));
  return `${prefix}${local.slice(0, 3)}****${local.slice(-4)}`;
}

/** How many characters of a mobile number as written are the 11-digit number with its separators. */
function localLength(text: string): number {
  let digits = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (/\d/.test(text[i])) digits++;
    if (digits === 11) return text.length - i;
  }
  return text.length;
}

/** 010-****5678: the area code as written, the number's last 4 digits. */
export function maskLandline(text: string): string {
  const area = new RegExp(`^(\\(${AREA}\\)|${AREA})([ -]?)`).exec(text)!;
  const number = text.slice(area[0].length).replace(/\D/g, "");
  return `${area[1]}${area[2]}${"*".repeat(number.length - 4)}${number.slice(-4)}`;
}

/** 110***********123X: the first 3 and the last 4 characters, the length kept. */
export function maskIdNumber(text: string): string {
  return `${text.slice(0, 3)}${"*".repeat(text.length - 7)}${text.slice(-4)}`;
}

/** The text with every phone and ID number in it masked; the same text when it holds none. */
export function maskText(text: string): string {
  // no three digits in a row: no number of any kind above (the cheap test, for most cells)
  if (!/\d{3}/.test(text)) return text;
  return text.replace(PATTERN, (whole, id18?: string, id15?: string, mobile?: string) =>
    id18 || id15 ? maskIdNumber(whole) : mobile ? maskMobile(whole) : maskLandline(whole),
  );
}

/** Whether a text holds a phone or ID number (it would be changed by maskText). */
export function holdsPhoneOrId(text: string): boolean {
  return maskText(text) !== text;
}

/**
 * A sheet as it is written with `mask` on: every text cell of its tables and blocks masked, except
 * the columns that carry a role. Those are the client id, by which a re-run finds the notes and
 * done marks people typed (masked, two clients could share one key, and the ids of one run would
 * not be those of the next), and what people typed themselves (notes, done), which a re-run reads
 * back and would otherwise lose. The Playbook is the manager's own sheet, read back by later runs:
 * never masked. Counts the cells changed.
 */
export function maskSheet(sheet: OutputSheet): { sheet: OutputSheet; masked: number } {
  if (sheet.key === "playbook") return { sheet, masked: 0 };
  let masked = 0;
  const cell = (v: CellValue): CellValue => {
    if (typeof v !== "string") return v;
    const m = maskText(v);
    if (m !== v) masked++;
    return m;
  };
  const tables = sheet.tables.map((t) => {
    const keep = t.columns.map((c) => c.role !== undefined);
    if (keep.every(Boolean)) return t;
    return { ...t, rows: t.rows.map((row) => row.map((v, i) => (keep[i] ? v : cell(v)))) };
  });
  const blocks = sheet.blocks.map((b) => ({ ...b, cells: b.cells.map((row) => row.map(cell)) }));
  return { sheet: { ...sheet, tables, blocks, ...(sheet.chart ? { chart: { ...sheet.chart, title: maskText(sheet.chart.title) } } : {}) }, masked };
}
