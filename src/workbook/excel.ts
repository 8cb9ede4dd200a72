/*
 * The Excel adapter of the WorkbookHost port (Office.js). The only module that calls Excel.run.
 *
 * Round trips are the cost inside Excel (Excel on the web most of all), so every method works in a
 * small, fixed number of context.sync() calls plus one per data chunk (CONVENTIONS.md, "Office.js
 * habits"):
 * - reads: one sync for the block's address and size, then `values` in row chunks. The first chunk
 *   is a small probe of READ_FIRST_CHUNK_CELLS cells; the next ones are sized from the most bytes
 *   per row seen so far so that a response stays near READ_TARGET_BYTES, and never above
 *   READ_MAX_CELLS cells (Excel's own limit is 5,000,000 cells). Excel on the web rejects a
 *   response over 5 MB with ResponsePayloadSizeLimitExceeded
 *   (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling):
 *   then the chunk is halved and read again.
 * - writes: everything is queued through a byte budget (WriteBatch): small requests (sheets,
 *   formats, widths, tables, the chart) ride along with the values, and the batch is synced
 *   whenever the estimated JSON of the queued values would pass WRITE_TARGET_BYTES (requests over
 *   5 MB are rejected by Excel on the web; the target leaves room for the request envelope and for
 *   the estimate being UTF-8 while the transport may count differently). Calculation is suspended
 *   for those syncs and the workbook is recalculated once at the end.
 * - text: a string Excel would read as a formula (= + - @) is written through Range.valuesAsJson as
 *   a String cell value where ExcelApi 1.16 is there, else with a leading apostrophe (textCells).
 */
import { HostError, type SheetHead, type SourceRef, type WorkbookHost, type WorkbookSnapshot, type WriteControl } from "./port";
import type { ClientBlock } from "../core/job";
import type { MergedArea } from "../core/merged";
import { freeTableName, NUMBER_FORMATS, TITLE_FONT_SIZE, type CellValue, type OutputSheet, type OutputTable } from "../core/output";
import { arrangeTabs, sameSheetName as same } from "../core/ownership";
import { placedFormats, placedValidations, type CellRect } from "../core/palette";
import { CHART_COLUMNS, CHART_ROWS, pageSetupOf } from "../core/print";
import { SETTINGS_KEY, SETTINGS_SHEET, settingsCells, settingsFromCells } from "../core/settings";
import { refreshDocumentSettings } from "../functions/language";

/** cells in the first read chunk (a probe), before the bytes per row of this block are known */
export const READ_FIRST_CHUNK_CELLS = 2_000;
/** cells of sheet heads asked for in one sync (readSheetHeads), halved on a payload error */
export const HEAD_CELLS_PER_SYNC = 20_000;
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

export const defaultRun: ExcelRun = (batch) => Excel.run(batch);

export const defaultSupport: ApiSupport = (version) => {
  const requirements = typeof Office === "undefined" ? undefined : Office.context?.requirements;
  return requirements ? requirements.isSetSupported("ExcelApi", version) : true;
};

/** Called after the settings are saved, so the in-memory copy the custom functions read is fresh; resolves false if it could not be. */
export type SettingsRefresh = () => Promise<boolean>;

export class ExcelHost implements WorkbookHost {
  constructor(
    private readonly run: ExcelRun = defaultRun,
    private readonly supports: ApiSupport = defaultSupport,
    private readonly refreshSettings: SettingsRefresh = refreshDocumentSettings,
  ) {}

  /**
   * Sheet names and the saved settings in one sync; a second only when the settings are missing and
   * the very hidden settings sheet is there (a book last run by the CLI or the browser page). The
   * sheet is read only once it is known to exist: a method called through a null object fails the
   * whole sync (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model#ornullobject-methods-and-properties).
   */
  async open(): Promise<WorkbookSnapshot> {
    return this.run(async (context) => {
      // Worksheet.id (ExcelApi 1.1) stays with a sheet whatever its name; Table.worksheet names the sheet of each table
      const sheets = context.workbook.worksheets.load("items/name,items/id,items/visibility");
      const tables = context.workbook.tables.load("items/name,items/worksheet/name");
      const setting = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
      setting.load("value");
      await syncReading(context);
      // the store is the hidden sheet of that name; a visible one is a person's
      const isStore = (s: { name: string; visibility: string }) => s.name === SETTINGS_SHEET && s.visibility !== "Visible";
      const identities = sheets.items
        .filter((s) => !isStore(s))
        .map((s) => ({ name: s.name, id: `excel:${s.id}`, tables: tables.items.filter((t) => t.worksheet.name === s.name).map((t) => t.name) }));
      const sheetNames = identities.map((s) => s.name);
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load -- read after syncReading(context), context.sync() with Excel's payload errors mapped
      if (!setting.isNullObject) return { sheetNames, sheets: identities, settings: setting.value };
      const stored = sheets.items.find(isStore);
      if (!stored) return { sheetNames, sheets: identities, settings: undefined };
      const copy = context.workbook.worksheets.getItem(stored.name).getUsedRangeOrNullObject(true);
      copy.load("values");
      await syncReading(context);
      // eslint-disable-next-line office-addins/call-sync-before-read -- read after syncReading(context), context.sync() with Excel's payload errors mapped
      return { sheetNames, sheets: identities, settings: copy.isNullObject ? undefined : settingsFromCells(copy.values.map((row) => row[0])) };
    });
  }

  async readClientBlock(source: SourceRef): Promise<ClientBlock> {
    return this.run(async (context) => {
      const found = await locate(context, source);
      if (!found) return { source: sourceName(source), cells: [], firstRow: 1, hiddenRows: 0 };
      const { range, name } = found;
      const hiddenRows = await countHiddenRows(context, range);
      const cells = await readValues(context, range);
      // without ExcelApi 1.13 Excel cannot say which cells are merged: the run says what that may mean
      const merged = this.supports("1.13") ? await mergedAreas(context, range, 0, range.rowCount) : undefined;
      return { source: name, cells, firstRow: range.rowIndex + 1, hiddenRows, ...(merged ? { merged } : { mergedUnknown: true }) };
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

  /**
   * Every visible sheet's used range and its top rows, in three syncs for the whole book (names;
   * used ranges; heads) plus one per HEAD_CELLS_PER_SYNC cells of heads, each halved on a payload error.
   */
  async readSheetHeads(maxRows: number): Promise<SheetHead[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name,items/visibility");
      await syncReading(context);
      const shown = sheets.items.filter((s) => s.name !== SETTINGS_SHEET && s.visibility === "Visible");
      const used = shown.map((s) => context.workbook.worksheets.getItem(s.name).getUsedRangeOrNullObject(true).load(RANGE_SHAPE));
      await syncReading(context);
      const heads: SheetHead[] = [];
      const pieces: Piece[] = [];
      shown.forEach((s, i) => {
        const range = used[i];
        if (range.isNullObject) {
          heads.push({ name: s.name, rows: 0, columns: 0, firstRow: 1, head: [] });
          return;
        }
        const head: SheetHead = { name: s.name, rows: range.rowCount, columns: range.columnCount, firstRow: range.rowIndex + 1, head: [] };
        heads.push(head);
        const rows = Math.min(Math.max(0, Math.floor(maxRows)), range.rowCount);
        if (rows > 0) pieces.push({ sheet: s.name, row: range.rowIndex, column: range.columnIndex, rows, columns: range.columnCount, into: head });
      });
      // groups of pieces under the cell budget, one sync each
      let group: Piece[] = [];
      let cells = 0;
      const groups: Piece[][] = [];
      for (const piece of pieces) {
        const n = piece.rows * piece.columns;
        if (group.length > 0 && cells + n > HEAD_CELLS_PER_SYNC) {
          groups.push(group);
          group = [];
          cells = 0;
        }
        group.push(piece);
        cells += n;
      }
      if (group.length > 0) groups.push(group);
      for (const g of groups) for (const [piece, values] of await readPieces(context, g)) (piece.into as SheetHead).head = values;
      return heads;
    });
  }

  /**
   * The table the active cell is in, else its current region; undefined on an empty cell, where
   * there is no cell selection (a chart, a shape), or where Excel lacks the APIs (getActiveCell and
   * getSurroundingRegion are ExcelApi 1.7, Range.getTables 1.9:
   * https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-gettables-member(1)). One sync.
   */
  async selectionSource(): Promise<SourceRef | undefined> {
    if (!this.supports("1.7")) return undefined;
    const withTables = this.supports("1.9");
    return this.run(async (context) => {
      const cell = context.workbook.getActiveCell();
      cell.load("values");
      const tables = withTables ? cell.getTables(false).load("items/name") : undefined;
      try {
        await context.sync();
      } catch (err) {
        if (isOfficeError(err)) return undefined;
        throw err;
      }
      const table = tables?.items[0]?.name;
      if (table) return { table };
      const value = cell.values[0]?.[0];
      return value === "" || value === null || value === undefined ? undefined : { selection: true };
    });
  }

  /**
   * Worksheet.position (ExcelApi 1.1), set from the first tab to the last, so each move leaves the
   * tabs already placed where they are:
   * https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-position-member
   */
  async arrangeSheets(output: readonly string[]): Promise<void> {
    await writing(this.run, async (context) => {
      const sheets = context.workbook.worksheets.load("items/name,items/visibility");
      await context.sync();
      const current = sheets.items.map((s) => s.name);
      const store = sheets.items.find((s) => s.name === SETTINGS_SHEET && s.visibility !== "Visible")?.name;
      const wanted = arrangeTabs(current, output, store);
      if (wanted.every((name, i) => name === current[i])) return;
      wanted.forEach((name, position) => {
        context.workbook.worksheets.getItem(name).position = position;
      });
      await context.sync();
    });
  }

  /** Worksheet.activate() (ExcelApi 1.1): https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-activate-member(1) */
  async activateSheet(name: string): Promise<void> {
    await this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(name);
      sheet.load("name");
      await syncReading(context);
      // eslint-disable-next-line office-addins/call-sync-before-read -- read after syncReading(context), context.sync() with Excel's payload errors mapped
      if (sheet.isNullObject) throw new HostError("noSuchSheet", name);
      sheet.activate();
      await syncReading(context);
    });
  }

  async writeSheets(sheets: readonly OutputSheet[], replace: readonly string[], control: WriteControl = {}): Promise<string[]> {
    const written: string[] = [];
    await writing(this.run, async (context) => {
      const workbook = context.workbook;
      const existing = workbook.worksheets.load("items/name,items/position");
      const tables = workbook.tables.load("items/name,items/worksheet/name");
      // the charts on sheets about to be emptied (the Pareto chart), loaded in the same sync
      const chartsOf = new Map(replace.map((name) => [name, workbook.worksheets.getItem(name).charts.load("items/name")] as const));
      await context.sync();
      const replaced = (name: string) => replace.some((r) => same(r, name));
      // table names stay taken unless their sheet is deleted by this write
      const takenTables = tables.items.filter((t) => !replaced(t.worksheet.name)).map((t) => t.name.toLowerCase());
      const batch = new WriteBatch(context, this.supports("1.6"));
      const text = textCells(this.supports("1.16"));
      const dress: Dressing = { conditionalFormats: this.supports("1.6"), validation: this.supports("1.8"), pageLayout: this.supports("1.9") };

      for (const [index, out] of sheets.entries()) {
        // stop between sheets: what is queued belongs to sheets already begun, and is written whole below
        if (control.signal?.aborted) break;
        control.onSheet?.(index, sheets.length, out.name);
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
          // what the last run dressed the sheet with goes too, whatever Range.clear() leaves
          if (dress.conditionalFormats) all.conditionalFormats.clearAll();
          if (dress.validation) all.dataValidation.clear();
          if (dress.pageLayout) sheet.horizontalPageBreaks.removePageBreaks();
        } else {
          sheet = workbook.worksheets.add(out.name);
        }
        await writeSheet(batch, sheet, out, takenTables, this.supports("1.8"), text);
        await dressSheet(batch, sheet, out, dress);
        written.push(out.name);
      }
      await batch.finish();
    });
    return written;
  }

  /**
   * Saves the settings in the workbook's settings and in the very hidden sheet the CLI and the
   * browser page read, then refreshes the in-memory copy the custom functions read
   * (Office.context.document.settings, see ../functions/language.ts).
   */
  async writeSettings(json: string): Promise<void> {
    await writing(this.run, async (context) => {
      context.workbook.settings.add(SETTINGS_KEY, json);
      const existing = context.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
      existing.load("visibility");
      await context.sync();
      // a person's visible sheet of that name stays as it is: the settings are in the workbook's settings
      if (!existing.isNullObject && existing.visibility === "Visible") return;
      const sheet = existing.isNullObject ? context.workbook.worksheets.add(SETTINGS_SHEET) : existing;
      sheet.visibility = "VeryHidden";
      sheet.getRange().clear();
      const cells = settingsCells(json);
      const range = sheet.getRangeByIndexes(0, 0, cells.length, 1);
      range.numberFormat = cells.map(() => ["@"]);
      // a piece of long JSON may start with "-" or "+": written as text like every cell
      const text = textCells(this.supports("1.16"));
      text.write(
        sheet,
        0,
        0,
        cells.map((piece) => [piece]),
      );
      await context.sync();
    });
    // the settings are saved either way; a stale copy only means the functions' word labels follow on reopening
    await this.refreshSettings();
  }
}

/** A rectangle of a sheet to read, and what it is read for. */
export interface Piece {
  /** a sheet by name, or the worksheet of a range already at hand */
  sheet: string | Excel.Worksheet;
  row: number;
  column: number;
  rows: number;
  columns: number;
  into?: unknown;
}

/** Excel on the web's answer to a response (or request) over 5 MB. */
function isPayloadTooLarge(err: unknown): boolean {
  return isOfficeError(err) && (err.code === "ResponsePayloadSizeLimitExceeded" || err.code === "RequestPayloadSizeLimitExceeded");
}

/**
 * The values of several pieces in one sync; on a payload error the group is halved, and a single
 * piece is halved by rows, until a response fits (one row that does not fit is unreadable).
 */
export async function readPieces(context: Excel.RequestContext, pieces: Piece[], property: "values" | "formulas" = "values"): Promise<[Piece, unknown[][]][]> {
  const sheetOf = (p: Piece) => (typeof p.sheet === "string" ? context.workbook.worksheets.getItem(p.sheet) : p.sheet);
  const ranges = pieces.map((p) => sheetOf(p).getRangeByIndexes(p.row, p.column, p.rows, p.columns).load(property));
  try {
    await context.sync();
    return pieces.map((p, i) => [p, ranges[i][property]]);
  } catch (err) {
    if (!isPayloadTooLarge(err)) throw isOfficeError(err) ? new HostError("unreadable", err.message || err.code) : err;
    if (pieces.length > 1) {
      const half = Math.ceil(pieces.length / 2);
      return [...(await readPieces(context, pieces.slice(0, half), property)), ...(await readPieces(context, pieces.slice(half), property))];
    }
    const [p] = pieces;
    if (p.rows <= 1) throw new HostError("unreadable", (err as { message?: string }).message || "ResponsePayloadSizeLimitExceeded");
    const top = Math.ceil(p.rows / 2);
    const [[, a]] = await readPieces(context, [{ ...p, rows: top }], property);
    const [[, b]] = await readPieces(context, [{ ...p, row: p.row + top, rows: p.rows - top }], property);
    return [[p, [...a, ...b]]];
  }
}

// ---------------------------------------------------------------- reading

function sourceName(source: SourceRef): string {
  return source.table ?? source.sheet ?? "selection";
}

/** An Office error (OfficeExtension.Error and the like): a code and a message. */
export function isOfficeError(err: unknown): err is { code: string; message: string } {
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
export async function syncReading(context: Excel.RequestContext): Promise<void> {
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
      // eslint-disable-next-line office-addins/no-empty-load -- RANGE_SHAPE names the properties
      range.load(RANGE_SHAPE);
      await context.sync();
    } catch (err) {
      if (isOfficeError(err)) throw new HostError("noSelection", err.message || err.code);
      throw err;
    }
    // eslint-disable-next-line office-addins/load-object-before-read -- loaded with RANGE_SHAPE above
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
  // eslint-disable-next-line office-addins/no-empty-load -- RANGE_SHAPE names the properties
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

/**
 * The values of a loaded range, in row chunks: a small probe first, then one sync per chunk sized
 * by the most bytes per row seen; a chunk Excel refuses as too large is read again in halves.
 */
async function readValues(context: Excel.RequestContext, range: Excel.Range): Promise<unknown[][]> {
  const out: unknown[][] = [];
  const rect = { row: range.rowIndex, column: range.columnIndex, rows: range.rowCount, columns: range.columnCount };
  await readRows(context, range.worksheet, rect, "values", (_, values) => {
    for (const row of values) out.push(row);
  });
  return out;
}

/**
 * A rectangle of a sheet read in row chunks (values or formulas), each handed to `chunk` with its
 * first row before the next is read: a probe of READ_FIRST_CHUNK_CELLS cells first, then chunks
 * sized from the most bytes per row seen so that a response stays near READ_TARGET_BYTES and under
 * READ_MAX_CELLS cells; a chunk Excel refuses as too large is read again in halves (readPieces).
 */
export async function readRows(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  rect: { row: number; column: number; rows: number; columns: number },
  property: "values" | "formulas",
  chunk: (row: number, cells: unknown[][]) => void | Promise<void>,
): Promise<void> {
  const { row: rowIndex, column: columnIndex, rows: rowCount, columns: columnCount } = rect;
  const maxRows = Math.max(1, Math.floor(READ_MAX_CELLS / columnCount));
  let rows = Math.min(maxRows, Math.max(1, Math.floor(READ_FIRST_CHUNK_CELLS / columnCount)));
  let bytesPerRow = 0;
  for (let r = 0; r < rowCount;) {
    const n = Math.min(rows, rowCount - r);
    const [[, cells]] = await readPieces(context, [{ sheet, row: rowIndex + r, column: columnIndex, rows: n, columns: columnCount }], property);
    await chunk(rowIndex + r, cells);
    bytesPerRow = Math.max(bytesPerRow, jsonBytes(cells) / n);
    rows = Math.min(maxRows, Math.max(1, Math.floor(READ_TARGET_BYTES / bytesPerRow)));
    r += n;
  }
}

/** Excel gives no merged areas for a range holding more than this many (Range.getMergedAreasOrNullObject). */
export const MERGED_AREAS_LIMIT = 512;

/**
 * The merged areas whose top-left cell is in rows `from`..`from + rows - 1` of the block, as indices
 * into its cells, for core to read as their anchor's value. Range.getMergedAreasOrNullObject
 * (ExcelApi 1.13) "will fail to return the result" past 512 areas
 * (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)):
 * then the rows are asked for in halves. Two syncs per piece (whether there are any, then their
 * places through RangeAreas.areas, ExcelApi 1.9); undefined when Excel cannot say, and the block is
 * read as before, covered cells blank.
 */
async function mergedAreas(context: Excel.RequestContext, range: Excel.Range, from: number, rows: number): Promise<MergedArea[] | undefined> {
  if (rows <= 0) return [];
  const piece = range.worksheet.getRangeByIndexes(range.rowIndex + from, range.columnIndex, rows, range.columnCount);
  const merged = piece.getMergedAreasOrNullObject();
  merged.load("areaCount");
  try {
    await context.sync();
  } catch (err) {
    if (!isOfficeError(err)) throw err;
    // rows that cannot hold more than the limit failed for another reason: halving will not help
    if (rows === 1 || rows * Math.ceil(range.columnCount / 2) <= MERGED_AREAS_LIMIT) return undefined;
    const half = Math.ceil(rows / 2);
    const top = await mergedAreas(context, range, from, half);
    const bottom = top && (await mergedAreas(context, range, from + half, rows - half));
    return top && bottom ? [...top, ...bottom] : undefined;
  }
  if (merged.isNullObject) return [];
  const areas = merged.areas.load("items/rowIndex,items/columnIndex,items/rowCount,items/columnCount");
  try {
    await context.sync();
  } catch (err) {
    if (isOfficeError(err)) return undefined;
    throw err;
  }
  return areas.items.map((a) => ({
    top: a.rowIndex - range.rowIndex,
    left: a.columnIndex - range.columnIndex,
    // an area may run past the block's last row or column: only the block's cells are read
    bottom: Math.min(a.rowIndex + a.rowCount, range.rowIndex + range.rowCount) - 1 - range.rowIndex,
    right: Math.min(a.columnIndex + a.columnCount, range.columnIndex + range.columnCount) - 1 - range.columnIndex,
  }));
}

// ---------------------------------------------------------------- writing

/**
 * Queued requests with a byte budget: `queue(bytes)` syncs first when the bytes would push the
 * pending request past WRITE_TARGET_BYTES. Calculation is suspended for every batch that writes.
 */
class WriteBatch {
  private pending = 0;
  private dirty = false;
  private suspended = false;

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
    if (!this.dirty && this.canSuspend) {
      this.context.application.suspendApiCalculationUntilNextSync();
      this.suspended = true;
    }
    this.dirty = true;
    this.pending += bytes;
  }

  async flush(): Promise<void> {
    if (!this.dirty) return;
    await this.context.sync();
    this.pending = 0;
    this.dirty = false;
  }

  /**
   * The last sync, then one recalculation if calculation was suspended: "Once set, it is the
   * developer's responsibility to re-calc the workbook, to ensure that any dependencies are propagated"
   * (https://learn.microsoft.com/javascript/api/excel/excel.application#excel-excel-application-suspendapicalculationuntilnextsync-member(1)).
   * "Recalculate" recalculates what changed and what depends on it
   * (https://learn.microsoft.com/javascript/api/excel/excel.application#excel-excel-application-calculate-member(1), ExcelApi 1.1),
   * so formulas elsewhere that point at the rewritten sheets are not left stale.
   */
  async finish(): Promise<void> {
    await this.flush();
    if (!this.suspended) return;
    this.context.application.calculate("Recalculate");
    await this.context.sync();
    this.suspended = false;
  }
}

async function writeSheet(
  batch: WriteBatch,
  sheet: Excel.Worksheet,
  out: OutputSheet,
  takenTables: string[],
  canChartSeries: boolean,
  text: TextCells,
): Promise<void> {
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
    const values = block.cells.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? null));
    const numberFormats = formats.map((row) => row.map((f) => NUMBER_FORMATS[f]));
    await batch.queue(values.reduce((sum, row) => sum + text.rowBytes(row), 0) + jsonBytes(numberFormats) + SMALL_REQUEST_BYTES);
    const range = sheet.getRangeByIndexes(block.row, block.column, height, width);
    range.numberFormat = numberFormats;
    text.write(sheet, block.row, block.column, values);
    if (block.title) {
      range.format.font.bold = true;
      range.format.font.size = TITLE_FONT_SIZE;
    }
  }

  for (const table of out.tables) await writeTable(batch, sheet, table, takenTables, text);

  if (out.chart) {
    const chart = out.chart;
    const source = out.tables.find((t) => t.name === chart.table);
    if (source && source.rows.length > 0) {
      await batch.queue(SMALL_REQUEST_BYTES * 6);
      const data = sheet.getRangeByIndexes(source.row, source.column, source.rows.length + 1, 3);
      const added = sheet.charts.add("ColumnClustered", data, "Columns");
      added.title.text = chart.title;
      added.legend.position = "Bottom";
      added.setPosition(
        sheet.getRangeByIndexes(chart.row, chart.column, 1, 1),
        sheet.getRangeByIndexes(chart.row + CHART_ROWS, chart.column + CHART_COLUMNS, 1, 1),
      );
      if (canChartSeries) {
        // ChartSeries.chartType is ExcelApi 1.7, axisGroup 1.8: without them the chart stays all columns
        const cumulative = added.series.getItemAt(1);
        cumulative.chartType = "Line";
        cumulative.axisGroup = "Secondary";
      }
    }
  }
}

/** Which of the sheet's dressings this Excel has the API sets for; a missing one is left out, the sheet is written all the same. */
interface Dressing {
  /** Range.conditionalFormats, ConditionalFormatCollection.add / clearAll (ExcelApi 1.6) */
  conditionalFormats: boolean;
  /** Range.dataValidation: rule, errorAlert, ignoreBlanks, clear() (ExcelApi 1.8) */
  validation: boolean;
  /** Worksheet.pageLayout (orientation, zoom, setPrintTitleRows, headersFooters) and Worksheet.horizontalPageBreaks (ExcelApi 1.9) */
  pageLayout: boolean;
}

const rangeOf = (sheet: Excel.Worksheet, r: CellRect) => sheet.getRangeByIndexes(r.row, r.column, r.rows, r.columns);

/**
 * The conditional formats, list validations and page setup core worked out for the sheet
 * (palette.ts, print.ts), the same as the .xlsx host writes them:
 * - ConditionalFormatCollection.add(type) "adds a new conditional format to the collection at the
 *   first/top priority" (https://learn.microsoft.com/javascript/api/excel/excel.conditionalformatcollection#excel-excel-conditionalformatcollection-add-member(1)),
 *   so the rules go in from the last to the first, and the first ends on top as in the .xlsx;
 *   CellValue rules take formula1 "=\"A\"" with operator EqualTo, Custom rules a formula relative to
 *   the range's top-left cell (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-conditional-formatting);
 * - DataValidation.rule = { list: { inCellDropDown, source } } with errorAlert (ExcelApi 1.8,
 *   https://learn.microsoft.com/javascript/api/excel/excel.listdatavalidation);
 * - PageLayout.zoom "must be set as a JSON object" (https://learn.microsoft.com/javascript/api/excel/excel.pagelayout#excel-excel-pagelayout-zoom-member);
 *   verticalFitToPages 0 is "as many pages as needed", as fitToHeight="0" in the file format;
 * - PageBreakCollection.add(range) "adds a page break before the top-left cell of the range"
 *   (https://learn.microsoft.com/javascript/api/excel/excel.pagebreakcollection#excel-excel-pagebreakcollection-add-member(1)).
 */
async function dressSheet(batch: WriteBatch, sheet: Excel.Worksheet, out: OutputSheet, can: Dressing): Promise<void> {
  if (can.conditionalFormats) {
    const rules = placedFormats(out);
    await batch.queue(SMALL_REQUEST_BYTES * 5 * rules.length);
    for (const rule of [...rules].reverse()) {
      const range = rangeOf(sheet, rule.rect);
      if (rule.kind === "dataBar") {
        const bar = range.conditionalFormats.add("DataBar").dataBar;
        bar.positiveFormat.fillColor = rule.color;
        // the 2006 data bar the .xlsx host writes is a gradient
        bar.positiveFormat.gradientFill = true;
        bar.lowerBoundRule = { type: "LowestValue" };
        bar.upperBoundRule = { type: "HighestValue" };
      } else if (rule.kind === "cellEquals") {
        const cf = range.conditionalFormats.add("CellValue").cellValue;
        cf.format.fill.color = rule.style.fill;
        cf.format.font.color = rule.style.font;
        cf.rule = { formula1: `=${rule.formula}`, operator: "EqualTo" };
      } else {
        const cf = range.conditionalFormats.add("Custom").custom;
        cf.format.fill.color = rule.style.fill;
        cf.format.font.color = rule.style.font;
        cf.rule.formula = `=${rule.formula}`;
      }
    }
  }
  if (can.validation) {
    const validations = placedValidations(out);
    await batch.queue(SMALL_REQUEST_BYTES * 3 * validations.length);
    for (const v of validations) {
      const dv = rangeOf(sheet, v.rect).dataValidation;
      dv.ignoreBlanks = true;
      dv.rule = { list: { inCellDropDown: true, source: v.source } };
      dv.errorAlert = { showAlert: true, style: "Stop", title: v.errorTitle, message: v.error };
    }
  }
  const setup = pageSetupOf(out);
  if (can.pageLayout && setup) {
    await batch.queue(SMALL_REQUEST_BYTES * (6 + setup.breaksBefore.length));
    const layout = sheet.pageLayout;
    layout.orientation = setup.orientation === "landscape" ? "Landscape" : "Portrait";
    layout.zoom = { horizontalFitToPages: setup.fitToWidth, verticalFitToPages: setup.fitToHeight };
    if (setup.titleRows) layout.setPrintTitleRows(`$${setup.titleRows.first + 1}:$${setup.titleRows.last + 1}`);
    const footer = layout.headersFooters.defaultForAllPages;
    footer.leftFooter = setup.footer.left;
    footer.centerFooter = setup.footer.center;
    footer.rightFooter = setup.footer.right;
    for (const row of setup.breaksBefore) sheet.horizontalPageBreaks.add(sheet.getRangeByIndexes(row, 0, 1, 1));
  }
}

/** A table: number formats per column, then header and rows in chunks under the byte budget, then the Excel table. */
async function writeTable(batch: WriteBatch, sheet: Excel.Worksheet, table: OutputTable, takenTables: string[], text: TextCells): Promise<void> {
  const width = table.columns.length;
  const height = table.rows.length + 1;
  await batch.queue(SMALL_REQUEST_BYTES * width);
  // one format per column, for the whole column of the table, before any value is written
  table.columns.forEach((c, i) => {
    const column = sheet.getRangeByIndexes(table.row, table.column + i, height, 1);
    (column as unknown as { numberFormat: string }).numberFormat = NUMBER_FORMATS[c.format];
  });

  const header: CellValue[] = table.columns.map((c) => c.header);
  let chunk: CellValue[][] = [header];
  let chunkBytes = text.rowBytes(header) + 1;
  let chunkStart = 0;
  const flushChunk = async () => {
    if (chunk.length === 0) return;
    await batch.queue(chunkBytes);
    text.write(sheet, table.row + chunkStart, table.column, chunk);
    chunkStart += chunk.length;
    chunk = [];
    chunkBytes = 2;
  };
  for (const source of table.rows) {
    const row = new Array<CellValue>(width);
    for (let c = 0; c < width; c++) row[c] = source[c] ?? null;
    const bytes = text.rowBytes(row) + 1;
    // fill what is left of the current request, or a whole new one
    const room = batch.room >= WRITE_TARGET_BYTES / 10 ? batch.room : WRITE_TARGET_BYTES;
    if (chunk.length > 0 && chunkBytes + bytes > room) await flushChunk();
    chunk.push(row);
    chunkBytes += bytes;
  }
  await flushChunk();

  const name = freeTableName(table.name, (lower) => takenTables.includes(lower));
  takenTables.push(name.toLowerCase());
  await batch.queue(SMALL_REQUEST_BYTES);
  const added = sheet.tables.add(sheet.getRangeByIndexes(table.row, table.column, height, width), true);
  added.name = name;
}

/**
 * Text that Range.values would not store as given: "If the returned value starts with a plus ("+"),
 * minus ("-"), or equal sign ("="), Excel interprets this value as a formula"
 * (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member), with
 * no exception named for cells formatted as text; "@" starts a formula too (implicit intersection),
 * and a leading apostrophe would be taken as Excel's quote prefix and dropped. Names, notes, ids and
 * phone numbers (+86...) can start with any of them.
 */
export function readAsFormula(value: unknown): value is string {
  return typeof value === "string" && /^[=+\-@']/.test(value);
}

/**
 * A value for Range.values: finite numbers, null (leave the cell) for the others; with `quotePrefix`,
 * text that Excel would read as a formula goes behind an apostrophe, Excel's quote prefix: "type an
 * apostrophe (') before the number" to keep it as text
 * (https://support.microsoft.com/office/format-numbers-as-text-583160db-35e7-4aff-ae43-ce2b4c5e8c3c).
 */
export function cellForExcel(value: CellValue, quotePrefix: boolean): CellValue {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (quotePrefix && readAsFormula(value)) return `'${value}`;
  return value;
}

/** What a String cell value adds to its text in valuesAsJson, and the range it needs (counted once per cell, an upper bound). */
const STRING_CELL_OVERHEAD = jsonBytes([[{ type: "String", basicValue: "" }]]) + SMALL_REQUEST_BYTES;

/** How rows of cells are written so that text stays text. */
export interface TextCells {
  /** an upper bound of the request bytes of one row */
  rowBytes(row: readonly CellValue[]): number;
  /** queues the rows at (row, column) of the sheet */
  write(sheet: Excel.Worksheet, row: number, column: number, rows: readonly (readonly CellValue[])[]): void;
}

/**
 * With ExcelApi 1.16, text Excel would read as a formula is written through Range.valuesAsJson as a
 * StringCellValue, "the value of a cell containing a string"
 * (https://learn.microsoft.com/javascript/api/excel/excel.stringcellvalue,
 * https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-valuesasjson-member):
 * the rows go through Range.values with null in those cells ("null ... to leave specific cells
 * unchanged", https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values),
 * then each column's run of such cells through valuesAsJson. Without 1.16, the quote prefix.
 */
export function textCells(canJson: boolean): TextCells {
  if (!canJson) {
    return {
      rowBytes: (row) => jsonBytes(row.map((v) => cellForExcel(v, true))),
      write: (sheet, row, column, rows) => {
        const width = rows[0]?.length ?? 0;
        if (rows.length === 0 || width === 0) return;
        sheet.getRangeByIndexes(row, column, rows.length, width).values = rows.map((r) => r.map((v) => cellForExcel(v, true)));
      },
    };
  }
  return {
    rowBytes: (row) => jsonBytes(row) + row.reduce<number>((sum, v) => sum + (readAsFormula(v) ? STRING_CELL_OVERHEAD : 0), 0),
    write: (sheet, row, column, rows) => {
      const width = rows[0]?.length ?? 0;
      if (rows.length === 0 || width === 0) return;
      sheet.getRangeByIndexes(row, column, rows.length, width).values = rows.map((r) => r.map((v) => (readAsFormula(v) ? null : cellForExcel(v, false))));
      for (let c = 0; c < width; c++) {
        for (let r = 0; r < rows.length;) {
          if (!readAsFormula(rows[r][c])) {
            r++;
            continue;
          }
          const start = r;
          const run: Excel.CellValue[][] = [];
          for (let v = rows[r][c]; readAsFormula(v); v = rows[++r]?.[c]) run.push([{ type: "String", basicValue: v } as Excel.StringCellValue]);
          sheet.getRangeByIndexes(row + start, column + c, run.length, 1).valuesAsJson = run;
        }
      }
    },
  };
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
