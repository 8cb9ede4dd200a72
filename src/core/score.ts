import { fail, ok, type Result } from "./issues";

/*
 * The five-indicator review (SPEC sections 2 and 3): each indicator scored 1..scaleMax, mapped to
 * 0..1 ((s-1)/(max-1), or (max-s)/(max-1) where lower is better), weighted mean x 100.
 */

export interface ScoreRule {
  /** one weight per indicator, >= 0, not all 0 */
  readonly weights: readonly number[];
  readonly scaleMax: number;
  /** one flag per indicator; true where a lower score is better (mobility 流动性) */
  readonly lowerIsBetter: readonly boolean[];
}

/** The five indicators of the A/B/C/D review, in the order of SPEC section 3. */
export const REVIEW_INDICATORS = ["policyQuality", "awareness", "satisfaction", "economic", "mobility"] as const;

/** Defaults of this product: equal weights, scale 1..5, mobility lower-is-better, classes cut at 80/60/40. */
export const REVIEW_DEFAULTS = {
  scaleMax: 5,
  lowerIsBetter: [false, false, false, false, true] as readonly boolean[],
  classCuts: [80, 60, 40] as readonly number[],
  classLabels: ["A", "B", "C", "D"] as readonly string[],
};

/**
 * Checks and completes a rule for `count` indicators: equal weights and no inverted indicator
 * when left out.
 * @example scoreRule(5, undefined, 5, [false, false, false, false, true])
 */
export function scoreRule(
  count: number,
  weights: readonly number[] | undefined,
  scaleMax: number,
  lowerIsBetter: readonly boolean[] | undefined,
): Result<ScoreRule> {
  if (!Number.isFinite(scaleMax) || scaleMax <= 1) return fail("scaleMaxInvalid", { value: scaleMax });
  const w = weights ?? new Array<number>(count).fill(1);
  if (w.length !== count) return fail("weightsCount", { actual: w.length, expected: count });
  for (const x of w) if (!(x >= 0) || !Number.isFinite(x)) return fail("weightNegative", { value: x });
  if (w.every((x) => x === 0)) return fail("weightsAllZero");
  const flags = lowerIsBetter ?? new Array<boolean>(count).fill(false);
  if (flags.length !== count) return fail("flagsCount", { actual: flags.length, expected: count });
  return ok({ weights: w, scaleMax, lowerIsBetter: flags });
}

/**
 * The score 0..100 of one client. Missing indicators (null) are left out and the weights of the
 * rest renormalised; with nothing left to weigh the score is null (an empty cell).
 * @example scoreOf([5, 5, 5, 5, 1], rule) // 100 with mobility lower-is-better
 */
export function scoreOf(indicators: readonly (number | null)[], rule: ScoreRule): Result<number | null> {
  for (let j = 0; j < indicators.length; j++) {
    const s = indicators[j];
    if (s !== null && !(s >= 1 && s <= rule.scaleMax)) return fail("indicatorOutOfRange", { value: s, max: rule.scaleMax });
  }
  const score = weightedScore(indicators, 0, indicators.length, rule);
  return ok(Number.isNaN(score) ? null : score);
}

/**
 * scoreOf as a plain number, for a million clients without an object each: the `count`
 * indicators at `values[from]` on, null or NaN where missing; NaN for no score (nothing to weigh,
 * or an indicator out of range, where scoreOf says which).
 * @example weightedScore(Float64Array.of(5, 5, 5, 5, 1), 0, 5, rule) // 100
 */
export function weightedScore(values: ArrayLike<number | null>, from: number, count: number, rule: ScoreRule): number {
  let weighted = 0;
  let weightSum = 0;
  const span = rule.scaleMax - 1;
  for (let j = 0; j < count; j++) {
    const s = values[from + j];
    if (s === null || Number.isNaN(s)) continue;
    if (!(s >= 1 && s <= rule.scaleMax)) return NaN;
    const w = rule.weights[j];
    weighted += (w * (rule.lowerIsBetter[j] ? rule.scaleMax - s : s - 1)) / span;
    weightSum += w;
  }
  if (weightSum === 0) return NaN;
  return Math.min(100, Math.max(0, (100 * weighted) / weightSum));
}
