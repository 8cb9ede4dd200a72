/*
 * quantile (type 7: R's default, Excel's PERCENTILE.INC) against values worked by hand, and the
 * median as quantile(x, 0.5).
 */
import fc from "fast-check";
import { median, quantile } from "../../src/core/order";

describe("quantile, type 7", () => {
  it("interpolates between order statistics at h = (n - 1)p", () => {
    // h = 3 x 0.25 = 0.75: 1 + 0.75 x (2 - 1)
    expect(quantile([4, 2, 3, 1], 0.25)).toBe(1.75);
    // h = 4 x 0.9 = 3.6: 40 + 0.6 x (50 - 40)
    expect(quantile([50, 10, 40, 20, 30], 0.9)).toBeCloseTo(46, 12);
    // h = 4 x 0.75 = 3, a whole order statistic: the 4th smallest
    expect(quantile([50, 10, 40, 20, 30], 0.75)).toBe(40);
    // h = 9 x 0.2 = 1.8: 1 + 0.8 x (1 - 1) = 1 exactly
    expect(quantile([100, 50, 20, 10, 10, 5, 3, 1, 1, 0], 0.2)).toBe(1);
    // h = 9 x 0.5 = 4.5: 5 + 0.5 x (10 - 5)
    expect(quantile([100, 50, 20, 10, 10, 5, 3, 1, 1, 0], 0.5)).toBe(7.5);
  });

  it("reads the ends as the smallest and the largest, and refuses what is not a quantile", () => {
    expect(quantile([3, -1, 8], 0)).toBe(-1);
    expect(quantile([3, -1, 8], 1)).toBe(8);
    expect(quantile([6], 0.37)).toBe(6);
    expect(quantile([], 0.5)).toBeUndefined();
    expect(quantile([1, 2], -0.1)).toBeUndefined();
    expect(quantile([1, 2], 1.1)).toBeUndefined();
    expect(quantile([1, 2], NaN)).toBeUndefined();
  });

  it("gives tied neighbours their own value and leaves its argument as it was", () => {
    expect(quantile([0.1, 0.1, 0.1], 0.3)).toBe(0.1);
    const values = [3, 1, 2];
    quantile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });

  it("matches the sorted definition on random columns", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, p) => {
          const sorted = [...xs].sort((a, b) => a - b);
          const h = (sorted.length - 1) * p;
          const lo = Math.floor(h);
          const hi = Math.min(lo + 1, sorted.length - 1);
          const want = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
          expect(quantile(xs, p)).toBeCloseTo(want, 6);
        },
      ),
      { seed: 20261125, numRuns: 500 },
    );
  });
});

describe("median", () => {
  it("is quantile(x, 0.5): the middle value, or the mean of the middle two", () => {
    expect(median([7, 1, 3])).toBe(3);
    expect(median([5, 1, 3, 2])).toBe(2.5);
    expect(median([0.1, 0.2])).toBe((0.1 + 0.2) / 2);
    for (const xs of [
      [7, 1, 3],
      [5, 1, 3, 2],
      [0.1, 0.7, 0.3, 0.9],
      [-2, 4],
    ])
      expect(median(xs)).toBe(quantile(xs, 0.5));
  });
});
