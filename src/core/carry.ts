/*
 * Nothing a person typed on the add-in's sheets is lost by a re-run (issue: "nothing typed is lost").
 * The notes and done columns are carried by the sheets themselves (notesFromSheet, doneFromSheet);
 * this module carries the rest:
 *   - columns a person added to the main table of Segments, Plans or the Calendar, row by row by the
 *     row's key (the client id; on the Calendar the client id, action and date), appended to the
 *     table written now;
 *   - what was typed on rows of clients no longer in the client table (their notes, done marks and
 *     added columns): kept in the "kept notes" table beside the Data issues, with the client id, and
 *     put back on the client's row when the client comes back.
 * Every carry is a Data issues row.
 */
import { readDate } from "./dates";
import { textOf } from "./values";
import type { DataIssue } from "./job";
import { LANGS, type Lang } from "./lang";
import type { CellValue, OutputColumn, OutputSheet, OutputTable } from "./output";
import { PLAYBOOK_WORDS } from "./playbook";
import { isFormerPlansColumn } from "./plan-output";
import { FIELD_NAMES, SHEET_NAMES, WORDS, type OutputSheetKey } from "./vocabulary";

/** A value typed by a person whose row is not written this time. */
export interface KeptNote {
  /** the kind of sheet it was typed on */
  sheet: OutputSheetKey;
  id: string;
  /** the row's key as text: the client id, or "id · action · date" on the Calendar */
  row: string;
  column: string;
  value: CellValue;
}

/** The sheets whose main table carries added columns, and the headers that make a row's key. */
const KEYS: Partial<Record<OutputSheetKey, (lang: Lang) => string[]>> = {
  segments: (l) => [FIELD_NAMES[l].id],
  plans: (l) => [FIELD_NAMES[l].id],
  calendar: (l) => [FIELD_NAMES[l].id, WORDS[l].action, WORDS[l].date],
};

export const KEPT_NOTES_TABLE = "ClientLadder_KeptNotes";

// keys, ids and headers read as the run reads ids
const text = textOf;
const fold = (s: string) => s.trim().toLocaleLowerCase();
const blank = (v: unknown) => v === null || v === undefined || v === "" || (typeof v === "string" && v.trim() === "");

/** Each word of the add-in's vocabulary with its words in every language, folded. */
function translations(): Map<string, Set<string>> {
  const dictionaries: Record<Lang, Record<string, string>>[] = [
    WORDS as unknown as Record<Lang, Record<string, string>>,
    FIELD_NAMES as unknown as Record<Lang, Record<string, string>>,
    Object.fromEntries(LANGS.map((l) => [l, PLAYBOOK_WORDS[l].planning])) as unknown as Record<Lang, Record<string, string>>,
  ];
  const all = new Map<string, Set<string>>();
  for (const dictionary of dictionaries)
    for (const key of Object.keys(dictionary[LANGS[0]])) {
      const words = new Set(LANGS.map((l) => fold(String(dictionary[l][key]))));
      for (const w of words) all.set(w, new Set([...(all.get(w) ?? []), ...words]));
    }
  return all;
}

let cachedTranslations: Map<string, Set<string>> | undefined;

/** True when `header` is one of `ours`, in any language. */
function isOurs(header: string, ours: readonly string[]): boolean {
  cachedTranslations ??= translations();
  const folded = fold(header);
  const variants = cachedTranslations.get(folded) ?? new Set([folded]);
  return ours.some((o) => variants.has(fold(o)) || fold(o) === folded);
}

/** A key part as text, the same for a cell read back and a value about to be written (dates by day). */
function keyPart(v: unknown, isDate: boolean): string {
  if (isDate) {
    const d = readDate(v);
    return d.kind === "date" ? `d${d.day}` : blank(v) ? "" : text(v);
  }
  return text(v);
}

interface Found {
  headerRow: number;
  header: string[];
  /** columns of the key, in the order of KEYS */
  keyAt: number[];
}

/** The header row of the main table on a sheet read back: the first row with all the key headers (any language). */
function findHeader(cells: readonly (readonly unknown[])[], keyHeaders: readonly string[]): Found | undefined {
  for (let r = 0; r < Math.min(cells.length, 20); r++) {
    const header = (cells[r] ?? []).map(text);
    const keyAt = keyHeaders.map((k) => header.findIndex((h) => h !== "" && isOurs(h, [k])));
    if (keyAt.every((i) => i >= 0)) return { headerRow: r, header, keyAt };
  }
  return undefined;
}

export interface Carried {
  sheet: OutputSheet;
  /** what was typed on rows of clients that are gone */
  kept: KeptNote[];
  issues: DataIssue[];
}

/**
 * Carries what people typed on the last run's sheet (`old`, its cells from A1) onto the sheet about
 * to be written, and puts back `restore` notes whose client is back. `clientIds` are the clients of
 * this run: a row whose client is not among them is kept as KeptNotes.
 */
export function carryTyped(
  sheet: OutputSheet,
  old: readonly (readonly unknown[])[] | undefined,
  restore: readonly KeptNote[],
  clientIds: ReadonlySet<string>,
  lang: Lang,
): Carried {
  const keyHeaders = KEYS[sheet.key]?.(lang);
  const table = sheet.tables[0];
  // a first run (nothing read back, nothing kept for this sheet) has nothing to carry
  if (!keyHeaders || !table || (!old && !restore.some((n) => n.sheet === sheet.key))) return { sheet, kept: [], issues: [] };
  const newKeyAt = keyHeaders.map((k) => table.columns.findIndex((c) => c.header === k));
  if (newKeyAt.some((i) => i < 0)) return { sheet, kept: [], issues: [] };
  const isDate = keyHeaders.map((k) => k === WORDS[lang].date);
  const rowKey = (values: readonly unknown[], at: readonly number[]) => at.map((i, k) => keyPart(values[i], isDate[k])).join(" · ");
  const idOf = (values: readonly unknown[], at: readonly number[]) => text(values[at[0]]);

  // what was typed, by column header: the added columns and (for kept notes) the notes and done columns
  const typed = new Map<string, Map<string, { id: string; value: CellValue }>>();
  const added: string[] = [];
  const keepOnly = new Set<string>();
  if (old) {
    const found = findHeader(old, keyHeaders);
    if (found) {
      const ours = table.columns.map((c) => String(c.header ?? ""));
      found.header.forEach((h, c) => {
        if (h === "" || found.keyAt.includes(c)) return;
        const role = table.columns.find((col) => isOurs(h, [String(col.header ?? "")]))?.role;
        const isAdded = !isOurs(h, ours);
        // a service column of a service since renamed on the Playbook is the add-in's, not a person's
        if (
          isAdded &&
          sheet.key === "plans" &&
          isFormerPlansColumn(
            h,
            old.slice(found.headerRow + 1).map((row) => row?.[c]),
          )
        )
          return;
        if (!isAdded && role !== "notes" && role !== "done") return;
        if (isAdded) added.push(h);
        else keepOnly.add(h);
        const values = new Map<string, { id: string; value: CellValue }>();
        for (let r = found.headerRow + 1; r < old.length; r++) {
          const row = old[r] ?? [];
          const v = row[c];
          if (blank(v) || blank(row[found.keyAt[0]])) continue;
          values.set(rowKey(row, found.keyAt), { id: idOf(row, found.keyAt), value: (v instanceof Date ? v.toISOString().slice(0, 10) : v) as CellValue });
        }
        typed.set(h, values);
      });
    }
  }
  // notes kept from an earlier run, for this kind of sheet
  for (const note of restore) {
    if (note.sheet !== sheet.key) continue;
    let values = typed.get(note.column);
    if (!values) {
      typed.set(note.column, (values = new Map()));
      if (table.columns.some((c) => isOurs(note.column, [String(c.header ?? "")]))) keepOnly.add(note.column);
      else added.push(note.column);
    }
    if (!values.has(note.row)) values.set(note.row, { id: note.id, value: note.value });
  }

  const issues: DataIssue[] = [];
  const kept: KeptNote[] = [];
  const rows = table.rows;
  const keys = new Set<string>();
  for (const row of rows) keys.add(rowKey(row, newKeyAt));

  // added columns: appended to the table, each value on its row
  const columns: OutputColumn[] = [...table.columns];
  const newRows = added.length ? rows.map((row) => [...row]) : (rows as CellValue[][]);
  for (const header of added) {
    const values = typed.get(header)!;
    // "typed": what a person wrote, carried as it is (never masked, never recomputed)
    columns.push({ header, format: "general", width: Math.min(40, Math.max(10, header.length * 2)), role: "typed" });
    let placed = 0;
    newRows.forEach((row, i) => {
      const hit = values.get(rowKey(rows[i], newKeyAt));
      row.push(hit ? hit.value : null);
      if (hit) placed++;
    });
    issues.push({ row: null, column: header, value: header, issue: { code: "columnCarried", params: { value: header, read: sheet.name, n: placed } } });
  }
  // a restored note on a column of the add-in's (notes, done): onto its row, when that cell is blank
  for (const header of keepOnly) {
    const at = table.columns.findIndex((c) => isOurs(header, [String(c.header ?? "")]));
    const values = typed.get(header)!;
    if (at < 0) continue;
    newRows.forEach((row, i) => {
      const hit = values.get(rowKey(rows[i], newKeyAt));
      if (hit && blank(row[at])) row[at] = hit.value;
    });
  }
  // rows that are not written this time: kept when their client is gone
  // (on the Calendar a done mark of an action that is no longer listed was for that action: it goes with it)
  for (const [column, values] of typed)
    for (const [row, { id, value }] of values) {
      if (keys.has(row) || (clientIds.has(id) && keepOnly.has(column))) continue;
      kept.push({ sheet: sheet.key, id, row, column, value });
      issues.push({ row: null, column, value: id, issue: { code: "noteKept", params: { value: id, read: sheet.name, column } } });
    }
  const carriedTable: OutputTable = { ...table, columns, rows: newRows };
  return { sheet: { ...sheet, tables: [carriedTable, ...sheet.tables.slice(1)] }, kept, issues };
}

/** The kept-notes table's headers, in the output language. */
function keptHeaders(lang: Lang): string[] {
  const w = WORDS[lang];
  return [w.keptSheet, FIELD_NAMES[lang].id, w.keptRow, w.column, w.value];
}

/**
 * Puts the kept notes on a sheet (the Data issues): a title and a table right of what the sheet
 * has, so they travel with the book and the next run reads them back.
 */
export function addKeptNotes(sheet: OutputSheet, kept: readonly KeptNote[], lang: Lang): OutputSheet {
  if (kept.length === 0) return sheet;
  const column = 1 + Math.max(0, ...sheet.tables.map((t) => t.column + t.columns.length));
  return {
    ...sheet,
    blocks: [...sheet.blocks, { row: 0, column, cells: [[WORDS[lang].keptNotes]], title: true }],
    tables: [...sheet.tables, keptNotesTable(kept, lang, column)],
  };
}

function keptNotesTable(kept: readonly KeptNote[], lang: Lang, column: number): OutputTable {
  const [sheet, id, row, col, value] = keptHeaders(lang);
  return {
    name: KEPT_NOTES_TABLE,
    row: 1,
    column,
    columns: [
      { header: sheet, format: "text", width: 10, role: "typed" },
      { header: id, format: "text", width: 14, role: "id" },
      { header: row, format: "text", width: 24, role: "typed" },
      { header: col, format: "text", width: 14, role: "typed" },
      { header: value, format: "general", width: 30, role: "typed" },
    ],
    rows: kept.map((k) => [SHEET_NAMES[lang][k.sheet], k.id, k.row, k.column, k.value]),
  };
}

/** The kind of sheet a sheet name of either language is, among those whose notes are kept. */
function sheetKeyOf(name: string): OutputSheetKey | undefined {
  for (const lang of LANGS) for (const key of Object.keys(KEYS) as OutputSheetKey[]) if (SHEET_NAMES[lang][key] === name) return key;
  return undefined;
}

/** The kept notes read back from the Data issues sheet of the last run (headers in either language). */
export function keptNotesFromSheet(cells: readonly (readonly unknown[])[] | undefined): KeptNote[] {
  if (!cells) return [];
  for (const lang of LANGS) {
    const headers = keptHeaders(lang);
    for (let r = 0; r < Math.min(cells.length, 5); r++) {
      const row = (cells[r] ?? []).map(text);
      const start = row.findIndex((h, c) => h === headers[0] && headers.every((x, k) => row[c + k] === x));
      if (start < 0) continue;
      const notes: KeptNote[] = [];
      for (let i = r + 1; i < cells.length; i++) {
        const line = cells[i] ?? [];
        const [sheet, id, key, column, value] = headers.map((_, k) => line[start + k]);
        const kind = sheetKeyOf(text(sheet));
        if (!kind || blank(id) || blank(column) || blank(value)) continue;
        notes.push({ sheet: kind, id: text(id), row: text(key) || text(id), column: text(column), value: value as CellValue });
      }
      return notes;
    }
  }
  return [];
}
