/*
 * End to end in a real browser (SPEC section 7, host "browser"): the production build, served on
 * 127.0.0.1, opened outside Office in Debian's Chromium. The sample is segmented in the page, the
 * preview shows the run's figures, the download is read back with ExcelJS in Node, and no request
 * leaves the machine. Needs /usr/bin/chromium (apt-get install -y chromium fonts-wqy-microhei).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { describeIssue } from "../../src/core/issues";
import { sampleBook } from "../../src/core/sample";
import { SHEET_NAMES } from "../../src/core/vocabulary";
import { openSample, segmentBook, todayIso } from "../../src/taskpane/browser-run";
import { formatPercent } from "../../src/taskpane/Preview";
import { strings } from "../../src/taskpane/strings";
import { plainValue, sampleWorkbook, XlsxHost } from "../../src/workbook/xlsx";

const CHROMIUM = "/usr/bin/chromium";
const OFFICE_CDN = /^https:\/\/appsforoffice\.microsoft\.com\//;
const root = path.resolve(__dirname, "../..");
const SCREENSHOT = path.join(root, "test-results/browser-mode.png");
const zh = strings["zh-CN"].workbench;
const en = strings["en-US"].workbench;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

let out: string;
let server: http.Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the end-to-end tests need Debian's Chromium. Install it with: apt-get install -y chromium fonts-wqy-microhei`);
  }
  out = mkdtempSync(path.join(os.tmpdir(), "client-ladder-e2e-"));
  execFileSync(process.execPath, [path.join(root, "node_modules/webpack-cli/bin/cli.js"), "--mode", "production", "--env", `outDir=${out}`], {
    cwd: root,
    stdio: "pipe",
    timeout: 300_000,
  });
  server = http.createServer((req, res) => {
    const file = path.join(out, path.normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^([/\\])+/, ""));
    if (!file.startsWith(out) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (out) rmSync(out, { recursive: true, force: true });
});

interface Session {
  context: BrowserContext;
  page: Page;
  /** every URL the page asked for */
  requests: string[];
  /** uncaught errors in the page */
  errors: string[];
}

/**
 * A fresh context in the given locale. The Office.js CDN is answered by `office` (a stand-in script)
 * or aborted; anything else that is not the local server is aborted too, and recorded either way.
 */
async function open(locale: string, office?: string): Promise<Session> {
  const context = await browser.newContext({ locale, acceptDownloads: true, viewport: { width: 420, height: 900 } });
  const requests: string[] = [];
  context.on("request", (r) => requests.push(r.url()));
  await context.route(
    (url) => !url.href.startsWith(`${origin}/`),
    (route) => (office && OFFICE_CDN.test(route.request().url()) ? route.fulfill({ contentType: "text/javascript", body: office }) : route.abort()),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${origin}/taskpane.html`);
  return { context, page, requests, errors };
}

/** Only the page's own server and the Office CDN (aborted or stubbed); blob: and data: never leave the page. */
function expectNothingLeft({ requests, errors }: Pick<Session, "requests" | "errors">): void {
  expect(errors).toEqual([]);
  const outside = requests.filter((u) => !u.startsWith(`${origin}/`) && !OFFICE_CDN.test(u) && !/^(blob|data):/.test(u));
  expect(outside).toEqual([]);
}

function cellsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values: unknown[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const v = plainValue(cell.value);
      values[c] = v instanceof Date ? v.toISOString() : v;
    });
    rows[n] = [row.hidden, ...values];
  });
  return rows;
}

test("the sample: segment in the page, preview the run's figures, download the workbook", async () => {
  const session = await open("zh-CN");
  const { context, page, requests } = session;
  try {
    await page.getByRole("heading", { level: 1, name: "客户分层经营助手" }).waitFor();
    expect(requests.some((u) => u.endsWith("/exceljs.js"))).toBe(false); // not before a file is opened

    await page.getByRole("button", { name: zh.trySample }).click();
    const sheet = page.getByRole("combobox", { name: zh.sheetLabel });
    await sheet.waitFor({ timeout: 30_000 });
    expect(await sheet.inputValue()).toBe("客户名单");
    expect(await page.getByLabel(zh.asOfLabel).inputValue()).toBe(todayIso());
    expect(requests.filter((u) => u === `${origin}/exceljs.js`)).toHaveLength(1);

    await page.getByRole("button", { name: zh.segment, exact: true }).click();
    await page.getByRole("heading", { name: zh.previewTitle }).waitFor({ timeout: 60_000 });

    // the same run in Node: the page must show its figures, formatted
    const opened = await openSample(ExcelJS, zh.sampleName);
    if (!opened.ok) throw new Error("sample did not open in Node");
    const expected = await segmentBook(ExcelJS, opened.book, { sheet: "客户名单", asOf: todayIso() });
    if (!expected.ok) throw new Error("sample did not run in Node");
    const r = expected.outcome.result;
    const rows = (name: string) =>
      page.getByRole("table", { name }).locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    expect(await rows(zh.byTier)).toEqual(r.tiers.map((g) => [g.label, g.count.toLocaleString("zh-CN"), Math.round(g.value).toLocaleString("zh-CN")]));
    expect((await rows(zh.byTier)).map((row) => row[0])).toEqual(["关键", "重点", "一般", "维持"]);
    expect((await rows(zh.byQuadrant)).map((row) => [row[0], row[1]])).toEqual(r.quadrants.map((g) => [g.label, g.count.toLocaleString("zh-CN")]));
    expect(await page.locator("[data-figure=topShare]").textContent()).toBe(formatPercent(r.topShare, "zh-CN"));
    expect(await page.locator("[data-figure=cutoff]").textContent()).toBe(formatPercent(r.cutoff, "zh-CN"));
    expect(await page.locator("[data-figure=issues]").textContent()).toBe(zh.issuesTitle(expected.outcome.issues.length.toLocaleString("zh-CN")));
    expect(await page.getByText(zh.clientsSegmented(String(r.clients.length), String(r.rowsRead))).count()).toBe(1);

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: zh.download }).click()]);
    expect(download.suggestedFilename()).toBe(`${zh.sampleName}-分层.xlsx`);
    const saved = await download.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(saved);
    const names = book.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(["客户名单", ...Object.values(SHEET_NAMES["zh-CN"])]));
    expect(Object.values(SHEET_NAMES["zh-CN"])).toEqual(expect.arrayContaining(["分层概览", "客户分层", "经营计划", "行动日历", "目标名单", "经营手册", "数据问题"]));

    // the source sheet is the sample as it was (compared after the same trip through a file)
    const original = await XlsxHost.fromBuffer(ExcelJS, await new XlsxHost(sampleWorkbook(ExcelJS, sampleBook())).toBuffer());
    expect(cellsOf(book.getWorksheet("客户名单")!)).toEqual(cellsOf(original.workbook.getWorksheet("客户名单")!));
    // and the segment list holds every client the run placed
    const segments = book.getWorksheet("客户分层")!;
    expect(segments.actualRowCount - 1).toBe(r.clients.length);

    expectNothingLeft(session);
    expect(requests.some((u) => OFFICE_CDN.test(u))).toBe(true); // the CDN was asked for, and aborted
  } finally {
    await context.close();
  }
});

test("a workbook without a client table shows the engine's message, in English for an English browser", async () => {
  const session = await open("en-US");
  const { context, page } = session;
  try {
    await page.getByRole("heading", { level: 1, name: "Client Ladder" }).waitFor();
    await page.getByLabel(en.fileInputLabel).setInputFiles(path.join(root, "test/fixtures/no-table.xlsx"));
    await page.getByText(en.noClientTable).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: en.segment, exact: true }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toContain(describeIssue({ code: "noHeaderRow", params: { value: "备忘" } }, "en-US"));
    expect(await page.getByRole("button", { name: en.download }).count()).toBe(0);
    expectNothingLeft(session);
  } finally {
    await context.close();
  }
});

test("inside Excel the pane keeps its panel and never loads ExcelJS", async () => {
  const officeStub = `window.Office = {
    onReady(cb) { const info = { host: "Excel", platform: "PC" }; if (cb) cb(info); return Promise.resolve(info); },
    context: { displayLanguage: "zh-CN" },
  };`;
  const session = await open("en-US", officeStub);
  const { context, page, requests } = session;
  try {
    await page.getByText(/已在 Excel 中运行/).waitFor({ timeout: 10_000 });
    expect(await page.getByRole("button", { name: zh.trySample }).count()).toBe(0);
    await page.waitForTimeout(300);
    expect(requests.filter((u) => u.includes("exceljs"))).toEqual([]);
    expectNothingLeft(session);
  } finally {
    await context.close();
  }
});
