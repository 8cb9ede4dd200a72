/*
 * The browser page's job on an .xlsx file (SPEC section 7, host "browser"): open a file or the built-in
 * sample as a workbook host for the pane (the same steps as in Excel), and hand the result back as a
 * download. No component logic here, and no package code: the books come from a BookOpener the page
 * hands in (the page: a Web Worker holding the package host; tests: the same host in-process).
 */
import { localIsoDate } from "../core/dates";
import type { Issue } from "../core/issues";
import type { Lang } from "../core/lang";
import { HostError } from "../workbook/port";
import type { BookOpener, OpenedBook } from "../workbook/package/worker";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

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

export type OpenResult = { ok: true; host: OpenedBook } | { ok: false; issue: Issue };

/**
 * Opens a book (`open`: an opener's file or sample) as a workbook host; an unreadable file, or a
 * worker that could not start, is an issue, never a stack trace.
 */
export async function openHost(open: () => Promise<OpenedBook>): Promise<OpenResult> {
  try {
    return { ok: true, host: await open() };
  } catch (err) {
    return { ok: false, issue: issueOf(err) };
  }
}

/** An .xlsx file's bytes, opened by `books`. */
export function openFile(books: BookOpener, bytes: ArrayBuffer | Uint8Array): Promise<OpenResult> {
  return openHost(() => books.file(bytes));
}

/** The built-in sample book (core/sample.ts), made where the books are opened: nothing is downloaded. */
export function openSample(books: BookOpener): Promise<OpenResult> {
  return openHost(() => books.sample());
}

const RESULT_SUFFIX: Record<Lang, string> = { "zh-CN": "分层", "en-US": "segmented" };

/** `<name>-分层.xlsx` or `<name>-segmented.xlsx`, in the language of the sheets it holds. */
export function resultFileName(name: string, outputLang: Lang, macroEnabled = false): string {
  // a macro-enabled book stays one: Excel opens a package with macros only as .xlsm
  return `${name}-${RESULT_SUFFIX[outputLang]}.${macroEnabled ? "xlsm" : "xlsx"}`;
}

/** A file name without its folder and without .xlsx/.xlsm. */
export function baseName(fileName: string): string {
  const leaf = fileName.split(/[\\/]/).pop() ?? fileName;
  return leaf.replace(/\.xls[xm]$/i, "") || "workbook";
}

export type SaveFile = (bytes: Uint8Array, fileName: string) => void;

/** The workbook as it is now (with what the pane wrote), handed to `save` (the page: a Blob URL download). */
export async function downloadResult(host: Pick<OpenedBook, "toBytes">, fileName: string, save: SaveFile): Promise<{ ok: true } | { ok: false; issue: Issue }> {
  try {
    save(await host.toBytes(), fileName);
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
