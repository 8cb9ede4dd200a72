/*
 * The five CLIENT functions as plain TypeScript over cell grids: what each cell of the result is,
 * or which issue stops the whole call. No Office here, so tests and the browser page run them as
 * they are; excel-output.ts turns issues into Excel errors.
 */
import { fail, ok, type Issue, type Result } from "../core/issues";
import type { Lang } from "../core/lang";
import { paretoCutoff, paretoShare } from "../core/pareto";
import { QUADRANT_LABELS, QUADRANTS, quadrantCut, quadrantOf } from "../core/quadrant";
import { scoreOf, scoreRule } from "../core/score";
import { letterLabels, thresholdLadder, tierOf } from "../core/tier";
import { isExcelError, readFraction, readNumber, singleCell } from "../core/values";

/** One cell of a result: a number, a text ("" for an empty cell) or an issue for that cell alone. */
export type FormulaCell = number | string | { issue: Issue };
export type Grid = FormulaCell[][];

/** Excel passes a single cell as a value and a range as rows of cells; treat both as a grid. */
export function asGrid(input: unknown): unknown[][] {
  if (!Array.isArray(input)) return [[input]];
  if (input.length === 0) return [[null]];
  const rows = input.map((row) => (Array.isArray(row) ? row : [row]));
  // Excel always passes rectangles; JavaScript callers may not, so pad short rows with blanks
  const width = Math.max(1, ...rows.map((row) => row.length));
  return rows.map((row) => (row.length === width ? row : [...row, ...new Array<null>(width - row.length).fill(null)]));
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
  return ok(
    asGrid(value).map((row) =>
      row.map((cell): FormulaCell => {
        const r = readNumber(cell);
        if (r.kind === "blank") return "";
        if (r.kind === "issue") return { issue: r.issue };
        return names.value[tierOf(r.value, ladder.value)];
      }),
    ),
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
  const readA = a.map((row) => row.map(readNumber));
  const readW = w.map((row) => row.map(readNumber));
  const single = a.length === 1 && a[0].length === 1;
  const cutA = cutOf(abilityCut, readA, single, "ability", "ability_cut");
  if (!cutA.ok) return cutA;
  const cutW = cutOf(willingnessCut, readW, single, "willingness", "willingness_cut");
  if (!cutW.ok) return cutW;
  return ok(
    readA.map((row, i) =>
      row.map((ra, j): FormulaCell => {
        const rw = readW[i][j];
        if (ra.kind === "issue") return { issue: ra.issue };
        if (rw.kind === "issue") return { issue: rw.issue };
        if (ra.kind === "blank" || rw.kind === "blank") return "";
        return names.value[QUADRANTS.indexOf(quadrantOf(ra.value, rw.value, cutA.value, cutW.value))];
      }),
    ),
  );
}

function cutOf(
  given: unknown,
  readings: ReturnType<typeof readNumber>[][],
  single: boolean,
  name: string,
  cutName: string,
): Result<number> {
  const r = readNumber(singleCell(given));
  if (r.kind === "issue") return { ok: false, issue: r.issue };
  if (r.kind === "number") return ok(r.value);
  if (single) return fail("cutMissing", { name, cut: cutName });
  const numbers: number[] = [];
  for (const row of readings) for (const x of row) if (x.kind === "number") numbers.push(x.value);
  const cut = quadrantCut(numbers, undefined);
  return cut === undefined ? fail("noNumbers", { name }) : ok(cut);
}

/**
 * The value cells of PARETO_SHARE / PARETO_CUTOFF: numbers and numbers written as text count;
 * blanks, booleans and other text (a header) are skipped; an Excel error value stops the call.
 */
export function paretoValuesOf(values: unknown): Result<Float64Array> {
  const grid = asGrid(values);
  let size = 0;
  for (const row of grid) size += row.length;
  const out = new Float64Array(size);
  let n = 0;
  for (const row of grid) {
    for (const cell of row) {
      if (typeof cell === "number") {
        // fast path: a million numeric cells read without allocating
        if (!Number.isFinite(cell)) return fail("notFinite", { value: String(cell) });
        out[n++] = cell;
        continue;
      }
      if (isExcelError(cell)) return fail("errorValue", { value: String(typeof cell === "string" ? cell : (cell as { error: string }).error) });
      if (typeof cell !== "string") continue;
      const r = readNumber(cell);
      if (r.kind === "number") out[n++] = r.value;
    }
  }
  return ok(out.subarray(0, n));
}

/** PARETO_SHARE(values, [top_fraction=0.2]). */
export function paretoShareFunction(values: unknown, topFraction?: unknown): Result<number> {
  const f = readFraction(topFraction, "top_fraction", 0.2);
  if (!f.ok) return f;
  const v = paretoValuesOf(values);
  if (!v.ok) return v;
  return paretoShare(v.value, f.value);
}

/** PARETO_CUTOFF(values, [value_share=0.8]). */
export function paretoCutoffFunction(values: unknown, valueShare?: unknown): Result<number> {
  const s = readFraction(valueShare, "value_share", 0.8);
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

/** SCORE(indicators, [weights], [scale_max=5], [lower_is_better]): one score per row. */
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
  const rule = scoreRule(count, w, max.kind === "number" ? max.value : 5, flags);
  if (!rule.ok) return rule;
  return ok(
    rows.map((row): FormulaCell[] => {
      const scores: (number | null)[] = [];
      for (const cell of row) {
        const r = readNumber(cell);
        if (r.kind === "issue") return [{ issue: r.issue }];
        scores.push(r.kind === "number" ? r.value : null);
      }
      const s = scoreOf(scores, rule.value);
      if (!s.ok) return [{ issue: s.issue }];
      return [s.value === null ? "" : s.value];
    }),
  );
}
