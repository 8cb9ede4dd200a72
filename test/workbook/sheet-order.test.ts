/*
 * The tabs after a run (both hosts): the user's sheets first as they had them, then the add-in's in
 * a fixed order, the settings store last and very hidden; the same after three re-runs, also when
 * people moved tabs or added sheets in between.
 */
import { arrangeTabs } from "../../src/core/ownership";
import { reorderSheets } from "../../src/workbook/package/edits";
import { readBook } from "../../src/workbook/package/book";
import { describeIssue } from "../../src/core/issues";
import type { OutputSheet } from "../../src/core/output";
import { ExcelHost } from "../../src/workbook/excel";
import { PackageHost } from "../../src/workbook/package/host";
import { sampleBytes } from "../../src/workbook/package/new-book";
import { readParts, text } from "../../src/workbook/package/parts";
import type { WorkbookHost } from "../../src/workbook/port";
import { runSegmentation } from "../../src/workbook/run";
import { FakeWorkbook } from "./excel-fake";

const OURS = ["分层概览", "客户分层", "经营计划", "行动日历", "目标名单", "经营手册", "数据问题", "变动", "分层历史"];

async function run(host: WorkbookHost): Promise<void> {
  const outcome = await runSegmentation(host, { asOf: "2026-11-22" });
  if (!outcome.ok) throw new Error(describeIssue(outcome.issue, "en-US"));
}

const note = (name: string): OutputSheet => ({
  key: "segments",
  name,
  freezeRows: 0,
  blocks: [{ row: 0, column: 0, cells: [["mine"]] }],
  tables: [],
});

describe("arrangeTabs", () => {
  it("keeps the user's order, puts the add-in's in the given order after them and the store last", () => {
    expect(arrangeTabs(["概览", "客户名单", "_ClientLadder", "备忘", "分层"], ["分层", "概览"], "_ClientLadder")).toEqual([
      "客户名单",
      "备忘",
      "分层",
      "概览",
      "_ClientLadder",
    ]);
    expect(arrangeTabs(["a", "b"], [], undefined)).toEqual(["a", "b"]);
  });
});

describe("reorderSheets", () => {
  it("moves the <sheet> elements and the sheet-scoped names and active tab with them; an order that changes nothing changes no byte", () => {
    const xml =
      `<workbook xmlns:r="r"><bookViews><workbookView activeTab="2"/></bookViews><sheets><sheet name="A" sheetId="1" r:id="rId1"/><sheet name="B" sheetId="2" r:id="rId2"/><sheet name="C" sheetId="5" r:id="rId3"/></sheets>` +
      `<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">A!$1:$1</definedName><definedName name="x" localSheetId="2">C!$A$1</definedName><definedName name="g">A!$A$1</definedName></definedNames></workbook>`;
    expect(reorderSheets(xml, [0, 1, 2])).toBe(xml);
    const moved = reorderSheets(xml, [2, 0, 1]);
    expect([...moved.matchAll(/name="(\w)" sheetId/g)].map((m) => m[1])).toEqual(["C", "A", "B"]);
    expect(moved).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">A!$1:$1</definedName>`);
    expect(moved).toContain(`<definedName name="x" localSheetId="0">C!$A$1</definedName>`);
    expect(moved).toContain(`<definedName name="g">A!$A$1</definedName>`);
    expect(moved).toContain(`activeTab="0"`);
  });
});

describe("the tab order across re-runs", () => {
  it("in an .xlsx: user's sheets first, ours in order, the store last and very hidden, after three runs and a user's moves", async () => {
    let host = PackageHost.fromBytes(sampleBytes());
    await run(host);
    host = PackageHost.fromBytes(host.toBytes());
    // the user adds a sheet at the end and another one (written here as a plain sheet) — both theirs
    await host.writeSheets([note("备忘")], []);
    host = PackageHost.fromBytes(host.toBytes());
    await run(host);
    host = PackageHost.fromBytes(host.toBytes());
    await run(host);
    const book = readBook(readParts(host.toBytes()));
    expect(book.sheets.map((s) => s.name)).toEqual(["客户名单", "备忘", ...OURS, "_ClientLadder"]);
    expect(book.sheets[book.sheets.length - 1].state).toBe("veryHidden");
    // the Summary is the active tab
    const workbookXml = text(readParts(host.toBytes()), book.workbookPart)!;
    expect(/activeTab="(\d+)"/.exec(workbookXml)?.[1]).toBe(String(2));
  });

  it("in Excel: the same order after three runs, also when the user dragged the Summary first in between", async () => {
    const cells = (await PackageHost.fromBytes(sampleBytes()).readSheetValues("客户名单")) as unknown[][];
    const wb = new FakeWorkbook([{ name: "客户名单", cells }]);
    await run(new ExcelHost(wb.run));
    // the user moves the Summary to the front and adds a sheet of their own after ours
    const summary = wb.sheets.find((s) => s.name === "分层概览")!;
    wb.sheets.splice(wb.sheets.indexOf(summary), 1);
    wb.sheets.unshift(summary);
    wb.sheets.push(new FakeWorkbook([{ name: "备忘", cells: [["mine"]] }]).sheets[0]);
    await run(new ExcelHost(wb.run));
    await run(new ExcelHost(wb.run));
    expect(wb.sheets.map((s) => s.name)).toEqual(["客户名单", "备忘", ...OURS, "_ClientLadder"]);
    expect(wb.sheets[wb.sheets.length - 1].visibility).toBe("VeryHidden");
  });
});
