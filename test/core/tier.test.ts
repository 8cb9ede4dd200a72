import { paretoCurve } from "../../src/core/pareto";
import { BIG_POLICY_LADDER, COUNT_PRESET_LABELS, letterLabels, thresholdLadder, tierOf, tiersByCount, tiersByCumulativeValue } from "../../src/core/tier";

describe("threshold ladder (TIER)", () => {
  const ladder = thresholdLadder([10000000, 2000000, 1000000, 500000]);
  it("600000 on the big-policy ladder is D, the fourth of five tiers", () => {
    expect(ladder.ok).toBe(true);
    if (!ladder.ok) return;
    expect(letterLabels(5)[tierOf(600000, ladder.value)]).toBe("D");
  });
  it("reaching a threshold is enough (>=)", () => {
    if (!ladder.ok) throw new Error("ladder");
    expect(tierOf(10000000, ladder.value)).toBe(0);
    expect(tierOf(9999999.99, ladder.value)).toBe(1);
    expect(tierOf(500000, ladder.value)).toBe(3);
    expect(tierOf(499999, ladder.value)).toBe(4);
    expect(tierOf(-1, ladder.value)).toBe(4);
  });
  it("accepts thresholds in any order", () => {
    expect(thresholdLadder([500000, 10000000, 1000000, 2000000])).toEqual({ ok: true, value: [...BIG_POLICY_LADDER] });
  });
  it("refuses an empty or duplicated ladder", () => {
    expect(thresholdLadder([])).toEqual({ ok: false, issue: { code: "thresholdsEmpty" } });
    expect(thresholdLadder([5, 3, 5])).toEqual({ ok: false, issue: { code: "thresholdsDuplicate", params: { value: 5 } } });
  });
  it("labels letters beyond Z", () => {
    const labels = letterLabels(28);
    expect(labels.slice(0, 3)).toEqual(["A", "B", "C"]);
    expect(labels.slice(25)).toEqual(["Z", "AA", "AB"]);
  });
});

describe("tiers by count (5/15/50/30)", () => {
  it("ten clients: 1 key, 1 important, 5 general, 3 maintenance", () => {
    expect(Array.from(tiersByCount([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]))).toEqual([0, 1, 2, 2, 2, 2, 2, 3, 3, 3]);
  });
  it("a hundred clients: 5 / 15 / 50 / 30, key + important = top 20%", () => {
    const values = Array.from({ length: 100 }, (_, i) => 1000 - i);
    const tiers = Array.from(tiersByCount(values));
    const counts = [0, 1, 2, 3].map((t) => tiers.filter((x) => x === t).length);
    expect(counts).toEqual([5, 15, 50, 30]);
  });
  it("key + important are the top 20% in whole clients rounded up: 60 of 297 (20.2%), less than one client past 20%", () => {
    const counts = (n: number) => {
      const tiers = Array.from(tiersByCount(Array.from({ length: n }, (_, i) => n - i)));
      return [0, 1, 2, 3].map((t) => tiers.filter((x) => x === t).length);
    };
    expect(counts(297)).toEqual([15, 45, 148, 89]);
    for (let n = 1; n <= 400; n++) {
      const [key, important] = counts(n);
      expect(key + important).toBe(Math.ceil(0.2 * n - 1e-9));
      expect(key + important).toBeLessThan(0.2 * n + 1);
      expect(key).toBeGreaterThanOrEqual(1);
    }
  });
  it("ties go down: a block of equal values sits in the tier where it ends", () => {
    expect(Array.from(tiersByCount([5, 5, 5, 5, 5]))).toEqual([3, 3, 3, 3, 3]);
    expect(Array.from(tiersByCount([9, 1, 1, 1, 1, 1, 1, 1, 1, 1]))).toEqual([0, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
    // 40 distinct premiums and 60 clients at 0: 5 key, 15 important, 20 general, and the zeros in maintenance
    const book = [...Array.from({ length: 40 }, (_, i) => 1000 - i), ...new Array(60).fill(0)];
    const tiers = Array.from(tiersByCount(book));
    expect([0, 1, 2, 3].map((t) => tiers.filter((x) => x === t).length)).toEqual([5, 15, 20, 60]);
    // 2 at 100 and 18 at 10: the 18 tied cannot all be important (that would be 100%)
    expect([0, 1, 2, 3].map((t) => Array.from(tiersByCount([100, 100, ...new Array(18).fill(10)])).filter((x) => x === t).length)).toEqual([0, 2, 0, 18]);
  });
  it("keeps input order", () => {
    expect(Array.from(tiersByCount([0, 9, 1, 8, 2, 7, 3, 6, 4, 5]))).toEqual([3, 0, 3, 1, 3, 2, 2, 2, 2, 2]);
  });
  it("has labels in both languages", () => {
    expect(COUNT_PRESET_LABELS["zh-CN"]).toEqual(["关键", "重点", "一般", "维持"]);
    expect(COUNT_PRESET_LABELS["en-US"]).toEqual(["Key", "Important", "General", "Maintenance"]);
  });
  it("an empty column gives no tiers", () => {
    expect(tiersByCount([]).length).toBe(0);
  });
});

describe("ABC by cumulative value (80/95)", () => {
  const book = [100, 50, 20, 10, 10, 5, 3, 1, 1, 0];
  it("A is the smallest top group holding 80%, B to 95%, C the rest", () => {
    expect(Array.from(tiersByCumulativeValue(book, paretoCurve(book)))).toEqual([0, 0, 0, 1, 1, 2, 2, 2, 2, 2]);
  });
  it("a single client holding everything is A", () => {
    expect(Array.from(tiersByCumulativeValue([0, 100, 0], paretoCurve([0, 100, 0])))).toEqual([2, 0, 2]);
  });
});
