import { MAX_SHEET_NAME } from "./config";
import { HISTORY_TABLES } from "./history";
import { CHANGES_TABLES } from "./migration";
import { TABLE_NAMES, tableNameBase, type CellValue, type KeptNotes } from "./output";
import { PLAN_TABLES } from "./plan-output";
import { PLAYBOOK_TABLES } from "./playbook";
import { FIELD_NAMES, WORDS, type OutputSheetKey } from "./vocabulary";
import { LANGS } from "./lang";

/*
 * Which sheets a run may replace (SPEC section 5): only those it created. The saved settings say
 * which those were, but settings are only a claim: a sheet is the add-in's when the workbook itself
 * shows it (proveOwnership). A sheet of the same name that people made is never touched: the
 * output goes under a new name and the run says so.
 */

export interface OwnedSheet {
  key: OutputSheetKey;
  name: string;
  /** the sheet's id when it was written (SheetIdentity.id); absent in settings of older runs */
  id?: string;
}

/** A sheet of the workbook as its host shows it. */
export interface SheetIdentity {
  name: string;
  /**
   * An id that stays with the sheet while it lives, whatever its name, prefixed by the kind of
   * host that gives it: "excel:" + Excel's worksheet.id, "xlsx:" + the package's sheetId.
   */
  id: string;
  /** the names of the tables on the sheet */
  tables: string[];
}

/**
 * The tables that mark a sheet as the add-in's, by what it holds. Table names are unique in a
 * workbook, and Excel gives a copied sheet's tables new names: only the sheet a run wrote carries
 * them. (A host that found the name taken writes `name_2`; that counts too.) A function: this
 * module and plan-output import each other.
 */
const markTables = (): Record<OutputSheetKey, readonly string[]> => ({
  segments: [TABLE_NAMES.segments],
  plans: [PLAN_TABLES.plans],
  calendar: [PLAN_TABLES.calendar],
  targets: [PLAN_TABLES.targets],
  summary: [TABLE_NAMES.tiers, TABLE_NAMES.classes, TABLE_NAMES.quadrants, TABLE_NAMES.pareto, TABLE_NAMES.dueSoon],
  playbook: Object.values(PLAYBOOK_TABLES),
  issues: [TABLE_NAMES.issues],
  changes: [CHANGES_TABLES.movers, CHANGES_TABLES.unmatched],
  history: [HISTORY_TABLES.history],
});

/** True when one of `tables` is a table a run writes on a sheet of this kind. */
export function carriesMark(key: OutputSheetKey, tables: readonly string[]): boolean {
  const marks = markTables()[key].map((m) => m.toLowerCase());
  return tables.some((t) => marks.includes(t.toLowerCase()) || marks.includes(tableNameBase(t).toLowerCase()));
}

/** Why a claim of the saved settings was not taken. */
export type RefusalReason = "noMark" | "otherSheet";

export interface Refusal {
  claim: OwnedSheet;
  reason: RefusalReason;
}

const hostKind = (id: string) => id.slice(0, Math.max(0, id.indexOf(":")));

/**
 * The sheets the saved settings claim that the workbook shows the add-in made: the sheet of that
 * name exists, carries the mark of its kind, and, where the claim recorded an id given by the same
 * kind of host, is that very sheet. A claim of a sheet that no longer exists is dropped quietly
 * (people delete output sheets); any other claim not proven is refused, for a Data issues row. At
 * most one sheet per kind, and one kind per sheet.
 */
export function proveOwnership(claims: readonly OwnedSheet[], sheets: readonly SheetIdentity[]): { owned: OwnedSheet[]; refused: Refusal[] } {
  const owned: OwnedSheet[] = [];
  const refused: Refusal[] = [];
  for (const claim of claims) {
    const sheet = sheets.find((s) => same(s.name, claim.name));
    if (!sheet) continue;
    if (owned.some((o) => o.key === claim.key || same(o.name, sheet.name))) continue;
    if (!carriesMark(claim.key, sheet.tables)) refused.push({ claim, reason: "noMark" });
    else if (claim.id && hostKind(claim.id) === hostKind(sheet.id) && claim.id !== sheet.id) refused.push({ claim, reason: "otherSheet" });
    else owned.push({ key: claim.key, name: sheet.name, id: sheet.id });
  }
  return { owned, refused };
}

/**
 * The tab order after a run: the user's sheets first, as they had them; then the add-in's sheets in
 * `output` order; the settings store last. Names are compared without case, as Excel does.
 * @example arrangeTabs(["概览", "客户名单", "_ClientLadder", "备忘"], ["概览"], "_ClientLadder") // ["客户名单", "备忘", "概览", "_ClientLadder"]
 */
export function arrangeTabs(current: readonly string[], output: readonly string[], store?: string): string[] {
  const isOutput = (n: string) => output.some((o) => same(o, n));
  const isStore = (n: string) => store !== undefined && same(n, store);
  const mine = output.map((o) => current.find((n) => same(n, o))).filter((n): n is string => n !== undefined);
  return [...current.filter((n) => !isOutput(n) && !isStore(n)), ...mine, ...current.filter(isStore)];
}

/** Where an output sheet goes (its placement), not a client's service plan. */
export interface SheetPlacement {
  key: OutputSheetKey;
  /** the name to write under */
  name: string;
  /** true when this run replaces a sheet it made before */
  replace: boolean;
  /** the user's sheet whose name was wanted, when the output had to go elsewhere */
  clashedWith?: string;
}

/** Excel compares sheet names without case: the one place that says so. */
export const sameSheetName = (a: string, b: string): boolean => a.toLocaleLowerCase() === b.toLocaleLowerCase();
const same = sameSheetName;

/**
 * Where each output sheet goes, given the sheets that exist and those the last run owned.
 * @example placeSheets([{ key: "segments", name: "客户分层" }], ["客户分层"], []) // -> "客户分层 (2)", clashedWith "客户分层"
 */
export function placeSheets(wanted: readonly OwnedSheet[], existing: readonly string[], owned: readonly OwnedSheet[]): SheetPlacement[] {
  const taken = [...existing];
  const placements: SheetPlacement[] = [];
  for (const w of wanted) {
    const mine = owned.find((o) => o.key === w.key && existing.some((e) => same(e, o.name)));
    if (mine) {
      placements.push({ key: w.key, name: existing.find((e) => same(e, mine.name))!, replace: true });
      continue;
    }
    const clash = taken.find((e) => same(e, w.name));
    if (!clash) {
      placements.push({ key: w.key, name: w.name, replace: false });
      taken.push(w.name);
      continue;
    }
    let n = 2;
    let name = "";
    do {
      const suffix = ` (${n++})`;
      name = w.name.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    } while (taken.some((e) => same(e, name)));
    placements.push({ key: w.key, name, replace: false, clashedWith: clash });
    taken.push(name);
  }
  return placements;
}

/**
 * The notes people typed on a Segments sheet written by an earlier run, by client id. Finds the
 * id and notes columns by their headers in either language, so a run in the other language
 * still keeps them; rows people re-sorted or filtered are found by id all the same.
 */
export function notesFromSheet(cells: readonly (readonly unknown[])[]): KeptNotes {
  return keptByHeader(
    cells,
    LANGS.map((l) => FIELD_NAMES[l].id),
    LANGS.map((l) => WORDS[l].notes),
  );
}

/**
 * The header row of a sheet written by an earlier run (the first row holding an `id` header) and
 * where each wanted column is, by its header in any of the given texts; undefined if one is missing.
 */
export function findColumns<K extends string>(
  cells: readonly (readonly unknown[])[],
  wanted: Record<K, readonly string[]> & { id: readonly string[] },
): { headerRow: number; at: Record<K, number> } | undefined {
  const text = (c: unknown) => (typeof c === "string" ? c.trim() : "");
  const headerRow = cells.findIndex((row) => row.some((c) => wanted.id.includes(text(c))));
  if (headerRow < 0) return undefined;
  const header = cells[headerRow].map(text);
  const at = {} as Record<K, number>;
  for (const key of Object.keys(wanted) as K[]) {
    at[key] = header.findIndex((h) => wanted[key].includes(h));
    if (at[key] < 0) return undefined;
  }
  return { headerRow, at };
}

/** A column typed by people (notes, done marks) by the id in another column, both found by header. */
export function keptByHeader(cells: readonly (readonly unknown[])[], idHeaders: readonly string[], keptHeaders: readonly string[]): Map<string, CellValue> {
  const kept = new Map<string, CellValue>();
  const found = findColumns(cells, { id: idHeaders, kept: keptHeaders });
  if (!found) return kept;
  for (let r = found.headerRow + 1; r < cells.length; r++) {
    const id = cells[r][found.at.id];
    const value = cells[r][found.at.kept];
    if (id === null || id === undefined || id === "") continue;
    if (value === null || value === undefined || value === "") continue;
    kept.set(String(id).trim(), value as CellValue);
  }
  return kept;
}
