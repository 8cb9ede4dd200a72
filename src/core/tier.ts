import { fail, ok, type Result } from "./issues";
import type { Lang } from "./lang";
import { selectLargest } from "./order";
import type { ParetoCurve } from "./pareto";

/*
 * Tiers of the value ladder (SPEC section 3). Tier 0 is the highest. Three ways to cut:
 * a threshold ladder (TIER), shares of clients by count (5/15/50/30), and ABC by cumulative value.
 * Tied values always land in the same tier, so the result never depends on row order.
 */

/**
 * Checks a ladder and puts it highest first: at least one threshold, no duplicates.
 * @example thresholdLadder([500000, 10000000, 1000000]) // { ok: true, value: [10000000, 1000000, 500000] }
 */
export function thresholdLadder(thresholds: readonly number[]): Result<number[]> {
  if (thresholds.length === 0) return fail("thresholdsEmpty");
  const ladder = [...thresholds].sort((a, b) => b - a);
  for (let i = 1; i < ladder.length; i++) {
    if (ladder[i] === ladder[i - 1]) return fail("thresholdsDuplicate", { value: ladder[i] });
  }
  return ok(ladder);
}

/**
 * The tier of a value on a ladder (highest first): the highest tier whose threshold the value
 * reaches (>=); below every threshold it is the last tier, index ladder.length.
 * @example tierOf(600000, [10000000, 2000000, 1000000, 500000]) // 3, i.e. "D"
 */
export function tierOf(value: number, ladder: readonly number[]): number {
  // binary search for the first threshold the value reaches
  let lo = 0;
  let hi = ladder.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (value >= ladder[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The letter name of a 0-based index, as Excel names columns: A, B, ..., Z, AA, AB, ... */
export function letterOf(index: number): string {
  let n = index;
  let label = "";
  do {
    label = String.fromCharCode(65 + (n % 26)) + label;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return label;
}

/** Default tier labels: A, B, ..., Z, AA, AB, ... */
export function letterLabels(count: number): string[] {
  return Array.from({ length: count }, (_, i) => letterOf(i));
}

/** The by-count preset: Key top 5%, Important next 15%, General next 50%, Maintenance the rest. */
export const COUNT_PRESET_SHARES: readonly number[] = [0.05, 0.15, 0.5, 0.3];

export const COUNT_PRESET_LABELS: Record<Lang, readonly string[]> = {
  "zh-CN": ["关键", "重点", "一般", "维持"],
  "en-US": ["Key", "Important", "General", "Maintenance"],
};

/** The big-policy ladder preset: 1000万 / 200万 / 100万 / 50万, five tiers A..E. */
export const BIG_POLICY_LADDER: readonly number[] = [10_000_000, 2_000_000, 1_000_000, 500_000];

/** ABC by cumulative value: A until 80% of the value is reached, B until 95%, C the rest. */
export const ABC_PRESET_CUTS: readonly number[] = [0.8, 0.95];
export const ABC_PRESET_LABELS: readonly string[] = ["A", "B", "C"];

/**
 * Tiers by count: a client's place is counted with everyone tied with it (ties go down), so the top
 * 5% of 100 clients are tier 0, key + important are at most the top ceil(20% x n) clients (whole
 * clients rounded up: 60 of 297, 20.2%), and a block of equal values (a long tail of zeros) sits in
 * the tier where it ends, never above it.
 * Returns one tier index per value, in input order.
 * @example tiersByCount([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]) // [0, 1, 2, 2, 2, 2, 2, 3, 3, 3]
 */
export function tiersByCount(values: ArrayLike<number>, shares: readonly number[] = COUNT_PRESET_SHARES): Int32Array {
  const bounds = countBoundaries(values, shares);
  const tiers = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let t = 0;
    while (t < bounds.length && values[i] <= bounds[t]) t++;
    tiers[i] = t;
  }
  return tiers;
}

/**
 * The by-count boundaries: a client falls below boundary t when more than B clients (itself and
 * its ties included) have a value at least its own, B = ceil(share x n); that is, when its value is
 * at most the (B+1)-th largest. One order statistic per boundary (a selection, not a sort).
 */
export function countBoundaries(values: ArrayLike<number>, shares: readonly number[] = COUNT_PRESET_SHARES): number[] {
  const n = values.length;
  const a = Float64Array.from(values);
  return cumulativeBounds(shares)
    .slice(0, -1)
    .map((share) => {
      const places = Math.ceil(share * n - 1e-9);
      if (places >= n) return Number.NEGATIVE_INFINITY;
      selectLargest(a, places);
      return a[places];
    });
}

/**
 * ABC by cumulative value: a client is in the first tier whose cut the value held by the clients
 * above it has not yet reached, so A is the smallest top group that holds 80%. Tied values share a
 * tier. Reads the same concentration curve as PARETO_CUTOFF, so the two always agree.
 * @example tiersByCumulativeValue(values, paretoCurve(values)) // for 100,50,20,10,10,5,3,1,1,0: A A A B B C C C C C
 */
export function tiersByCumulativeValue(values: ArrayLike<number>, curve: ParetoCurve, cuts: readonly number[] = ABC_PRESET_CUTS): Int32Array {
  return tiersOnLadder(values, cumulativeValueLadder(curve, cuts));
}

/** The ABC tiers as a value ladder: the boundary of a cut is the value of the client that first reaches it. */
export function cumulativeValueLadder(curve: ParetoCurve, cuts: readonly number[] = ABC_PRESET_CUTS): number[] {
  const n = curve.sorted.length;
  return cuts.map((cut) => {
    if (curve.total <= 0) return Number.NEGATIVE_INFINITY;
    const target = cut * curve.total - curve.total * 1e-12;
    // smallest k whose top-k sum reaches the cut: clients ranked below k have heldAbove >= target
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (curve.cumulative[mid] >= target) hi = mid;
      else lo = mid + 1;
    }
    return lo === 0 ? Number.POSITIVE_INFINITY : curve.sorted[lo - 1];
  });
}

/** One tier per value on a ladder of boundaries, highest first. */
function tiersOnLadder(values: ArrayLike<number>, ladder: readonly number[]): Int32Array {
  const tiers = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) tiers[i] = tierOf(values[i], ladder);
  return tiers;
}

function cumulativeBounds(shares: readonly number[]): number[] {
  let sum = 0;
  return shares.map((s) => (sum += s));
}
