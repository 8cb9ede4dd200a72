/** @jest-environment jsdom */
import { readFileSync } from "node:fs";
import path from "node:path";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import ExcelJS from "exceljs";
import { describeIssue } from "../../src/core/issues";
import { App } from "../../src/taskpane/App";
import { openSample, segmentBook } from "../../src/taskpane/browser-run";
import { formatPercent } from "../../src/taskpane/Preview";
import { strings } from "../../src/taskpane/strings";
import { Workbench } from "../../src/taskpane/Workbench";

const AS_OF = "2026-03-15";
const zh = strings["zh-CN"].workbench;
const en = strings["en-US"].workbench;

afterEach(cleanup);

/** The rows of a preview table as [label, count, value] texts. */
function tableRows(name: string): string[][] {
  const table = screen.getByRole("table", { name });
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("cell").map((c) => c.textContent ?? ""));
}

/** The same run the pane makes, straight through browser-run: what the preview must show. */
async function expectedOutcome() {
  const opened = await openSample(ExcelJS, zh.sampleName);
  if (!opened.ok) throw new Error("sample did not open");
  const finished = await segmentBook(ExcelJS, opened.book, { sheet: opened.book.defaultSheet, asOf: AS_OF });
  if (!finished.ok) throw new Error("run failed");
  return finished.outcome;
}

test("the sample: open, segment, preview the run's own figures, download", async () => {
  const save = jest.fn();
  const load = jest.fn(async () => ExcelJS);
  render(<App lang="zh-CN" version="1" host={{ kind: "browser" }} browser={{ loadExcelJs: load, save, today: AS_OF }} />);
  // ExcelJS is not loaded until it is needed
  expect(load).not.toHaveBeenCalled();
  expect(screen.queryByText(strings["zh-CN"].comingSoon)).toBeNull();

  fireEvent.click(screen.getByRole("button", { name: zh.trySample }));
  const sheet = await screen.findByRole("combobox", { name: zh.sheetLabel }, { timeout: 10_000 });
  expect((sheet as HTMLSelectElement).value).toBe("客户名单");
  expect((screen.getByLabelText(zh.asOfLabel) as HTMLInputElement).value).toBe(AS_OF);
  expect((screen.getByRole("combobox", { name: zh.langLabel }) as HTMLSelectElement).value).toBe("auto");

  fireEvent.click(screen.getByRole("button", { name: zh.segment }));
  await screen.findByRole("heading", { name: zh.previewTitle }, { timeout: 15_000 });

  const expected = await expectedOutcome();
  const r = expected.result;
  expect(tableRows(zh.byTier)).toEqual(r.tiers.map((g) => [g.label, g.count.toLocaleString("zh-CN"), Math.round(g.value).toLocaleString("zh-CN")]));
  expect(tableRows(zh.byTier).map((row) => row[0])).toEqual(["关键", "重点", "一般", "维持"]);
  expect(tableRows(zh.byQuadrant).map((row) => [row[0], row[1]])).toEqual(r.quadrants.map((g) => [g.label, String(g.count)]));
  expect(screen.getByText(zh.clientsSegmented(String(r.clients.length), String(r.rowsRead)))).toBeTruthy();
  const topShare = formatPercent(r.topShare, "zh-CN");
  expect(topShare).toMatch(/^\d+\.\d%$/);
  expect(document.querySelector("[data-figure=topShare]")?.textContent).toBe(topShare);
  expect(document.querySelector("[data-figure=cutoff]")?.textContent).toBe(formatPercent(r.cutoff, "zh-CN"));
  expect(screen.getByText(zh.issuesTitle(String(expected.issues.length)))).toBeTruthy();
  expect(expected.issues.length).toBeGreaterThan(0);
  expect(screen.getByText(new RegExp(escape(describeIssue(expected.issues[0].issue, "zh-CN"))))).toBeTruthy();
  expect(document.querySelector("[data-figure=sheets]")?.textContent).toBe(expected.sheets.map((s) => s.name).join(" · "));

  fireEvent.click(screen.getByRole("button", { name: zh.download }));
  await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
  const [bytes, name] = save.mock.calls[0] as [Uint8Array, string];
  expect(name).toBe(`${zh.sampleName}-分层.xlsx`);
  expect(bytes.byteLength).toBeGreaterThan(10_000);
  expect(load).toHaveBeenCalled();
});

test("a workbook without a client table: a warning, then the engine's message, no preview", async () => {
  render(<Workbench lang="en-US" loadExcelJs={async () => ExcelJS} save={jest.fn()} today={AS_OF} />);
  const bytes = readFileSync(path.resolve(__dirname, "../fixtures/no-table.xlsx"));
  const file = new File([new Uint8Array(bytes)], "no-table.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  fireEvent.change(screen.getByLabelText(en.fileInputLabel), { target: { files: [file] } });
  await screen.findByText(en.noClientTable, undefined, { timeout: 10_000 });
  fireEvent.click(screen.getByRole("button", { name: en.segment }));
  const alert = await screen.findByRole("alert", undefined, { timeout: 10_000 });
  expect(alert.textContent).toContain(describeIssue({ code: "noHeaderRow", params: { value: "备忘" } }, "en-US"));
  expect(alert.textContent).not.toMatch(/\bat \w+ \(|Error:/); // a message, not a stack trace
  expect(screen.queryByRole("heading", { name: en.previewTitle })).toBeNull();
  expect(screen.queryByRole("button", { name: en.download })).toBeNull();
});

test("a file that is not an xlsx says it could not be read", async () => {
  render(<Workbench lang="zh-CN" loadExcelJs={async () => ExcelJS} save={jest.fn()} today={AS_OF} />);
  const file = new File(["客户编号,姓名\n1,张三\n"], "clients.csv", { type: "text/csv" });
  fireEvent.change(screen.getByLabelText(zh.fileInputLabel), { target: { files: [file] } });
  const alert = await screen.findByRole("alert", undefined, { timeout: 10_000 });
  expect(alert.textContent).toContain("无法读取工作簿：");
  expect(screen.queryByRole("combobox", { name: zh.sheetLabel })).toBeNull();
});

test("ExcelJS that cannot be loaded is a message too", async () => {
  render(<Workbench lang="en-US" loadExcelJs={() => Promise.reject(new Error("Loading chunk exceljs failed."))} save={jest.fn()} today={AS_OF} />);
  fireEvent.click(screen.getByRole("button", { name: en.trySample }));
  const alert = await screen.findByRole("alert");
  expect(alert.textContent).toContain("The workbook could not be read: Loading chunk exceljs failed.");
});

test("both languages have every workbench string", () => {
  expect(Object.keys(strings["zh-CN"].workbench).sort()).toEqual(Object.keys(strings["en-US"].workbench).sort());
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
