/*
 * The second reader of a big client sheet (split-read.ts): a worker thread, started when a sheet
 * is big enough to be read in halves. Without the built worker (the sources run through tsx) there
 * is none, and sheets are read in one piece.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";
import type { Worker } from "node:worker_threads";
import type { SheetBlock } from "../workbook/package/cells";
import type { TailRead } from "../workbook/package/split-read";

export interface TailReader {
  read(job: TailRead): Promise<SheetBlock>;
  close(): Promise<void>;
}

/** The second reader, its thread started when it is first given a sheet (only big sheets are read in halves). */
export function startTailReader(file = path.join(__dirname, "read-worker.js")): TailReader | undefined {
  if (!existsSync(file)) return undefined;
  let worker: Worker | undefined;
  let failed: Error | undefined;
  const started = (): Worker => {
    if (!worker) {
      // loaded here: most runs never start the thread, and the module is a part of every start
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when first wanted
      const { Worker } = require("node:worker_threads") as typeof import("node:worker_threads");
      worker = new Worker(file);
      worker.on("error", (err) => (failed = err));
    }
    return worker;
  };
  return {
    read: (job) =>
      new Promise<SheetBlock>((resolve, reject) => {
        if (failed) return reject(failed);
        const thread = started();
        const done = () => {
          // the thread keeps the process alive only while it has a sheet to read
          thread.unref();
          thread.off("message", onMessage);
          thread.off("error", onError);
        };
        const onMessage = (reply: { block?: SheetBlock; error?: string }) => {
          done();
          if (reply.block) resolve(reply.block);
          else reject(new Error(reply.error ?? "the reading thread gave nothing"));
        };
        const onError = (err: Error) => {
          done();
          reject(err);
        };
        thread.ref();
        thread.on("message", onMessage);
        thread.on("error", onError);
        // the tail is the reader's own copy: moved, not copied again
        thread.postMessage(job, [job.tail.buffer as ArrayBuffer]);
      }),
    close: async () => {
      await worker?.terminate();
    },
  };
}
