import fc from "fast-check";
import { historyFromSheet, historySheet, withSnapshot, type History, type Snapshot, type SnapshotRow } from "../../src/core/history";
import { changesSheet, migrate, movers, unmatched } from "../../src/core/migration";
import type { OutputSheet } from "../../src/core/output";

const row = (
  tier: string | null,
  owner = "王",
  value: number | null = 100,
  reviewClass: string | null = "A",
  quadrant: string | null = "宠爱",
): SnapshotRow => ({ tier, reviewClass, quadrant, value, owner, rfm: null });
const snap = (date: string, rows: Record<string, SnapshotRow>): Snapshot => ({ date, clients: new Map(Object.entries(rows)) });

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

describe("migration between two snapshots (cohort method)", () => {
  // worked by hand: K1 关键→重点 (dropped out? no: 重点 is still top two), K2 重点→一般 (dropped out),
  // K3 一般→一般, K4 gone (was 维持), K5 new (关键), K6 一般→关键 (up)
  const before = snap("2026-08-22", {
    K1: row("关键", "王", 500),
    K2: row("重点", "李", 300),
    K3: row("一般", "王", 100),
    K4: row("维持", "李", 10),
    K6: row("一般", "王", 120),
  });
  const after = snap("2026-11-22", {
    K1: row("重点", "王", 450),
    K2: row("一般", "李", 150),
    K3: row("一般", "王", 90),
    K5: row("关键", "李", 800),
    K6: row("关键", "王", 900),
  });
  const order = ["关键", "重点", "一般", "维持"];

  it("counts clients and value from-to, with a new row and a gone column", () => {
    const m = migrate(before, after, "tier", order);
    expect(m.labels).toEqual(order);
    expect(m.clients).toEqual([
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [1, 0, 1, 0],
      [0, 0, 0, 0],
    ]);
    // values are the later run's for clients in both
    expect(m.value[0][1]).toBe(450);
    expect(m.value[2][0]).toBe(900);
    expect(m.newClients).toEqual([1, 0, 0, 0]);
    expect(m.newValue).toEqual([800, 0, 0, 0]);
    expect(m.goneClients).toEqual([0, 0, 0, 1]);
    expect(m.goneValue).toEqual([0, 0, 0, 10]);
  });

  it("lists the movers by owner, those who dropped out of the top two first, and the ids only one run had", () => {
    expect(movers(before, after, "tier", ["关键", "重点"]).map((m) => [m.owner, m.id, m.from, m.to, m.droppedOut])).toEqual([
      ["李", "K2", "重点", "一般", true],
      ["王", "K6", "一般", "关键", false],
      ["王", "K1", "关键", "重点", false],
    ]);
    expect(unmatched(before, after)).toEqual({ added: ["K5"], gone: ["K4"] });
  });

  it("an id typed differently between quarters is one gone and one new, both listed", () => {
    const a = snap("2026-08-22", { "KH 001": row("关键") });
    const b = snap("2026-11-22", { KH001: row("关键") });
    expect(unmatched(a, b)).toEqual({ added: ["KH001"], gone: ["KH 001"] });
    const sheet = changesSheet(a, b, { tier: ["关键"], reviewClass: ["A"], quadrant: ["宠爱"] }, ["关键"], "zh-CN");
    expect(sheet.tables.find((t) => t.name === "ClientLadder_Unmatched")!.rows).toEqual([
      ["KH001", "本次新增"],
      ["KH 001", "本次不在"],
    ]);
  });

  it("property: each matrix row sums, with the gone column, to the clients of the earlier snapshot with that label", () => {
    const labels = ["A", "B", "C", null];
    const snapArb = (date: string) =>
      fc
        .dictionary(fc.constantFrom(...Array.from({ length: 30 }, (_, i) => `C${i}`)), fc.constantFrom(...labels))
        .map((d) => snap(date, Object.fromEntries(Object.entries(d).map(([id, l]) => [id, row(l)]))));
    fc.assert(
      fc.property(snapArb("2026-01-01"), snapArb("2026-04-01"), (a, b) => {
        const m = migrate(a, b, "tier", ["A", "B", "C"]);
        m.labels.forEach((label, i) => {
          const earlier = [...a.clients.values()].filter((r) => r.tier === label).length;
          expect(m.clients[i].reduce((s, x) => s + x, 0) + m.goneClients[i]).toBe(earlier);
        });
        const total = m.clients.flat().reduce((s, x) => s + x, 0) + m.newClients.reduce((s, x) => s + x, 0);
        expect(total).toBe(b.clients.size);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the history sheet", () => {
  const one = (date: string, tier: string) => snap(date, { K1: row(tier, "王", 100), K2: row("一般", "李", 50) });

  it("adds a run's snapshot, replaces the snapshot of the same date, never duplicates it", () => {
    let h: History = { snapshots: [], older: [] };
    h = withSnapshot(h, one("2026-05-01", "关键"));
    h = withSnapshot(h, one("2026-08-01", "重点"));
    h = withSnapshot(h, one("2026-08-01", "一般"));
    expect(h.snapshots.map((s) => s.date)).toEqual(["2026-08-01", "2026-05-01"]);
    expect(h.snapshots[0].clients.get("K1")!.tier).toBe("一般");
  });

  it("keeps the last N runs and summarises the older ones", () => {
    let h: History = { snapshots: [], older: [] };
    for (let m = 1; m <= 10; m++) h = withSnapshot(h, one(`2026-${String(m).padStart(2, "0")}-01`, "关键"), 8);
    expect(h.snapshots).toHaveLength(8);
    expect(h.snapshots[7].date).toBe("2026-03-01");
    expect(h.older.filter((l) => l.field === "tier").map((l) => [l.date, l.label, l.clients])).toEqual([
      ["2026-02-01", "关键", 1],
      ["2026-02-01", "一般", 1],
      ["2026-01-01", "关键", 1],
      ["2026-01-01", "一般", 1],
    ]);
  });

  it.each(["zh-CN", "en-US"] as const)("reads back what it wrote (%s), snapshots and older lines", (lang) => {
    let h: History = { snapshots: [], older: [] };
    for (let m = 1; m <= 4; m++) h = withSnapshot(h, one(`2026-0${m}-01`, m % 2 ? "关键" : "重点"), 3);
    const back = historyFromSheet(cellsOf(historySheet(h, lang)));
    expect(back.snapshots.map((s) => s.date)).toEqual(h.snapshots.map((s) => s.date));
    expect(back.snapshots.map((s) => [...s.clients.entries()])).toEqual(h.snapshots.map((s) => [...s.clients.entries()]));
    expect(back.older).toEqual(h.older);
  });
});
