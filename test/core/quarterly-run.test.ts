import { dayOf } from "../../src/core/dates";
import { gini } from "../../src/core/gini";
import { snapshotOf } from "../../src/core/history";
import { segment, type Segmentation } from "../../src/core/job";
import { segmentsSheet, summarySheet, type OutputSheet } from "../../src/core/output";
import { doneFromSheet } from "../../src/core/plan-output";
import { DEFAULT_PLAYBOOK, playbookSheet, readPlaybook } from "../../src/core/playbook";
import { renewalRates, saysRenewed } from "../../src/core/renewal";
import { rfmOfClients } from "../../src/core/rfm-clients";

/** The cells of a sheet as it is read back from A1. */
function cellsOf(sheet: OutputSheet): unknown[][] {
  const cells: unknown[][] = [];
  const put = (r: number, c: number, v: unknown) => ((cells[r] ??= [])[c] = v);
  for (const b of sheet.blocks) b.cells.forEach((line, r) => line.forEach((v, c) => put(b.row + r, b.column + c, v)));
  for (const t of sheet.tables) {
    t.columns.forEach((col, c) => put(t.row, t.column + c, col.header));
    t.rows.forEach((line, r) => line.forEach((v, c) => put(t.row + 1 + r, t.column + c, v)));
  }
  return Array.from(cells, (r) => Array.from(r ?? [], (v) => v ?? null));
}

function segmented(header: string[], rows: unknown[][]): Segmentation {
  const r = segment({ source: "S", cells: [header, ...rows], firstRow: 1 }, { version: 1 }, "zh-CN");
  if (!r.ok) throw new Error("segment");
  return r.value;
}

const asOf = dayOf(2026, 9, 30);

describe("RFM in a run, on a small table worked by hand (bins = 2)", () => {
  // recency: days to 2026-09-30 from the last contact, else the policy date
  // C1 10, C2 20, C3 92, C4 183, C5 365 (policy date); C6's frequency is unreadable: not scored
  const result = segmented(
    ["客户编号", "业务员", "保费", "保单数", "最近联系", "投保日期"],
    [
      ["C1", "王", 500, 5, "2026-09-20", null],
      ["C2", "王", 400, 4, "2026-09-10", null],
      ["C3", "李", 300, 1, "2026-06-30", null],
      ["C4", "李", 200, 2, "2026-03-31", null],
      ["C5", "李", 100, 1, null, "2025-09-30"],
      ["C6", "王", 50, "x", "2026-09-01", null],
    ],
  );
  const rfm = rfmOfClients(result, asOf, { bins: 2 })!;

  it("scores by R's rules: the median of five is the third value, cut at it + 1", () => {
    // R: median 92 -> cut 93, 10/20/92 below (score up 1, reversed 2), 183/365 score 1
    // F: 1 1 2 4 5 -> median 2, cut 3: 5 and 4 score 2; M: median 300, cut 301: 500 and 400 score 2
    expect(result.clients.map((c) => c.id)).toEqual(["C1", "C2", "C3", "C4", "C5", "C6"]);
    expect(Array.from(rfm.codes)).toEqual([222, 222, 211, 111, 111, 0]);
    expect(rfm.unscored).toBe(1);
  });

  it("segments by the first rule that holds: 222 loyal, 211 about to sleep, 111 lost", () => {
    expect(rfm.segments).toEqual(["loyalCustomers", "loyalCustomers", "aboutToSleep", "lost", "lost", null]);
    const counts = Object.fromEntries(rfm.figures.filter((f) => f.count > 0).map((f) => [f.label, [f.count, f.value]]));
    expect(counts).toEqual({ loyalCustomers: [2, 900], aboutToSleep: [1, 300], lost: [2, 300] });
  });

  it("says why a client was not scored, as a Data issues row", () => {
    expect(rfm.issues.some((i) => i.row === 7 && i.column === "保单数")).toBe(true);
  });

  it("writes RFM and RFM 分群 on Segments, and the code in the snapshot", () => {
    const table = segmentsSheet(result, new Map(), undefined, rfm).tables[0];
    const at = table.columns.findIndex((c) => c.header === "RFM");
    expect(table.columns[at + 1].header).toBe("RFM 分群");
    expect(table.rows.map((r) => [r[at], r[at + 1]])).toEqual([
      [222, "忠诚客户"],
      [222, "忠诚客户"],
      [211, "即将沉睡客户"],
      [111, "已流失客户"],
      [111, "已流失客户"],
      [null, null],
    ]);
    const snap = snapshotOf(result, "2026-09-30", rfm.codes);
    expect(snap.clients.get("C3")!.rfm).toBe(211);
    expect(snap.clients.get("C6")!.rfm).toBeNull();
  });

  it("is not run without a frequency column", () => {
    const plain = segmented(["客户编号", "保费", "最近联系"], [["A", 1, "2026-09-01"]]);
    expect(rfmOfClients(plain, asOf)).toBeNull();
  });

  it("puts the segment counts and the Gini of value on the Summary", () => {
    const g = gini([500, 400, 300, 200, 100, 50]);
    expect(g.ok).toBe(true);
    const summary = cellsOf(summarySheet(result, "2026-09-30", undefined, [], { rfm, gini: g.ok ? g.value : null }));
    const flat = summary.map((r) => r.join("|"));
    // by hand: ascending 50..500, sum 1550, sum((2i-7) x(i)) = -5*50-3*100-200+300+3*400+5*500 = 3250, G = 3250 / (6*1550)
    expect(flat).toContain(`保费基尼系数（0 = 人人相同）|${Math.round((3250 / 9300) * 10000) / 10000}`);
    expect(flat.some((r) => r.startsWith("忠诚客户|2|900"))).toBe(true);
    // the client without a score has its line: the table adds up to every client segmented
    const unscoredLine = flat.find((r) => r.startsWith("无 RFM 评分"));
    expect(unscoredLine?.split("|")[1]).toBe("1");
    const start = summary.findIndex((r) => r[0] === "RFM 分群");
    expect(start).toBeGreaterThan(0);
    const counts: number[] = [];
    for (let r = start + 1; r < summary.length && summary[r][0] !== null && summary[r][0] !== undefined && summary[r][0] !== ""; r++)
      counts.push(Number(summary[r][1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(result.clients.length);
  });
});

describe("renewal rate on a hand-made Calendar", () => {
  // window 2026-07 .. 2026-09 (the run month and the two before), due on or before 2026-09-30
  const result = segmented(
    ["客户编号", "业务员", "保费", "续期日期", "已续保"],
    [
      ["R1", "王", 100, "2026-07-10", null], // ticked on the Calendar: renewed
      ["R2", "王", 100, "2026-08-05", null], // not ticked: due, not renewed
      ["R3", "李", 100, "2026-09-15", "是"], // the renewed column says so
      ["R4", "李", 100, "2026-09-29", "否"], // ticked on the Calendar
      ["R5", "李", 100, "2026-10-10", null], // after the run date: not due yet
      ["R6", "王", 100, "2026-06-30", "是"], // before the window
    ],
  );
  const calendar = [
    ["日期", "客户编号", "客户姓名", "业务员", "行动", "说明", "完成"],
    ["2026-07-10", "R1", "", "王", "续期缴费", "", "完成"],
    ["2026-08-05", "R2", "", "王", "续期缴费", "", null],
    ["2026-09-29", "R4", "", "李", "续期缴费", "", "完成"],
    ["2026-09-29", "R2", "", "王", "拜访", "", "完成"], // a visit, not a renewal
  ];
  const rates = renewalRates(result, asOf, doneFromSheet(calendar), 0.65)!;

  it("counts due and renewed per owner and month", () => {
    expect(rates.months).toEqual(["2026-07", "2026-08", "2026-09"]);
    expect(rates.lines).toEqual([
      { owner: "王", month: "2026-07", due: 1, renewed: 1 },
      { owner: "王", month: "2026-08", due: 1, renewed: 0 },
      { owner: "李", month: "2026-09", due: 2, renewed: 2 },
    ]);
    expect(rates.owners).toEqual([
      { owner: "王", due: 2, renewed: 1 },
      { owner: "李", due: 2, renewed: 2 },
    ]);
    expect(rates.team).toEqual({ due: 4, renewed: 3 });
  });

  it("shows the per-owner and team rate beside the target on the Summary", () => {
    const rows = cellsOf(summarySheet(result, "2026-09-30", undefined, [], { renewal: rates }));
    const title = rows.findIndex((r) => r[0] === "续保率（2026-07 – 2026-09，目标 65%）");
    expect(title).toBeGreaterThan(0);
    expect(rows.slice(title + 2, title + 7)).toEqual([
      ["王", "2026-07", 1, 1, 1, 0.65],
      ["王", "2026-08", 1, 0, 0, 0.65],
      ["王", "2026-07 – 2026-09", 2, 1, 0.5, 0.65],
      ["李", "2026-09", 2, 2, 1, 0.65],
      ["李", "2026-07 – 2026-09", 2, 2, 1, 0.65],
    ]);
    expect(rows[title + 7]).toEqual(["团队", "2026-07 – 2026-09", 4, 3, 0.75, 0.65]);
  });

  it("window across a year end, and no table without a renewal date column", () => {
    expect(renewalRates(result, dayOf(2027, 1, 5), new Map())!.months).toEqual(["2026-11", "2026-12", "2027-01"]);
    expect(renewalRates(segmented(["客户编号", "保费"], [["A", 1]]), asOf, new Map())).toBeNull();
  });

  it("reads a renewed column's yes and no", () => {
    expect(["是", "已缴费", "Y", "paid", true, 1, "2026-09-01"].map(saysRenewed)).toEqual([true, true, true, true, true, true, true]);
    expect(["否", "未缴", "", null, 0, false].map(saysRenewed)).toEqual([false, false, false, false, false, false]);
  });
});

describe("the Playbook's RFM segments and renewal target", () => {
  it("are written with the defaults and read back as written", () => {
    const read = readPlaybook(cellsOf(playbookSheet(DEFAULT_PLAYBOOK, "en-US")), "zh-CN");
    expect(read.issues).toEqual([]);
    expect(read.playbook.rfmSegments).toEqual(DEFAULT_PLAYBOOK.rfmSegments);
    expect(read.playbook.renewalTarget).toBeNull();
  });

  it("take the manager's edits; an invalid bound is a Data issues row and the default rule", () => {
    const cells = cellsOf(playbookSheet(DEFAULT_PLAYBOOK, "zh-CN"));
    const head = cells.findIndex((r) => r[0] === "RFM 分群");
    cells[head + 1][2] = 4; // champions: R 5..4 is not a range
    cells[head + 2][0] = "潜力股"; // potential loyalist renamed: a segment of the manager's
    const target = cells.findIndex((r) => r[0] === "续保率目标（如 65%，留空为不设）");
    cells[target][1] = "65%";
    const read = readPlaybook(cells, "zh-CN");
    expect(read.playbook.rfmSegments[0]).toEqual(DEFAULT_PLAYBOOK.rfmSegments[0]);
    expect(read.playbook.rfmSegments[1]).toEqual({ ...DEFAULT_PLAYBOOK.rfmSegments[1], segment: "潜力股" });
    expect(read.playbook.renewalTarget).toBe(0.65);
    expect(read.issues).toHaveLength(1);
    expect(read.issues[0].row).toBe(head + 2);
  });
});
