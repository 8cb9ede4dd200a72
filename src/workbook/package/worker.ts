/*
 * The browser page's workbook, off the page's thread: a PackageHost lives in a Web Worker and the
 * page talks to it by messages (worker-host.ts is the page's end). Reading a big book, segmenting
 * it and writing the sheets then never freezes the pane; the pane hears "sheet i of n" as it goes
 * and can stop a write between sheets.
 *
 * The protocol, one request and one reply per id:
 *   page -> worker  { id, call: "file", bytes }     open a file's bytes (the ArrayBuffer is transferred)
 *                   { id, call: "sample" }          open the built-in sample book, made in the worker
 *                   { id, call: "host", method, args }  a WorkbookHost method but writeSheets, as it is
 *                   { id, call: "writeSheets", sheets, replace }
 *                   { id, call: "toBytes" }         the book as .xlsx bytes, for the download
 *                   { id, call: "readTable", source }  read a client table here; its head and size come back
 *                   { id, call: "prepare", options }  prepare a run (run.ts) here; its preview comes back
 *                   { id, call: "write", ticket }   write the prepared run of that preview, with progress and cancel
 *                   { id, call: "next" }            write `id` may start the sheet it announced
 *                   { id, call: "cancel" }          abort write `id`: no further sheet is started
 *   worker -> page  { id, progress: { index, count, name } }   sheet `index` of write `id` is next: the page
 *                                                   calls onSheet, then answers "next" (a cancel first, if onSheet aborted)
 *                   { id, step: RunProgress }       where run write `id` is (no answer expected)
 *                   { id, ok: true, value }         (toBytes: the bytes' buffer is transferred)
 *                   { id, ok: false, error: { code?, detail, message } }  code: a HostError's
 * The "next" round trip per sheet makes a write stop exactly where an in-process PackageHost would:
 * a signal aborted in onSheet(i) lets sheet i be written and starts no other. Everything else
 * (client blocks with their Dates, output sheets, settings) crosses by structured clone.
 *
 * The pane uses "prepare" and "write": the run is segmented and its sheets built and written here,
 * and only its preview (figures, sheet names, the first Data issues) crosses to the page. Cloning
 * 100,000 segmented clients and their sheets, and building them, would hold the page up for seconds.
 * "readTable" reads a client table for the pane the same way: the block stays here, its head crosses.
 */
import { HostError, type SourceRef, type WorkbookHost, type WriteControl } from "../port";
import type { OutputSheet } from "../../core/output";
import { localRuns, type HostWithRuns, type RunOptions, type RunProgress, type Runs } from "../run";
import { PackageHost } from "./host";
import { localIsoDate } from "../../core/dates";
import { sampleBook } from "../../core/sample";
import { sampleBytes } from "./new-book";

/** A workbook the page opened: the host the pane's steps run on, and its bytes for the download. */
export interface OpenedBook extends HostWithRuns {
  /** the book as it is now (with what the pane wrote), as .xlsx bytes */
  toBytes(): Promise<Uint8Array>;
  /** lets the book go (the page: ends its worker); calls after this fail */
  close(): void;
}

/** How the page opens books: a file's bytes or the built-in sample. */
export interface BookOpener {
  file(bytes: ArrayBuffer | Uint8Array): Promise<OpenedBook>;
  sample(): Promise<OpenedBook>;
}

/** The WorkbookHost methods forwarded as they are (writeSheets has its own request: progress and cancel). */
export type ForwardedMethod =
  "open" | "readClientBlock" | "readSheetValues" | "readSheetHeads" | "selectionSource" | "activateSheet" | "arrangeSheets" | "writeSettings";

export type BookRequest =
  | { id: number; call: "file"; bytes: ArrayBuffer }
  | { id: number; call: "sample" }
  | { id: number; call: "host"; method: ForwardedMethod; args: unknown[] }
  | { id: number; call: "writeSheets"; sheets: OutputSheet[]; replace: string[] }
  | { id: number; call: "toBytes" }
  | { id: number; call: "readTable"; source: SourceRef }
  | { id: number; call: "prepare"; options: PrepareOptions }
  | { id: number; call: "write"; ticket: number }
  | { id: number; call: "next" }
  | { id: number; call: "cancel" };

/** A run's options as they cross to the worker: no functions, and the table by its source only. */
export type PrepareOptions = Omit<RunOptions, "signal" | "onProgress" | "table">;

/** What went wrong, as data: a HostError's code and detail, or only a message. */
export interface ReplyError {
  code?: HostError["code"];
  detail: string;
  message: string;
}

export type BookReply =
  | { id: number; progress: { index: number; count: number; name: string } }
  | { id: number; step: RunProgress }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: ReplyError };

/** One end of a message channel: a worker's global scope, a Worker, or a test's fake. */
export interface MessageEnd {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

export function replyError(err: unknown): ReplyError {
  if (err instanceof HostError) return { code: err.code, detail: err.detail, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { detail: message, message };
}

/** The error a reply carries, thrown again on the page as what it was: a HostError keeps its code. */
export function errorOf(error: ReplyError): Error {
  return error.code ? new HostError(error.code, error.detail) : new Error(error.message);
}

const FORWARDED: ReadonlySet<string> = new Set<ForwardedMethod>([
  "open",
  "readClientBlock",
  "readSheetValues",
  "readSheetHeads",
  "selectionSource",
  "activateSheet",
  "arrangeSheets",
  "writeSettings",
]);

/** The bytes' own buffer when they fill it (transferred, not copied), else a copy that does. */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  return bytes.slice().buffer as ArrayBuffer;
}

/**
 * The worker's end: holds one book at a time (a new "file" or "sample" replaces it) and answers
 * requests in the order they come; a write yields between sheets so that a cancel can come in.
 */
export function serveBooks(scope: MessageEnd): void {
  let host: PackageHost | undefined;
  let runs: Runs | undefined;
  /** the request id of the run write under way, for its sheets' announcements */
  let runWrite = 0;
  /** writes under way: their abort, and the go-ahead for the sheet announced last */
  const writes = new Map<number, { controller: AbortController; proceed?: () => void }>();
  const book = () => {
    if (!host) throw new Error("no workbook is open");
    return host;
  };
  const bookRuns = () => {
    if (!runs) throw new Error("no workbook is open");
    return runs;
  };

  const answer = async (request: Exclude<BookRequest, { call: "cancel" | "next" }>): Promise<{ value: unknown; transfer?: Transferable[] }> => {
    switch (request.call) {
      case "file":
        opened(PackageHost.fromBytes(new Uint8Array(request.bytes)));
        return { value: null };
      case "sample":
        opened(PackageHost.fromBytes(todaysSample()));
        return { value: null };
      case "host": {
        if (!FORWARDED.has(request.method)) throw new Error(`not a forwarded method: ${String(request.method)}`);
        const target = book();
        const method = target[request.method] as (...args: unknown[]) => Promise<unknown>;
        return { value: await method.apply(target, request.args) };
      }
      case "readTable":
        return { value: await bookRuns().readTable(request.source) };
      case "prepare":
        return { value: await bookRuns().prepare(request.options) };
      case "write": {
        const target = bookRuns();
        const write = { controller: new AbortController() };
        writes.set(request.id, write);
        runWrite = request.id;
        try {
          return {
            value: await target.write(request.ticket, {
              signal: write.controller.signal,
              onProgress: (phase, done, detail) => scope.postMessage({ id: request.id, step: detail ?? { phase, done } } satisfies BookReply),
            }),
          };
        } finally {
          writes.delete(request.id);
        }
      }
      case "writeSheets":
        return { value: await writeSheets(book(), request) };
      case "toBytes": {
        const buffer = ownBuffer(book().toBytes());
        return { value: buffer, transfer: [buffer] };
      }
    }
  };

  /** One sheet per PackageHost call: each announced to the page, and started when the page says "next". */
  const writeSheets = async (
    target: PackageHost,
    request: { id: number; sheets: readonly OutputSheet[]; replace: readonly string[] },
    own = true,
    onSheet?: WriteControl["onSheet"],
  ): Promise<string[]> => {
    const write: { controller: AbortController; proceed?: () => void } = writes.get(request.id) ?? { controller: new AbortController() };
    if (own) writes.set(request.id, write);
    try {
      const written: string[] = [];
      for (const [index, sheet] of request.sheets.entries()) {
        if (write.controller.signal.aborted) break;
        const heard = new Promise<void>((resolve) => (write.proceed = resolve));
        onSheet?.(index, request.sheets.length, sheet.name);
        scope.postMessage({ id: request.id, progress: { index, count: request.sheets.length, name: sheet.name } } satisfies BookReply);
        await heard;
        // announced and heard: the sheet is written whole even when onSheet aborted (as in-process); the next is not started
        written.push(...(await target.writeSheets([sheet], request.replace)));
      }
      return written;
    } finally {
      if (own) writes.delete(request.id);
    }
  };

  /** A new book: runs over it whose sheet writes are announced to the page as a "writeSheets" request's are. */
  const opened = (next: PackageHost) => {
    host = next;
    const target = next;
    const announced: WorkbookHost = {
      open: () => target.open(),
      readClientBlock: (source) => target.readClientBlock(source),
      readSheetValues: (name) => target.readSheetValues(name),
      readSheetHeads: (maxRows) => target.readSheetHeads(maxRows),
      selectionSource: () => target.selectionSource(),
      activateSheet: (name) => target.activateSheet(name),
      arrangeSheets: (output) => target.arrangeSheets(output),
      writeSettings: (json) => target.writeSettings(json),
      writeSheets: async (sheets, replace, control = {}) => {
        if (!writes.has(runWrite)) return target.writeSheets(sheets, replace, control);
        // writeRun's onSheet (its progress "step") goes before each announcement; its signal is this write's
        return writeSheets(target, { id: runWrite, sheets, replace }, false, control.onSheet);
      },
    };
    runs = localRuns(announced);
  };

  scope.onmessage = (event: MessageEvent) => {
    const request = event.data as BookRequest;
    if (request.call === "cancel" || request.call === "next") {
      const write = writes.get(request.id);
      if (request.call === "cancel") write?.controller.abort();
      write?.proceed?.();
      return;
    }
    answer(request).then(
      ({ value, transfer }) => scope.postMessage({ id: request.id, ok: true, value } satisfies BookReply, transfer ?? []),
      (err: unknown) => scope.postMessage({ id: request.id, ok: false, error: replyError(err) } satisfies BookReply),
    );
  };
}

/** A book in this thread, for where there is no Worker (jsdom tests) or no need of one. */
class LocalBook implements OpenedBook {
  constructor(private readonly host: PackageHost) {}

  open = () => this.host.open();
  readClientBlock: WorkbookHost["readClientBlock"] = (source) => this.host.readClientBlock(source);
  readSheetValues: WorkbookHost["readSheetValues"] = (name) => this.host.readSheetValues(name);
  readSheetHeads: WorkbookHost["readSheetHeads"] = (maxRows) => this.host.readSheetHeads(maxRows);
  selectionSource = () => this.host.selectionSource();
  writeSheets: WorkbookHost["writeSheets"] = (sheets, replace, control) => this.host.writeSheets(sheets, replace, control);
  activateSheet: WorkbookHost["activateSheet"] = (name) => this.host.activateSheet(name);
  arrangeSheets: WorkbookHost["arrangeSheets"] = (output) => this.host.arrangeSheets(output);
  writeSettings: WorkbookHost["writeSettings"] = (json) => this.host.writeSettings(json);
  toBytes = async () => this.host.toBytes();
  get runs(): Runs {
    return (this.ownRuns ??= localRuns(this.host));
  }
  private ownRuns: Runs | undefined;
  close(): void {}
}

/** The sample book with its dates made for today, the day the page is used. */
function todaysSample(): Uint8Array {
  return sampleBytes(sampleBook(undefined, undefined, { asOf: localIsoDate(new Date()) }));
}

/** Books opened in this thread: the same PackageHost as the worker's, without the messages. */
export function localBooks(): BookOpener {
  return {
    file: async (bytes) => new LocalBook(PackageHost.fromBytes(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes))),
    sample: async () => new LocalBook(PackageHost.fromBytes(todaysSample())),
  };
}
