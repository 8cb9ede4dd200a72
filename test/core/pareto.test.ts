import { checkParetoValues, cutoffOnCurve, paretoCurve, paretoCutoff, paretoShare, shareOnCurve } from "../../src/core/pareto";

const BOOK = [100, 50, 20, 10, 10, 5, 3, 1, 1, 0];

describe("paretoShare (SPEC section 2)", () => {
  it("the top 20% of the ten-client book holds 75%", () => {
    expect(paretoShare(BOOK, 0.2)).toEqual({ ok: true, value: 0.75 });
  });
  it("interpolates linearly between whole clients", () => {
    // 2.5 clients: 150 + half of the third (20) = 160 of 200
    expect(paretoShare(BOOK, 0.25)).toEqual({ ok: true, value: 0.8 });
    // 0.5 of the first client: 50 of 200
    expect(paretoShare(BOOK, 0.05)).toEqual({ ok: true, value: 0.25 });
  });
  it("0 gives 0 and 1 gives 1", () => {
    expect(paretoShare(BOOK, 0)).toEqual({ ok: true, value: 0 });
    expect(paretoShare(BOOK, 1)).toEqual({ ok: true, value: 1 });
  });
  it("defaults to the top 20%", () => {
    expect(paretoShare(BOOK)).toEqual({ ok: true, value: 0.75 });
  });
  it("does not depend on the order of the clients", () => {
    expect(paretoShare([...BOOK].reverse(), 0.2)).toEqual({ ok: true, value: 0.75 });
  });
  it("an even book has no concentration", () => {
    expect(paretoShare([5, 5, 5, 5, 5], 0.2)).toEqual({ ok: true, value: 0.2 });
  });
  it("refuses negative values, an all-zero book, no values and fractions outside 0..1", () => {
    expect(paretoShare([10, -1], 0.2)).toEqual({ ok: false, issue: { code: "negativeValue", params: { name: "values", value: -1 } } });
    expect(paretoShare([0, 0, 0], 0.2)).toEqual({ ok: false, issue: { code: "allZero" } });
    expect(paretoShare([], 0.2)).toEqual({ ok: false, issue: { code: "noValues" } });
    expect(paretoShare(BOOK, 1.2)).toMatchObject({ ok: false, issue: { code: "fractionOutOfRange" } });
    expect(paretoShare(BOOK, Number.NaN)).toMatchObject({ ok: false, issue: { code: "fractionOutOfRange" } });
  });
});

describe("paretoCutoff (SPEC section 2)", () => {
  it("80% of the ten-client book is held by the top 25%", () => {
    expect(paretoCutoff(BOOK, 0.8)).toEqual({ ok: true, value: 0.25 });
  });
  it("defaults to 80%", () => {
    expect(paretoCutoff(BOOK)).toEqual({ ok: true, value: 0.25 });
  });
  it("0 needs no client; 100% needs every client that holds value, not the zeros", () => {
    expect(paretoCutoff(BOOK, 0)).toEqual({ ok: true, value: 0 });
    expect(paretoCutoff(BOOK, 1)).toEqual({ ok: true, value: 0.9 });
  });
  it("the share exactly at a whole client ends there", () => {
    expect(paretoCutoff(BOOK, 0.75)).toEqual({ ok: true, value: 0.2 });
    expect(paretoCutoff(BOOK, 0.5)).toEqual({ ok: true, value: 0.1 });
  });
  it("refuses what paretoShare refuses", () => {
    expect(paretoCutoff([0, 0], 0.8)).toEqual({ ok: false, issue: { code: "allZero" } });
    expect(paretoCutoff([3, -2], 0.8)).toMatchObject({ ok: false, issue: { code: "negativeValue" } });
    expect(paretoCutoff(BOOK, -0.1)).toMatchObject({ ok: false, issue: { code: "fractionOutOfRange", params: { name: "value_share" } } });
  });
});

describe("the concentration curve", () => {
  it("holds the values largest first and running totals", () => {
    const curve = paretoCurve([10, 30, 60]);
    expect(Array.from(curve.sorted)).toEqual([60, 30, 10]);
    expect(Array.from(curve.cumulative)).toEqual([0, 60, 90, 100]);
    expect(curve.total).toBe(100);
  });
  it("agrees with paretoShare and paretoCutoff", () => {
    const curve = paretoCurve(BOOK);
    expect(shareOnCurve(curve, 0.2)).toBeCloseTo(0.75, 15);
    expect(cutoffOnCurve(curve, 0.8)).toBeCloseTo(0.25, 15);
  });
  it("checkParetoValues names the first bad value", () => {
    expect(checkParetoValues([1, Number.POSITIVE_INFINITY])).toMatchObject({ ok: false, issue: { code: "notFinite" } });
    expect(checkParetoValues([1, 2])).toEqual({ ok: true, value: null });
  });
});
