import {
  addMonths,
  dayOf,
  isoOf,
  localIsoDate,
  nextAnniversary,
  nextPeriodStart,
  nextQuarterStart,
  parseRunDate,
  partsOf,
  readDate,
  serialOf,
} from "../../src/core/dates";

const d = (y: number, m: number, day: number) => dayOf(y, m, day);

describe("readDate", () => {
  it.each([
    ["1985-03-07", "1985-03-07"],
    ["1985/3/7", "1985-03-07"],
    ["1985.3.7", "1985-03-07"],
    ["1985年3月7日", "1985-03-07"],
    ["1985 年 3 月 7 号", "1985-03-07"],
    ["１９８５年３月７日", "1985-03-07"],
    ["19850307", "1985-03-07"],
    ["3/7/1985", "1985-03-07"],
    ["7 Mar 1985", "1985-03-07"],
    ["7-Mar-1985", "1985-03-07"],
    ["March 7, 1985", "1985-03-07"],
    ["Mar 7th 1985", "1985-03-07"],
    ["1985-03-07 14:30", "1985-03-07"],
    ["1985-03-07T00:00:00Z", "1985-03-07"],
  ])("%s is %s", (text, iso) => {
    const r = readDate(text);
    expect(r.kind).toBe("date");
    if (r.kind === "date") {
      expect(isoOf(r.day)).toBe(iso);
      expect(r.fromText).toBe(true);
    }
  });
  it("reads Excel serial numbers (Office.js) and Date cells (ExcelJS) as calendar days", () => {
    expect(readDate(31113)).toEqual({ kind: "date", day: d(1985, 3, 7), fromText: false });
    expect(readDate(31113.75)).toEqual({ kind: "date", day: d(1985, 3, 7), fromText: false });
    expect(readDate(new Date(Date.UTC(1985, 2, 7)))).toEqual({ kind: "date", day: d(1985, 3, 7), fromText: false });
    expect(serialOf(d(1985, 3, 7))).toBe(31113);
    expect(serialOf(d(1900, 3, 1))).toBe(61);
  });
  it("refuses impossible dates and says how to write one", () => {
    for (const bad of ["1985-02-30", "2023-02-29", "13/45/1985", "next week", "1985-13-01", 12, "#N/A"]) {
      expect(readDate(bad).kind).toBe("issue");
    }
    expect(readDate("2024-02-29").kind).toBe("date");
    expect(readDate(null)).toEqual({ kind: "blank" });
    expect(readDate("  ")).toEqual({ kind: "blank" });
  });
  it("parses the run date strictly", () => {
    expect(parseRunDate("2026-01-15")).toBe(d(2026, 1, 15));
    expect(parseRunDate("2026-1-15")).toBeUndefined();
    expect(parseRunDate("2026-02-30")).toBeUndefined();
  });
});

describe("date rules", () => {
  it("next birthday on or after the run date, 29 February on 28 February in other years", () => {
    expect(isoOf(nextAnniversary(d(1985, 3, 7), d(2026, 1, 15)))).toBe("2026-03-07");
    expect(isoOf(nextAnniversary(d(1985, 1, 15), d(2026, 1, 15)))).toBe("2026-01-15");
    expect(isoOf(nextAnniversary(d(1985, 1, 14), d(2026, 1, 15)))).toBe("2027-01-14");
    expect(isoOf(nextAnniversary(d(1988, 2, 29), d(2026, 1, 15)))).toBe("2026-02-28");
    expect(isoOf(nextAnniversary(d(1988, 2, 29), d(2027, 3, 1)))).toBe("2028-02-29");
  });
  it("crosses the year end", () => {
    expect(isoOf(nextAnniversary(d(1990, 1, 2), d(2026, 12, 31)))).toBe("2027-01-02");
    expect(isoOf(nextAnniversary(d(1990, 12, 31), d(2026, 12, 31)))).toBe("2026-12-31");
    expect(isoOf(nextQuarterStart(d(2026, 12, 31)))).toBe("2027-01-01");
    expect(isoOf(nextQuarterStart(d(2026, 1, 15)))).toBe("2026-04-01");
    expect(isoOf(nextQuarterStart(d(2026, 4, 1)))).toBe("2026-07-01");
  });
  it("the first anniversary is a year after the date itself, never the date", () => {
    expect(isoOf(nextAnniversary(d(2026, 6, 1), d(2026, 1, 15)))).toBe("2027-06-01");
    expect(isoOf(nextAnniversary(d(2026, 1, 15), d(2026, 1, 15)))).toBe("2027-01-15");
    expect(isoOf(nextAnniversary(d(2025, 1, 15), d(2026, 1, 15)))).toBe("2026-01-15");
  });
  it("periods are fixed in the calendar: quarters, half-years, months", () => {
    expect(isoOf(nextPeriodStart(d(2026, 1, 15), 6))).toBe("2026-07-01");
    expect(isoOf(nextPeriodStart(d(2026, 7, 1), 6))).toBe("2027-01-01");
    expect(isoOf(nextPeriodStart(d(2026, 1, 31), 1))).toBe("2026-02-01");
    expect(isoOf(nextPeriodStart(d(2026, 5, 20), 12))).toBe("2027-01-01");
    expect(isoOf(nextPeriodStart(d(2026, 2, 10), 3))).toBe(isoOf(nextPeriodStart(d(2026, 3, 31), 3)));
  });
  it("adds months keeping the day, or the month's last day", () => {
    expect(isoOf(addMonths(d(2026, 1, 31), 1))).toBe("2026-02-28");
    expect(isoOf(addMonths(d(2024, 1, 31), 1))).toBe("2024-02-29");
    expect(isoOf(addMonths(d(2025, 11, 30), 3))).toBe("2026-02-28");
    expect(isoOf(addMonths(d(2026, 10, 15), 12))).toBe("2027-10-15");
  });
});

describe("calendar arithmetic agrees with the JavaScript calendar", () => {
  it("dayOf, partsOf and isoOf for 400 years of days (one full Gregorian cycle)", () => {
    let mismatches = 0;
    for (let day = dayOf(1900, 1, 1); day < dayOf(2300, 1, 1); day++) {
      const js = new Date(day * 86_400_000);
      const p = partsOf(day);
      if (p.year !== js.getUTCFullYear() || p.month !== js.getUTCMonth() + 1 || p.date !== js.getUTCDate()) mismatches++;
      if (dayOf(p.year, p.month, p.date) !== day) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(isoOf(dayOf(2000, 2, 29))).toBe("2000-02-29");
    expect(isoOf(dayOf(1969, 12, 31))).toBe("1969-12-31");
  });
  it("localIsoDate is the local calendar date, not the UTC one", () => {
    expect(localIsoDate(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
    expect(localIsoDate(new Date(2026, 11, 31, 0, 1))).toBe("2026-12-31");
  });
});
