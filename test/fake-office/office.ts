/*
 * A fake Office host around the fake Excel object model (./excel.ts): the `Office` and `Excel`
 * globals a task pane sees inside Excel, over one FakeWorkbook. Browser-safe: the end-to-end runtime
 * (./runtime.ts) installs them in the page, and unit tests use them in Node.
 *
 * Modelled as Microsoft documents it:
 * - Office.onReady resolves with { host, platform } (https://learn.microsoft.com/office/dev/add-ins/develop/initialize-add-in).
 * - Office.context.requirements.isSetSupported("ExcelApi", version).
 * - Office.context.document.settings is an in-memory copy "loaded from the document at the time the
 *   user opened it"; refreshAsync re-reads it, saveAsync writes it back
 *   (https://learn.microsoft.com/javascript/api/office/office.settings). The workbook's settings
 *   (context.workbook.settings) are the stored ones.
 */
import { FakeWorkbook, versionAtLeast, type FakeSheetInit, type FakeTable, type FakeChart, type SyncStats } from "./excel";

export interface FakeExcelInit {
  /** Office.context.displayLanguage, e.g. "zh-CN" */
  displayLanguage?: string;
  /** the highest ExcelApi set supported, "1.17" unless told */
  apiVersion?: string;
  /** Office.onReady's platform: "OfficeOnline" unless told */
  platform?: string;
  /** how long Office.onReady takes to answer, in ms (0 unless told) */
  readyDelayMs?: number;
  sheets?: FakeSheetInit[];
  tables?: { name: string; sheet: string; row: number; column: number; rows: number; columns: number }[];
  /** workbook settings, key -> value (the add-in stores JSON text) */
  settings?: Record<string, unknown>;
  selection?: { sheet: string; row: number; column: number };
}

/** A workbook from a plain description (what an end-to-end test sets in the page). */
export function fakeWorkbookFrom(init: FakeExcelInit): FakeWorkbook {
  const wb = new FakeWorkbook(init.sheets ?? []);
  if (init.apiVersion) wb.apiVersion = init.apiVersion;
  for (const [key, value] of Object.entries(init.settings ?? {})) wb.settings.set(key, value);
  for (const t of init.tables ?? []) {
    const sheet = wb.sheet(t.sheet);
    if (!sheet) throw new Error(`fake Excel: no sheet ${t.sheet} for table ${t.name}`);
    wb.tables.push({ name: t.name, sheet, row: t.row, column: t.column, rows: t.rows, columns: t.columns });
  }
  wb.selection = init.selection;
  return wb;
}

const ASYNC = { Succeeded: "succeeded", Failed: "failed" } as const;

/** Office.context.document.settings over the workbook's stored settings: a copy taken now. */
export function documentSettings(wb: FakeWorkbook) {
  let copy = new Map(wb.settings);
  const result = (value: unknown) => ({ status: ASYNC.Succeeded, value });
  return {
    get: (name: string) => (copy.has(name) ? copy.get(name) : null),
    set: (name: string, value: unknown) => void copy.set(name, value),
    remove: (name: string) => void copy.delete(name),
    refreshAsync(callback?: (r: { status: string; value: unknown }) => void) {
      setTimeout(() => {
        copy = new Map(wb.settings);
        wb.log.push("settings:refresh");
        callback?.(result(this));
      }, 0);
    },
    saveAsync(options?: unknown, callback?: (r: { status: string; value: unknown }) => void) {
      const done = typeof options === "function" ? (options as typeof callback) : callback;
      setTimeout(() => {
        for (const [k, v] of copy) wb.settings.set(k, v);
        done?.(result(undefined));
      }, 0);
    },
  };
}

/** The `Office` global of a task pane inside this fake Excel. */
export function fakeOfficeGlobal(wb: FakeWorkbook, init: FakeExcelInit = {}) {
  const info = { host: "Excel", platform: init.platform ?? "OfficeOnline" };
  let ready: Promise<typeof info> | undefined;
  return {
    HostType: { Excel: "Excel" },
    PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC", Mac: "Mac" },
    AsyncResultStatus: ASYNC,
    onReady(callback?: (i: typeof info) => void) {
      ready ??= new Promise((resolve) => setTimeout(() => resolve(info), init.readyDelayMs ?? 0));
      return ready.then((i) => {
        callback?.(i);
        return i;
      });
    },
    context: {
      displayLanguage: init.displayLanguage ?? "en-US",
      requirements: {
        isSetSupported: (name: string, version?: string) => name === "ExcelApi" && versionAtLeast(wb.apiVersion, version ?? "1.1"),
      },
      document: { settings: documentSettings(wb) },
    },
  };
}

/** The `Excel` global: Excel.run over the workbook and the enums the add-in may use. */
export function fakeExcelGlobal(wb: FakeWorkbook) {
  return {
    run: wb.run,
    CalculationType: { recalculate: "Recalculate", full: "Full", fullRebuild: "FullRebuild" },
    CellValueType: { string: "String", double: "Double", boolean: "Boolean", empty: "Empty" },
    RangeValueType: { string: "String", double: "Double", boolean: "Boolean", empty: "Empty", error: "Error", unknown: "Unknown" },
    ErrorCodes: {
      itemNotFound: "ItemNotFound",
      invalidArgument: "InvalidArgument",
      requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
      responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
    },
  };
}

/** What an end-to-end test reads back from the page: plain JSON, no cycles. */
export interface FakeExcelSnapshot {
  sheets: {
    name: string;
    visibility: string;
    /** values from A1 to the end of the used range */
    cells: unknown[][];
    frozenRows: number;
    charts: FakeChart[];
    /** strings Excel would have read as formulas */
    formulas: { row: number; column: number; text: string }[];
  }[];
  tables: (Omit<FakeTable, "sheet"> & { sheet: string })[];
  settings: Record<string, unknown>;
  activeSheet?: string;
  staleCalculation: boolean;
  apiVersion: string;
  syncs: SyncStats[];
  log: string[];
}

export function snapshotOf(wb: FakeWorkbook): FakeExcelSnapshot {
  return JSON.parse(
    JSON.stringify({
      sheets: wb.sheets.map((s) => {
        const used = s.used();
        return {
          name: s.name,
          visibility: s.visibility,
          cells: used ? s.values({ row: 0, column: 0, rows: used.row + used.rows, columns: used.column + used.columns }) : [],
          frozenRows: s.frozenRows,
          charts: s.charts,
          formulas: s.formulas,
        };
      }),
      tables: wb.tables.map((t) => ({ ...t, sheet: t.sheet.name })),
      settings: Object.fromEntries(wb.settings),
      activeSheet: wb.activeSheet,
      staleCalculation: wb.staleCalculation,
      apiVersion: wb.apiVersion,
      syncs: wb.syncs,
      log: wb.log,
    }),
  ) as FakeExcelSnapshot;
}
