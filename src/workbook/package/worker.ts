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
 *                   { id, call: "next" }            write `id` may start the sheet it announced
 *                   { id, call: "cancel" }          abort write `id`: no further sheet is started
 *   worker -> page  { id, progress: { index, count, name } }   sheet `index` of write `id` is next: the page
 *                                                   calls onSheet, then answers "next" (a cancel first, if onSheet aborted)
 *                   { id, ok: true, value }         (toBytes: the bytes' buffer is transferred)
 *                   { id, ok: false, error: { code?, detail, message } }  code: a HostError's
 * The "next" round trip per sheet makes a write stop exactly where an in-process PackageHost would:
 * a signal aborted in onSheet(i) lets sheet i be written and starts no other. Everything else
 * (client blocks with their Dates, output sheets, settings) crosses by structured clone.
 */
import { HostError, type WorkbookHost } from "../port";
import type { OutputSheet } from "../../core/output";
import { PackageHost } from "./host";
import { sampleBytes } from "./new-book";

/** A workbook the page opened: the host the pane's steps run on, and its bytes for the download. */
export interface OpenedBook extends WorkbookHost {
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
export type ForwardedMethod = "open" | "readClientBlock" | "readSheetValues" | "readSheetHeads" | "selectionSource" | "activateSheet" | "writeSettings";

export type BookRequest =
  | { id: number; call: "file"; bytes: ArrayBuffer }
  | { id: number; call: "sample" }
  | { id: number; call: "host"; method: ForwardedMethod; args: unknown[] }
  | { id: number; call: "writeSheets"; sheets: OutputSheet[]; replace: string[] }
  | { id: number; call: "toBytes" }
  | { id: number; call: "next" }
  | { id: number; call: "cancel" };

/** What went wrong, as data: a HostError's code and detail, or only a message. */
export interface ReplyError {
  code?: HostError["code"];
  detail: string;
  message: string;
}

export type BookReply =
  | { id: number; progress: { index: number; count: number; name: string } }
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

const FORWARDED: ReadonlySet<string> = new Set<ForwardedMethod>(["open", "readClientBlock", "readSheetValues", "readSheetHeads", "selectionSource", "activateSheet", "writeSettings"]);

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
  /** writes under way: their abort, and the go-ahead for the sheet announced last */
  const writes = new Map<number, { controller: AbortController; proceed?: () => void }>();
  const book = () => {
    if (!host) throw new Error("no workbook is open");
    return host;
  };

  const answer = async (request: Exclude<BookRequest, { call: "cancel" | "next" }>): Promise<{ value: unknown; transfer?: Transferable[] }> => {
    switch (request.call) {
      case "file":
        host = PackageHost.fromBytes(new Uint8Array(request.bytes));
        return { value: null };
      case "sample":
        host = PackageHost.fromBytes(sampleBytes());
        return { value: null };
      case "host": {
        if (!FORWARDED.has(request.method)) throw new Error(`not a forwarded method: ${String(request.method)}`);
        const target = book();
        const method = target[request.method] as (...args: unknown[]) => Promise<unknown>;
        return { value: await method.apply(target, request.args) };
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
  const writeSheets = async (target: PackageHost, request: Extract<BookRequest, { call: "writeSheets" }>): Promise<string[]> => {
    const write: { controller: AbortController; proceed?: () => void } = { controller: new AbortController() };
    writes.set(request.id, write);
    try {
      const written: string[] = [];
      for (const [index, sheet] of request.sheets.entries()) {
        if (write.controller.signal.aborted) break;
        const heard = new Promise<void>((resolve) => (write.proceed = resolve));
        scope.postMessage({ id: request.id, progress: { index, count: request.sheets.length, name: sheet.name } } satisfies BookReply);
        await heard;
        // announced and heard: the sheet is written whole even when onSheet aborted (as in-process); the next is not started
        written.push(...(await target.writeSheets([sheet], request.replace)));
      }
      return written;
    } finally {
      writes.delete(request.id);
    }
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
  writeSettings: WorkbookHost["writeSettings"] = (json) => this.host.writeSettings(json);
  toBytes = async () => this.host.toBytes();
  close(): void {}
}

/** Books opened in this thread: the same PackageHost as the worker's, without the messages. */
export function localBooks(): BookOpener {
  return {
    file: async (bytes) => new LocalBook(PackageHost.fromBytes(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes))),
    sample: async () => new LocalBook(PackageHost.fromBytes(sampleBytes())),
  };
}
