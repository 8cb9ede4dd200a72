import { readFraction, readNumber, isExcelError } from "../../src/core/values";

const num = (value: number, fromText = true) => ({ kind: "number", value, fromText });

describe("readNumber: numbers as managers write them", () => {
  it.each([
    ["1200", 1200],
    ["1,200", 1200],
    ["12,345,678.5", 12345678.5],
    ["¥3,000", 3000],
    ["￥3,000", 3000],
    ["$1,500.25", 1500.25],
    ["RMB 800", 800],
    ["3000元", 3000],
    ["12万", 120000],
    ["12 万元", 120000],
    ["1.1万", 11000],
    ["1.5亿", 150000000],
    ["3千", 3000],
    ["2百万", 2000000],
    ["35%", 0.35],
    ["7.5%", 0.075],
    ["１２００", 1200],
    ["１，２００", 1200],
    ["１２％", 0.12],
    ["  42  ", 42],
    ["-5", -5],
    ["−5", -5],
    ["(1,200)", -1200],
    ["+7", 7],
    [".5", 0.5],
    ["1e3", 1000],
    ["0", 0],
  ])("%s reads as %d", (text, value) => {
    expect(readNumber(text)).toEqual(num(value));
  });

  it("keeps numbers as numbers, not read from text", () => {
    expect(readNumber(1200)).toEqual(num(1200, false));
    expect(readNumber(-0.5)).toEqual(num(-0.5, false));
  });

  it.each([null, undefined, "", "   ", "\u3000"])("%p is blank", (cell) => {
    expect(readNumber(cell)).toEqual({ kind: "blank" });
  });

  it.each(["abc", "1,20", "12,5", "1.2.3", "万", "¥", "--5", "12 apples", "N/A", "1,2345"])("%s is not a number and says so", (text) => {
    const r = readNumber(text);
    expect(r).toEqual({ kind: "issue", issue: { code: "notANumber", params: { value: text.trim() } } });
  });

  it.each(["#N/A", "#VALUE!", "#DIV/0!", "#REF!", "#NAME?", "#NUM!", "#SPILL!"])("the Excel error %s is an error value", (text) => {
    expect(readNumber(text)).toEqual({ kind: "issue", issue: { code: "errorValue", params: { value: text } } });
    expect(isExcelError(text)).toBe(true);
  });

  it("reads ExcelJS error cells ({ error })", () => {
    expect(readNumber({ error: "#REF!" })).toEqual({ kind: "issue", issue: { code: "errorValue", params: { value: "#REF!" } } });
  });

  it("booleans and dates are not numbers", () => {
    expect(readNumber(true)).toMatchObject({ kind: "issue", issue: { code: "booleanNotNumber", params: { value: "TRUE" } } });
    expect(readNumber(new Date(Date.UTC(2026, 0, 15)))).toMatchObject({ kind: "issue", issue: { code: "dateNotNumber", params: { value: "2026-01-15" } } });
  });

  it("never lets NaN or Infinity through", () => {
    expect(readNumber(Number.NaN)).toMatchObject({ kind: "issue", issue: { code: "notFinite" } });
    expect(readNumber(Infinity)).toMatchObject({ kind: "issue", issue: { code: "notFinite" } });
    expect(readNumber("1e400")).toMatchObject({ kind: "issue", issue: { code: "notFinite" } });
  });

  it("other objects are not numbers", () => {
    expect(readNumber({ richText: [] })).toMatchObject({ kind: "issue", issue: { code: "notANumber" } });
  });
});

describe("readFraction", () => {
  it("reads 0.2, 20%, a 1x1 range, and falls back when omitted", () => {
    expect(readFraction(0.2, "top_fraction", 0.5)).toEqual({ ok: true, value: 0.2 });
    expect(readFraction("20%", "top_fraction", 0.5)).toEqual({ ok: true, value: 0.2 });
    expect(readFraction([[0.3]], "top_fraction", 0.5)).toEqual({ ok: true, value: 0.3 });
    expect(readFraction(null, "top_fraction", 0.5)).toEqual({ ok: true, value: 0.5 });
    expect(readFraction(undefined, "top_fraction", 0.5)).toEqual({ ok: true, value: 0.5 });
  });
  it("refuses fractions outside 0..1 and text", () => {
    expect(readFraction(1.5, "top_fraction", 0.2)).toEqual({ ok: false, issue: { code: "fractionOutOfRange", params: { name: "top_fraction", value: 1.5 } } });
    expect(readFraction("-10%", "top_fraction", 0.2)).toMatchObject({ ok: false, issue: { code: "fractionOutOfRange" } });
    expect(readFraction("lots", "top_fraction", 0.2)).toMatchObject({ ok: false, issue: { code: "notANumber" } });
  });
});
