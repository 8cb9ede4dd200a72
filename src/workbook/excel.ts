/*
 * The Excel adapter of the WorkbookHost port (Office.js). The only module that calls Excel.run.
 *
 * Round trips are the cost inside Excel (Excel on the web most of all), so every method works in a
 * small, fixed number of context.sync() calls plus one per data chunk (CONVENTIONS.md, "Office.js
 * habits"):
 * - reads: one sync for the block's address and size, then `values` in row chunks. The first chunk
 *   is READ_FIRST_CHUNK_CELLS cells; the next ones are sized from the bytes per row seen so far so
 *   that a response stays near READ_TARGET_BYTES, and never above READ_MAX_CELLS cells (Excel's
 *   own limit is 5,000,000 cells; Excel on the web also rejects responses over 5 MB).
 * - writes: everything is queued through a byte budget (WriteBatch): small requests (sheets,
 *   formats, widths, tables, the chart) ride along with the values, and the batch is synced
 *   whenever the estimated JSON of the queued values would pass WRITE_TARGET_BYTES (requests over
 *   5 MB are rejected by Excel on the web; the target leaves room for the request envelope and for
 *   the estimate being UTF-8 while the transport may count differently).
 */
import { HostError, type SourceRef, type WorkbookHost, type WorkbookSnapshot } from "./port";
import type { ClientBlock } from "../core/job";
import { NUMBER_FORMATS, type CellFormat, type CellValue, type OutputSheet, type OutputTable } from "../core/output";
import { SETTINGS_KEY, SETTINGS_SHEET, settingsCells, settingsFromCells } from "../core/settings";

/** cells in the first read chunk, before the bytes per row of this block are known */
export const READ_FIRST_CHUNK_CELLS = 100_000;
/** the response size a read chunk aims at, estimated as the UTF-8 JSON of its values */
export const READ_TARGET_BYTES = 3_000_000;
/** hard cap of cells per read request (Excel allows 5,000,000) */
export const READ_MAX_CELLS = 1_000_000;
/** the request size a write sync aims at, estimated as the UTF-8 JSON of the values and formats it carries */
export const WRITE_TARGET_BYTES = 3_000_000;
/** what a queued request other than values is counted as (sheet, format, table, chart calls) */
export const SMALL_REQUEST_BYTES = 200;
/** Excel column width in points per character of OutputColumn.width */
export const POINTS_PER_CHAR = 6.5;

/** Excel.run, or a stand-in with the same shape (tests, benchmarks). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Whether an ExcelApi requirement set (e.g. "1.8") is there; true outside Office (tests). */
export type ApiSupport = (version: string) => boolean;

const defaultRun: ExcelRun = (batch) => Excel.run(batch);

const defaultSupport: ApiSupport = (version) => {
  const requirements = typeof Office === "undefined" ? undefined : Office.context?.requirements;
  return requirements ? requirements.isSetSupported("ExcelApi", version) : true;
};

export class ExcelHost implements WorkbookHost {
  constructor(
    private readonly run: ExcelRun = defaultRun,
    private readonly supports: ApiSupport = defaultSupport,
  ) {}

  async open(): Promise<WorkbookSnapshot> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      const setting = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
      setting.load("value");
      // a book last run by the CLI or the browser page keeps its settings in a very hidden sheet
      const copy = context.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET).getUsedRangeOrNullObject(true);
      copy.load("values");
      await syncReading(context);
      const fromSheet = copy.isNullObject ? undefined : settingsFromCells(copy.values.map((row) => row[0]));
      return {
        sheetNames: sheets.items.map((s) => s.name).filter((n) => n !== SETTINGS_SHEET),
        settings: setting.isNullObject ? fromSheet : setting.value,
      };
    });
  }

  async readClientBlock(source: SourceRef): Promise<ClientBlock> {
    return this.run(async (context) => {
      const found = await locate(context, source);
      if (!found) return { source: sourceName(source), cells: [], firstRow: 1, hiddenRows: 0 };
      const { range, name } = found;
      const hiddenRows = await countHiddenRows(context, range);
      const cells = await readValues(context, range);
      return { source: name, cells, firstRow: range.rowIndex + 1, hiddenRows };
    });
  }

  async readSheetValues(name: string): Promise<unknown[][]> {
    return this.run(async (context) => {
      const found = await locate(context, { sheet: name });
      if (!found) return [];
      const { range } = found;
      const cells = await readValues(context, range);
      // from A1: pad the rows and columns above and left of the used range
      const width = range.columnIndex + range.columnCount;
      const padded: unknown[][] = [];
      for (let r = 0; r < range.rowIndex; r++) padded.push(new Array(width).fill(""));
      const left = range.columnIndex > 0 ? new Array(range.columnIndex).fill("") : [];
      for (const row of cells) padded.push(left.length ? [...left, ...row] : row);
      return padded;
    });
  }

  async writeSheets(sheets: readonly OutputSheet[], replace: readonly string[]): Promise<void> {
    await writing(this.run, async (context) => {
      const workbook = context.workbook;
      const existing = workbook.worksheets.load("items/name,items/position");
      const tables = workbook.tables.load("items/name,items/worksheet/name");
      // the charts on sheets about to be emptied (the Pareto chart), loaded in the same sync
      const chartsOf = new Map(replace.map((name) => [name, workbook.worksheets.getItem(name).charts.load("items/name")] as const));
      await context.sync();
      const same = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();
      const replaced = (name: string) => replace.some((r) => same(r, name));
      // table names stay taken unless their sheet is deleted by this write
      const takenTables = tables.items.filter((t) => !replaced(t.worksheet.name)).map((t) => t.name.toLowerCase());
      const batch = new WriteBatch(context, this.supports("1.6"));

      for (const out of sheets) {
        const old = replaced(out.name) ? existing.items.find((s) => same(s.name, out.name)) : undefined;
        await batch.queue(SMALL_REQUEST_BYTES * 3);
        let sheet: Excel.Worksheet;
        if (old) {
          // empty the sheet in place, never delete it: formulas elsewhere that point at it keep working
          sheet = workbook.worksheets.getItem(old.name);
          for (const t of tables.items) if (same(t.worksheet.name, old.name)) workbook.tables.getItem(t.name).delete();
          for (const chart of chartsOf.get(old.name)?.items ?? []) chart.delete();
          const all = sheet.getRange();
          all.clear();
          all.rowHidden = false;
          sheet.freezePanes.unfreeze();
        } else {
          sheet = workbook.worksheets.add(out.name);
        }
        await writeSheet(batch, sheet, out, takenTables, this.supports("1.8"));
      }
      await batch.flush();
    });
  }

  /** Saves the settings in the workbook's settings and in the very hidden sheet the CLI and the browser page read. */
  async writeSettings(json: string): Promise<void> {
    await writing(this.run, async (context) => {
      context.workbook.settings.add(SETTINGS_KEY, json);
      const existing = context.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
      await context.sync();
      const sheet = existing.isNullObject ? context.workbook.worksheets.add(SETTINGS_SHEET) : existing;
      sheet.visibility = "VeryHidden";
      sheet.getRange().clear();
      const cells = settingsCells(json);
      const range = sheet.getRangeByIndexes(0, 0, cells.length, 1);
      range.numberFormat = cells.map(() => ["@"]);
      range.values = cells.map((text) => [text]);
      await context.sync();
    });
  }
}

// ---------------------------------------------------------------- reading

function sourceName(source: SourceRef): string {
  return source.table ?? source.sheet ?? "selection";
}

/** An Office error (OfficeExtension.Error and the like): a code and a message. */
function isOfficeError(err: unknown): err is { code: string; message: string } {
  return typeof err === "object" && err !== null && !(err instanceof HostError) && typeof (err as { code?: unknown }).code === "string";
}

/** A write batch: an Office error (protected sheet, workbook in edit mode elsewhere) becomes HostError("writeFailed"). */
async function writing(run: ExcelRun, work: (context: Excel.RequestContext) => Promise<void>): Promise<void> {
  try {
    await run(work);
  } catch (err) {
    if (isOfficeError(err)) throw new HostError("writeFailed", err.message || err.code);
    throw err;
  }
}

/** context.sync() for reads: an Office error becomes HostError("unreadable"). */
async function syncReading(context: Excel.RequestContext): Promise<void> {
  try {
    await context.sync();
  } catch (err) {
    if (isOfficeError(err)) throw new HostError("unreadable", err.message || err.code);
    throw err;
  }
}

/**
 * The range of a source with its address and size loaded, in one sync; undefined for an empty
 * sheet. A missing sheet or table is a HostError.
 */
async function locate(context: Excel.RequestContext, source: SourceRef): Promise<{ range: Excel.Range; name: string } | undefined> {
  const workbook = context.workbook;
  let range: Excel.Range;
  let parent: Excel.Worksheet | Excel.Table | undefined;
  let missing: HostError | undefined;
  let name: string;
  if (source.table) {
    const table = workbook.tables.getItemOrNullObject(source.table);
    parent = table;
    range = table.getRange();
    missing = new HostError("noSuchTable", source.table);
    name = source.table;
  } else if (source.selection) {
    try {
      range = workbook.getSelectedRange().getSurroundingRegion();
      range.load(RANGE_SHAPE);
      await context.sync();
    } catch (err) {
      if (isOfficeError(err)) throw new HostError("noSelection", err.message || err.code);
      throw err;
    }
    return { range, name: range.address };
  } else if (source.sheet) {
    const sheet = workbook.worksheets.getItemOrNullObject(source.sheet);
    parent = sheet;
    range = sheet.getUsedRangeOrNullObject(true);
    missing = new HostError("noSuchSheet", source.sheet);
    name = source.sheet;
  } else {
    throw new HostError("noSuchSheet", "");
  }
  range.load(RANGE_SHAPE);
  try {
    await context.sync();
  } catch (err) {
    // a method of a null object may fail rather than give a null object: find out which it was
    if (!isOfficeError(err)) throw err;
    (parent as { load(properties: string): unknown }).load("name");
    await syncReading(context);
    if (parent.isNullObject) throw missing;
    throw new HostError("unreadable", err.message || err.code);
  }
  if (parent.isNullObject) throw missing;
  if (range.isNullObject) return undefined;
  return { range, name };
}

const RANGE_SHAPE = "address,rowIndex,columnIndex,rowCount,columnCount,rowHidden";

/**
 * Hidden and filtered rows of the block: `rowHidden` (loaded with the shape) says none or all;
 * only a mix costs one more sync, for the row count of the visible view. Undefined if Excel
 * cannot say (an old API set, or a view it refuses).
 */
async function countHiddenRows(context: Excel.RequestContext, range: Excel.Range): Promise<number | undefined> {
  const hidden = range.rowHidden as boolean | null;
  if (hidden === false) return 0;
  if (hidden === true) return range.rowCount;
  try {
    const view = range.getVisibleView();
    view.load("rowCount");
    await context.sync();
    return range.rowCount - view.rowCount;
  } catch (err) {
    if (isOfficeError(err)) return undefined;
    throw err;
  }
}

/** The values of a loaded range, in row chunks: one sync per chunk, chunks sized by bytes per row. */
async function readValues(context: Excel.RequestContext, range: Excel.Range): Promise<unknown[][]> {
  const { rowIndex, columnIndex, rowCount, columnCount } = range;
  const sheet = range.worksheet;
  const out: unknown[][] = [];
  const maxRows = Math.max(1, Math.floor(READ_MAX_CELLS / columnCount));
  let rows = Math.min(maxRows, Math.max(1, Math.floor(READ_FIRST_CHUNK_CELLS / columnCount)));
  let bytesPerRow = 0;
  for (let r = 0; r < rowCount; ) {
    const n = Math.min(rows, rowCount - r);
    const chunk = sheet.getRangeByIndexes(rowIndex + r, columnIndex, n, columnCount);
    chunk.load("values");
    await syncReading(context);
    const values = chunk.values;
    for (const row of values) out.push(row);
    bytesPerRow = Math.max(bytesPerRow, jsonBytes(values) / n);
    rows = Math.min(maxRows, Math.max(1, Math.floor(READ_TARGET_BYTES / bytesPerRow)));
    r += n;
  }
  return out;
}

// ---------------------------------------------------------------- writing

/**
 * Queued requests with a byte budget: `queue(bytes)` syncs first when the bytes would push the
 * pending request past WRITE_TARGET_BYTES. Calculation is suspended for every batch that writes.
 */
class WriteBatch {
  private pending = 0;
  private dirty = false;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly canSuspend: boolean,
  ) {}

  /** bytes still free in the current request */
  get room(): number {
    return WRITE_TARGET_BYTES - this.pending;
  }

  async queue(bytes: number): Promise<void> {
    if (this.dirty && this.pending + bytes > WRITE_TARGET_BYTES) await this.flush();
    if (!this.dirty && this.canSuspend) this.context.application.suspendApiCalculationUntilNextSync();
    this.dirty = true;
    this.pending += bytes;
  }

  async flush(): Promise<void> {
    if (!this.dirty) return;
    await this.context.sync();
    this.pending = 0;
    this.dirty = false;
  }
}

async function writeSheet(batch: WriteBatch, sheet: Excel.Worksheet, out: OutputSheet, takenTables: string[], canChartSeries: boolean): Promise<void> {
  // column widths: the widest wanted by any table on the column
  const widths = new Map<number, number>();
  for (const t of out.tables) t.columns.forEach((c, i) => widths.set(t.column + i, Math.max(widths.get(t.column + i) ?? 0, c.width)));
  await batch.queue(SMALL_REQUEST_BYTES * (widths.size + 1));
  for (const [column, width] of widths) sheet.getRangeByIndexes(0, column, 1, 1).format.columnWidth = Math.round(width * POINTS_PER_CHAR);
  if (out.freezeRows > 0) sheet.freezePanes.freezeRows(out.freezeRows);

  for (const block of out.blocks) {
    const height = block.cells.length;
    const width = Math.max(0, ...block.cells.map((r) => r.length));
    if (height === 0 || width === 0) continue;
    const formats = block.cells.map((row, r) => Array.from({ length: width }, (_, c) => block.formats?.[r]?.[c] ?? "general"));
    const values = block.cells.map((row, r) => Array.from({ length: width }, (_, c) => cellForExcel(row[c] ?? null, formats[r][c])));
    const numberFormats = formats.map((row) => row.map((f) => NUMBER_FORMATS[f]));
    await batch.queue(jsonBytes(values) + jsonBytes(numberFormats) + SMALL_REQUEST_BYTES);
    const range = sheet.getRangeByIndexes(block.row, block.column, height, width);
    range.numberFormat = numberFormats;
    range.values = values;
    if (block.title) {
      range.format.font.bold = true;
      range.format.font.size = 13;
    }
  }

  for (const table of out.tables) await writeTable(batch, sheet, table, takenTables);

  if (out.chart) {
    const chart = out.chart;
    const source = out.tables.find((t) => t.name === chart.table);
    if (source && source.rows.length > 0) {
      await batch.queue(SMALL_REQUEST_BYTES * 6);
      const data = sheet.getRangeByIndexes(source.row, source.column, source.rows.length + 1, 3);
      const added = sheet.charts.add("ColumnClustered", data, "Columns");
      added.title.text = chart.title;
      added.legend.position = "Bottom";
      added.setPosition(sheet.getRangeByIndexes(chart.row, chart.column, 1, 1), sheet.getRangeByIndexes(chart.row + 17, chart.column + 8, 1, 1));
      if (canChartSeries) {
        // ChartSeries.chartType is ExcelApi 1.7, axisGroup 1.8: without them the chart stays all columns
        const cumulative = added.series.getItemAt(1);
        cumulative.chartType = "Line";
        cumulative.axisGroup = "Secondary";
      }
    }
  }
}

/** A table: number formats per column, then header and rows in chunks under the byte budget, then the Excel table. */
async function writeTable(batch: WriteBatch, sheet: Excel.Worksheet, table: OutputTable, takenTables: string[]): Promise<void> {
  const width = table.columns.length;
  const height = table.rows.length + 1;
  const formats = table.columns.map((c) => c.format);
  await batch.queue(SMALL_REQUEST_BYTES * width);
  // one format per column, for the whole column of the table, before any value is written
  table.columns.forEach((c, i) => {
    const column = sheet.getRangeByIndexes(table.row, table.column + i, height, 1);
    (column as unknown as { numberFormat: string }).numberFormat = NUMBER_FORMATS[c.format];
  });

  const header = table.columns.map((c) => cellForExcel(c.header, c.format));
  let chunk: CellValue[][] = [header];
  let chunkBytes = jsonBytes(header) + 1;
  let chunkStart = 0;
  const flushChunk = async () => {
    if (chunk.length === 0) return;
    await batch.queue(chunkBytes);
    sheet.getRangeByIndexes(table.row + chunkStart, table.column, chunk.length, width).values = chunk;
    chunkStart += chunk.length;
    chunk = [];
    chunkBytes = 2;
  };
  for (const source of table.rows) {
    const row = new Array<CellValue>(width);
    for (let c = 0; c < width; c++) row[c] = cellForExcel(source[c] ?? null, formats[c]);
    const bytes = jsonBytes(row) + 1;
    // fill what is left of the current request, or a whole new one
    const room = batch.room >= WRITE_TARGET_BYTES / 10 ? batch.room : WRITE_TARGET_BYTES;
    if (chunk.length > 0 && chunkBytes + bytes > room) await flushChunk();
    chunk.push(row);
    chunkBytes += bytes;
  }
  await flushChunk();

  let name = table.name;
  for (let n = 2; takenTables.includes(name.toLowerCase()); n++) name = `${table.name}_${n}`;
  takenTables.push(name.toLowerCase());
  await batch.queue(SMALL_REQUEST_BYTES);
  const added = sheet.tables.add(sheet.getRangeByIndexes(table.row, table.column, height, width), true);
  added.name = name;
}

/**
 * A value as Excel should store it: text that Excel would read as a formula (= + - @) is kept as
 * text, by the column's "@" format in text columns and by a leading apostrophe elsewhere.
 */
export function cellForExcel(value: CellValue, format: CellFormat): CellValue {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && format !== "text" && /^[=+\-@]/.test(value)) return `'${value}`;
  return value;
}

/** Estimated size of a value's JSON, in UTF-8 bytes. */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? "";
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
  }
  return bytes;
}
