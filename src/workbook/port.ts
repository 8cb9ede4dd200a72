/*
 * The WorkbookHost port: everything a run needs from a workbook, and nothing more. Two adapters
 * implement it: excel.ts (Office.js, inside Excel) and package/host.ts (.xlsx files in Node and
 * in the browser). The run (run.ts) talks only to this port; the host never decides a tier.
 */
import type { ClientBlock } from "../core/job";
import type { OutputSheet } from "../core/output";
import type { SheetIdentity } from "../core/ownership";

/** Where the client table is. Left empty, the host's default: the first sheet with a client table. */
export interface SourceRef {
  /** a sheet by name: its used range */
  sheet?: string;
  /** an Excel table by name (Excel only) */
  table?: string;
  /** the current region around the selection (Excel only) */
  selection?: boolean;
}

export interface WorkbookSnapshot {
  /** every sheet's name, in tab order (the hidden settings sheet of an .xlsx excluded) */
  sheetNames: string[];
  /** the same sheets with their ids and tables: what proves a sheet is the add-in's */
  sheets: SheetIdentity[];
  /** the stored settings value of the last run, unvalidated (the run validates it) */
  settings: unknown;
}

/** The first rows of a sheet, for the pane's list of sheets that look like client tables. */
export interface SheetHead {
  name: string;
  /** size of the used range (from its first used cell) */
  rows: number;
  columns: number;
  /** sheet row number (1-based) of head[0] */
  firstRow: number;
  /** at most the rows asked for, from the top of the used range */
  head: unknown[][];
}

/** What a long write reports and how it is stopped: between sheets, never inside one. */
export interface WriteControl {
  /** called before sheet `index` (0-based) of `count` is written */
  onSheet?: (index: number, count: number, name: string) => void;
  /** when aborted, no further sheet is started; the ones written stay whole */
  signal?: AbortSignal;
}

export interface WorkbookHost {
  /** sheet names and saved settings, in one round trip */
  open(): Promise<WorkbookSnapshot>;
  /** the raw cells of the client table, with the sheet row of its first row and how many rows are hidden */
  readClientBlock(source: SourceRef): Promise<ClientBlock>;
  /** the values of a sheet's used range, from A1 (for what people typed on an owned sheet) */
  readSheetValues(name: string): Promise<unknown[][]>;
  /** the first `maxRows` rows of every sheet people see (the settings sheet excluded), in tab order */
  readSheetHeads(maxRows: number): Promise<SheetHead[]>;
  /**
   * Where the selection is, as a source: the Excel table it is in, else its current region.
   * Undefined where there is no selection (an .xlsx file) or it is on an empty cell.
   */
  selectionSource(): Promise<SourceRef | undefined>;
  /**
   * Writes the sheets in order: `replace` names sheets this add-in made before, to be emptied and
   * rewritten. Returns the names written, which are all of them unless `control.signal` was aborted.
   */
  writeSheets(sheets: readonly OutputSheet[], replace: readonly string[], control?: WriteControl): Promise<string[]>;
  /**
   * Puts the tabs in order: the sheets not named in `output` first as they are, then those of
   * `output` in that order, then the settings store (arrangeTabs).
   */
  arrangeSheets(output: readonly string[]): Promise<void>;
  /** makes a sheet the active one (the Summary after a run; a link in the pane) */
  activateSheet(name: string): Promise<void>;
  /** saves the settings value (JSON text) in the workbook */
  writeSettings(json: string): Promise<void>;
}

/** A problem a host cannot get past (no such sheet, unreadable file), with a message key. */
export class HostError extends Error {
  constructor(
    readonly code: "noSuchSheet" | "noSuchTable" | "noSelection" | "unreadable" | "writeFailed",
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}
