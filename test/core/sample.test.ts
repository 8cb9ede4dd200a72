import { parseRunDate, readDate } from "../../src/core/dates";
import { segment } from "../../src/core/job";
import { planClients } from "../../src/core/plan";
import { DEFAULT_PLAYBOOK } from "../../src/core/playbook";
import { sampleBook, SAMPLE_HEADER, type SampleBook } from "../../src/core/sample";

const RENEWAL = 6;
const LAST_CONTACT = 7;
const dayOfCell = (v: unknown) => {
  const d = readDate(v);
  return d.kind === "date" ? d.day : undefined;
};
const clients = (book: SampleBook) => book.rows.filter((r) => r.some((c) => c !== null));

describe("the sample is alive on any run date", () => {
  it.each(["2026-01-01", "2026-11-25", "2031-07-15", "2024-02-29"])(
    "for %s: renewals in the coming year, last contacts in the months before, some with none",
    (asOfText) => {
      const asOf = parseRunDate(asOfText)!;
      const book = sampleBook(300, 20260101, { asOf: asOfText });
      const renewals = clients(book).map((r) => dayOfCell(r[RENEWAL])!);
      expect(renewals.every((d) => d >= asOf - 1 && d < asOf + 366)).toBe(true);
      // spread over the year, not bunched: every quarter ahead has some
      for (let q = 0; q < 4; q++) expect(renewals.filter((d) => d >= asOf + q * 91 && d < asOf + (q + 1) * 91).length).toBeGreaterThan(30);
      const contacts = clients(book).map((r) => r[LAST_CONTACT]);
      expect(contacts.filter((c) => c === null)).toHaveLength(3);
      for (const c of contacts.filter((c) => c !== null)) {
        const d = dayOfCell(c)!;
        expect(d).toBeLessThanOrEqual(asOf);
        expect(asOf - d).toBeLessThan(220);
      }
      expect(book.title).toContain(asOfText.slice(0, 4));
    },
  );

  it("gives a few overdue visits, not nearly all, whatever the run date", () => {
    for (const asOfText of ["2026-01-01", "2026-11-25", "2029-06-30"]) {
      const book = sampleBook(300, 20260101, { asOf: asOfText });
      const result = segment({ source: book.sheetName, cells: [book.header, ...book.rows], firstRow: 2 }, { version: 1 }, "zh-CN");
      if (!result.ok) throw new Error(result.issue.code);
      const plans = planClients(result.value, { asOf: parseRunDate(asOfText)!, playbook: DEFAULT_PLAYBOOK, done: new Map() });
      const visits = plans.calendar.filter((a) => a.kind === "visit");
      const overdue = visits.filter((a) => a.overdue).length;
      const undated = visits.filter((a) => a.undated).length;
      expect(undated).toBe(3);
      expect(overdue).toBeGreaterThan(5);
      expect(overdue / visits.length).toBeLessThan(0.5);
    }
  });

  it("is the same book for the same seed and run date, and the 2026-01-01 book by default", () => {
    expect(sampleBook(300, 20260101, { asOf: "2026-11-25" })).toEqual(sampleBook(300, 20260101, { asOf: "2026-11-25" }));
    expect(sampleBook()).toEqual(sampleBook(300, 20260101, { asOf: "2026-01-01" }));
    expect(sampleBook(300, 20260101, { asOf: "2026-11-25" })).not.toEqual(sampleBook());
  });

  it("in English has English headers that the run reads, every model with them", () => {
    const book = sampleBook(300, 20260101, { lang: "en-US" });
    expect(book.sheetName).toBe("Clients");
    expect(book.header).not.toEqual([...SAMPLE_HEADER]);
    expect(book.header.join(" ")).not.toMatch(/[\u4e00-\u9fff]/);
    const result = segment({ source: book.sheetName, cells: [book.header, ...book.rows], firstRow: 2 }, { version: 1 }, "en-US");
    if (!result.ok) throw new Error(result.issue.code);
    const fields = result.value.columns.map((c) => c.field).sort();
    expect(fields).toEqual(
      [
        "ability",
        "awareness",
        "birthDate",
        "economic",
        "id",
        "lastContact",
        "mobility",
        "name",
        "owner",
        "policyDate",
        "policyQuality",
        "renewalDate",
        "satisfaction",
        "value",
        "willingness",
      ].sort(),
    );
    expect(result.value.tiers.length).toBeGreaterThan(0);
    expect(result.value.classes.length).toBeGreaterThan(0);
    expect(result.value.quadrants.length).toBeGreaterThan(0);
  });
});
