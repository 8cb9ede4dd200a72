/*
 * "Make a copy for sharing": the CLIENT.* formulas of a sheet, or of every sheet, replaced by the
 * values they show, so that a colleague without the add-in sees those values instead of #NAME?.
 *
 * Why in place, and not in copies of the sheets: Office.js cannot save a workbook under another
 * name, and copies made with Worksheet.copy (ExcelApi 1.10) would sit in the same file beside the
 * originals, whose CLIENT formulas would still show #NAME? to the colleague the file is mailed to.
 * What a manager means by "a copy for sharing" is a file without those formulas; so the pane asks
 * them to save a copy of the workbook first (File > Save a Copy), and then replaces the formulas in
 * the workbook that is open, after a confirmation that says so (README, "Sharing a workbook").
 *
 * How a call to the add-in appears in Range.formulas (ExcelApi 1.1, "the formula in A1-style
 * notation. If a cell has no formula, its value is returned instead",
 * https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-formulas-member):
 * with the add-in loaded, under its namespace, `=CLIENT.TIER(...)`; before Excel has read the
 * add-in's manifest, or where it cannot load it, as `_xldudf_CLIENT_TIER(...)`, sometimes behind a
 * book prefix (`[2]!_xldudf_...`, `Name.xla!_xldudf_...`) — the forms Microsoft's engineers describe in
 * https://github.com/OfficeDev/office-js/issues/3558, /2568 and /3872. All of them are matched,
 * outside string literals, whatever the case.
 *
 * Reads go in row chunks under the response limit through excel.ts's readRows / readPieces (a chunk
 * refused with ResponsePayloadSizeLimitExceeded is read again in halves); writes are one range per
 * run of formula cells down a column, synced whenever the queued values pass WRITE_TARGET_BYTES,
 * far under Excel on the web's 5 MB request limit
 * (https://learn.microsoft.com/office/dev/add-ins/excel/performance#payload-size-limit-best-practices).
 * A formula whose result spills (a column of tiers from one CLIENT.TIER) is replaced by its whole
 * spill range: Range.getSpillingToRangeOrNullObject (ExcelApi 1.12,
 * https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getspillingtorangeornullobject-member(1));
 * writing only the anchor cell would empty the cells it spilled into.
 */
import { HostError } from "./port";
import {
  defaultRun,
  defaultSupport,
  isOfficeError,
  readPieces,
  readRows,
  syncReading,
  textCells,
  SMALL_REQUEST_BYTES,
  WRITE_TARGET_BYTES,
  type ApiSupport,
  type ExcelRun,
} from "./excel";

/** The add-in's functions, by the ids in functions.ts, under the namespace in manifest.xml. */
export const CLIENT_FUNCTIONS = ["TIER", "QUADRANT", "PARETO_SHARE", "PARETO_CUTOFF", "SCORE"] as const;

/** anchors whose spill range is asked for in one sync */
export const SPILL_QUERIES_PER_SYNC = 2_000;

const CALL = new RegExp(`(?<![A-Za-z0-9_.])(?:[^\\s!(),;=+\\-*/&^<>]+!)?(?:CLIENT\\.|_xldudf_CLIENT[._])(?:${CLIENT_FUNCTIONS.join("|")})\\s*\\(`, "i");

/**
 * Whether a cell's formula (as Range.formulas gives it) calls one of the add-in's functions.
 * @example callsClientFunction("=CLIENT.TIER(B2, {100,50})") // true
 * @example callsClientFunction('=SUM(A1:A3)&"CLIENT.TIER("') // false
 */
export function callsClientFunction(formula: unknown): boolean {
  if (typeof formula !== "string" || !formula.startsWith("=")) return false;
  // a text literal is never a call: "" is a quote inside one
  return CALL.test(formula.replace(/"(?:[^"]|"")*"/g, '""'));
}

/** Which sheets: the active one, or every sheet of the book. */
export type ShareScope = "sheet" | "book";

/** How many formulas were replaced on a sheet, and how many cells they filled. */
export interface SharedSheet {
  sheet: string;
  formulas: number;
  cells: number;
}

export interface ShareControl {
  /** called before sheet `index` (0-based) of `count` is searched */
  onSheet?: (index: number, count: number, name: string) => void;
}

interface Rect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

const inside = (r: Rect, row: number, column: number) => row >= r.row && row < r.row + r.rows && column >= r.column && column < r.column + r.columns;

/** What the pane is handed inside Excel: the replacement over Excel.run (or a stand-in in tests). */
export type ReplaceClientFormulas = (scope: ShareScope, control?: ShareControl) => Promise<SharedSheet[]>;

/** The replacement over Excel.run and the requirement sets of the Excel the pane runs in. */
export function excelSharing(run: ExcelRun = defaultRun, supports: ApiSupport = defaultSupport): ReplaceClientFormulas {
  return (scope, control) => replaceClientFormulas(run, supports, scope, control);
}

/**
 * Replaces the CLIENT.* formulas of the active sheet or of every sheet by their values; returns one
 * entry per sheet searched, in tab order. Other formulas (=SUM(...) over those cells too) stay as
 * they are and go on computing from the values. An Office error (a protected sheet) is a HostError.
 */
export async function replaceClientFormulas(run: ExcelRun, supports: ApiSupport, scope: ShareScope, control: ShareControl = {}): Promise<SharedSheet[]> {
  try {
    return await run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      const active = context.workbook.worksheets.getActiveWorksheet().load("name");
      await syncReading(context);
      const names = scope === "book" ? sheets.items.map((s) => s.name) : [active.name];
      const done: SharedSheet[] = [];
      for (const [index, name] of names.entries()) {
        control.onSheet?.(index, names.length, name);
        done.push(await replaceOnSheet(context, supports, name));
      }
      return done;
    });
  } catch (err) {
    if (isOfficeError(err)) throw new HostError("writeFailed", err.message || err.code);
    throw err;
  }
}

async function replaceOnSheet(context: Excel.RequestContext, supports: ApiSupport, name: string): Promise<SharedSheet> {
  const sheet = context.workbook.worksheets.getItem(name);
  // not values only: a formula showing "" is still a formula to replace
  const used = sheet.getUsedRangeOrNullObject(false).load("rowIndex,columnIndex,rowCount,columnCount");
  await syncReading(context);
  const result: SharedSheet = { sheet: name, formulas: 0, cells: 0 };
  if (used.isNullObject) return result;
  const text = textCells(supports("1.16"));
  const canSpill = supports("1.12");
  const spilled: Rect[] = [];
  let pending = 0;
  const queue = async (bytes: number) => {
    if (pending > 0 && pending + bytes > WRITE_TARGET_BYTES) {
      await context.sync();
      pending = 0;
    }
    pending += bytes;
  };

  const rect = { row: used.rowIndex, column: used.columnIndex, rows: used.rowCount, columns: used.columnCount };
  await readRows(context, sheet, rect, "formulas", async (top, formulas) => {
    // the formula cells of this chunk, as sheet coordinates; a cell a spill already covers is skipped
    const found: { row: number; column: number }[] = [];
    formulas.forEach((line, r) =>
      line.forEach((f, c) => {
        const cell = { row: top + r, column: rect.column + c };
        if (callsClientFunction(f) && !spilled.some((s) => inside(s, cell.row, cell.column))) found.push(cell);
      }),
    );
    if (found.length === 0) return;
    const first = found[0].row;
    const last = found[found.length - 1].row;
    const left = Math.min(...found.map((f) => f.column));
    const right = Math.max(...found.map((f) => f.column));

    // the spill ranges of these cells, a group of anchors per sync
    const spills = new Map<string, Rect>();
    if (canSpill) {
      for (let i = 0; i < found.length; i += SPILL_QUERIES_PER_SYNC) {
        const group = found.slice(i, i + SPILL_QUERIES_PER_SYNC);
        const ranges = group.map((f) =>
          sheet.getRangeByIndexes(f.row, f.column, 1, 1).getSpillingToRangeOrNullObject().load("rowIndex,columnIndex,rowCount,columnCount"),
        );
        await syncReading(context);
        group.forEach((f, j) => {
          const s = ranges[j];
          if (!s.isNullObject && s.rowCount * s.columnCount > 1)
            spills.set(`${f.row},${f.column}`, { row: s.rowIndex, column: s.columnIndex, rows: s.rowCount, columns: s.columnCount });
        });
      }
    }

    // what the cells show, read before anything is written
    const [[, shown]] = await readPieces(context, [{ sheet, row: first, column: left, rows: last - first + 1, columns: right - left + 1 }]);
    const spillValues: [Rect, unknown[][]][] = [];
    for (const s of spills.values()) {
      const values: unknown[][] = [];
      await readRows(context, sheet, s, "values", (_, cells) => {
        for (const row of cells) values.push(row);
      });
      spillValues.push([s, values]);
    }

    // single cells: one range per run down a column
    const single = found.filter((f) => !spills.has(`${f.row},${f.column}`));
    single.sort((a, b) => a.column - b.column || a.row - b.row);
    for (let i = 0; i < single.length;) {
      const start = single[i];
      let end = i + 1;
      while (end < single.length && single[end].column === start.column && single[end].row === single[end - 1].row + 1) end++;
      const run = single.slice(i, end).map((f) => [shown[f.row - first][f.column - left] as string | number | boolean]);
      await queue(run.reduce((sum, row) => sum + text.rowBytes(row), 0) + SMALL_REQUEST_BYTES);
      text.write(sheet, start.row, start.column, run);
      i = end;
    }
    // spills: the anchor's value ends the spill, the rest of its range gets its values in the same request
    for (const [s, values] of spillValues) {
      for (let r = 0; r < values.length;) {
        let n = 0;
        let bytes = SMALL_REQUEST_BYTES;
        while (r + n < values.length && (n === 0 || bytes + text.rowBytes(values[r + n] as string[]) <= WRITE_TARGET_BYTES / 2))
          bytes += text.rowBytes(values[r + n++] as string[]);
        await queue(bytes);
        text.write(sheet, s.row + r, s.column, values.slice(r, r + n) as (string | number | boolean)[][]);
        r += n;
      }
      spilled.push(s);
    }
    result.formulas += found.length;
    result.cells += single.length + spillValues.reduce((sum, [s]) => sum + s.rows * s.columns, 0);
    // written now: the next chunk's formulas are read after these cells hold values
    if (pending > 0) {
      await context.sync();
      pending = 0;
    }
  });
  return result;
}
