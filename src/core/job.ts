import { findHeaderRow, type ClientField, type HeaderMatch, fieldOfHeader } from "./columns";
import type { RunConfig } from "./config";
import { fail, ok, type Issue, type Result } from "./issues";
import type { Lang } from "./lang";
import { checkParetoValues, cutoffOnCurve, paretoCurve, shareOnCurve, type ParetoCurve } from "./pareto";
import { QUADRANT_LABELS, QUADRANTS, quadrantCut, quadrantOf, type Quadrant } from "./quadrant";
import { REVIEW_DEFAULTS, REVIEW_INDICATORS, scoreOf, scoreRule } from "./score";
import {
  ABC_PRESET_LABELS,
  BIG_POLICY_LADDER,
  COUNT_PRESET_LABELS,
  letterLabels,
  thresholdLadder,
  tierOf,
  tiersByCount,
  tiersByCumulativeValue,
} from "./tier";
import { isExcelError, readNumber } from "./values";
import { FIELD_NAMES, WORDS } from "./vocabulary";

/*
 * One segmentation run (SPEC sections 3 and 8): a block of raw cells -> the client table -> every
 * model whose columns are there -> clients with tier, score, class and quadrant, summary figures,
 * and a Data issues row for every row left out or read with a correction. Pure and deterministic.
 */

/** The cells a host read: the used range of a sheet, an Excel table, or the current region. */
export interface ClientBlock {
  /** sheet (or table) name, for messages */
  source: string;
  cells: unknown[][];
  /** sheet row number (1-based) of cells[0] */
  firstRow: number;
  /** how many of the block's rows are hidden or filtered out (they are still read) */
  hiddenRows?: number;
}

/** One Data issues row: where, what, why, in the output language. */
export interface DataIssue {
  /** sheet row number, or null for an issue of the whole table */
  row: number | null;
  column: string;
  value: string;
  issue: Issue;
}

export interface SegmentedClient {
  id: string;
  name: string;
  owner: string;
  sourceRow: number;
  value: number | null;
  /** 1 = largest value; ties share a rank */
  rank: number | null;
  /** share of the total held by this client and every client listed above it */
  cumulativeShare: number | null;
  tierIndex: number | null;
  tier: string | null;
  score: number | null;
  reviewClass: string | null;
  quadrant: Quadrant | null;
  /** the raw row, for the plans to read dates and other columns */
  cells: readonly unknown[];
}

export interface GroupFigure {
  label: string;
  count: number;
  value: number;
}

export interface Segmentation {
  lang: Lang;
  source: string;
  headerRow: number;
  columns: HeaderMatch[];
  /** clients in list order: by value, largest first, then those without a value, by source row */
  clients: SegmentedClient[];
  rowsRead: number;
  models: { valueLadder: boolean; review: boolean; quadrant: boolean };
  tiers: GroupFigure[];
  classes: GroupFigure[];
  quadrants: (GroupFigure & { quadrant: Quadrant })[];
  quadrantCuts: { ability: number; willingness: number } | null;
  total: number;
  topShare: number | null;
  cutoff: number | null;
  curve: ParetoCurve | null;
  issues: DataIssue[];
}

/** Values above this are typing errors, not premiums: one trillion. */
const ABSURD = 1e12;

/** Output language when none is given: Chinese headers give Chinese output (SPEC section 6). */
export function segment(block: ClientBlock, config: RunConfig, lang: Lang): Result<Segmentation> {
  const found = findHeaderRow(block.cells);
  if (!found) {
    const anyValue = block.cells.some((row) => row.some((c) => c !== null && c !== undefined && c !== ""));
    return anyValue ? fail("noHeaderRow", { value: block.source }) : fail("emptyTable", { value: block.source });
  }
  const issues: DataIssue[] = [];
  const headerSheetRow = block.firstRow + found.row;
  const header = block.cells[found.row];
  const columns = overrideColumns(found.columns, header, config, (field, text) =>
    issues.push({ row: block.firstRow + found.row, column: text, value: text, issue: { code: "configColumnMissing", params: { value: text, column: FIELD_NAMES[lang][field] } } }),
  );
  for (const d of found.duplicates) {
    const first = columns.find((c) => c.field === d.field);
    if (first)
      issues.push({
        row: headerSheetRow,
        column: d.header,
        value: d.header,
        issue: { code: "columnDuplicate", params: { header: d.header, other: first.header, column: FIELD_NAMES[lang][d.field] } },
      });
  }
  const col = new Map<ClientField, HeaderMatch>(columns.map((c) => [c.field, c]));
  for (const c of columns)
    if (c.unitMultiplier !== 1)
      issues.push({ row: headerSheetRow, column: c.header, value: c.header, issue: { code: "unitApplied", params: { column: c.header, value: c.unitMultiplier } } });
  const fieldName = (f: ClientField) => col.get(f)?.header ?? FIELD_NAMES[lang][f];

  // --- rows -> clients ---
  const clients: SegmentedClient[] = [];
  const firstRowOfId = new Map<string, number>();
  const abilities: (number | null)[] = [];
  const willingness: (number | null)[] = [];
  const indicatorRows: (number | null)[][] = [];
  const quadrantFields = quadrantFieldsOf(config);
  const reviewOn = config.review !== false && REVIEW_INDICATORS.every((f) => col.has(f));
  const scaleMax = config.review ? config.review.scaleMax : REVIEW_DEFAULTS.scaleMax;
  let rowsRead = 0;

  // one reader for every numeric column: no closures per row, a million rows read in a pass
  const idColumn = col.get("id") ?? col.get("name");
  const idField: ClientField = col.has("id") ? "id" : "name";
  const nameColumn = col.get("name")?.column ?? -1;
  const ownerColumn = col.get("owner")?.column ?? -1;
  const valueMatch = col.get("value");
  const abilityMatch = quadrantFields ? col.get(quadrantFields.ability) : undefined;
  const willingnessMatch = quadrantFields ? col.get(quadrantFields.willingness) : undefined;
  const indicatorMatches = REVIEW_INDICATORS.map((f) => col.get(f));

  for (let r = found.row + 1; r < block.cells.length; r++) {
    const cells = block.cells[r];
    if (isBlankRow(cells)) continue;
    rowsRead++;
    const sheetRow = block.firstRow + r;
    const rawId = idColumn ? cells[idColumn.column] : undefined;
    if (isTotalRow(cells, idColumn?.column, nameColumn)) {
      const label = TOTAL_WORDS.test(textOf(rawId)) ? shownValue(rawId) : shownValue(cells[nameColumn]);
      issues.push({ row: sheetRow, column: fieldName(idField), value: label, issue: { code: "totalRow", params: { value: label } } });
      continue;
    }
    // without an id column a client is known by name, and two clients of one name by their owners
    const id = idField === "id" || ownerColumn < 0 || textOf(rawId) === "" ? textOf(rawId) : `${textOf(rawId)} / ${textOf(cells[ownerColumn])}`;
    if (id === "") {
      issues.push({ row: sheetRow, column: fieldName(idField), value: shownValue(rawId), issue: { code: isExcelError(rawId) ? "errorValue" : "blankId", params: { value: shownValue(rawId) } } });
      continue;
    }
    const seen = firstRowOfId.get(id);
    if (seen !== undefined) {
      issues.push({ row: sheetRow, column: fieldName(idField), value: id, issue: { code: idField === "id" ? "duplicateId" : "duplicateName", params: { value: id, row: seen } } });
      continue;
    }
    firstRowOfId.set(id, sheetRow);

    const value = valueMatch ? numberIn(issues, cells, sheetRow, valueMatch, WORDS[lang].valueLadder, false, 0) : null;
    if (abilityMatch && willingnessMatch) {
      abilities.push(numberIn(issues, cells, sheetRow, abilityMatch, WORDS[lang].quadrantModel, true, 0));
      willingness.push(numberIn(issues, cells, sheetRow, willingnessMatch, WORDS[lang].quadrantModel, true, 0));
    }
    if (reviewOn) {
      const scores: (number | null)[] = new Array(indicatorMatches.length);
      for (let j = 0; j < indicatorMatches.length; j++) scores[j] = numberIn(issues, cells, sheetRow, indicatorMatches[j]!, WORDS[lang].review, false, scaleMax);
      indicatorRows.push(scores);
    }
    clients.push({
      id,
      name: nameColumn >= 0 ? textOf(cells[nameColumn]) : "",
      owner: ownerColumn >= 0 ? textOf(cells[ownerColumn]) : "",
      sourceRow: sheetRow,
      value,
      rank: null,
      cumulativeShare: null,
      tierIndex: null,
      tier: null,
      score: null,
      reviewClass: null,
      quadrant: null,
      cells,
    });
  }
  if (clients.length === 0 && issues.length === 0) return fail("emptyTable", { value: block.source });
  if (block.hiddenRows) issues.push({ row: null, column: "", value: String(block.hiddenRows), issue: { code: "hiddenRowsIncluded", params: { value: block.hiddenRows } } });

  // --- value ladder and Pareto ---
  // list order: largest value first, ties by source row; tiers below are read in this order
  const valued = clients.filter((c) => c.value !== null).sort((a, b) => b.value! - a.value! || a.sourceRow - b.sourceRow);
  const values = Float64Array.from(valued, (c) => c.value!);
  const ladderOn = config.valueLadder !== false && col.has("value") && valued.length > 0;
  let curve: ParetoCurve | null = null;
  let topShare: number | null = null;
  let cutoff: number | null = null;
  const tierFigures: GroupFigure[] = [];
  if (col.has("value") && checkParetoValues(values).ok) {
    curve = paretoCurve(values);
    topShare = shareOnCurve(curve, 0.2);
    cutoff = cutoffOnCurve(curve, 0.8);
  }
  rankClients(valued, curve);
  if (ladderOn) {
    const ladder = config.valueLadder || { preset: "byCount" as const };
    const placed = placeOnLadder(values, curve, ladder, lang);
    if (!placed.ok) issues.push({ row: null, column: fieldName("value"), value: "", issue: placed.issue });
    else {
      valued.forEach((c, i) => {
        c.tierIndex = placed.value.tiers[i];
        c.tier = placed.value.labels[placed.value.tiers[i]];
      });
      tierFigures.push(...figures(valued, placed.value.labels, (c) => c.tierIndex));
    }
  }
  if (config.valueLadder && !col.has("value")) issues.push(missing("value", WORDS[lang].valueLadder, lang));

  // --- five-indicator review ---
  const classFigures: GroupFigure[] = [];
  if (reviewOn) {
    const review = config.review || undefined;
    const rule = scoreRule(5, review?.weights, scaleMax, review?.lowerIsBetter ?? REVIEW_DEFAULTS.lowerIsBetter);
    const cuts = thresholdLadder(review?.cuts ?? [...REVIEW_DEFAULTS.classCuts]);
    if (!rule.ok) issues.push({ row: null, column: "", value: "", issue: rule.issue });
    else if (!cuts.ok) issues.push({ row: null, column: "", value: "", issue: cuts.issue });
    else if (review?.labels && review.labels.length !== cuts.value.length + 1)
      issues.push({ row: null, column: WORDS[lang].reviewClass, value: review.labels.join(", "), issue: { code: "labelsCount", params: { expected: cuts.value.length + 1, actual: review.labels.length } } });
    else {
      const labels = review?.labels ?? (cuts.value.length === 3 ? [...REVIEW_DEFAULTS.classLabels] : letterLabels(cuts.value.length + 1));
      clients.forEach((c, i) => {
        const s = scoreOf(indicatorRows[i], rule.value);
        if (s.ok && s.value !== null) {
          c.score = s.value;
          c.reviewClass = labels[tierOf(s.value, cuts.value)] ?? null;
        }
      });
      classFigures.push(...figures(clients, labels, (c) => (c.reviewClass === null ? null : labels.indexOf(c.reviewClass))));
    }
  } else if (config.review !== false) {
    const lacking = REVIEW_INDICATORS.filter((f) => !col.has(f));
    // say it only when the table has some indicators, or the review was asked for
    if (config.review || lacking.length < REVIEW_INDICATORS.length) issues.push(missing(lacking[0], WORDS[lang].review, lang));
  }

  // --- ability x willingness ---
  let quadrantCuts: Segmentation["quadrantCuts"] = null;
  const quadrantFigures: Segmentation["quadrants"] = [];
  if (quadrantFields) {
    const numbersA = abilities.filter((x): x is number => x !== null);
    const numbersW = willingness.filter((x): x is number => x !== null);
    const cutA = quadrantCut(numbersA, config.quadrant ? config.quadrant.abilityCut : undefined);
    const cutW = quadrantCut(numbersW, config.quadrant ? config.quadrant.willingnessCut : undefined);
    if (cutA !== undefined && cutW !== undefined) {
      quadrantCuts = { ability: cutA, willingness: cutW };
      clients.forEach((c, i) => {
        const a = abilities[i];
        const w = willingness[i];
        if (a !== null && w !== null) c.quadrant = quadrantOf(a, w, cutA, cutW);
      });
      for (const q of QUADRANTS) {
        const inQ = clients.filter((c) => c.quadrant === q);
        quadrantFigures.push({ quadrant: q, label: QUADRANT_LABELS[lang][q], count: inQ.length, value: sumValues(inQ) });
      }
    }
  } else if (config.quadrant !== false) {
    const wanted = config.quadrant || { ability: "ability" as const, willingness: "willingness" as const };
    const lacking = ([wanted.ability, wanted.willingness] as ClientField[]).filter((f) => !col.has(f));
    if (config.quadrant || lacking.length < 2) issues.push(missing(lacking[0], WORDS[lang].quadrantModel, lang));
  }

  const ordered = [...valued, ...clients.filter((c) => c.value === null)];
  return ok({
    lang,
    source: block.source,
    headerRow: headerSheetRow,
    columns,
    clients: ordered,
    rowsRead,
    models: { valueLadder: tierFigures.length > 0, review: classFigures.length > 0, quadrant: quadrantCuts !== null },
    tiers: tierFigures,
    classes: classFigures,
    quadrants: quadrantFigures,
    quadrantCuts,
    total: curve?.total ?? sumValues(valued),
    topShare,
    cutoff,
    curve,
    issues,
  });

  function quadrantFieldsOf(cfg: RunConfig): { ability: ClientField; willingness: ClientField } | null {
    if (cfg.quadrant === false) return null;
    const wanted = cfg.quadrant || { ability: "ability" as const, willingness: "willingness" as const };
    return col.has(wanted.ability) && col.has(wanted.willingness) ? wanted : null;
  }
}

/** 合计 / 小计 / 总计 / 汇总 / Total rows under a table are sums, not clients. */
const TOTAL_WORDS = /^(合计|小计|总计|汇总|总和|共计|total|totals|grand total|subtotal|sum)[:：]?$/i;

function isTotalRow(cells: readonly unknown[], idColumn: number | undefined, nameColumn: number): boolean {
  return [idColumn, nameColumn].some((c) => c !== undefined && c >= 0 && typeof cells[c] === "string" && TOTAL_WORDS.test((cells[c] as string).normalize("NFKC").trim()));
}

function isBlankRow(cells: readonly unknown[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c === null || c === undefined) continue;
    if (typeof c === "string" && c.trim() === "") continue;
    return false;
  }
  return true;
}

/**
 * A numeric cell of a client row, with the header's unit applied; anything unusable becomes a
 * Data issues row and null. `scaleMax` > 0 marks an indicator scored 1..scaleMax.
 */
function numberIn(issues: DataIssue[], cells: readonly unknown[], row: number, m: HeaderMatch, model: string, allowNegative: boolean, scaleMax: number): number | null {
  const raw = cells[m.column];
  if (typeof raw === "number" && m.unitMultiplier === 1 && raw >= 0 && raw <= ABSURD && (scaleMax === 0 || (raw >= 1 && raw <= scaleMax))) return raw;
  const note = (issue: Issue) => issues.push({ row, column: m.header, value: shownValue(raw), issue });
  const reading = readNumber(raw);
  if (reading.kind === "blank") {
    note(m.field === "value" ? { code: "valueMissing", params: { name: m.header } } : { code: "fieldMissing", params: { name: m.header, model } });
    return null;
  }
  if (reading.kind === "issue") {
    note(reading.issue);
    return null;
  }
  const value = scaled(reading.value, m.unitMultiplier);
  if (!allowNegative && value < 0) {
    note({ code: "negativeValue", params: { name: m.header, value } });
    return null;
  }
  if (Math.abs(value) > ABSURD) {
    note({ code: "absurdValue", params: { value: shownValue(raw) } });
    return null;
  }
  if (scaleMax > 0 && !(value >= 1 && value <= scaleMax)) {
    note({ code: "indicatorOutOfRange", params: { value, max: scaleMax } });
    return null;
  }
  if (reading.fromText) note({ code: "readFromText", params: { value: shownValue(raw), read: value } });
  return value;
}

function missing(field: ClientField, model: string, lang: Lang): DataIssue {
  return { row: null, column: FIELD_NAMES[lang][field], value: "", issue: { code: "columnMissing", params: { column: FIELD_NAMES[lang][field], model } } };
}

/** The columns found, with any the configuration names by header text put in their place. */
export function overrideColumns(found: HeaderMatch[], header: readonly unknown[], config: RunConfig, notFound: (field: ClientField, text: string) => void): HeaderMatch[] {
  if (!config.columns) return found;
  const columns = [...found];
  for (const [field, text] of Object.entries(config.columns) as [ClientField, string][]) {
    const at = header.findIndex((h) => textOf(h) === text.trim());
    if (at < 0) {
      notFound(field, text);
      continue;
    }
    const unit = fieldOfHeader(text)?.unitMultiplier ?? 1;
    const rest = columns.filter((c) => c.field !== field && c.column !== at);
    columns.length = 0;
    columns.push(...rest, { field, column: at, header: text.trim(), unitMultiplier: unit });
  }
  return columns;
}

interface Placed {
  tiers: Int32Array;
  labels: string[];
}

function placeOnLadder(values: Float64Array, curve: ParetoCurve | null, ladder: NonNullable<Exclude<RunConfig["valueLadder"], false>>, lang: Lang): Result<Placed> {
  const custom = ladder.labels;
  const withLabels = (tiers: Int32Array, defaults: readonly string[]): Result<Placed> => {
    const labels = custom ?? [...defaults];
    if (labels.length !== defaults.length) return fail("labelsCount", { expected: defaults.length, actual: labels.length });
    return ok({ tiers, labels });
  };
  switch (ladder.preset) {
    case "byCount":
      return withLabels(tiersByCount(values), COUNT_PRESET_LABELS[lang]);
    case "abc":
      if (!curve) return fail("allZero");
      return withLabels(tiersByCumulativeValue(values, curve), ABC_PRESET_LABELS);
    case "bigPolicy":
    case "thresholds": {
      const steps = thresholdLadder(ladder.preset === "bigPolicy" ? [...BIG_POLICY_LADDER] : (ladder.thresholds ?? []));
      if (!steps.ok) return steps;
      const tiers = Int32Array.from(values, (v) => tierOf(v, steps.value));
      return withLabels(tiers, letterLabels(steps.value.length + 1));
    }
  }
}

/** Rank 1 for the largest value, ties sharing a rank; cumulative share down the list (sorted largest first). */
function rankClients(valued: readonly SegmentedClient[], curve: ParetoCurve | null): void {
  let running = 0;
  valued.forEach((c, i) => {
    c.rank = i > 0 && valued[i - 1].value === c.value ? valued[i - 1].rank : i + 1;
    running = curve ? curve.cumulative[i + 1] : running;
    c.cumulativeShare = curve && curve.total > 0 ? running / curve.total : null;
  });
}

function figures(clients: SegmentedClient[], labels: readonly string[], indexOf: (c: SegmentedClient) => number | null): GroupFigure[] {
  const out = labels.map((label) => ({ label, count: 0, value: 0 }));
  for (const c of clients) {
    const i = indexOf(c);
    if (i === null || i < 0) continue;
    out[i].count++;
    out[i].value += c.value ?? 0;
  }
  return out;
}

function sumValues(clients: readonly SegmentedClient[]): number {
  let s = 0;
  for (const c of clients) s += c.value ?? 0;
  return s;
}

/** Multiplies by a header unit (万元 -> x10000) without 1.1 x 10000 = 11000.000000000002. */
function scaled(value: number, multiplier: number): number {
  return multiplier === 1 ? value : Number((value * multiplier).toPrecision(15));
}

/** A cell as text: ids, names, owners. Numbers keep their digits (1001, not 1001.0). */
export function textOf(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : cell.toISOString().slice(0, 10);
  if (isExcelError(cell)) return "";
  return String(cell).trim();
}

/** A raw value as the Data issues sheet shows it. */
export function shownValue(cell: unknown): string {
  if (isExcelError(cell)) return typeof cell === "string" ? cell : (cell as { error: string }).error;
  return textOf(cell);
}
