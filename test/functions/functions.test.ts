/*
 * The CLIENT functions as Excel calls them: single cells or 2-D ranges in, spilled arrays or
 * CustomFunctions.Error out, messages in the display language, word labels in the workbook's
 * output language. The custom-functions runtime and Office.context are stood in for by small fakes.
 */
import { clv, giniCoefficient, paretoCutoff, paretoShare, quadrant, rfm, score, tier } from "../../src/functions/functions";
import { ISSUE_CODES, describeIssue } from "../../src/core/issues";
import { SETTINGS_KEY } from "../../src/core/settings";

class FakeError {
  constructor(
    public code: string,
    public message?: string,
  ) {}
}
const settings = new Map<string, unknown>();
const office = { context: { displayLanguage: "en-US", document: { settings: { get: (k: string) => settings.get(k) ?? null } } } };

beforeAll(() => {
  Object.assign(globalThis, {
    CustomFunctions: { Error: FakeError, ErrorCode: { invalidValue: "#VALUE!", invalidNumber: "#NUM!", divisionByZero: "#DIV/0!" } },
    Office: office,
  });
});
afterAll(() => {
  delete (globalThis as Record<string, unknown>).CustomFunctions;
  delete (globalThis as Record<string, unknown>).Office;
});
beforeEach(() => {
  settings.clear();
  office.context.displayLanguage = "en-US";
});

const BOOK = [[100, 50, 20, 10, 10, 5, 3, 1, 1, 0]];

describe("SPEC section 2 examples", () => {
  it("TIER(600000, {10000000,2000000,1000000,500000}) = D", () => {
    expect(tier([[600000]], [[10000000, 2000000, 1000000, 500000]])).toEqual([["D"]]);
  });
  it("PARETO_SHARE({100,...,0}, 0.2) = 0.75", () => {
    expect(paretoShare(BOOK, 0.2)).toBe(0.75);
  });
  it("PARETO_CUTOFF({100,...,0}, 0.8) = 0.25", () => {
    expect(paretoCutoff(BOOK, 0.8)).toBe(0.25);
  });
  it("PARETO_SHARE at 0 and 1", () => {
    expect(paretoShare(BOOK, 0)).toBe(0);
    expect(paretoShare(BOOK, 1)).toBe(1);
  });
});

describe("TIER", () => {
  it("spills a range in the same shape, blank cells empty", () => {
    const out = tier(
      [
        [12000000, null],
        ["60万", 300000],
      ],
      [[500000, 1000000, 2000000, 10000000]],
    );
    expect(out).toEqual([
      ["A", ""],
      ["D", "E"],
    ]);
  });
  it("takes labels highest first and refuses the wrong count", () => {
    expect(tier([[1500000]], [[2000000, 1000000]], [["金", "银", "铜"]])).toEqual([["银"]]);
    const out = tier([[1]], [[2000000, 1000000]], [["金", "银"]]);
    expect(out[0][0]).toEqual(new FakeError("#VALUE!", "3 labels are needed; 2 were given."));
  });
  it("optional labels arrive as null from Excel", () => {
    expect(tier([[5]], [[3]], null as unknown as undefined)).toEqual([["A"]]);
  });
  it("a text that is not a number gives #VALUE! naming it, in that cell only", () => {
    const out = tier([[5], ["abc"]], [[3]]);
    expect(out[0][0]).toBe("A");
    expect(out[1][0]).toEqual(new FakeError("#VALUE!", '"abc" is not a number: write a number such as 1200, 1,200, ¥3,000, 12万 or 35%.'));
  });
  it("speaks Chinese when Office does", () => {
    office.context.displayLanguage = "zh-CN";
    const out = tier([["abc"]], [[3]]);
    expect(out[0][0]).toEqual(new FakeError("#VALUE!", "“abc”不是数字：请填写数字，如 1200、1,200、¥3,000、12万 或 35%。"));
  });
  it("refuses a bad ladder for the whole call", () => {
    expect(tier([[1]], [[null]])).toEqual([[new FakeError("#VALUE!", "Give at least one threshold.")]]);
    expect(tier([[1]], [["x"]])[0][0]).toMatchObject({ code: "#VALUE!" });
  });
});

describe("QUADRANT", () => {
  const ability = [[10], [80], [30], [90]];
  const willingness = [[90], [20], [40], [70]];
  it("cuts a range at its medians and labels in the display language while no setting is saved", () => {
    // medians: ability 55, willingness 55
    expect(quadrant(ability, willingness)).toEqual([["Maintain"], ["Cultivate"], ["Develop"], ["Pamper"]]);
    office.context.displayLanguage = "zh-CN";
    expect(quadrant(ability, willingness)).toEqual([["维系"], ["耕耘"], ["开发"], ["宠爱"]]);
  });
  it("follows the workbook's output language over the display language", () => {
    office.context.displayLanguage = "en-US";
    settings.set(SETTINGS_KEY, JSON.stringify({ version: 1, outputLanguage: "zh-CN" }));
    expect(quadrant(ability, willingness)).toEqual([["维系"], ["耕耘"], ["开发"], ["宠爱"]]);
  });
  it("ignores a saved setting that does not validate", () => {
    settings.set(SETTINGS_KEY, JSON.stringify({ version: 99, outputLanguage: "fr-FR" }));
    expect(quadrant(ability, willingness)[0][0]).toBe("Maintain");
  });
  it("uses fixed cuts and custom labels", () => {
    expect(quadrant(ability, willingness, 20, 50, [["P", "C", "M", "D"]])).toEqual([["M"], ["C"], ["C"], ["P"]]);
  });
  it("a single value needs its cut", () => {
    expect(quadrant([[5]], [[5]], 3, 3)).toEqual([["Pamper"]]);
    const out = quadrant([[5]], [[5]]);
    expect(out[0][0]).toMatchObject({ code: "#VALUE!" });
    expect((out[0][0] as FakeError).message).toContain("ability_cut");
  });
  it("blank cells give empty results; shapes must match", () => {
    expect(quadrant([[1], [null]], [[1], [3]], 2, 2)).toEqual([["Develop"], [""]]);
    expect(quadrant([[1], [2]], [[1]], 2, 2)[0][0]).toMatchObject({ code: "#VALUE!" });
  });
});

describe("PARETO_SHARE and PARETO_CUTOFF", () => {
  it("skip blank and text cells, so a whole column with its header can be passed", () => {
    const column = [["保费"], [100], [null], [50], ["20"], ["1万"], [""], [true]];
    // values 100, 50, 20, 10000: top 25% (one client) holds 10000 / 10170
    expect(paretoShare(column, 0.25)).toBeCloseTo(10000 / 10170, 15);
  });
  it("reads the fraction as 20% or 0.2", () => {
    expect(paretoShare(BOOK, "20%")).toBe(0.75);
    expect(paretoShare(BOOK, null)).toBe(0.75);
    expect(paretoCutoff(BOOK, null)).toBe(0.25);
  });
  it("negative values are #NUM!, an all-zero range #DIV/0!, a fraction outside 0..1 #NUM!", () => {
    expect(paretoShare([[10], [-1]], 0.2)).toEqual(new FakeError("#NUM!"));
    expect(paretoShare([[0], [0]], 0.2)).toEqual(new FakeError("#DIV/0!"));
    expect(paretoCutoff([[0], ["x"]])).toEqual(new FakeError("#DIV/0!"));
    expect(paretoShare(BOOK, 1.5)).toEqual(new FakeError("#NUM!"));
    expect(paretoCutoff(BOOK, -0.1)).toEqual(new FakeError("#NUM!"));
  });
  it("an error value in the range is #VALUE! naming it", () => {
    expect(paretoShare([[1], ["#N/A"]])).toEqual(new FakeError("#VALUE!", "The cell holds the error #N/A: fix that cell first."));
  });
});

describe("SCORE", () => {
  it("scores each row of the five-indicator review, mobility lower-is-better", () => {
    const rows = [
      [5, 5, 5, 5, 1],
      [3, 3, 3, 3, 3],
      [1, 1, 1, 1, 5],
      [null, null, null, null, null],
    ];
    expect(score(rows, null as never, null, [[false, false, false, false, true]])).toEqual([[100], [50], [0], [""]]);
  });
  it("takes weights, scale_max, and TRUE/FALSE written as text", () => {
    expect(score([[10, 1]], [[1, 3]], 10, [["FALSE", "TRUE"]])).toEqual([[100]]);
  });
  it("out-of-scale scores are #NUM!, bad weights and flags stop the call", () => {
    expect(score([[6, 1]])).toEqual([[new FakeError("#NUM!")]]);
    expect(score([[1, 1]], [[1]])[0][0]).toEqual(new FakeError("#VALUE!", "There are 1 weights for 2 indicator columns: give one weight per column."));
    expect(score([[1, 1]], undefined, undefined, [["maybe", "no"]])[0][0]).toMatchObject({ code: "#VALUE!" });
    expect(score([[1, 1]], [[-1, 2]])[0][0]).toEqual(new FakeError("#NUM!"));
  });
});

describe("RFM", () => {
  // the ten clients of test/core/rfm.test.ts, worked by hand there from the R rfm package's rules
  const recency = [[5], [5], [5], [12], [30], [30], [60], [90], [90], [200]];
  const frequency = [[8], [5], [3], [2], [2], [1], [1], [1], [1], [1]];
  const monetary = [[50000], [20000], [12000], [5000], [3000], [3000], [3000], [1200], [1200], [800]];
  const codes = [[555], [555], [544], [434], [332], [312], [212], [211], [211], [111]];

  it("spills one 3-digit code per client", () => {
    expect(rfm(recency, frequency, monetary)).toEqual(codes);
    expect(rfm(recency, frequency, monetary, null)).toEqual(codes);
  });
  it("reads numbers written as text, and bins", () => {
    const asText = monetary.map(([m]) => [m >= 10000 ? `${m / 10000}万` : `¥${m.toLocaleString("en-US")}`]);
    expect(rfm(recency, frequency, asText)).toEqual(codes);
    // bins 2: recency median 30 -> cut 31; frequency median 1.5 -> 2.5; monetary median 3000 -> 3001
    expect(rfm([[5], [60]], [[3], [1]], [[5000], [800]], 2)).toEqual([[222], [111]]);
  });
  it("a blank row is empty and left out; a bad cell is #VALUE! or #NUM! in its row only", () => {
    const r = [[5], [null], [50], ["abc"], [500], [-1]];
    const f = [[3], [2], [2], [1], [1], [1]];
    const m = [[9000], [1], [2000], [1], [100], [1]];
    const out = rfm(r, f, m, 3);
    // three clients left, bins 3 (type-7 index 1.667 and 2.333, cuts + 1): recency 5/50/500 -> cuts 36, 201 -> 3, 2, 1;
    // frequency 3/2/1 -> cuts 2.667, 3.333 -> 2, 1, 1; monetary 9000/2000/100 -> cuts 1367.7, 4334.3 -> 3, 2, 1
    expect([out[0], out[2], out[4]]).toEqual([[323], [212], [111]]);
    expect(out[1]).toEqual([""]);
    expect(out[3][0]).toEqual(new FakeError("#VALUE!", '"abc" is not a number: write a number such as 1200, 1,200, ¥3,000, 12万 or 35%.'));
    expect(out[5][0]).toEqual(new FakeError("#NUM!"));
    expect([out[0], out[2], out[4]]).toEqual(rfm([[5], [50], [500]], [[3], [2], [1]], [[9000], [2000], [100]], 3));
  });
  it("refuses bad bins and ranges of different shapes for the whole call", () => {
    expect(rfm(recency, frequency, monetary, 10)).toEqual([[new FakeError("#NUM!")]]);
    expect(rfm(recency, frequency, monetary, 0)).toEqual([[new FakeError("#NUM!")]]);
    expect(rfm(recency, frequency, monetary, "x")[0][0]).toMatchObject({ code: "#VALUE!" });
    expect(rfm(recency, frequency.slice(1), monetary)[0][0]).toMatchObject({ code: "#VALUE!" });
  });
  it("all blank gives empty cells", () => {
    expect(rfm([[null], [null]], [[1], [2]], [[1], [2]])).toEqual([[""], [""]]);
  });
});

describe("CLV and GINI", () => {
  it("CLV = m r / (1 + i - r), retention and discount as fractions or percentages", () => {
    expect(clv([[1000]], [[0.8]], 0.1)[0][0] as number).toBeCloseTo(800 / 0.3, 9);
    expect(clv([[1000]], [["80%"]], "10%")[0][0] as number).toBeCloseTo(800 / 0.3, 9);
    expect(clv([[300], [null], [120]], [[0.75], [0.5], [0.5]], null)).toEqual([[900], [""], [120]]);
  });
  it("CLV: retention outside [0,1) is #NUM! in its cell, a negative discount stops the call", () => {
    expect(clv([[1000], [1000]], [[1], [0.5]])).toEqual([[new FakeError("#NUM!")], [1000]]);
    expect(clv([[1000]], [[0.5]], -0.1)).toEqual([[new FakeError("#NUM!")]]);
    expect(clv([[1000], [2]], [[0.5]])[0][0]).toMatchObject({ code: "#VALUE!" });
  });
  it("GINI as R ineq, skipping blanks and text; negative #NUM!, all zero #DIV/0!", () => {
    expect(giniCoefficient([[1, 2, 3, 4]])).toBeCloseTo(0.25, 12);
    expect(giniCoefficient([["保费"], [4], [null], [3], ["2"], [1]])).toBeCloseTo(0.25, 12);
    expect(giniCoefficient(BOOK)).toBeCloseTo(0.682, 12);
    expect(giniCoefficient([[1], [-1]])).toEqual(new FakeError("#NUM!"));
    expect(giniCoefficient([[0], [0]])).toEqual(new FakeError("#DIV/0!"));
    expect(giniCoefficient([["#N/A"], [1]])).toMatchObject({ code: "#VALUE!" });
  });
});

describe("messages", () => {
  it("exist in both languages for every issue and fill in every parameter", () => {
    const params = {
      value: "X1",
      name: "N1",
      expected: 3,
      actual: 2,
      index: 4,
      cut: "C1",
      other: "O1",
      max: 5,
      row: 7,
      read: "R1",
      reason: "W1",
      column: "L1",
      header: "H1",
      model: "M1",
      first: 1,
      last: 200,
      count: 2,
      action: "A1",
      n: 3,
      visitMax: 60,
      reviewMax: 24,
    };
    for (const code of ISSUE_CODES) {
      for (const lang of ["zh-CN", "en-US"] as const) {
        const text = describeIssue({ code, params }, lang);
        expect(text.length).toBeGreaterThan(5);
        expect(text).not.toMatch(/\{\w+\}/);
        if (lang === "zh-CN") expect(text).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});
