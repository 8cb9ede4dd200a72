/*
 * The browser page's job on an .xlsx file (SPEC section 7, host "browser"): open a file or the built-in
 * sample, run the one engine (workbook/run.ts) on it through the ExcelJS adapter, and hand the result
 * back as a download. No component logic here, and no ExcelJS import but the lazy one: the module is
 * handed in, so the Excel pane never loads it and tests pass Node's copy.
 */
import { localIsoDate } from "../core/dates";
import type { Issue } from "../core/issues";
import type { Lang } from "../core/lang";
import { sampleBook } from "../core/sample";
import { readSavedSettings } from "../core/settings";
import { HostError } from "../workbook/port";
import { readSource, runSegmentation, type RunOutcome } from "../workbook/run";
import { sampleWorkbook, XlsxHost, type ExcelJsModule } from "../workbook/xlsx";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A workbook the user opened: its bytes are kept so that every run starts from the file as it was. */
export interface OpenedBook {
  /** the file name without .xlsx, for the name of the download */
  name: string;
  bytes: Uint8Array;
  /** the sheets people see, in tab order */
  sheetNames: string[];
  /** the saved sheet of the last run, else the first sheet (not written by the add-in) with a client table, else the first */
  defaultSheet: string | undefined;
  /** whether any sheet holds a client table (a header row the engine recognizes) */
  hasClientTable: boolean;
}

export type Opened = { ok: true; book: OpenedBook } | { ok: false; issue: Issue };

/** What the manager chose before pressing Segment. */
export interface RunChoice {
  sheet?: string;
  /** undefined: automatic (saved setting, else from the headers) */
  lang?: Lang;
  /** YYYY-MM-DD */
  asOf: string;
}

export type Finished =
  | { ok: true; outcome: Extract<RunOutcome, { ok: true }>; host: XlsxHost; fileName: string }
  | { ok: false; issue: Issue };

/** ExcelJS's browser build, fetched as its own chunk from the page's own server, only when first needed. */
export async function loadExcelJs(): Promise<ExcelJsModule> {
  const mod = (await import(/* webpackChunkName: "exceljs" */ "exceljs")) as unknown as ExcelJsModule & { default?: ExcelJsModule };
  // a CommonJS/UMD module arrives as the namespace's default export or as the namespace itself
  return mod.default && typeof mod.default.Workbook === "function" ? mod.default : mod;
}

function issueOf(err: unknown): Issue {
  if (err instanceof HostError) return { code: err.code, params: { value: err.detail } };
  return { code: "unreadable", params: { value: err instanceof Error ? err.message : String(err) } };
}

/** A chosen file's bytes; FileReader where Blob.arrayBuffer is missing (Safari before 14, jsdom). */
export function readFileBytes(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === "function") return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error("FileReader failed"));
    reader.readAsArrayBuffer(file);
  });
}

/** Reads an .xlsx file's bytes: the sheet list and which sheet to offer first. */
export async function openWorkbook(exceljs: ExcelJsModule, data: ArrayBuffer | Uint8Array, fileName: string): Promise<Opened> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  try {
    const host = await XlsxHost.fromBuffer(exceljs, bytes);
    const snapshot = await host.open();
    const stored = readSavedSettings(snapshot.settings);
    const saved = stored.ok ? stored.value : undefined;
    const same = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();
    const savedSheet = saved?.config.sheet ? snapshot.sheetNames.find((n) => same(n, saved.config.sheet!)) : undefined;
    // the sheet the run itself would pick: the first one not written by the add-in with a client table
    const found = savedSheet ? undefined : await readSource(host, undefined, { version: 1 }, snapshot.sheetNames, saved?.owned ?? []);
    const withTable = found?.source.sheet;
    return {
      ok: true,
      book: {
        name: baseName(fileName),
        bytes,
        sheetNames: snapshot.sheetNames,
        defaultSheet: savedSheet ?? withTable ?? snapshot.sheetNames[0],
        hasClientTable: savedSheet !== undefined || withTable !== undefined,
      },
    };
  } catch (err) {
    return { ok: false, issue: issueOf(err) };
  }
}

/** The built-in sample book (core/sample.ts), made in the page: nothing is downloaded. */
export async function openSample(exceljs: ExcelJsModule, fileName: string): Promise<Opened> {
  const workbook = sampleWorkbook(exceljs, sampleBook());
  const bytes = await new XlsxHost(workbook).toBuffer();
  return openWorkbook(exceljs, bytes, fileName);
}

/** Runs the engine on a fresh copy of the opened file; the copy, segmented, is what gets downloaded. */
export async function segmentBook(exceljs: ExcelJsModule, book: OpenedBook, choice: RunChoice): Promise<Finished> {
  try {
    const host = await XlsxHost.fromBuffer(exceljs, book.bytes);
    const outcome = await runSegmentation(host, {
      asOf: choice.asOf,
      lang: choice.lang,
      source: choice.sheet ? { sheet: choice.sheet } : undefined,
    });
    if (!outcome.ok) return outcome;
    return { ok: true, outcome, host, fileName: resultFileName(book.name, outcome.settings.outputLanguage) };
  } catch (err) {
    return { ok: false, issue: issueOf(err) };
  }
}

const RESULT_SUFFIX: Record<Lang, string> = { "zh-CN": "分层", "en-US": "segmented" };

/** `<name>-分层.xlsx` or `<name>-segmented.xlsx`, in the language of the sheets it holds. */
export function resultFileName(name: string, outputLang: Lang): string {
  return `${name}-${RESULT_SUFFIX[outputLang]}.xlsx`;
}

/** A file name without its folder and without .xlsx/.xlsm. */
export function baseName(fileName: string): string {
  const leaf = fileName.split(/[\\/]/).pop() ?? fileName;
  return leaf.replace(/\.xls[xm]$/i, "") || "workbook";
}

export type SaveFile = (bytes: Uint8Array, fileName: string) => void;

/** The segmented workbook as bytes, handed to `save` (the page: a Blob URL download). */
export async function downloadResult(finished: Extract<Finished, { ok: true }>, save: SaveFile): Promise<{ ok: true } | { ok: false; issue: Issue }> {
  try {
    save(await finished.host.toBuffer(), finished.fileName);
    return { ok: true };
  } catch (err) {
    return { ok: false, issue: { code: "writeFailed", params: { value: err instanceof Error ? err.message : String(err) } } };
  }
}

/** Saves bytes as a download through a Blob URL: the file never leaves the machine. */
export function saveWithBlobUrl(bytes: Uint8Array, fileName: string, doc: Document = document): void {
  const blob = new Blob([bytes as BlobPart], { type: XLSX_MIME });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  doc.body.appendChild(link);
  link.click();
  link.remove();
  // the download has taken the blob by the next turn of the event loop; keep it a while for slow disks
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Today's local calendar date, YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return localIsoDate(now);
}
