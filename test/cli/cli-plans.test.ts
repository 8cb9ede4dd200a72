/*
 * The action calendar written by the real command (SPEC section 4, rules as in src/core/plan.ts):
 * dates checked against dates worked out by hand here, on the seeded sample book and on a small
 * book of edge cases (29 February, year end, overdue visits, missing and unreadable dates); and the
 * same calendar on every run and in every time zone.
 */
import { execFile } from "node:child_process";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "client-ladder.js");
let dir: string;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real command in the temp folder, with the time zone given (none: the child's default). */
function cli(args: string[], tz?: string): Promise<Ran> {
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: "en_US.UTF-8" };
  if (tz) env.TZ = tz;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

async function ok(args: string[], tz?: string): Promise<void> {
  const r = await cli(args, tz);
  if (r.code !== 0) throw new Error(`client-ladder ${args.join(" ")} failed (${r.code}): ${r.stderr}`);
}

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, file));
  return wb;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? "" : `text:${String(v)}`);

function cellValue(v: ExcelJS.CellValue): unknown {
  if (v && typeof v === "object" && !(v instanceof Date) && "richText" in v) return v.richText.map((t) => t.text).join("");
  return v;
}

/** Calendar rows as [date, id, owner, action, remark, done]; dates must be date cells, or blank for a visit with no contact on record. */
function calendarRows(wb: ExcelJS.Workbook): string[][] {
  const ws = wb.getWorksheet("行动日历")!;
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  expect(header).toEqual(["日期", "客户编号", "客户姓名", "业务员", "行动", "说明", "完成"]);
  const rows: string[][] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const date = row.getCell(1).value;
    if (date === null) expect(row.getCell(6).value).toBe("无联系记录，请尽快拜访");
    else expect(date).toBeInstanceOf(Date);
    rows.push([iso(date), ...[2, 4, 5, 6, 7].map((c) => String(cellValue(row.getCell(c).value) ?? ""))]);
  }
  return rows;
}

/** One client's calendar, in sheet order: "date action" or "date action (remark)"; "undated" for no date. */
function actionsOf(rows: string[][], id: string): string[] {
  return rows.filter((r) => r[1] === id).map((r) => `${r[0] || "undated"} ${r[3]}${r[4] ? ` (${r[4]})` : ""}`);
}

/** A column of a sheet by its header (on `headerRow`), keyed by the id in column A. */
function byId(ws: ExcelJS.Worksheet, headerRow: number, headers: string[]): Map<string, unknown[]> {
  const head = (ws.getRow(headerRow).values as unknown[]).slice(1);
  const at = headers.map((h) => {
    const i = head.indexOf(h);
    if (i < 0) throw new Error(`no column ${h} on ${ws.name}`);
    return i + 1;
  });
  const out = new Map<string, unknown[]>();
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const id = row.getCell(1).value;
    if (typeof id === "string" && !out.has(id))
      out.set(
        id,
        at.map((c) => cellValue(row.getCell(c).value)),
      );
  }
  return out;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "client-ladder-cli-plans-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("the calendar of the sample book, --as-of 2026-01-15", () => {
  let out: ExcelJS.Workbook;
  let rows: string[][];
  let runs: string[][][];

  beforeAll(async () => {
    await ok(["sample", "-o", "S.xlsx", "--as-of", "2026-01-01"]);
    const args = (o: string) => ["segment", "S.xlsx", "-o", o, "--as-of", "2026-01-15", "--no-progress"];
    // the same command twice, and in two time zones far apart (2 cores: two at a time)
    await Promise.all([ok(args("OUT.xlsx")), ok(args("OUT-again.xlsx"))]);
    await Promise.all([ok(args("OUT-la.xlsx"), "America/Los_Angeles"), ok(args("OUT-sh.xlsx"), "Asia/Shanghai")]);
    out = await load("OUT.xlsx");
    rows = calendarRows(out);
    runs = await Promise.all(["OUT-again.xlsx", "OUT-la.xlsx", "OUT-sh.xlsx"].map(async (f) => calendarRows(await load(f))));
  });

  it("reads the clients picked below as this test assumes (source sheet and Segments of the output)", () => {
    // 客户名单: title on row 1, header on row 2
    const source = byId(out.getWorksheet("客户名单")!, 2, ["业务员", "出生日期", "投保日期", "续期日期", "最近联系"]);
    const tiers = byId(out.getWorksheet("客户分层")!, 1, ["分层"]);
    const facts = (id: string) => [...source.get(id)!.map((v, i) => (i === 0 ? v : iso(v))), tiers.get(id)![0]];
    expect(facts("KH01005")).toEqual(["孙立新", "1969-01-11", "2012-06-12", "2026-06-12", "2025-12-10", "关键"]);
    expect(facts("KH01027")).toEqual(["王海峰", "1996-02-28", "2023-03-23", "2026-03-23", "2025-11-16", "重点"]);
    expect(facts("KH01025")).toEqual(["陈思远", "text:1985/3/7", "2022-09-15", "2026-09-15", "2025-11-18", "一般"]);
    expect(facts("KH01001")).toEqual(["陈思远", "1964-11-01", "2016-01-07", "2026-01-07", "2025-07-23", "一般"]);
    expect(facts("KH01008")).toEqual(["刘佳琪", "1959-07-21", "2013-10-10", "2026-10-10", "2025-12-20", "维持"]);
  });

  it("dates each action by the rules, worked out by hand", () => {
    // review for everyone: the next quarter start after 2026-01-15 is 2026-04-01.
    // KH01005, 关键 (A, visit every month): birthday 01-11 has passed in 2026 -> 2027-01-11;
    //   anniversary and renewal 06-12 -> 2026-06-12; last contact 2025-12-10 + 1 month = 2026-01-10,
    //   before the run date -> overdue: dated on its due day, 5 days before the run date.
    expect(actionsOf(rows, "KH01005")).toEqual([
      "2026-01-10 拜访 (已逾期 5 天)",
      "2026-04-01 分层复核",
      "2026-06-12 保单周年",
      "2026-06-12 续期缴费",
      "2027-01-11 生日祝福",
    ]);
    // KH01027, 重点 (B, every 3 months): 2025-11-16 + 3 months = 2026-02-16; birthday 02-28 -> 2026-02-28;
    //   anniversary and renewal 03-23 -> 2026-03-23.
    expect(actionsOf(rows, "KH01027")).toEqual(["2026-02-16 拜访", "2026-02-28 生日祝福", "2026-03-23 保单周年", "2026-03-23 续期缴费", "2026-04-01 分层复核"]);
    // KH01025, 一般 (C, every 6 months), birth date typed as text 1985/3/7 -> 2026-03-07;
    //   2025-11-18 + 6 months = 2026-05-18; anniversary and renewal 09-15 -> 2026-09-15.
    expect(actionsOf(rows, "KH01025")).toEqual(["2026-03-07 生日祝福", "2026-04-01 分层复核", "2026-05-18 拜访", "2026-09-15 保单周年", "2026-09-15 续期缴费"]);
    // KH01001, 一般 (C): 2025-07-23 + 6 months = 2026-01-23 (not overdue); birthday 11-01 -> 2026-11-01;
    //   anniversary 01-07 passed a week before the run date -> 2027-01-07; the renewal premium due
    //   2026-01-07 is 8 days late, inside the 60-day grace period: overdue, on its due day.
    expect(actionsOf(rows, "KH01001")).toEqual([
      "2026-01-07 续期缴费 (已逾期 8 天)",
      "2026-01-23 拜访",
      "2026-04-01 分层复核",
      "2026-11-01 生日祝福",
      "2027-01-07 保单周年",
    ]);
    // KH01008, 维持 (D, every 12 months): 2025-12-20 + 12 months = 2026-12-20; birthday 07-21 -> 2026-07-21;
    //   anniversary and renewal 10-10 -> 2026-10-10.
    expect(actionsOf(rows, "KH01008")).toEqual(["2026-04-01 分层复核", "2026-07-21 生日祝福", "2026-10-10 保单周年", "2026-10-10 续期缴费", "2026-12-20 拜访"]);
    // owners on the calendar are the clients' owners
    expect(new Set(rows.filter((r) => r[1] === "KH01005").map((r) => r[2]))).toEqual(new Set(["孙立新"]));
  });

  it("is in date order; only overdue visits and renewals are dated before the run date; undated visits sit at the run date", () => {
    const dated = rows.map((r) => r[0] || "2026-01-15");
    expect([...dated].sort()).toEqual(dated);
    const early = rows.filter((r) => r[0] !== "" && r[0] < "2026-01-15");
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((r) => (r[3] === "拜访" || r[3] === "续期缴费") && /^已逾期 \d+ 天$/.test(r[4]))).toBe(true);
    // 299 clients: a visit and a review each, and a birthday, anniversary and renewal where dated
    expect(rows.filter((r) => r[3] === "分层复核")).toHaveLength(299);
    expect(rows.filter((r) => r[3] === "拜访")).toHaveLength(299);
    expect(rows.filter((r) => r[3] === "分层复核").every((r) => r[0] === "2026-04-01")).toBe(true);
  });

  it("is the same on a second run and with TZ=America/Los_Angeles and TZ=Asia/Shanghai", () => {
    expect(rows.length).toBeGreaterThan(1000);
    for (const other of runs) expect(other).toEqual(rows);
  });
});

describe("the calendar at the edges: 29 February, year end, overdue, missing and unreadable dates", () => {
  const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));

  beforeAll(async () => {
    // 20 clients, premium by id: E01 is the one 关键 (tier A, visits monthly), E02..E04 are 重点
    // (B, every 3 months), E05..E14 一般 (C, 6 months), E15..E20 维持 (D, 12 months).
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("客户");
    ws.addRow(["客户编号", "客户姓名", "业务员", "保费", "出生日期", "投保日期", "续期日期", "最近联系"]);
    const special: Record<string, unknown[]> = {
      E01: [d(1988, 2, 29), d(2020, 2, 29), d(2026, 12, 31), d(2020, 3, 1)],
      E02: [d(1990, 12, 30), null, d(2025, 12, 29), d(2026, 11, 30)],
      E03: [null, null, null, null],
      E04: ["1992年12月31日", null, "2027-01-01", d(2026, 9, 30)],
      E05: [d(2000, 1, 1), null, null, d(2026, 6, 29)],
      E06: ["1990-02-30", null, null, null],
    };
    for (let i = 1; i <= 20; i++) {
      const id = `E${String(i).padStart(2, "0")}`;
      ws.addRow([id, `客户${i}`, i % 2 ? "甲" : "乙", (21 - i) * 100000, ...(special[id] ?? [null, null, null, null])]);
    }
    for (const c of [5, 6, 7, 8]) ws.getColumn(c).numFmt = "yyyy-mm-dd";
    await wb.xlsx.writeFile(path.join(dir, "edges.xlsx"));
    await Promise.all([
      ok(["segment", "edges.xlsx", "-o", "edges-1230.xlsx", "--as-of", "2026-12-30", "--no-progress"]),
      ok(["segment", "edges.xlsx", "-o", "edges-2028.xlsx", "--as-of", "2028-01-15", "--no-progress"], "Pacific/Kiritimati"),
    ]);
  });

  it("--as-of 2026-12-30", async () => {
    const out = await load("edges-1230.xlsx");
    const tiers = byId(out.getWorksheet("客户分层")!, 1, ["分层"]);
    expect(["E01", "E02", "E04", "E05", "E15"].map((id) => tiers.get(id)![0])).toEqual(["关键", "重点", "重点", "一般", "维持"]);
    const rows = calendarRows(out);
    // review: the quarter after 2026-12-30 starts 2027-01-01.
    // E01 (A): born 1988-02-29 -> 28 Feb in 2027, a common year; policy of 2020-02-29 likewise;
    //   renewal 12-31 -> 2026-12-31, the day after the run date; last contact 2020-03-01 + 1 month =
    //   2020-04-01, long past -> overdue, dated 2020-04-01: 2464 days before 2026-12-30.
    expect(actionsOf(rows, "E01")).toEqual([
      "2020-04-01 拜访 (已逾期 2464 天)",
      "2026-12-31 续期缴费",
      "2027-01-01 分层复核",
      "2027-02-28 生日祝福",
      "2027-02-28 保单周年",
    ]);
    // E02 (B): birthday on the run date itself counts (on or after); renewal 2025-12-29 -> 2026-12-29
    //   is a day early -> 2027-12-29; last contact 2026-11-30 + 3 months = 2027-02-30 -> 2027-02-28.
    expect(actionsOf(rows, "E02")).toEqual(["2026-12-30 生日祝福", "2027-01-01 分层复核", "2027-02-28 拜访", "2027-12-29 续期缴费"]);
    // E03: no dates at all -> an undated visit (no contact on record), placed at the run date, and the review
    expect(actionsOf(rows, "E03")).toEqual(["undated 拜访 (无联系记录，请尽快拜访)", "2027-01-01 分层复核"]);
    // E04 (B): dates typed as text; last contact 2026-09-30 + 3 months = 2026-12-30, the run date: due, not overdue
    expect(actionsOf(rows, "E04")).toEqual(["2026-12-30 拜访", "2026-12-31 生日祝福", "2027-01-01 续期缴费", "2027-01-01 分层复核"]);
    // E05 (C): 2026-06-29 + 6 months = 2026-12-29, one day before the run date -> overdue
    expect(actionsOf(rows, "E05")).toEqual(["2026-12-29 拜访 (已逾期 1 天)", "2027-01-01 生日祝福", "2027-01-01 分层复核"]);
    // E06: 1990-02-30 is no date -> no birthday, and a Data issues row at its sheet row (7)
    expect(actionsOf(rows, "E06")).toEqual(["undated 拜访 (无联系记录，请尽快拜访)", "2027-01-01 分层复核"]);
    const issues = out.getWorksheet("数据问题")!;
    const found: unknown[][] = [];
    issues.eachRow((row, r) => r > 1 && found.push((row.values as unknown[]).slice(1, 4)));
    expect(found).toEqual([[7, "出生日期", "1990-02-30"]]);
  });

  it("--as-of 2028-01-15 (run in UTC+14): 29 February comes back in a leap year", async () => {
    const rows = calendarRows(await load("edges-2028.xlsx"));
    // E01: birthday and policy anniversary 2028-02-29; renewal 12-31 -> 2028-12-31; review 2028-04-01
    expect(actionsOf(rows, "E01")).toEqual([
      "2020-04-01 拜访 (已逾期 2845 天)",
      "2028-02-29 生日祝福",
      "2028-02-29 保单周年",
      "2028-04-01 分层复核",
      "2028-12-31 续期缴费",
    ]);
    // E02: last contact 2026-11-30 + 3 months = 2027-02-28, 321 days before 2028-01-15
    expect(actionsOf(rows, "E02")).toEqual(["2027-02-28 拜访 (已逾期 321 天)", "2028-04-01 分层复核", "2028-12-29 续期缴费", "2028-12-30 生日祝福"]);
  });
});
