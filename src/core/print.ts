/*
 * Print-ready sheets (issue 10, item 3): the page setup a manager would choose, worked out once here
 * and written the same by both hosts. Wide sheets print landscape; every sheet fits one page wide
 * and runs as many pages tall as it needs (the Summary: one page); a table's header row repeats on
 * every page; the footer carries the sheet name, the run date and "page / pages".
 */
import type { OutputSheet } from "./output";

/** Sheets wider than this many characters of column width print landscape. */
export const LANDSCAPE_WIDTH = 100;

/** Excel's default column width, in characters. */
export const DEFAULT_COLUMN_WIDTH = 8.43;

/** Width of a block's label and value columns, in characters (the .xlsx host writes it). */
export const BLOCK_COLUMN_WIDTH = 14;

/** The Pareto chart's frame: columns wide and rows tall, from its top-left cell. */
export const CHART_COLUMNS = 8;
export const CHART_ROWS = 17;

/** Footer codes: &A the sheet name, &P the page number, &N the number of pages (the same in Excel and LibreOffice). */
export const FOOTER_SHEET_NAME = "&A";
export const FOOTER_PAGES = "&P / &N";

export interface PageSetup {
  orientation: "portrait" | "landscape";
  /** pages wide: always 1 */
  fitToWidth: 1;
  /** pages tall: 1, or 0 for as many as it takes */
  fitToHeight: 0 | 1;
  /** the rows repeated at the top of each page, 0-based, inclusive */
  titleRows?: { first: number; last: number };
  /** sheet rows (0-based) that start a page, ascending */
  breaksBefore: number[];
  /** footer sections, as header/footer codes ("&" in text doubled) */
  footer: { left: string; center: string; right: string };
}

/** The total width of the columns a sheet uses, in characters. */
export function usedWidth(sheet: OutputSheet): number {
  const widths = new Map<number, number>();
  const widen = (column: number, width: number) => widths.set(column, Math.max(widths.get(column) ?? 0, width));
  for (const t of sheet.tables) t.columns.forEach((c, i) => widen(t.column + i, c.width));
  for (const b of sheet.blocks) if (!b.title) for (let c = 0; c < Math.max(0, ...b.cells.map((l) => l.length)); c++) widen(b.column + c, BLOCK_COLUMN_WIDTH);
  let last = Math.max(-1, ...widths.keys());
  if (sheet.chart) last = Math.max(last, sheet.chart.column + CHART_COLUMNS - 1);
  let total = 0;
  for (let c = 0; c <= last; c++) total += widths.get(c) ?? DEFAULT_COLUMN_WIDTH;
  return total;
}

/** Text for a header/footer section: "&" starts a code there, so a literal one is doubled. */
export function footerText(text: string): string {
  return text.replace(/&/g, "&&");
}

/** The page setup of a sheet, or undefined for a sheet that does not print (the settings sheet). */
export function pageSetupOf(sheet: Pick<OutputSheet, "tables" | "blocks" | "chart" | "print">): PageSetup | undefined {
  const print = sheet.print;
  if (!print) return undefined;
  const titles = print.titleRows ?? 0;
  return {
    orientation: usedWidth(sheet as OutputSheet) > LANDSCAPE_WIDTH ? "landscape" : "portrait",
    fitToWidth: 1,
    fitToHeight: print.onePage ? 1 : 0,
    ...(titles > 0 ? { titleRows: { first: 0, last: titles - 1 } } : {}),
    breaksBefore: [...new Set(print.breaksBefore ?? [])].filter((r) => r > 0).sort((a, b) => a - b),
    footer: { left: FOOTER_SHEET_NAME, center: footerText(print.runDate ?? ""), right: FOOTER_PAGES },
  };
}

/** The sheet with the run date for its footer (a run stamps every sheet it writes). */
export function withRunDate<T extends OutputSheet>(sheet: T, runDate: string): T {
  return sheet.print ? { ...sheet, print: { ...sheet.print, runDate } } : sheet;
}

/** Rows that start a page: the first row of each run of equal keys after the first run (Targets: one owner per page). */
export function breaksAtChanges(firstRow: number, keys: readonly unknown[]): number[] {
  const breaks: number[] = [];
  for (let i = 1; i < keys.length; i++) if (keys[i] !== keys[i - 1]) breaks.push(firstRow + i);
  return breaks;
}
