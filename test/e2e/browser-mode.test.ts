/*
 * End to end in a real browser (SPEC section 7, host "browser"): the production build, served on
 * 127.0.0.1 by the fake-office harness, opened outside Office in Debian's Chromium with the Office.js
 * URL aborted. The sample goes through the pane's steps as a manager clicks them (a column chosen,
 * another ladder preset, Preview, Generate, Download); the download is read back with ExcelJS in
 * Node. No request leaves the machine. Needs /usr/bin/chromium (apt-get install -y chromium fonts-wqy-microhei).
 */
import path from "node:path";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { describeIssue } from "../../src/core/issues";
import { sampleBook, SAMPLE_HEADER } from "../../src/core/sample";
import { localIsoDate } from "../../src/core/dates";
import { ABC_PRESET_LABELS } from "../../src/core/tier";
import { SHEET_NAMES, WORDS } from "../../src/core/vocabulary";
import { strings } from "../../src/taskpane/strings";
import { stepStrings } from "../../src/taskpane/strings-models";
import { sampleBytes } from "../../src/workbook/package/new-book";
import { plainValue } from "../workbook/xlsx-book";
import { axeViolations, blocking, describeFindings } from "./axe";
import { OFFICE_CDN, startExcelPane, type ExcelPane } from "./fake-office-harness";

const root = path.resolve(__dirname, "../..");
const zh = strings["zh-CN"];
const en = strings["en-US"];
const zhModels = stepStrings["zh-CN"];
const OUT = SHEET_NAMES["zh-CN"];
/** the sample's column the test maps the value field to: 万元, so the run multiplies by 10,000 */
const ASSETS = SAMPLE_HEADER[13];

let pane: ExcelPane;

beforeAll(async () => {
  pane = await startExcelPane();
}, 360_000);

afterAll(async () => {
  await pane?.close();
});

interface Session {
  context: BrowserContext;
  page: Page;
  requests: string[];
  errors: string[];
}

/** A fresh context outside Office: every request that is not the local server is aborted (Office.js included) and recorded. */
async function open(locale: string): Promise<Session> {
  const context = await pane.browser.newContext({ locale, acceptDownloads: true, viewport: { width: 420, height: 900 } });
  const requests: string[] = [];
  context.on("request", (r) => requests.push(r.url()));
  await context.route(
    (url) => !url.href.startsWith(`${pane.origin}/`),
    (route) => route.abort(),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${pane.origin}/taskpane.html`);
  return { context, page, requests, errors };
}

/** Only the page's own server, and the Office CDN (aborted); blob: and data: never leave the page. */
function expectNothingLeft({ requests, errors }: Session): void {
  expect(errors).toEqual([]);
  expect(requests.filter((u) => !u.startsWith(`${pane.origin}/`) && !OFFICE_CDN.test(u) && !/^(blob|data):/.test(u))).toEqual([]);
}

const stepOf = (page: Page) => page.locator("[data-step]").getAttribute("data-step");
const navButton = (page: Page, lang: "zh-CN" | "en-US", step: keyof (typeof zh)["steps"]["names"], n: number) =>
  page.getByRole("navigation").getByRole("button", { name: `${n}. ${strings[lang].steps.names[step]}`, exact: true });

async function expectNoBlockingAxe(page: Page, where: string): Promise<void> {
  const found = blocking(await axeViolations(page));
  if (found.length > 0) throw new Error(`axe on ${where}:\n${describeFindings(found)}`);
}

/** The rows of a preview table as cell texts. */
function previewRows(page: Page, name: string): Promise<string[][]> {
  return page
    .getByRole("table", { name, exact: true })
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
}

/** The Summary's rows of a group table: from the row after its title's header to the first blank row. */
function summaryGroup(ws: ExcelJS.Worksheet, title: string): [string, number, number][] {
  let at = -1;
  ws.eachRow((row, n) => {
    if (at < 0 && row.getCell(1).value === title) at = n + 2;
  });
  expect(at).toBeGreaterThan(0);
  const rows: [string, number, number][] = [];
  for (let r = at; ws.getRow(r).getCell(1).value; r++) {
    const row = ws.getRow(r);
    rows.push([String(row.getCell(1).value), Number(row.getCell(2).value), Number(row.getCell(3).value)]);
  }
  return rows;
}

/** Everything of a sheet a user could see change: cell values and formats, hidden rows, merges, widths, frozen panes. */
function sheetFacts(ws: ExcelJS.Worksheet) {
  const cells: Record<string, unknown> = {};
  const hidden: number[] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (row.hidden) hidden.push(r);
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const v = cell.value;
      cells[`${r},${c}`] = [v instanceof Date ? v.toISOString() : v, cell.numFmt ?? null];
    });
  });
  const widths = Array.from({ length: ws.columnCount }, (_, c) => ws.getColumn(c + 1).width ?? null);
  const merges = (ws.model as { merges?: string[] }).merges ?? [];
  return { cells, hidden, widths, merges: [...merges].sort(), views: ws.views.map((v) => ({ state: v.state, ySplit: (v as { ySplit?: number }).ySplit })) };
}

test("the sample: a column chosen, the ABC ladder, previewed figures written as shown, the source left as it was", async () => {
  const session = await open("zh-CN");
  const { context, page, requests } = session;
  try {
    await page.getByRole("heading", { level: 1, name: zh.productName }).waitFor();
    expect(requests.some((u) => u.endsWith("/workbook-worker.js"))).toBe(false); // not before a file is opened

    // 1. Data: the sample's client sheet is found
    await page.getByRole("button", { name: zh.workbench.trySample }).click();
    await page.locator("[data-table-source=客户名单]").waitFor({ timeout: 30_000 });
    expect(await stepOf(page)).toBe("data");
    expect(await page.locator("[data-figure=tableSize]").textContent()).toMatch(/^3\d\d 行 × 15 列，表头在第 2 行$/);
    // the book lives in the workbook worker (the package host), started from the page's own server
    expect(requests.filter((u) => u === `${pane.origin}/workbook-worker.js`)).toHaveLength(1);
    await expectNoBlockingAxe(page, "the Data step (browser)");

    // 2. Columns: the value is the investable assets (万元) instead of the premium
    await page.getByRole("button", { name: zh.steps.next }).click();
    expect(await stepOf(page)).toBe("columns");
    const value = page.getByRole("combobox", { name: new RegExp(`^${escapeRegExp(zhModels.columns.fields.value)}`) });
    await value.selectOption(ASSETS);
    await page.getByText(zhModels.columns.column(ASSETS)).waitFor();
    await page.getByText(zhModels.columns.chosenByYou).waitFor();

    // 3. Models: the ABC ladder
    await page.getByRole("button", { name: zh.steps.next }).click();
    expect(await stepOf(page)).toBe("models");
    await page.getByRole("radio", { name: zhModels.models.presets.abc.name }).check();
    await expectNoBlockingAxe(page, "the Models step (browser)");

    // 4. Preview
    await page.getByRole("button", { name: zh.steps.previewNow, exact: true }).click();
    await page.locator("[data-step=preview]").waitFor({ timeout: 60_000 });
    const tiers = await previewRows(page, zh.workbench.byTier);
    expect(tiers.map((r) => r[0])).toEqual([...ABC_PRESET_LABELS]);
    const topShare = await page.locator("[data-figure=topShare]").textContent();
    expect(topShare).toMatch(/^\d+\.\d%$/);
    expect(await page.getByRole("img", { name: /%/ }).count()).toBe(1);
    await expectNoBlockingAxe(page, "the Preview step (browser)");

    // 5. Generate, then Download
    await page.getByRole("button", { name: zh.steps.generate, exact: true }).click();
    await page.locator("[data-result=done]").waitFor({ timeout: 60_000 });
    expect(await page.getByText(zh.steps.done(9)).count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: zh.workbench.download }).click()]);
    expect(download.suggestedFilename()).toBe(`${zh.workbench.sampleName}-分层.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());

    expect(book.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(["客户名单", ...Object.values(OUT)]));
    const summary = book.getWorksheet(OUT.summary)!;
    // the Summary's tier rows are the previewed ones, with the ABC labels
    const written = summaryGroup(summary, WORDS["zh-CN"].byTier);
    expect(written.map(([label, count, v]) => [label, count.toLocaleString("zh-CN"), Math.round(v).toLocaleString("zh-CN")])).toEqual(tiers);
    expect(written.map(([label]) => label)).toEqual(["A", "B", "C"]);
    const shareRow = summary.getColumn(1).values.indexOf(WORDS["zh-CN"].topShare);
    expect(
      Number(summary.getRow(shareRow).getCell(2).value).toLocaleString("zh-CN", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    ).toBe(topShare);

    // the Segments value column is the chosen column, in yuan; every client has an ABC tier
    const source = book.getWorksheet("客户名单")!;
    const assetsOf = new Map<string, number>();
    source.eachRow((row, r) => {
      const id = plainValue(row.getCell(1).value);
      // a repeated id is left out of the run (a Data issue): the first row of an id is the one placed
      if (r > 2 && typeof id === "string" && !assetsOf.has(id)) assetsOf.set(id, Number(plainValue(row.getCell(14).value)));
    });
    const segments = book.getWorksheet(OUT.segments)!;
    const head = (segments.getRow(1).values as unknown[]).map((v) => plainValue(v));
    expect(head[4]).toBe("可投资资产");
    const tierAt = head.indexOf(WORDS["zh-CN"].tier);
    let rows = 0;
    segments.eachRow((row, r) => {
      if (r === 1) return;
      rows++;
      const id = String(plainValue(row.getCell(1).value));
      expect([id, Number(plainValue(row.getCell(4).value))]).toEqual([id, assetsOf.get(id)! * 10_000]);
      expect(["A", "B", "C"]).toContain(plainValue(row.getCell(tierAt).value));
    });
    expect(rows).toBe(written.reduce((n, [, count]) => n + count, 0));

    // the source sheet is the sample as the page made it, cell for cell
    const original = new ExcelJS.Workbook();
    // the page's sample has its dates made for the day it is opened
    await original.xlsx.load(sampleBytes(sampleBook(undefined, undefined, { asOf: localIsoDate(new Date()) })) as unknown as ArrayBuffer);
    expect(sheetFacts(source)).toEqual(sheetFacts(original.getWorksheet("客户名单")!));

    expectNothingLeft(session);
    expect(requests.some((u) => OFFICE_CDN.test(u))).toBe(true); // the CDN was asked for, and aborted
  } finally {
    await context.close();
  }
});

test("a preview goes stale when the run date changes: the Preview step closes and there is nothing to generate", async () => {
  const session = await open("en-US");
  const { context, page } = session;
  const t = en.steps;
  try {
    await page.getByRole("button", { name: en.workbench.trySample }).click();
    await page.locator("[data-table-source]").waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: t.previewNow, exact: true }).click();
    await page.locator("[data-step=preview]").waitFor({ timeout: 60_000 });
    expect(await navButton(page, "en-US", "preview", 4).isEnabled()).toBe(true);
    expect(await page.getByRole("button", { name: t.generate, exact: true }).count()).toBe(1);

    await navButton(page, "en-US", "models", 3).click();
    const asOf = page.getByRole("textbox", { name: stepStrings["en-US"].models.asOf });
    const before = await asOf.inputValue();
    expect(before).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await asOf.fill("2026-01-31");
    expect(await asOf.inputValue()).toBe("2026-01-31");
    expect(await navButton(page, "en-US", "preview", 4).isDisabled()).toBe(true);
    expect(await navButton(page, "en-US", "generate", 5).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: t.generate, exact: true }).count()).toBe(0);
    expect(await stepOf(page)).toBe("models");

    // previewing again opens the Preview of the new date
    await page.getByRole("button", { name: t.previewNow, exact: true }).click();
    await page.locator("[data-step=preview]").waitFor({ timeout: 60_000 });
    expect(await page.getByRole("button", { name: t.generate, exact: true }).count()).toBe(1);
    expectNothingLeft(session);
  } finally {
    await context.close();
  }
});

test("a workbook without a client table shows the engine's message, in English for an English browser", async () => {
  const session = await open("en-US");
  const { context, page } = session;
  try {
    await page.getByRole("heading", { level: 1, name: en.productName }).waitFor();
    await page.getByLabel(en.workbench.fileInputLabel).setInputFiles(path.join(root, "test/fixtures/no-table.xlsx"));
    const alert = page.getByRole("alert");
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toContain(describeIssue({ code: "noClientSheet" }, "en-US"));
    expect(await page.getByRole("button", { name: en.steps.previewNow, exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: en.workbench.download }).count()).toBe(0);
    expectNothingLeft(session);
  } finally {
    await context.close();
  }
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
