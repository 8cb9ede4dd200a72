import { locateHeader, type ClientField, type HeaderMatch, fieldOfHeader } from "./columns";
import type { RunConfig } from "./config";
import { fail, ok, type Issue, type Result } from "./issues";
import type { Lang } from "./lang";
import { checkParetoValues, cutoffOnCurve, paretoCurve, shareOnCurve, type ParetoCurve } from "./pareto";
import { QUADRANT_LABELS, QUADRANTS, quadrantCut, quadrantOf, type Quadrant } from "./quadrant";
import { REVIEW_DEFAULTS, REVIEW_INDICATORS, scoreRule, weightedScore } from "./score";
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
import { mergedCellIssues, readMergedCells, type MergedArea } from "./merged";
import { notAClientRow } from "./not-clients";
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
  /** the merged areas of the block, as indices into cells (read as their anchor's value below the header) */
  merged?: MergedArea[];
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
  /**
   * per model that ran, the clients it left without a group because their value (or that model's
   * inputs) is missing, with the value they hold; null when there are none. The "no value" line
   * under each group table, so that its counts add up to the clients segmented.
   */
  unplaced: { tiers: GroupFigure | null; classes: GroupFigure | null; quadrants: GroupFigure | null };
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
  const located = locateHeader(block, config.headerRow);
  if (!located.ok) return located;
  const found = located.value;
  // merged cells below the header hold their anchor's value in every cell they cover
  const merged = readMergedCells(block.cells, block.merged, found.row);
  if (merged.read.length > 0) block = { ...block, cells: merged.cells };
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
  issues.push(...mergedCellIssues(merged.read, header, block.firstRow));

  // --- rows -> clients ---
  // read column by column into arrays in row order (NaN for no number); the client objects are
  // made last, in list order, so that every later pass over the list walks memory in order
  const capacity = Math.max(0, block.cells.length - found.row - 1);
  // made at their size: grown by push, each would be copied a dozen times on the way to a million
  // id, name and owner of client k side by side, at 3k: the clients are made in list order, not
  // in row order, and three texts in one place are one cache miss, not three
  const texts = new Array<string>(3 * capacity);
  const rowCells = new Array<readonly unknown[]>(capacity);
  let n = 0;
  const sheetRows = new Int32Array(capacity);
  const amounts = new Float64Array(capacity);
  const firstRowOfId = new FirstRows(capacity);
  const quadrantFields = quadrantFieldsOf(config);
  const reviewOn = config.review !== false && REVIEW_INDICATORS.every((f) => col.has(f));
  const scaleMax = config.review ? config.review.scaleMax : REVIEW_DEFAULTS.scaleMax;
  const abilities = new Float64Array(quadrantFields ? capacity : 0);
  const willingness = new Float64Array(quadrantFields ? capacity : 0);
  // the five indicators of every client, flat (client i at 5i): no array per client
  const indicatorCount = REVIEW_INDICATORS.length;
  const indicatorCells = new Float64Array(reviewOn ? capacity * indicatorCount : 0);
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
    const notClient = notAClientRow(cells, header, idColumn?.column ?? -1);
    if (notClient) {
      issues.push({ row: sheetRow, column: fieldName(idField), value: notClient.value, issue: notClient.issue });
      continue;
    }
    // without an id column a client is known by name, and two clients of one name by their owners
    const id = idField === "id" || ownerColumn < 0 || textOf(rawId) === "" ? textOf(rawId) : `${textOf(rawId)} / ${textOf(cells[ownerColumn])}`;
    if (id === "") {
      issues.push({ row: sheetRow, column: fieldName(idField), value: shownValue(rawId), issue: { code: isExcelError(rawId) ? "errorValue" : "blankId", params: { value: shownValue(rawId) } } });
      continue;
    }
    const seen = firstRowOfId.firstOrAdd(id, sheetRow);
    if (seen !== undefined) {
      issues.push({ row: sheetRow, column: fieldName(idField), value: id, issue: { code: idField === "id" ? "duplicateId" : "duplicateName", params: { value: id, row: seen } } });
      continue;
    }

    const k = n++;
    amounts[k] = valueMatch ? orNaN(numberIn(issues, cells, sheetRow, valueMatch, WORDS[lang].valueLadder, false, 0)) : NaN;
    if (abilityMatch && willingnessMatch) {
      abilities[k] = orNaN(numberIn(issues, cells, sheetRow, abilityMatch, WORDS[lang].quadrantModel, true, 0));
      willingness[k] = orNaN(numberIn(issues, cells, sheetRow, willingnessMatch, WORDS[lang].quadrantModel, true, 0));
    }
    if (reviewOn)
      for (let j = 0; j < indicatorCount; j++) indicatorCells[k * indicatorCount + j] = orNaN(numberIn(issues, cells, sheetRow, indicatorMatches[j]!, WORDS[lang].review, false, scaleMax));
    texts[3 * k] = id;
    texts[3 * k + 1] = nameColumn >= 0 ? textOf(cells[nameColumn]) : "";
    texts[3 * k + 2] = ownerColumn >= 0 ? textOf(cells[ownerColumn]) : "";
    sheetRows[k] = sheetRow;
    rowCells[k] = cells;
  }
  if (n === 0 && issues.length === 0) return fail("emptyTable", { value: block.source });
  if (block.hiddenRows) issues.push({ row: null, column: "", value: String(block.hiddenRows), issue: { code: "hiddenRowsIncluded", params: { value: block.hiddenRows } } });

  // --- value ladder and Pareto ---
  // list order: largest value first, ties by source row; tiers below are read in this order
  const order = listOrder(amounts.subarray(0, n));
  const valuedCount = order.valued;
  const values = new Float64Array(valuedCount);
  for (let i = 0; i < valuedCount; i++) values[i] = amounts[order.rows[i]];
  const ladderOn = config.valueLadder !== false && col.has("value") && valuedCount > 0;
  let curve: ParetoCurve | null = null;
  let topShare: number | null = null;
  let cutoff: number | null = null;
  const tierFigures: GroupFigure[] = [];
  if (col.has("value") && checkParetoValues(values).ok) {
    curve = paretoCurve(values);
    topShare = shareOnCurve(curve, 0.2);
    cutoff = cutoffOnCurve(curve, 0.8);
  }
  let tiers: Int32Array | null = null;
  let tierLabels: string[] = [];
  if (ladderOn) {
    const ladder = config.valueLadder || { preset: "byCount" as const };
    const placed = placeOnLadder(values, curve, ladder, lang);
    if (!placed.ok) issues.push({ row: null, column: fieldName("value"), value: "", issue: placed.issue });
    else {
      ({ tiers, labels: tierLabels } = placed.value);
      // summed in list order
      const out = tierLabels.map((label) => ({ label, count: 0, value: 0 }));
      for (let i = 0; i < valuedCount; i++) {
        const t = tiers[i];
        if (t < 0) continue;
        out[t].count++;
        out[t].value += values[i];
      }
      tierFigures.push(...out);
    }
  }
  if (config.valueLadder && !col.has("value")) issues.push(missing("value", WORDS[lang].valueLadder, lang));

  // --- five-indicator review ---
  const classFigures: GroupFigure[] = [];
  const scores = new Float64Array(reviewOn ? n : 0);
  // left empty when no class is given
  let classes: (string | null)[] = [];
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
      const out = labels.map((label) => ({ label, count: 0, value: 0 }));
      classes = new Array<string | null>(n);
      const classAt = new Int32Array(n);
      for (let k = 0; k < n; k++) {
        const score = weightedScore(indicatorCells, k * indicatorCount, indicatorCount, rule.value);
        scores[k] = score;
        const label = Number.isNaN(score) ? null : (labels[tierOf(score, cuts.value)] ?? null);
        classes[k] = label;
        classAt[k] = label === null ? -1 : labels.indexOf(label);
      }
      // summed in list order, as a filter of the Segments list would: row order cannot change the last digit
      for (let i = 0; i < n; i++) {
        const k = order.rows[i];
        const at = classAt[k];
        if (at < 0) continue;
        out[at].count++;
        out[at].value += Number.isNaN(amounts[k]) ? 0 : amounts[k];
      }
      classFigures.push(...out);
    }
  } else if (config.review !== false) {
    const lacking = REVIEW_INDICATORS.filter((f) => !col.has(f));
    // say it only when the table has some indicators, or the review was asked for
    if (config.review || lacking.length < REVIEW_INDICATORS.length) issues.push(missing(lacking[0], WORDS[lang].review, lang));
  }

  // --- ability x willingness ---
  let quadrantCuts: Segmentation["quadrantCuts"] = null;
  const quadrantFigures: Segmentation["quadrants"] = [];
  // left empty when no quadrant is given
  let quadrants: (Quadrant | null)[] = [];
  if (quadrantFields) {
    const cutA = quadrantCut(numbersOf(abilities.subarray(0, n)), config.quadrant ? config.quadrant.abilityCut : undefined);
    const cutW = quadrantCut(numbersOf(willingness.subarray(0, n)), config.quadrant ? config.quadrant.willingnessCut : undefined);
    if (cutA !== undefined && cutW !== undefined) {
      quadrantCuts = { ability: cutA, willingness: cutW };
      quadrants = new Array<Quadrant | null>(n);
      const count = new Float64Array(QUADRANTS.length);
      const held = new Float64Array(QUADRANTS.length);
      for (let k = 0; k < n; k++) {
        const a = abilities[k];
        const w = willingness[k];
        quadrants[k] = Number.isNaN(a) || Number.isNaN(w) ? null : quadrantOf(a, w, cutA, cutW);
      }
      // counts, and values summed in list order, as a filter of the Segments list per quadrant would:
      // row order cannot change the last digit
      for (let i = 0; i < n; i++) {
        const k = order.rows[i];
        const q = quadrants[k];
        if (q === null) continue;
        const at = QUADRANTS.indexOf(q);
        count[at]++;
        held[at] += Number.isNaN(amounts[k]) ? 0 : amounts[k];
      }
      QUADRANTS.forEach((q, at) => quadrantFigures.push({ quadrant: q, label: QUADRANT_LABELS[lang][q], count: count[at], value: held[at] }));
    }
  } else if (config.quadrant !== false) {
    const wanted = config.quadrant || { ability: "ability" as const, willingness: "willingness" as const };
    const lacking = ([wanted.ability, wanted.willingness] as ClientField[]).filter((f) => !col.has(f));
    if (config.quadrant || lacking.length < 2) issues.push(missing(lacking[0], WORDS[lang].quadrantModel, lang));
  }

  // --- the clients, in list order, every field final ---
  const ordered: SegmentedClient[] = new Array(n);
  const shareOf = curve && curve.total > 0 ? curve : null;
  let rank = 0;
  for (let i = 0; i < n; i++) {
    const k = order.rows[i];
    const valued = i < valuedCount;
    // rank 1 for the largest value, ties sharing a rank
    if (valued) rank = i > 0 && values[i - 1] === values[i] ? rank : i + 1;
    const tierIndex = valued && tiers ? tiers[i] : null;
    ordered[i] = {
      id: texts[3 * k],
      name: texts[3 * k + 1],
      owner: texts[3 * k + 2],
      sourceRow: sheetRows[k],
      value: valued ? values[i] : null,
      rank: valued ? rank : null,
      cumulativeShare: valued && shareOf ? shareOf.cumulative[i + 1] / shareOf.total : null,
      tierIndex,
      tier: tierIndex === null ? null : tierLabels[tierIndex],
      score: reviewOn && classes.length ? nullIfNaN(scores[k]) : null,
      reviewClass: classes.length ? classes[k] : null,
      quadrant: quadrants.length ? quadrants[k] : null,
      cells: rowCells[k],
    };
  }
  let total = curve?.total;
  if (total === undefined) {
    total = 0;
    for (let i = 0; i < valuedCount; i++) total += values[i];
  }
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
    unplaced: {
      tiers: tierFigures.length > 0 ? unplacedFigure(ordered, (c) => c.tier, WORDS[lang].noValue) : null,
      classes: classFigures.length > 0 ? unplacedFigure(ordered, (c) => c.reviewClass, WORDS[lang].noScore) : null,
      quadrants: quadrantCuts !== null ? unplacedFigure(ordered, (c) => c.quadrant, WORDS[lang].noQuadrantInputs) : null,
    },
    quadrantCuts,
    total,
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

/** The clients a model left without a group, their value summed in list order (so row order cannot change it); null for none. */
function unplacedFigure(clients: readonly SegmentedClient[], groupOf: (c: SegmentedClient) => string | null, label: string): GroupFigure | null {
  let count = 0;
  let value = 0;
  for (const c of clients)
    if (groupOf(c) === null) {
      count++;
      value += c.value ?? 0;
    }
  return count > 0 ? { label, count, value } : null;
}

/** 合计 / 小计 / 总计 / 汇总 / Total rows under a table are sums, not clients. */
const TOTAL_WORDS = /^(合计|小计|总计|汇总|总和|共计|total|totals|grand total|subtotal|sum)[:：]?$/i;

function isTotalRow(cells: readonly unknown[], idColumn: number | undefined, nameColumn: number): boolean {
  return (idColumn !== undefined && idColumn >= 0 && isTotalWord(cells[idColumn])) || (nameColumn >= 0 && isTotalWord(cells[nameColumn]));
}

/** Printable ASCII and CJK ideographs only: NFKC leaves such text as it is, so it need not be normalised. */
const NFKC_STABLE = /^[\x20-\x7e\u4e00-\u9fff]*$/;

function isTotalWord(cell: unknown): boolean {
  if (typeof cell !== "string") return false;
  // a million ids and names are checked per run: normalising each costs more than the rest of the row
  return TOTAL_WORDS.test((NFKC_STABLE.test(cell) ? cell : cell.normalize("NFKC")).trim());
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
  return numberRead(issues, raw, row, m, model, allowNegative, scaleMax);
}

/**
 * numberIn for a cell that is not a plain number in range. Apart, because its closure would make
 * every call of numberIn, fast path too, allocate a context: 8 million of them at a million rows.
 */
function numberRead(issues: DataIssue[], raw: unknown, row: number, m: HeaderMatch, model: string, allowNegative: boolean, scaleMax: number): number | null {
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

/**
 * The sheet row each client id was first seen on. Open addressing over typed arrays: a Map of a
 * million string keys takes a third of a second to fill, this a tenth of that.
 */
export class FirstRows {
  private ids: string[] = [];
  private rows: number[] = [];
  private hashes: Int32Array;
  /** index into ids + 1 per slot; 0 is an empty slot */
  private slots: Int32Array;

  constructor(expected = 16) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity / 2);
  }

  /** The row `id` was first seen on; or, the first time, undefined, and `row` is kept for it. */
  firstOrAdd(id: string, row: number): number | undefined {
    const h = hashOf(id);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const at = this.slots[s] - 1;
      if (at < 0) {
        this.slots[s] = this.ids.length + 1;
        break;
      }
      if (this.hashes[at] === h && this.ids[at] === id) return this.rows[at];
    }
    if (this.ids.length === this.hashes.length) this.grow();
    this.hashes[this.ids.length] = h;
    this.ids.push(id);
    this.rows.push(row);
    return undefined;
  }

  private grow(): void {
    const n = this.ids.length;
    const hashes = new Int32Array(n * 2);
    hashes.set(this.hashes);
    const slots = new Int32Array(n * 4);
    const mask = slots.length - 1;
    for (let i = 0; i < n; i++) {
      let s = hashes[i] & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = i + 1;
    }
    this.hashes = hashes;
    this.slots = slots;
  }
}

/** FNV-1a over the UTF-16 code units, mixed at the end so that low bits serve as a slot. */
function hashOf(text: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * List order as row indices: rows with a value (not NaN), largest first, ties in row order; then
 * the rows without one, in row order. A stable radix sort of the values' bits, a byte a pass,
 * skipping bytes every value shares: a comparator sort of a million client objects takes seconds,
 * a native sort and a binary search per row a fifth of one, this a few hundredths.
 */
function listOrder(amounts: Float64Array): { rows: Int32Array; valued: number } {
  let valued = 0;
  for (let k = 0; k < amounts.length; k++) if (!Number.isNaN(amounts[k])) valued++;
  const rows = new Int32Array(amounts.length);
  // each valued row with a 64-bit key, in two halves, whose unsigned order is the list order
  let hiKeys = new Uint32Array(valued);
  let loKeys = new Uint32Array(valued);
  let from = new Int32Array(valued);
  const bits = new DataView(new ArrayBuffer(8));
  for (let k = 0, i = 0, unvalued = valued; k < amounts.length; k++) {
    const v = amounts[k];
    if (Number.isNaN(v)) {
      rows[unvalued++] = k;
      continue;
    }
    bits.setFloat64(0, v === 0 ? 0 : v); // -0 ties with 0
    const hi = bits.getUint32(0);
    const lo = bits.getUint32(4);
    // a double's bits count up with its size when positive and down when negative; turned round
    // here so that the key counts up as the value goes down
    const negative = hi >>> 31 === 1;
    hiKeys[i] = negative ? hi : ~hi & 0x7fffffff;
    loKeys[i] = negative ? lo : ~lo;
    from[i++] = k;
  }
  const counts = new Int32Array(8 * 256);
  for (let i = 0; i < valued; i++) {
    const hi = hiKeys[i];
    const lo = loKeys[i];
    for (let b = 0; b < 4; b++) {
      counts[b * 256 + ((lo >>> (8 * b)) & 255)]++;
      counts[(4 + b) * 256 + ((hi >>> (8 * b)) & 255)]++;
    }
  }
  let nextHi = new Uint32Array(valued);
  let nextLo = new Uint32Array(valued);
  let nextFrom = new Int32Array(valued);
  // least significant byte first: each pass is stable, so ties keep the order the last one left
  for (let pass = 0; pass < 8; pass++) {
    const base = pass * 256;
    let shared = false;
    for (let b = 0; b < 256; b++) if (counts[base + b] === valued) shared = true;
    if (shared) continue;
    for (let b = 0, start = 0; b < 256; b++) {
      const count = counts[base + b];
      counts[base + b] = start;
      start += count;
    }
    const shift = 8 * (pass & 3);
    const keys = pass < 4 ? loKeys : hiKeys;
    for (let i = 0; i < valued; i++) {
      const at = counts[base + ((keys[i] >>> shift) & 255)]++;
      nextHi[at] = hiKeys[i];
      nextLo[at] = loKeys[i];
      nextFrom[at] = from[i];
    }
    [hiKeys, nextHi] = [nextHi, hiKeys];
    [loKeys, nextLo] = [nextLo, loKeys];
    [from, nextFrom] = [nextFrom, from];
  }
  rows.set(from);
  return { rows, valued };
}

/** A number read from a cell, NaN for none: what the typed columns above hold. */
function orNaN(x: number | null): number {
  return x === null ? NaN : x;
}

function nullIfNaN(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

/** The numbers of a column, those that are not NaN. */
function numbersOf(column: Float64Array): Float64Array {
  const out = new Float64Array(column.length);
  let n = 0;
  for (let i = 0; i < column.length; i++) if (!Number.isNaN(column[i])) out[n++] = column[i];
  return out.subarray(0, n);
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
