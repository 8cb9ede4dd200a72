import { addKeptNotes, carryTyped, keptNotesFromSheet, type KeptNote } from "../../src/core/carry";
import type { CellValue, OutputSheet } from "../../src/core/output";

/** A Segments-like sheet written now, in zh-CN: id, name, notes. */
const segments = (ids: string[]): OutputSheet => ({
  key: "segments",
  name: "客户分层",
  freezeRows: 1,
  blocks: [],
  tables: [
    {
      name: "ClientLadder_Segments",
      row: 0,
      column: 0,
      columns: [
        { header: "客户编号", format: "text", width: 10, role: "id" },
        { header: "客户姓名", format: "text", width: 10 },
        { header: "备注", format: "text", width: 10, role: "notes" },
      ],
      rows: ids.map((id) => [id, `name ${id}`, null] as CellValue[]),
    },
  ],
});

describe("carryTyped", () => {
  it("appends a column a person added, by client id, whatever the row order; the add-in's own columns (in the other language too) are not copied", () => {
    // the last run was in English and the rows were re-sorted
    const old = [
      ["Client ID", "Name", "Notes", "Called by"],
      ["C2", "name C2", "", "Li"],
      ["C1", "name C1", "", "Wang"],
    ];
    const { sheet, kept, issues } = carryTyped(segments(["C1", "C2", "C3"]), old, [], new Set(["C1", "C2", "C3"]), "zh-CN");
    const table = sheet.tables[0];
    expect(table.columns.map((c) => c.header)).toEqual(["客户编号", "客户姓名", "备注", "Called by"]);
    expect(table.rows.map((r) => r[3])).toEqual(["Wang", "Li", null]);
    expect(kept).toEqual([]);
    expect(issues.map((i) => [i.issue.code, i.value, i.issue.params?.n])).toEqual([["columnCarried", "Called by", 2]]);
  });

  it("keeps what was typed for a client who is gone (notes and added columns), never what is empty", () => {
    const old = [
      ["客户编号", "客户姓名", "备注", "跟进"],
      ["C1", "x", "note 1", "a"],
      ["C9", "x", "note 9", "b"],
      ["C8", "x", "", ""],
    ];
    const { kept, issues } = carryTyped(segments(["C1"]), old, [], new Set(["C1"]), "zh-CN");
    expect(kept).toEqual([
      { sheet: "segments", id: "C9", row: "C9", column: "备注", value: "note 9" },
      { sheet: "segments", id: "C9", row: "C9", column: "跟进", value: "b" },
    ]);
    expect(issues.filter((i) => i.issue.code === "noteKept").map((i) => i.value)).toEqual(["C9", "C9"]);
  });

  it("puts kept notes back on the row of a client who returned, a note only into an empty cell", () => {
    const restore: KeptNote[] = [
      { sheet: "segments", id: "C2", row: "C2", column: "备注", value: "back again" },
      { sheet: "segments", id: "C2", row: "C2", column: "跟进", value: "Li" },
      { sheet: "plans", id: "C2", row: "C2", column: "备注", value: "not for this sheet" },
    ];
    const { sheet, kept } = carryTyped(segments(["C1", "C2"]), undefined, restore, new Set(["C1", "C2"]), "zh-CN");
    expect(sheet.tables[0].rows).toEqual([
      ["C1", "name C1", null, null],
      ["C2", "name C2", "back again", "Li"],
    ]);
    expect(kept).toEqual([]);
  });

  it("on the Calendar, matches rows by client, action and date; a done mark of an action no longer listed goes with it, an added column's value is kept", () => {
    const calendar: OutputSheet = {
      key: "calendar",
      name: "行动日历",
      freezeRows: 1,
      blocks: [],
      tables: [
        {
          name: "ClientLadder_Calendar",
          row: 0,
          column: 0,
          columns: [
            { header: "日期", format: "date", width: 10 },
            { header: "客户编号", format: "text", width: 10, role: "id" },
            { header: "行动", format: "text", width: 10 },
            { header: "完成", format: "text", width: 10, role: "done" },
          ],
          // 46000 is 2025-12-09
          rows: [
            [46000, "C1", "拜访", null],
            [46010, "C1", "生日祝福", null],
          ],
        },
      ],
    };
    const old = [
      ["日期", "客户编号", "行动", "完成", "约见"],
      [new Date(Date.UTC(2025, 11, 9)), "C1", "拜访", "", "已约"],
      [new Date(Date.UTC(2025, 10, 1)), "C1", "拜访", "完成", "已去"],
    ];
    const { sheet, kept } = carryTyped(calendar, old, [], new Set(["C1"]), "zh-CN");
    expect(sheet.tables[0].rows.map((r) => r[4])).toEqual(["已约", null]);
    expect(kept).toEqual([{ sheet: "calendar", id: "C1", row: `C1 · 拜访 · d${Date.UTC(2025, 10, 1) / 86_400_000}`, column: "约见", value: "已去" }]);
  });
});

describe("kept notes on the Data issues sheet", () => {
  it("are written right of its table and read back, in either language", () => {
    const kept: KeptNote[] = [{ sheet: "segments", id: "C9", row: "C9", column: "备注", value: "note 9" }];
    const issues: OutputSheet = {
      key: "issues",
      name: "Data issues",
      freezeRows: 1,
      blocks: [],
      tables: [{ name: "T", row: 0, column: 0, columns: [1, 2, 3, 4].map((n) => ({ header: `h${n}`, format: "text", width: 5 })), rows: [] }],
    };
    for (const lang of ["zh-CN", "en-US"] as const) {
      const sheet = addKeptNotes(issues, kept, lang);
      const table = sheet.tables[1];
      expect(table.column).toBe(5);
      // as the sheet is read back: from A1
      const cells: unknown[][] = [[], [], []];
      table.columns.forEach((c, i) => (cells[table.row][table.column + i] = c.header));
      table.rows.forEach((r, k) => r.forEach((v, i) => (cells[table.row + 1 + k][table.column + i] = v)));
      expect(keptNotesFromSheet(cells)).toEqual(kept);
    }
    expect(addKeptNotes(issues, [], "zh-CN")).toBe(issues);
  });
});

describe("carried columns and masking", () => {
  it("a column a person added is what they typed: masking phone numbers in the lists leaves it as it is", async () => {
    const { maskSheet } = await import("../../src/core/mask");
    const old = [
      ["客户编号", "客户姓名", "备注", "联系电话"],
      ["C1", "x", "", "13812345678"],
    ];
    const { sheet } = carryTyped(segments(["C1"]), old, [], new Set(["C1"]), "zh-CN");
    sheet.tables[0].rows[0][1] = "王女士 13812345678";
    const masked = maskSheet(sheet).sheet.tables[0].rows[0];
    expect(masked[3]).toBe("13812345678");
    expect(masked[1]).toBe("王女士 138****5678");
  });
});
