/*
 * An .xlsx file in the tests: the package host the CLI and the page run on, and the same bytes read
 * independently by ExcelJS (a devDependency: the tests' second opinion on what was written). Also
 * what the ExcelJS adapter did that the tests still use: plainValue, and the sample book as ExcelJS
 * made it (the reference for the package-made sample, src/workbook/package/new-book.ts).
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import type { SampleBook } from "../../src/core/sample";
import { PackageHost } from "../../src/workbook/package/host";

/** A file as the run sees it (host) and as ExcelJS reads it (workbook), from the same bytes. */
export interface XlsxBook {
  host: PackageHost;
  workbook: ExcelJS.Workbook;
  bytes: Uint8Array;
}

export async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

export async function bookOf(bytes: Uint8Array): Promise<XlsxBook> {
  return { host: PackageHost.fromBytes(bytes), workbook: await readWorkbook(bytes), bytes };
}

/** Saves the host's package to a real file and opens it again, as the next person would. */
export async function saveAndReload(from: XlsxBook | PackageHost, file: string): Promise<XlsxBook> {
  const host = from instanceof PackageHost ? from : from.host;
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, host.toBytes());
  return bookOf(new Uint8Array(await fs.readFile(file)));
}

/** What someone saved after editing the book in another program (here ExcelJS): the file it wrote, opened again. */
export async function savedByExcelJs(wb: ExcelJS.Workbook, file: string): Promise<XlsxBook> {
  await wb.xlsx.writeFile(file);
  return bookOf(new Uint8Array(await fs.readFile(file)));
}

/**
 * An ExcelJS cell value as the core reads it: numbers, text, booleans and dates as they are,
 * `{ error }` for an Excel error, the text of rich text and hyperlinks, a formula's cached result.
 */
export function plainValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value !== "object") return null;
  const o = value as Record<string, unknown>;
  if (typeof o.error === "string") return { error: o.error };
  if (Array.isArray(o.richText)) return o.richText.map((run: { text?: unknown }) => (typeof run.text === "string" ? run.text : "")).join("");
  if ("formula" in o || "sharedFormula" in o) return plainValue(o.result);
  if ("text" in o) return plainValue(o.text);
  return null;
}

/** The sample book as the ExcelJS adapter made it before the package host: the title merged across the header, dates as date cells, one hidden row. */
export function sampleWorkbook(sample: SampleBook): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sample.sheetName, { views: [{ state: "frozen", ySplit: 2, xSplit: 0 }] });
  const width = sample.header.length;
  ws.mergeCells(1, 1, 1, width);
  const title = ws.getCell(1, 1);
  title.value = sample.title;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: "center" };
  const header = ws.getRow(2);
  header.values = sample.header;
  header.font = { bold: true };
  sample.header.forEach((h, c) => {
    const col = ws.getColumn(c + 1);
    col.width = Math.max(10, [...h].length * 2 + 2);
    const numFmt = sample.formats[c];
    if (numFmt) col.numFmt = numFmt;
  });
  sample.rows.forEach((line, r) => {
    const row = ws.getRow(3 + r);
    line.forEach((value, c) => {
      if (value !== null) row.getCell(c + 1).value = value;
    });
    if (sample.hiddenRows.includes(r)) row.hidden = true;
  });
  return workbook;
}

/**
 * What the ExcelJS adapter (src/workbook/xlsx.ts, before the package host) read from a file, kept as
 * the reference the package reader is compared with (test/workbook/package/exceljs-parity.test.ts).
 */
export class ExcelJsReader {
  private constructor(readonly workbook: ExcelJS.Workbook) {}

  static async fromBuffer(data: Uint8Array): Promise<ExcelJsReader> {
    return new ExcelJsReader(await readWorkbook(data));
  }

  async readSheetValues(name: string): Promise<unknown[][]> {
    return readBlock(this.sheet(name)).cells;
  }

  async readClientBlock(source: { sheet: string }): Promise<{ cells: unknown[][]; firstRow: number; hiddenRows: number }> {
    return readBlock(this.sheet(source.sheet));
  }

  async readSheetHeads(maxRows: number): Promise<{ name: string; rows: number; columns: number; head: unknown[][] }[]> {
    return this.workbook.worksheets.map((ws) => {
      const { cells } = readBlock(ws, maxRows);
      return { name: ws.name, rows: cells.length === 0 ? 0 : ws.rowCount, columns: Math.max(0, ...cells.map((r) => r.length)), head: cells };
    });
  }

  private sheet(name: string): ExcelJS.Worksheet {
    const ws = this.workbook.worksheets.find((w) => w.name.toLocaleLowerCase() === name.toLocaleLowerCase());
    if (!ws) throw new Error(`no sheet ${name}`);
    return ws;
  }
}

/** The cells from A1 down to the last row holding a value; merged areas hold their value in the master cell only. */
function readBlock(ws: ExcelJS.Worksheet, maxRows = Infinity): { cells: unknown[][]; firstRow: number; hiddenRows: number } {
  const rows: unknown[][] = [];
  let width = 0;
  let hiddenRows = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber - 1 >= maxRows) return;
    const values: unknown[] = [];
    let any = false;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (cell.isMerged && cell.master !== cell) return;
      const value = plainValue(cell.value);
      if (value === null) return;
      values[col - 1] = value;
      if (value !== "") any = true;
    });
    if (!any) return;
    rows[rowNumber - 1] = values;
    width = Math.max(width, values.length);
    if (row.hidden) hiddenRows++;
  });
  const cells = Array.from({ length: rows.length }, (_, r) => Array.from({ length: width }, (_, c) => rows[r]?.[c] ?? null));
  return { cells, firstRow: 1, hiddenRows };
}
