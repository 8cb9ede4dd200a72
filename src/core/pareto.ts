import { fail, ok, type Result } from "./issues";
import { exactSum, selectLargest } from "./order";

/*
 * The 80/20 check. Clients sorted largest first draw the concentration (Lorenz) curve: after k
 * whole clients out of n, the curve is at (k/n, sum of the top k / total); between whole clients
 * it is a straight line. PARETO_SHARE reads the curve at a fraction of clients, PARETO_CUTOFF reads
 * it backwards at a share of value.
 */

/** The 80/20 check's defaults: the share held by the top 20% of clients (PARETO_SHARE), the fraction of clients that holds 80% (PARETO_CUTOFF). */
export const PARETO_TOP_FRACTION = 0.2;
export const PARETO_VALUE_SHARE = 0.8;

/** The concentration curve of a book: values largest first and their running totals. */
export interface ParetoCurve {
  /** values sorted largest first */
  readonly sorted: Float64Array;
  /** cumulative[k] = sum of the top k values; cumulative[0] = 0, cumulative[n] = total */
  readonly cumulative: Float64Array;
  readonly total: number;
}

/** Checks a value column for the curve: at least one value, none negative, not all zero. */
export function checkParetoValues(values: ArrayLike<number>, name = "values"): Result<null> {
  if (values.length === 0) return fail("noValues");
  let positive = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) return fail("notFinite", { value: String(v) });
    if (v < 0) return fail("negativeValue", { name, value: v });
    if (v > 0) positive = true;
  }
  return positive ? ok(null) : fail("allZero");
}

/**
 * Builds the curve (one sort). The values must have passed checkParetoValues.
 * @example paretoCurve([10, 30, 60]).cumulative // [0, 60, 90, 100]
 */
export function paretoCurve(values: ArrayLike<number>): ParetoCurve {
  const sorted = Float64Array.from(values).sort().reverse();
  const n = sorted.length;
  const cumulative = new Float64Array(n + 1);
  // compensated running sum: sorted order is unique, so the curve is the same for any row order
  let sum = 0;
  let carry = 0;
  for (let i = 0; i < n; i++) {
    const y = sorted[i] - carry;
    const t = sum + y;
    carry = t - sum - y;
    sum = t;
    cumulative[i + 1] = sum;
  }
  return { sorted, cumulative, total: cumulative[n] };
}

/** f*n clients, snapped to a whole client when it is one up to rounding (0.3 * 10 is 3, not 3.0000000000000004). */
function clientsAt(fraction: number, n: number): number {
  const x = fraction * n;
  const whole = Math.round(x);
  return Math.abs(x - whole) <= 8 * Number.EPSILON * Math.max(1, x) ? whole : x;
}

/** The share of the total held by the top `fraction` of clients, read off a curve. */
export function shareOnCurve(curve: ParetoCurve, fraction: number): number {
  const n = curve.sorted.length;
  const x = clientsAt(fraction, n);
  const k = Math.floor(x);
  if (k >= n) return 1;
  const held = curve.cumulative[k] + (x - k) * curve.sorted[k];
  return Math.min(1, held / curve.total);
}

/** The smallest fraction of clients, largest first, that holds `share` of the total, read off a curve. */
export function cutoffOnCurve(curve: ParetoCurve, share: number): number {
  const n = curve.sorted.length;
  if (share <= 0) return 0;
  const target = share * curve.total;
  const tolerance = curve.total * 1e-12;
  // smallest k with cumulative[k] >= target
  let lo = 1;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (curve.cumulative[mid] >= target - tolerance) hi = mid;
    else lo = mid + 1;
  }
  const before = curve.cumulative[lo - 1];
  const step = curve.sorted[lo - 1];
  const part = step > 0 ? Math.min(1, Math.max(0, (target - before) / step)) : 1;
  return Math.min(1, (lo - 1 + part) / n);
}

/**
 * PARETO_SHARE: the share of the total held by the top `topFraction` of entries by count,
 * interpolated linearly between whole clients. O(n): one selection, no full sort.
 * @example paretoShare([100, 50, 20, 10, 10, 5, 3, 1, 1, 0], 0.2) // { ok: true, value: 0.75 }
 */
export function paretoShare(values: ArrayLike<number>, topFraction = PARETO_TOP_FRACTION, options: { reorder?: boolean } = {}): Result<number> {
  if (!(topFraction >= 0 && topFraction <= 1)) return fail("fractionOutOfRange", { name: "top_fraction", value: topFraction });
  const checked = checkParetoValues(values);
  if (!checked.ok) return checked;
  const n = values.length;
  const x = clientsAt(topFraction, n);
  const k = Math.floor(x);
  if (k >= n) return ok(1);
  // `reorder`: the caller hands over a Float64Array it no longer needs in order, saving a copy
  const a = options.reorder && values instanceof Float64Array ? values : Float64Array.from(values);
  selectLargest(a, k);
  const total = exactSum(a);
  const held = exactSum(a, 0, k) + (x - k) * a[k];
  return ok(Math.min(1, held / total));
}

/**
 * PARETO_CUTOFF: the smallest fraction of entries by count, largest first, that holds
 * `valueShare` of the total, interpolated the same way as paretoShare.
 * @example paretoCutoff([100, 50, 20, 10, 10, 5, 3, 1, 1, 0], 0.8) // { ok: true, value: 0.25 }
 */
export function paretoCutoff(values: ArrayLike<number>, valueShare = PARETO_VALUE_SHARE): Result<number> {
  if (!(valueShare >= 0 && valueShare <= 1)) return fail("fractionOutOfRange", { name: "value_share", value: valueShare });
  const checked = checkParetoValues(values);
  if (!checked.ok) return checked;
  return ok(cutoffOnCurve(paretoCurve(values), valueShare));
}
