/*
 * The built task pane inside a fake Excel (test/fake-office), in Debian's Chromium: the pane comes
 * up in Office mode, and the fake Office runtime answers Excel.run from the page with Office.js
 * proxy semantics. The click-through of a whole run builds on test/e2e/fake-office-harness.ts.
 * Needs /usr/bin/chromium (apt-get install -y chromium fonts-wqy-microhei).
 */
import { strings } from "../../src/taskpane/strings";
import { openExcelPage, readFakeExcel, startExcelPane, type ExcelPane } from "./fake-office-harness";

let pane: ExcelPane;

beforeAll(async () => {
  pane = await startExcelPane();
}, 360_000);

afterAll(async () => {
  await pane?.close();
});

const CLIENTS = [
  ["客户编号", "客户姓名", "保费"],
  ["K001", "王伟", 12000],
  ["K002", "李娜", 8000],
];

test("the pane comes up in Office mode inside the fake Excel, even with a slow Office.onReady", async () => {
  const session = await openExcelPage(pane, { displayLanguage: "zh-CN", readyDelayMs: 2500, sheets: [{ name: "客户名单", cells: CLIENTS }] });
  const { page, requests } = session;
  try {
    // past the pane's 1.5 s timeout it is still not in browser mode, and ends in Office mode
    await page.waitForTimeout(2000);
    expect(await page.getByText(strings["zh-CN"].browserMode).count()).toBe(0);
    const detecting = strings["zh-CN"].detecting;
    await page.waitForFunction((text) => document.body.innerText.trim() !== "" && !document.body.innerText.includes(text), detecting, { timeout: 10_000 });
    expect(await page.getByText(strings["zh-CN"].browserMode).count()).toBe(0);
    expect(await page.getByRole("button", { name: strings["zh-CN"].workbench.trySample }).count()).toBe(0);
    expect(requests.filter((u) => u.includes("exceljs"))).toEqual([]);
    expect(session.errors).toEqual([]);
  } finally {
    await session.close();
  }
});

test("the fake answers Excel.run from the page: queued calls, load before read, text kept as text", async () => {
  const session = await openExcelPage(pane, { displayLanguage: "en-US", sheets: [{ name: "客户名单", cells: CLIENTS }], settings: { "ClientLadder.settings": '{"version":1}' } });
  const { page } = session;
  try {
    const answer = await page.evaluate(async () => {
      const excel = (window as unknown as { Excel: typeof Excel }).Excel;
      return excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem("客户名单");
        const used = sheet.getUsedRange(true);
        used.load("address,values");
        let readEarly = "no error";
        try {
          void used.values;
        } catch (e) {
          readEarly = String(e);
        }
        const notes = sheet.getRangeByIndexes(0, 4, 2, 1);
        notes.values = [["+8613800138000"], ["=1+1"]];
        sheet.getRangeByIndexes(2, 4, 1, 1).valuesAsJson = [[{ type: "String", basicValue: "=要见面" } as Excel.StringCellValue]];
        await context.sync();
        const settings = Office.context.document.settings.get("ClientLadder.settings");
        return { address: used.address, values: used.values, readEarly, settings, supported: Office.context.requirements.isSetSupported("ExcelApi", "1.16") };
      });
    });
    expect(answer.address).toBe("客户名单!A1:C3");
    expect(answer.values).toEqual(CLIENTS);
    expect(answer.readEarly).toMatch(/PropertyNotLoaded/);
    expect(answer.settings).toBe('{"version":1}');
    expect(answer.supported).toBe(true);

    const book = await readFakeExcel(page);
    const sheet = book.sheets.find((s) => s.name === "客户名单")!;
    // through Range.values, = + - are formulas (as documented); through a String cell value, text
    expect(sheet.formulas.map((f) => f.text)).toEqual(["+8613800138000", "=1+1"]);
    expect(sheet.cells[2][4]).toBe("=要见面");
    expect(book.syncs.length).toBeGreaterThanOrEqual(1);
    expect(book.syncs[book.syncs.length - 1].writeBytes).toBeGreaterThan(0);
    expect(session.errors).toEqual([]);
  } finally {
    await session.close();
  }
});

test("the fake refuses a response over 5 MB in the page as Excel on the web does", async () => {
  const long = "长".repeat(30_000);
  const cells = Array.from({ length: 80 }, () => [long]);
  const session = await openExcelPage(pane, { sheets: [{ name: "S", cells }] });
  try {
    const code = await session.page.evaluate(async () => {
      const excel = (window as unknown as { Excel: typeof Excel }).Excel;
      try {
        await excel.run(async (context) => {
          context.workbook.worksheets.getItem("S").getUsedRange(true).load("values");
          await context.sync();
        });
        return "answered";
      } catch (e) {
        return (e as { code?: string }).code;
      }
    });
    expect(code).toBe("ResponsePayloadSizeLimitExceeded");
  } finally {
    await session.close();
  }
});
