/*
 * What the styles part tells a reader: which cell styles show a number as a date. A date in a
 * worksheet is a number (days since the book's epoch) whose cell style has a date or time format.
 */
import type { Book } from "./book";
import type { Parts } from "./parts";
import { attr, streamXml } from "./xml";

/** Built-in number formats that show a date or a time: 14-22, the East Asian 27-36 and 50-58, 45-47. */
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/**
 * Whether a number format code shows a date or a time: a y, m, d, h, s (or the Buddhist year b)
 * outside quoted text, [colour]/[$-…]/[h] sections, escaped characters (\x) and the padding
 * (_x, *x) of the format language. Letters compare without case, as Excel reads them.
 *
 * @example isDateFormat("yyyy-mm-dd") // true
 * @example isDateFormat('#,##0" days"') // false
 */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/[\\_*]./g, "");
  return /[ymdhsb]/i.test(bare);
}

/** Per cellXfs index: does that cell style show numbers as dates? Read once per styles part. */
const cache = new WeakMap<Uint8Array, boolean[]>();

export function dateStyles(parts: Parts, book: Pick<Book, "stylesPart">): boolean[] {
  const bytes = book.stylesPart ? parts.get(book.stylesPart) : undefined;
  if (!bytes) return [];
  const cached = cache.get(bytes);
  if (cached) return cached;
  const codes = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  streamXml(
    bytes,
    {
      open(name, attrs) {
        if (name === "numFmt") {
          const id = Number(attr(attrs, "numFmtId"));
          const code = attr(attrs, "formatCode");
          if (Number.isInteger(id) && code !== undefined) codes.set(id, code);
        } else if (name === "cellXfs") inCellXfs = true;
        else if (name === "xf" && inCellXfs) xfFormats.push(Number(attr(attrs, "numFmtId") ?? 0));
      },
      close(name) {
        if (name === "cellXfs") inCellXfs = false;
      },
    },
    undefined,
    book.stylesPart,
  );
  const isDate = xfFormats.map((id) => {
    const code = codes.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_IDS.has(id);
  });
  cache.set(bytes, isDate);
  return isDate;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * A date serial as a Date at UTC (midnight plus the time of day). The 1900 system counts
 * 1900-02-29, a day that never was (Lotus's bug kept by Excel): serials from 61 on are days since
 * 1899-12-30, serials under 60 days since 1899-12-31, and 60 itself is read as 1900-02-28 (as
 * openpyxl reads it). The 1904 system's serial 0 is 1904-01-01.
 *
 * @example serialToDate(45292, false) // 2024-01-01T00:00:00.000Z
 * @example serialToDate(43830, true)  // 2024-01-01T00:00:00.000Z
 */
export function serialToDate(serial: number, date1904: boolean): Date {
  // days from the epoch's day 0 to 1970-01-01, and the same expression ExcelJS rounds with, so the
  // milliseconds of a time of day come out as they did
  const daysTo1970 = date1904 ? 25569 - 1462 : serial < 60 ? 25568 : 25569;
  return new Date(Math.round((serial - daysTo1970) * DAY_MS));
}
