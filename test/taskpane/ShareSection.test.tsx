/** @jest-environment jsdom */
import "../jsdom-text-encoder";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { ShareSection } from "../../src/taskpane/ShareSection";
import { strings } from "../../src/taskpane/strings";
import { ExcelHost } from "../../src/workbook/excel";
import { HostError } from "../../src/workbook/port";
import { excelSharing } from "../../src/workbook/share";
import { FakeWorkbook } from "../fake-office/excel";

afterEach(cleanup);

/** two sheets with CLIENT formulas; "Plans" is the active one */
function book() {
  const wb = new FakeWorkbook([
    { name: "Clients", cells: [["v", "tier"], [600], [80]] },
    { name: "Plans", cells: [["v", "tier", "sum"], [300], [20]] },
  ]);
  wb.sheet("Clients")!.setFormula(1, 1, "=CLIENT.TIER(A2,{500,100})", "A");
  wb.sheet("Clients")!.setFormula(2, 1, "=CLIENT.TIER(A3,{500,100})", "C");
  wb.sheet("Plans")!.setFormula(1, 1, "=CLIENT.TIER(A2,{500,100})", "B");
  wb.sheet("Plans")!.setFormula(1, 2, "=SUM(A2:A3)", 320);
  wb.activeSheet = "Plans";
  return wb;
}

describe("ShareSection", () => {
  const t = strings["en-US"].share;

  test("asks for a confirmation, then replaces this sheet's CLIENT formulas and says how many", async () => {
    const wb = book();
    render(<ShareSection lang="en-US" replace={excelSharing(wb.run, () => true)} />);
    expect(screen.getByText(t.saveCopyFirst)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: t.start }));
    // nothing changes before the confirmation
    expect(wb.sheet("Plans")!.live.size).toBe(2);
    expect(screen.getByText(t.confirm("this sheet"))).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: t.replace }));
    await waitFor(() => expect(screen.getByText(t.doneTitle)).toBeTruthy());
    expect(screen.getByText(t.sheetResult("Plans", 1, 1))).toBeTruthy();
    expect([...wb.sheet("Plans")!.live.values()].map((f) => f.text)).toEqual(["=SUM(A2:A3)"]);
    expect(wb.sheet("Clients")!.live.size).toBe(2);
  });

  test("the whole book, in zh-CN, with a line per sheet that had formulas", async () => {
    const wb = book();
    const z = strings["zh-CN"].share;
    render(<ShareSection lang="zh-CN" replace={excelSharing(wb.run, () => true)} />);
    fireEvent.click(screen.getByRole("radio", { name: z.wholeBook }));
    fireEvent.click(screen.getByRole("button", { name: z.start }));
    fireEvent.click(screen.getByRole("button", { name: z.replace }));
    await waitFor(() => expect(screen.getByText(z.doneTitle)).toBeTruthy());
    expect(screen.getByText(z.sheetResult("Clients", 2, 2))).toBeTruthy();
    expect(screen.getByText(z.sheetResult("Plans", 1, 1))).toBeTruthy();
    expect(wb.sheet("Clients")!.live.size).toBe(0);
  });

  test("cancel leaves the book alone; no formulas found is said; a host error is a message", async () => {
    const wb = new FakeWorkbook([{ name: "S", cells: [[1]] }]);
    const replace = jest.fn(excelSharing(wb.run, () => true));
    const { rerender } = render(<ShareSection lang="en-US" replace={replace} />);
    fireEvent.click(screen.getByRole("button", { name: t.start }));
    fireEvent.click(screen.getByRole("button", { name: t.cancel }));
    expect(replace).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: t.start }));
    fireEvent.click(screen.getByRole("button", { name: t.replace }));
    await waitFor(() => expect(screen.getByText(t.noneFound)).toBeTruthy());

    const failing = () => Promise.reject(new HostError("writeFailed", "The sheet is protected."));
    rerender(<ShareSection lang="en-US" replace={failing} />);
    fireEvent.click(screen.getByRole("button", { name: t.start }));
    fireEvent.click(screen.getByRole("button", { name: t.replace }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("The sheet is protected."));
  });

  test("shows progress sheet by sheet", async () => {
    let finish: () => void = () => undefined;
    const replace = jest.fn(async (_scope: unknown, control?: { onSheet?: (i: number, n: number, s: string) => void }) => {
      control?.onSheet?.(1, 3, "Plans");
      await new Promise<void>((resolve) => (finish = resolve));
      return [];
    });
    render(<ShareSection lang="en-US" replace={replace} />);
    fireEvent.click(screen.getByRole("button", { name: t.start }));
    fireEvent.click(screen.getByRole("button", { name: t.replace }));
    await waitFor(() => expect(screen.getByText(t.working(2, 3, "Plans"))).toBeTruthy());
    finish();
    await waitFor(() => expect(screen.getByText(t.noneFound)).toBeTruthy());
  });
});

test("the App offers it inside Excel only", async () => {
  const wb = book();
  const { unmount } = render(
    <App
      lang="en-US"
      version="1"
      host={{ kind: "office", host: "Excel" }}
      excel={{ host: new ExcelHost(wb.run), today: "2026-11-25", displayLang: "en-US", share: excelSharing(wb.run, () => true) }}
    />,
  );
  expect(screen.getByRole("button", { name: strings["en-US"].share.title })).toBeTruthy();
  unmount();
  render(<App lang="en-US" version="1" host={{ kind: "browser" }} />);
  expect(screen.queryByRole("button", { name: strings["en-US"].share.title })).toBeNull();
});
