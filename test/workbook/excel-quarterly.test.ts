/*
 * The quarterly review in Excel (issue 11, "Done when"), on the fake Excel: three runs a quarter
 * apart on a small book whose premiums change between runs leave three snapshots on the history
 * sheet and a Changes sheet worked out by hand; a note and a Done tick stay. The same book as
 * test/cli/quarterly.test.ts, so that both hosts are held to one expectation.
 */
import { dayOf, serialOf } from "../../src/core/dates";
import type { RunConfig } from "../../src/core/config";
import { ExcelHost } from "../../src/workbook/excel";
import { runSegmentation } from "../../src/workbook/run";
import { FakeWorkbook, type FakeSheet } from "./excel-fake";

const serial = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return serialOf(dayOf(y, m, d));
};
const HEADER = ["客户编号", "客户姓名", "业务员", "保费", "保单数", "最近联系", "续期日期"];
const RUN1: [string, string, number][] = [
  ["K1", "王", 1200],
  ["K2", "王", 800],
  ["K3", "李", 600],
  ["K4", "李", 300],
  ["K5", "王", 150],
  ["K6", "李", 50],
  ["K7", "王", 20],
];
const RUN2: [string, string, number][] = [
  ["K1", "王", 900],
  ["K2", "王", 1100],
  ["K3", "李", 600],
  ["K4", "李", 300],
  ["K5", "王", 80],
  ["K6", "李", 50],
  ["K8", "李", 700],
];
const RUN3: [string, string, number][] = [
  ["K1", "王", 1500],
  ["K2", "王", 1100],
  ["K3", "李", 400],
  ["K4", "李", 550],
  ["K5", "王", 80],
  ["K8", "李", 700],
  ["K9", "王", 30],
];
const RENEWAL: Record<string, string> = { K1: "2026-08-20", K2: "2026-12-15" };
const CONFIG: RunConfig = { version: 1, sheet: "客户", valueLadder: { preset: "thresholds", thresholds: [1000, 500, 100] } };

function clientCells(clients: [string, string, number][]): unknown[][] {
  return [
    HEADER,
    ...clients.map(([id, owner, value], i) => [id, `客户${id}`, owner, value, 1 + (i % 3), serial("2026-01-10"), RENEWAL[id] ? serial(RENEWAL[id]) : ""]),
  ];
}

/** The used cells of a fake sheet from A1. */
function cellsOf(sheet: FakeSheet): unknown[][] {
  const used = sheet.used()!;
  return sheet.values({ row: 0, column: 0, rows: used.row + used.rows, columns: used.column + used.columns });
}

const trimmed = (row: unknown[]) => {
  const out = row.map((v) => (v === "" ? null : v));
  while (out.length > 0 && out[out.length - 1] === null) out.pop();
  return out;
};

describe("three runs a quarter apart (Excel, fake)", () => {
  const wb = new FakeWorkbook([{ name: "客户", cells: clientCells(RUN1) }]);
  const host = new ExcelHost(wb.run);

  beforeAll(async () => {
    const run = async (asOf: string) => {
      const outcome = await runSegmentation(host, { asOf, config: CONFIG });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.issue));
    };
    await run("2026-03-31");
    wb.sheet("客户")!.grid = clientCells(RUN2);
    // a note on K2's Segments row, Done on K1's and K2's renewals
    const seg = wb.sheet("客户分层")!;
    const segRows = cellsOf(seg);
    seg.grid[segRows.findIndex((r) => r[0] === "K2")][segRows[0].indexOf("备注")] = "约了四月见面";
    const cal = wb.sheet("行动日历")!;
    cellsOf(cal).forEach((r, i) => {
      if ((r[1] === "K1" || r[1] === "K2") && r[4] === "续期缴费") cal.grid[i][6] = "完成";
    });
    await run("2026-06-30");
    wb.sheet("客户")!.grid = clientCells(RUN3);
    await run("2026-09-30");
  });

  it("leave three snapshots on the history sheet", () => {
    const rows = cellsOf(wb.sheet("分层历史")!);
    const header = rows[1] as string[];
    expect(header.filter((h) => h.endsWith(" 分层"))).toEqual(["2026-09-30 分层", "2026-06-30 分层", "2026-03-31 分层"]);
    const tiersOf = (id: string) => {
      const row = rows.find((r) => r[0] === id)!;
      return header.flatMap((h, c) => (h.endsWith(" 分层") ? [row[c] === "" ? null : row[c]] : []));
    };
    expect(tiersOf("K1")).toEqual(["A", "B", "A"]);
    expect(tiersOf("K7")).toEqual([null, null, "D"]);
  });

  it("leave the Changes sheet worked by hand", () => {
    const rows = cellsOf(wb.sheet("变动")!);
    expect(rows[0][0]).toBe("2026-06-30 → 2026-09-30 的变动（同期群：两次都在的客户）");
    expect(rows.slice(2, 9).map((r) => trimmed(r.slice(0, 6)))).toEqual([
      ["分层 · 客户数"],
      ["原 \\ 现", "A", "B", "C", "D", "已不在"],
      ["A", 1, 0, 0, 0, 0],
      ["B", 1, 1, 1, 0, 0],
      ["C", 0, 1, 0, 0, 0],
      ["D", 0, 0, 0, 1, 1],
      ["新增客户", 0, 0, 0, 1],
    ]);
    const unmatched = rows.flatMap((r) => (typeof r[8] === "string" && /^K\d$/.test(r[8]) ? [`${r[8]} ${r[9]}`] : []));
    expect(unmatched.sort()).toEqual(["K6 本次不在", "K9 本次新增"]);
  });

  it("keep the note and the Done tick, and give the quarter's renewal rate", () => {
    const seg = cellsOf(wb.sheet("客户分层")!);
    expect(seg.find((r) => r[0] === "K2")![seg[0].indexOf("备注")]).toBe("约了四月见面");
    const cal = cellsOf(wb.sheet("行动日历")!);
    expect(cal.filter((r) => r[1] === "K2" && r[4] === "续期缴费").map((r) => [r[0], r[6]])).toEqual([[serial("2026-12-15"), "完成"]]);
    const summary = cellsOf(wb.sheet("分层概览")!);
    const title = summary.findIndex((r) => r[0] === "续保率（2026-07 – 2026-09，目标 未设）");
    expect(trimmed(summary[title + 2].slice(0, 5))).toEqual(["王", "2026-08", 1, 1, 1]);
  });
});
