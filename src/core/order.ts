/*
 * Order statistics shared by the rules: selection of the k-th largest value without a full sort,
 * list order (largest first, by a radix sort), quantiles and the median, and an exact sum whose result does not depend on the order of the values.
 */

/**
 * Rearranges `a` in place so that a[k] is the value that would be at index k if `a` were sorted
 * largest first, everything before it is >= a[k] and everything after it is <= a[k]. O(n) expected.
 * @example const a = Float64Array.of(3, 9, 1, 7); selectLargest(a, 1); a[1] // 7
 */
export function selectLargest(a: Float64Array, k: number): void {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    // median of three guards against sorted and reverse-sorted columns
    const mid = (left + right) >>> 1;
    const pivot = medianOfThree(a[left], a[mid], a[right]);
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] > pivot) i++;
      while (a[j] < pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function medianOfThree(x: number, y: number, z: number): number {
  return x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
}

/**
 * The p-quantile of the values, 0 <= p <= 1: linear interpolation between the order statistics at
 * h = (n - 1)p (Hyndman and Fan's type 7: R's default, Excel's PERCENTILE.INC). Undefined when
 * there are no values or p is out of range. O(n): one selection, no sort; does not change its argument.
 * @example quantile([1, 2, 3, 4], 0.25) // 1.75
 */
export function quantile(values: ArrayLike<number>, p: number): number | undefined {
  const n = values.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return undefined;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const t = h - lo;
  const a = Float64Array.from(values);
  // the lo-th smallest is at index n - 1 - lo of largest-first order
  const at = n - 1 - lo;
  selectLargest(a, at);
  const low = a[at];
  if (t === 0) return low;
  // the next one up is the smallest of the part before `at`
  let next = a[0];
  for (let i = 1; i < at; i++) if (a[i] < next) next = a[i];
  // tied neighbours give their value, not one an ulp off; (1 - t)a + tb rather than a + t(b - a):
  // at t = 0.5 it is exactly (a + b) / 2, the median's mean of the middle two
  return next === low ? low : (1 - t) * low + t * next;
}

/**
 * The median: quantile(values, 0.5), the mean of the two middle values for an even count.
 * @example median([5, 1, 3, 2]) // 2.5
 */
export function median(values: ArrayLike<number>): number | undefined {
  return quantile(values, 0.5);
}

/**
 * The sum of values a[from..to), correctly rounded (Shewchuk's exact partials, as Python's fsum).
 * Being exact, it gives the same result for any order of the same values, so a shuffled column
 * never changes a share in its last digit.
 * @example exactSum(Float64Array.of(1e16, 1, -1e16)) // 1
 */
export function exactSum(a: ArrayLike<number>, from = 0, to = a.length): number {
  // non-overlapping partials never exceed ~40 doubles (the exponent range / 53 bits)
  const partials = new Float64Array(64);
  let count = 0;
  for (let idx = from; idx < to; idx++) {
    let x = a[idx];
    let used = 0;
    for (let j = 0; j < count; j++) {
      let y = partials[j];
      if ((x < 0 ? -x : x) < (y < 0 ? -y : y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[used++] = lo;
      x = hi;
    }
    partials[used] = x;
    count = used + 1;
  }
  // add the partials from the top, with the round-half-even correction of fsum
  let n = count;
  if (n === 0) return 0;
  let hi = partials[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n];
    hi = x + y;
    const yr = hi - x;
    lo = y - yr;
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/**
 * List order as row indices: rows with a value (not NaN), largest first, ties in row order; then
 * the rows without one, in row order. A stable radix sort of the values' bits, a byte a pass,
 * skipping bytes every value shares: a comparator sort of a million client objects takes seconds,
 * a native sort and a binary search per row a fifth of one, this a few hundredths.
 */
export function listOrder(amounts: Float64Array): { rows: Int32Array; valued: number } {
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
