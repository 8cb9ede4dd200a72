/*
 * The CLI's worker thread for reading a big client sheet in two halves (split-read.ts): it reads
 * the second half while the main thread reads the first. Built into dist-cli/read-worker.js.
 */
import { parentPort } from "node:worker_threads";
import { readTail, type TailRead } from "../workbook/package/split-read";

parentPort?.on("message", (job: TailRead) => {
  try {
    parentPort!.postMessage({ block: readTail(job) });
  } catch (err) {
    parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
