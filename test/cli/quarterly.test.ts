/*
 * The quarterly review by the real command (issue 11, "Done when"): three runs a quarter apart on a
 * small book whose premiums change between runs leave three snapshots on the history sheet and a
 * Changes sheet worked out by hand; a note on Segments and Done ticks on the Calendar stay.
 */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "client-ladder.js");
let dir: string;

function ok(args: string[]): Promise<string> {
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: "en_US.UTF-8" };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env }, (err, stdout, stderr) => {
      if (err) reject(new Error(`client-ladder ${args.join(" ")} failed: ${stderr}`));
      else resolve(stdout);
    });
  });
}

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v && typeof v === "object" && !(v instanceof Date) && "richText" in v) return v.richText.map((t) => t.text).join("");
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v ?? null;
}

function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: unknown[] = [];
    for (let c = 1; c <= ws.columnCount; c++) row.push(cellValue(ws.getRow(r).getCell(c).value));
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    rows.push(row);
  }
  return rows;
}

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, file));
  return wb;
}

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
const HEADER = ["客户编号", "客户姓名", "业务员", "保费", "保单数", "最近联系", "续期日期"];
// K1's renewal falls in the third run's window; K2's after every run (its Done tick must stay)
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

/** The client sheet of a workbook set to these clients (the sheet the runs read; the rest is kept). */
function setClients(wb: ExcelJS.Workbook, clients: [string, string, number][]): void {
  const old = wb.getWorksheet("客户");
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet("客户");
  ws.addRow(HEADER);
  clients.forEach(([id, owner, value], i) => ws.addRow([id, `客户${id}`, owner, value, 1 + (i % 3), utc("2026-01-10"), RENEWAL[id] ? utc(RENEWAL[id]) : null]));
}

const CONFIG = { valueLadder: { preset: "thresholds", thresholds: [1000, 500, 100] }, sheet: "客户" };

let third: ExcelJS.Workbook;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "client-ladder-quarterly-"));
  await fs.writeFile(path.join(dir, "config.json"), JSON.stringify(CONFIG));
  const first = new ExcelJS.Workbook();
  setClients(first, RUN1);
  await first.xlsx.writeFile(path.join(dir, "Q0.xlsx"));
  const run = (input: string, output: string, asOf: string) =>
    ok(["segment", input, "-o", output, "--as-of", asOf, "--config", "config.json", "--no-progress"]);
  await run("Q0.xlsx", "Q1.xlsx", "2026-03-31");

  // between runs: the premiums change; a note on K2's Segments row; Done on K2's and K1's renewals
  const afterFirst = await load("Q1.xlsx");
  setClients(afterFirst, RUN2);
  const segments = afterFirst.getWorksheet("客户分层")!;
  const notesAt = (segments.getRow(1).values as unknown[]).indexOf("备注");
  segments.eachRow((row) => {
    if (row.getCell(1).value === "K2") row.getCell(notesAt).value = "约了四月见面";
  });
  tick(afterFirst, ["K1", "K2"]);
  await afterFirst.xlsx.writeFile(path.join(dir, "Q1e.xlsx"));
  await run("Q1e.xlsx", "Q2.xlsx", "2026-06-30");

  const afterSecond = await load("Q2.xlsx");
  setClients(afterSecond, RUN3);
  await afterSecond.xlsx.writeFile(path.join(dir, "Q2e.xlsx"));
  await run("Q2e.xlsx", "Q3.xlsx", "2026-09-30");
  third = await load("Q3.xlsx");
}, 120_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A row without the blank cells at its end. */
function trimmed(row: unknown[]): unknown[] {
  const out = [...row];
  while (out.length > 0 && out[out.length - 1] === null) out.pop();
  return out;
}

/** Ticks Done on the renewal rows of these clients on the Calendar. */
function tick(wb: ExcelJS.Workbook, ids: string[]): void {
  const calendar = wb.getWorksheet("行动日历")!;
  calendar.eachRow((row) => {
    if (ids.includes(String(row.getCell(2).value)) && row.getCell(5).value === "续期缴费") row.getCell(7).value = "完成";
  });
}

describe("three runs a quarter apart (CLI)", () => {
  it("leave three snapshots on the history sheet, newest first", () => {
    const rows = rowsOf(third.getWorksheet("分层历史")!);
    const header = rows[1] as string[];
    expect(header.filter((h) => h.endsWith(" 分层"))).toEqual(["2026-09-30 分层", "2026-06-30 分层", "2026-03-31 分层"]);
    expect(header).toContain("2026-09-30 RFM");
    const tiersOf = (id: string) => {
      const row = rows.find((r) => r[0] === id)!;
      return header.flatMap((h, c) => (h.endsWith(" 分层") ? [row[c] ?? null] : []));
    };
    expect(tiersOf("K1")).toEqual(["A", "B", "A"]);
    expect(tiersOf("K7")).toEqual([null, null, "D"]);
    expect(tiersOf("K9")).toEqual(["D", null, null]);
  });

  it("leave a Changes sheet of the last two runs that matches the one worked by hand", () => {
    const rows = rowsOf(third.getWorksheet("变动")!);
    expect(rows[0]).toEqual(["2026-06-30 → 2026-09-30 的变动（同期群：两次都在的客户）"]);
    // K2 A→A; K1 B→A, K8 B→B, K3 B→C; K4 C→B; K5 D→D, K6 gone (D); K9 new (D)
    expect(rows.slice(2, 9).map((r) => trimmed(r.slice(0, 6)))).toEqual([
      ["分层 · 客户数"],
      ["原 \\ 现", "A", "B", "C", "D", "已不在"],
      ["A", 1, 0, 0, 0, 0],
      ["B", 1, 1, 1, 0, 0],
      ["C", 0, 1, 0, 0, 0],
      ["D", 0, 0, 0, 1, 1],
      ["新增客户", 0, 0, 0, 1],
    ]);
    // in value (the later run's): K1 1500 and K8 700 and K3 400 from B
    expect(rows[12].slice(0, 6)).toEqual(["A", 1100, 0, 0, 0, 0]);
    expect(rows[13].slice(0, 6)).toEqual(["B", 1500, 700, 400, 0, 0]);
    const moversAt = rows.findIndex((r) => r[0] === "业务员");
    const movers = rows
      .slice(moversAt + 1)
      .filter((r) => typeof r[1] === "string" && /^K\d$/.test(r[1] as string))
      .map((r) => r.slice(0, 5).join(" ").trim());
    expect(movers.sort()).toEqual(["李 K3 B C √", "李 K4 C B", "王 K1 B A"]);
    const unmatched = rows.flatMap((r) => (typeof r[8] === "string" && /^K\d$/.test(r[8]) ? [`${r[8]} ${r[9]}`] : []));
    expect(unmatched.sort()).toEqual(["K6 本次不在", "K9 本次新增"]);
  });

  it("keep the note and the Done tick typed after the first run", () => {
    const segments = rowsOf(third.getWorksheet("客户分层")!);
    const notesAt = (segments[0] as string[]).indexOf("备注");
    expect(segments.find((r) => r[0] === "K2")![notesAt]).toBe("约了四月见面");
    const calendar = rowsOf(third.getWorksheet("行动日历")!);
    expect(calendar.filter((r) => r[1] === "K2" && r[4] === "续期缴费").map((r) => [r[0], r[6]])).toEqual([["2026-12-15", "完成"]]);
  });

  it("write RFM on Segments and the renewal rate of the quarter on the Summary", () => {
    const segments = rowsOf(third.getWorksheet("客户分层")!);
    expect(segments[0]).toContain("RFM 分群");
    const summary = rowsOf(third.getWorksheet("分层概览")!);
    const title = summary.findIndex((r) => r[0] === "续保率（2026-07 – 2026-09，目标 未设）");
    expect(title).toBeGreaterThan(0);
    // K1's renewal on 2026-08-20 was ticked on the Calendar after the first run
    expect(summary[title + 2].slice(0, 5)).toEqual(["王", "2026-08", 1, 1, 1]);
    expect(summary.some((r) => r[0] === "保费基尼系数（0 = 人人相同）")).toBe(true);
  });
});
