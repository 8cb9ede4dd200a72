/** @jest-environment jsdom */
import "./jsdom-text";
import ExcelJS from "exceljs";
import { describeIssue } from "../../src/core/issues";
import { SHEET_NAMES } from "../../src/core/vocabulary";
import { baseName, downloadResult, openFile, openHost, openSample, resultFileName, saveWithBlobUrl, todayIso, XLSX_MIME } from "../../src/taskpane/browser-run";
import { localBooks } from "../../src/workbook/package/worker";
import { runSegmentation } from "../../src/workbook/run";

const AS_OF = "2026-03-15";

async function sampleHost() {
  const opened = await openSample(localBooks());
  if (!opened.ok) throw new Error("sample did not open");
  return opened.host;
}

describe("opening", () => {
  test("the sample: one sheet with a client table", async () => {
    const host = await sampleHost();
    expect((await host.open()).sheetNames).toEqual(["客户名单"]);
    const [head] = await host.readSheetHeads(30);
    expect(head.name).toBe("客户名单");
    expect(head.head.length).toBe(30);
    expect(head.rows).toBeGreaterThan(300);
  });

  test("a file that is not an xlsx is an unreadable issue, not an exception", async () => {
    const opened = await openFile(
      localBooks(),
      Uint8Array.from("id,name\n1,Ann\n", (ch) => ch.charCodeAt(0)),
    );
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.issue.code).toBe("unreadable");
    expect(describeIssue(opened.issue, "en-US")).toMatch(/^The workbook could not be read: /);
  });
});

describe("running and downloading", () => {
  test("the download holds the source sheet and every output sheet, the Summary active", async () => {
    const host = await sampleHost();
    const outcome = await runSegmentation(host, { asOf: AS_OF });
    if (!outcome.ok) throw new Error("run failed");
    const save = jest.fn();
    await expect(downloadResult(host, resultFileName("sample", outcome.lang), save)).resolves.toEqual({ ok: true });
    expect(save).toHaveBeenCalledTimes(1);
    const [bytes, name] = save.mock.calls[0] as [Uint8Array, string];
    expect(name).toBe("sample-分层.xlsx");
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(bytes as unknown as ArrayBuffer);
    const names = back.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(["客户名单", ...Object.values(SHEET_NAMES["zh-CN"])]));
    expect(back.worksheets[back.views[0].activeTab ?? 0].name).toBe("分层概览");
  });

  test("a save that fails is a writeFailed issue", async () => {
    const host = await sampleHost();
    const result = await downloadResult(host, "x.xlsx", () => {
      throw new Error("disk full");
    });
    expect(result).toEqual({ ok: false, issue: { code: "writeFailed", params: { value: "disk full" } } });
  });
});

test("a book that cannot be opened at all (the worker did not start) is an unreadable issue too", async () => {
  const opened = await openHost(() => Promise.reject(new Error("the workbook worker stopped")));
  expect(opened).toEqual({ ok: false, issue: { code: "unreadable", params: { value: "the workbook worker stopped" } } });
});

describe("small parts", () => {
  test("file names", () => {
    expect(resultFileName("宏", "zh-CN", true)).toBe("宏-分层.xlsm");
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
