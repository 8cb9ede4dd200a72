/*
 * Prepare, then write: the preview is computed without writing anything, and the write puts exactly
 * the prepared figures in the sheets, in every host (the package host also behind the page's worker messages). Cancel stops between sheets and leaves each
 * written sheet whole, owned by the add-in, so the next run replaces it instead of writing beside it.
 */
import { sampleBook } from "../../src/core/sample";
import { readSavedSettings } from "../../src/core/settings";
import { WORDS } from "../../src/core/vocabulary";
import { ExcelHost } from "../../src/workbook/excel";
import type { WorkbookHost } from "../../src/workbook/port";
import { localRuns, prepareRun, runsOf, writeRun, type PreparedRun } from "../../src/workbook/run";
import { PackageHost } from "../../src/workbook/package/host";
import { sampleBytes } from "../../src/workbook/package/new-book";
import { workerBooks } from "../../src/workbook/package/worker-host";
import { FakeWorkbook } from "./excel-fake";
import { fakeWorker } from "./worker-channel";

const AS_OF = "2026-11-25";

function xlsxSample(): PackageHost {
  return PackageHost.fromBytes(sampleBytes(sampleBook()));
}

/** The sample as a fake Excel workbook: the same cells, dates as serial numbers as Office.js gives them. */
function excelSample(): { host: ExcelHost; wb: FakeWorkbook } {
  const sample = sampleBook();
  const serial = (d: Date) => d.getTime() / 86_400_000 + 25569;
  const cell = (v: unknown) => (v instanceof Date ? serial(v) : v && typeof v === "object" && "error" in v ? (v as { error: string }).error : v);
  const cells = [[sample.title], sample.header, ...sample.rows.map((r) => r.map(cell))];
  const wb = new FakeWorkbook([
    { name: sample.sheetName, cells },
    { name: "备忘", cells: [["请勿改动"]] },
  ]);
  return { host: new ExcelHost(wb.run), wb };
}

async function prepared(host: WorkbookHost): Promise<PreparedRun> {
  const ready = await prepareRun(host, { asOf: AS_OF });
  if (!ready.ok) throw new Error(ready.issue.code);
  return ready.prepared;
}

/** The row of a sheet whose first cell is `label` at or after `from`. */
function rowOf(cells: unknown[][], label: string, from = 0): unknown[] {
  const row = cells.slice(from).find((r) => r[0] === label);
  if (!row) throw new Error(`no row ${label}`);
  return row;
}

describe.each([
  ["xlsx", async () => ({ host: xlsxSample() as WorkbookHost, sheetsNow: async (h: WorkbookHost) => (await h.open()).sheetNames })],
  // the browser page's host: the same package host behind worker messages (progress, cancel by message)
  [
    "xlsx in a worker",
    async () => ({ host: (await workerBooks(fakeWorker).sample()) as WorkbookHost, sheetsNow: async (h: WorkbookHost) => (await h.open()).sheetNames }),
  ],
  ["Excel", async () => ({ host: excelSample().host as WorkbookHost, sheetsNow: async (h: WorkbookHost) => (await h.open()).sheetNames })],
])("%s host", (_name, make) => {
  test("prepare writes nothing; write puts the previewed figures in the sheets", async () => {
    const { host, sheetsNow } = await make();
    const before = await sheetsNow(host);
    const p = await prepared(host);
    expect(await sheetsNow(host)).toEqual(before);
    expect((await host.open()).settings).toBeUndefined();

    const done = await writeRun(host, p);
    expect(done.ok && done.value).toEqual({ written: p.output.map((o) => o.name), cancelled: false });
    const w = WORDS[p.lang];
    const summaryName = p.sheets.find((s) => s.key === "summary")!.name;
    const summary = await host.readSheetValues(summaryName);
    expect(rowOf(summary, w.clientsSegmented)[1]).toBe(p.result.clients.length);
    expect(rowOf(summary, w.dataIssues)[1]).toBe(p.issues.length);
    expect(rowOf(summary, w.topShare)[1]).toBeCloseTo(p.result.topShare!, 12);
    expect(rowOf(summary, w.cutoff)[1]).toBeCloseTo(p.result.cutoff!, 12);
    const tiersAt = summary.findIndex((r) => r[0] === w.byTier);
    expect(tiersAt).toBeGreaterThan(0);
    for (const g of p.result.tiers) expect(rowOf(summary, g.label, tiersAt).slice(1, 3)).toEqual([g.count, g.value]);
    for (const g of p.result.quadrants)
      expect(
        rowOf(
          summary,
          g.label,
          summary.findIndex((r) => r[0] === w.byQuadrant),
        ).slice(1, 3),
      ).toEqual([g.count, g.value]);

    // every client's tier on Segments is the previewed one
    const segments = await host.readSheetValues(p.sheets.find((s) => s.key === "segments")!.name);
    const tierColumn = segments[0].indexOf(w.tier);
    const tierOf = new Map(segments.slice(1).map((r) => [String(r[0]), r[tierColumn]]));
    expect(tierOf.size).toBe(p.result.clients.length);
    for (const c of p.result.clients) expect([c.id, tierOf.get(c.id) || null]).toEqual([c.id, c.tier]);
    const issues = await host.readSheetValues(p.sheets.find((s) => s.key === "issues")!.name);
    expect(issues.length - 1).toBe(p.issues.length);
  });

  test("cancel stops between sheets: written sheets are whole and owned, a re-run replaces them", async () => {
    const { host } = await make();
    const p = await prepared(host);
    const controller = new AbortController();
    const seen: string[] = [];
    const done = await writeRun(host, p, {
      signal: controller.signal,
      onProgress: (_phase, _done, detail) => {
        if (!detail?.sheet) return;
        seen.push(`${detail.sheet.index + 1}/${detail.sheet.count} ${detail.sheet.name}`);
        if (detail.sheet.index === 1) controller.abort(); // while the second sheet is being written
      },
    });
    if (!done.ok) throw new Error(done.issue.code);
    const [first, second] = p.output;
    expect(seen).toEqual([`1/${p.output.length} ${first.name}`, `2/${p.output.length} ${second.name}`]);
    expect(done.value).toEqual({ written: [first.name, second.name], cancelled: true });
    const book = await host.open();
    expect(book.sheetNames).toEqual(expect.arrayContaining([first.name, second.name]));
    for (const o of p.output.slice(2)) expect(book.sheetNames).not.toContain(o.name);
    // the second sheet is complete: one row per client under its header
    const segments = await host.readSheetValues(second.name);
    expect(segments.length - 1).toBe(p.result.clients.length);
    const saved = readSavedSettings(book.settings);
    expect(saved.ok && saved.value?.owned.map((o) => o.name)).toEqual([first.name, second.name]);

    // the next run replaces what the cancelled one wrote, and writes no "(2)" sheet
    const again = await prepared(host);
    expect(again.sheets.filter((s) => s.replace).map((s) => s.name)).toEqual([first.name, second.name]);
    await writeRun(host, again);
    const names = (await host.open()).sheetNames;
    expect(names.filter((n) => / \(2\)$/.test(n))).toEqual([]);
    expect(names.filter((n) => n === second.name)).toHaveLength(1);
  });
});

test("Excel: the Summary is the active sheet after a run, and calculation is resumed", async () => {
  const { host, wb } = excelSample();
  const p = await prepared(host);
  await writeRun(host, p);
  const summary = p.sheets.find((s) => s.key === "summary")!.name;
  expect(wb.activeSheet).toBe(summary);
  expect(wb.log).toContain("suspend");
  expect(wb.staleCalculation).toBe(false);
  expect(wb.sheet("备忘")!.values({ row: 0, column: 0, rows: 1, columns: 1 })).toEqual([["请勿改动"]]);
});

describe.each([
  ["in this thread", async () => localRuns(xlsxSample())],
  // the page's runs: prepared and written in the worker, only the preview and the table's head cross
  ["in the page's workbook worker", async () => runsOf(await workerBooks(fakeWorker).sample())],
])("runs %s", (_name, make) => {
  test("the table's head and size, a preview of the figures, then that very run written; a cancel stops between sheets", async () => {
    const runs = await make();
    const sample = sampleBook();
    const head = await runs.readTable({ sheet: sample.sheetName });
    expect(head.rows).toBe(sample.rows.length + 2);
    expect(head.width).toBe(sample.header.length);
    expect(head.block.cells.length).toBeLessThan(head.rows);

    const ready = await runs.prepare({ asOf: AS_OF, source: { sheet: sample.sheetName } });
    if (!ready.ok) throw new Error(ready.issue.code);
    const p = ready.preview;
    // the same figures as a run prepared in full
    const full = await prepared(xlsxSample());
    expect(p.figures.clients).toBe(full.result.clients.length);
    expect(p.figures.tiers).toEqual(full.result.tiers);
    expect(p.figures.curve).toHaveLength(51);
    expect(p.issueCount).toBe(full.issues.length);
    expect(p.issues).toEqual(full.issues.slice(0, 3));
    expect(p.output).toEqual(full.output.map((o) => o.name));

    const controller = new AbortController();
    const seen: string[] = [];
    const done = await runs.write(p.ticket, {
      signal: controller.signal,
      onProgress: (_phase, _done, detail) => {
        if (!detail?.sheet) return;
        seen.push(detail.sheet.name);
        if (detail.sheet.index === 1) controller.abort();
      },
    });
    expect(seen).toEqual(p.output.slice(0, 2));
    expect(done.ok && done.value).toEqual({ written: p.output.slice(0, 2), cancelled: true });
  });

  test("a preview other than the last one prepared is not written", async () => {
    const runs = await make();
    const first = await runs.prepare({ asOf: AS_OF });
    const second = await runs.prepare({ asOf: AS_OF });
    if (!first.ok || !second.ok) throw new Error("not prepared");
    expect((await runs.write(first.preview.ticket)).ok).toBe(false);
    expect((await runs.write(second.preview.ticket)).ok).toBe(true);
  });
});
