/*
 * The browser page's host (worker-host.ts) and the worker's end (worker.ts) over a message channel in
 * this process (../worker-channel.ts): each call is a message, errors come back as what they were,
 * bytes go across by transfer, a write reports each sheet and stops between sheets when cancelled.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { PackageHost } from "../../../src/workbook/package/host";
import { localIsoDate } from "../../../src/core/dates";
import { sampleBook } from "../../../src/core/sample";
import { sampleBytes } from "../../../src/workbook/package/new-book";
import { workerBooks, WorkerHost } from "../../../src/workbook/package/worker-host";
import { HostError } from "../../../src/workbook/port";
import { runSegmentation } from "../../../src/workbook/run";
import { readWorkbook } from "../xlsx-book";
import { fakeWorker, type FakeWorker } from "../worker-channel";

let workers: FakeWorker[] = [];
const spawn = () => {
  const w = fakeWorker();
  workers.push(w);
  return w;
};
beforeEach(() => (workers = []));

test("the sample opens in the worker and reads as in-process, its dates made for today", async () => {
  const book = await workerBooks(spawn).sample();
  const local = PackageHost.fromBytes(sampleBytes(sampleBook(undefined, undefined, { asOf: localIsoDate(new Date()) })));
  expect(await book.open()).toEqual(await local.open());
  expect(await book.readClientBlock({})).toEqual(await local.readClientBlock({}));
  expect(await book.readSheetHeads(5)).toEqual(await local.readSheetHeads(5));
  expect(await book.selectionSource()).toBeUndefined();
});

test("a file's bytes are transferred to the worker, not copied; the download's bytes come back the same way", async () => {
  const bytes = new Uint8Array(readFileSync(path.resolve(__dirname, "../../fixtures/english.xlsx")));
  const buffer = bytes.slice().buffer;
  const book = await workerBooks(spawn).file(buffer);
  expect(buffer.byteLength).toBe(0); // detached: the worker has it
  const outcome = await runSegmentation(book, { asOf: "2026-03-01" });
  expect(outcome.ok).toBe(true);
  const wb = await readWorkbook(await book.toBytes());
  expect(wb.worksheets.map((w) => w.name)).toContain("Summary");
});

test("errors come back as HostErrors with their code, or as messages", async () => {
  const book = await workerBooks(spawn).sample();
  const missing = book.readSheetValues("Nope");
  await expect(missing).rejects.toBeInstanceOf(HostError);
  await expect(missing).rejects.toMatchObject({ code: "noSuchSheet", detail: "Nope" });
  await expect(workerBooks(spawn).file(new TextEncoder().encode("id,name\n1,Ann\n"))).rejects.toMatchObject({ code: "unreadable" });
  // a worker whose book did not open is ended
  expect(workers.at(-1)!.terminated).toBe(true);
});

test("a write reports each sheet before it starts and stops between sheets on cancel", async () => {
  const book = await workerBooks(spawn).sample();
  const sheets = ["A", "B", "C"].map((name) => ({
    name,
    key: "summary" as const,
    blocks: [{ row: 0, column: 0, cells: [[name]] }],
    tables: [],
    freezeRows: 0,
  }));
  const controller = new AbortController();
  const seen: string[] = [];
  const written = await book.writeSheets(sheets, [], {
    signal: controller.signal,
    onSheet: (index, count, name) => {
      seen.push(`${index + 1}/${count} ${name}`);
      if (index === 1) controller.abort();
    },
  });
  expect(seen).toEqual(["1/3 A", "2/3 B"]);
  expect(written).toEqual(["A", "B"]);
  expect((await book.open()).sheetNames).toEqual(["客户名单", "A", "B"]);
  const sent = workers[0].sent.map((m) => (m as { call: string }).call);
  expect(sent.filter((c) => c === "cancel")).toHaveLength(1);
  // an aborted signal starts nothing
  expect(await book.writeSheets(sheets, [], { signal: controller.signal })).toEqual([]);
});

test("a closed book ends its worker, and calls waiting or later fail with a message", async () => {
  const book = (await workerBooks(spawn).sample()) as WorkerHost;
  const waiting = book.open();
  book.close();
  expect(workers[0].terminated).toBe(true);
  await expect(waiting).rejects.toThrow("the workbook was closed");
  await expect(book.open()).rejects.toThrow("the workbook was closed");
});

test("a worker that fails to load fails every call with why", async () => {
  const worker = fakeWorker();
  const host = new WorkerHost({ ...worker, postMessage: () => undefined, terminate: () => undefined, onmessage: null, onerror: null });
  const call = host.open();
  (host as unknown as { worker: { onerror: (e: ErrorEvent) => void } }).worker.onerror({ message: "Refused to create a worker" } as ErrorEvent);
  await expect(call).rejects.toThrow("the workbook worker stopped: Refused to create a worker");
});
