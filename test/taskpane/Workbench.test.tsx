/** @jest-environment jsdom */
/*
 * Browser mode through the real pane: open a file or the sample, the Data step finds the client
 * table, Preview shows the prepared figures, Generate writes exactly those, Download saves the book.
 * The books open in-process (jsdom has no Worker): the same package host the page's worker holds;
 * ExcelJS reads the downloads independently. Everything else is the pane as it ships.
 */
import "./jsdom-text";
import { readFileSync } from "node:fs";
import path from "node:path";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import ExcelJS from "exceljs";
import { describeIssue } from "../../src/core/issues";
import { WORDS } from "../../src/core/vocabulary";
import { App } from "../../src/taskpane/App";
import { strings } from "../../src/taskpane/strings";
import { Workbench } from "../../src/taskpane/Workbench";
import { localBooks, type BookOpener } from "../../src/workbook/package/worker";

const AS_OF = "2026-03-15";
const zh = strings["zh-CN"];
const en = strings["en-US"];

afterEach(cleanup);

/** The rows of a preview table as [label, count, value] texts. */
function tableRows(name: string): string[][] {
  const table = screen.getByRole("table", { name });
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole("cell")
        .map((c) => c.textContent ?? ""),
    );
}

const step = () => document.querySelector("[data-step]")?.getAttribute("data-step");

async function readBook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The Summary's rows of a group table, from its title down to the first blank row. */
function summaryGroup(wb: ExcelJS.Workbook, sheet: string, title: string): [string, number, number][] {
  const ws = wb.getWorksheet(sheet)!;
  const rows: [string, number, number][] = [];
  let at = -1;
  ws.eachRow((row, n) => {
    if (row.getCell(1).value === title) at = n + 2;
  });
  for (let r = at; ws.getRow(r).getCell(1).value; r++) {
    const row = ws.getRow(r);
    rows.push([String(row.getCell(1).value), Number(row.getCell(2).value), Number(row.getCell(3).value)]);
  }
  return rows;
}

test("the sample: found at once, previewed, generated and downloaded in three clicks; the sheets hold the previewed figures", async () => {
  const save = jest.fn();
  const books = localBooks();
  const sample = jest.spyOn(books, "sample");
  render(<App lang="zh-CN" version="1" host={{ kind: "browser" }} browser={{ books, save, today: AS_OF }} />);
  expect(sample).not.toHaveBeenCalled(); // no book (no worker, on the page) until one is asked for

  fireEvent.click(screen.getByRole("button", { name: zh.workbench.trySample })); // click 1
  await waitFor(() => expect(document.querySelector("[data-table-source]")?.getAttribute("data-table-source")).toBe("客户名单"), { timeout: 15_000 });
  expect(step()).toBe("data");
  expect(document.querySelector("[data-figure=tableSize]")?.textContent).toMatch(/^3\d\d 行 × 1\d 列，表头在第 2 行$/);
  expect(screen.getByRole("radio", { name: /客户名单/ })).toHaveProperty("checked", true);

  fireEvent.click(screen.getByRole("button", { name: zh.steps.previewNow })); // click 2
  await waitFor(() => expect(step()).toBe("preview"), { timeout: 15_000 });
  expect(screen.getByText(zh.steps.notWrittenYet)).toBeTruthy();
  const tiers = tableRows(zh.workbench.byTier);
  // the sample's two clients without a usable value are a line of their own, as on the Summary
  expect(tiers.map((r) => r[0])).toEqual(["关键", "重点", "一般", "维持", WORDS["zh-CN"].noValue]);
  expect(tiers.reduce((s, r) => s + Number(r[1].replace(/,/g, "")), 0)).toBe(299);
  expect(screen.getByRole("img", { name: /累计保费占比曲线/ })).toBeTruthy();
  const topShare = document.querySelector("[data-figure=topShare]")?.textContent ?? "";
  expect(topShare).toMatch(/^\d+\.\d%$/);

  fireEvent.click(screen.getByRole("button", { name: zh.steps.generate })); // click 3
  await waitFor(() => expect(document.querySelector("[data-result]")?.getAttribute("data-result")).toBe("done"), { timeout: 15_000 });
  expect(screen.getByText(zh.steps.done(9))).toBeTruthy();

  fireEvent.click(screen.getByRole("button", { name: zh.workbench.download }));
  await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
  const [bytes, name] = save.mock.calls[0] as [Uint8Array, string];
  expect(name).toBe(`${zh.workbench.sampleName}-分层.xlsx`);
  const wb = await readBook(bytes);
  const written = summaryGroup(wb, "分层概览", WORDS["zh-CN"].byTier);
  expect(written.map(([label, count, value]) => [label, count.toLocaleString("zh-CN"), Math.round(value).toLocaleString("zh-CN")])).toEqual(tiers);
  const shareRow = wb.getWorksheet("分层概览")!.getColumn(1).values.indexOf(WORDS["zh-CN"].topShare);
  const share = Number(wb.getWorksheet("分层概览")!.getRow(shareRow).getCell(2).value);
  expect(share.toLocaleString("zh-CN", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 })).toBe(topShare);
  expect(wb.worksheets[wb.views[0].activeTab ?? -1].name).toBe("分层概览");
});

/** A book with two client sheets of different sizes. */
async function twoSheets(): Promise<File> {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet("North");
  a.addRow(["Client ID", "Name", "Premium"]);
  for (let i = 1; i <= 10; i++) a.addRow([`N${i}`, `North ${i}`, i * 1000]);
  const b = wb.addWorksheet("South");
  b.addRow(["Client ID", "Name", "Premium"]);
  for (let i = 1; i <= 40; i++) b.addRow([`S${i}`, `South ${i}`, i * 10]);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return new File([bytes], "team.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
}

test("a changed input drops the stale preview; the next preview is of the new input", async () => {
  render(<Workbench lang="en-US" books={localBooks()} save={jest.fn()} today={AS_OF} />);
  fireEvent.change(screen.getByLabelText(en.workbench.fileInputLabel), { target: { files: [await twoSheets()] } });
  await waitFor(() => expect(document.querySelector("[data-table-source]")?.getAttribute("data-table-source")).toBe("North"), { timeout: 15_000 });
  fireEvent.click(screen.getByRole("button", { name: en.steps.previewNow }));
  await waitFor(() => expect(step()).toBe("preview"), { timeout: 15_000 });
  expect(screen.getByText(en.workbench.clientsSegmented("10", "10"))).toBeTruthy();

  // back to Data, another sheet: the preview of North is gone and cannot be generated
  fireEvent.click(screen.getByRole("button", { name: `1. ${en.steps.names.data}` }));
  fireEvent.click(screen.getByRole("radio", { name: /South/ }));
  await waitFor(() => expect(document.querySelector("[data-table-source]")?.getAttribute("data-table-source")).toBe("South"));
  expect((screen.getByRole("button", { name: `4. ${en.steps.names.preview}` }) as HTMLButtonElement).disabled).toBe(true);
  expect(screen.queryByRole("button", { name: en.steps.generate })).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: en.steps.previewNow }));
  await waitFor(() => expect(step()).toBe("preview"), { timeout: 15_000 });
  expect(screen.getByText(en.workbench.clientsSegmented("40", "40"))).toBeTruthy();
});

test("a workbook without a client table: the Data step says so, Preview is off, the engine's message shows", async () => {
  render(<Workbench lang="en-US" books={localBooks()} save={jest.fn()} today={AS_OF} />);
  const bytes = readFileSync(path.resolve(__dirname, "../fixtures/no-table.xlsx"));
  const file = new File([new Uint8Array(bytes)], "no-table.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  fireEvent.change(screen.getByLabelText(en.workbench.fileInputLabel), { target: { files: [file] } });
  const alert = await screen.findByRole("alert", undefined, { timeout: 10_000 });
  expect(alert.textContent).toContain(describeIssue({ code: "noClientSheet" }, "en-US"));
  expect(alert.textContent).not.toMatch(/\bat \w+ \(|Error:/); // a message, not a stack trace
  fireEvent.click(screen.getByRole("radio", { name: /备忘/ }));
  await screen.findByText(en.steps.noHeader);
  expect((screen.getByRole("button", { name: en.steps.previewNow }) as HTMLButtonElement).disabled).toBe(true);
});

test("a file that is not an xlsx says it could not be read", async () => {
  render(<Workbench lang="zh-CN" books={localBooks()} save={jest.fn()} today={AS_OF} />);
  const file = new File(["客户编号,姓名\n1,张三\n"], "clients.csv", { type: "text/csv" });
  fireEvent.change(screen.getByLabelText(zh.workbench.fileInputLabel), { target: { files: [file] } });
  const alert = await screen.findByRole("alert", undefined, { timeout: 10_000 });
  expect(alert.textContent).toContain("无法读取工作簿：");
  expect(document.querySelector("[data-step]")).toBeNull();
});

test("a workbook worker that cannot start is a message too", async () => {
  const broken: BookOpener = {
    file: () => Promise.reject(new Error("the workbook worker stopped")),
    sample: () => Promise.reject(new Error("the workbook worker stopped")),
  };
  render(<Workbench lang="en-US" books={broken} save={jest.fn()} today={AS_OF} />);
  fireEvent.click(screen.getByRole("button", { name: en.workbench.trySample }));
  const alert = await screen.findByRole("alert");
  expect(alert.textContent).toContain("The workbook could not be read: the workbook worker stopped");
});

test("opening another book closes the one before (the page: ends its worker)", async () => {
  const books = localBooks();
  const opened: { close: jest.Mock }[] = [];
  const tracked: BookOpener = {
    file: books.file,
    sample: async () => {
      const book = await books.sample();
      const close = jest.fn();
      opened.push({ close });
      return Object.assign(book, { close });
    },
  };
  render(<Workbench lang="en-US" books={tracked} save={jest.fn()} today={AS_OF} />);
  fireEvent.click(screen.getByRole("button", { name: en.workbench.trySample }));
  await waitFor(() => expect(document.querySelector("[data-table-source]")).not.toBeNull(), { timeout: 15_000 });
  fireEvent.click(screen.getByRole("button", { name: en.workbench.trySample }));
  await waitFor(() => expect(opened).toHaveLength(2));
  await waitFor(() => expect(opened[0].close).toHaveBeenCalledTimes(1));
  expect(opened[1].close).not.toHaveBeenCalled();
  cleanup();
  expect(opened[1].close).toHaveBeenCalledTimes(1);
});

test("both languages have every pane string", () => {
  expect(Object.keys(zh.workbench).sort()).toEqual(Object.keys(en.workbench).sort());
  expect(Object.keys(zh.steps).sort()).toEqual(Object.keys(en.steps).sort());
});
