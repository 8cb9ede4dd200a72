/*
 * RFM against values worked by hand with the rules of the R package rfm (rsquaredacademy/rfm):
 * rfm_prep_bins() in R/rfm-table-transaction.R with bins() of R/utils.R, and rfm_segment() in
 * R/rfm-segment.R with the segment ranges of its README. R was not run here: each figure below is
 * worked from those rules, step by step, in the comments.
 */
import { dayOf } from "../../src/core/dates";
import { describeIssue } from "../../src/core/issues";
import {
  RFM_SEGMENT_LABELS,
  RFM_SEGMENT_RULES,
  quantileType7,
  recencyDays,
  rfmCutPoints,
  rfmScores,
  rfmSegmentLabel,
  rfmSegmentOf,
  rfmSegmentRulesSchema,
  rfmTieIssues,
  type RfmScores,
} from "../../src/core/rfm";

const valueOf = <T>(r: { ok: true; value: T } | { ok: false }): T => {
  if (!r.ok) throw new Error(`expected a value, got ${JSON.stringify(r)}`);
  return r.value;
};

describe("quantiles and cut points as R's bins() makes them", () => {
  it("type 7 quantiles: h = 1 + (n-1)p, linear between neighbours", () => {
    // x = 1..10: quantile(x, 0.2) = x[2.8] = 2 + 0.8 (3 - 2) = 2.8
    expect(quantileType7([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.2)).toBeCloseTo(2.8, 12);
    expect(quantileType7([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0)).toBe(1);
    expect(quantileType7([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1)).toBe(10);
    expect(quantileType7([7], 0.4)).toBe(7);
  });

  it("interior quantiles at 0.2, 0.4, 0.6, 0.8, each plus 1", () => {
    // quantile(1:10, c(.2,.4,.6,.8)) = 2.8, 4.6, 6.4, 8.2; bins() adds 1
    const cuts = Array.from(rfmCutPoints([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 5));
    expect(cuts.map((c) => Number(c.toFixed(10)))).toEqual([3.8, 5.6, 7.4, 9.2]);
  });
});

describe("recency in days", () => {
  it("is the run date minus the last date; a last date after the run is an issue", () => {
    expect(recencyDays(dayOf(2026, 9, 1), dayOf(2026, 9, 30))).toEqual({ ok: true, value: 29 });
    expect(recencyDays(dayOf(2026, 9, 30), dayOf(2026, 9, 30))).toEqual({ ok: true, value: 0 });
    expect(recencyDays(dayOf(2026, 10, 2), dayOf(2026, 9, 30))).toMatchObject({ ok: false, issue: { code: "dateAfterRun" } });
  });
});

/*
 * Ten clients with ties in every measure. n = 10, bins = 5, so R's type-7 index is
 * 1 + 9p: 2.8, 4.6, 6.4, 8.2 for p = 0.2, 0.4, 0.6, 0.8.
 *
 * Recency sorted: 5 5 5 12 30 30 60 90 90 200
 *   q.2 = x2 + .8(x3-x2) = 5; q.4 = 12 + .6(30-12) = 22.8; q.6 = 30 + .4(60-30) = 42; q.8 = 90 + .2(90-90) = 90
 *   cuts (+1): 6, 23.8, 43, 91 -> ascending bins 1: {5,5,5}, 2: {12}, 3: {30,30}, 4: {60,90,90}, 5: {200}
 *   R reverses recency (rscore = 5:1): 5 days -> 5, 12 -> 4, 30 -> 3, 60 and 90 -> 2, 200 -> 1
 * Frequency sorted: 1 1 1 1 1 2 2 3 5 8
 *   q.2 = 1, q.4 = 1, q.6 = 2 + .4(2-2) = 2, q.8 = 3 + .2(5-3) = 3.4 -> cuts 2, 2, 3, 4.4
 *   1 -> 1; [2,2) is empty, so no one scores 2; 2 -> 3; 3 -> 4; 5 and 8 -> 5
 * Monetary sorted: 800 1200 1200 3000 3000 3000 5000 12000 20000 50000
 *   q.2 = 1200, q.4 = 3000, q.6 = 3000 + .4(5000-3000) = 3800, q.8 = 12000 + .2(8000) = 13600
 *   cuts 1201, 3001, 3801, 13601 -> 800, 1200 -> 1; 3000 -> 2; [3001,3801) empty, no one scores 3;
 *   5000, 12000 -> 4; 20000, 50000 -> 5
 */
const TABLE = [
  // id, recency, frequency, monetary, R, F, M, segment (worked below)
  ["A", 5, 8, 50000, 5, 5, 5, "champions"],
  ["B", 5, 5, 20000, 5, 5, 5, "champions"],
  ["C", 5, 3, 12000, 5, 4, 4, "potentialLoyalist"], // not 5/5/5; R 3-5, F 3-5, M 2-5
  ["D", 12, 2, 5000, 4, 3, 4, "potentialLoyalist"],
  ["E", 30, 2, 3000, 3, 3, 2, "potentialLoyalist"], // M 2 is inside 2-5
  ["F", 30, 1, 3000, 3, 1, 2, "aboutToSleep"], // F 1 fails PL and Loyal, M 2 fails Promising, R 3 fails New; R 2-3 F 1-3 M 1-4
  ["G", 60, 1, 3000, 2, 1, 2, "aboutToSleep"],
  ["H", 90, 1, 1200, 2, 1, 1, "aboutToSleep"],
  ["I", 90, 1, 1200, 2, 1, 1, "aboutToSleep"],
  ["J", 200, 1, 800, 1, 1, 1, "lost"], // R 1 with F 1 and M 1: only Lost (R 1-1) holds it
] as const;

function scoreTable(rows: readonly (typeof TABLE)[number][]): RfmScores {
  return valueOf(
    rfmScores(
      rows.map((r) => r[1]),
      rows.map((r) => r[2]),
      rows.map((r) => r[3]),
    ),
  );
}

describe("scores of a small table with ties, worked by hand from R's rules", () => {
  const result = scoreTable(TABLE);

  it("gives the R, F and M scores and rfm_score = 100R + 10F + M", () => {
    expect(Array.from(result.recency.scores)).toEqual(TABLE.map((r) => r[4]));
    expect(Array.from(result.frequency.scores)).toEqual(TABLE.map((r) => r[5]));
    expect(Array.from(result.monetary.scores)).toEqual(TABLE.map((r) => r[6]));
    expect(Array.from(result.rfmScore)).toEqual([555, 555, 544, 434, 332, 312, 212, 211, 211, 111]);
    expect(result.scored).toBe(10);
  });

  it("tied values share a score", () => {
    // the three 5-day clients, the two 30-day, the two 90-day; the five 1-policy clients; the three 3000s
    for (const [measure, value] of [
      ["recency", 5],
      ["recency", 90],
      ["frequency", 1],
      ["monetary", 3000],
    ] as const) {
      const column = measure === "recency" ? 1 : measure === "frequency" ? 2 : 3;
      const scores = new Set(TABLE.flatMap((r, i) => (r[column] === value ? [result[measure].scores[i]] : [])));
      expect(scores.size).toBe(1);
    }
  });

  it("says how many ties an equal-count split would have broken, and which scores are empty", () => {
    // an equal-count split (dplyr::ntile) gives sorted positions 1-2 score 1, 3-4 score 2, 5-6 score 3, ...
    // recency: 5,5,5 at positions 1-3 straddle 1|2 (3 clients); 90,90 at 8-9 straddle 4|5 (2) -> 5
    expect(result.recency.tiedAcrossCuts).toBe(5);
    expect(result.recency.emptyScores).toEqual([]);
    // frequency: the five 1s at 1-5 straddle 1|2|3 (5); 2,2 at 6-7 straddle 3|4 (2) -> 7; score 2 empty
    expect(result.frequency.tiedAcrossCuts).toBe(7);
    expect(result.frequency.emptyScores).toEqual([2]);
    // monetary: 1200,1200 at 2-3 straddle 1|2 (2); 3000 x3 at 4-6 straddle 2|3 (3) -> 5; score 3 empty
    expect(result.monetary.tiedAcrossCuts).toBe(5);
    expect(result.monetary.emptyScores).toEqual([3]);
  });

  it("turns that into Data issues rows in both languages", () => {
    const issues = rfmTieIssues(result);
    expect(issues.map((i) => i.params)).toEqual([
      { name: "R", count: 5, value: "—" },
      { name: "F", count: 7, value: "2" },
      { name: "M", count: 5, value: "3" },
    ]);
    expect(describeIssue(issues[1], "en-US")).toContain("7 clients with equal values");
    expect(describeIssue(issues[1], "zh-CN")).toContain("7 位客户");
  });

  it("segments each client with the first rule that holds it, in rfm_segment()'s order", () => {
    const segments = TABLE.map((_, i) => rfmSegmentOf(result.recency.scores[i], result.frequency.scores[i], result.monetary.scores[i]));
    expect(segments).toEqual(TABLE.map((r) => r[7]));
  });

  it("does not depend on row order", () => {
    const reversed = scoreTable([...TABLE].reverse());
    expect(Array.from(reversed.rfmScore).reverse()).toEqual(Array.from(result.rfmScore));
  });
});

describe("edges", () => {
  it("the + 1 of bins(): a value at, or less than 1 above, a quantile goes to the lower score", () => {
    // 2 x {1,2,3,4} with bins 2: median 2.5 -> cut 3.5: 1, 2 and 3 score 1 (3 < 3.5), only 4 scores 2
    const two = valueOf(rfmScores([1, 1, 1, 1, 1, 1, 1, 1], [1, 2, 3, 4, 1, 2, 3, 4], [1, 2, 3, 4, 1, 2, 3, 4], 2));
    expect(Array.from(two.frequency.scores)).toEqual([1, 1, 1, 2, 1, 1, 1, 2]);
    // odd count: {10, 20, 30}, bins 2: median 20 -> cut 21: 20 scores 1 (R: 20 < 21)
    const odd = valueOf(rfmScores([0, 0, 0], [10, 20, 30], [10, 20, 30], 2));
    expect(Array.from(odd.monetary.scores)).toEqual([1, 1, 2]);
    // every recency equal: all cuts are that value + 1, everyone is in the lowest ascending bin,
    // reversed to the top score, and the other recency scores are empty
    expect(Array.from(odd.recency.scores)).toEqual([2, 2, 2]);
    expect(odd.recency.emptyScores).toEqual([1]);
  });

  it("rows with a missing measure (NaN) are left out of the quantiles and score 0", () => {
    const r = valueOf(rfmScores([5, NaN, 50, 500], [3, 2, 2, 1], [9000, 1, 2000, 100], 3));
    expect(r.rfmScore[1]).toBe(0);
    expect(r.scored).toBe(3);
    // the three left: recency 5, 50, 500 -> quantiles 1/3, 2/3 at index 1.667, 2.333 -> 35, 200 -> cuts 36, 201
    expect(Array.from(r.recency.scores)).toEqual([3, 0, 2, 1]);
    const same = valueOf(rfmScores([5, 50, 500], [3, 2, 1], [9000, 2000, 100], 3));
    expect(Array.from(same.rfmScore)).toEqual([r.rfmScore[0], r.rfmScore[2], r.rfmScore[3]]);
  });

  it("refuses bins outside 1..9 and mismatched lengths; nothing to score is noValues", () => {
    expect(rfmScores([1], [1], [1], 10)).toMatchObject({ ok: false, issue: { code: "rfmBinsInvalid" } });
    expect(rfmScores([1], [1], [1], 2.5)).toMatchObject({ ok: false, issue: { code: "rfmBinsInvalid" } });
    expect(rfmScores([1], [1], [1], 0)).toMatchObject({ ok: false, issue: { code: "rfmBinsInvalid" } });
    expect(rfmScores([1, 2], [1], [1, 2])).toMatchObject({ ok: false, issue: { code: "shapeMismatch" } });
    expect(rfmScores([NaN], [1], [1])).toMatchObject({ ok: false, issue: { code: "noValues" } });
    expect(Array.from(valueOf(rfmScores([1, 9], [1, 9], [1, 9], 1)).rfmScore)).toEqual([111, 111]);
  });
});

describe("segment rules", () => {
  it("are R rfm's README table, in its order", () => {
    // README.Rmd: recency_lower 5 3 2 3 4 1 1 1 2 1, recency_upper 5 5 4 4 5 2 2 3 3 1,
    // frequency_lower 5 3 2 1 1 3 2 3 1 1, frequency_upper 5 5 4 3 3 4 5 5 3 5,
    // monetary_lower 5 2 2 3 1 4 4 3 1 1, monetary_upper 5 5 4 5 5 5 5 5 4 5
    const columns = (k: "recency" | "frequency" | "monetary", i: 0 | 1) => RFM_SEGMENT_RULES.map((r) => r[k][i]);
    expect(RFM_SEGMENT_RULES.map((r) => RFM_SEGMENT_LABELS["en-US"][r.segment as keyof (typeof RFM_SEGMENT_LABELS)["en-US"]])).toEqual([
      "Champions",
      "Potential Loyalist",
      "Loyal Customers",
      "Promising",
      "New Customers",
      "Can't Lose Them",
      "At Risk",
      "Need Attention",
      "About To Sleep",
      "Lost",
    ]);
    expect(columns("recency", 0)).toEqual([5, 3, 2, 3, 4, 1, 1, 1, 2, 1]);
    expect(columns("recency", 1)).toEqual([5, 5, 4, 4, 5, 2, 2, 3, 3, 1]);
    expect(columns("frequency", 0)).toEqual([5, 3, 2, 1, 1, 3, 2, 3, 1, 1]);
    expect(columns("frequency", 1)).toEqual([5, 5, 4, 3, 3, 4, 5, 5, 3, 5]);
    expect(columns("monetary", 0)).toEqual([5, 2, 2, 3, 1, 4, 4, 3, 1, 1]);
    expect(columns("monetary", 1)).toEqual([5, 5, 4, 5, 5, 5, 5, 5, 4, 5]);
    expect(rfmSegmentRulesSchema.safeParse(RFM_SEGMENT_RULES).success).toBe(true);
  });

  it.each([
    [5, 5, 5, "champions"],
    [4, 5, 5, "potentialLoyalist"], // before Loyal Customers
    [3, 3, 3, "potentialLoyalist"], // Need Attention also holds 333 but comes later
    [3, 2, 2, "loyalCustomers"], // F 2 fails Potential Loyalist
    [3, 1, 3, "promising"],
    [5, 1, 1, "newCustomers"],
    [1, 3, 5, "cantLoseThem"], // At Risk also holds 135 but comes later
    [1, 5, 5, "atRisk"], // F 5 fails Can't Lose Them (3-4)
    [1, 3, 3, "needAttention"],
    [2, 3, 1, "aboutToSleep"],
    [1, 4, 1, "lost"],
    [2, 5, 1, "others"], // no range holds it
    [5, 4, 1, "others"],
  ])("%i%i%i is %s", (r, f, m, segment) => {
    expect(rfmSegmentOf(r, f, m)).toBe(segment);
  });

  it("takes edited rules as data: first match wins, unmatched are Others", () => {
    const rules = rfmSegmentRulesSchema.parse([
      { segment: "VIP", recency: [4, 5], frequency: [4, 5], monetary: [4, 5] },
      { segment: "睡眠", recency: [1, 2], frequency: [1, 5], monetary: [1, 5] },
    ]);
    expect(rfmSegmentOf(5, 4, 4, rules)).toBe("VIP");
    expect(rfmSegmentOf(2, 5, 5, rules)).toBe("睡眠");
    expect(rfmSegmentOf(3, 3, 3, rules)).toBe("others");
    expect(rfmSegmentLabel("VIP", "zh-CN")).toBe("VIP");
    expect(rfmSegmentLabel("others", "zh-CN")).toBe("其他");
    expect(rfmSegmentLabel("cantLoseThem", "zh-CN")).toBe("不能失去的客户");
    expect(rfmSegmentRulesSchema.safeParse([{ segment: "x", recency: [3, 2], frequency: [1, 5], monetary: [1, 5] }]).success).toBe(false);
  });

  it("names every segment in both languages", () => {
    for (const lang of ["zh-CN", "en-US"] as const) {
      const names = Object.values(RFM_SEGMENT_LABELS[lang]);
      expect(names).toHaveLength(11);
      expect(new Set(names).size).toBe(11);
    }
    expect(Object.keys(RFM_SEGMENT_LABELS["zh-CN"]).sort()).toEqual(Object.keys(RFM_SEGMENT_LABELS["en-US"]).sort());
  });
});
