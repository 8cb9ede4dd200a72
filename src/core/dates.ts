/*
 * Dates as managers keep them: Excel serial numbers, date cells, or text in the usual Chinese and
 * English formats. Everything is a day number (days since 1970-01-01) in the calendar, with no
 * time and no time zone, so no result depends on where the machine is.
 */
import type { Issue } from "./issues";
import { isExcelError } from "./values";

/** Days since 1970-01-01 (a calendar day, not an instant). */
export type Day = number;

export type DateReading = { kind: "date"; day: Day; fromText: boolean } | { kind: "blank" } | { kind: "issue"; issue: Issue };

const MS_PER_DAY = 86_400_000;
/** Excel serial 25569 is 1970-01-01 in the 1900 date system. */
const EXCEL_EPOCH = 25569;
/** The last serial Excel shows as a date: 9999-12-31. */
const EXCEL_LAST_SERIAL = 2958465;

/**
 * The day number of a calendar date (proleptic Gregorian; month 1-12). Integer arithmetic
 * (H. Hinnant's days_from_civil), no Date objects: a million birthdays a second.
 */
export function dayOf(year: number, month: number, date: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + date - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year, month (1-12) and day of month of a day number (civil_from_days). */
export function partsOf(day: Day): { year: number; month: number; date: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const date = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, date };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

// the last texts made, by day: a run writes the same few hundred dates millions of times
const ISO_SLOTS = 4096;
const isoDays = new Float64Array(ISO_SLOTS).fill(NaN);
const isoTexts: string[] = new Array<string>(ISO_SLOTS).fill("");

/** The first and last days Excel can show: 1900-01-01 and 9999-12-31 (serials 1 and 2958465). */
export const EXCEL_FIRST_DAY: Day = -25567;
export const EXCEL_LAST_DAY: Day = 2932896;

/** Whether Excel can show the day as a date: a date outside is a Data issues row, never scheduled. */
export function excelShows(day: Day): boolean {
  return day >= EXCEL_FIRST_DAY && day <= EXCEL_LAST_DAY;
}

/** YYYY-MM-DD. */
export function isoOf(day: Day): string {
  const slot = day & (ISO_SLOTS - 1);
  if (isoDays[slot] === day) return isoTexts[slot];
  const { year, month, date } = partsOf(day);
  const text = `${year}-${pad2(month)}-${pad2(date)}`;
  isoDays[slot] = day;
  isoTexts[slot] = text;
  return text;
}

/** The Excel serial number of a day (what a date cell holds). */
export function serialOf(day: Day): number {
  return day + EXCEL_EPOCH;
}

function isValid(year: number, month: number, date: number): boolean {
  if (!(year >= 1900 && year <= 9999 && month >= 1 && month <= 12 && date >= 1)) return false;
  return date <= daysInMonth(year, month);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1];
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/**
 * Reads a date cell: an Excel serial number (Office.js), a Date (ExcelJS date cells, read as their
 * UTC calendar day), or text: 1985-03-07, 1985/3/7, 1985.3.7, 1985年3月7日, 19850307, 3/7/1985
 * (month first, as in en-US), 7 Mar 1985, March 7, 1985. A time after the date is ignored.
 * @example readDate("1985年3月7日") // { kind: "date", day: dayOf(1985, 3, 7), fromText: true }
 */
export function readDate(cell: unknown): DateReading {
  if (cell === null || cell === undefined) return { kind: "blank" };
  if (typeof cell === "number") {
    const day = dayOfSerial(cell);
    if (!Number.isNaN(day)) return { kind: "date", day, fromText: false };
    // a serial past 9999-12-31, or below 1 (before 1900-01-01): not a date Excel can show
    return Number.isFinite(cell) && (cell > EXCEL_LAST_SERIAL || cell < 1) ? issue("dateOutsideExcel", String(cell)) : issue("dateUnreadable", String(cell));
  }
  if (cell instanceof Date) {
    const t = cell.getTime();
    if (Number.isNaN(t)) return issue("dateUnreadable", "?");
    const day = Math.floor(t / MS_PER_DAY);
    return excelShows(day) ? { kind: "date", day, fromText: false } : issue("dateOutsideExcel", dateText(day));
  }
  if (isExcelError(cell)) return issue("errorValue", typeof cell === "string" ? cell : (cell as { error: string }).error);
  if (typeof cell !== "string") return issue("dateUnreadable", String(cell));
  const text = cell.normalize("NFKC").trim();
  if (text === "") return { kind: "blank" };
  const parsed = parseDateText(text);
  if (parsed === undefined) return issue(outsideExcelText(text) ? "dateOutsideExcel" : "dateUnreadable", cell.trim());
  return { kind: "date", day: parsed, fromText: true };
}

/**
 * The day of a date cell that holds an Excel serial number, or NaN for anything else (text, a
 * Date, a number out of range): then readDate says what it is. No object per cell, for a million rows.
 * @example dayOfSerial(46348) // dayOf(2026, 11, 22)
 */
export function dayOfSerial(cell: unknown): Day {
  // 1 = 1900-01-01; 60 is Excel's phantom 1900-02-29; real books have no dates before 1900-03-01;
  // 2958465 = 9999-12-31, the last date Excel shows (placeholders such as 9999-12-31 are read as written)
  if (typeof cell !== "number" || !(cell >= 61 && cell <= EXCEL_LAST_SERIAL + 0.999999)) return NaN;
  return Math.floor(cell) - EXCEL_EPOCH;
}

function parseDateText(raw: string): Day | undefined {
  const text = raw.replace(/[T\s]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i, "").trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/.exec(text);
  if (m) return valid(+m[1], +m[2], +m[3]);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return valid(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text);
  if (m) return valid(+m[3], +m[1], +m[2]);
  m = /^(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s-,]+(\d{4})$/i.exec(text);
  if (m && monthOf(m[2])) return valid(+m[3], monthOf(m[2])!, +m[1]);
  m = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i.exec(text);
  if (m && monthOf(m[1])) return valid(+m[3], monthOf(m[1])!, +m[2]);
  return undefined;
}

function monthOf(word: string): number | undefined {
  const w = word.toLowerCase();
  return MONTHS[w] ?? MONTHS[w.slice(0, 3)];
}

function valid(year: number, month: number, date: number): Day | undefined {
  return isValid(year, month, date) ? dayOf(year, month, date) : undefined;
}

/** A date written as text (year first, four digits) before 1900: a real date, but not one Excel shows. */
function outsideExcelText(text: string): boolean {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return m !== null && +m[1] < 1900 && +m[2] >= 1 && +m[2] <= 12 && +m[3] >= 1 && +m[3] <= 31;
}

/** A day as YYYY-MM-DD, also for years past 9999 (isoOf's cache is for the days a run writes). */
function dateText(day: Day): string {
  const { year, month, date } = partsOf(day);
  return `${year}-${pad2(month)}-${pad2(date)}`;
}

function issue(code: "dateUnreadable" | "dateOutsideExcel" | "errorValue", value: string): DateReading {
  return { kind: "issue", issue: { code, params: { value } } };
}

/**
 * The local calendar date of an instant, YYYY-MM-DD: what "today" means to the person at the
 * machine (the UTC date is yesterday or tomorrow for part of the day). The caller passes the clock.
 */
export function localIsoDate(now: Date): string {
  return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
}

/** Reads a run date given as YYYY-MM-DD (CLI --as-of). */
export function parseRunDate(text: string): Day | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  // a run date is today or near it: up to 2200, so every date a cadence adds stays one Excel shows
  return m && +m[1] <= 2200 ? valid(+m[1], +m[2], +m[3]) : undefined;
}

/**
 * The date `months` later, the day of month kept or, where the month is shorter, its last day
 * (31 January + 1 month = 28 or 29 February).
 * @example isoOf(addMonths(dayOf(2026, 1, 31), 1)) // "2026-02-28"
 */
export function addMonths(day: Day, months: number): Day {
  const { year, month, date } = partsOf(day);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const mo = (total % 12) + 1;
  return dayOf(y, mo, Math.min(date, daysInMonth(y, mo)));
}

/**
 * The next yearly recurrence of a date (birthday, policy anniversary) on or after `from`, in a
 * later year than the date itself: a policy issued in March has its first anniversary a year on.
 * 29 February falls on 28 February in years without it.
 * @example isoOf(nextAnniversary(dayOf(1988, 2, 29), dayOf(2026, 1, 15))) // "2026-02-28"
 */
export function nextAnniversary(origin: Day, from: Day): Day {
  const o = partsOf(origin);
  const f = partsOf(from);
  for (let year = Math.max(f.year, o.year + 1); ; year++) {
    const d = dayOf(year, o.month, Math.min(o.date, daysInMonth(year, o.month)));
    if (d >= from) return d;
  }
}

/**
 * The first day of the next period of `months` after `from`, periods counted from 1 January:
 * quarters (3) start 1 Jan, 1 Apr, 1 Jul, 1 Oct; half-years (6) 1 Jan and 1 Jul. The same date
 * for every re-run within a period, so a review does not slide.
 */
export function nextPeriodStart(from: Day, months: number): Day {
  const { year, month } = partsOf(from);
  const index = year * 12 + (month - 1); // months since year 0
  const next = (Math.floor(index / months) + 1) * months;
  return dayOf(Math.floor(next / 12), (next % 12) + 1, 1);
}

/** The first day of the next calendar quarter after `from` (1 Jan, 1 Apr, 1 Jul, 1 Oct). */
export function nextQuarterStart(from: Day): Day {
  return nextPeriodStart(from, 3);
}
