/*
 * Runs on .xlsx files through the package host (src/workbook/package/host.ts), each output saved to a
 * real file and read back both by the host and, independently, by ExcelJS: the sample, the messy
 * fixture (SPEC section 8), notes kept across a re-run, English headers, sheets that are not the
 * add-in's, and the settings saved in the workbook.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { describeIssue } from "../../src/core/issues";
import { sampleBook } from "../../src/core/sample";
import { SETTINGS_SHEET } from "../../src/core/settings";
import { newBook, sampleBytes } from "../../src/workbook/package/new-book";
import { readParts } from "../../src/workbook/package/parts";
import { HostError } from "../../src/workbook/port";
import { runSegmentation, type RunOptions } from "../../src/workbook/run";
import { bookOf, plainValue, saveAndReload as reload, savedByExcelJs, type XlsxBook } from "./xlsx-book";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const AS_OF = "2026-03-01";
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "client-ladder-xlsx-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function fixture(name: string): Promise<XlsxBook> {
  return bookOf(new Uint8Array(await fs.readFile(path.join(FIXTURES, name))));
}

/** Saves to a real file and opens it again, as the next person would. */
function saveAndReload(book: XlsxBook, name: string): Promise<XlsxBook> {
  return reload(book, path.join(dir, name));
}

async function run(book: XlsxBook, options: Partial<RunOptions> = {}) {
  const outcome = await runSegmentation(book.host, { asOf: AS_OF, ...options });
  if (!outcome.ok) throw new Error(`run failed: ${describeIssue(outcome.issue, "en-US")}`);
  return outcome;
}

/** Every cell of a sheet as address -> value, with merges and hidden rows. */
function snapshot(ws: ExcelJS.Worksheet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (row.hidden) out[`hidden:${r}`] = true;
    row.eachCell({ includeEmpty: false }, (cell) => {
      out[cell.address] = cell.value instanceof Date ? cell.value.toISOString() : JSON.parse(JSON.stringify(cell.value ?? null));
    });
  });
  out.merges = JSON.parse(JSON.stringify((ws.model as unknown as { merges: string[] }).merges));
  return out;
}

function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  const width = ws.columnCount;
  ws.eachRow((row, r) => {
    const values = row.values as unknown[];
    rows[r - 1] = Array.from({ length: width }, (_, c) => plainValue(values[c + 1]));
  });
  return rows;
}

describe("plainValue (test/workbook/xlsx-book.ts): ExcelJS cell shapes as the core reads them", () => {
  it("keeps plain values and dates, flattens rich text, links, formulas and errors", () => {
    const date = new Date(Date.UTC(1985, 2, 7));
    expect(plainValue(undefined)).toBeNull();
    expect(plainValue(12)).toBe(12);
    expect(plainValue("=1+1")).toBe("=1+1");
    expect(plainValue(true)).toBe(true);
    expect(plainValue(date)).toBe(date);
    expect(plainValue({ error: "#N/A" })).toEqual({ error: "#N/A" });
    expect(plainValue({ richText: [{ text: "卫" }, { text: "十三" }] })).toBe("卫十三");
    expect(plainValue({ text: "李经理", hyperlink: "mailto:x" })).toBe("李经理");
    expect(plainValue({ formula: "1+1", result: 2 })).toBe(2);
    expect(plainValue({ formula: "A1" })).toBeNull();
    expect(plainValue({ sharedFormula: "B2", result: { error: "#DIV/0!" } })).toEqual({ error: "#DIV/0!" });
  });
});

describe("the sample book", () => {
  it("is the same for the same seed and has the messy cells of SPEC section 8", () => {
    const a = sampleBook();
    expect(sampleBook()).toEqual(a);
    expect(sampleBook(300, 7)).not.toEqual(a);
    const clients = a.rows.filter((r) => r.some((c) => c !== null));
    expect(clients).toHaveLength(300);
    const flat = a.rows.flat();
    for (const messy of ["12万", "¥3,000", "1985/3/7", "1985年3月7日"]) expect(flat).toContain(messy);
    expect(flat).toContainEqual({ error: "#N/A" });
    expect(flat.some((c) => typeof c === "number" && c < 0)).toBe(true);
    expect(new Set(a.rows.map((r) => r[2]).filter(Boolean)).size).toBeGreaterThanOrEqual(5);
  });

  it("segments as a workbook: merged title read once, one hidden row, issues at their sheet rows", async () => {
    const sample = sampleBook();
    const host = await saveAndReload(await bookOf(sampleBytes(sample)), "sample.xlsx");
    const block = await host.host.readClientBlock({ sheet: sample.sheetName });
    expect(block.firstRow).toBe(1);
    expect(block.cells[0][0]).toBe(sample.title);
    expect(block.cells[0].slice(1).every((c) => c === null)).toBe(true);
    expect(block.hiddenRows).toBe(1);
    expect(block.cells[2][4]).toBeInstanceOf(Date);

    const outcome = await run(host);
    expect(outcome.result.clients).toHaveLength(299);
    expect(outcome.settings.outputLanguage).toBe("zh-CN");
    const where = (code: string) => outcome.issues.filter((i) => i.issue.code === code).map((i) => [i.row, i.value]);
    // rows[4] of the sample is sheet row 7: title, header, then clients from row 3
    expect(where("readFromText")).toEqual([
      [7, "12万"],
      [12, "¥3,000"],
    ]);
    expect(where("errorValue")).toEqual([[17, "#N/A"]]);
    expect(where("negativeValue")).toEqual([[22, "-5000"]]);
    expect(where("duplicateId")).toEqual([[37, sample.rows[33][0]]]);
    expect(where("hiddenRowsIncluded")).toEqual([[null, "1"]]);
  });
});

describe("a run on the messy fixture (SPEC section 8)", () => {
  let host: XlsxBook;
  let before: Record<string, unknown>;

  beforeAll(async () => {
    host = await fixture("messy.xlsx");
    before = snapshot(host.workbook.getWorksheet("名单")!);
    await run(host);
    host = await saveAndReload(host, "messy-out.xlsx");
  });

  it("writes a Data issues row for every row left out or read with a correction, in zh-CN", () => {
    const rows = rowsOf(host.workbook.getWorksheet("数据问题")!);
    expect(rows[0]).toEqual(["源行号", "列", "值", "原因"]);
    expect(rows.slice(1)).toEqual([
      [null, null, "2", "有 2 行被隐藏或筛选掉，仍已计入分层。"],
      [5, "年缴保费", "12万", "文本“12万”按数字 120000 读取。"],
      [7, "年缴保费", "¥3,000", "文本“¥3,000”按数字 3000 读取。"],
      [8, "年缴保费", "#N/A", "单元格含错误值 #N/A：请先修正该单元格。"],
      [9, "客户编号", "K002", "客户编号 K002 与第 5 行重复：该行未计入，请合并或更正编号。"],
      [10, "客户编号", null, "没有客户编号：该行未计入。请补上编号后重新运行。"],
      [11, "年缴保费", "-500", "年缴保费 不能为负数（-500）：业绩、保费等数值应大于或等于 0。"],
      [12, "年缴保费", "50000000000000", "50000000000000 大于 1 万亿，不像真实数值：该值未使用，请核对。"],
      [15, "年缴保费", "abc", "“abc”不是数字：请填写数字，如 1200、1,200、¥3,000、12万 或 35%。"],
      [16, "能力", "#DIV/0!", "单元格含错误值 #DIV/0!：请先修正该单元格。"],
    ]);
  });

  it("reads rich text, hyperlinks and formula results, and keeps =, +, -, @ text as text", () => {
    const ws = host.workbook.getWorksheet("客户分层")!;
    const rows = rowsOf(ws);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byId.get("K010")!.slice(1, 4)).toEqual(["卫十三", "李经理", 5000]);
    expect(byId.get("K002")![3]).toBe(120000);
    for (const [id, name, owner] of [
      ["K011", "=1+1", "+86 138 0000 0000"],
      ["K012", "-负号开头", "@SUM(A1)"],
    ]) {
      const r = rows.findIndex((row) => row[0] === id) + 1;
      for (const [col, text] of [
        [2, name],
        [3, owner],
      ] as const) {
        const cell = ws.getCell(r, col);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(cell.formula).toBeUndefined();
        expect(cell.value).toBe(text);
      }
    }
  });

  it("writes real tables with formats, widths and a frozen header", () => {
    const ws = host.workbook.getWorksheet("客户分层")!;
    const table = ws.getTable("ClientLadder_Segments") as unknown as { table: { tableRef: string } };
    expect(table.table.tableRef).toBe("A1:L13");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getCell("D2").numFmt).toBe("#,##0");
    expect(ws.getCell("F2").numFmt).toBe("0.0%");
    expect(ws.getColumn(12).width).toBe(30);
    const summary = host.workbook.getWorksheet("分层概览")!;
    expect(summary.getCell("A1").font?.bold).toBe(true);
    // the Pareto chart is a chart part (ExcelJS does not read charts), not the note the ExcelJS adapter wrote
    expect([...readParts(host.bytes).keys()].filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))).toHaveLength(1);
    expect(summary.getCell("G2").value).toBeNull();
    expect(summary.getTables().length).toBeGreaterThanOrEqual(3);
  });

  it("leaves the source sheet exactly as it was", () => {
    expect(snapshot(host.workbook.getWorksheet("名单")!)).toEqual(before);
  });

  it("keeps notes typed on the Segments sheet by client id, also after the rows were re-sorted", async () => {
    const ws = host.workbook.getWorksheet("客户分层")!;
    const rows = rowsOf(ws);
    const notesCol = 12;
    // people type notes, then sort the list by id descending
    const data = rows.slice(1).map((r) => [...r]);
    for (const r of data) if (r[0] === "K003" || r[0] === "K010") r[notesCol - 1] = `回访 ${r[0]}`;
    data.sort((a, b) => String(b[0]).localeCompare(String(a[0])));
    data.forEach((r, i) => {
      ws.getRow(i + 2).values = r as ExcelJS.CellValue[];
    });
    const edited = await savedByExcelJs(host.workbook, path.join(dir, "messy-notes.xlsx"));

    const second = await run(edited);
    expect(second.sheets.find((s) => s.key === "segments")).toMatchObject({ name: "客户分层", replace: true });
    const again = await saveAndReload(edited, "messy-rerun.xlsx");
    // rewritten sheets keep their tab positions; the playbook, read and left as it is, keeps its own
    expect(again.workbook.worksheets.map((w) => w.name)).toEqual([
      "名单",
      "分层概览",
      "客户分层",
      "经营计划",
      "行动日历",
      "目标名单",
      "经营手册",
      "数据问题",
      "变动",
      "分层历史",
      SETTINGS_SHEET,
    ]);
    const notes = rowsOf(again.workbook.getWorksheet("客户分层")!)
      .slice(1)
      .filter((r) => r[notesCol - 1] !== null)
      .map((r) => [r[0], r[notesCol - 1]]);
    expect(notes.sort()).toEqual([
      ["K003", "回访 K003"],
      ["K010", "回访 K010"],
    ]);
    expect(snapshot(again.workbook.getWorksheet("名单")!)).toEqual(before);
  });
});

describe("English headers", () => {
  it("write English sheets and reasons", async () => {
    const host = await fixture("english.xlsx");
    const outcome = await run(host);
    expect(outcome.settings.outputLanguage).toBe("en-US");
    const out = await saveAndReload(host, "english-out.xlsx");
    expect(out.workbook.worksheets.filter((w) => w.state !== "veryHidden").map((w) => w.name)).toEqual([
      "Clients",
      "Notes",
      "Summary",
      "Segments",
      "Plans",
      "Calendar",
      "Targets",
      "Playbook",
      "Data issues",
      "Changes",
      "Tier history",
    ]);
    expect(rowsOf(out.workbook.getWorksheet("Data issues")!).slice(1)).toEqual([
      [3, "Premium", "1,200", 'The text "1,200" was read as the number 1200.'],
      [6, "Premium", "35%", 'The text "35%" was read as the number 0.35.'],
    ]);
    // a native chart, not the ExcelJS adapter's note that Excel draws it
    expect([...readParts(out.bytes).keys()].filter((p) => p.startsWith("xl/charts/chart"))).toHaveLength(1);
    expect(out.workbook.getWorksheet("Summary")!.getCell("G2").value).toBeNull();
  });
});

describe("tables the run cannot use", () => {
  it("an empty table gives the clear message", async () => {
    const outcome = await runSegmentation((await fixture("empty.xlsx")).host, { asOf: AS_OF, source: { sheet: "客户" } });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issue.code).toBe("emptyTable");
    expect(describeIssue(outcome.issue, "zh-CN")).toBe("客户表“客户”中没有客户数据行。");
  });

  it("a book without a client table says so, and writes nothing", async () => {
    const host = await fixture("no-table.xlsx");
    const outcome = await runSegmentation(host.host, { asOf: AS_OF });
    expect(outcome.ok ? "ok" : outcome.issue.code).toBe("noClientSheetIn");
    // and says where it looked: every sheet with cells, from its first row
    if (!outcome.ok) expect(describeIssue(outcome.issue, "en-US")).toMatch(/^No client table was found: none of rows 1–\d+ of "备忘" has a header row/);
    expect((await saveAndReload(host, "no-table-out.xlsx")).workbook.worksheets.map((w) => w.name)).toEqual(["备忘"]);
  });

  it("a missing sheet, table or selection is a HostError the run turns into an issue", async () => {
    const { host } = await fixture("english.xlsx");
    await expect(host.readClientBlock({ sheet: "Nope" })).rejects.toMatchObject({ code: "noSuchSheet", detail: "Nope" });
    await expect(host.readClientBlock({ table: "T1" })).rejects.toBeInstanceOf(HostError);
    await expect(host.readClientBlock({ selection: true })).rejects.toMatchObject({ code: "noSelection" });
    expect(await host.readClientBlock({ sheet: "clients" })).toMatchObject({ source: "Clients", firstRow: 1, hiddenRows: 0 });
    const outcome = await runSegmentation(host, { asOf: AS_OF, source: { sheet: "Nope" } });
    expect(outcome.ok ? "ok" : outcome.issue).toEqual({ code: "noSuchSheet", params: { value: "Nope" } });
  });
});

describe("sheets that are not the add-in's", () => {
  it("a user sheet named 客户分层 is kept and the output goes to 客户分层 (2)", async () => {
    const host = await fixture("taken.xlsx");
    const mine = snapshot(host.workbook.getWorksheet("客户分层")!);
    const outcome = await run(host);
    expect(outcome.sheets.find((s) => s.key === "segments")).toMatchObject({ name: "客户分层 (2)", clashedWith: "客户分层" });
    const out = await saveAndReload(host, "taken-out.xlsx");
    expect(snapshot(out.workbook.getWorksheet("客户分层")!)).toEqual(mine);
    expect(rowsOf(out.workbook.getWorksheet("客户分层 (2)")!)).toHaveLength(13);
    expect(rowsOf(out.workbook.getWorksheet("数据问题")!)[1]).toEqual([
      null,
      null,
      "客户分层",
      "工作表“客户分层”不是本插件创建的，未改动；结果写入了“客户分层 (2)”。",
    ]);
    // the next run replaces its own sheet and still leaves the user's alone
    await run(out);
    const again = await saveAndReload(out, "taken-rerun.xlsx");
    expect(again.workbook.worksheets.map((w) => w.name).filter((n) => n.startsWith("客户分层"))).toEqual(["客户分层", "客户分层 (2)"]);
    expect(snapshot(again.workbook.getWorksheet("客户分层")!)).toEqual(mine);
  });
});

describe("settings saved in the workbook", () => {
  it("live in a very hidden sheet left out of the sheet list, and the next run uses them", async () => {
    const host = await fixture("messy.xlsx");
    await run(host, { config: { version: 1, valueLadder: { preset: "abc" }, quadrant: false }, lang: "en-US" });
    const out = await saveAndReload(host, "settings.xlsx");
    const store = out.workbook.getWorksheet(SETTINGS_SHEET)!;
    expect(store.state).toBe("veryHidden");
    const snap = await out.host.open();
    expect(snap.sheetNames).toEqual(["名单", "Summary", "Segments", "Plans", "Calendar", "Targets", "Playbook", "Data issues", "Changes", "Tier history"]);
    expect(JSON.parse(String(snap.settings))).toMatchObject({
      outputLanguage: "en-US",
      config: { valueLadder: { preset: "abc" }, quadrant: false, sheet: "名单" },
    });

    const second = await run(out);
    expect(second.result.lang).toBe("en-US");
    expect(second.result.tiers.map((t) => t.label)).toEqual(["A", "B", "C"]);
    expect(second.result.models.quadrant).toBe(false);
    expect(second.sheets.every((s) => s.replace)).toBe(true);
  });

  it("longer than one cell holds are split down column A and read back whole", async () => {
    const host = await bookOf(newBook({ name: "Sheet1", rows: [] }));
    const json = JSON.stringify({ note: "x".repeat(70000) });
    await host.host.writeSettings(json);
    const out = await saveAndReload(host, "long-settings.xlsx");
    const store = out.workbook.getWorksheet(SETTINGS_SHEET)!;
    expect(String(store.getCell("A1").value)).toHaveLength(32767);
    expect(store.getCell("A3").value).not.toBeNull();
    expect((await out.host.open()).settings).toBe(json);
    await out.host.writeSettings("{}");
    expect((await out.host.open()).settings).toBe("{}");
  });
});
