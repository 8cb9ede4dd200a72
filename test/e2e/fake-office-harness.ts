/*
 * The built task pane inside a fake Excel, in Debian's Chromium: helpers for end-to-end tests.
 * The production build is served on 127.0.0.1; the Office.js URL is answered with the fake Office
 * runtime (test/fake-office/runtime.ts, bundled once), which runs over a fake workbook described by
 * the test; anything else off the machine is aborted. After a run, readFakeExcel() gives the
 * workbook back: sheets, tables, charts, settings, sync stats and the call log.
 *
 *   const pane = await startExcelPane();                       // build, serve, bundle, launch
 *   const session = await openExcelPage(pane, { displayLanguage: "zh-CN", sheets: [{ name, cells }] });
 *   ... click through session.page ...
 *   const book = await readFakeExcel(session.page);
 *   await session.close(); await pane.close();
 */
import { rmSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { bundleFakeOfficeRuntime } from "../fake-office/bundle";
import type { FakeExcelInit, FakeExcelSnapshot } from "../fake-office/office";
import { buildProduction, launchChromium, OFFICE_CDN, serveDirectory } from "./served-build";

export { CHROMIUM, OFFICE_CDN } from "./served-build";
/** what Office appends to an add-in page's URL (its presence tells the pane it is inside Office) */
export const HOST_INFO_QUERY = "?_host_Info=Excel$Web$16.00$zh-CN$$$$0";

/** The built pane, served, with the fake runtime bundled and Chromium running. */
export interface ExcelPane {
  origin: string;
  browser: Browser;
  /** the fake Office runtime's script text */
  runtime: string;
  close(): Promise<void>;
}

/** Builds the production pane into a temporary folder, serves it, bundles the fake runtime, launches Chromium. */
export async function startExcelPane(): Promise<ExcelPane> {
  const browser = await launchChromium(); // first: says how to install Chromium when it is missing
  const out = buildProduction("client-ladder-excel-e2e-");
  const runtime = await bundleFakeOfficeRuntime();
  const server = await serveDirectory(out);
  return {
    origin: server.origin,
    browser,
    runtime,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(out, { recursive: true, force: true });
    },
  };
}

export interface ExcelPage {
  context: BrowserContext;
  page: Page;
  /** every URL the page asked for */
  requests: string[];
  /** uncaught errors in the page */
  errors: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** the browser's locale (the pane follows Office's display language, from the init) */
  locale?: string;
  /** the page's query string; HOST_INFO_QUERY unless told */
  search?: string;
  viewport?: { width: number; height: number };
}

/** A fresh browser context on taskpane.html inside a fake Excel that starts from `init`. */
export async function openExcelPage(pane: ExcelPane, init: FakeExcelInit, options: OpenOptions = {}): Promise<ExcelPage> {
  const context = await pane.browser.newContext({
    locale: options.locale ?? "zh-CN",
    acceptDownloads: true,
    viewport: options.viewport ?? { width: 420, height: 900 },
  });
  const requests: string[] = [];
  context.on("request", (r) => requests.push(r.url()));
  await context.addInitScript((value) => {
    (window as unknown as { __fakeExcelInit: unknown }).__fakeExcelInit = value;
  }, init);
  await context.route(
    (url) => !url.href.startsWith(`${pane.origin}/`),
    (route) => (OFFICE_CDN.test(route.request().url()) ? route.fulfill({ contentType: "text/javascript", body: pane.runtime }) : route.abort()),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${pane.origin}/taskpane.html${options.search ?? HOST_INFO_QUERY}`);
  return { context, page, requests, errors, close: () => context.close() };
}

/** The fake workbook as it is now: sheets (values from A1), tables, charts, settings, syncs and log. */
export async function readFakeExcel(page: Page): Promise<FakeExcelSnapshot> {
  return page.evaluate(() => {
    const fake = (window as unknown as { __fakeExcel?: { snapshot(): unknown } }).__fakeExcel;
    if (!fake) throw new Error("the fake Office runtime is not in this page");
    return fake.snapshot();
  }) as Promise<FakeExcelSnapshot>;
}
