/*
 * Merged cells (SPEC section 8): a value merged over several rows (an owner over the clients they
 * serve, a date over a group) belongs to every row it covers. Excel keeps it in the top-left cell
 * (the anchor) and leaves the others blank; the table is read as a person reads it: each covered
 * cell holds its anchor's value, and each block read so is a Data issues row.
 */

import type { DataIssue } from "./job";
import { shownValue, textOf } from "./values";

/** A merged area of a client block: rows as indices into its cells, columns as indices into a row (inclusive). */
export interface MergedArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One merged block whose covered cells were given its anchor's value. */
export interface MergedRead {
  area: MergedArea;
  value: unknown;
  /** covered cells that were blank and now hold the anchor's value */
  filled: number;
}

/**
 * The cells with every merged area below `headerRow` read as its anchor's value. Areas that start
 * on or above the header row (titles, two-row headers) are left as they are: their anchor is a
 * title or a header, not a client's value. Rows that change are copied; `cells` is not changed.
 * @example readMergedCells([["Owner"], ["Li"], [null]], [{ top: 1, left: 0, bottom: 2, right: 0 }], 0).cells // [["Owner"], ["Li"], ["Li"]]
 */
export function readMergedCells(
  cells: readonly (readonly unknown[])[],
  areas: readonly MergedArea[] | undefined,
  headerRow: number,
): { cells: unknown[][]; read: MergedRead[] } {
  const out = cells as unknown[][];
  const read: MergedRead[] = [];
  if (!areas || areas.length === 0) return { cells: out, read };
  let copy: unknown[][] | undefined;
  const copied = new Set<number>();
  for (const area of [...areas].sort((a, b) => a.top - b.top || a.left - b.left)) {
    if (area.top <= headerRow || area.top >= cells.length) continue;
    const value = cells[area.top]?.[area.left];
    if (isBlank(value)) continue;
    let filled = 0;
    const bottom = Math.min(area.bottom, cells.length - 1);
    for (let r = area.top; r <= bottom; r++) {
      for (let c = area.left; c <= area.right; c++) {
        if (r === area.top && c === area.left) continue;
        if (!isBlank(cells[r]?.[c])) continue;
        copy ??= [...out];
        if (!copied.has(r)) {
          copy[r] = [...(cells[r] ?? [])];
          copied.add(r);
        }
        const row = copy[r];
        while (row.length < c) row.push(null);
        row[c] = value;
        filled++;
      }
    }
    if (filled > 0) read.push({ area: { ...area, bottom }, value, filled });
  }
  return { cells: copy ?? out, read };
}

function isBlank(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

/**
 * One Data issues row per merged block read: the column's header, the rows it spans (sheet rows),
 * how many cells took the anchor's value, and that value.
 */
export function mergedCellIssues(read: readonly MergedRead[], header: readonly unknown[], firstRow: number): DataIssue[] {
  return read.map(({ area, value, filled }) => {
    const column = textOf(header[area.left]) || String(area.left + 1);
    const shown = shownValue(value);
    return {
      row: firstRow + area.top,
      column,
      value: shown,
      issue: { code: "mergedCellsRead", params: { column, first: firstRow + area.top, last: firstRow + area.bottom, count: filled, value: shown } },
    };
  });
}

/**
 * Where the host could not tell which cells are merged (Excel without ExcelApi 1.13): one Data
 * issues row for the table when some cell of a read column is blank right under a cell with a
 * value in a row that has values (what a value merged down over several rows reads as), saying how
 * many there are and what to do. None when no cell looks so.
 */
export function mergedUnknownIssue(cells: readonly (readonly unknown[])[], headerRow: number, columns: readonly number[]): DataIssue | undefined {
  let count = 0;
  let first: number | undefined;
  for (let r = headerRow + 2; r < cells.length; r++) {
    const row = cells[r];
    const above = cells[r - 1];
    if (row.every(isBlank)) continue;
    for (const c of columns)
      if (isBlank(row[c]) && !isBlank(above[c])) {
        count++;
        first ??= c;
      }
  }
  if (first === undefined) return undefined;
  const column = textOf(cells[headerRow][first]) || String(first + 1);
  return { row: null, column, value: "", issue: { code: "mergedCellsUnknown", params: { column, count } } };
}
