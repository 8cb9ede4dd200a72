/*
 * The WorkbookHost port over an ExcelJS workbook: .xlsx files in Node (the CLI) and in a plain
 * browser (the pane page). ExcelJS is only imported as types here; the caller hands in the module
 * (Node: a static import; browser: a lazy import()), so the Excel pane never bundles it and this
 * file uses no Node API.
 */
import type { Cell, Workbook, Worksheet } from "exceljs";
import type { ClientBlock } from "../core/job";
import { NUMBER_FORMATS, type CellFormat, type CellValue, type OutputBlock, type OutputSheet, type OutputTable, type ParetoChart } from "../core/output";
import type { SampleBook } from "../core/sample";
import { SETTINGS_SHEET, settingsCells, settingsFromCells } from "../core/settings";
import { letterOf } from "../core/tier";
import { HostError, type SheetHead, type SourceRef, type WorkbookHost, type WorkbookSnapshot, type WriteControl } from "./port";

/** What the caller hands in: the ExcelJS module (or anything with its Workbook class). */
export interface ExcelJsModule {
  Workbook: new () => Workbook;
}

/** The hidden sheet that holds the settings of the last run in an .xlsx file. */

/** ExcelJS leaves a cell's format alone when it is given none: General is the default. */
const numberFormatOf = (format: CellFormat): string | undefined => (format === "general" ? undefined : NUMBER_FORMATS[format]);

export { SETTINGS_SHEET };

export class XlsxHost implements WorkbookHost {
  constructor(readonly workbook: Workbook) {}

  /** Reads an .xlsx file's bytes (a browser File's arrayBuffer(), or a Node Buffer). */
  static async fromBuffer(exceljs: ExcelJsModule, data: ArrayBuffer | Uint8Array): Promise<XlsxHost> {
    const workbook = new exceljs.Workbook();
    try {
      // ExcelJS reads through JSZip, which takes an ArrayBuffer, a Uint8Array or a Buffer
      await workbook.xlsx.load(data as Parameters<typeof workbook.xlsx.load>[0]);
    } catch (err) {
      throw new HostError("unreadable", err instanceof Error ? err.message : String(err));
    }
    return new XlsxHost(workbook);
  }

  /** The workbook as .xlsx bytes, for a download or a file. */
  async toBuffer(): Promise<Uint8Array> {
    shareCellStyles(this.workbook);
    return new Uint8Array(await this.workbook.xlsx.writeBuffer());
  }

  async open(): Promise<WorkbookSnapshot> {
    const store = this.settingsSheet();
    return {
      sheetNames: this.userSheets().map((ws) => ws.name),
      settings: store ? settingsText(store) : undefined,
    };
  }

  async readClientBlock(source: SourceRef): Promise<ClientBlock> {
    if (source.table) return this.readTable(source.table);
    if (source.selection) throw new HostError("noSelection", "");
    const ws = source.sheet ? this.sheet(source.sheet) : this.userSheets()[0];
    if (!ws) throw new HostError("noSuchSheet", source.sheet ?? "");
    return readBlock(ws, ws.name);
  }

  async readSheetValues(name: string): Promise<unknown[][]> {
    const ws = this.sheet(name);
    if (!ws) throw new HostError("noSuchSheet", name);
    return readBlock(ws, name).cells;
  }

  async readSheetHeads(maxRows: number): Promise<SheetHead[]> {
    return this.userSheets().map((ws) => {
      const { cells, firstRow } = readBlock(ws, ws.name, undefined, maxRows);
      // the used range: ExcelJS knows its last row; the width is the widest of the rows read
      return { name: ws.name, rows: cells.length === 0 ? 0 : ws.rowCount, columns: Math.max(0, ...cells.map((r) => r.length)), firstRow, head: cells };
    });
  }

  /** A file has no selection. */
  async selectionSource(): Promise<SourceRef | undefined> {
    return undefined;
  }

  async writeSheets(sheets: readonly OutputSheet[], replace: readonly string[], control: WriteControl = {}): Promise<string[]> {
    const same = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();
    const tableNames = new Set(
      this.workbook.worksheets.filter((ws) => !replace.some((r) => same(r, ws.name))).flatMap((ws) => ws.getTables().map((t) => tableModel(t).name.toLowerCase())),
    );
    const written: string[] = [];
    for (const [index, sheet] of sheets.entries()) {
      if (control.signal?.aborted) break;
      control.onSheet?.(index, sheets.length, sheet.name);
      // a replaced sheet goes only when its new content is written, so a cancelled run leaves it whole
      const old = replace.some((r) => same(r, sheet.name)) ? this.sheet(sheet.name) : undefined;
      const position = old ? this.workbook.worksheets.indexOf(old) : -1;
      if (old) this.workbook.removeWorksheet(old.id);
      const ws = writeSheet(this.workbook, sheet, tableNames);
      if (position >= 0) moveSheet(this.workbook, ws, position);
      written.push(sheet.name);
    }
    this.keepActiveTabVisible();
    return written;
  }

  async activateSheet(name: string): Promise<void> {
    const ws = this.sheet(name);
    if (!ws) throw new HostError("noSuchSheet", name);
    const index = this.workbook.worksheets.indexOf(ws);
    const view = { ...(this.workbook.views?.[0] ?? { x: 0, y: 0, width: 10000, height: 20000, visibility: "visible" as const }), activeTab: index, firstSheet: 0 };
    this.workbook.views = [view, ...(this.workbook.views ?? []).slice(1)];
  }

  async writeSettings(json: string): Promise<void> {
    const ws = this.settingsSheet() ?? this.workbook.addWorksheet(SETTINGS_SHEET, { state: "veryHidden" });
    ws.state = "veryHidden";
    for (let r = 1; r <= ws.rowCount; r++) ws.getCell(r, 1).value = null;
    settingsCells(json).forEach((text, i) => {
      const cell = ws.getCell(i + 1, 1);
      cell.value = text;
      cell.style = { numFmt: "@" };
    });
  }

  /** Sheets people see and own: every sheet but the settings store, in tab order. */
  private userSheets(): Worksheet[] {
    return this.workbook.worksheets.filter((ws) => ws.name !== SETTINGS_SHEET);
  }

  private settingsSheet(): Worksheet | undefined {
    return this.workbook.worksheets.find((ws) => ws.name === SETTINGS_SHEET);
  }

  /** A sheet by name, compared without case as Excel does. */
  private sheet(name: string): Worksheet | undefined {
    const wanted = name.toLocaleLowerCase();
    return this.userSheets().find((ws) => ws.name.toLocaleLowerCase() === wanted);
  }

  private readTable(name: string): ClientBlock {
    const wanted = name.toLowerCase();
    for (const ws of this.userSheets()) {
      for (const t of ws.getTables()) {
        const model = tableModel(t);
        if (model.name.toLowerCase() !== wanted) continue;
        const range = parseRange(model.tableRef ?? model.ref);
        if (!range) break;
        const block = readBlock(ws, model.name, range);
        return block;
      }
    }
    throw new HostError("noSuchTable", name);
  }

  /** Excel repairs a book whose active tab was removed or is hidden: point it at a visible one. */
  private keepActiveTabVisible(): void {
    const sheets = this.workbook.worksheets;
    const views = this.workbook.views;
    if (!views || views.length === 0) return;
    const active = views[0].activeTab ?? 0;
    if (sheets[active] && sheets[active].state === "visible") return;
    const visible = sheets.findIndex((ws) => ws.state === "visible" || ws.state === undefined);
    views[0].activeTab = Math.max(0, visible);
    views[0].firstSheet = 0;
  }
}

/**
 * Lets cells with the same plain style share one style object before a save. ExcelJS gives every
 * cell its own style object and, on writing, works out the style of each one again unless it has
 * seen that very object: on 100,000 rows that is most of the writing time. Shared objects are
 * frozen, so a later edit through one cell fails loudly instead of restyling the others.
 */
export function shareCellStyles(workbook: Workbook): void {
  const empty = Object.freeze({});
  const byFormat = new Map<string, object>();
  for (const ws of workbook.worksheets) {
    ws.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        const style = cell.style as Record<string, unknown> | undefined;
        if (!style || Object.isFrozen(style)) return;
        const keys = Object.keys(style);
        if (keys.length === 0) cell.style = empty;
        else if (keys.length === 1 && keys[0] === "numFmt" && typeof style.numFmt === "string") {
          let shared = byFormat.get(style.numFmt);
          if (!shared) byFormat.set(style.numFmt, (shared = Object.freeze({ numFmt: style.numFmt })));
          cell.style = shared;
        }
      });
    });
  }
}

/** The table model ExcelJS keeps for a table made here or read from a file. */
function tableModel(t: unknown): { name: string; ref: string; tableRef?: string } {
  const holder = t as { table?: { name: string; ref: string; tableRef?: string } };
  return holder.table ?? (t as { name: string; ref: string; tableRef?: string });
}

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function parseRange(ref: string): Range | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return undefined;
  const col = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { top: Number(m[2]), left: col(m[1]), bottom: Number(m[4] ?? m[2]), right: col(m[3] ?? m[1]) };
}

/**
 * The cells of a sheet from A1 (or of a range) down to the last row holding a value, as plain
 * values; merged areas hold their value in the master cell only.
 */
function readBlock(ws: Worksheet, source: string, range?: Range, maxRows = Infinity): ClientBlock {
  const top = range?.top ?? 1;
  const left = range?.left ?? 1;
  const rows: unknown[][] = [];
  let width = 0;
  let hiddenRows = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber < top || (range && rowNumber > range.bottom) || rowNumber - top >= maxRows) return;
    const values: unknown[] = [];
    let any = false;
    row.eachCell({ includeEmpty: false }, (cell: Cell, col: number) => {
      if (col < left || (range && col > range.right)) return;
      if (cell.isMerged && cell.master !== cell) return;
      const value = plainValue(cell.value);
      if (value === null) return;
      values[col - left] = value;
      if (value !== "") any = true;
    });
    if (!any) return;
    rows[rowNumber - top] = values;
    width = Math.max(width, values.length);
    if (row.hidden) hiddenRows++;
  });
  const cells: unknown[][] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const given = rows[r] ?? [];
    const dense = new Array<unknown>(width);
    for (let c = 0; c < width; c++) dense[c] = given[c] ?? null;
    cells[r] = dense;
  }
  // the header row of a sheet is seldom hidden, but a hidden one is a row like any other
  return { source, cells, firstRow: top, hiddenRows };
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

function settingsText(ws: Worksheet): string | undefined {
  return settingsFromCells(Array.from({ length: ws.rowCount }, (_, r) => plainValue(ws.getCell(r + 1, 1).value)));
}

// --- writing -------------------------------------------------------------------------------------

/**
 * Puts a sheet back at a tab position. ExcelJS writes sheets in the order of their orderNo, so
 * renumbering keeps a rewritten sheet where the user had it.
 */
function moveSheet(workbook: Workbook, ws: Worksheet, position: number): void {
  const order = workbook.worksheets.filter((w) => w !== ws);
  order.splice(Math.min(position, order.length), 0, ws);
  order.forEach((w, i) => ((w as unknown as { orderNo: number }).orderNo = i));
}

function writeSheet(workbook: Workbook, sheet: OutputSheet, tableNames: Set<string>): Worksheet {
  const ws = workbook.addWorksheet(sheet.name, {
    views: sheet.freezeRows > 0 ? [{ state: "frozen", ySplit: sheet.freezeRows, xSplit: 0 }] : [],
  });
  // a sheet that is one table from A1 gets its formats on whole columns: rows people add get them too
  const wholeColumns = sheet.tables.length === 1 && sheet.blocks.length === 0 && !sheet.chart && sheet.tables[0].row === 0;
  for (const block of sheet.blocks) writeBlock(ws, block);
  for (const table of sheet.tables) writeTable(ws, table, tableNames, wholeColumns);
  if (sheet.chart) writeChartNote(ws, sheet.chart);
  return ws;
}

function writeBlock(ws: Worksheet, block: OutputBlock): void {
  block.cells.forEach((line, r) =>
    line.forEach((value, c) => {
      if (value === null) return;
      const cell = ws.getCell(block.row + r + 1, block.column + c + 1);
      cell.value = value;
      const format = block.formats?.[r]?.[c];
      const numFmt = format ? numberFormatOf(format) : undefined;
      if (numFmt) cell.numFmt = numFmt;
      if (block.title) cell.font = { bold: true, size: 12 };
    }),
  );
  if (!block.title)
    for (let c = 0; c < Math.max(0, ...block.cells.map((l) => l.length)); c++) widen(ws, block.column + c + 1, 14);
}

function writeTable(ws: Worksheet, table: OutputTable, tableNames: Set<string>, wholeColumns: boolean): void {
  const top = table.row + 1;
  const left = table.column + 1;
  let name = table.name;
  for (let n = 2; tableNames.has(name.toLowerCase()); n++) name = `${table.name}_${n}`;
  tableNames.add(name.toLowerCase());
  table.columns.forEach((col, c) => {
    widen(ws, left + c, col.width);
    const numFmt = numberFormatOf(col.format);
    if (wholeColumns && numFmt) ws.getColumn(left + c).numFmt = numFmt;
  });
  // Excel needs a table to have at least one data row. The rows go into the cells below, not
  // through addTable: ExcelJS keeps the rows it is given in the table's model and makes a cell for
  // each value, null or not. A rows array with holes gives the table its height and nothing else.
  const height = Math.max(1, table.rows.length);
  ws.addTable({
    name,
    displayName: name,
    ref: address(top, left),
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: table.columns.map((col) => ({ name: col.header, filterButton: true })),
    rows: new Array<CellValue[]>(height),
  });
  const formats = table.columns.map((col) => numberFormatOf(col.format));
  for (let r = 0; r < height; r++) {
    const row = ws.getRow(top + 1 + r);
    const line = table.rows[r] ?? [];
    for (let c = 0; c < formats.length; c++) {
      // "" is written as a blank cell
      const value = line[c] ?? null;
      const blank = value === null || value === "";
      // a blank cell of a whole-column table is left out: its column has the format already
      if (blank && (wholeColumns || !formats[c])) continue;
      const cell = row.getCell(left + c);
      if (!blank) cell.value = value;
      // cells made after the column's numFmt was set take it from the column
      const numFmt = formats[c];
      if (!wholeColumns && numFmt) cell.numFmt = numFmt;
    }
  }
}

function writeChartNote(ws: Worksheet, chart: ParetoChart): void {
  const title = ws.getCell(chart.row + 1, chart.column + 1);
  title.value = chart.title;
  title.font = { bold: true, size: 12 };
  ws.getCell(chart.row + 2, chart.column + 1).value = chart.note;
}

function widen(ws: Worksheet, column: number, width: number): void {
  const col = ws.getColumn(column);
  col.width = Math.max(col.width ?? 0, width);
}

/** A1 address of a 1-based row and column. */
function address(row: number, column: number): string {
  return `${letterOf(column - 1)}${row}`;
}

// --- the sample book -------------------------------------------------------------------------------

/** The sample book as a workbook: the title merged across the header, dates as date cells, one hidden row. */
export function sampleWorkbook(exceljs: ExcelJsModule, sample: SampleBook): Workbook {
  const workbook = new exceljs.Workbook();
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
