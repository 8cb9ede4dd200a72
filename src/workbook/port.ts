/*
 * The WorkbookHost port: everything a run needs from a workbook, and nothing more. Two adapters
 * implement it: excel.ts (Office.js, inside Excel) and xlsx.ts (ExcelJS, .xlsx files in Node and
 * in the browser). The run (run.ts) talks only to this port; the host never decides a tier.
 */
import type { ClientBlock } from "../core/job";
import type { OutputSheet } from "../core/output";

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
  /** the stored settings value of the last run, unvalidated (the run validates it) */
  settings: unknown;
}

export interface WorkbookHost {
  /** sheet names and saved settings, in one round trip */
  open(): Promise<WorkbookSnapshot>;
  /** the raw cells of the client table, with the sheet row of its first row and how many rows are hidden */
  readClientBlock(source: SourceRef): Promise<ClientBlock>;
  /** the values of a sheet's used range, from A1 (for what people typed on an owned sheet) */
  readSheetValues(name: string): Promise<unknown[][]>;
  /** writes the sheets: `replace` names sheets this add-in made before, to be emptied and rewritten */
  writeSheets(sheets: readonly OutputSheet[], replace: readonly string[]): Promise<void>;
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
