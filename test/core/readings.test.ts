/*
 * Tables as people lay them out (issue 9, "Readings"): merged cells, the header printed again
 * inside the table, subtotal rows, and placeholder dates Excel cannot show. Every table is small
 * and made by hand; every expected value is worked out by hand in the comment beside it.
 */
import { dayOf, dayOfSerial, EXCEL_LAST_DAY, isoOf, readDate } from "../../src/core/dates";
import { describeIssue } from "../../src/core/issues";
import { segment, type ClientBlock, type Segmentation } from "../../src/core/job";
import { readMergedCells } from "../../src/core/merged";
import { isTotalLabel, repeatsHeader } from "../../src/core/not-clients";
import { planClients } from "../../src/core/plan";
import { DEFAULT_PLAYBOOK } from "../../src/core/playbook";

const HEADER = ["客户编号", "客户姓名", "业务员", "保费"];

function run(block: ClientBlock, lang: "zh-CN" | "en-US" = "zh-CN"): Segmentation {
  const r = segment(block, { version: 1 }, lang);
  if (!r.ok) throw new Error(describeIssue(r.issue, "en-US"));
  return r.value;
}

describe("merged cells are read as their anchor's value", () => {
  // sheet row 1: a title merged over A1:D1; row 2: the header; rows 3-5: 李经理 merged over C3:C5;
  // rows 6-7: 王经理 merged over C6:C7
  const cells: unknown[][] = [
    ["客户清单", null, null, null],
    HEADER,
    ["C1", "甲", "李经理", 100],
    ["C2", "乙", null, 50],
    ["C3", "丙", null, 30],
    ["C4", "丁", "王经理", 20],
    ["C5", "戊", null, 10],
  ];
  const merged = [
    { top: 0, left: 0, bottom: 0, right: 3 },
    { top: 2, left: 2, bottom: 4, right: 2 },
    { top: 5, left: 2, bottom: 6, right: 2 },
  ];

  it("gives every client under a merged owner that owner", () => {
    const r = run({ source: "名单", cells, firstRow: 1, merged });
    const owners = Object.fromEntries(r.clients.map((c) => [c.id, c.owner]));
    expect(owners).toEqual({ C1: "李经理", C2: "李经理", C3: "李经理", C4: "王经理", C5: "王经理" });
    // without the areas the covered cells are blank, as Excel stores them
    const plain = run({ source: "名单", cells, firstRow: 1 });
    expect(plain.clients.find((c) => c.id === "C2")?.owner).toBe("");
  });

  it("says so in one Data issues row per merged block: rows spanned, cells filled, value", () => {
    const r = run({ source: "名单", cells, firstRow: 1, merged });
    const rows = r.issues.filter((i) => i.issue.code === "mergedCellsRead");
    // C3:C5 filled 2 cells (rows 4, 5), C6:C7 filled 1 (row 7); the title above the header is no client's
    expect(rows.map((i) => [i.row, i.column, i.value])).toEqual([
      [3, "业务员", "李经理"],
      [6, "业务员", "王经理"],
    ]);
    expect(describeIssue(rows[0].issue, "zh-CN")).toBe("“业务员”列第 3–5 行是合并单元格：其中 2 个空单元格按第 3 行的值“李经理”读取。");
    expect(describeIssue(rows[1].issue, "en-US")).toBe('Rows 6–7 of "业务员" are merged cells: 1 blank cell(s) were read as "王经理", the value on row 6.');
  });

  it("does not change the cells it was given, and leaves a covered cell that holds a value as it is", () => {
    const given = [["A"], ["x"], [null], ["y"]];
    const read = readMergedCells(given, [{ top: 1, left: 0, bottom: 3, right: 0 }], 0);
    expect(read.cells).toEqual([["A"], ["x"], ["x"], ["y"]]);
    expect(read.read).toEqual([{ area: { top: 1, left: 0, bottom: 3, right: 0 }, value: "x", filled: 1 }]);
    expect(given[2][0]).toBeNull();
  });
});

describe("repeated header rows and subtotal rows are not clients", () => {
  // row 1 header; the sheet row of each line is its index + 1
  const cells: unknown[][] = [
    HEADER,
    ["C1", "甲", "李", 100], // 2: client
    ["C2", "乙", "李", 50], // 3: client
    [null, null, "李 小计", 150], // 4: subtotal, label in the owner column
    [...HEADER], // 5: the header printed again
    ["C3", "丙", "王", 30], // 6: client
    ["王经理小计", null, null, 30], // 7: subtotal, label in the id column
    [" 客户编号 ", "客户姓名", null, null], // 8: a repeated header, partly
    ["C4", "Total Care Ltd", "王", 20], // 9: a client whose name begins with Total
    [null, null, "Subtotal - East", 35], // 10: subtotal in English
    [null, null, "小计", null], // 11: a label without numbers: a row without an id, not a total
  ];

  it("keeps the clients, and reports each other row with its reason", () => {
    const r = run({ source: "S", cells, firstRow: 1 });
    expect(r.clients.map((c) => c.id)).toEqual(["C1", "C2", "C3", "C4"]);
    expect(r.rowsRead).toBe(10);
    expect(r.issues.map((i) => [i.row, i.issue.code, i.value])).toEqual([
      [4, "totalRow", "李 小计"],
      [5, "repeatedHeader", "客户编号"],
      [7, "totalRow", "王经理小计"],
      [8, "repeatedHeader", "客户编号"],
      [10, "totalRow", "Subtotal - East"],
      [11, "blankId", ""],
    ]);
    // the value of the totals is not counted: 100 + 50 + 30 + 20
    expect(r.total).toBe(200);
    expect(describeIssue(r.issues[1].issue, "zh-CN")).toBe("这一行重复了表头（打印长名单时每页都有）：不是客户，未计入。");
  });

  it("a repeated header needs the key cell and at least two cells to match, and nothing else in the row", () => {
    expect(repeatsHeader(["ＣＬＩＥＮＴ ID", "name"], ["Client ID", "Name"], 0)).toBe(true);
    expect(repeatsHeader(["客户编号", "张三", "李"], HEADER, 0)).toBe(false);
    expect(repeatsHeader(["客户编号", null, null, null], HEADER, 0)).toBe(false);
    expect(repeatsHeader(["客户编号", "客户姓名", "业务员", 5], HEADER, 0)).toBe(false);
  });

  it("knows a total's label in Chinese and English, and not a name that only starts with Total", () => {
    for (const label of ["合计", "小计：李经理", "李经理 小计", "Total:", "Total - East", "Grand Total", "East Subtotal", "ｔｏｔａｌ"])
      expect([label, isTotalLabel(label)]).toEqual([label, true]);
    for (const name of ["Total Care Ltd", "合计A", "张三", "Sumatra Trading", ""]) expect([name, isTotalLabel(name)]).toEqual([name, false]);
  });
});

describe("dates outside what Excel can show", () => {
  it("reads 9999-12-31 in every form, and reports what is before 1900-01-01 or after 9999-12-31", () => {
    const last = dayOf(9999, 12, 31);
    expect(last).toBe(EXCEL_LAST_DAY);
    expect(readDate(2958465)).toEqual({ kind: "date", day: last, fromText: false });
    expect(dayOfSerial(2958465)).toBe(last);
    expect(readDate("9999-12-31")).toEqual({ kind: "date", day: last, fromText: true });
    expect(readDate(new Date(Date.UTC(9999, 11, 31)))).toEqual({ kind: "date", day: last, fromText: false });
    expect(readDate(2958466)).toEqual({ kind: "issue", issue: { code: "dateOutsideExcel", params: { value: "2958466" } } });
    expect(readDate(new Date(Date.UTC(10000, 0, 1)))).toEqual({ kind: "issue", issue: { code: "dateOutsideExcel", params: { value: "10000-01-01" } } });
    expect(readDate(new Date(Date.UTC(1899, 11, 31)))).toEqual({ kind: "issue", issue: { code: "dateOutsideExcel", params: { value: "1899-12-31" } } });
    expect(readDate("1899-12-31")).toEqual({ kind: "issue", issue: { code: "dateOutsideExcel", params: { value: "1899-12-31" } } });
    expect(readDate("1899-13-31")).toEqual({ kind: "issue", issue: { code: "dateUnreadable", params: { value: "1899-13-31" } } });
  });

  it("does not schedule an action a cadence pushes past 9999-12-31, and says so", () => {
    const header = ["客户编号", "客户姓名", "业务员", "保费", "出生日期", "投保日期", "续期日期", "最近联系"];
    // birth 9999-12-31 (a serial): next birthday 10000-12-31, dropped; policy date 1899-12-31: not a
    // date Excel shows; renewal 9999-12-31: due on that day, kept; last contact 9999-12-31: the
    // next visit is a month or more later, dropped; the quarterly review (2026-04-01) stays
    const result = run({
      source: "S",
      cells: [header, ["C1", "甲", "王", 100, 2958465, "1899-12-31", "9999-12-31", new Date(Date.UTC(9999, 11, 31))]],
      firstRow: 1,
    });
    const plans = planClients(result, { asOf: dayOf(2026, 1, 15), playbook: DEFAULT_PLAYBOOK });
    expect(plans.issues.map((i) => [i.row, i.column, i.value, i.issue.code])).toEqual([
      [2, "投保日期", "1899-12-31", "dateOutsideExcel"],
      [2, "最近联系", "9999-12-31", "actionBeyondExcel"],
      [2, "出生日期", "9999-12-31", "actionBeyondExcel"],
    ]);
    expect(describeIssue(plans.issues[2].issue, "zh-CN")).toBe("按“9999-12-31”推算的下一次生日祝福在 9999-12-31 之后，Excel 无法显示：未安排该行动。");
    expect(plans.calendar.map((a) => [a.kind, isoOf(a.day)])).toEqual([
      ["review", "2026-04-01"],
      ["renewal", "9999-12-31"],
    ]);
    expect(plans.calendar.every((a) => a.day <= EXCEL_LAST_DAY)).toBe(true);
  });
});
