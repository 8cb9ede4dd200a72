/** @jest-environment jsdom */
import "../jsdom-text-encoder";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { ExcelHost } from "../../src/workbook/excel";
import { FakeWorkbook } from "../fake-office/excel";
import { App } from "../../src/taskpane/App";
import { detectHost, paneLanguage } from "../../src/taskpane/office-host";
import { strings } from "../../src/taskpane/strings";

afterEach(() => {
  cleanup();
  delete (globalThis as { Office?: unknown }).Office;
});

/** Excel faked with Office.js semantics: a client sheet and a note sheet of the user's. */
function excelBook() {
  const cells: unknown[][] = [["客户编号", "客户姓名", "业务员", "保费"]];
  for (let i = 1; i <= 12; i++) cells.push([`K${i}`, `客户${i}`, i % 2 ? "王强" : "李娜", i * 10000]);
  const wb = new FakeWorkbook([
    { name: "备忘", cells: [["请勿改动"]] },
    { name: "客户名单", cells },
  ]);
  return { wb, host: new ExcelHost(wb.run) };
}

describe("App", () => {
  test("in a browser it says so, and that the functions need Excel", () => {
    render(<App lang="en-US" version="9.8.7" host={{ kind: "browser" }} />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Client Ladder");
    expect(screen.getByText(/Version 9\.8\.7/)).toBeTruthy();
    expect(screen.getByText(/Browser mode: not running inside Excel/)).toBeTruthy();
  });

  test("inside Excel the first screen is the Data step on the open workbook, not the function cards", async () => {
    const { host, wb } = excelBook();
    render(<App lang="zh-CN" version="1" host={{ kind: "office", host: "Excel" }} excel={{ host, today: "2026-11-25", displayLang: "zh-CN" }} />);
    await waitFor(() => expect(document.querySelector("[data-table-source]")?.getAttribute("data-table-source")).toBe("客户名单"));
    expect(document.querySelector("[data-step]")?.getAttribute("data-step")).toBe("data");
    expect(screen.queryByText(/浏览器模式/)).toBeNull();
    expect(screen.getByRole("button", { name: strings["zh-CN"].steps.useSelection })).toBeTruthy();
    // the function cards wait in the collapsed help section
    expect(screen.queryByText("CLIENT.TIER")).toBeNull();
    expect(screen.getByRole("button", { name: strings["zh-CN"].steps.help })).toHaveProperty("ariaExpanded", "false");
    // opening the pane reads and writes nothing of the user's sheets
    expect(wb.sheets.map((s) => s.name)).toEqual(["备忘", "客户名单"]);
  });

  test("inside Excel: preview, generate, and links that activate each written sheet", async () => {
    const { host, wb } = excelBook();
    const t = strings["en-US"].steps;
    render(<App lang="en-US" version="1" host={{ kind: "office", host: "Excel" }} excel={{ host, today: "2026-11-25", displayLang: "en-US" }} />);
    await waitFor(() => expect(document.querySelector("[data-table-source]")).not.toBeNull());
    fireEvent.click(screen.getByRole("button", { name: t.previewNow }));
    await screen.findByText(t.notWrittenYet);
    expect(wb.sheets.map((s) => s.name)).toEqual(["备忘", "客户名单"]);
    fireEvent.click(screen.getByRole("button", { name: t.generate }));
    await waitFor(() => expect(document.querySelector("[data-result]")?.getAttribute("data-result")).toBe("done"));
    // the output language of a first run inside Excel is the display language
    expect(wb.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["Summary", "Segments", "Plans", "Calendar", "Targets", "Playbook", "Data issues"]));
    expect(wb.activeSheet).toBe("Summary");
    expect(screen.getByText(new RegExp(escape(t.summaryActive("Summary"))))).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: t.openSheet("Segments") }));
    await waitFor(() => expect(wb.activeSheet).toBe("Segments"));
    // the preview can be looked at again, but not written a second time: its plan is out of date
    fireEvent.click(screen.getByRole("button", { name: `4. ${t.names.preview}` }));
    expect(document.querySelector("[data-figure=topShare]")).not.toBeNull();
    expect(screen.queryByText(t.notWrittenYet)).toBeNull();
    expect(screen.queryByRole("button", { name: t.generate })).toBeNull();
    expect(wb.sheet("备忘")!.values({ row: 0, column: 0, rows: 1, columns: 1 })).toEqual([["请勿改动"]]);
  });

  test("while Office has not answered it waits", () => {
    render(<App lang="en-US" version="9.8.7" />);
    expect(screen.getByText(strings["en-US"].detecting)).toBeTruthy();
    expect(screen.queryByText(/Browser mode/)).toBeNull();
  });

  test("in zh-CN every text is Chinese", () => {
    render(<App lang="zh-CN" version="1.0.0" host={{ kind: "browser" }} />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("客户分层经营助手");
    expect(screen.getByText(/浏览器模式/)).toBeTruthy();
    expect(screen.queryByText(/Browser mode/)).toBeNull();
  });

  test("the help section lists the eight functions with an example each", () => {
    render(<App lang="en-US" version="1" host={{ kind: "browser" }} />);
    fireEvent.click(screen.getByRole("button", { name: strings["en-US"].steps.help }));
    for (const name of ["TIER", "QUADRANT", "PARETO_SHARE", "PARETO_CUTOFF", "SCORE", "RFM", "CLV", "GINI"]) {
      expect(screen.getByText(`CLIENT.${name}`)).toBeTruthy();
      expect(screen.getByText(new RegExp(`^=CLIENT\\.${name}\\(`))).toBeTruthy();
    }
  });

  test("both languages have the same set of functions", () => {
    expect(strings["zh-CN"].functions.map((f) => [f.name, f.example, f.result.replace(/\D/g, "")])).toEqual(
      strings["en-US"].functions.map((f) => [f.name, f.example, f.result.replace(/\D/g, "")]),
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("office-host", () => {
  const setOffice = (office: unknown) => {
    (globalThis as { Office?: unknown }).Office = office;
  };

  test("without Office it is the browser, at once", async () => {
    await expect(detectHost(10_000)).resolves.toEqual({ kind: "browser" });
  });

  test("Office.onReady with a host means inside Office", async () => {
    setOffice({ onReady: (cb: (i: { host: string }) => void) => (cb({ host: "Excel" }), Promise.resolve({ host: "Excel" })) });
    await expect(detectHost()).resolves.toEqual({ kind: "office", host: "Excel" });
  });

  test("Office.onReady without a host (office.js loaded in a plain browser) means the browser", async () => {
    setOffice({ onReady: (cb: (i: { host: null }) => void) => (cb({ host: null }), Promise.resolve({ host: null })) });
    await expect(detectHost()).resolves.toEqual({ kind: "browser" });
  });

  test("an onReady that never answers falls back to the browser after the timeout", async () => {
    setOffice({ onReady: () => new Promise(() => undefined) });
    await expect(detectHost(20)).resolves.toEqual({ kind: "browser" });
  });

  test("the language is Office's display language inside Office, the browser's outside", () => {
    setOffice({ onReady: () => Promise.resolve({}), context: { displayLanguage: "zh-CN" } });
    expect(paneLanguage({ kind: "office", host: "Excel" })).toBe("zh-CN");
    setOffice({ onReady: () => Promise.resolve({}), context: { displayLanguage: "en-GB" } });
    expect(paneLanguage({ kind: "office", host: "Excel" })).toBe("en-US");
    const spy = jest.spyOn(window.navigator, "language", "get").mockReturnValue("zh-TW");
    expect(paneLanguage({ kind: "browser" })).toBe("zh-CN");
    spy.mockReturnValue("fr-FR");
    expect(paneLanguage({ kind: "browser" })).toBe("en-US");
    spy.mockRestore();
  });
});
