/*
 * A header far down the sheet (issue 9): the run says which rows of which sheet it looked at, and
 * --header-row N reads the table whose header is on row N. In process, through runCli.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { runCli, type CliIo } from "../../src/cli/main";

let dir: string;
let input: string;

function io(lang: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: { LANG: lang }, stderrIsTTY: false };
}

async function run(args: string[], lang = "en_US.UTF-8") {
  const streams = io(lang);
  const code = await runCli(args, streams);
  return { code, stdout: streams.out.join(""), stderr: streams.err.join("") };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "client-ladder-header-row-"));
  input = path.join(dir, "far.xlsx");
  // a title on row 1, notes down to row 239, the header on row 240, three clients
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("名单");
  ws.getCell("A1").value = "客户清单（附说明）";
  for (let r = 2; r < 240; r++) ws.getCell(`A${r}`).value = `说明 ${r}`;
  ws.getRow(240).values = ["客户编号", "客户姓名", "业务员", "保费"];
  ws.getRow(241).values = ["C1", "甲", "李", 300];
  ws.getRow(242).values = ["C2", "乙", "李", 200];
  ws.getRow(243).values = ["C3", "丙", "王", 100];
  await wb.xlsx.writeFile(input);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("--header-row and where the header was looked for", () => {
  it("without it, says which rows of which sheet it looked at, in English and in Chinese", async () => {
    const en = await run(["segment", input, "-o", path.join(dir, "a.xlsx"), "--as-of", "2026-03-01", "--no-progress"]);
    expect(en.code).toBe(1);
    expect(en.stderr).toContain('No client table was found: none of rows 1–200 of "名单" has a header row');
    expect(en.stderr).toContain("--header-row N");
    const zh = await run(["segment", input, "-o", path.join(dir, "a.xlsx"), "--as-of", "2026-03-01", "--no-progress"], "zh_CN.UTF-8");
    expect(zh.stderr).toContain("没有找到客户表：在“名单”第 1–200 行中都没有找到表头");
    await expect(fs.access(path.join(dir, "a.xlsx"))).rejects.toThrow();
  });

  it("with --header-row 240, reads the three clients under it", async () => {
    const r = await run(["segment", input, "-o", path.join(dir, "b.xlsx"), "--as-of", "2026-03-01", "--no-progress", "--header-row", "240"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("3 clients segmented (3 rows read).");
  });

  it("a given row without column names, and a value that is not a row number, say so", async () => {
    const wrong = await run(["segment", input, "-o", path.join(dir, "c.xlsx"), "--sheet", "名单", "--header-row", "5", "--no-progress"]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Row 5 of "名单" holds no known column name');
    const bad = await run(["segment", input, "-o", path.join(dir, "c.xlsx"), "--header-row", "2x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--header-row must be the row number of the header (a whole number from 1 to 1048576), not "2x".');
  });

  it("is in the help, with the rows searched", async () => {
    const zh = await run(["segment", "--help"], "zh_CN.UTF-8");
    expect(zh.stdout).toContain("--header-row <N>");
    expect(zh.stdout).toContain("表头所在的行号（表头不在前 200 行时使用）");
  });
});
