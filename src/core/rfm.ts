// lang.ts first: it tells zod not to probe eval, which the pane's Content-Security-Policy refuses
import "./lang";
import type { Lang } from "./lang";
import { z } from "zod";
import type { Day } from "./dates";
import { fail, ok, type Issue, type Result } from "./issues";

/*
 * RFM (recency, frequency, monetary) scores and segments, following the rules of the R package
 * `rfm` (rsquaredacademy/rfm, read at commit 297ed8b). This is our own code; each rule names the
 * R function and file it reproduces.
 *
 * Scores (R/rfm-table-transaction.R, rfm_prep_bins(), with bins(), bins_lower() and bins_upper()
 * of R/utils.R):
 * - the cut points of one measure are its interior quantiles at 1/bins, 2/bins, ..., (bins-1)/bins,
 *   R's default quantile() (type 7: linear between order statistics), each plus 1 (bins() adds 1);
 * - score i goes to values in [cut(i-1), cut(i)), with cut(0) = the minimum and cut(bins) = the
 *   maximum plus 1, so a value equal to a cut point goes up, and tied values always share a score;
 *   when ties make two cut points equal, the score between them is given to no one;
 * - frequency and monetary score 1 for the lowest values; recency is reversed (rscore <- rev(...)),
 *   so the fewest days since the last contact score `bins`;
 * - rfm_score = 100 R + 10 F + M.
 * The "+ 1" is R's: on whole numbers (days, counts) it makes a value at a cut point go to the lower
 * score; on amounts it shifts each cut by one unit of the currency, as R does.
 */

export const RFM_DEFAULT_BINS = 5;
/** rfm_score packs three scores as decimal digits, so a score must be a single digit. */
export const RFM_MAX_BINS = 9;

export type RfmMeasure = "recency" | "frequency" | "monetary";
export const RFM_MEASURES: readonly RfmMeasure[] = ["recency", "frequency", "monetary"];

/**
 * Days since the last contact or policy date on the run date (rfm_table_customer() in
 * R/rfm-table-customer.R: analysis_date - date of last visit). A date after the run date is an issue.
 * @example recencyDays(dayOf(2026, 9, 1), dayOf(2026, 9, 30)) // { ok: true, value: 29 }
 */
export function recencyDays(last: Day, runDate: Day): Result<number> {
  if (last > runDate) return fail("dateAfterRun", { value: last - runDate });
  return ok(runDate - last);
}

/** Checks the bins argument: a whole number 1..9 (R accepts any count; the 3-digit code needs one digit). */
export function checkRfmBins(bins: number): Result<number> {
  if (!Number.isInteger(bins) || bins < 1 || bins > RFM_MAX_BINS) return fail("rfmBinsInvalid", { value: bins });
  return ok(bins);
}

/** A measure's value must be a finite number >= 0 (days, a count, an amount). */
export function checkRfmValue(measure: RfmMeasure, value: number): Result<number> {
  if (!Number.isFinite(value)) return fail("notFinite", { value: String(value) });
  if (value < 0) return fail("negativeValue", { name: measure, value });
  return ok(value);
}

/**
 * R's quantile(x, p, type = 7) of ascending values, computed as R's stats::quantile does it
 * (index 1 + (n-1)p, then (1-h) x[lo] + h x[hi]), so a value at a cut point lands where R puts it.
 */
export function quantileType7(ascending: ArrayLike<number>, p: number): number {
  const n = ascending.length;
  // 1-based as in R: 1 + (n-1)p can round differently from (n-1)p
  const index = 1 + Math.max(n - 1, 0) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const h = index - lo;
  const q = ascending[lo - 1];
  if (h > 0 && ascending[hi - 1] !== q) return (1 - h) * q + h * ascending[hi - 1];
  return q;
}

/**
 * The bins-1 cut points of one measure, as bins() in R/utils.R makes them: interior type-7
 * quantiles plus 1. Nondecreasing; equal cut points mean ties swallowed a score.
 * @example rfmCutPoints([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5) // [3.8, 5.6, 7.4, 9.2]
 */
export function rfmCutPoints(values: ArrayLike<number>, bins: number): Float64Array {
  const ascending = Float64Array.from(values).sort();
  return cutsOfSorted(ascending, bins);
}

function cutsOfSorted(ascending: Float64Array, bins: number): Float64Array {
  const cuts = new Float64Array(bins - 1);
  // probabilities as R's seq(0, 1, length.out = bins + 1) makes them: k * (1 / bins), not k / bins
  const step = 1 / bins;
  for (let k = 1; k < bins; k++) cuts[k - 1] = quantileType7(ascending, k * step) + 1;
  return cuts;
}

/**
 * The ascending score 1..bins of a value: 1 + the number of cut points at or below it (the value
 * lies in [cut(i-1), cut(i)) of rfm_prep_bins()). For recency the score is bins + 1 minus this.
 */
export function ascendingScore(value: number, cuts: ArrayLike<number>): number {
  let score = 1;
  for (let k = 0; k < cuts.length; k++) if (value >= cuts[k]) score++;
  return score;
}

/** The scores of one measure, and what ties did to them. */
export interface RfmMeasureScores {
  /** 1..bins per row; 0 for a row left out (a missing value) */
  readonly scores: Uint8Array;
  /** the cut points used (interior quantiles + 1) */
  readonly cuts: Float64Array;
  /**
   * Clients whose value is shared with a client that an equal-count split (dplyr::ntile on the
   * sorted values) would have put in another score: these ties share one score instead.
   */
  readonly tiedAcrossCuts: number;
  /** scores 1..bins that no client got, because ties made two cut points equal */
  readonly emptyScores: readonly number[];
}

export interface RfmScores {
  readonly bins: number;
  readonly recency: RfmMeasureScores;
  readonly frequency: RfmMeasureScores;
  readonly monetary: RfmMeasureScores;
  /** 100 R + 10 F + M per row; 0 for a row left out */
  readonly rfmScore: Uint16Array;
  /** rows scored (those with all three measures) */
  readonly scored: number;
}

/**
 * Scores every row on the three measures. Rows with NaN in any measure are left out of the
 * quantiles and get score 0 (R needs all three per customer); values must have passed
 * checkRfmValue. The result does not depend on the order of the rows.
 * @example rfmScores([10, 200], [3, 1], [5000, 800], 2).value.rfmScore // [222, 111]
 */
export function rfmScores(recency: ArrayLike<number>, frequency: ArrayLike<number>, monetary: ArrayLike<number>, bins = RFM_DEFAULT_BINS): Result<RfmScores> {
  const b = checkRfmBins(bins);
  if (!b.ok) return b;
  const n = recency.length;
  if (frequency.length !== n || monetary.length !== n) {
    return fail("shapeMismatch", { name: "frequency/monetary", actual: `${frequency.length}/${monetary.length}`, other: "recency", expected: n });
  }
  const complete = new Uint8Array(n);
  let scored = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isNaN(recency[i]) && !Number.isNaN(frequency[i]) && !Number.isNaN(monetary[i])) {
      complete[i] = 1;
      scored++;
    }
  }
  if (scored === 0) return fail("noValues");
  const r = measureScores(recency, complete, scored, bins, true);
  const f = measureScores(frequency, complete, scored, bins, false);
  const m = measureScores(monetary, complete, scored, bins, false);
  const rfmScore = new Uint16Array(n);
  for (let i = 0; i < n; i++) if (complete[i]) rfmScore[i] = 100 * r.scores[i] + 10 * f.scores[i] + m.scores[i];
  return ok({ bins, recency: r, frequency: f, monetary: m, rfmScore, scored });
}

function measureScores(values: ArrayLike<number>, complete: Uint8Array, count: number, bins: number, reversed: boolean): RfmMeasureScores {
  const ascending = new Float64Array(count);
  for (let i = 0, k = 0; i < values.length; i++) if (complete[i]) ascending[k++] = values[i];
  ascending.sort();
  const cuts = cutsOfSorted(ascending, bins);
  const scores = new Uint8Array(values.length);
  const used = new Uint8Array(bins + 1);
  for (let i = 0; i < values.length; i++) {
    if (!complete[i]) continue;
    const up = ascendingScore(values[i], cuts);
    const s = reversed ? bins + 1 - up : up;
    scores[i] = s;
    used[s] = 1;
  }
  const emptyScores: number[] = [];
  for (let s = 1; s <= bins; s++) if (!used[s]) emptyScores.push(s);
  return { scores, cuts, tiedAcrossCuts: tiesAcrossEqualCountCuts(ascending, bins), emptyScores };
}

/**
 * Clients in runs of equal values that an equal-count split would break: dplyr::ntile() puts the
 * client at sorted position p (0-based) of n in bin floor(bins p / n) + 1; a run of ties spanning
 * two such bins is kept together by the quantile rule. Depends only on the sorted values.
 */
function tiesAcrossEqualCountCuts(ascending: Float64Array, bins: number): number {
  const n = ascending.length;
  let count = 0;
  for (let start = 0; start < n;) {
    let end = start;
    while (end + 1 < n && ascending[end + 1] === ascending[start]) end++;
    if (Math.floor((bins * start) / n) !== Math.floor((bins * end) / n)) count += end - start + 1;
    start = end + 1;
  }
  return count;
}

/**
 * The Data issues rows of a scoring: one per measure where ties kept clients together across an
 * equal-count cut or left a score empty. {name} is R, F or M; {value} lists the empty scores.
 */
export function rfmTieIssues(result: RfmScores): Issue[] {
  const issues: Issue[] = [];
  for (const [name, measure] of [
    ["R", result.recency],
    ["F", result.frequency],
    ["M", result.monetary],
  ] as const) {
    if (measure.tiedAcrossCuts === 0 && measure.emptyScores.length === 0) continue;
    const value = measure.emptyScores.length > 0 ? measure.emptyScores.join(", ") : "—";
    issues.push({ code: "rfmTiesShared", params: { name, count: measure.tiedAcrossCuts, value } });
  }
  return issues;
}

/*
 * Segments. rfm_segment() in R/rfm-segment.R walks the segments in the order given and gives each
 * client the first segment whose R, F and M ranges (inclusive, dplyr::between) all hold its scores;
 * a client no segment holds is "Others". The package ships no default table in code: the names,
 * their order and the ranges below are those of its README (README.Rmd, "segment intervals") and of
 * the examples of rfm_segment(); the vignette (vignettes/rfm-introduction.Rmd, "Segments") gives the
 * same ranges with a description of each. They assume scores 1..5.
 */

const scoreRange = z.tuple([z.number().int().min(1).max(RFM_MAX_BINS), z.number().int().min(1).max(RFM_MAX_BINS)]).refine(([lo, hi]) => lo <= hi, {
  message: "the lower bound of a range is above its upper bound",
});

/** One segment rule as a Playbook sheet will hold it: a name and inclusive score ranges. */
export const rfmSegmentRuleSchema = z.object({
  segment: z.string().trim().min(1),
  recency: scoreRange,
  frequency: scoreRange,
  monetary: scoreRange,
});
export type RfmSegmentRule = z.infer<typeof rfmSegmentRuleSchema>;
export const rfmSegmentRulesSchema = z.array(rfmSegmentRuleSchema);

/** The segment of a client no rule holds. */
export const RFM_OTHERS = "others";

/** The default segments, in the order rfm_segment() checks them (README.Rmd of rfm). */
export const RFM_SEGMENT_RULES: readonly RfmSegmentRule[] = [
  { segment: "champions", recency: [5, 5], frequency: [5, 5], monetary: [5, 5] },
  { segment: "potentialLoyalist", recency: [3, 5], frequency: [3, 5], monetary: [2, 5] },
  { segment: "loyalCustomers", recency: [2, 4], frequency: [2, 4], monetary: [2, 4] },
  { segment: "promising", recency: [3, 4], frequency: [1, 3], monetary: [3, 5] },
  { segment: "newCustomers", recency: [4, 5], frequency: [1, 3], monetary: [1, 5] },
  { segment: "cantLoseThem", recency: [1, 2], frequency: [3, 4], monetary: [4, 5] },
  { segment: "atRisk", recency: [1, 2], frequency: [2, 5], monetary: [4, 5] },
  { segment: "needAttention", recency: [1, 3], frequency: [3, 5], monetary: [3, 5] },
  { segment: "aboutToSleep", recency: [2, 3], frequency: [1, 3], monetary: [1, 4] },
  { segment: "lost", recency: [1, 1], frequency: [1, 5], monetary: [1, 5] },
];

export type RfmSegmentId =
  | "champions"
  | "potentialLoyalist"
  | "loyalCustomers"
  | "promising"
  | "newCustomers"
  | "cantLoseThem"
  | "atRisk"
  | "needAttention"
  | "aboutToSleep"
  | "lost"
  | typeof RFM_OTHERS;

/** Names of the default segments: the R package's English names and their usual Chinese names. */
export const RFM_SEGMENT_LABELS: Record<Lang, Record<RfmSegmentId, string>> = {
  "zh-CN": {
    champions: "重要价值客户",
    loyalCustomers: "忠诚客户",
    potentialLoyalist: "潜力客户",
    newCustomers: "新客户",
    promising: "有希望客户",
    needAttention: "需要关注客户",
    aboutToSleep: "即将沉睡客户",
    atRisk: "有流失风险客户",
    cantLoseThem: "不能失去的客户",
    lost: "已流失客户",
    others: "其他",
  },
  "en-US": {
    champions: "Champions",
    loyalCustomers: "Loyal Customers",
    potentialLoyalist: "Potential Loyalist",
    newCustomers: "New Customers",
    promising: "Promising",
    needAttention: "Need Attention",
    aboutToSleep: "About To Sleep",
    atRisk: "At Risk",
    cantLoseThem: "Can't Lose Them",
    lost: "Lost",
    others: "Others",
  },
};

const inRange = (score: number, [lo, hi]: readonly [number, number]) => score >= lo && score <= hi;

/**
 * The first segment whose three ranges hold the scores, else RFM_OTHERS (rfm_segment()).
 * @example rfmSegmentOf(1, 3, 5) // "cantLoseThem": it is checked before "atRisk", which also holds 135
 */
export function rfmSegmentOf(recency: number, frequency: number, monetary: number, rules: readonly RfmSegmentRule[] = RFM_SEGMENT_RULES): string {
  for (const rule of rules) {
    if (inRange(recency, rule.recency) && inRange(frequency, rule.frequency) && inRange(monetary, rule.monetary)) return rule.segment;
  }
  return RFM_OTHERS;
}

/** The display name of a segment: a default segment's name in the language, an edited one as written. */
export function rfmSegmentLabel(segment: string, lang: Lang): string {
  const labels = RFM_SEGMENT_LABELS[lang] as Record<string, string>;
  return Object.hasOwn(labels, segment) ? labels[segment] : segment;
}
