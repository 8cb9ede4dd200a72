/*
 * The browser page's job on an .xlsx file (SPEC section 7, host "browser"): open a file or the built-in
 * sample as a workbook host for the pane (the same steps as in Excel), and hand the result back as a
 * download. No component logic here, and no ExcelJS import but the lazy one: the module is
 * handed in, so the Excel pane never loads it and tests pass Node's copy.
 */
import { localIsoDate } from "../core/dates";
import type { Issue } from "../core/issues";
import type { Lang } from "../core/lang";
import { sampleBook } from "../core/sample";
import { HostError } from "../workbook/port";
import { sampleWorkbook, XlsxHost, type ExcelJsModule } from "../workbook/xlsx";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

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

/** Opens an .xlsx file's bytes as a workbook host; an unreadable file is an issue, never a stack trace. */
export async function openHost(exceljs: ExcelJsModule, data: ArrayBuffer | Uint8Array): Promise<{ ok: true; host: XlsxHost } | { ok: false; issue: Issue }> {
  try {
    return { ok: true, host: await XlsxHost.fromBuffer(exceljs, data instanceof Uint8Array ? data : new Uint8Array(data)) };
  } catch (err) {
    return { ok: false, issue: issueOf(err) };
  }
}

/** The built-in sample book (core/sample.ts), made in the page: nothing is downloaded. */
export async function sampleBytes(exceljs: ExcelJsModule): Promise<Uint8Array> {
  return new XlsxHost(sampleWorkbook(exceljs, sampleBook())).toBuffer();
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

/** The workbook as it is now (with what the pane wrote), handed to `save` (the page: a Blob URL download). */
export async function downloadResult(host: XlsxHost, fileName: string, save: SaveFile): Promise<{ ok: true } | { ok: false; issue: Issue }> {
  try {
    save(await host.toBuffer(), fileName);
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
