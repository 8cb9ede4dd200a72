import fc from "fast-check";
import { paretoCutoff, paretoShare } from "../../src/core/pareto";
import { quadrantFunction, scoreFunction, tierFunction, paretoShareFunction, paretoCutoffFunction } from "../../src/functions/formulas";
import { tiersByCount, tiersByCumulativeValue } from "../../src/core/tier";
import { paretoCurve } from "../../src/core/pareto";
import { ISSUE_CODES } from "../../src/core/issues";
import { rfmScores } from "../../src/core/rfm";

const RUNS = { numRuns: 2000 };
// money-like values: whole yuan and cents, with many ties and zeros
const money = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.double({ min: 0.01, max: 1e9, noNaN: true }), fc.constantFrom(0, 1, 100));
const book = fc.array(money, { minLength: 1, maxLength: 200 }).filter((v) => v.some((x) => x > 0));
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

function shuffled<T>(values: T[], seed: number): T[] {
  const out = [...values];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const valueOf = (r: { ok: boolean; value?: number }) => {
  if (!r.ok || r.value === undefined) throw new Error(`expected a value, got ${JSON.stringify(r)}`);
  return r.value;
};

describe("properties of PARETO_SHARE and PARETO_CUTOFF", () => {
  it("share is in [0,1] and does not depend on row order (to the last digit)", () => {
    fc.assert(
      fc.property(book, fraction, fc.integer(), (values, f, seed) => {
        const a = valueOf(paretoShare(values, f));
        const b = valueOf(paretoShare(shuffled(values, seed), f));
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(1);
        expect(b).toBe(a);
      }),
      RUNS,
    );
  });

  it("share is non-decreasing and concave in the fraction", () => {
    fc.assert(
      fc.property(book, fraction, fraction, (values, x, y) => {
        const [f1, f2] = x <= y ? [x, y] : [y, x];
        const s1 = valueOf(paretoShare(values, f1));
        const s2 = valueOf(paretoShare(values, f2));
        const mid = valueOf(paretoShare(values, (f1 + f2) / 2));
        expect(s2).toBeGreaterThanOrEqual(s1 - 1e-12);
        // concave: the curve at the midpoint lies on or above the chord
        expect(mid).toBeGreaterThanOrEqual((s1 + s2) / 2 - 1e-9);
      }),
      RUNS,
    );
  });

  it("share at least the fraction: the top clients hold at least their head-count share", () => {
    fc.assert(
      fc.property(book, fraction, (values, f) => {
        expect(valueOf(paretoShare(values, f))).toBeGreaterThanOrEqual(f - 1e-9);
      }),
      RUNS,
    );
  });

  it("cutoff inverts share: share(cutoff(s)) = s, and cutoff(share(f)) <= f", () => {
    fc.assert(
      fc.property(book, fraction, fraction, (values, s, f) => {
        const c = valueOf(paretoCutoff(values, s));
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
        expect(valueOf(paretoShare(values, c))).toBeCloseTo(s, 9);
        const back = valueOf(paretoCutoff(values, valueOf(paretoShare(values, f))));
        // ill-conditioned when a tiny client sits next to huge ones: (target - before) / step loses digits
        expect(back).toBeLessThanOrEqual(f + 1e-6);
      }),
      RUNS,
    );
  });

  it("cutoff does not depend on row order", () => {
    fc.assert(
      fc.property(book, fraction, fc.integer(), (values, s, seed) => {
        expect(valueOf(paretoCutoff(shuffled(values, seed), s))).toBe(valueOf(paretoCutoff(values, s)));
      }),
      RUNS,
    );
  });
});

describe("properties of the tiers", () => {
  const ladder = fc.uniqueArray(fc.integer({ min: -1000, max: 1_000_000 }), { minLength: 1, maxLength: 8 });
  it("TIER is monotone: a larger value never gets a lower tier", () => {
    fc.assert(
      fc.property(ladder, fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.double({ min: -1e7, max: 1e7, noNaN: true }), (t, x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const r = tierFunction([[lo], [hi]], [t]);
        if (!r.ok) throw new Error("tier failed");
        const labels = r.value.map((row) => row[0] as string);
        // labels A, B, ... : a higher tier is an earlier letter
        expect(labels[1].length < labels[0].length || (labels[1].length === labels[0].length && labels[1] <= labels[0])).toBe(true);
      }),
      RUNS,
    );
  });

  it("TIER, by-count and ABC tiers do not depend on row order", () => {
    fc.assert(
      fc.property(ladder, book, fc.integer(), (t, values, seed) => {
        const order = shuffled(
          values.map((_, i) => i),
          seed,
        );
        const moved = order.map((i) => values[i]);
        const tier = tierFunction([values], [t]);
        const tierMoved = tierFunction([moved], [t]);
        if (!tier.ok || !tierMoved.ok) throw new Error("tier failed");
        expect(order.map((i) => tier.value[0][i])).toEqual(tierMoved.value[0]);
        const byCount = tiersByCount(values);
        expect(Array.from(tiersByCount(moved))).toEqual(order.map((i) => byCount[i]));
        const abc = tiersByCumulativeValue(values, paretoCurve(values));
        expect(Array.from(tiersByCumulativeValue(moved, paretoCurve(moved)))).toEqual(order.map((i) => abc[i]));
      }),
      { numRuns: 1000 },
    );
  });

  it("by-count tiers are monotone and key + important never exceed the top 20% (ties aside)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 300 }), (values) => {
        const tiers = tiersByCount(values);
        const top = Array.from(tiers).filter((t) => t <= 1).length;
        expect(top).toBeLessThanOrEqual(Math.ceil(values.length * 0.2));
        for (let i = 0; i < values.length; i++)
          for (let j = 0; j < values.length; j += 7) if (values[i] > values[j]) expect(tiers[i]).toBeLessThanOrEqual(tiers[j]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("properties of SCORE and QUADRANT", () => {
  it("SCORE is in [0,100] or empty for any valid indicators, weights and flags", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 10 }).chain((max) =>
          fc.integer({ min: 1, max: 6 }).chain((cols) =>
            fc.tuple(
              fc.constant(max),
              fc.array(
                fc.array(fc.oneof(fc.integer({ min: 1, max }), fc.double({ min: 1, max, noNaN: true }), fc.constant(null)), {
                  minLength: cols,
                  maxLength: cols,
                }),
                { minLength: 1, maxLength: 20 },
              ),
              fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: cols, maxLength: cols }).filter((w) => w.some((x) => x > 0)),
              fc.array(fc.boolean(), { minLength: cols, maxLength: cols }),
            ),
          ),
        ),
        ([max, rows, weights, flags]) => {
          const r = scoreFunction(rows, [weights], max, [flags]);
          if (!r.ok) throw new Error(JSON.stringify(r));
          for (const [cell] of r.value) {
            if (cell === "") continue;
            expect(typeof cell).toBe("number");
            expect(cell as number).toBeGreaterThanOrEqual(0);
            expect(cell as number).toBeLessThanOrEqual(100);
          }
        },
      ),
      RUNS,
    );
  });

  it("QUADRANT with median cuts does not depend on row order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(money, money), { minLength: 2, maxLength: 100 }), fc.integer(), (pairs, seed) => {
        const order = shuffled(
          pairs.map((_, i) => i),
          seed,
        );
        const run = (p: [number, number][]) =>
          quadrantFunction(
            p.map(([a]) => [a]),
            p.map(([, w]) => [w]),
            null,
            null,
            null,
            "en-US",
          );
        const a = run(pairs);
        const b = run(order.map((i) => pairs[i]));
        if (!a.ok || !b.ok) throw new Error("quadrant failed");
        expect(b.value).toEqual(order.map((i) => a.value[i]));
      }),
      RUNS,
    );
  });
});

describe("no input makes a function throw", () => {
  const cell = fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.constant(""),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.string(),
    fc.constantFrom("12万", "35%", "#N/A", "¥1,200", "-3", "1,20", "NaN", "Infinity"),
  );
  const grid = fc.oneof(cell, fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }));
  const documented = new Set(ISSUE_CODES);
  const check = (r: { ok: boolean; issue?: { code: string }; value?: unknown }) => {
    if (!r.ok) expect(documented.has(r.issue!.code as never)).toBe(true);
    else if (Array.isArray(r.value))
      for (const row of r.value)
        for (const c of row)
          if (typeof c === "object" && c !== null) expect(documented.has((c as { issue: { code: string } }).issue.code as never)).toBe(true);
          else if (typeof c === "number") expect(Number.isFinite(c)).toBe(true);
  };
  it("every function returns a value or a documented issue", () => {
    fc.assert(
      fc.property(grid, grid, grid, grid, grid, (a, b, c, d, e) => {
        check(tierFunction(a, b, c));
        check(quadrantFunction(a, b, c, d, e, "zh-CN"));
        check(paretoShareFunction(a, b));
        check(paretoCutoffFunction(a, b));
        check(scoreFunction(a, b, c, d));
        const share = paretoShareFunction(a, b);
        if (share.ok) expect(Number.isFinite(share.value)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("properties of RFM", () => {
  // days, counts and amounts with many ties, as a real book has
  const measures = fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constantFrom(0, 30, 365)), fc.integer({ min: 0, max: 12 }), money), {
    minLength: 1,
    maxLength: 200,
  });
  const scoresOf = (rows: [number, number, number][], bins: number) => {
    const r = rfmScores(
      rows.map((x) => x[0]),
      rows.map((x) => x[1]),
      rows.map((x) => x[2]),
      bins,
    );
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.value;
  };

  it("scores are in 1..bins, the code is 100R+10F+M, and tied values share a score", () => {
    fc.assert(
      fc.property(measures, fc.integer({ min: 1, max: 9 }), (rows, bins) => {
        const s = scoresOf(rows, bins);
        const byValue = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>()];
        rows.forEach((row, i) => {
          const three = [s.recency.scores[i], s.frequency.scores[i], s.monetary.scores[i]];
          for (let j = 0; j < 3; j++) {
            expect(three[j]).toBeGreaterThanOrEqual(1);
            expect(three[j]).toBeLessThanOrEqual(bins);
            const seen = byValue[j].get(row[j]);
            if (seen !== undefined) expect(three[j]).toBe(seen);
            byValue[j].set(row[j], three[j]);
          }
          expect(s.rfmScore[i]).toBe(100 * three[0] + 10 * three[1] + three[2]);
        });
      }),
      RUNS,
    );
  });

  it("scores, ties and empty scores do not depend on row order", () => {
    fc.assert(
      fc.property(measures, fc.integer({ min: 1, max: 9 }), fc.integer(), (rows, bins, seed) => {
        const order = shuffled(
          rows.map((_, i) => i),
          seed,
        );
        const a = scoresOf(rows, bins);
        const b = scoresOf(
          order.map((i) => rows[i]),
          bins,
        );
        order.forEach((i, k) => expect(b.rfmScore[k]).toBe(a.rfmScore[i]));
        for (const m of ["recency", "frequency", "monetary"] as const) {
          expect(b[m].tiedAcrossCuts).toBe(a[m].tiedAcrossCuts);
          expect(b[m].emptyScores).toEqual(a[m].emptyScores);
        }
      }),
      RUNS,
    );
  });

  it("recency is reversed: fewer days never scores lower", () => {
    fc.assert(
      fc.property(measures, (rows) => {
        const s = scoresOf(rows, 5);
        for (let i = 0; i < rows.length; i++)
          for (let k = 0; k < rows.length; k++) if (rows[i][0] < rows[k][0]) expect(s.recency.scores[i]).toBeGreaterThanOrEqual(s.recency.scores[k]);
      }),
      { numRuns: 300 },
    );
  });
});
