/*
 * The quarterly review inside the book (issue 11): each run leaves a dated snapshot of every
 * client's tier, class, quadrant, value and owner on a history sheet the add-in owns. The sheet is
 * wide — one row per client, six columns per run date, newest first — so it stays within Excel's
 * rows whatever the book's size. It keeps the last HISTORY_RUNS runs; an older run is summarised
 * (its clients per tier, class and quadrant) in a small table beside, never dropped silently. A
 * run on a date already there replaces that date's snapshot.
 */
import type { Segmentation } from "./job";
import { LANGS, type Lang } from "./lang";
import type { CellValue, OutputColumn, OutputSheet, OutputTable } from "./output";
import { QUADRANT_LABELS, type Quadrant } from "./quadrant";
import { fill } from "./template";
import { textOf } from "./values";
import { FIELD_NAMES, SHEET_NAMES, WORDS } from "./vocabulary";

/** How many runs the history sheet keeps in full. */
export const HISTORY_RUNS = 8;

export const HISTORY_TABLES = { history: "ClientLadder_History", older: "ClientLadder_HistoryOlder" } as const;

/** What a snapshot holds of one client. */
export interface SnapshotRow {
  tier: string | null;
  reviewClass: string | null;
  quadrant: string | null;
  value: number | null;
  owner: string;
  /** the RFM code (rfm_score), when the run scored RFM */
  rfm: number | null;
}

export interface Snapshot {
  /** the run date, ISO yyyy-mm-dd */
  date: string;
  clients: Map<string, SnapshotRow>;
}

/** One line of an older run's summary: how many clients had a label of a field. */
export interface OlderLine {
  date: string;
  field: SnapshotField;
  label: string;
  clients: number;
}

export interface History {
  /** newest first */
  snapshots: Snapshot[];
  older: OlderLine[];
}

export const SNAPSHOT_FIELDS = ["tier", "reviewClass", "quadrant", "value", "owner", "rfm"] as const;
export type SnapshotField = (typeof SNAPSHOT_FIELDS)[number];

/** The header word of a snapshot field, in a language. */
function fieldWord(field: SnapshotField, lang: Lang): string {
  const w = WORDS[lang];
  const f = FIELD_NAMES[lang];
  return { tier: w.tier, reviewClass: w.reviewClass, quadrant: w.quadrant, value: f.value, owner: f.owner, rfm: "RFM" }[field];
}

/** The snapshot of a run: every segmented client by id, labels as the run wrote them; `rfm` the RFM codes in list order (0 for none). */
export function snapshotOf(result: Segmentation, date: string, rfm?: ArrayLike<number>): Snapshot {
  const clients = new Map<string, SnapshotRow>();
  const quadrants = QUADRANT_LABELS[result.lang];
  for (let i = 0; i < result.clients.length; i++) {
    const c = result.clients[i];
    const code = rfm ? rfm[i] : 0;
    clients.set(c.id, {
      tier: c.tier,
      reviewClass: c.reviewClass,
      quadrant: c.quadrant ? quadrants[c.quadrant as Quadrant] : null,
      value: c.value,
      owner: c.owner,
      rfm: code > 0 ? code : null,
    });
  }
  return { date, clients };
}

/** The history with `snapshot` in it: a snapshot of the same date replaced, the oldest beyond `keep` summarised. */
export function withSnapshot(history: History, snapshot: Snapshot, keep = HISTORY_RUNS): History {
  const all = [snapshot, ...history.snapshots.filter((s) => s.date !== snapshot.date)].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const kept = all.slice(0, keep);
  const dropped = all.slice(keep);
  const older = [...history.older.filter((l) => l.date !== snapshot.date), ...dropped.flatMap(summarise)];
  older.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return { snapshots: kept, older };
}

function summarise(snapshot: Snapshot): OlderLine[] {
  const lines: OlderLine[] = [];
  for (const field of ["tier", "reviewClass", "quadrant"] as const) {
    const counts = new Map<string, number>();
    for (const row of snapshot.clients.values()) {
      const label = row[field];
      if (label !== null) counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    for (const [label, clients] of counts) lines.push({ date: snapshot.date, field, label, clients });
  }
  return lines;
}

/** "2026-11-22 分层": the header of a field of a run date. */
function headerOf(date: string, field: SnapshotField, lang: Lang): string {
  return `${date} ${fieldWord(field, lang)}`;
}

/** The field and date a history header names, in either language. */
function parseHeader(text: string): { date: string; field: SnapshotField } | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})\s+(.+)$/.exec(text.trim());
  if (!m) return undefined;
  for (const lang of LANGS) for (const field of SNAPSHOT_FIELDS) if (fieldWord(field, lang) === m[2]) return { date: m[1], field };
  return undefined;
}

// ids and labels read as the run reads ids

/** The history read back from the sheet of the last run (from A1), headers in either language. */
export function historyFromSheet(cells: readonly (readonly unknown[])[] | undefined): History {
  const history: History = { snapshots: [], older: [] };
  if (!cells) return history;
  const idWords = LANGS.map((l) => FIELD_NAMES[l].id);
  const headerRow = cells.findIndex((row) => row.some((c) => idWords.includes(textOf(c))));
  if (headerRow < 0) return history;
  const header = cells[headerRow].map(textOf);
  const idAt = header.findIndex((h) => idWords.includes(h));
  const byDate = new Map<string, Snapshot>();
  const columns: { at: number; date: string; field: SnapshotField }[] = [];
  header.forEach((h, at) => {
    const parsed = parseHeader(h);
    if (!parsed) return;
    columns.push({ at, ...parsed });
    if (!byDate.has(parsed.date)) byDate.set(parsed.date, { date: parsed.date, clients: new Map() });
  });
  for (let r = headerRow + 1; r < cells.length; r++) {
    const row = cells[r] ?? [];
    const id = textOf(row[idAt]);
    if (id === "") continue;
    const seen = new Map<string, SnapshotRow>();
    for (const { at, date, field } of columns) {
      const v = row[at];
      if (v === null || v === undefined || v === "") continue;
      let entry = seen.get(date);
      if (!entry) seen.set(date, (entry = { tier: null, reviewClass: null, quadrant: null, value: null, owner: "", rfm: null }));
      if (field === "value" || field === "rfm") entry[field] = typeof v === "number" ? v : Number.isFinite(Number(v)) ? Number(v) : null;
      else if (field === "owner") entry.owner = textOf(v);
      else entry[field] = textOf(v);
    }
    for (const [date, entry] of seen) byDate.get(date)!.clients.set(id, entry);
  }
  history.snapshots = [...byDate.values()].sort((a, b) => (a.date < b.date ? 1 : -1));
  // the older runs' summary: a table whose header is date, field, label, clients
  for (let r = 0; r < Math.min(cells.length, 5); r++) {
    const row = (cells[r] ?? []).map(textOf);
    for (const lang of LANGS) {
      const words = olderHeaders(lang);
      const start = row.findIndex((h, c) => h === words[0] && words.every((w, k) => row[c + k] === w));
      if (start < 0) continue;
      for (let i = r + 1; i < cells.length; i++) {
        const line = cells[i] ?? [];
        const date = textOf(line[start]);
        const field = SNAPSHOT_FIELDS.find((f) => LANGS.some((l) => fieldWord(f, l) === textOf(line[start + 1])));
        const clients = Number(line[start + 3]);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !field || !Number.isFinite(clients)) continue;
        history.older.push({ date, field, label: textOf(line[start + 2]), clients });
      }
      return history;
    }
  }
  return history;
}

function olderHeaders(lang: Lang): string[] {
  const w = WORDS[lang];
  return [w.date, w.historyField, w.historyLabel, w.clients];
}

/** The history sheet: one row per client of any kept run, six columns per run date (tier, class, quadrant, value, owner, RFM), newest first. */
export function historySheet(history: History, lang: Lang, name = SHEET_NAMES[lang].history): OutputSheet {
  const ids = new Set<string>();
  for (const s of history.snapshots) for (const id of s.clients.keys()) ids.add(id);
  const columns: OutputColumn[] = [{ header: FIELD_NAMES[lang].id, format: "text", width: 14, role: "id" }];
  for (const s of history.snapshots)
    for (const field of SNAPSHOT_FIELDS)
      columns.push({
        header: headerOf(s.date, field, lang),
        format: field === "value" ? "money" : field === "rfm" ? "integer" : "text",
        width: field === "value" ? 14 : field === "rfm" ? 7 : 12,
      });
  const rows: CellValue[][] = [];
  for (const id of ids) {
    const row: CellValue[] = [id];
    for (const s of history.snapshots) {
      const c = s.clients.get(id);
      row.push(c?.tier ?? null, c?.reviewClass ?? null, c?.quadrant ?? null, c?.value ?? null, c ? c.owner || null : null, c?.rfm ?? null);
    }
    rows.push(row);
  }
  const tables: OutputTable[] = [{ name: HISTORY_TABLES.history, row: 1, column: 0, columns, rows }];
  const blocks: OutputSheet["blocks"] = [{ row: 0, column: 0, cells: [[fill(WORDS[lang].historyTitle, { n: HISTORY_RUNS })]], title: true }];
  if (history.older.length > 0) {
    const column = columns.length + 1;
    const [date, field, label, clients] = olderHeaders(lang);
    blocks.push({ row: 0, column, cells: [[WORDS[lang].historyOlder]], title: true });
    tables.push({
      name: HISTORY_TABLES.older,
      row: 1,
      column,
      columns: [
        { header: date, format: "text", width: 12 },
        { header: field, format: "text", width: 10 },
        { header: label, format: "text", width: 12 },
        { header: clients, format: "integer", width: 10 },
      ],
      rows: history.older.map((l) => [l.date, fieldWord(l.field, lang), l.label, l.clients]),
    });
  }
  return { key: "history", name, tables, blocks, freezeRows: 2 };
}
