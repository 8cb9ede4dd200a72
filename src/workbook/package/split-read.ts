/*
 * A worksheet part read in two halves at once (the CLI reads the second on a worker thread): the
 * part is cut at the start of a <row> near its middle into two well-formed parts, each read by
 * readSheet as it reads any part, and the blocks are joined. On a 2-core machine that is nearly
 * half the read of a big client sheet. A part this cannot cut simply (merged cells, prefixed
 * elements, rows without numbers, a range or a head read) is read whole, as before.
 */
import type { Book } from "./book";
import { mergedAreas, readSheet, type ReadOptions, type SheetBlock } from "./cells";
import type { Parts } from "./parts";

export interface SheetHalves {
  /** the part up to the cut, closed after the last whole row */
  head: Uint8Array;
  /** the root element's start tag and <sheetData>, then the part from the cut on */
  tail: Uint8Array;
  /** the sheet row number of the first row of the tail */
  tailRow: number;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const SHEET_DATA_OPEN = ascii("<sheetData>");
const ROW_OPEN = ascii('<row r="');
const HEAD_CLOSE = ascii("</sheetData></worksheet>");

function indexOf(bytes: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  for (let i = bytes.indexOf(first, from); i >= 0 && i <= bytes.length - needle.length; i = bytes.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && bytes[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

/**
 * The part cut in two near its middle, or undefined where it cannot be cut simply: no unprefixed
 * <sheetData>, merged cells (their sweep runs down the whole sheet), or no numbered <row> to cut at.
 */
export function splitSheet(bytes: Uint8Array): SheetHalves | undefined {
  const data = indexOf(bytes, SHEET_DATA_OPEN, 0);
  if (data < 0) return undefined;
  const root = indexOf(bytes, ascii("<worksheet"), 0);
  if (root < 0 || root > data) return undefined;
  const rootEnd = bytes.indexOf(0x3e /* > */, root);
  if (mergedAreas(bytes).length > 0) return undefined;
  const cut = indexOf(bytes, ROW_OPEN, data + Math.floor((bytes.length - data) / 2));
  if (cut < 0) return undefined;
  let at = cut + ROW_OPEN.length;
  let tailRow = 0;
  while (bytes[at] >= 0x30 && bytes[at] <= 0x39) tailRow = tailRow * 10 + bytes[at++] - 0x30;
  if (bytes[at] !== 0x22 /* " */ || tailRow < 1) return undefined;

  const head = new Uint8Array(cut + HEAD_CLOSE.length);
  head.set(bytes.subarray(0, cut));
  head.set(HEAD_CLOSE, cut);
  const start = bytes.subarray(root, rootEnd + 1);
  const tail = new Uint8Array(start.length + SHEET_DATA_OPEN.length + bytes.length - cut);
  tail.set(start);
  tail.set(SHEET_DATA_OPEN, start.length);
  tail.set(bytes.subarray(cut), start.length + SHEET_DATA_OPEN.length);
  return { head, tail, tailRow };
}

/** The tail's read: its cells from its first row on (readSheet's range, every column). */
export const tailOptions = (tailRow: number): ReadOptions => ({ range: `A${tailRow}:XFD1048576` });

/** The two halves' blocks as the block of the whole part: rows between them null, every row as wide as the widest. */
export function joinBlocks(head: SheetBlock, tail: SheetBlock, tailRow: number): SheetBlock {
  const width = Math.max(head.columns, tail.columns);
  const cells = head.cells;
  const gap = tailRow - (head.firstRow + cells.length);
  if (tail.cells.length > 0) for (let i = 0; i < gap; i++) cells.push(new Array<unknown>(width).fill(null));
  for (const row of tail.cells) cells.push(row);
  for (const row of cells) while (row.length < width) row.push(null);
  return { cells, firstRow: head.firstRow, hiddenRows: head.hiddenRows + tail.hiddenRows, rows: cells.length, columns: width, merged: [] };
}

/** What readSheet needs of the book besides the sheet: its date system, and its shared strings and styles parts. */
export interface BookBytes {
  date1904: boolean;
  sharedStrings?: Uint8Array;
  styles?: Uint8Array;
}

/** The tail, and what a second reader needs of the book to read it as readSheet would. */
export interface TailRead extends BookBytes {
  tail: Uint8Array;
  tailRow: number;
}

/** A half of a worksheet part read by readSheet, with only the parts of the book it needs. */
export function readHalf(sheet: Uint8Array, book: BookBytes, options: ReadOptions = {}): SheetBlock {
  const parts: Parts = new Map([["sheet.xml", sheet]]);
  if (book.sharedStrings) parts.set("sharedStrings.xml", book.sharedStrings);
  if (book.styles) parts.set("styles.xml", book.styles);
  const read: Pick<Book, "date1904" | "sharedStringsPart" | "stylesPart"> = {
    date1904: book.date1904,
    sharedStringsPart: book.sharedStrings ? "sharedStrings.xml" : undefined,
    stylesPart: book.styles ? "styles.xml" : undefined,
  };
  return readSheet(parts, read, "sheet.xml", options);
}

/** The tail read as readSheet reads a part (where the CLI's worker thread runs it). */
export function readTail(job: TailRead): SheetBlock {
  return readHalf(job.tail, job, tailOptions(job.tailRow));
}
