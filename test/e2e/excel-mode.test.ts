/*
 * The built task pane inside a fake Excel (test/fake-office), in Debian's Chromium: the pane comes
 * up in Office mode, and the fake Office runtime answers Excel.run from the page with Office.js
 * proxy semantics. The click-through of a whole run builds on test/e2e/fake-office-harness.ts.
 * Needs /usr/bin/chromium (apt-get install -y chromium fonts-wqy-microhei).
 */
import type { Page } from "playwright-core";
import { TABLE_NAMES } from "../../src/core/output";
import { SETTINGS_SHEET } from "../../src/core/settings";
import { SHEET_NAMES, WORDS } from "../../src/core/vocabulary";
import { todayIso } from "../../src/taskpane/browser-run";
import { strings } from "../../src/taskpane/strings";
import { PAYLOAD_LIMIT_BYTES } from "../fake-office/excel";
import type { FakeExcelInit, FakeExcelSnapshot } from "../fake-office/office";
import { axeViolations, blocking, describeFindings } from "./axe";
import { clientTable, FORMULA_NAME, PHONE_ID } from "./clients";
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
  const session = await openExcelPage(pane, {
    displayLanguage: "en-US",
    sheets: [{ name: "客户名单", cells: CLIENTS }],
    settings: { "ClientLadder.settings": '{"version":1}' },
  });
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

describe("a whole run in the fake Excel, as a manager clicks it", () => {
  const t = strings["zh-CN"].steps;
  const OUT = SHEET_NAMES["zh-CN"];
  const clients = clientTable("zh-CN");
  const memo = [
    ["请勿改动", "", 3],
    ["2026 年目标", "=SUM(C1:C1)", ""],
  ];
  const init: FakeExcelInit = {
    displayLanguage: "zh-CN",
    sheets: [
      { name: "备忘", cells: memo },
      { name: "客户名单", cells: clients },
    ],
  };

  /** Sheet values as the fake holds them, trimmed of trailing empty cells and rows. */
  const trimmed = (cells: unknown[][]) => {
    const rows = cells.map((row) => {
      const out = [...row];
      while (out.length > 0 && (out[out.length - 1] === "" || out[out.length - 1] === null)) out.pop();
      return out;
    });
    while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
    return rows;
  };
  const sheetOf = (book: FakeExcelSnapshot, name: string) => {
    const sheet = book.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`no sheet ${name}: ${book.sheets.map((s) => s.name).join(", ")}`);
    return sheet;
  };
  const payload = (book: FakeExcelSnapshot) => ({
    syncs: book.syncs.length,
    largestRequest: Math.max(...book.syncs.map((s) => s.writeBytes)),
    largestResponse: Math.max(...book.syncs.map((s) => s.readBytes)),
  });

  test("Preview, Generate: the nine output sheets, their tables and chart, the settings, the Summary active, the user's sheets untouched; a note typed on the Segments sheet survives a re-run", async () => {
    const session = await openExcelPage(pane, init);
    const { page } = session;
    try {
      await page.locator("[data-table-source=客户名单]").waitFor({ timeout: 15_000 });
      expect(await page.locator("[data-figure=tableSize]").textContent()).toBe(t.tableSize("30", "6", 1));
      await expectNoBlockingAxe(page, "the Data step (Excel)");
      // nothing is written before Generate, Preview included
      await page
        .getByRole("navigation")
        .getByRole("button", { name: `3. ${t.names.models}` })
        .click();
      await expectNoBlockingAxe(page, "the Models step (Excel)");
      await page.getByRole("button", { name: t.previewNow, exact: true }).click();
      await page.locator("[data-step=preview]").waitFor({ timeout: 30_000 });
      await expectNoBlockingAxe(page, "the Preview step (Excel)");
      expect((await readFakeExcel(page)).sheets.map((s) => s.name)).toEqual(["备忘", "客户名单"]);
      const previewTiers = await page
        .getByRole("table", { name: strings["zh-CN"].workbench.byTier, exact: true })
        .locator("tbody tr td:first-child")
        .allTextContents();

      await page.getByRole("button", { name: t.generate, exact: true }).click();
      await page.locator("[data-result=done]").waitFor({ timeout: 60_000 });
      const book = await readFakeExcel(page);

      const names = book.sheets.map((s) => s.name);
      expect(names).toEqual(expect.arrayContaining(["备忘", "客户名单", ...Object.values(OUT)]));
      expect(Object.values(OUT)).toEqual(["客户分层", "经营计划", "行动日历", "目标名单", "分层概览", "经营手册", "数据问题", "变动", "分层历史"]);
      // the output sheets and the settings sheet, nothing else
      expect(names.filter((n) => !["备忘", "客户名单", ...Object.values(OUT)].includes(n))).toEqual([SETTINGS_SHEET]);
      expect(sheetOf(book, SETTINGS_SHEET).visibility).toBe("VeryHidden");

      // tables where the run puts them, each on its own sheet
      const tablesOn = (sheet: string) => book.tables.filter((x) => x.sheet === sheet).map((x) => x.name);
      expect(tablesOn(OUT.segments)).toEqual([TABLE_NAMES.segments]);
      expect(tablesOn(OUT.issues)).toEqual([TABLE_NAMES.issues]);
      expect(tablesOn(OUT.summary)).toEqual(expect.arrayContaining([TABLE_NAMES.tiers, TABLE_NAMES.pareto]));
      expect(tablesOn("客户名单")).toEqual([]);
      const segments = sheetOf(book, OUT.segments);
      expect(segments.cells.length).toBe(31);
      expect(segments.frozenRows).toBe(1);

      // the Pareto chart: columns with the cumulative share as a line on the secondary axis
      const charts = sheetOf(book, OUT.summary).charts;
      expect(charts).toHaveLength(1);
      expect(charts[0]).toMatchObject({ type: "ColumnClustered", title: WORDS["zh-CN"].paretoChart });
      expect(charts[0].series).toEqual([{}, { chartType: "Line", axisGroup: "Secondary" }]);

      // the tiers written are those previewed
      const tierColumn = segments.cells[0].indexOf(WORDS["zh-CN"].tier);
      expect([...new Set(segments.cells.slice(1).map((r) => r[tierColumn]))].sort()).toEqual([...previewTiers].sort());

      // text that looks like a formula stays text
      const idColumn = segments.cells[0].indexOf("客户编号");
      const nameColumn = segments.cells[0].indexOf("客户姓名");
      expect(segments.cells.some((r) => r[idColumn] === PHONE_ID)).toBe(true);
      expect(segments.cells.some((r) => r[nameColumn] === FORMULA_NAME)).toBe(true);
      expect(book.sheets.flatMap((s) => s.formulas.map((f) => `${s.name}!${f.text}`))).toEqual([]);

      // the settings: this run's, owning the nine sheets
      const settings = JSON.parse(String(book.settings["ClientLadder.settings"])) as {
        outputLanguage: string;
        lastRun: string;
        owned: { key: string; name: string }[];
        config: { sheet?: string };
      };
      expect(settings.outputLanguage).toBe("zh-CN");
      expect(settings.lastRun).toBe(todayIso());
      expect(settings.config.sheet).toBe("客户名单");
      expect(Object.fromEntries(settings.owned.map((o) => [o.key, o.name]))).toEqual(OUT);

      expect(book.activeSheet).toBe(OUT.summary);
      expect(book.staleCalculation).toBe(false);
      // no sync Excel refused, but the selection asked for at open (this workbook has no cell selected)
      expect(book.log.filter((l) => l.startsWith("error:"))).toEqual(["error:InvalidSelection"]);

      // the user's sheets, cell for cell
      expect(trimmed(sheetOf(book, "客户名单").cells)).toEqual(clients);
      expect(trimmed(sheetOf(book, "备忘").cells)).toEqual(trimmed(memo));

      const first = payload(book);
      console.log(
        `Excel mode, 30 clients, open + preview + generate: ${first.syncs} syncs, largest request ${first.largestRequest} bytes, largest response ${first.largestResponse} bytes`,
      );
      expect(first.largestRequest).toBeLessThan(PAYLOAD_LIMIT_BYTES);
      expect(first.largestResponse).toBeLessThan(PAYLOAD_LIMIT_BYTES);
      expect(first.largestRequest).toBeGreaterThan(0);
      expect(first.largestResponse).toBeGreaterThan(0);

      // a link activates its sheet
      await page.getByRole("button", { name: t.openSheet(OUT.segments) }).click();
      await page.waitForFunction((name) => window.__fakeExcel?.workbook.activeSheet === name, OUT.segments);

      // the manager types a note on the Segments sheet, for the client K007
      const noteColumn = segments.cells[0].indexOf(WORDS["zh-CN"].notes);
      expect(noteColumn).toBe(segments.cells[0].length - 1);
      const noteRow = segments.cells.findIndex((r) => r[idColumn] === "K007");
      expect(noteRow).toBeGreaterThan(0);
      await page.evaluate(
        ({ sheet, row, column }) => {
          const s = window.__fakeExcel!.workbook.sheet(sheet)!;
          (s.grid[row] ??= [])[column] = "下周三回访";
          s.usedCache = undefined;
        },
        { sheet: OUT.segments, row: noteRow, column: noteColumn },
      );

      // run again as a manager would: back to the models, preview, generate
      await page.evaluate(() => window.__fakeExcel!.workbook.resetStats());
      await page.getByRole("button", { name: t.runAgain }).click();
      expect(await page.locator("[data-step]").getAttribute("data-step")).toBe("models");
      await page.getByRole("button", { name: t.previewNow, exact: true }).click();
      await page.locator("[data-step=preview]").waitFor({ timeout: 30_000 });
      // the preview says the run's own sheets are replaced, not written beside
      expect(await page.locator("[data-figure=sheets] li").allTextContents()).toEqual(
        expect.arrayContaining([`${OUT.segments}${t.replaces}`, `${OUT.summary}${t.replaces}`]),
      );
      await page.getByRole("button", { name: t.generate, exact: true }).click();
      await page.locator("[data-result=done]").waitFor({ timeout: 60_000 });

      const again = await readFakeExcel(page);
      expect(again.sheets.map((s) => s.name)).toEqual(names);
      expect(again.sheets.filter((s) => / \(\d+\)$/.test(s.name))).toEqual([]);
      expect(again.tables.map((x) => x.name).sort()).toEqual(book.tables.map((x) => x.name).sort());
      const rewritten = sheetOf(again, OUT.segments);
      const kept = rewritten.cells.find((r) => r[idColumn] === "K007");
      expect(kept?.[noteColumn]).toBe("下周三回访");
      expect(rewritten.cells.filter((r) => r[noteColumn] === "下周三回访")).toHaveLength(1);
      expect(sheetOf(again, OUT.summary).charts).toHaveLength(1);
      expect(again.activeSheet).toBe(OUT.summary);
      expect(again.staleCalculation).toBe(false);
      expect(trimmed(sheetOf(again, "客户名单").cells)).toEqual(clients);
      expect(trimmed(sheetOf(again, "备忘").cells)).toEqual(trimmed(memo));
      const second = payload(again);
      console.log(
        `Excel mode, re-run (preview + generate): ${second.syncs} syncs, largest request ${second.largestRequest} bytes, largest response ${second.largestResponse} bytes`,
      );
      expect(second.largestRequest).toBeLessThan(PAYLOAD_LIMIT_BYTES);
      expect(second.largestResponse).toBeLessThan(PAYLOAD_LIMIT_BYTES);
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});

async function expectNoBlockingAxe(page: Page, where: string): Promise<void> {
  const found = blocking(await axeViolations(page));
  if (found.length > 0) throw new Error(`axe on ${where}:\n${describeFindings(found)}`);
}
