/*
 * The Excel adapter's newer port methods and Office.js details, against the fake Excel object model
 * (test/fake-office): sheet heads, the selection as a source, write progress and cancel, activating
 * a sheet, text that looks like a formula, recalculation after suspended writes, byte-sized reads
 * under Excel on the web's 5 MB limit, open() on a book without a settings sheet, and the settings
 * copy the custom functions read.
 */
import { SETTINGS_KEY, SETTINGS_SHEET } from "../../src/core/settings";
import type { OutputSheet } from "../../src/core/output";
import { outputLang } from "../../src/functions/language";
import { ExcelHost, READ_FIRST_CHUNK_CELLS } from "../../src/workbook/excel";
import { HostError } from "../../src/workbook/port";
import { runSegmentation } from "../../src/workbook/run";
import { PAYLOAD_LIMIT_BYTES, FakeWorkbook, versionAtLeast } from "../fake-office/excel";
import { fakeOfficeGlobal } from "../fake-office/office";

const only = (version: string) => (wanted: string) => versionAtLeast(version, wanted);
const HEADER = ["客户编号", "客户姓名", "业务员", "保费", "能力", "意愿", "备注"];

function clients(n: number, note: (i: number) => string = () => ""): unknown[][] {
  const rows: unknown[][] = [HEADER];
  for (let i = 0; i < n; i++)
    rows.push([`K${String(i + 1).padStart(3, "0")}`, `客户${i + 1}`, i % 2 ? "李娜" : "王强", (i + 1) * 1000, 50 + i, 1 + (i % 10), note(i)]);
  return rows;
}

/** a small output sheet: a text column and a general block, holding the given texts */
function sheetOf(name: string, texts: string[]): OutputSheet {
  return {
    key: "segments",
    name,
    freezeRows: 0,
    blocks: [{ row: 0, column: 4, cells: texts.map((t) => [t]) }],
    tables: [{ name: `T_${name}`, row: 0, column: 0, columns: [{ header: "备注", format: "text", width: 20 }], rows: texts.map((t) => [t]) }],
  };
}

describe("readSheetHeads", () => {
  it("gives every visible sheet's used range and top rows in three syncs, without the settings sheet", async () => {
    const wb = new FakeWorkbook([
      { name: "客户名单", cells: [[], ["2026 名单"], [], ...clients(30)] },
      { name: "空表" },
      { name: SETTINGS_SHEET, cells: [['{"version":1}']], visibility: "VeryHidden" },
      { name: "备忘", cells: [[undefined, "a", "b"]] },
    ]);
    const heads = await new ExcelHost(wb.run).readSheetHeads(5);
    expect(heads.map((h) => h.name)).toEqual(["客户名单", "空表", "备忘"]);
    expect(heads[0]).toMatchObject({ rows: 33, columns: 7, firstRow: 2 });
    expect(heads[0].head).toHaveLength(5);
    expect(heads[0].head[0][0]).toBe("2026 名单");
    expect(heads[0].head[2]).toEqual(HEADER);
    expect(heads[1]).toEqual({ name: "空表", rows: 0, columns: 0, firstRow: 1, head: [] });
    expect(heads[2]).toEqual({ name: "备忘", rows: 1, columns: 2, firstRow: 1, head: [["a", "b"]] });
    expect(wb.syncs).toHaveLength(3);
  });

  it("keeps each response under 5 MB on many sheets of long Chinese text", async () => {
    const long = "长".repeat(2000); // 6 KB of UTF-8 per cell
    const sheets = Array.from({ length: 12 }, (_, s) => ({ name: `S${s}`, cells: Array.from({ length: 60 }, () => Array.from({ length: 10 }, () => long)) }));
    const wb = new FakeWorkbook(sheets);
    const heads = await new ExcelHost(wb.run).readSheetHeads(50);
    expect(heads.every((h) => h.head.length === 50 && h.head[49][9] === long)).toBe(true);
    // 12 x 50 x 10 cells of 6 KB = 36 MB of heads in all: refused responses are halved until they fit
    expect(wb.log).toContain("error:ResponsePayloadSizeLimitExceeded");
    const answered = wb.syncs.filter((s) => !s.failed);
    expect(answered.reduce((a, s) => a + s.readBytes, 0)).toBeGreaterThan(7 * PAYLOAD_LIMIT_BYTES);
    expect(Math.max(...answered.map((s) => s.readBytes))).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
  });
});

describe("selectionSource", () => {
  const book = () => {
    const wb = new FakeWorkbook([{ name: "客户名单", cells: [...clients(10), [], ["其他", "数据"]] }]);
    wb.tables.push({ name: "Clients", sheet: wb.sheet("客户名单")!, row: 0, column: 0, rows: 11, columns: 7 });
    return wb;
  };

  it("is the table the active cell is in, in one sync", async () => {
    const wb = book();
    wb.selection = { sheet: "客户名单", row: 4, column: 2 };
    expect(await new ExcelHost(wb.run).selectionSource()).toEqual({ table: "Clients" });
    expect(wb.syncs).toHaveLength(1);
  });

  it("is the current region outside a table, and nothing on an empty cell or without a selection", async () => {
    const wb = book();
    const host = new ExcelHost(wb.run);
    wb.selection = { sheet: "客户名单", row: 12, column: 1 };
    expect(await host.selectionSource()).toEqual({ selection: true });
    wb.selection = { sheet: "客户名单", row: 20, column: 20 };
    expect(await host.selectionSource()).toBeUndefined();
    wb.selection = undefined;
    expect(await host.selectionSource()).toBeUndefined();
  });

  it("without Range.getTables (before ExcelApi 1.9) it is the region; before 1.7 nothing", async () => {
    const wb = book();
    wb.selection = { sheet: "客户名单", row: 4, column: 2 };
    wb.apiVersion = "1.8";
    expect(await new ExcelHost(wb.run, only("1.8")).selectionSource()).toEqual({ selection: true });
    expect(await new ExcelHost(wb.run, only("1.6")).selectionSource()).toBeUndefined();
  });
});

describe("activateSheet", () => {
  it("activates a sheet by name and says when there is none", async () => {
    const wb = new FakeWorkbook([{ name: "A" }, { name: "分层概览" }]);
    const host = new ExcelHost(wb.run);
    await host.activateSheet("分层概览");
    expect(wb.activeSheet).toBe("分层概览");
    await expect(host.activateSheet("没有")).rejects.toEqual(new HostError("noSuchSheet", "没有"));
  });
});

describe("writeSheets: progress, cancel between sheets, recalculation", () => {
  it("reports each sheet before it is written and returns the names written", async () => {
    const wb = new FakeWorkbook([{ name: "A" }]);
    const seen: [number, number, string][] = [];
    const names = await new ExcelHost(wb.run).writeSheets([sheetOf("一", ["x"]), sheetOf("二", ["y"])], [], {
      onSheet: (i, n, name) => seen.push([i, n, name]),
    });
    expect(names).toEqual(["一", "二"]);
    expect(seen).toEqual([
      [0, 2, "一"],
      [1, 2, "二"],
    ]);
  });

  it("stops between sheets when aborted: the sheets begun are whole, no further sheet is started", async () => {
    const wb = new FakeWorkbook([{ name: "A" }]);
    const stop = new AbortController();
    const names = await new ExcelHost(wb.run).writeSheets([sheetOf("一", ["x", "y"]), sheetOf("二", ["z"]), sheetOf("三", ["w"])], [], {
      signal: stop.signal,
      onSheet: (i) => i === 1 && stop.abort(),
    });
    expect(names).toEqual(["一", "二"]);
    expect(wb.sheet("三")).toBeUndefined();
    expect(wb.sheet("二")!.values({ row: 0, column: 0, rows: 2, columns: 1 })).toEqual([["备注"], ["z"]]);
  });

  it("recalculates once after the writes it made with calculation suspended", async () => {
    const wb = new FakeWorkbook([{ name: "A" }]);
    await new ExcelHost(wb.run).writeSheets([sheetOf("一", ["x"])], []);
    const lastSuspend = wb.log.lastIndexOf("suspend");
    expect(lastSuspend).toBeGreaterThanOrEqual(0);
    expect(wb.log.indexOf("calculate:Recalculate")).toBeGreaterThan(lastSuspend);
    expect(wb.staleCalculation).toBe(false);
  });

  it("a whole run leaves no stale calculation (the fake marks suspended writes stale)", async () => {
    const wb = new FakeWorkbook([{ name: "客户名单", cells: clients(20) }]);
    const outcome = await runSegmentation(new ExcelHost(wb.run), { asOf: "2026-11-22" });
    expect(outcome.ok).toBe(true);
    expect(wb.log).toContain("suspend");
    expect(wb.staleCalculation).toBe(false);
    // and the fake does mark it: suspended writes with no calculate after them
    await wb.run(async (context) => {
      context.application.suspendApiCalculationUntilNextSync();
      context.workbook.worksheets.getItem("客户名单").getRangeByIndexes(0, 0, 1, 1).values = [["x"]];
      await context.sync();
    });
    expect(wb.staleCalculation).toBe(true);
  });
});

describe("text that Excel would read as a formula lands as text", () => {
  const TEXTS = ["+8613800138000", "=要见面", "-", "-5", "@张三", "'引号", "普通", "12"];

  it("the fake reads them as formulas through Range.values, also in cells formatted as text", async () => {
    const wb = new FakeWorkbook([{ name: "S" }]);
    await wb.run(async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, TEXTS.length, 1);
      range.numberFormat = TEXTS.map(() => ["@"]);
      range.values = TEXTS.map((t) => [t]);
      await context.sync();
    });
    expect(wb.sheet("S")!.formulas.map((f) => f.text)).toEqual(["+8613800138000", "=要见面", "-", "-5", "@张三"]);
    expect(wb.sheet("S")!.cell(5, 0)).toBe("引号"); // the quote prefix is not part of the text
  });

  it.each([
    ["ExcelApi 1.16: String cell values through valuesAsJson", "1.17"],
    ["before 1.16: the quote prefix", "1.15"],
  ])("%s", async (_label, version) => {
    const wb = new FakeWorkbook([{ name: "A" }]);
    wb.apiVersion = version;
    await new ExcelHost(wb.run, only(version)).writeSheets([sheetOf("一", TEXTS)], []);
    const sheet = wb.sheet("一")!;
    expect(sheet.formulas).toEqual([]);
    // the table's text column (below its header) and the general block beside it
    expect(sheet.values({ row: 1, column: 0, rows: TEXTS.length, columns: 1 }).map((r) => r[0])).toEqual(TEXTS);
    expect(sheet.values({ row: 0, column: 4, rows: TEXTS.length, columns: 1 }).map((r) => r[0])).toEqual([...TEXTS.slice(0, 7), 12]);
  });

  it("a run keeps a note and a name like that as text", async () => {
    const wb = new FakeWorkbook([{ name: "客户名单", cells: clients(20, (i) => (i === 3 ? "+86 138 0013 8000" : i === 4 ? "=再联系" : "")) }]);
    wb.sheet("客户名单")!.grid[6][1] = "@小王";
    const outcome = await runSegmentation(new ExcelHost(wb.run), { asOf: "2026-11-22" });
    expect(outcome.ok).toBe(true);
    for (const s of wb.sheets) expect(s.formulas).toEqual([]);
    const seg = wb.sheet("客户分层")!;
    const used = seg.used()!;
    const rows = seg.values({ row: 0, column: 0, rows: used.rows, columns: used.columns });
    expect(rows.find((r) => r[0] === "K006")![1]).toBe("@小王");
  });
});

describe("reads sized in bytes, the first one too", () => {
  it("reads a sheet of long Chinese text in responses under 5 MB, from a small probe", async () => {
    const long = (i: number) => `${i}号客户备注：${"长期合作稳定续保".repeat(60)}`; // ~1.5 KB per cell
    const cells = clients(6000, long);
    const wb = new FakeWorkbook([{ name: "客户名单", cells }]);
    const block = await new ExcelHost(wb.run).readClientBlock({ sheet: "客户名单" });
    expect(block.cells).toHaveLength(6001);
    expect(block.cells[6000][6]).toBe(long(5999));
    expect(wb.log.filter((l) => l.startsWith("error:"))).toEqual([]);
    expect(Math.max(...wb.syncs.map((s) => s.readBytes))).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    // the probe: the first read is READ_FIRST_CHUNK_CELLS cells at most
    const reads = wb.syncs.filter((s) => s.readCells > 0);
    expect(reads[0].readCells).toBeLessThanOrEqual(READ_FIRST_CHUNK_CELLS);
    // 9 MB in all: the old first chunk of 100,000 cells would have been one refused response
    expect(reads.reduce((a, s) => a + s.readBytes, 0)).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
  });

  it("halves and retries a chunk Excel refuses as too large (short rows first, long ones later)", async () => {
    const long = "很长的备注".repeat(700); // ~10 KB per cell
    const cells = clients(3000, (i) => (i < 1500 ? "" : long));
    const wb = new FakeWorkbook([{ name: "客户名单", cells }]);
    const block = await new ExcelHost(wb.run).readClientBlock({ sheet: "客户名单" });
    expect(wb.log).toContain("error:ResponsePayloadSizeLimitExceeded");
    expect(block.cells).toEqual(wb.sheet("客户名单")!.values({ row: 0, column: 0, rows: 3001, columns: 7 }));
    expect(Math.max(...wb.syncs.filter((s) => !s.failed).map((s) => s.readBytes))).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
  });
});

describe("open() on books with and without a settings sheet", () => {
  it("the fake fails a method called through a null object, as Office.js does", async () => {
    const wb = new FakeWorkbook([{ name: "A" }]);
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItemOrNullObject("没有").getUsedRangeOrNullObject(true).load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  it("no settings anywhere: one sync, no settings", async () => {
    const wb = new FakeWorkbook([{ name: "客户名单", cells: clients(3) }]);
    expect(await new ExcelHost(wb.run).open()).toEqual({
      sheetNames: ["客户名单"],
      sheets: [{ name: "客户名单", id: `excel:${wb.sheet("客户名单")!.id}`, tables: [] }],
      settings: undefined,
    });
    expect(wb.syncs).toHaveLength(1);
  });

  it("settings only in the hidden sheet (a CLI run): read in a second sync", async () => {
    const saved = '{"version":1,"outputLanguage":"en-US"}';
    const wb = new FakeWorkbook([{ name: "客户名单" }, { name: SETTINGS_SHEET, cells: [[saved]], visibility: "VeryHidden" }]);
    expect(await new ExcelHost(wb.run).open()).toMatchObject({ sheetNames: ["客户名单"], settings: saved });
    expect(wb.syncs).toHaveLength(2);
  });
});

describe("the custom functions see a run's output language", () => {
  const global = globalThis as { Office?: unknown };
  afterEach(() => delete global.Office);

  it("writeSettings calls the refresh hook after saving", async () => {
    const wb = new FakeWorkbook([{ name: "A" }]);
    const refresh = jest.fn(async () => {
      expect(wb.settings.get(SETTINGS_KEY)).toBe('{"version":1}'); // after the save, not before
      return true;
    });
    await new ExcelHost(wb.run, undefined, refresh).writeSettings('{"version":1}');
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("by default it refreshes Office.context.document.settings, so outputLang() follows", async () => {
    const wb = new FakeWorkbook([{ name: "客户名单", cells: clients(20) }]);
    wb.settings.set(SETTINGS_KEY, JSON.stringify({ version: 1, outputLanguage: "zh-CN" }));
    global.Office = fakeOfficeGlobal(wb, { displayLanguage: "zh-CN" });
    expect(outputLang()).toBe("zh-CN");
    const outcome = await runSegmentation(new ExcelHost(wb.run), { asOf: "2026-11-22", lang: "en-US" });
    expect(outcome.ok && outcome.settings.outputLanguage).toBe("en-US");
    expect(wb.log).toContain("settings:refresh");
    expect(outputLang()).toBe("en-US");
  });
});
