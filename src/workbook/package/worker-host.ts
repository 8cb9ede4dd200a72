/*
 * The page's end of the workbook worker (worker.ts has the protocol and the worker's end): a
 * WorkbookHost whose every method is a message to the worker's PackageHost. The page bundle holds
 * only this; the package code (fflate, saxes, the sheet writer, the sample) is in the worker's chunk.
 */
import type { OutputSheet } from "../../core/output";
import type { WorkbookHost, WriteControl } from "../port";
import type { Previewed, RunProgress, Runs, TableHead, WriteOutcome } from "../run";
import { errorOf, type BookOpener, type BookReply, type BookRequest, type ForwardedMethod, type OpenedBook } from "./worker";

/** What the page needs of a Worker (a test hands in a fake). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  onProgress?: (progress: { index: number; count: number; name: string }) => void;
  onStep?: (step: RunProgress) => void;
}

type Request = BookRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

/** A book held by its own worker: one request per call, replies matched by id. */
export class WorkerHost implements OpenedBook {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private failure: Error | undefined;

  constructor(private readonly worker: WorkerLike) {
    worker.onmessage = (event) => this.receive(event.data as BookReply);
    // the worker's script did not load or threw: every call waiting, and every later one, fails with why
    worker.onerror = (event) => {
      const why = event.message;
      this.fail(new Error(`the workbook worker stopped${why ? `: ${why}` : ""}`));
    };
  }

  /** Sends a request; the promise settles with the worker's reply. */
  request<T>(
    message: Request,
    transfer: Transferable[] = [],
    onProgress?: Pending["onProgress"],
    onStep?: Pending["onStep"],
  ): { id: number; reply: Promise<T> } {
    const id = this.nextId++;
    const reply = new Promise<T>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress, onStep });
      this.worker.postMessage({ ...message, id }, transfer);
    });
    return { id, reply };
  }

  private call<T>(method: ForwardedMethod, ...args: unknown[]): Promise<T> {
    return this.request<T>({ call: "host", method, args }).reply;
  }

  open: WorkbookHost["open"] = () => this.call("open");
  readClientBlock: WorkbookHost["readClientBlock"] = (source) => this.call("readClientBlock", source);
  readSheetValues: WorkbookHost["readSheetValues"] = (name) => this.call("readSheetValues", name);
  readSheetHeads: WorkbookHost["readSheetHeads"] = (maxRows) => this.call("readSheetHeads", maxRows);
  selectionSource: WorkbookHost["selectionSource"] = () => this.call("selectionSource");
  activateSheet: WorkbookHost["activateSheet"] = (name) => this.call("activateSheet", name);
  arrangeSheets: WorkbookHost["arrangeSheets"] = (output) => this.call("arrangeSheets", [...output]);
  writeSettings: WorkbookHost["writeSettings"] = (json) => this.call("writeSettings", json);

  /** Progress comes back before each sheet; an abort becomes a cancel message (the worker stops between sheets). */
  async writeSheets(sheets: readonly OutputSheet[], replace: readonly string[], control: WriteControl = {}): Promise<string[]> {
    if (control.signal?.aborted) return [];
    // each sheet is announced; onSheet runs (and may abort) before the worker is told to go on
    const { id, reply } = this.request<string[]>({ call: "writeSheets", sheets: [...sheets], replace: [...replace] }, [], (p) => {
      control.onSheet?.(p.index, p.count, p.name);
      this.worker.postMessage({ call: "next", id } satisfies BookRequest, []);
    });
    const cancel = () => this.worker.postMessage({ call: "cancel", id } satisfies BookRequest, []);
    control.signal?.addEventListener("abort", cancel, { once: true });
    try {
      return await reply;
    } finally {
      control.signal?.removeEventListener("abort", cancel);
    }
  }

  /**
   * Runs prepared and written in the worker: only the preview crosses to the page. The table is
   * named by its source (the worker keeps the block it read last); progress comes back as steps, and
   * each sheet is announced and waits for "next", so a cancel stops between sheets as writeSheets does.
   */
  readonly runs: Runs = {
    readTable: (source) => this.request<TableHead>({ call: "readTable", source }).reply,
    prepare: (options) => {
      // the pane shows no progress while it prepares: none is sent back
      const { config, lang, displayLang, asOf, source, table } = options;
      return this.request<Previewed>({ call: "prepare", options: { config, lang, displayLang, asOf, source: table?.source ?? source } }).reply;
    },
    write: async (ticket, options = {}) => {
      const { id, reply } = this.request<WriteOutcome>(
        { call: "write", ticket },
        [],
        () => this.worker.postMessage({ call: "next", id } satisfies BookRequest, []),
        (step) => options.onProgress?.(step.phase, step.done, step),
      );
      const cancel = () => this.worker.postMessage({ call: "cancel", id } satisfies BookRequest, []);
      if (options.signal?.aborted) cancel();
      else options.signal?.addEventListener("abort", cancel, { once: true });
      try {
        return await reply;
      } finally {
        options.signal?.removeEventListener("abort", cancel);
      }
    },
  };

  async toBytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.request<ArrayBuffer>({ call: "toBytes" }).reply);
  }

  /** Ends the worker and with it the book's memory; calls waiting fail. */
  close(): void {
    this.worker.terminate();
    this.fail(new Error("the workbook was closed"));
  }

  private receive(reply: BookReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    if ("progress" in reply) {
      waiting.onProgress?.(reply.progress);
      return;
    }
    if ("step" in reply) {
      waiting.onStep?.(reply.step);
      return;
    }
    this.pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(errorOf(reply.error));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
  }
}

/**
 * Books opened in workers made by `spawn` (the page: `new Worker(new URL("./worker-entry.ts", import.meta.url))`),
 * one worker per book: opening another book and closing this one ends its worker.
 */
export function workerBooks(spawn: () => WorkerLike): BookOpener {
  const openIn = async (message: Request, transfer: Transferable[] = []): Promise<OpenedBook> => {
    const host = new WorkerHost(spawn());
    try {
      await host.request<null>(message, transfer).reply;
    } catch (err) {
      host.close();
      throw err;
    }
    return host;
  };
  return {
    file: (bytes) => {
      // the page has no further use for the file's bytes: hand them over rather than copy them
      const buffer =
        bytes instanceof Uint8Array ? (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer) : bytes;
      return openIn({ call: "file", bytes: buffer as ArrayBuffer }, [buffer as ArrayBuffer]);
    },
    sample: () => openIn({ call: "sample" }),
  };
}
