/*
 * The fake Office runtime for end-to-end tests of the built task pane outside Office: served in
 * place of https://appsforoffice.microsoft.com/lib/1/hosted/office.js, it defines `window.Office`
 * and `window.Excel` over a fake workbook with Office.js proxy semantics (./excel.ts, ./office.ts).
 *
 * The test describes the workbook before the page loads (an init script):
 *   window.__fakeExcelInit = { displayLanguage: "zh-CN", sheets: [{ name, cells }], settings: {} };
 * and reads it back after a run through window.__fakeExcel: the live FakeWorkbook and snapshot().
 * Bundled into one script by ./bundle.ts.
 */
import type { FakeWorkbook } from "./excel";
import { fakeExcelGlobal, fakeOfficeGlobal, fakeWorkbookFrom, snapshotOf, type FakeExcelInit, type FakeExcelSnapshot } from "./office";

export interface FakeExcelHandle {
  workbook: FakeWorkbook;
  init: FakeExcelInit;
  snapshot(): FakeExcelSnapshot;
}

declare global {
  interface Window {
    __fakeExcelInit?: FakeExcelInit;
    __fakeExcel?: FakeExcelHandle;
  }
}

const init: FakeExcelInit = window.__fakeExcelInit ?? {};
const workbook = fakeWorkbookFrom(init);
const target = window as unknown as Record<string, unknown>;
target.Office = fakeOfficeGlobal(workbook, init);
target.Excel = fakeExcelGlobal(workbook);
window.__fakeExcel = { workbook, init, snapshot: () => snapshotOf(workbook) };
