/*
 * The CLIENT functions as plain TypeScript over cell grids: what each cell of the result is,
 * or which issue stops the whole call. No Office here, so tests and the browser page run them as
 * they are; excel-output.ts turns issues into Excel errors.
 */
import { fail, ok, type Issue, type Result } from "../core/issues";
import type { Lang } from "../core/lang";
import { clv } from "../core/clv";
import { gini } from "../core/gini";
import { PARETO_TOP_FRACTION, PARETO_VALUE_SHARE, paretoCutoff, paretoShare } from "../core/pareto";
import { RFM_DEFAULT_BINS, checkRfmBins, checkRfmValue, rfmScores, type RfmMeasure } from "../core/rfm";
import { QUADRANT_LABELS, QUADRANTS, quadrantCut, quadrantOf } from "../core/quadrant";
import { REVIEW_DEFAULTS, scoreOf, scoreRule } from "../core/score";
import { letterLabels, thresholdLadder, tierOf } from "../core/tier";
import { readFraction, readNumber, singleCell } from "../core/values";

/** One cell of a result: a number, a text ("" for an empty cell) or an issue for that cell alone. */
export type FormulaCell = number | string | { issue: Issue };
export type Grid = FormulaCell[][];

/** Excel passes a single cell as a value and a range as rows of cells; treat both as a grid. */
export function asGrid(input: unknown): unknown[][] {
  if (!Array.isArray(input)) return [[input]];
  if (input.length === 0) return [[null]];
  // Excel always passes rectangles; JavaScript callers may not, so pad short rows with blanks
  let width = 1;
  let rectangle = true;
  for (let i = 0; i < input.length; i++) {
    const length = Array.isArray(input[i]) ? (input[i] as unknown[]).length : 1;
    if (i > 0 && length !== width) rectangle = false;
    width = i === 0 ? Math.max(1, length) : Math.max(width, length);
  }
  if (rectangle && input.every(Array.isArray)) return input as unknown[][];
  return input.map((row) => {
    const cells = Array.isArray(row) ? row : [row];
    return cells.length === width ? cells : [...cells, ...new Array<null>(width - cells.length).fill(null)];
  });
}

/** Optional arguments arrive as null (Excel) or undefined (JavaScript callers). */
function isOmitted(input: unknown): boolean {
  if (input === null || input === undefined || input === "") return true;
  if (Array.isArray(input)) return asGrid(input).every((row) => row.every((c) => c === null || c === undefined || c === ""));
  return false;
}

function flatten(grid: unknown[][]): unknown[] {
  const out: unknown[] = [];
  for (const row of grid) for (const cell of row) out.push(cell);
  return out;
}

/**
 * A grid read as numbers, column-free and allocation-light: a whole Excel column is a million
 * cells, so numbers go into a typed array and only blanks and issues are marked.
 */
interface ReadGrid {
  rows: number;
  cols: number;
  numbers: Float64Array;
  /** 0 number, 1 blank, 2 issue (then in `issues`) */
  state: Uint8Array;
  issues: Map<number, Issue>;
}

const NUMBER = 0;
const BLANK = 1;
const ISSUE = 2;

function readGrid(grid: unknown[][]): ReadGrid {
  const rows = grid.length;
  const cols = grid[0].length;
  const numbers = new Float64Array(rows * cols);
  const state = new Uint8Array(rows * cols);
  const issues = new Map<number, Issue>();
  for (let i = 0, k = 0; i < rows; i++) {
    const row = grid[i];
    for (let j = 0; j < cols; j++, k++) {
      const cell = row[j];
      if (typeof cell === "number" && cell - cell === 0) {
        numbers[k] = cell;
        continue;
      }
      const r = readNumber(cell);
      if (r.kind === "number") numbers[k] = r.value;
      else if (r.kind === "blank") state[k] = BLANK;
      else {
        state[k] = ISSUE;
        issues.set(k, r.issue);
      }
    }
  }
  return { rows, cols, numbers, state, issues };
}

/** Builds a result grid of the same shape, cell by cell from the flat index. */
function gridOf(rows: number, cols: number, cellAt: (k: number) => FormulaCell): Grid {
  const out: Grid = new Array(rows);
  for (let i = 0, k = 0; i < rows; i++) {
    const row: FormulaCell[] = new Array(cols);
    for (let j = 0; j < cols; j++, k++) row[j] = cellAt(k);
    out[i] = row;
  }
  return out;
}

function isBlankCell(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

/** Numbers of a list argument (thresholds, weights), skipping blanks; text that is not a number stops the call. */
function numbersOf(cells: unknown[]): Result<number[]> {
  const out: number[] = [];
  for (const cell of cells) {
    const r = readNumber(cell);
    if (r.kind === "number") out.push(r.value);
    else if (r.kind === "issue") return { ok: false, issue: r.issue };
  }
  return ok(out);
}

/** Labels argument: exactly `count` non-blank texts, or the defaults when omitted. */
function labelsOf(input: unknown, count: number, defaults: readonly string[]): Result<string[]> {
  if (isOmitted(input)) return ok([...defaults]);
  const cells = flatten(asGrid(input));
  while (cells.length > count && isBlankCell(cells[cells.length - 1])) cells.pop();
  if (cells.length !== count) return fail("labelsCount", { expected: count, actual: cells.filter((c) => !isBlankCell(c)).length });
  const labels: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    if (isBlankCell(cells[i])) return fail("labelBlank", { index: i + 1 });
    labels.push(String(cells[i]).trim());
  }
  return ok(labels);
}

/** TIER(value, thresholds, [labels]): the label of the highest tier each value reaches. */
export function tierFunction(value: unknown, thresholds: unknown, labels?: unknown): Result<Grid> {
  const t = numbersOf(flatten(asGrid(thresholds)));
  if (!t.ok) return t;
  const ladder = thresholdLadder(t.value);
  if (!ladder.ok) return ladder;
  const names = labelsOf(labels, ladder.value.length + 1, letterLabels(ladder.value.length + 1));
  if (!names.ok) return names;
  const read = readGrid(asGrid(value));
  const ladderDesc = ladder.value;
  const labelsDesc = names.value;
  return ok(
    gridOf(read.rows, read.cols, (k) => {
      if (read.state[k] === BLANK) return "";
      if (read.state[k] === ISSUE) return { issue: read.issues.get(k)! };
      return labelsDesc[tierOf(read.numbers[k], ladderDesc)];
    }),
  );
}

/** QUADRANT(ability, willingness, [ability_cut], [willingness_cut], [labels]). */
export function quadrantFunction(
  ability: unknown,
  willingness: unknown,
  abilityCut: unknown,
  willingnessCut: unknown,
  labels: unknown,
  outputLang: Lang,
): Result<Grid> {
  const a = asGrid(ability);
  const w = asGrid(willingness);
  const shapeA = `${a.length}x${a[0]?.length ?? 0}`;
  const shapeW = `${w.length}x${w[0]?.length ?? 0}`;
  if (shapeA !== shapeW) return fail("shapeMismatch", { name: "willingness", actual: shapeW, other: "ability", expected: shapeA });
  const defaults = QUADRANTS.map((q) => QUADRANT_LABELS[outputLang][q]);
  const names = labelsOf(labels, 4, defaults);
  if (!names.ok) return names;
  const readA = readGrid(a);
  const readW = readGrid(w);
  const single = readA.rows === 1 && readA.cols === 1;
  const cutA = cutOf(abilityCut, readA, single, "ability", "ability_cut");
  if (!cutA.ok) return cutA;
  const cutW = cutOf(willingnessCut, readW, single, "willingness", "willingness_cut");
  if (!cutW.ok) return cutW;
  const labelOf = new Map(QUADRANTS.map((q, i) => [q, names.value[i]]));
  return ok(
    gridOf(readA.rows, readA.cols, (k) => {
      if (readA.state[k] === ISSUE) return { issue: readA.issues.get(k)! };
      if (readW.state[k] === ISSUE) return { issue: readW.issues.get(k)! };
      if (readA.state[k] === BLANK || readW.state[k] === BLANK) return "";
      return labelOf.get(quadrantOf(readA.numbers[k], readW.numbers[k], cutA.value, cutW.value))!;
    }),
  );
}

function cutOf(given: unknown, read: ReadGrid, single: boolean, name: string, cutName: string): Result<number> {
  const r = readNumber(singleCell(given));
  if (r.kind === "issue") return { ok: false, issue: r.issue };
  if (r.kind === "number") return ok(r.value);
  if (single) return fail("cutMissing", { name, cut: cutName });
  const numbers = new Float64Array(read.numbers.length);
  let n = 0;
  for (let k = 0; k < read.numbers.length; k++) if (read.state[k] === NUMBER) numbers[n++] = read.numbers[k];
  const cut = quadrantCut(numbers.subarray(0, n), undefined);
  return cut === undefined ? fail("noNumbers", { name }) : ok(cut);
}

/**
 * The value cells of PARETO_SHARE / PARETO_CUTOFF: numbers and numbers written as text count;
 * blanks, booleans and other text (a header) are skipped; an Excel error value stops the call.
 */
export function paretoValuesOf(values: unknown): Result<Float64Array> {
  // one pass over the cells as they came: a column of a million rows is a million arrays
  const grid: readonly unknown[] = Array.isArray(values) ? values : [[values]];
  let size = 0;
  for (let i = 0; i < grid.length; i++) size += Array.isArray(grid[i]) ? (grid[i] as unknown[]).length : 1;
  const out = new Float64Array(size);
  let n = 0;
  for (let i = 0; i < grid.length; i++) {
    const row = Array.isArray(grid[i]) ? (grid[i] as unknown[]) : [grid[i]];
    for (let j = 0; j < row.length; j++) {
      const cell = row[j];
      if (typeof cell === "number") {
        // fast path: a million numeric cells read without allocating
        if (cell - cell !== 0) return fail("notFinite", { value: String(cell) });
        out[n++] = cell;
      } else if (typeof cell === "string" || (typeof cell === "object" && cell !== null)) {
        const r = readNumber(cell);
        if (r.kind === "number") out[n++] = r.value;
        else if (r.kind === "issue" && r.issue.code === "errorValue") return { ok: false, issue: r.issue };
      }
    }
  }
  return ok(out.subarray(0, n));
}

/** PARETO_SHARE(values, [top_fraction=PARETO_TOP_FRACTION]). */
export function paretoShareFunction(values: unknown, topFraction?: unknown): Result<number> {
  const f = readFraction(topFraction, "top_fraction", PARETO_TOP_FRACTION);
  if (!f.ok) return f;
  const v = paretoValuesOf(values);
  if (!v.ok) return v;
  // the values were read into a fresh buffer: let the selection reorder it rather than copy it
  return paretoShare(v.value, f.value, { reorder: true });
}

/** PARETO_CUTOFF(values, [value_share=PARETO_VALUE_SHARE]). */
export function paretoCutoffFunction(values: unknown, valueShare?: unknown): Result<number> {
  const s = readFraction(valueShare, "value_share", PARETO_VALUE_SHARE);
  if (!s.ok) return s;
  const v = paretoValuesOf(values);
  if (!v.ok) return v;
  return paretoCutoff(v.value, s.value);
}

/** TRUE/FALSE as Excel passes them, or as text a user typed (TRUE, FALSE, 是, 否, 1, 0). */
function flagOf(cell: unknown): Result<boolean> {
  if (typeof cell === "boolean") return ok(cell);
  if (cell === 1 || cell === 0) return ok(cell === 1);
  if (isBlankCell(cell)) return ok(false);
  const text = String(cell).normalize("NFKC").trim().toUpperCase();
  if (["TRUE", "是", "Y", "YES", "1"].includes(text)) return ok(true);
  if (["FALSE", "否", "N", "NO", "0"].includes(text)) return ok(false);
  return fail("flagNotBoolean", { value: String(cell) });
}

/** SCORE(indicators, [weights], [scale_max=REVIEW_DEFAULTS.scaleMax], [lower_is_better]): one score per row. */
export function scoreFunction(indicators: unknown, weights?: unknown, scaleMax?: unknown, lowerIsBetter?: unknown): Result<Grid> {
  const rows = asGrid(indicators);
  const count = rows[0]?.length ?? 0;
  let w: number[] | undefined;
  if (!isOmitted(weights)) {
    const read = numbersOf(flatten(asGrid(weights)));
    if (!read.ok) return read;
    w = read.value;
  }
  const max = readNumber(singleCell(scaleMax));
  if (max.kind === "issue") return { ok: false, issue: max.issue };
  let flags: boolean[] | undefined;
  if (!isOmitted(lowerIsBetter)) {
    flags = [];
    for (const cell of flatten(asGrid(lowerIsBetter))) {
      const f = flagOf(cell);
      if (!f.ok) return f;
      flags.push(f.value);
    }
  }
  const rule = scoreRule(count, w, max.kind === "number" ? max.value : REVIEW_DEFAULTS.scaleMax, flags);
  if (!rule.ok) return rule;
  const read = readGrid(rows);
  const scores: (number | null)[] = new Array(count);
  const out: Grid = new Array(read.rows);
  for (let i = 0; i < read.rows; i++) {
    let issue: Issue | undefined;
    for (let j = 0, k = i * count; j < count; j++, k++) {
      if (read.state[k] === ISSUE) issue ??= read.issues.get(k);
      scores[j] = read.state[k] === NUMBER ? read.numbers[k] : null;
    }
    const s = issue ? fail(issue.code, issue.params) : scoreOf(scores, rule.value);
    out[i] = [!s.ok ? { issue: s.issue } : s.value === null ? "" : s.value];
  }
  return ok(out);
}

function shapeOf(grid: unknown[][]): string {
  return `${grid.length}x${grid[0]?.length ?? 0}`;
}

/** An optional single-number argument: its value, the fallback when blank, or the issue of its text. */
function optionalNumber(input: unknown, fallback: number): Result<number> {
  const r = readNumber(singleCell(input));
  if (r.kind === "issue") return { ok: false, issue: r.issue };
  return ok(r.kind === "number" ? r.value : fallback);
}

/**
 * RFM(recency, frequency, monetary, [bins=5]): the 3-digit code 100R + 10F + M per row, scored by
 * the rules of the R rfm package (src/core/rfm.ts). A row with a blank is empty and left out of the
 * quantiles; a text that is not a number is #VALUE! and a negative value #NUM!, in that cell, and
 * that row is left out too.
 */
export function rfmFunction(recency: unknown, frequency: unknown, monetary: unknown, bins?: unknown): Result<Grid> {
  const grids = [asGrid(recency), asGrid(frequency), asGrid(monetary)];
  const names: RfmMeasure[] = ["recency", "frequency", "monetary"];
  for (let j = 1; j < 3; j++) {
    if (shapeOf(grids[j]) !== shapeOf(grids[0])) {
      return fail("shapeMismatch", { name: names[j], actual: shapeOf(grids[j]), other: "recency", expected: shapeOf(grids[0]) });
    }
  }
  const b = optionalNumber(bins, RFM_DEFAULT_BINS);
  if (!b.ok) return b;
  const checkedBins = checkRfmBins(b.value);
  if (!checkedBins.ok) return checkedBins;
  const reads = grids.map(readGrid);
  const { rows, cols } = reads[0];
  const size = rows * cols;
  const measures = [new Float64Array(size), new Float64Array(size), new Float64Array(size)];
  const cellIssue = new Map<number, Issue>();
  let scorable = 0;
  for (let k = 0; k < size; k++) {
    let blank = false;
    for (let j = 0; j < 3; j++) {
      const read = reads[j];
      measures[j][k] = NaN;
      if (read.state[k] === ISSUE) {
        if (!cellIssue.has(k)) cellIssue.set(k, read.issues.get(k)!);
      } else if (read.state[k] === BLANK) blank = true;
      else {
        const checked = checkRfmValue(names[j], read.numbers[k]);
        if (!checked.ok) {
          if (!cellIssue.has(k)) cellIssue.set(k, checked.issue);
        } else measures[j][k] = checked.value;
      }
    }
    if (blank || cellIssue.has(k)) for (let j = 0; j < 3; j++) measures[j][k] = NaN;
    else scorable++;
  }
  if (scorable === 0) return ok(gridOf(rows, cols, (k) => (cellIssue.has(k) ? { issue: cellIssue.get(k)! } : "")));
  const scored = rfmScores(measures[0], measures[1], measures[2], checkedBins.value);
  if (!scored.ok) return scored;
  const codes = scored.value.rfmScore;
  return ok(gridOf(rows, cols, (k) => (cellIssue.has(k) ? { issue: cellIssue.get(k)! } : codes[k] === 0 ? "" : codes[k])));
}

/**
 * CLV(margin, retention, [discount=0]): m r / (1 + i - r) per cell (src/core/clv.ts). margin and
 * retention have the same shape; retention may be written 85%. A bad discount stops the call; a
 * retention outside [0, 1) is #NUM! in its cell.
 */
export function clvFunction(margin: unknown, retention: unknown, discount?: unknown): Result<Grid> {
  const m = asGrid(margin);
  const r = asGrid(retention);
  if (shapeOf(m) !== shapeOf(r)) return fail("shapeMismatch", { name: "retention", actual: shapeOf(r), other: "margin", expected: shapeOf(m) });
  const i = optionalNumber(discount, 0);
  if (!i.ok) return i;
  if (!(i.value >= 0)) return fail("discountNegative", { value: i.value });
  const readM = readGrid(m);
  const readR = readGrid(r);
  return ok(
    gridOf(readM.rows, readM.cols, (k) => {
      if (readM.state[k] === ISSUE) return { issue: readM.issues.get(k)! };
      if (readR.state[k] === ISSUE) return { issue: readR.issues.get(k)! };
      if (readM.state[k] === BLANK || readR.state[k] === BLANK) return "";
      const value = clv(readM.numbers[k], readR.numbers[k], i.value);
      return value.ok ? value.value : { issue: value.issue };
    }),
  );
}

/** GINI(values): the Gini coefficient as R ineq defines it; cells read as PARETO_SHARE reads them. */
export function giniFunction(values: unknown): Result<number> {
  const v = paretoValuesOf(values);
  if (!v.ok) return v;
  return gini(v.value);
}
