/*
 * --mask (issue 9, privacy): the command writes the lists with phone and ID numbers masked, the
 * source sheet as it was, the client ids as they are (with a Data issues row saying so when an id
 * is a phone number), notes typed on the last run's sheets as they were typed; the choice is saved
 * with the workbook and --no-mask turns it off. The written .xlsx is read back with ExcelJS.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { runCli, type CliIo } from "../../src/cli/main";
import { SHEET_NAMES } from "../../src/core/vocabulary";

const zh = SHEET_NAMES["zh-CN"];
const PHONE = /1[3-9]\d{9}/;
const ID = "11010519491231002X";

let dir: string;
let input: string;

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: { LANG: "en_US.UTF-8" }, stderrIsTTY: false };
  const code = await runCli([...args, "--as-of", "2026-03-01", "--no-progress"], io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/** Every sheet of a written book as rows of cell texts (rich text and formulas read as what they show). */
async function sheetsOf(file: string): Promise<Map<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets = new Map<string, string[][]>();
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) =>
      rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v)))),
    );
    sheets.set(ws.name, rows);
  });
  return sheets;
}

function rowOf(rows: string[][], id: string): string[] {
  const row = rows.find((r) => r[0] === id);
  if (!row) throw new Error(`no row ${id} in ${JSON.stringify(rows)}`);
  return row;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "client-ladder-mask-"));
  input = path.join(dir, "in.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("名单");
  ws.addRow(["客户编号", "客户姓名", "业务员", "保费", "出生日期", "手机号", "身份证号"]);
  ws.addRow(["C1", "王女士 13812345678", "李", 300, "1980-05-01", "13812345678", ID]);
  // a client whose id is a phone number: the id stays, a Data issues row says so
  ws.addRow(["13912345678", "赵", "李", 200, "1975-06-02", "13912345678", "110105491231002"]);
  ws.addRow(["C3", "丙", "王 010-12345678", 100, "1990-07-03", "", ""]);
  // an ID number typed in the premium column: its Data issues row masks it
  ws.addRow(["C4", "丁", "王", ID, "1985-08-04", "", ""]);
  await wb.xlsx.writeFile(input);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("segment --mask", () => {
  let masked: Map<string, string[][]>;
  let stdout: string;
  const out = () => path.join(dir, "masked.xlsx");

  beforeAll(async () => {
    const r = await run(["segment", input, "-o", out(), "--mask"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    stdout = r.stdout;
    masked = await sheetsOf(out());
  });

  it("masks names and owners in Segments, Plans, Calendar and Targets, and keeps every client id", () => {
    const segments = masked.get(zh.segments)!;
    expect(rowOf(segments, "C1").slice(0, 3)).toEqual(["C1", "王女士 138****5678", "李"]);
    expect(rowOf(segments, "C3").slice(0, 3)).toEqual(["C3", "丙", "王 010-****5678"]);
    expect(rowOf(segments, "13912345678").slice(0, 2)).toEqual(["13912345678", "赵"]);
    expect(rowOf(masked.get(zh.plans)!, "C1")[1]).toBe("王女士 138****5678");
    const calendar = masked.get(zh.calendar)!.filter((r) => r[1] === "C1");
    expect(calendar.length).toBeGreaterThan(0);
    for (const r of calendar) expect(r[2]).toBe("王女士 138****5678");
  });

  it("leaves no phone or ID number in any written list but in the client id columns", () => {
    const idColumn: Record<string, number> = { [zh.segments]: 0, [zh.plans]: 0, [zh.calendar]: 1, [zh.targets]: 3 };
    for (const key of ["segments", "plans", "calendar", "targets", "summary", "issues"] as const) {
      const rows = masked.get(zh[key]);
      expect(rows).toBeDefined();
      for (const row of rows!)
        row.forEach((cell, i) => {
          if (i === idColumn[zh[key]]) return;
          expect([zh[key], cell]).not.toEqual([zh[key], expect.stringMatching(PHONE)]);
          expect(cell).not.toContain(ID);
          expect(cell).not.toContain("010-12345678");
        });
    }
  });

  it("masks the value and the reason of a Data issues row, and says the ids that are phone numbers were kept", () => {
    const issues = masked.get(zh.issues)!;
    const bad = issues.find((r) => r[2] === "110***********002X");
    expect(bad?.[3]).toContain("110***********002X");
    const kept = issues.find((r) => r[3].includes("客户编号照原样写出"));
    expect(kept?.[1]).toBe("客户编号");
    expect(kept?.[3]).toContain("有 1 个编号");
  });

  it("never changes the source sheet", () => {
    const source = masked.get("名单")!;
    expect(source[1]).toEqual(["C1", "王女士 13812345678", "李", "300", "1980-05-01", "13812345678", ID]);
    expect(source[2][0]).toBe("13912345678");
  });

  it("says how many cells it masked", () => {
    expect(stdout).toMatch(/Phone and ID numbers masked in \d+ cells \(client ids are written as they are\)\./);
  });

  it("on a re-run without the flag, masks again (saved) and keeps a note typed with a phone number as typed", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out());
    const segments = wb.getWorksheet(zh.segments)!;
    const header = segments.getRow(1).values as unknown[];
    const notesAt = header.indexOf("备注");
    segments.eachRow((row) => {
      if (row.getCell(1).value === "C1") row.getCell(notesAt).value = "回电 13700001111";
    });
    const typed = path.join(dir, "typed.xlsx");
    await wb.xlsx.writeFile(typed);
    const again = path.join(dir, "again.xlsx");
    const r = await run(["segment", typed, "-o", again]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Phone and ID numbers masked");
    const sheets = await sheetsOf(again);
    const c1 = rowOf(sheets.get(zh.segments)!, "C1");
    expect(c1[1]).toBe("王女士 138****5678");
    expect(c1[notesAt - 1]).toBe("回电 13700001111");

    const off = path.join(dir, "off.xlsx");
    const o = await run(["segment", again, "-o", off, "--no-mask"]);
    expect(o.code).toBe(0);
    expect(o.stdout).not.toContain("masked");
    expect(rowOf((await sheetsOf(off)).get(zh.segments)!, "C1")[1]).toBe("王女士 13812345678");
  });
});

test("without --mask, the lists carry the numbers as the source has them", async () => {
  const out = path.join(dir, "plain.xlsx");
  const r = await run(["segment", input, "-o", out]);
  expect(r.code).toBe(0);
  expect(r.stdout).not.toContain("masked");
  const sheets = await sheetsOf(out);
  expect(rowOf(sheets.get(zh.segments)!, "C1")[1]).toBe("王女士 13812345678");
  expect(sheets.get(zh.issues)!.some((r) => r[3].includes("客户编号照原样写出"))).toBe(false);
});
