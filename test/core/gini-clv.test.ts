/* Gini (as R ineq::Gini) and retention-based CLV against figures worked by hand. */
import fc from "fast-check";
import { clv } from "../../src/core/clv";
import { gini } from "../../src/core/gini";

describe("gini", () => {
  it.each([
    // ascending 1 2 3 4: 2(1+4+9+16)/(4*10) - 5/4 = 60/40 - 1.25 = 0.25
    [[4, 3, 2, 1], 0.25],
    // 0 0 0 10: 2(4*10)/(4*10) - 5/4 = 2 - 1.25 = 0.75 = (n-1)/n, one client holds all
    [[0, 10, 0, 0], 0.75],
    // all equal: 2(5*15)/(5*25) - 6/5 = 150/125 - 1.2 = 0
    [[5, 5, 5, 5, 5], 0],
    // one value: 2x/x - 2 = 0
    [[7], 0],
    // 100 50 20 10 10 5 3 1 1 0 (the SPEC's ten): ascending 0 1 1 3 5 10 10 20 50 100, sum 200,
    // sum i x(i) = 0+2+3+12+25+60+70+160+450+1000 = 1782: 2*1782/(10*200) - 11/10 = 1.782 - 1.1 = 0.682
    [[100, 50, 20, 10, 10, 5, 3, 1, 1, 0], 0.682],
  ])("gini(%j) = %d", (values, expected) => {
    const r = gini(values);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toBeCloseTo(expected, 12);
  });

  it("refuses negative values (#NUM!), all zero and none (#DIV/0!)", () => {
    expect(gini([1, -1])).toMatchObject({ ok: false, issue: { code: "negativeValue" } });
    expect(gini([0, 0])).toMatchObject({ ok: false, issue: { code: "allZero" } });
    expect(gini([])).toMatchObject({ ok: false, issue: { code: "noValues" } });
  });

  it("is in [0, 1) for non-negative values not all zero, and does not depend on order", () => {
    const money = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: 0, max: 1e9, noNaN: true }), fc.constant(0));
    fc.assert(
      fc.property(
        fc.array(money, { minLength: 1, maxLength: 300 }).filter((v) => v.some((x) => x > 0)),
        (values) => {
          const r = gini(values);
          if (!r.ok) throw new Error(JSON.stringify(r));
          expect(r.value).toBeGreaterThanOrEqual(0);
          expect(r.value).toBeLessThan(1);
          expect(r.value).toBeLessThanOrEqual((values.length - 1) / values.length);
          const again = gini([...values].reverse());
          expect(again.ok && again.value).toBe(r.value);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("clv", () => {
  it.each([
    // 1000 * 0.8 / (1 + 0.1 - 0.8) = 800 / 0.3
    [1000, 0.8, 0.1, 800 / 0.3],
    // no discount: 1000 * 0.5 / 0.5 = 1000
    [1000, 0.5, 0, 1000],
    // retention 0: the contract does not renew
    [1000, 0, 0.1, 0],
    // 120 * 0.9 / (1.08 - 0.9) = 108 / 0.18 = 600
    [120, 0.9, 0.08, 600],
  ])("clv(%d, %d, %d) = %d", (m, r, i, expected) => {
    const out = clv(m, r, i);
    expect(out.ok).toBe(true);
    if (out.ok) expect(out.value).toBeCloseTo(expected, 9);
  });

  it("refuses retention outside [0, 1) and a negative discount", () => {
    expect(clv(1000, 1, 0)).toMatchObject({ ok: false, issue: { code: "retentionOutOfRange" } });
    expect(clv(1000, 1.2, 0.5)).toMatchObject({ ok: false, issue: { code: "retentionOutOfRange" } });
    expect(clv(1000, -0.1, 0)).toMatchObject({ ok: false, issue: { code: "retentionOutOfRange" } });
    expect(clv(1000, 0.5, -0.01)).toMatchObject({ ok: false, issue: { code: "discountNegative" } });
    expect(clv(1000, NaN, 0)).toMatchObject({ ok: false, issue: { code: "retentionOutOfRange" } });
  });

  it("defaults the discount to 0", () => {
    expect(clv(300, 0.75)).toEqual({ ok: true, value: 900 });
  });
});
