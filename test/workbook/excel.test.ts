import { OfficeMockObject } from "office-addin-mock";
import { excelAdapterFigures, generateWideClientTable, phaseFigures } from "../../bench/excel-bench";
import { SETTINGS_KEY, SETTINGS_SHEET } from "../../src/core/settings";
import {
  ExcelHost,
  READ_FIRST_CHUNK_CELLS,
  READ_MAX_CELLS,
  READ_TARGET_BYTES,
  WRITE_TARGET_BYTES,
  cellForExcel,
  jsonBytes,
  type ExcelRun,
} from "../../src/workbook/excel";
import { HostError } from "../../src/workbook/port";
import { runSegmentation } from "../../src/workbook/run";
import { FakeWorkbook, type FakeSheet } from "./excel-fake";

const AS_OF = "2026-11-22";
const NAMES = "王伟 李娜 张敏 刘洋 陈静 杨磊 黄强 赵军 吴艳 周杰 徐娟 孙涛 马明 朱超 胡秀 郭霞 何平 高刚 林英 罗华".split(" ");

/** A client list under a title row and a blank row: header on sheet row 3, clients from row 4. */
function clientCells(): unknown[][] {
  const cells: unknown[][] = [["2026 年客户名单"], [], ["客户编号", "客户姓名", "业务员", "保费", "能力", "意愿"]];
  NAMES.forEach((n, i) => cells.push([`K${String(i + 1).padStart(3, "0")}`, n, i % 2 ? "李娜" : "王强", (i + 1) * 10000, 100 + i, 1 + (i % 10)]));
  cells[5][3] = "12万"; // sheet row 6
  cells[7][3] = "#N/A"; // sheet row 8
  cells[9][0] = "K001"; // sheet row 10: duplicate of row 4
  cells[11][1] = '=HYPERLINK("http://x","y")'; // sheet row 12: text that looks like a formula
  return cells;
}

function book(extra: { name: string; cells?: unknown[][]; visibility?: string }[] = []): FakeWorkbook {
  return new FakeWorkbook([...extra, { name: "客户名单", cells: clientCells(), hiddenRows: [6] }]);
}

/** rows of a table on a fake sheet, from its header row down */
function tableRows(sheet: FakeSheet): unknown[][] {
  const used = sheet.used()!;
  return sheet.values({ row: 0, column: 0, rows: used.row + used.rows, columns: used.column + used.columns });
}

const col = (rows: unknown[][], header: string) => rows[0].indexOf(header);

describe("ExcelHost with office-addin-mock", () => {
  it("open() reads the sheet names and the saved settings in one sync", async () => {
    const saved = JSON.stringify({ version: 1, outputLanguage: "zh-CN" });
    const mock = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            // the mock needs every loaded property declared: a collection's items come from this load
            load: function (this: Record<string, unknown>, what: string) {
              this.loadedWith = what;
              this.items = [
                { name: "客户名单", id: "{A}", visibility: "Visible" },
                { name: "客户分层", id: "{B}", visibility: "Visible" },
              ];
              return this;
            },
            // no settings sheet of the CLI: a null object whose used range is a null object too
            nullSheet: {
              range: { values: [] },
              getUsedRangeOrNullObject: function (this: Record<string, unknown>) {
                return this.range;
              },
            },
            getItemOrNullObject: function (this: Record<string, unknown>) {
              return this.nullSheet;
            },
          },
          tables: {
            load: function (this: Record<string, unknown>) {
              this.items = [{ name: "ClientLadder_Segments", worksheet: { name: "客户分层" } }];
              return this;
            },
          },
          settings: {
            setting: { value: saved },
            getItemOrNullObject: function (this: Record<string, unknown>, key: string) {
              this.asked = key;
              return this.setting;
            },
          },
        },
      },
      run: async function (this: { context: unknown }, batch: (context: unknown) => Promise<unknown>) {
        return batch(this.context);
      },
    });
    const context = mock.context;
    const sync = context.sync.bind(context);
    let syncs = 0;
    context.sync = async () => {
      syncs++;
      await sync();
    };
    context.workbook.settings.setting.isNullObject = false;
    context.workbook.worksheets.nullSheet.isNullObject = true;
    context.workbook.worksheets.nullSheet.range.isNullObject = true;
    const host = new ExcelHost(mock.run.bind(mock) as ExcelRun);
    const snapshot = await host.open();
    expect(snapshot).toEqual({
      sheetNames: ["客户名单", "客户分层"],
      sheets: [
        { name: "客户名单", id: "excel:{A}", tables: [] },
        { name: "客户分层", id: "excel:{B}", tables: ["ClientLadder_Segments"] },
      ],
      settings: saved,
    });
    expect(context.workbook.settings.asked).toBe(SETTINGS_KEY);
    expect(context.workbook.worksheets.loadedWith).toBe("items/name,items/id,items/visibility");
    expect(syncs).toBe(1);
  });

  it("open() gives no settings when the workbook has none", async () => {
    const mock = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            load: function (this: Record<string, unknown>) {
              this.items = [];
              return this;
            },
            nullSheet: {
              range: { values: [] },
              getUsedRangeOrNullObject: function (this: Record<string, unknown>) {
                return this.range;
              },
            },
            getItemOrNullObject: function (this: Record<string, unknown>) {
              return this.nullSheet;
            },
          },
          tables: {
            load: function (this: Record<string, unknown>) {
              this.items = [];
              return this;
            },
          },
          settings: {
            setting: { value: "" },
            getItemOrNullObject: function (this: Record<string, unknown>) {
              return this.setting;
            },
          },
        },
      },
      run: async function (this: { context: unknown }, batch: (context: unknown) => Promise<unknown>) {
        return batch(this.context);
      },
    });
    mock.context.workbook.settings.setting.isNullObject = true;
    mock.context.workbook.worksheets.nullSheet.isNullObject = true;
    mock.context.workbook.worksheets.nullSheet.range.isNullObject = true;
    const snapshot = await new ExcelHost(mock.run.bind(mock) as ExcelRun).open();
    expect(snapshot.settings).toBeUndefined();
  });
});

describe("settings travel with the file (fake Excel)", () => {
  it("writeSettings() saves the JSON under the settings key and in a very hidden sheet the CLI reads", async () => {
    const wb = book();
    const long = JSON.stringify({ version: 1, padding: "x".repeat(40000) });
    await new ExcelHost(wb.run).writeSettings(long);
    expect(wb.settings.get(SETTINGS_KEY)).toBe(long);
    const store = wb.sheet(SETTINGS_SHEET)!;
    expect(store.visibility).toBe("VeryHidden");
    expect(String(store.cell(0, 0)) + String(store.cell(1, 0))).toBe(long);
    expect(String(store.cell(0, 0))).toHaveLength(32767);
    // a second save replaces the copy
    await new ExcelHost(wb.run).writeSettings('{"version":1}');
    expect([store.cell(0, 0), store.cell(1, 0)]).toEqual(['{"version":1}', ""]);
    expect(wb.sheets.filter((x) => x.name === SETTINGS_SHEET)).toHaveLength(1);
  });

  it("open() reads the settings a CLI run left in the hidden sheet, and hides that sheet from the list", async () => {
    const saved = JSON.stringify({ version: 1, outputLanguage: "en-US" });
    const wb = book([{ name: SETTINGS_SHEET, cells: [[saved]], visibility: "VeryHidden" }]);
    const snapshot = await new ExcelHost(wb.run).open();
    expect(snapshot.settings).toBe(saved);
    expect(snapshot.sheetNames).toEqual(["客户名单"]);
  });

  it("a visible sheet named like the settings store is a person's: not read as settings, not written over", async () => {
    const theirs = [["my own notes"], ["-second line"]];
    const wb = book([{ name: SETTINGS_SHEET, cells: theirs.map((r) => [...r]) }]);
    const snapshot = await new ExcelHost(wb.run).open();
    expect(snapshot.settings).toBeUndefined();
    expect(snapshot.sheetNames).toEqual([SETTINGS_SHEET, "客户名单"]);
    await new ExcelHost(wb.run).writeSettings('{"version":1}');
    expect(wb.settings.get(SETTINGS_KEY)).toBe('{"version":1}');
    const sheet = wb.sheet(SETTINGS_SHEET)!;
    expect(sheet.visibility).toBe("Visible");
    expect([sheet.cell(0, 0), sheet.cell(1, 0)]).toEqual(["my own notes", "-second line"]);
  });
});

describe("ExcelHost reading (fake Excel)", () => {
  it("reads a sheet's used range with its first sheet row and hidden rows", async () => {
    const wb = book();
    const block = await new ExcelHost(wb.run).readClientBlock({ sheet: "客户名单" });
    expect(block.source).toBe("客户名单");
    expect(block.firstRow).toBe(1);
    expect(block.hiddenRows).toBe(1);
    expect(block.cells[2]).toEqual(["客户编号", "客户姓名", "业务员", "保费", "能力", "意愿"]);
    expect(block.cells[3]).toEqual(["K001", "王伟", "王强", 10000, 100, 1]);
    expect(block.cells).toHaveLength(23);
  });

  it("reads an Excel table with its header, and the region around the selection", async () => {
    const wb = book();
    const sheet = wb.sheet("客户名单")!;
    wb.tables.push({ name: "Clients", sheet, row: 2, column: 0, rows: 21, columns: 6 });
    const host = new ExcelHost(wb.run);
    const table = await host.readClientBlock({ table: "Clients" });
    expect(table.firstRow).toBe(3);
    expect(table.cells[0][0]).toBe("客户编号");
    expect(table.cells).toHaveLength(21);
    wb.selection = { sheet: "客户名单", row: 10, column: 2 };
    const region = await host.readClientBlock({ selection: true });
    expect(region.firstRow).toBe(3);
    expect(region.cells).toHaveLength(21);
    expect(region.source).toBe("客户名单!A3:F23");
  });

  it("says which sheet or table is missing, and reads an empty sheet as no cells", async () => {
    const wb = new FakeWorkbook([{ name: "空表" }, { name: "客户名单", cells: clientCells() }]);
    const host = new ExcelHost(wb.run);
    await expect(host.readClientBlock({ sheet: "没有" })).rejects.toEqual(new HostError("noSuchSheet", "没有"));
    await expect(host.readClientBlock({ table: "Nope" })).rejects.toEqual(new HostError("noSuchTable", "Nope"));
    await expect(host.readClientBlock({ selection: true })).rejects.toMatchObject({ code: "noSelection" });
    expect(await host.readClientBlock({ sheet: "空表" })).toEqual({ source: "空表", cells: [], firstRow: 1, hiddenRows: 0 });
    const outcome = await runSegmentation(host, { asOf: AS_OF, source: { sheet: "没有" } });
    expect(outcome).toEqual({ ok: false, issue: { code: "noSuchSheet", params: { value: "没有" } } });
  });

  it("gives a sheet's values from A1 even when the used range starts further down and right", async () => {
    const wb = new FakeWorkbook([{ name: "S", cells: [[], [], [undefined, undefined, "客户编号", "备注"], [undefined, undefined, "K1", "好"]] }]);
    const values = await new ExcelHost(wb.run).readSheetValues("S");
    expect(values).toEqual([
      ["", "", "", ""],
      ["", "", "", ""],
      ["", "", "客户编号", "备注"],
      ["", "", "K1", "好"],
    ]);
  });
});

describe("ExcelHost through a whole run (fake Excel)", () => {
  it("writes the output sheets, their tables, the chart and the settings, and leaves the source alone", async () => {
    const wb = book();
    const source = structuredClone(wb.sheet("客户名单")!.grid);
    const outcome = await runSegmentation(new ExcelHost(wb.run), { asOf: AS_OF });
    expect(outcome.ok).toBe(true);
    expect(wb.log.filter((l) => l.startsWith("add:"))).toEqual([
      "add:分层概览",
      "add:客户分层",
      "add:经营计划",
      "add:行动日历",
      "add:目标名单",
      "add:经营手册",
      "add:数据问题",
      "add:变动",
      "add:分层历史",
      "add:_ClientLadder",
    ]);
    expect(wb.log).toContain("suspend");
    expect(wb.sheet("客户名单")!.grid).toEqual(source);

    // Segments: header, the largest client first, tiers by count
    const segments = tableRows(wb.sheet("客户分层")!);
    expect(segments[0]).toEqual(["客户编号", "客户姓名", "业务员", "保费", "排名", "累计占比", "分层", "评分", "评级", "象限", "源行号", "备注"]);
    expect(segments[1].slice(0, 5)).toEqual(["K020", "罗华", "李娜", 200000, 1]);
    expect(segments[1][col(segments, "源行号")]).toBe(23);
    const tiers = new Set(segments.slice(1).map((r) => r[col(segments, "分层")]));
    expect([...tiers].filter((t) => t !== "")).toEqual(["关键", "重点", "一般", "维持"]);
    // a name that looks like a formula stays text, in a text-formatted column
    expect(segments.find((r) => r[0] === "K009")![1]).toBe('=HYPERLINK("http://x","y")');
    for (const s of wb.sheets) expect(s.formulas).toEqual([]);
    const seg = wb.sheet("客户分层")!;
    expect(seg.formatAt(5, 0)).toBe("@");
    expect(seg.formatAt(5, 3)).toBe("#,##0");
    expect(seg.formatAt(5, 5)).toBe("0.0%");
    expect(seg.frozenRows).toBe(1);
    expect(seg.columnWidths.get(11)).toBeGreaterThan(seg.columnWidths.get(4)!);

    // Data issues: source row and reason
    const issues = tableRows(wb.sheet("数据问题")!);
    expect(issues[0]).toEqual(["源行号", "列", "值", "原因"]);
    const na = issues.find((r) => r[0] === 8)!;
    expect(na.slice(0, 3)).toEqual([8, "保费", "#N/A"]);
    expect(na[3]).toContain("#N/A");
    expect(issues.find((r) => r[0] === 10)![3]).toContain("K001");
    expect(issues.find((r) => r[0] === 6)![3]).toContain("120000");

    // one Excel table per OutputTable, where it was written
    const tables = Object.fromEntries(wb.tables.map((t) => [t.name, t]));
    expect(Object.keys(tables).sort()).toEqual(
      [
        "ClientLadder_Cadence",
        "ClientLadder_Calendar",
        "ClientLadder_DataIssues",
        "ClientLadder_DueSoon",
        "ClientLadder_Goals",
        "ClientLadder_History",
        "ClientLadder_Movers",
        "ClientLadder_Pareto",
        "ClientLadder_Planning",
        "ClientLadder_Plans",
        "ClientLadder_Quadrants",
        "ClientLadder_RfmSegments",
        "ClientLadder_Segments",
        "ClientLadder_Services",
        "ClientLadder_Targets",
        "ClientLadder_Tiers",
        "ClientLadder_Unmatched",
      ].sort(),
    );
    expect(tables.ClientLadder_Segments).toMatchObject({ row: 0, column: 0, rows: 20, columns: 12 });
    expect(tables.ClientLadder_Segments.sheet.name).toBe("客户分层");
    expect(tables.ClientLadder_Pareto.sheet.name).toBe("分层概览");

    // the Pareto chart: columns, the cumulative share as a line on the secondary axis
    const summary = wb.sheet("分层概览")!;
    expect(summary.charts).toHaveLength(1);
    const chart = summary.charts[0];
    expect(chart.type).toBe("ColumnClustered");
    expect(chart.source).toEqual({ row: tables.ClientLadder_Pareto.row, column: 0, rows: tables.ClientLadder_Pareto.rows, columns: 3 });
    expect(chart.series[1]).toEqual({ chartType: "Line", axisGroup: "Secondary" });
    expect(chart.title).toBe("帕累托图：保费集中度");
    expect(chart.position?.start).toMatchObject({ row: 0, column: 6 });
    expect(summary.bold.length).toBeGreaterThan(0);

    // settings
    const settings = JSON.parse(wb.settings.get(SETTINGS_KEY) as string);
    expect(settings.outputLanguage).toBe("zh-CN");
    // each owned sheet with the id Excel gives it, for the next run to prove it
    const owned = (key: string, name: string) => ({ key, name, id: `excel:${wb.sheet(name)!.id}` });
    expect(settings.owned).toEqual([
      owned("summary", "分层概览"),
      owned("segments", "客户分层"),
      owned("plans", "经营计划"),
      owned("calendar", "行动日历"),
      owned("targets", "目标名单"),
      owned("playbook", "经营手册"),
      owned("issues", "数据问题"),
      owned("changes", "变动"),
      owned("history", "分层历史"),
    ]);
  });

  it("keeps the notes people typed on Segments across re-runs, also after they re-sorted the rows", async () => {
    const wb = book();
    const host = new ExcelHost(wb.run);
    await runSegmentation(host, { asOf: AS_OF });
    const seg = () => wb.sheet("客户分层")!;
    const note = (id: string, text: string) => {
      const rows = tableRows(seg());
      const r = rows.findIndex((row) => row[0] === id);
      seg().grid[r][col(rows, "备注")] = text;
    };
    const noteOf = (id: string) => {
      const rows = tableRows(seg());
      return rows.find((row) => row[0] === id)![col(rows, "备注")];
    };
    note("K003", "已回访，下月续保");
    const before = seg();
    await runSegmentation(host, { asOf: AS_OF });
    // the sheet is emptied in place, never deleted, so formulas elsewhere that point at it keep working
    expect(wb.log).toContain("clear:客户分层");
    expect(wb.log.some((l) => l.startsWith("delete:"))).toBe(false);
    expect(seg()).toBe(before);
    expect(wb.sheets.filter((s) => s.name === "客户分层")).toHaveLength(1);
    // the Summary's chart was replaced, not doubled
    expect(wb.sheet("分层概览")!.charts).toHaveLength(1);
    expect(noteOf("K003")).toBe("已回访，下月续保");
    expect(noteOf("K004")).toBe("");

    // people sort the sheet: reverse the client rows, and add a note to another client
    seg().grid = [seg().grid[0], ...seg().grid.slice(1).reverse()];
    note("K017", "=要见面"); // looks like a formula: must come back as text
    await runSegmentation(host, { asOf: AS_OF });
    expect(noteOf("K003")).toBe("已回访，下月续保");
    expect(noteOf("K017")).toBe("=要见面");
    expect(seg().formulas).toEqual([]);
    expect(wb.tables.filter((t) => t.name.startsWith("ClientLadder_Segments")).map((t) => t.name)).toEqual(["ClientLadder_Segments"]);
    // replaced sheets keep their place in the tab order
    expect(wb.sheets.map((s) => s.name)).toEqual([
      "客户名单",
      "分层概览",
      "客户分层",
      "经营计划",
      "行动日历",
      "目标名单",
      "经营手册",
      "数据问题",
      "变动",
      "分层历史",
      "_ClientLadder",
    ]);
  });

  it("never touches a user's sheet of the same name: writes under a new name and says so", async () => {
    const mine = [["我的客户分层"], ["K001", "自己记的"]];
    const wb = book([{ name: "客户分层", cells: mine }]);
    const userSheet = wb.sheet("客户分层")!;
    // a table of the user's that holds a name the add-in wants
    wb.tables.push({ name: "ClientLadder_Segments", sheet: userSheet, row: 5, column: 5, rows: 1, columns: 1 });
    const outcome = await runSegmentation(new ExcelHost(wb.run), { asOf: AS_OF });
    expect(outcome.ok).toBe(true);
    expect(wb.sheet("客户分层")).toBe(userSheet);
    expect(userSheet.grid).toEqual(mine);
    expect(wb.log).not.toContain("delete:客户分层");
    expect(wb.sheet("客户分层 (2)")).toBeDefined();
    expect(tableRows(wb.sheet("客户分层 (2)")!)[0][0]).toBe("客户编号");
    expect(wb.tables.find((t) => t.sheet.name === "客户分层 (2)")!.name).toBe("ClientLadder_Segments_2");
    const issues = tableRows(wb.sheet("数据问题")!);
    const clash = issues.find((r) => r[2] === "客户分层")!;
    expect(clash).toBeDefined();
    expect(clash[3]).toContain("客户分层 (2)");
    const settings = JSON.parse(wb.settings.get(SETTINGS_KEY) as string);
    expect(settings.owned).toContainEqual({ key: "segments", name: "客户分层 (2)", id: `excel:${wb.sheet("客户分层 (2)")!.id}` });
  });
});

describe("ExcelHost helpers", () => {
  it("puts text that Excel would read as a formula behind a quote prefix only where asked", () => {
    expect(cellForExcel("=1+1", true)).toBe("'=1+1");
    expect(cellForExcel("-5", true)).toBe("'-5");
    expect(cellForExcel("@x", true)).toBe("'@x");
    expect(cellForExcel("'quoted", true)).toBe("''quoted");
    expect(cellForExcel("=1+1", false)).toBe("=1+1");
    expect(cellForExcel("王伟", true)).toBe("王伟");
    expect(cellForExcel(Number.NaN, true)).toBeNull();
    expect(cellForExcel(12, true)).toBe(12);
  });

  it("measures JSON in UTF-8 bytes", () => {
    expect(jsonBytes([["a", 1]])).toBe(Buffer.byteLength('[["a",1]]'));
    expect(jsonBytes([["客户"]])).toBe(Buffer.byteLength('[["客户"]]'));
  });
});

describe("ExcelHost at scale: 100,000 x 15 (fake Excel, metered)", () => {
  const ROWS = 100_000;
  const LIMIT_BYTES = 4_000_000;
  const EXCEL_MAX_CELLS = 5_000_000;

  it("the fake refuses an unchunked write as Excel on the web does (so the limits below can fail)", async () => {
    const wb = new FakeWorkbook([{ name: "S" }]);
    const cells = generateWideClientTable(ROWS);
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, cells.length, 15).values = cells;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(phaseFigures(wb.syncs, 0).maxWriteBytes).toBeGreaterThan(LIMIT_BYTES);
    expect(wb.sheet("S")!.used()).toBeNull(); // nothing of a refused request is done
  });

  it("reads in chunks under the cell and byte limits, and writes in requests under 4 MB, in a bounded number of syncs", async () => {
    const f = await excelAdapterFigures(ROWS);
    expect(f.columns).toBe(15);

    // read: one sync for the shape, then chunks; the first of READ_FIRST_CHUNK_CELLS, the others near READ_TARGET_BYTES
    expect(f.read.maxReadCells).toBeLessThanOrEqual(Math.min(READ_MAX_CELLS, EXCEL_MAX_CELLS));
    expect(f.read.maxReadBytes).toBeLessThan(LIMIT_BYTES);
    const firstChunkRows = Math.floor(READ_FIRST_CHUNK_CELLS / 15);
    const readBound = 1 + 1 + Math.ceil(f.read.totalReadBytes / (0.8 * READ_TARGET_BYTES));
    expect(f.read.syncs).toBeGreaterThanOrEqual(1 + Math.ceil((ROWS + 1) / Math.floor(READ_MAX_CELLS / 15)));
    expect(f.read.syncs).toBeLessThanOrEqual(readBound);
    expect(f.read.totalReadBytes).toBeGreaterThan(firstChunkRows); // it did read the data

    // write: requests packed up to WRITE_TARGET_BYTES (each at least 90% full but the last), and a fixed few small
    // syncs around them: the names of sheets and tables, the tab order, the ids of the sheets written, page setups
    // and formats, settings. Counted apart: the data's share no longer hides how many small syncs there are
    expect(f.write.maxWriteBytes).toBeLessThan(LIMIT_BYTES);
    expect(f.write.maxWriteBytes).toBeLessThanOrEqual(WRITE_TARGET_BYTES + 50_000);
    const dataSyncs = f.write.syncs - f.write.smallWriteSyncs;
    expect(dataSyncs).toBeLessThanOrEqual(1 + Math.ceil(f.write.totalWriteBytes / (0.9 * WRITE_TARGET_BYTES)));
    expect(f.write.smallWriteSyncs).toBeLessThanOrEqual(8);
    // the whole run reads the source once: open + read + (no notes on a first run) + write + settings
    expect(f.run.syncs).toBe(1 + f.read.syncs + f.write.syncs);
  });
});
