import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";

const ROOT = path.join(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "client-ladder.js");
const FIXTURES = path.join(ROOT, "test", "fixtures");
let dir: string;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real command, as a user would, in the temp folder. */
function cli(args: string[], lang = "en_US.UTF-8"): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: lang } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function hash(file: string): Promise<string> {
  return createHash("sha256")
    .update(await fs.readFile(file))
    .digest("hex");
}

/** No error ends in a stack trace. */
function noStack(r: Ran): void {
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "client-ladder-cli-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("client-ladder sample and segment", () => {
  it("sample --lang en-US --as-of writes English headers and dates made for that run date", async () => {
    const made = await cli(["sample", "-o", "en.xlsx", "--lang", "en-US", "--as-of", "2027-05-10"]);
    expect(made).toMatchObject({ code: 0, stderr: "" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "en.xlsx"));
    const sheet = wb.getWorksheet("Clients")!;
    expect(sheet.getCell("A1").value).toBe("2027 client list (sample data)");
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(["Client ID", "Name", "Owner", "Renewal date", "Last contact"]));
    // renewals from the run date on
    const renewals = (sheet.getColumn(7).values as unknown[]).filter((v): v is Date => v instanceof Date);
    expect(renewals.length).toBeGreaterThan(290);
    expect(Math.min(...renewals.map((d) => d.getTime()))).toBeGreaterThanOrEqual(Date.UTC(2027, 4, 9));
    const bad = await cli(["sample", "-o", "x.xlsx", "--as-of", "2027-02-30"]);
    expect(bad.code).not.toBe(0);
    noStack(bad);
  });

  it("writes the sample, segments it (zh-CN messages) and leaves the input as it was", async () => {
    const made = await cli(["sample", "-o", "sample.xlsx"], "zh_CN.UTF-8");
    expect(made).toMatchObject({ code: 0, stderr: "" });
    expect(made.stdout).toContain("示例工作簿已写入：sample.xlsx（300 位虚构客户）");
    const input = path.join(dir, "sample.xlsx");
    const before = await hash(input);

    const r = await cli(["segment", "sample.xlsx", "-o", "out.xlsx", "--as-of", "2026-03-01"], "zh_CN.UTF-8");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("已分层 299 位客户（读取 300 行）。");
    expect(r.stdout).toMatch(/分层：关键 15 · 重点 45 · 一般 \d+ · 维持 \d+/);
    expect(r.stdout).toMatch(/前 20% 客户的保费占比：\d+\.\d%/);
    expect(r.stdout).toContain("数据问题：7 条，见工作表“数据问题”。");
    expect(r.stdout).toContain(`已写入：${path.join(dir, "out.xlsx")}`);
    expect(await hash(input)).toBe(before);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "out.xlsx"));
    expect(wb.worksheets.map((w) => `${w.name}:${w.state}`)).toEqual([
      "客户名单:visible",
      "分层概览:visible",
      "客户分层:visible",
      "经营计划:visible",
      "行动日历:visible",
      "目标名单:visible",
      "经营手册:visible",
      "数据问题:visible",
      "变动:visible",
      "分层历史:visible",
      "_ClientLadder:veryHidden",
    ]);
    const segments = wb.getWorksheet("客户分层")!;
    expect(segments.getRow(1).getCell(1).value).toBe("客户编号");
    expect(segments.rowCount).toBe(300);
    expect(segments.getCell("E2").value).toBe(1);
    expect(segments.getCell("G2").value).toBe("关键");
    const summary = wb.getWorksheet("分层概览")!;
    expect(summary.getCell("B3").value).toBe("2026-03-01");

    // the output can be the next run's input; English messages otherwise
    const again = await cli(["segment", "out.xlsx", "-o", "out2.xlsx", "--as-of", "2026-03-02"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("299 clients segmented (300 rows read).");
    expect(again.stdout).toContain('Data issues: 7, listed on the sheet "数据问题".');
  });

  it("applies --config, --sheet and --lang", async () => {
    await fs.writeFile(path.join(dir, "abc.json"), JSON.stringify({ valueLadder: { preset: "abc" }, review: false }));
    const r = await cli(["segment", path.join(FIXTURES, "english.xlsx"), "-o", "en.xlsx", "--config", "abc.json", "--sheet", "Clients", "--lang", "zh-CN"]);
    expect(r.stdout).toContain("分层：A ");
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "en.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Clients",
      "Notes",
      "分层概览",
      "客户分层",
      "经营计划",
      "行动日历",
      "目标名单",
      "经营手册",
      "数据问题",
      "变动",
      "分层历史",
      "_ClientLadder",
    ]);
  });
});

describe("bad input: exit 1 with a sentence saying what to do", () => {
  it.each([
    [["segment", "nope.xlsx", "-o", "o.xlsx"], "en_US.UTF-8", "The input file nope.xlsx does not exist: check the path and the file name."],
    [["segment", "nope.xlsx", "-o", "o.xlsx"], "zh_CN.UTF-8", "找不到输入文件 nope.xlsx：请检查路径和文件名。"],
    [["segment", path.join(FIXTURES, "no-table.xlsx"), "-o", "o.xlsx"], "en_US.UTF-8", "No client table was found"],
    [["segment", path.join(FIXTURES, "no-table.xlsx"), "-o", "o.xlsx"], "zh_CN.UTF-8", "没有找到客户表"],
    [
      ["segment", path.join(FIXTURES, "empty.xlsx"), "-o", "o.xlsx", "--sheet", "客户"],
      "zh_CN.UTF-8",
      "客户表“客户”中没有客户数据行。请在表头下方填入客户数据后再运行。",
    ],
    [
      ["segment", path.join(FIXTURES, "english.xlsx"), "-o", "o.xlsx", "--sheet", "Nope"],
      "en_US.UTF-8",
      "Name one of these sheets with --sheet: Clients, Notes.",
    ],
    [
      ["segment", path.join(FIXTURES, "english.xlsx"), "-o", "o.xlsx", "--config", "missing.json"],
      "en_US.UTF-8",
      "The configuration file missing.json does not exist",
    ],
  ])("%j (%s)", async (args, lang, text) => {
    const r = await cli(args, lang);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(text);
    expect(r.stdout).toBe("");
    noStack(r);
    await expect(fs.stat(path.join(dir, "o.xlsx"))).rejects.toThrow();
  });

  it("a file that is not an xlsx, and configurations that are not valid", async () => {
    await fs.writeFile(path.join(dir, "text.xlsx"), "just text");
    await fs.writeFile(path.join(dir, "broken.json"), "{ valueLadder: ");
    await fs.writeFile(path.join(dir, "bad.json"), JSON.stringify({ valueLadder: { preset: "biggest" }, colour: "red" }));
    const messy = path.join(FIXTURES, "messy.xlsx");
    const [notXlsx, notJson, invalid] = await Promise.all([
      cli(["segment", "text.xlsx", "-o", "o.xlsx"], "zh_CN.UTF-8"),
      cli(["segment", messy, "-o", "o.xlsx", "--config", "broken.json"]),
      cli(["segment", messy, "-o", "o.xlsx", "--config", "bad.json"]),
    ]);
    expect(notXlsx.code).toBe(1);
    expect(notXlsx.stderr).toContain("text.xlsx 不是 .xlsx 工作簿：请在 Excel 中另存为");
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain("The configuration file broken.json is not valid JSON");
    expect(invalid.code).toBe(1);
    const lines = invalid.stderr.trim().split("\n");
    expect(lines[0]).toBe("The configuration file bad.json has these problems; fix them and try again:");
    expect(lines.slice(1).join("\n")).toMatch(/valueLadder\.preset/);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const r of [notXlsx, notJson, invalid]) noStack(r);
  });
});

describe("usage errors: exit 2", () => {
  it.each([
    [["segment", "in.xlsx", "-o", "o.xlsx", "--colour"], "en_US.UTF-8", "There is no option --colour. Run client-ladder --help"],
    [["segment", "in.xlsx", "-o", "o.xlsx", "--colour"], "zh_CN.UTF-8", "不认识选项 --colour。运行 client-ladder --help 查看用法。"],
    [["segment", "in.xlsx"], "en_US.UTF-8", "Name the output file with -o"],
    [["segment", "in.xlsx"], "zh_CN.UTF-8", "请用 -o 指定输出文件"],
    [["segment", "-o", "o.xlsx"], "en_US.UTF-8", "The argument IN.xlsx is missing."],
    [["segment", "a.xlsx", "b.xlsx", "-o", "o.xlsx"], "en_US.UTF-8", "Too many arguments"],
    [["segment", "in.xlsx", "-o"], "en_US.UTF-8", "The option -o needs a value after it."],
    [
      ["segment", "in.xlsx", "-o", "o.xlsx", "--as-of", "2026-02-30"],
      "en_US.UTF-8",
      '--as-of must be a date written YYYY-MM-DD, such as 2026-03-31, not "2026-02-30".',
    ],
    [["segment", "in.xlsx", "-o", "o.xlsx", "--lang", "fr-FR"], "zh_CN.UTF-8", "--lang 只能是 zh-CN 或 en-US，而不是“fr-FR”。"],
    [["segment", "in.xlsx", "-o", "o.csv"], "en_US.UTF-8", "The output file name must end in .xlsx (o.csv)"],
    [["segment", "in.xlsx", "-o", "./in.xlsx"], "en_US.UTF-8", "The output file cannot be the input file"],
    [["split", "in.xlsx"], "en_US.UTF-8", "There is no command split: the commands are segment and sample."],
    [[], "en_US.UTF-8", "Usage: client-ladder"],
  ])("%j (%s)", async (args, lang, text) => {
    const r = await cli(args, lang);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(text);
    noStack(r);
  });

  it("--help is not an error", async () => {
    const r = await cli(["segment", "--help"], "zh_CN.UTF-8");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--as-of <YYYY-MM-DD>");
    expect(r.stdout).toContain("基准日期");
  });
});
