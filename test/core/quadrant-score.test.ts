import { QUADRANT_LABELS, quadrantCut, quadrantOf } from "../../src/core/quadrant";
import { median, exactSum, selectLargest } from "../../src/core/order";
import { REVIEW_DEFAULTS, scoreOf, scoreRule, weightedScore } from "../../src/core/score";

describe("quadrant", () => {
  it("sorts the four corners, high meaning >= the cut", () => {
    expect(quadrantOf(60, 60, 50, 50)).toBe("pamper");
    expect(quadrantOf(60, 40, 50, 50)).toBe("cultivate");
    expect(quadrantOf(40, 60, 50, 50)).toBe("maintain");
    expect(quadrantOf(40, 40, 50, 50)).toBe("develop");
    expect(quadrantOf(50, 50, 50, 50)).toBe("pamper");
  });
  it("cuts at the median when no cut is given", () => {
    expect(quadrantCut([1, 5, 3], undefined)).toBe(3);
    expect(quadrantCut([1, 5, 3, 4], undefined)).toBe(3.5);
    expect(quadrantCut([1, 5, 3], 2)).toBe(2);
    expect(quadrantCut([], undefined)).toBeUndefined();
  });
  it("names the quadrants in both languages", () => {
    expect(QUADRANT_LABELS["zh-CN"]).toEqual({ pamper: "宠爱", cultivate: "耕耘", maintain: "维系", develop: "开发" });
    expect(QUADRANT_LABELS["en-US"].develop).toBe("Develop");
  });
});

describe("order statistics", () => {
  it("median of odd, even, one and none", () => {
    expect(median([7, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([9])).toBe(9);
    expect(median([])).toBeUndefined();
    expect(median([2, 2, 2, 2])).toBe(2);
  });
  it("selectLargest puts the k-th largest at k", () => {
    const a = Float64Array.of(3, 9, 1, 7, 7, 0);
    selectLargest(a, 2);
    expect(a[2]).toBe(7);
    expect(Math.min(a[0], a[1])).toBeGreaterThanOrEqual(7);
    expect(Math.max(a[3], a[4], a[5])).toBeLessThanOrEqual(7);
  });
  it("exactSum is exact where a plain sum is not", () => {
    expect(exactSum([1e16, 1, -1e16])).toBe(1);
    expect(exactSum([0.1, 0.2, 0.3])).toBe(0.6);
    expect(exactSum([])).toBe(0);
  });
});

describe("score (five-indicator review)", () => {
  const rule = scoreRule(5, undefined, REVIEW_DEFAULTS.scaleMax, REVIEW_DEFAULTS.lowerIsBetter);
  if (!rule.ok) throw new Error("rule");
  it("best on every indicator, with mobility lower-is-better, is 100", () => {
    expect(scoreOf([5, 5, 5, 5, 1], rule.value)).toEqual({ ok: true, value: 100 });
    expect(scoreOf([1, 1, 1, 1, 5], rule.value)).toEqual({ ok: true, value: 0 });
  });
  it("is 100 x the weighted mean of (s-1)/(max-1)", () => {
    // (0.5 + 0.5 + 0.5 + 0.5 + (5-3)/4) / 5 = 0.5
    expect(scoreOf([3, 3, 3, 3, 3], rule.value)).toEqual({ ok: true, value: 50 });
    const weighted = scoreRule(2, [3, 1], 5, undefined);
    if (!weighted.ok) throw new Error("weighted");
    // (3 x 1 + 1 x 0) / 4 = 0.75
    expect(scoreOf([5, 1], weighted.value)).toEqual({ ok: true, value: 75 });
  });
  it("weightedScore reads a client's indicators out of a flat column: scoreOf's value, NaN for none or out of range", () => {
    const cases: (number | null)[][] = [
      [5, 5, 5, 5, 1],
      [3, null, 4, 2, 5],
      [null, null, null, null, null],
      [6, 5, 5, 5, 1],
      [2, 2, 1, 4, 3],
    ];
    const flat = Float64Array.from(cases.flat(), (x) => (x === null ? NaN : x));
    cases.forEach((indicators, i) => {
      const s = scoreOf(indicators, rule.value);
      const expected = s.ok && s.value !== null ? s.value : NaN;
      expect(weightedScore(flat, 5 * i, 5, rule.value)).toBe(expected);
    });
  });
  it("leaves out a missing indicator and renormalises the weights", () => {
    expect(scoreOf([5, null, 5, 5, 1], rule.value)).toEqual({ ok: true, value: 100 });
    expect(scoreOf([null, null, null, null, null], rule.value)).toEqual({ ok: true, value: null });
  });
  it("refuses scores outside 1..scale_max and bad rules", () => {
    expect(scoreOf([6, 5, 5, 5, 1], rule.value)).toEqual({ ok: false, issue: { code: "indicatorOutOfRange", params: { value: 6, max: 5 } } });
    expect(scoreOf([0, 5, 5, 5, 1], rule.value)).toMatchObject({ ok: false, issue: { code: "indicatorOutOfRange" } });
    expect(scoreRule(5, undefined, 1, undefined)).toMatchObject({ ok: false, issue: { code: "scaleMaxInvalid" } });
    expect(scoreRule(5, [1, 1], 5, undefined)).toEqual({ ok: false, issue: { code: "weightsCount", params: { actual: 2, expected: 5 } } });
    expect(scoreRule(2, [1, -1], 5, undefined)).toMatchObject({ ok: false, issue: { code: "weightNegative" } });
    expect(scoreRule(2, [0, 0], 5, undefined)).toEqual({ ok: false, issue: { code: "weightsAllZero" } });
    expect(scoreRule(2, undefined, 5, [true])).toMatchObject({ ok: false, issue: { code: "flagsCount" } });
  });
  it("cuts classes at 80 / 60 / 40 by default", () => {
    expect(REVIEW_DEFAULTS.classCuts).toEqual([80, 60, 40]);
    expect(REVIEW_DEFAULTS.classLabels).toEqual(["A", "B", "C", "D"]);
  });
});
