/*
 * What moved between two snapshots (issue 11): from-to matrices of tier, class and quadrant, in
 * clients and in value, by the cohort method — the clients present in both snapshots are the cells
 * of the matrix; a client only in the later one is on the "new" row, one only in the earlier one in
 * the "gone" column. Clients are matched by id as the run matches them (the trimmed text of the id
 * cell), so an id typed differently between quarters is one client gone and one new: both listed.
 */
import type { Snapshot, SnapshotRow } from "./history";
import type { Lang } from "./lang";
import type { CellValue, OutputBlock, OutputSheet, OutputTable } from "./output";
import { fill } from "./template";
import { FIELD_NAMES, SHEET_NAMES, WORDS } from "./vocabulary";

export type MigrationField = "tier" | "reviewClass" | "quadrant";

export interface Migration {
  field: MigrationField;
  /** the labels of the rows and columns, in the order given, then any others met, then "none" (null) */
  labels: (string | null)[];
  /** clients[from][to] and value[from][to], for clients in both snapshots */
  clients: number[][];
  value: number[][];
  /** clients only in the later snapshot, by their label there */
  newClients: number[];
  newValue: number[];
  /** clients only in the earlier snapshot, by their label there */
  goneClients: number[];
  goneValue: number[];
}

const valueOf = (row: SnapshotRow) => (row.value !== null && Number.isFinite(row.value) ? row.value : 0);

/**
 * The from-to matrix of `field` between `from` (earlier) and `to` (later). Values are the later
 * snapshot's for clients in both and for new ones, the earlier one's for gone ones.
 */
export function migrate(from: Snapshot, to: Snapshot, field: MigrationField, order: readonly string[] = []): Migration {
  const labels: (string | null)[] = [...order];
  const indexOf = (label: string | null) => {
    let at = labels.indexOf(label);
    if (at < 0) {
      labels.push(label);
      at = labels.length - 1;
    }
    return at;
  };
  // every label met, so the matrix is square before it is filled
  for (const s of [from, to]) for (const row of s.clients.values()) indexOf(row[field]);
  // "none" last
  const none = labels.indexOf(null);
  if (none >= 0 && none !== labels.length - 1) labels.push(...labels.splice(none, 1));
  const n = labels.length;
  const square = () => Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const m: Migration = {
    field,
    labels,
    clients: square(),
    value: square(),
    newClients: new Array(n).fill(0),
    newValue: new Array(n).fill(0),
    goneClients: new Array(n).fill(0),
    goneValue: new Array(n).fill(0),
  };
  for (const [id, before] of from.clients) {
    const after = to.clients.get(id);
    const a = labels.indexOf(before[field]);
    if (!after) {
      m.goneClients[a]++;
      m.goneValue[a] += valueOf(before);
      continue;
    }
    const b = labels.indexOf(after[field]);
    m.clients[a][b]++;
    m.value[a][b] += valueOf(after);
  }
  for (const [id, after] of to.clients) {
    if (from.clients.has(id)) continue;
    const b = labels.indexOf(after[field]);
    m.newClients[b]++;
    m.newValue[b] += valueOf(after);
  }
  return m;
}

export interface Mover {
  id: string;
  owner: string;
  from: string | null;
  to: string | null;
  /** the client was in one of the top labels and is not any more */
  droppedOut: boolean;
  value: number | null;
}

/**
 * The clients of both snapshots whose `field` changed, grouped by their owner now (owners in
 * order of name), those who dropped out of `top` (key and important) first in each group, then by
 * value, largest first.
 */
export function movers(from: Snapshot, to: Snapshot, field: MigrationField, top: readonly string[]): Mover[] {
  const list: Mover[] = [];
  for (const [id, after] of to.clients) {
    const before = from.clients.get(id);
    if (!before || before[field] === after[field]) continue;
    const droppedOut = before[field] !== null && top.includes(before[field]!) && (after[field] === null || !top.includes(after[field]!));
    list.push({ id, owner: after.owner, from: before[field], to: after[field], droppedOut, value: after.value });
  }
  return list.sort(
    (a, b) =>
      a.owner.localeCompare(b.owner, "zh-CN") ||
      Number(b.droppedOut) - Number(a.droppedOut) ||
      (b.value ?? -Infinity) - (a.value ?? -Infinity) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The ids only in one of the two snapshots: clients new this time, and clients gone (an id typed differently is both). */
export function unmatched(from: Snapshot, to: Snapshot): { added: string[]; gone: string[] } {
  return {
    added: [...to.clients.keys()].filter((id) => !from.clients.has(id)).sort(),
    gone: [...from.clients.keys()].filter((id) => !to.clients.has(id)).sort(),
  };
}

// --- the Changes sheet -----------------------------------------------------------------------------

export const CHANGES_TABLES = { movers: "ClientLadder_Movers", unmatched: "ClientLadder_Unmatched" } as const;

/** The labels of a field in their order on the Summary, for the matrix rows. */
export interface FieldOrder {
  tier: readonly string[];
  reviewClass: readonly string[];
  quadrant: readonly string[];
}

/**
 * The Changes sheet: for tier, class and quadrant, the from-to matrix in clients and in value (rows
 * the earlier run, columns the later one, a "new" row and a "gone" column); then the clients who
 * moved tier, by owner; then the ids only one of the two runs had.
 */
export function changesSheet(
  from: Snapshot | undefined,
  to: Snapshot,
  order: FieldOrder,
  top: readonly string[],
  lang: Lang,
  name = SHEET_NAMES[lang].changes,
): OutputSheet {
  const w = WORDS[lang];
  const f = FIELD_NAMES[lang];
  const blocks: OutputBlock[] = [];
  const tables: OutputTable[] = [];
  const moverRows: CellValue[][] = [];
  const unmatchedRows: CellValue[][] = [];
  let row = 2;
  if (!from) blocks.push({ row: 0, column: 0, cells: [[w.changesNone]], title: true });
  else {
    blocks.push({ row: 0, column: 0, cells: [[fill(w.changesTitle, { from: from.date, to: to.date })]], title: true });
    const none = w.notTiered;
    const fields: [MigrationField, string][] = [
      ["tier", w.tier],
      ["reviewClass", w.reviewClass],
      ["quadrant", w.quadrant],
    ];
    for (const [field, word] of fields) {
      const m = migrate(from, to, field, order[field]);
      if (m.labels.length === 0 || (m.labels.length === 1 && m.labels[0] === null)) continue;
      const shown = m.labels.map((l) => l ?? none);
      for (const [what, counts, news, gones, format] of [
        [w.changesClients, m.clients, m.newClients, m.goneClients, "integer"],
        [w.changesValue, m.value, m.newValue, m.goneValue, "money"],
      ] as const) {
        const cells: CellValue[][] = [
          [`${word} · ${what}`],
          [w.changesFrom, ...shown, w.changesGone],
          ...shown.map((label, a) => [label, ...counts[a], gones[a]]),
          [w.changesNew, ...news, null],
        ];
        const formats = cells.map((line, r) => line.map((_, c) => (r >= 2 && c >= 1 ? format : undefined)));
        blocks.push({ row, column: 0, cells, formats });
        row += cells.length + 1;
      }
    }
    for (const mv of movers(from, to, "tier", top)) moverRows.push([mv.owner, mv.id, mv.from ?? none, mv.to ?? none, mv.droppedOut ? "√" : null, mv.value]);
    const { added, gone } = unmatched(from, to);
    for (const id of added) unmatchedRows.push([id, w.unmatchedAdded]);
    for (const id of gone) unmatchedRows.push([id, w.unmatchedGone]);
  }
  blocks.push({ row, column: 0, cells: [[w.movers]], title: true });
  tables.push({
    name: CHANGES_TABLES.movers,
    row: row + 1,
    column: 0,
    columns: [
      { header: f.owner, format: "text", width: 12 },
      { header: f.id, format: "text", width: 14, role: "id" },
      { header: w.moverFrom, format: "text", width: 10 },
      { header: w.moverTo, format: "text", width: 10 },
      { header: w.droppedOut, format: "text", width: 12 },
      { header: f.value, format: "money", width: 14 },
    ],
    rows: moverRows,
  });
  const right = 8;
  blocks.push({ row: 2, column: right, cells: [[w.unmatchedIds]], title: true });
  tables.push({
    name: CHANGES_TABLES.unmatched,
    row: 3,
    column: right,
    columns: [
      { header: f.id, format: "text", width: 14, role: "id" },
      { header: w.remark, format: "text", width: 12 },
    ],
    rows: unmatchedRows,
  });
  return { key: "changes", name, tables, blocks, freezeRows: 0 };
}

/** What moved in tiers since the last run: up, down, new and gone, and the tier matrix (for the pane's preview). */
export interface SinceLast {
  date: string;
  up: number;
  down: number;
  added: number;
  gone: number;
  /** the from-to tier matrix in clients: labels, then clients[from][to], new and gone per label */
  tiers: Pick<Migration, "labels" | "clients" | "newClients" | "goneClients">;
}

export function sinceLastCounts(from: Snapshot, to: Snapshot, tierOrder: readonly string[]): SinceLast {
  let up = 0;
  let down = 0;
  const rank = (label: string | null) => (label === null ? tierOrder.length : Math.max(0, tierOrder.indexOf(label)));
  for (const [id, after] of to.clients) {
    const before = from.clients.get(id);
    if (!before || before.tier === after.tier) continue;
    if (rank(after.tier) < rank(before.tier)) up++;
    else down++;
  }
  const { added, gone } = unmatched(from, to);
  const m = migrate(from, to, "tier", tierOrder);
  return {
    date: from.date,
    up,
    down,
    added: added.length,
    gone: gone.length,
    tiers: { labels: m.labels, clients: m.clients, newClients: m.newClients, goneClients: m.goneClients },
  };
}

/** The Summary's line: how many clients moved up and down a tier, came and went, since the last run. */
export function sinceLastLine(from: Snapshot, to: Snapshot, tierOrder: readonly string[], lang: Lang): string {
  const c = sinceLastCounts(from, to, tierOrder);
  return fill(WORDS[lang].sinceLast, { date: c.date, up: c.up, down: c.down, added: c.added, gone: c.gone });
}
