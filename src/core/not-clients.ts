/*
 * Rows inside a client table that are not clients (SPEC section 8): the header printed again on
 * every page of a long list, and subtotal rows (合计 / 小计 / Total / Subtotal ...) whose label is
 * in a column other than the id or the name (the owner's subtotal under the owner's clients).
 * The job reports each as a Data issues row instead of reading it as a client.
 */

import type { Issue } from "./issues";

/** Printable ASCII and CJK ideographs only: NFKC leaves such text as it is. */
const NFKC_STABLE = /^[\x20-\x7e\u4e00-\u9fff]*$/;

/** A header cell's text as it is compared: trimmed, NFKC (full-width letters and spaces), case aside. */
function comparable(cell: unknown): string {
  if (typeof cell === "string") return cell.normalize("NFKC").trim().toLowerCase();
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  return "";
}

/**
 * Whether a row repeats the header: at least two of its cells, the id (or name) cell among them,
 * hold the header's text of their column, and every other cell is blank or does too.
 * `keyColumn` is the id (or name) column: a row whose key cell is not the header's text is a client.
 * @example repeatsHeader(["客户编号", "姓名", "保费"], ["客户编号", "姓名", "保费"], 0) // true
 */
export function repeatsHeader(cells: readonly unknown[], header: readonly unknown[], keyColumn: number): boolean {
  if (keyColumn < 0) return false;
  const key = cells[keyColumn];
  const title = header[keyColumn];
  if (typeof key !== "string" || typeof title !== "string") return false;
  // the cheap test first: a million client rows are looked at, and NFKC costs more than the rest of a row
  const k = key.trim();
  const t = title.trim();
  if (k === "" || (NFKC_STABLE.test(k) && NFKC_STABLE.test(t) ? k.toLowerCase() !== t.toLowerCase() : comparable(k) !== comparable(t))) return false;
  let same = 0;
  for (let c = 0; c < cells.length; c++) {
    const text = comparable(cells[c]);
    if (text === "" && (cells[c] === null || cells[c] === undefined || typeof cells[c] === "string")) continue;
    if (text !== comparable(header[c])) return false;
    same++;
  }
  return same >= 2;
}

const TOTAL = "合计|小计|总计|共计|汇总|总和";
const TOTAL_EN = "grand\\s*total|sub-?\\s*totals?|totals?";
/**
 * A total's label: the word alone (合计, Total:), the word with what it totals before or after it
 * (李经理 小计, 小计：李经理, 李经理小计, Subtotal - East, East Subtotal, Total (Q1)). A bare "Total"
 * after other words is not one ("Total Care Ltd" is a company): it needs a separator after it.
 */
const TOTAL_LABEL = new RegExp(
  `^(?:(?:${TOTAL}|${TOTAL_EN}|sum)[:：]?` +
    `|.{0,40}?(?:${TOTAL})[:：]?` +
    `|(?:${TOTAL})[\\s:：\\-–—(（/].{0,40}` +
    `|(?:.{0,40}?\\s)?(?:grand\\s*total|sub-?\\s*totals?)(?:[\\s:：\\-–—(（/].{0,40})?` +
    `|totals?\\s*[:：\\-–—(（/].{0,40})$`,
  "i",
);

/** Whether a cell is labelled as a total (see TOTAL_LABEL). */
export function isTotalLabel(cell: unknown): boolean {
  return typeof cell === "string" && TOTAL_LABEL.test(cell.normalize("NFKC").trim());
}

/**
 * The label of a subtotal row: a cell labelled as a total in a row that holds at least one number
 * (the sums); undefined for any other row. Looked at only for rows without a client id.
 * @example totalLabelIn([null, "李经理 小计", 3000]) // "李经理 小计"
 */
export function totalLabelIn(cells: readonly unknown[]): string | undefined {
  let label: string | undefined;
  let numbers = false;
  for (const cell of cells) {
    if (typeof cell === "number" && Number.isFinite(cell)) numbers = true;
    else if (label === undefined && isTotalLabel(cell)) label = (cell as string).trim();
  }
  return numbers ? label : undefined;
}

/** A cheap look before the label test, for the million ids that are not totals. */
const TOTAL_HINT = /合计|小计|总计|共计|汇总|总和|total|sum|ｔｏｔａｌ|ｓｕｍ/i;

/**
 * Why a row of the table is not a client, if it is not: it repeats the header, or it is a
 * subtotal (a total's label in the id cell, or in any cell of a row without an id, and numbers).
 * `keyColumn` is the id column, else the name column; -1 when there is neither.
 */
export function notAClientRow(cells: readonly unknown[], header: readonly unknown[], keyColumn: number): { value: string; issue: Issue } | undefined {
  if (repeatsHeader(cells, header, keyColumn)) return { value: String(cells[keyColumn]).trim(), issue: { code: "repeatedHeader" } };
  const key = keyColumn >= 0 ? cells[keyColumn] : undefined;
  let label: string | undefined;
  if (key === null || key === undefined || (typeof key === "string" && key.trim() === "")) label = totalLabelIn(cells);
  else if (typeof key === "string" && TOTAL_HINT.test(key) && isTotalLabel(key) && totalLabelIn(cells) !== undefined) label = key.trim();
  return label === undefined ? undefined : { value: label, issue: { code: "totalRow", params: { value: label } } };
}
