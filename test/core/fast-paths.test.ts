/*
 * The job at a million clients takes shortcuts: list order by one native sort, ids indexed in
 * typed arrays, the calendar by a counting sort, target lists without a full sort, dates from
 * serials without an object, cached ISO texts. Each is checked here against the plain rule it
 * replaces, on random books with ties, zeros, blanks, repeats and text.
 */
import fc from "fast-check";
import { dayOf, dayOfSerial, isoOf, partsOf, readDate, serialOf } from "../../src/core/dates";
import { FirstRows, segment, type Segmentation, type SegmentedClient } from "../../src/core/job";
import { ACTIONS, ActionPhrases, actionsLine, planClients, type Action, type ClientPlan } from "../../src/core/plan";
import { DEFAULT_PLAYBOOK } from "../../src/core/playbook";
import { QUADRANTS } from "../../src/core/quadrant";

const HEADER = [
  "客户编号",
  "客户姓名",
  "业务员",
  "保费",
  "能力",
  "意愿",
  "保单品质",
  "保险意识",
  "满意度",
  "经济条件",
  "流动性",
  "出生日期",
  "投保日期",
  "续期日期",
  "最近联系",
];
const asOf = dayOf(2026, 1, 15);

const premium = fc.oneof(
  fc.constantFrom(0, 100, 100, 5000, null, "", "1.5万", "1,200", "abc", -0, -5),
  fc.integer({ min: 0, max: 2_000_000 }),
  fc.double({ min: 0, max: 1e9, noNaN: true }),
);
const date = fc.oneof(
  fc.constantFrom(null, "", "not a date", "2024-02-29", "1985年3月7日", 60, 0),
  fc.integer({ min: 18264, max: 47000 }),
  fc.integer({ min: dayOf(2000, 1, 1), max: dayOf(2030, 1, 1) }).map((d) => isoOf(d)),
);
const row = fc.tuple(
  fc.constantFrom("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "", "合计", " C1 "),
  fc.constantFrom("甲", "乙", "丙"),
  fc.constantFrom("王", "李", "张", ""),
  premium,
  fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(null)),
  fc.oneof(fc.integer({ min: 1, max: 10 }), fc.constant("x")),
  ...[0, 1, 2, 3, 4].map(() => fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(null), fc.constant(9))),
  date,
  date,
  date,
  date,
);
// ids C1..C8 repeat: make most unique by row number, keep some repeats
const book = fc
  .array(row, { minLength: 1, maxLength: 60 })
  .map((rows) => rows.map((r, i) => [i % 7 === 3 ? r[0] : r[0] && r[0] !== "合计" ? `${r[0]}-${i}` : r[0], ...r.slice(1)]));

function segmented(rows: unknown[][]): Segmentation | null {
  const r = segment({ source: "S", cells: [HEADER, ...rows], firstRow: 1 }, { version: 1 }, "zh-CN");
  return r.ok ? r.value : null;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe("segment: list order, ranks and figures as the plain rules give them", () => {
  it("largest first, ties by source row, then clients without a value by source row", () => {
    fc.assert(
      fc.property(book, (rows) => {
        const r = segmented(rows);
        if (!r) return;
        const valued = r.clients.filter((c) => c.value !== null);
        const reference = [...valued].sort((a, b) => b.value! - a.value! || a.sourceRow - b.sourceRow);
        const rest = r.clients.filter((c) => c.value === null).sort((a, b) => a.sourceRow - b.sourceRow);
        expect(r.clients.map((c) => c.sourceRow)).toEqual([...reference, ...rest].map((c) => c.sourceRow));
        reference.forEach((c, i) => {
          expect(c.rank).toBe(i > 0 && reference[i - 1].value === c.value ? reference[i - 1].rank : i + 1);
          expect(c.cumulativeShare).toBe(r.curve && r.curve.total > 0 ? r.curve.cumulative[i + 1] / r.curve.total : null);
        });
        for (const c of rest) expect([c.rank, c.cumulativeShare, c.tier, c.tierIndex]).toEqual([null, null, null, null]);
      }),
      { numRuns: 300 },
    );
  });

  it("tier, class and quadrant figures are the counts and sums a filter per group gives", () => {
    fc.assert(
      fc.property(book, (rows) => {
        const r = segmented(rows);
        if (!r) return;
        // a filter of the Segments list (largest first): summed in that order, row order cannot change a figure
        const list = r.clients;
        const sum = (list: SegmentedClient[]) => list.reduce((s, c) => s + (c.value ?? 0), 0);
        const valued = r.clients.filter((c) => c.value !== null);
        r.tiers.forEach((g, i) => {
          const inTier = valued.filter((c) => c.tierIndex === i);
          expect([g.count, g.value]).toEqual([inTier.length, sum(inTier)]);
        });
        r.classes.forEach((g) => {
          const inClass = list.filter((c) => c.reviewClass === g.label);
          expect([g.count, g.value]).toEqual([inClass.length, sum(inClass)]);
        });
        r.quadrants.forEach((g) => {
          const inQ = list.filter((c) => c.quadrant === g.quadrant);
          expect([g.count, g.value]).toEqual([inQ.length, sum(inQ)]);
        });
        expect(r.quadrants.map((g) => g.quadrant)).toEqual(r.quadrants.length ? [...QUADRANTS] : []);
      }),
      { numRuns: 300 },
    );
  });

  it("a total row is recognised in full-width letters, with a full-width colon or an ideographic space", () => {
    for (const word of ["ｔｏｔａｌ", "Ｔｏｔａｌ：", "合计　", " 小计:", "Grand Total"]) {
      const r = segmented([
        ["C1", "甲", "王", 100],
        [word, "", "", 100],
      ]);
      expect(r?.issues.filter((i) => i.issue.code === "totalRow").map((i) => i.row)).toEqual([3]);
      expect(r?.clients.map((c) => c.id)).toEqual(["C1"]);
    }
    // a word that only contains one is a client
    const r = segmented([
      ["C1", "甲", "王", 100],
      ["合计A", "", "", 100],
      ["sum1", "", "", 1],
    ]);
    expect(r?.clients.map((c) => c.id)).toEqual(["C1", "合计A", "sum1"]);
  });
});

describe("FirstRows: the row each id was first seen on", () => {
  it("answers as a Map would, through growth and hash collisions", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom("a", "b", "客户", "")), { maxLength: 400 }), fc.nat(64), (ids, expected) => {
        const index = new FirstRows(expected);
        const map = new Map<string, number>();
        ids.forEach((id, row) => {
          const seen = map.get(id);
          if (seen === undefined) map.set(id, row);
          expect(index.firstOrAdd(id, row)).toBe(seen);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("plans: calendar, targets and lines as the plain rules give them", () => {
  const referenceCalendar = (plans: readonly ClientPlan[]): Action[] => {
    const all = plans.flatMap((p, i) => p.actions.map((a) => ({ a, i })));
    all.sort((x, y) => x.a.day - y.a.day || compare(x.a.client.owner, y.a.client.owner) || x.i - y.i || ACTIONS.indexOf(x.a.kind) - ACTIONS.indexOf(y.a.kind));
    return all.map((x) => x.a);
  };

  it("actions of a plan by day, then kind; the calendar by date, owner, place in the list, kind", () => {
    fc.assert(
      fc.property(book, fc.integer({ min: dayOf(1990, 1, 1), max: dayOf(2040, 1, 1) }), (rows, runDate) => {
        const r = segmented(rows);
        if (!r) return;
        const plans = planClients(r, { asOf: runDate, playbook: DEFAULT_PLAYBOOK });
        for (const p of plans.plans) {
          const sorted = [...p.actions].sort((a, b) => a.day - b.day || ACTIONS.indexOf(a.kind) - ACTIONS.indexOf(b.kind));
          expect(p.actions).toEqual(sorted);
        }
        expect(plans.calendar).toEqual(referenceCalendar(plans.plans));
      }),
      { numRuns: 300 },
    );
  });

  it("the calendar keeps its order when the dates span centuries (the packed-key path)", () => {
    const rows = [
      ["C1", "甲", "王", 100, 5, 5, 1, 1, 1, 1, 1, 100, 110000, null, 100],
      ["C2", "乙", "李", 100, 5, 5, 1, 1, 1, 1, 1, 110000, 100, 100, null],
      ["C3", "丙", "王", 50, 5, 5, 1, 1, 1, 1, 1, null, null, null, 109000],
    ];
    const r = segmented(rows)!;
    const plans = planClients(r, { asOf: dayOf(1901, 1, 1), playbook: DEFAULT_PLAYBOOK });
    expect(plans.calendar).toEqual(referenceCalendar(plans.plans));
  });

  it("target lists are the first ten of a full stable sort; due-soon counts per owner", () => {
    fc.assert(
      fc.property(book, fc.nat(4), fc.nat(4), (rows, renewal, newBusiness) => {
        const r = segmented(rows);
        if (!r) return;
        const plans = planClients(r, { asOf, playbook: DEFAULT_PLAYBOOK, targets: { renewal, newBusiness } });
        const dueOf = (p: ClientPlan) => p.actions.find((a) => a.kind === "renewal")?.day ?? p.actions.find((a) => a.kind === "anniversary")?.day ?? null;
        const priority = (p: ClientPlan) => (p.client.quadrant ? QUADRANTS.indexOf(p.client.quadrant) : QUADRANTS.length);
        const top = plans.plans.filter((p) => p.client.tierIndex !== null && p.client.tierIndex <= 1);
        const expected: unknown[] = [];
        for (const owner of [...new Set(top.map((p) => p.client.owner))].sort(compare)) {
          const mine = top.filter((p) => p.client.owner === owner);
          mine
            .filter((p) => dueOf(p) !== null)
            .sort((a, b) => (b.client.value ?? 0) - (a.client.value ?? 0) || dueOf(a)! - dueOf(b)! || compare(a.client.id, b.client.id))
            .slice(0, renewal)
            .forEach((p, i) => expected.push([owner, "renewal", i + 1, p.client.id, dueOf(p)]));
          [...mine]
            .sort(
              (a, b) =>
                priority(a) - priority(b) ||
                (b.client.score ?? -1) - (a.client.score ?? -1) ||
                (b.client.value ?? 0) - (a.client.value ?? 0) ||
                compare(a.client.id, b.client.id),
            )
            .slice(0, newBusiness)
            .forEach((p, i) => expected.push([owner, "newBusiness", i + 1, p.client.id, null]));
        }
        expect(plans.targets.map((t) => [t.owner, t.list, t.place, t.client.id, t.due])).toEqual(expected);
        const owners = [...new Set(plans.plans.map((p) => p.client.owner))].sort(compare);
        expect(plans.dueSoon).toEqual(
          owners.map((owner) => {
            const actions = plans.plans.filter((p) => p.client.owner === owner).flatMap((p) => p.actions);
            const days = actions.map((a) => a.day - asOf);
            return {
              owner,
              overdue: days.filter((d) => d < 0).length,
              within7: days.filter((d) => d >= 0 && d < 7).length,
              days8to30: days.filter((d) => d >= 7 && d < 30).length,
            };
          }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("an actions line is each action's words and date, joined", () => {
    const r = segmented([["C1", "甲", "王", 100, 5, 5, 1, 1, 1, 1, 1, "1988-02-29", "2020-05-01", "2026-01-01", "2020-01-01"]])!;
    const [plan] = planClients(r, { asOf, playbook: DEFAULT_PLAYBOOK }).plans;
    const words = { birthday: "生日", anniversary: "周年", renewal: "续期", visit: "拜访", review: "复核" };
    const reference = plan.actions.map((a) => `${words[a.kind]} ${a.undated ? "尽快" : isoOf(a.day)}${a.overdue ? "（逾期）" : ""}`);
    expect(actionsLine(plan.actions, "zh-CN", words, "（逾期）", "尽快")).toBe(reference.join("；"));
    expect(actionsLine(plan.actions, "en-US", words, " (overdue)", "now")).toBe(
      plan.actions.map((a) => `${words[a.kind]} ${a.undated ? "now" : isoOf(a.day)}${a.overdue ? " (overdue)" : ""}`).join("; "),
    );
  });
});

describe("ActionPhrases: one phrase per kind, date and overdue mark, shared by every line", () => {
  it("gives each line the plain rule's text, for days that share a slot and for marks that differ", () => {
    const words = { birthday: "生日", anniversary: "周年", renewal: "续期", visit: "拜访", review: "复核" };
    const kinds = fc.constantFrom(...ACTIONS);
    const day = fc.constantFrom(0, 4096, -4096, 8192, asOf, asOf + 4096, asOf - 1, dayOf(1900, 3, 1));
    const action = fc.record({ day, kind: kinds, overdue: fc.boolean(), undated: fc.boolean() });
    fc.assert(
      fc.property(fc.array(fc.array(action, { maxLength: 6 }), { maxLength: 30 }), (lines) => {
        const phrases = new ActionPhrases("en-US", words, " (overdue)", "now");
        for (const line of lines) {
          const actions = line.map((a) => ({ ...a, client: null as unknown as SegmentedClient }));
          const reference = actions.map((a) => `${words[a.kind]} ${a.undated ? "now" : isoOf(a.day)}${a.overdue ? " (overdue)" : ""}`).join("; ");
          expect(phrases.line(actions)).toBe(reference);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("dates: the serial fast path and the ISO cache", () => {
  it("dayOfSerial agrees with readDate on numbers and defers everything else", () => {
    for (const cell of [61, 60, 120000, 120001, 46348.75, -1, NaN, Infinity, "46348", null, new Date(Date.UTC(2026, 0, 1))]) {
      const day = dayOfSerial(cell);
      const read = readDate(cell);
      if (Number.isNaN(day)) expect(typeof cell !== "number" || read.kind === "issue").toBe(true);
      else expect(read).toEqual({ kind: "date", day, fromText: false });
    }
  });

  it("isoOf gives the right text for days that share a cache slot, before and after 1970", () => {
    for (const day of [0, 4096, -4096, 8192, dayOf(2026, 11, 22), dayOf(2026, 11, 22) + 4096, dayOf(1900, 3, 1), 0]) {
      const { year, month, date } = partsOf(day);
      expect(isoOf(day)).toBe(`${year}-${String(month).padStart(2, "0")}-${String(date).padStart(2, "0")}`);
    }
    expect(isoOf(serialOf(0) - 25569)).toBe("1970-01-01");
  });
});
