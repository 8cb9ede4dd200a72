/** @jest-environment jsdom */
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describeIssue } from "../../src/core/issues";
import { SHEET_NAMES } from "../../src/core/vocabulary";
import {
  baseName,
  downloadResult,
  openSample,
  openWorkbook,
  resultFileName,
  saveWithBlobUrl,
  segmentBook,
  todayIso,
  XLSX_MIME,
} from "../../src/taskpane/browser-run";

const FIXTURES = path.resolve(__dirname, "../fixtures");
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const AS_OF = "2026-03-15";

describe("opening", () => {
  test("the sample: one sheet, offered first, with a client table", async () => {
    const opened = await openSample(ExcelJS, "sample-clients");
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.book).toMatchObject({ name: "sample-clients", sheetNames: ["客户名单"], defaultSheet: "客户名单", hasClientTable: true });
  });

  test("a book whose client table is not on the first sheet offers that sheet", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明").addRow(["本表为示例"]);
    const ws = wb.addWorksheet("Clients");
    ws.addRow(["Client ID", "Name", "Premium"]);
    ws.addRow(["C1", "Ann", 1200]);
    const opened = await openWorkbook(ExcelJS, new Uint8Array(await wb.xlsx.writeBuffer()), "C:\\books\\team.xlsx");
    expect(opened.ok && opened.book).toMatchObject({ name: "team", sheetNames: ["说明", "Clients"], defaultSheet: "Clients", hasClientTable: true });
  });

  test("a book without a client table opens, says so and offers its first sheet", async () => {
    const opened = await openWorkbook(ExcelJS, fixture("no-table.xlsx"), "no-table.xlsx");
    expect(opened.ok && opened.book).toMatchObject({ sheetNames: ["备忘"], defaultSheet: "备忘", hasClientTable: false });
  });

  test("a file that is not an xlsx is an unreadable issue, not an exception", async () => {
    const opened = await openWorkbook(ExcelJS, Uint8Array.from("id,name\n1,Ann\n", (ch) => ch.charCodeAt(0)), "clients.csv");
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.issue.code).toBe("unreadable");
    expect(describeIssue(opened.issue, "en-US")).toMatch(/^The workbook could not be read: /);
  });
});

describe("running", () => {
  test("the sample is segmented in Chinese and the result names the download", async () => {
    const opened = await openSample(ExcelJS, "示例客户名单");
    if (!opened.ok) throw new Error("sample did not open");
    const finished = await segmentBook(ExcelJS, opened.book, { sheet: "客户名单", asOf: AS_OF });
    expect(finished.ok).toBe(true);
    if (!finished.ok) return;
    const { result, sheets } = finished.outcome;
    expect(result.lang).toBe("zh-CN");
    expect(result.tiers.map((g) => g.label)).toEqual(["关键", "重点", "一般", "维持"]);
    expect(result.tiers.reduce((n, g) => n + g.count, 0)).toBe(result.clients.filter((c) => c.tier !== null).length);
    expect(sheets.map((s) => s.name).sort()).toEqual(Object.values(SHEET_NAMES["zh-CN"]).sort());
    expect(finished.fileName).toBe("示例客户名单-分层.xlsx");
    // the opened bytes are untouched: a second run starts from the same file
    const again = await segmentBook(ExcelJS, opened.book, { sheet: "客户名单", lang: "en-US", asOf: AS_OF });
    expect(again.ok && again.outcome.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["Segments", "Summary"]));
    expect(again.ok && again.fileName).toBe("示例客户名单-segmented.xlsx");
    expect(again.ok && again.host.workbook.worksheets.map((w) => w.name)).not.toContain("客户分层");
  });

  test("the download holds the source sheet and every output sheet", async () => {
    const opened = await openSample(ExcelJS, "sample");
    if (!opened.ok) throw new Error("sample did not open");
    const finished = await segmentBook(ExcelJS, opened.book, { sheet: "客户名单", asOf: AS_OF });
    if (!finished.ok) throw new Error("run failed");
    const save = jest.fn();
    await expect(downloadResult(finished, save)).resolves.toEqual({ ok: true });
    expect(save).toHaveBeenCalledTimes(1);
    const [bytes, name] = save.mock.calls[0] as [Uint8Array, string];
    expect(name).toBe("sample-分层.xlsx");
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(bytes as unknown as ArrayBuffer);
    const names = back.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(["客户名单", ...Object.values(SHEET_NAMES["zh-CN"])]));
  });

  test("a sheet without a client table gives the engine's message", async () => {
    const opened = await openWorkbook(ExcelJS, fixture("no-table.xlsx"), "no-table.xlsx");
    if (!opened.ok) throw new Error("did not open");
    const finished = await segmentBook(ExcelJS, opened.book, { sheet: opened.book.defaultSheet, asOf: AS_OF });
    expect(finished.ok).toBe(false);
    if (finished.ok) return;
    expect(finished.issue.code).toBe("noHeaderRow");
    expect(describeIssue(finished.issue, "zh-CN")).toContain("“备忘”的前 30 行中没有找到表头");
  });

  test("a bad run date is the engine's configInvalid issue", async () => {
    const opened = await openSample(ExcelJS, "s");
    if (!opened.ok) throw new Error("did not open");
    const finished = await segmentBook(ExcelJS, opened.book, { sheet: "客户名单", asOf: "2026-02-30" });
    expect(finished.ok ? "ok" : finished.issue.code).toBe("configInvalid");
  });

  test("a save that fails is a writeFailed issue", async () => {
    const opened = await openSample(ExcelJS, "s");
    if (!opened.ok) throw new Error("did not open");
    const finished = await segmentBook(ExcelJS, opened.book, { asOf: AS_OF });
    if (!finished.ok) throw new Error("run failed");
    const result = await downloadResult(finished, () => {
      throw new Error("disk full");
    });
    expect(result).toEqual({ ok: false, issue: { code: "writeFailed", params: { value: "disk full" } } });
  });
});

describe("small parts", () => {
  test("file names", () => {
    expect(baseName("/home/me/客户.xlsx")).toBe("客户");
    expect(baseName("Book1.XLSX")).toBe("Book1");
    expect(baseName(".xlsx")).toBe("workbook");
    expect(resultFileName("客户", "zh-CN")).toBe("客户-分层.xlsx");
    expect(resultFileName("clients", "en-US")).toBe("clients-segmented.xlsx");
  });

  test("today is the local calendar date", () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
    expect(todayIso(new Date(2026, 11, 31, 0, 1))).toBe("2026-12-31");
  });

  test("saving goes through a Blob URL and a download link", () => {
    const created: Blob[] = [];
    const urls = URL as unknown as { createObjectURL?: unknown; revokeObjectURL?: unknown };
    urls.createObjectURL = jest.fn((b: Blob) => (created.push(b), "blob:local/1"));
    urls.revokeObjectURL = jest.fn();
    const clicks: { href: string; download: string }[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ href: this.href, download: this.download });
    });
    jest.useFakeTimers();
    try {
      saveWithBlobUrl(new Uint8Array([1, 2, 3]), "a-分层.xlsx");
      expect(created[0].type).toBe(XLSX_MIME);
      expect(created[0].size).toBe(3);
      expect(clicks).toEqual([{ href: "blob:local/1", download: "a-分层.xlsx" }]);
      expect(document.querySelectorAll("a").length).toBe(0);
      jest.runAllTimers();
      expect(urls.revokeObjectURL).toHaveBeenCalledWith("blob:local/1");
    } finally {
      jest.useRealTimers();
      click.mockRestore();
    }
  });
});
