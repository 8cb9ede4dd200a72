/*
 * Merged cells inside Excel: the adapter asks Range.getMergedAreasOrNullObject (ExcelApi 1.13) for
 * the areas whose top-left cell is in the client block, reads their places through RangeAreas.areas,
 * and hands them to core, which reads each covered cell as its anchor's value. Against the fake
 * Excel (test/fake-office/excel.ts), which loads before it reads and fails past 512 areas.
 */
import { describeIssue } from "../../src/core/issues";
import { segment } from "../../src/core/job";
import { ExcelHost } from "../../src/workbook/excel";
import { FakeWorkbook, versionAtLeast } from "../fake-office/excel";

const only = (version: string) => (wanted: string) => versionAtLeast(version, wanted);

// column A blank, so the block starts at column B; the title merged over B1:E1, 李经理 over D3:D5, 王经理 over D6:D7
const cells = [
  [null, "客户清单"],
  [null, "客户编号", "客户姓名", "业务员", "保费"],
  [null, "C1", "甲", "李经理", 100],
  [null, "C2", "乙", null, 50],
  [null, "C3", "丙", null, 30],
  [null, "C4", "丁", "王经理", 20],
  [null, "C5", "戊", null, 10],
];
const merged = [
  { row: 0, column: 1, rows: 1, columns: 4 },
  { row: 2, column: 3, rows: 3, columns: 1 },
  { row: 5, column: 3, rows: 2, columns: 1 },
];

describe("ExcelHost: merged cells of the client block", () => {
  it("gives the merged areas as indices into the block, and the run fills the owners", async () => {
    const wb = new FakeWorkbook([{ name: "名单", cells, merged }]);
    const block = await new ExcelHost(wb.run, only("1.13")).readClientBlock({ sheet: "名单" });
    expect(block.merged).toEqual([
      { top: 0, left: 0, bottom: 0, right: 3 },
      { top: 2, left: 2, bottom: 4, right: 2 },
      { top: 5, left: 2, bottom: 6, right: 2 },
    ]);
    expect(wb.log).toContain("mergedAreas:0+7");
    const r = segment(block, { version: 1 }, "en-US");
    expect(r.ok && r.value.clients.map((c) => c.owner)).toEqual(["李经理", "李经理", "李经理", "王经理", "王经理"]);
    expect(r.ok && r.value.issues.filter((i) => i.issue.code === "mergedCellsRead").map((i) => i.row)).toEqual([3, 6]);
  });

  it("without ExcelApi 1.13 reads the block as before, never calling the API, covered cells blank", async () => {
    const wb = new FakeWorkbook([{ name: "名单", cells, merged }]);
    const block = await new ExcelHost(wb.run, only("1.12")).readClientBlock({ sheet: "名单" });
    expect(block.merged).toBeUndefined();
    expect(wb.log.some((l) => l.startsWith("mergedAreas") || l.startsWith("error"))).toBe(false);
    const r = segment(block, { version: 1 }, "en-US");
    expect(r.ok && r.value.clients.map((c) => c.owner)).toEqual(["李经理", "", "", "王经理", ""]);
    // not silently: the blank owners right under an owner (C2, C5) may be merged cells, and the run says so once
    expect(block.mergedUnknown).toBe(true);
    expect(r.ok && r.value.issues.filter((i) => i.issue.code === "mergedCellsUnknown")).toEqual([
      { row: null, column: "业务员", value: "", issue: { code: "mergedCellsUnknown", params: { column: "业务员", count: 2 } } },
    ]);
    expect(describeIssue({ code: "mergedCellsUnknown", params: { column: "业务员", count: 2 } }, "zh-CN")).toContain("ExcelApi 1.13");
  });

  it("without ExcelApi 1.13, a table with no blank under a value gives no such row; with 1.13, never", async () => {
    const plain = cells.map((row) => row.map((v) => v ?? "x"));
    const old = await new ExcelHost(new FakeWorkbook([{ name: "名单", cells: plain }]).run, only("1.12")).readClientBlock({ sheet: "名单" });
    const r = segment(old, { version: 1 }, "en-US");
    expect(old.mergedUnknown).toBe(true);
    expect(r.ok && r.value.issues.some((i) => i.issue.code === "mergedCellsUnknown")).toBe(false);
    const current = await new ExcelHost(new FakeWorkbook([{ name: "名单", cells, merged }]).run, only("1.13")).readClientBlock({ sheet: "名单" });
    const s = segment(current, { version: 1 }, "en-US");
    expect(current.mergedUnknown).toBeUndefined();
    expect(s.ok && s.value.issues.some((i) => i.issue.code === "mergedCellsUnknown")).toBe(false);
  });

  it("a sheet without merged areas gives none, in one more sync", async () => {
    const plain = cells.map((row) => row.map((v) => v ?? "x"));
    const wb = new FakeWorkbook([{ name: "名单", cells: plain }]);
    const without = new FakeWorkbook([{ name: "名单", cells: plain }]);
    const block = await new ExcelHost(wb.run, only("1.13")).readClientBlock({ sheet: "名单" });
    await new ExcelHost(without.run, only("1.12")).readClientBlock({ sheet: "名单" });
    expect(block.merged).toEqual([]);
    expect(wb.syncs.length - without.syncs.length).toBe(1);
  });

  it("past 512 areas, Excel's limit, asks for the rows in halves and still gets every area", async () => {
    // 600 rows, each merging its columns C:D: 600 areas in the block
    const rows: unknown[][] = [["客户编号", "客户姓名", "备注", null]];
    const areas = [];
    for (let i = 1; i <= 600; i++) {
      rows.push([`C${i}`, `客户${i}`, "同上", null]);
      areas.push({ row: i, column: 2, rows: 1, columns: 2 });
    }
    const wb = new FakeWorkbook([{ name: "长表", cells: rows, merged: areas }]);
    const block = await new ExcelHost(wb.run, only("1.13")).readClientBlock({ sheet: "长表" });
    expect(block.merged).toHaveLength(600);
    // column D holds no value, so the used range ends at C: the area is cut at the block's edge
    expect(block.merged?.[599]).toEqual({ top: 600, left: 2, bottom: 600, right: 2 });
    // the pieces asked for (the fake logs each time it resolves one): the whole block failed, its halves did not
    expect([...new Set(wb.log.filter((l) => l.startsWith("mergedAreas")))]).toEqual(["mergedAreas:0+301", "mergedAreas:301+300"]);
    expect(wb.log).toContain("error:GeneralException");
  });
});
