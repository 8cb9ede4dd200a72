/*
 * A worksheet part read into the block the engine takes: plain values (numbers, text, booleans,
 * Dates, { error }), dense rows from the top of the sheet (or of a range) down to the last row
 * holding a value, missing cells null. Streamed: the only objects made are the output values and
 * their row arrays. The values are those the former ExcelJS adapter gave (the tests compare them),
 * save where ExcelJS was wrong: 1904 books' dates, serials under 61, t="d" cells and "true"/"false"
 * booleans come out as Excel shows them.
 */
import type { Book } from "./book";
import { dateStyles, serialToDate } from "./dates";
import { readRelationships, relationshipKind } from "./opc";
import { PackageError, type Parts } from "./parts";
import { sharedStrings } from "./strings";
import { attr, decodeEscapes, streamXml } from "./xml";

export interface SheetBlock {
  /** dense rows from `firstRow`; a missing cell is null */
  cells: unknown[][];
  /** sheet row number (1-based) of cells[0] */
  firstRow: number;
  /** how many of the rows read (those holding a value) are hidden */
  hiddenRows: number;
  /**
   * rows from firstRow to the last one holding a value. When maxRows stopped the read early this is
   * the sheet's whole extent: from its <dimension> when it has one, else counted through the rest.
   */
  rows: number;
  /** the width of cells */
  columns: number;
  /** merged areas whose top-left cell is in the range, as indices into cells (their covered cells read null) */
  merged: Range[];
}

export interface ReadOptions {
  /** read at most this many rows from the top (a sheet's head for the data step) */
  maxRows?: number;
  /** an A1-style range, e.g. an Excel table's ref "B3:F120": only its cells are read */
  range?: string;
}

export interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface TableInfo {
  name: string;
  displayName: string;
  /** A1 range, header row included */
  ref: string;
  /** the name of the sheet that holds it */
  sheet: string;
  /** the worksheet part that holds it */
  sheetPart: string;
  /** the table part, e.g. "xl/tables/table1.xml" */
  part: string;
}

/** Column number (1-based) of the letters that open a cell reference: "AB12" -> 28. 0 when there are none. */
export function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const ch = ref.charCodeAt(i) | 0x20; // lower case
    if (ch < 97 || ch > 122) break;
    n = n * 26 + ch - 96;
  }
  return n;
}

/** An A1-style range ("A1:D20", "$B$3:$F$9", "C5"); undefined when it is not one. */
export function parseRange(ref: string): Range | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return undefined;
  const a = { row: Number(m[2]), col: columnOf(m[1]) };
  const b = { row: Number(m[4] ?? m[2]), col: columnOf(m[3] ?? m[1]) };
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/** An ISO 8601 date of a t="d" cell, read as UTC like every date of a workbook (which has no time zone). */
function isoDate(text: string): Date | string {
  const t = text.trim();
  const iso = /^\d{4}-\d\d-\d\d$/.test(t)
    ? `${t}T00:00:00Z`
    : /^\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(t)
      ? `1899-12-31T${t}Z`
      : /[zZ]|[+-]\d\d:?\d\d$/.test(t)
        ? t
        : `${t}Z`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? text : date;
}

const isTrue = (value: string | undefined): boolean => value === "1" || value === "true";

/**
 * The merged areas of a worksheet part. <mergeCells> comes after <sheetData>, so only the tail of
 * the part after the cells is parsed: the areas are known before the first cell is read.
 */
export function mergedAreas(bytes: Uint8Array): Range[] {
  const end = lastIndexOf(bytes, SHEET_DATA);
  if (end < 0 || !closesSheetData(bytes, end)) return [];
  let from = end + SHEET_DATA.length;
  while (from < bytes.length && bytes[from] !== 0x3e /* > */) from++;
  let to = bytes.length;
  while (to > from && !(bytes[to - 1] === 0x3c /* < */ && bytes[to] === 0x2f) /* </ */) to--;
  const areas: Range[] = [];
  if (to <= from + 1) return areas;
  streamXml(
    bytes.subarray(from + 1, to - 1),
    {
      open(name, attrs) {
        if (name !== "mergeCell") return;
        const range = parseRange(attrs.ref ?? "");
        if (range) areas.push(range);
      },
    },
    undefined,
    "mergeCells",
    true,
  );
  return areas;
}

const SHEET_DATA = new TextEncoder().encode("sheetData");

/** Whether the name at `at` is in </sheetData>, </x:sheetData> or <sheetData/>: not the opening tag of a part cut short. */
function closesSheetData(bytes: Uint8Array, at: number): boolean {
  let after = at + SHEET_DATA.length;
  while (bytes[after] === 0x20 || bytes[after] === 0x09 || bytes[after] === 0x0a || bytes[after] === 0x0d) after++;
  if (bytes[after] === 0x2f /* / */) return true;
  let before = at - 1;
  if (bytes[before] === 0x3a /* : */) {
    before--;
    while (before > 0 && bytes[before] !== 0x2f && bytes[before] !== 0x3c && bytes[before] !== 0x3e) before--;
  }
  return bytes[before] === 0x2f && bytes[before - 1] === 0x3c;
}

function lastIndexOf(bytes: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = bytes.length - needle.length; i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * The cells of a worksheet part, from A1 (or the top left of `range`) down to the last row holding
 * a value. A merged area keeps its value in its top-left cell only. Formula cells give their cached
 * value; a number in a date-formatted cell is a Date at UTC, in the book's date system.
 */
export function readSheet(
  parts: Parts,
  book: Pick<Book, "date1904" | "sharedStringsPart" | "stylesPart">,
  sheetPart: string,
  options: ReadOptions = {},
): SheetBlock {
  const bytes = parts.get(sheetPart);
  if (!bytes) throw new PackageError("notXlsx", `no worksheet part ${sheetPart}`);
  const range = options.range === undefined ? undefined : parseRange(options.range);
  if (options.range !== undefined && !range) throw new PackageError("notXlsx", `not a range: ${options.range}`);
  const top = range?.top ?? 1;
  const left = range?.left ?? 1;
  const bottom = range?.bottom ?? Infinity;
  const right = range?.right ?? Infinity;
  const lastWanted = Math.min(bottom, top + (options.maxRows ?? Infinity) - 1);
  const strings = sharedStrings(parts, book);
  const dates = dateStyles(parts, book);
  const date1904 = book.date1904;

  const merges = mergedAreas(bytes).sort((a, b) => a.top - b.top);
  let active: Range[] = [];
  let nextMerge = 0;
  let activeRow = 0;
  const coveredByMerge = (row: number, col: number): boolean => {
    if (row !== activeRow) {
      if (row < activeRow) {
        // rows out of order (not valid OOXML, but cheap to allow): start the sweep again
        nextMerge = 0;
        active = [];
      }
      while (nextMerge < merges.length && merges[nextMerge].top <= row) active.push(merges[nextMerge++]);
      active = active.filter((m) => m.bottom >= row);
      activeRow = row;
    }
    for (const m of active) if (col >= m.left && col <= m.right && (row !== m.top || col !== m.left)) return true;
    return false;
  };

  const rows: (unknown[] | null)[] = [];
  let width = 0;
  let hiddenRows = 0;
  let dimensionBottom = 0;
  let inSheetData = false;
  let stopped = false;
  /** maxRows ended the read before the last row */
  let truncated = false;
  /** past maxRows: rows are only looked at to find the last one holding a value */
  let counting = false;
  let lastRow = 0;

  let rowNumber = 0;
  let rowHidden = false;
  let rowSkipped = true;
  let values: unknown[] = [];
  let any = false;

  let col = 0;
  let cellSkipped = true;
  let type = "n";
  let style = 0;
  let text = "";
  let present = false;
  let inText = false;
  let inInline = false;
  let phonetic = 0;

  const cellValue = (): unknown => {
    switch (type) {
      case "s": {
        const s = strings[parseInt(text, 10)];
        return s === undefined ? null : s;
      }
      case "inlineStr":
      case "str":
        return decodeEscapes(text);
      case "b":
        return isTrue(text.trim());
      case "e":
        return { error: text.trim() };
      case "d":
        return text.trim() === "" ? null : isoDate(text);
      default: {
        const n = parseFloat(text);
        if (Number.isNaN(n)) return null;
        return dates[style] ? serialToDate(n, date1904) : n;
      }
    }
  };

  streamXml(
    bytes,
    {
      open(name, attrs) {
        if (stopped) return;
        if (!inSheetData) {
          if (name === "sheetData") inSheetData = true;
          else if (name === "dimension") dimensionBottom = parseRange(attrs.ref ?? "")?.bottom ?? 0;
          return;
        }
        switch (name) {
          case "row": {
            const r = attrs.r;
            rowNumber = r === undefined ? rowNumber + 1 : parseInt(r, 10);
            col = 0;
            if (rowNumber > bottom) {
              stopped = true;
              return;
            }
            if (rowNumber > lastWanted && !counting) {
              truncated = true;
              // the sheet's <dimension> tells its extent; without one the rest is counted
              if (dimensionBottom > 0) {
                stopped = true;
                return;
              }
              counting = true;
            }
            rowSkipped = rowNumber < top;
            rowHidden = isTrue(attrs.hidden);
            values = [];
            any = false;
            return;
          }
          case "c": {
            const r = attrs.r;
            col = r === undefined ? col + 1 : columnOf(r) || col + 1;
            cellSkipped = rowSkipped || col < left || col > right || (merges.length > 0 && coveredByMerge(rowNumber, col));
            type = attrs.t ?? "n";
            const s = attrs.s;
            style = s === undefined ? 0 : parseInt(s, 10);
            text = "";
            present = false;
            return;
          }
          case "v":
            inText = true;
            present = true;
            return;
          case "is":
            inInline = true;
            present = true;
            return;
          case "rPh":
            phonetic++;
            return;
          case "t":
            if (inInline && phonetic === 0) inText = true;
            return;
        }
      },
      text(chunk) {
        if (inText) text += chunk;
      },
      close(name) {
        if (stopped) return;
        switch (name) {
          case "v":
          case "t":
            inText = false;
            return;
          case "is":
            inInline = false;
            return;
          case "rPh":
            phonetic--;
            return;
          case "c": {
            if (cellSkipped || !present) return;
            const value = cellValue();
            if (value === null) return;
            if (value !== "") any = true;
            if (counting) return;
            const at = col - left;
            // cells come in column order: fill the gap with nulls as the row grows
            while (values.length < at) values.push(null);
            values[at] = value;
            return;
          }
          case "row": {
            if (rowSkipped || !any) return;
            lastRow = rowNumber;
            if (counting) return;
            const at = rowNumber - top;
            while (rows.length < at) rows.push(null);
            rows[at] = values;
            if (values.length > width) width = values.length;
            if (rowHidden) hiddenRows++;
            return;
          }
          case "sheetData":
            // what follows the cells (merges were read first) is not needed
            inSheetData = false;
            stopped = true;
            return;
        }
      },
    },
    () => stopped,
    sheetPart,
  );

  const cells = rows as unknown[][];
  for (let r = 0; r < cells.length; r++) {
    const row = cells[r];
    if (row === null) cells[r] = new Array<unknown>(width).fill(null);
    else while (row.length < width) row.push(null);
  }
  let extent = cells.length;
  if (truncated) extent = Math.max(extent, (counting ? lastRow : Math.min(dimensionBottom, bottom)) - top + 1);
  const merged: Range[] = [];
  for (const m of merges) {
    if (m.top < top || m.left < left || m.top > Math.min(bottom, top + cells.length - 1) || m.left > right) continue;
    merged.push({ top: m.top - top, left: m.left - left, bottom: Math.min(m.bottom, bottom) - top, right: Math.min(m.right, right) - left });
  }
  return { cells, firstRow: top, hiddenRows, rows: extent, columns: width, merged };
}

/** The Excel tables of the book's worksheets (xl/tables/*.xml), sheet by sheet in tab order. */
export function tables(parts: Parts, book: Pick<Book, "sheets">): TableInfo[] {
  const found: TableInfo[] = [];
  for (const sheet of book.sheets) {
    if (!sheet.part || sheet.kind !== "worksheet" || !parts.has(sheet.part)) continue;
    for (const rel of readRelationships(parts, sheet.part)) {
      if (rel.external || !rel.part || relationshipKind(rel.type) !== "table") continue;
      const bytes = parts.get(rel.part);
      if (!bytes) continue;
      let root = true;
      streamXml(
        bytes,
        {
          open(_name, attrs) {
            if (!root) return;
            root = false;
            const name = attr(attrs, "name") ?? "";
            found.push({
              name,
              displayName: attr(attrs, "displayName") ?? name,
              ref: attr(attrs, "ref") ?? "",
              sheet: sheet.name,
              sheetPart: sheet.part!,
              part: rel.part!,
            });
          },
        },
        () => !root,
        rel.part,
      );
    }
  }
  return found;
}
