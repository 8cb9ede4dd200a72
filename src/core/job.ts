import type { ClientField, HeaderMatch } from "./columns";
import type { RunConfig } from "./config";
import { fail, ok, type Issue, type Result } from "./issues";
import type { Lang } from "./lang";
import type { MergedArea } from "./merged";
import { listOrder } from "./order";
import { checkParetoValues, cutoffOnCurve, paretoCurve, PARETO_TOP_FRACTION, PARETO_VALUE_SHARE, shareOnCurve, type ParetoCurve } from "./pareto";
import { QUADRANT_LABELS, QUADRANTS, quadrantCut, quadrantOf, type Quadrant } from "./quadrant";
import { readClients, type ClientTable } from "./read-clients";
import { REVIEW_DEFAULTS, REVIEW_INDICATORS, scoreRule, weightedScore } from "./score";
import { ABC_PRESET_LABELS, BIG_POLICY_LADDER, COUNT_PRESET_LABELS, letterLabels, thresholdLadder, tierOf, tiersByCount, tiersByCumulativeValue } from "./tier";
import { FIELD_NAMES, WORDS } from "./vocabulary";

export { FirstRows } from "./read-clients";

/*
 * One segmentation run (SPEC sections 3 and 8): a block of raw cells -> the client table -> every
 * model whose columns are there -> clients with tier, score, class and quadrant, summary figures,
 * and a Data issues row for every row left out or read with a correction. Pure and deterministic.
 * Each step below returns its figures and its issues; segment() puts them together.
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
  /** the host could not tell which cells are merged (Excel without ExcelApi 1.13): a covered cell reads blank */
  mergedUnknown?: boolean;
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

/** Output language when none is given: Chinese headers give Chinese output (SPEC section 6). */
export function segment(block: ClientBlock, config: RunConfig, lang: Lang): Result<Segmentation> {
  const read = readClients(block, config, lang);
  if (!read.ok) return read;
  const { table } = read.value;
  const order = clientOrder(table);
  const ladder = ladderStep(table, order, config, lang);
  const review = reviewStep(table, order, config, lang);
  const quadrant = quadrantStep(table, order, config, lang);
  const clients = clientList(table, order, ladder, review, quadrant);
  const issues = [...read.value.issues, ...ladder.issues, ...review.issues, ...quadrant.issues];
  return ok(figures(table, clients, ladder, review, quadrant, issues, lang));
}

/** List order: clients with a value, largest first, ties by source row; then those without one, by source row. */
export interface ClientOrder {
  /** client slots in list order */
  rows: Int32Array;
  /** how many come first with a value */
  valued: number;
  /** the values of the first `valued`, in list order */
  values: Float64Array;
}

export function clientOrder(table: ClientTable): ClientOrder {
  const { rows, valued } = listOrder(table.amounts.subarray(0, table.count));
  const values = new Float64Array(valued);
  for (let i = 0; i < valued; i++) values[i] = table.amounts[rows[i]];
  return { rows, valued, values };
}

/** The value ladder and the Pareto figures, on the clients with a value. */
export interface LadderStep {
  curve: ParetoCurve | null;
  topShare: number | null;
  cutoff: number | null;
  /** tier index per valued client in list order (-1 for none); null when the ladder did not run */
  tiers: Int32Array | null;
  labels: string[];
  /** one per tier, summed in list order; empty when the ladder did not run */
  figures: GroupFigure[];
  issues: DataIssue[];
}

export function ladderStep(table: ClientTable, order: ClientOrder, config: RunConfig, lang: Lang): LadderStep {
  const issues: DataIssue[] = [];
  const { values, valued } = order;
  const hasValue = table.col.has("value");
  let curve: ParetoCurve | null = null;
  let topShare: number | null = null;
  let cutoff: number | null = null;
  if (hasValue && checkParetoValues(values).ok) {
    curve = paretoCurve(values);
    topShare = shareOnCurve(curve, PARETO_TOP_FRACTION);
    cutoff = cutoffOnCurve(curve, PARETO_VALUE_SHARE);
  }
  let tiers: Int32Array | null = null;
  let labels: string[] = [];
  const figures: GroupFigure[] = [];
  if (config.valueLadder !== false && hasValue && valued > 0) {
    const placed = placeOnLadder(values, curve, config.valueLadder || { preset: "byCount" }, lang);
    if (!placed.ok) issues.push({ row: null, column: table.col.get("value")?.header ?? FIELD_NAMES[lang].value, value: "", issue: placed.issue });
    else {
      ({ tiers, labels } = placed.value);
      // summed in list order
      const out = labels.map((label) => ({ label, count: 0, value: 0 }));
      for (let i = 0; i < valued; i++) {
        const t = tiers[i];
        if (t < 0) continue;
        out[t].count++;
        out[t].value += values[i];
      }
      figures.push(...out);
    }
  }
  if (config.valueLadder && !hasValue) issues.push(missing("value", WORDS[lang].valueLadder, lang));
  return { curve, topShare, cutoff, tiers, labels, figures, issues };
}

/** The five-indicator review: a score and an A/B/C/D class per client. */
export interface ReviewStep {
  /** score per client slot, NaN for none; null when no class was given */
  scores: Float64Array | null;
  /** class per client slot; null when no class was given */
  classes: (string | null)[] | null;
  /** one per class, summed in list order; empty when no class was given */
  figures: GroupFigure[];
  issues: DataIssue[];
}

export function reviewStep(table: ClientTable, order: ClientOrder, config: RunConfig, lang: Lang): ReviewStep {
  const issues: DataIssue[] = [];
  const none: ReviewStep = { scores: null, classes: null, figures: [], issues };
  const indicators = table.indicators;
  if (!indicators) {
    if (config.review !== false) {
      const lacking = REVIEW_INDICATORS.filter((f) => !table.col.has(f));
      // say it only when the table has some indicators, or the review was asked for
      if (config.review || lacking.length < REVIEW_INDICATORS.length) issues.push(missing(lacking[0], WORDS[lang].review, lang));
    }
    return none;
  }
  const review = config.review || undefined;
  const count = REVIEW_INDICATORS.length;
  const rule = scoreRule(count, review?.weights, table.scaleMax, review?.lowerIsBetter ?? REVIEW_DEFAULTS.lowerIsBetter);
  const cuts = thresholdLadder(review?.cuts ?? [...REVIEW_DEFAULTS.classCuts]);
  if (!rule.ok) issues.push({ row: null, column: "", value: "", issue: rule.issue });
  else if (!cuts.ok) issues.push({ row: null, column: "", value: "", issue: cuts.issue });
  else if (review?.labels && review.labels.length !== cuts.value.length + 1)
    issues.push({
      row: null,
      column: WORDS[lang].reviewClass,
      value: review.labels.join(", "),
      issue: { code: "labelsCount", params: { expected: cuts.value.length + 1, actual: review.labels.length } },
    });
  if (!rule.ok || !cuts.ok || issues.length > 0) return none;

  const n = table.count;
  const labels =
    review?.labels ?? (cuts.value.length === REVIEW_DEFAULTS.classCuts.length ? [...REVIEW_DEFAULTS.classLabels] : letterLabels(cuts.value.length + 1));
  const scores = new Float64Array(n);
  const classes = new Array<string | null>(n);
  const classAt = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const score = weightedScore(indicators, k * count, count, rule.value);
    scores[k] = score;
    const label = Number.isNaN(score) ? null : (labels[tierOf(score, cuts.value)] ?? null);
    classes[k] = label;
    classAt[k] = label === null ? -1 : labels.indexOf(label);
  }
  // summed in list order, as a filter of the Segments list would: row order cannot change the last digit
  const figures = labels.map((label) => ({ label, count: 0, value: 0 }));
  for (let i = 0; i < n; i++) {
    const k = order.rows[i];
    const at = classAt[k];
    if (at < 0) continue;
    figures[at].count++;
    figures[at].value += Number.isNaN(table.amounts[k]) ? 0 : table.amounts[k];
  }
  return { scores, classes, figures, issues };
}

/** The ability x willingness matrix: a quadrant per client. */
export interface QuadrantStep {
  cuts: { ability: number; willingness: number } | null;
  /** quadrant per client slot; null when the matrix did not run */
  quadrants: (Quadrant | null)[] | null;
  /** one per quadrant in QUADRANTS order, summed in list order; empty when the matrix did not run */
  figures: (GroupFigure & { quadrant: Quadrant })[];
  issues: DataIssue[];
}

export function quadrantStep(table: ClientTable, order: ClientOrder, config: RunConfig, lang: Lang): QuadrantStep {
  const issues: DataIssue[] = [];
  const inputs = table.quadrantInputs;
  if (!inputs) {
    if (config.quadrant !== false) {
      const wanted = config.quadrant || { ability: "ability" as const, willingness: "willingness" as const };
      const lacking = ([wanted.ability, wanted.willingness] as ClientField[]).filter((f) => !table.col.has(f));
      if (config.quadrant || lacking.length < 2) issues.push(missing(lacking[0], WORDS[lang].quadrantModel, lang));
    }
    return { cuts: null, quadrants: null, figures: [], issues };
  }
  const n = table.count;
  const abilities = inputs.ability.subarray(0, n);
  const willingness = inputs.willingness.subarray(0, n);
  const cutA = quadrantCut(numbersOf(abilities), config.quadrant ? config.quadrant.abilityCut : undefined);
  const cutW = quadrantCut(numbersOf(willingness), config.quadrant ? config.quadrant.willingnessCut : undefined);
  if (cutA === undefined || cutW === undefined) return { cuts: null, quadrants: null, figures: [], issues };
  const quadrants = new Array<Quadrant | null>(n);
  for (let k = 0; k < n; k++) {
    const a = abilities[k];
    const w = willingness[k];
    quadrants[k] = Number.isNaN(a) || Number.isNaN(w) ? null : quadrantOf(a, w, cutA, cutW);
  }
  // counts, and values summed in list order, as a filter of the Segments list per quadrant would:
  // row order cannot change the last digit
  const count = new Float64Array(QUADRANTS.length);
  const held = new Float64Array(QUADRANTS.length);
  for (let i = 0; i < n; i++) {
    const k = order.rows[i];
    const q = quadrants[k];
    if (q === null) continue;
    const at = QUADRANTS.indexOf(q);
    count[at]++;
    held[at] += Number.isNaN(table.amounts[k]) ? 0 : table.amounts[k];
  }
  const figures = QUADRANTS.map((q, at) => ({ quadrant: q, label: QUADRANT_LABELS[lang][q], count: count[at], value: held[at] }));
  return { cuts: { ability: cutA, willingness: cutW }, quadrants, figures, issues };
}

/** The clients in list order, every field final: made last, so that every later pass walks memory in order. */
export function clientList(table: ClientTable, order: ClientOrder, ladder: LadderStep, review: ReviewStep, quadrant: QuadrantStep): SegmentedClient[] {
  const n = table.count;
  const { texts, sheetRows, rowCells } = table;
  const { values, valued: valuedCount, rows } = order;
  const { tiers, labels: tierLabels } = ladder;
  const { scores, classes } = review;
  const quadrants = quadrant.quadrants;
  const shareOf = ladder.curve && ladder.curve.total > 0 ? ladder.curve : null;
  const clients: SegmentedClient[] = new Array(n);
  let rank = 0;
  for (let i = 0; i < n; i++) {
    const k = rows[i];
    const valued = i < valuedCount;
    // rank 1 for the largest value, ties sharing a rank
    if (valued) rank = i > 0 && values[i - 1] === values[i] ? rank : i + 1;
    const tierIndex = valued && tiers ? tiers[i] : null;
    clients[i] = {
      id: texts[3 * k],
      name: texts[3 * k + 1],
      owner: texts[3 * k + 2],
      sourceRow: sheetRows[k],
      value: valued ? values[i] : null,
      rank: valued ? rank : null,
      cumulativeShare: valued && shareOf ? shareOf.cumulative[i + 1] / shareOf.total : null,
      tierIndex,
      tier: tierIndex === null ? null : tierLabels[tierIndex],
      score: scores ? nullIfNaN(scores[k]) : null,
      reviewClass: classes ? classes[k] : null,
      quadrant: quadrants ? quadrants[k] : null,
      cells: rowCells[k],
    };
  }
  return clients;
}

/** The run's figures: each model's groups with a "no value" line, the total and the Pareto figures. */
export function figures(
  table: ClientTable,
  clients: SegmentedClient[],
  ladder: LadderStep,
  review: ReviewStep,
  quadrant: QuadrantStep,
  issues: DataIssue[],
  lang: Lang,
): Segmentation {
  let total = ladder.curve?.total;
  if (total === undefined) {
    total = 0;
    for (const c of clients) if (c.value !== null) total += c.value;
  }
  const ladderRan = ladder.figures.length > 0;
  const reviewRan = review.figures.length > 0;
  const quadrantRan = quadrant.cuts !== null;
  return {
    lang,
    source: table.source,
    headerRow: table.headerRow,
    columns: table.columns,
    clients,
    rowsRead: table.rowsRead,
    models: { valueLadder: ladderRan, review: reviewRan, quadrant: quadrantRan },
    tiers: ladder.figures,
    classes: review.figures,
    quadrants: quadrant.figures,
    unplaced: {
      tiers: ladderRan ? unplacedFigure(clients, (c) => c.tier, WORDS[lang].noValue) : null,
      classes: reviewRan ? unplacedFigure(clients, (c) => c.reviewClass, WORDS[lang].noScore) : null,
      quadrants: quadrantRan ? unplacedFigure(clients, (c) => c.quadrant, WORDS[lang].noQuadrantInputs) : null,
    },
    quadrantCuts: quadrant.cuts,
    total,
    topShare: ladder.topShare,
    cutoff: ladder.cutoff,
    curve: ladder.curve,
    issues,
  };
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

function missing(field: ClientField, model: string, lang: Lang): DataIssue {
  return { row: null, column: FIELD_NAMES[lang][field], value: "", issue: { code: "columnMissing", params: { column: FIELD_NAMES[lang][field], model } } };
}

interface Placed {
  tiers: Int32Array;
  labels: string[];
}

function placeOnLadder(
  values: Float64Array,
  curve: ParetoCurve | null,
  ladder: NonNullable<Exclude<RunConfig["valueLadder"], false>>,
  lang: Lang,
): Result<Placed> {
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
